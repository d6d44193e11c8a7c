"""The editors' rule store: rules, their history (the audit log, with what undo needs), dismissed suggestions; SQLite in the index folder.

index/curation.sqlite3, next to the extraction cache, so `--rebuild` keeps it and a backup of the
folder carries it. Each rule occupies one slot of a (kind, value):
    fate  one of merge (target: the value it joins), hide, retype (target: the new kind)
    name  rename (target: the display name)
A change (Change) rewrites slots; its history row keeps every touched slot's before and after,
so undoing it is writing the befores back, refused when a later change rewrote the same slot.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from searchapp.changes import (ACTIONS, SLOT, Change, HistoryEntry, Rule, Slot, canonical,
                               check_rules, rules_from_table, slot_change, undone_table)
from searchapp.rules import KINDS, NO_RULES, RuleError, Rules

STORE_FILE = "curation.sqlite3"
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rules (
  kind TEXT NOT NULL, value TEXT NOT NULL, slot TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT NOT NULL,
  PRIMARY KEY (kind, value, slot));
CREATE TABLE IF NOT EXISTS changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL,
  action TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, target TEXT NOT NULL,
  articles INTEGER, undoes INTEGER, undone_by INTEGER, slots TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dismissed (
  kind TEXT NOT NULL, value TEXT NOT NULL, target TEXT NOT NULL, at TEXT NOT NULL, user TEXT NOT NULL,
  PRIMARY KEY (kind, value, target));
"""


class CurationStore:
    """The rule store of one index folder; open one per use and close it (or use `with`)."""

    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir) / STORE_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        with self._db:
            self._db.executescript(_SCHEMA)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif int(row[0]) > SCHEMA_VERSION:
                raise RuntimeError(f"{self.path} has schema version {row[0]}; this searchapp "
                                   f"reads up to {SCHEMA_VERSION}: upgrade searchapp")

    def __enter__(self) -> CurationStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # Reading rules

    def table(self) -> dict[Slot, Rule]:
        """Every rule: {(kind, value, slot): (action, target)}."""
        return {(k, v, s): (a, t) for k, v, s, a, t in
                self._db.execute("SELECT kind, value, slot, action, target FROM rules")}

    def rules(self) -> Rules:
        """The rules as the pure Rules the resolution applies."""
        return rules_from_table(self.table())

    # Changing rules

    def apply(self, change: Change, user: str) -> HistoryEntry:
        """Check a change, keep it and record it; return its history entry (articles not yet counted).

        Raises:
            RuleError: the change is malformed, has nothing to do, or would make a cycle.
        """
        table = self.table()
        change = canonical(table, change.checked())
        return self._record(change.action, change.kind, change.value, change.target, user,
                            [slot_change(table, change)])

    def replace_all(self, new: dict[Slot, Rule], source: str, user: str) -> HistoryEntry | None:
        """Make new the whole rule set (an import); None when it equals the current one.

        Raises:
            RuleError: the new rules make a cycle.
        """
        check_rules(rules_from_table(new))
        table = self.table()
        slots = [(key, table.get(key), new.get(key)) for key in sorted(set(table) | set(new))
                 if table.get(key) != new.get(key)]
        if not slots:
            return None
        return self._record("import", "", source, f"{len(new)} rules, {len(slots)} changed",
                            user, slots)

    def undo(self, change_id: int | None, user: str) -> HistoryEntry:
        """Reverse a change (the newest undoable one when change_id is None) and record the undo.

        Raises:
            RuleError: no such change, already undone, an undo itself, a later change rewrote
                the same rule, or putting the old rules back would make a cycle.
        """
        if change_id is None:
            row = self._db.execute("SELECT id FROM changes WHERE action != 'undo' AND undone_by IS NULL "
                                   "ORDER BY id DESC LIMIT 1").fetchone()
            if row is None:
                raise RuleError("there is no change to undo")
            change_id = row[0]
        entry = self.entry(change_id)
        if entry is None:
            raise RuleError(f"there is no change #{change_id}")
        if entry.action == "undo":
            raise RuleError(f"change #{change_id} is an undo; to redo change #{entry.undoes}, make it again")
        if entry.undone_by is not None:
            raise RuleError(f"change #{change_id} was already undone by change #{entry.undone_by}")
        undone_table(self.table(), entry, self._last_change_of)
        undo = self._record("undo", entry.kind, entry.value, str(change_id), user,
                            [(key, after, before) for key, before, after in entry.slots],
                            undoes=change_id)
        with self._db:
            self._db.execute("UPDATE changes SET undone_by = ? WHERE id = ?", (undo.id, change_id))
        return undo

    def set_articles(self, change_id: int, articles: int) -> None:
        """Record how many articles a change rewrote."""
        with self._db:
            self._db.execute("UPDATE changes SET articles = ? WHERE id = ?", (articles, change_id))

    def _record(self, action: str, kind: str, value: str, target: str, user: str,
                slots: list[tuple[Slot, Rule | None, Rule | None]],
                undoes: int | None = None) -> HistoryEntry:
        at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        data = json.dumps([[list(key), before and list(before), after and list(after)]
                           for key, before, after in slots], ensure_ascii=False)
        with self._db:
            for key, _before, after in slots:
                if after is None:
                    self._db.execute("DELETE FROM rules WHERE kind = ? AND value = ? AND slot = ?", key)
                else:
                    self._db.execute("INSERT OR REPLACE INTO rules VALUES (?, ?, ?, ?, ?)", (*key, *after))
            cursor = self._db.execute(
                "INSERT INTO changes (at, user, action, kind, value, target, undoes, slots) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (at, user, action, kind, value, target, undoes, data))
        return self.entry(cursor.lastrowid)

    def _last_change_of(self, key: Slot) -> int | None:
        for entry in self.history():
            if any(k == key for k, _b, _a in entry.slots):
                return entry.id
        return None

    # History

    def entry(self, change_id: int) -> HistoryEntry | None:
        rows = list(self._select("WHERE id = ?", (change_id,)))
        return rows[0] if rows else None

    def history(self, limit: int | None = None) -> list[HistoryEntry]:
        """The changes, newest first."""
        return list(self._select("ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else ""), ()))

    def _select(self, where: str, args: tuple) -> Iterable[HistoryEntry]:
        for row in self._db.execute(
                "SELECT id, at, user, action, kind, value, target, articles, undoes, undone_by, slots "
                f"FROM changes {where}", args):
            slots = tuple((tuple(key), before and tuple(before), after and tuple(after))
                          for key, before, after in json.loads(row[10]))
            yield HistoryEntry(*row[:10], slots)

    # Dismissed suggestions

    def dismiss(self, kind: str, value: str, into: str, user: str) -> None:
        """Remember that a suggested merge was dismissed, so it is not suggested again."""
        at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO dismissed VALUES (?, ?, ?, ?, ?)",
                             (kind, value, into, at, user))

    def dismissed(self) -> set[tuple[str, str, str]]:
        return set(self._db.execute("SELECT kind, value, target FROM dismissed"))


def read_rules(index_dir: Path) -> Rules:
    """Return the rules of index_dir; NO_RULES when it has no curation store."""
    if not (Path(index_dir) / STORE_FILE).exists():
        return NO_RULES
    with closing(CurationStore(index_dir)) as store:
        return store.rules()


# Change and its kin live in changes.py; edits, rulefile and the views still import them from here.
__all__ = ["ACTIONS", "KINDS", "SLOT", "Change", "CurationStore", "HistoryEntry", "Rule", "RuleError",
           "Slot", "check_rules", "read_rules", "rules_from_table"]
