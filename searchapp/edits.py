"""One editor's change end to end, for the CLI and the web alike: keep the rule, re-resolve the articles, record how many.

    Change --CurationStore.apply--> a rule and a history row --reresolve_index--> rewritten articles
    --set_articles--> the history row says how many
"""
from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import filelock

from searchapp.curation import Change, CurationStore, HistoryEntry, Rule, Slot
from searchapp.locking import LOCK_FILE, IndexBusy
from searchapp.rules import KIND_LABELS


@dataclass(frozen=True)
class EditResult:
    """What a change did: its history entry (with the article count) and warnings to show."""

    entry: HistoryEntry
    warnings: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        n = self.entry.articles or 0
        return f"Change #{self.entry.id}: {self.entry.description}; {n} article{'s' if n != 1 else ''} updated."


def check_not_busy(index_dir: Path) -> None:
    """Raise IndexBusy when a `searchapp index` run holds the index, so a web request that
    cannot wait for it says so before keeping anything."""
    lock = filelock.FileLock(str(Path(index_dir) / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        raise IndexBusy("an indexing run is updating the index; try again when it has finished") from None
    lock.release()


def _reresolve(index_dir: Path, store: CurationStore, entry: HistoryEntry) -> HistoryEntry:
    # The contract with corpus-wide resolution: one call re-resolves every stored article
    # from its pre-rule values with the current rules, and says how many it rewrote.
    from searchapp.resolution import reresolve_index

    store.set_articles(entry.id, reresolve_index(index_dir))
    return store.entry(entry.id)


def _unknown(index_dir: Path, keys: list[tuple[str, str]]) -> tuple[str, ...]:
    from searchapp.resolution import known_values

    known = known_values(index_dir)
    return tuple(f"no article has the {KIND_LABELS[kind]} {value!r} yet; the rule is kept and "
                 "applies when one does" for kind, value in keys if value not in known[kind])


def apply_change(index_dir: Path, change: Change, user: str, wait: bool = True) -> EditResult:
    """Keep a change and rewrite the articles it touches; unless wait, refuse while indexing runs.

    Raises:
        RuleError: the change is malformed or would make a cycle (nothing is kept).
        IndexBusy: wait is False and an indexing run holds the index (nothing is kept).
    """
    if not wait:
        check_not_busy(index_dir)
    with closing(CurationStore(index_dir)) as store:
        entry = store.apply(change, user)
        warnings = _unknown(Path(index_dir), [(entry.kind, entry.value)])
        return EditResult(_reresolve(Path(index_dir), store, entry), warnings)


def undo_change(index_dir: Path, change_id: int | None, user: str, wait: bool = True) -> EditResult:
    """Undo a change and rewrite the articles; unless wait, refuse while indexing runs.

    Raises:
        RuleError: the change cannot be undone (the message says why).
        IndexBusy: wait is False and an indexing run holds the index.
    """
    if not wait:
        check_not_busy(index_dir)
    with closing(CurationStore(index_dir)) as store:
        entry = store.undo(change_id, user)
        return EditResult(_reresolve(Path(index_dir), store, entry))


def import_table(index_dir: Path, table: dict[Slot, Rule], source: str, user: str) -> EditResult | None:
    """Make table the whole rule set and rewrite the articles; None when nothing changes.

    Raises:
        RuleError: the rules make a cycle.
    """
    with closing(CurationStore(index_dir)) as store:
        entry = store.replace_all(table, source, user)
        if entry is None:
            return None
        warnings = _unknown(Path(index_dir), sorted({(k, v) for k, v, _s in table}))
        return EditResult(_reresolve(Path(index_dir), store, entry), warnings)
