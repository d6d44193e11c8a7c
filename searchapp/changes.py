"""An editor's change as values: Change (checked at the edge), HistoryEntry, and what a change or an undo does to the rule table.

The rule table maps each slot of a (kind, value) to its rule:
    {(kind, value, "fate"): ("merge", target) | ("hide", "") | ("retype", new kind),
     (kind, value, "name"): ("rename", display name)}
Everything here is pure; CurationStore (curation.py) keeps the table and the history in SQLite.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from searchapp.rules import KIND_LABELS, RuleError, Rules, check_kind, check_name

ACTIONS = ("merge", "rename", "hide", "unhide", "retype")
# Which slot each action writes.
SLOT = {"merge": "fate", "hide": "fate", "unhide": "fate", "retype": "fate", "rename": "name"}

Slot = tuple[str, str, str]  # (kind, value, slot)
Rule = tuple[str, str]  # (action, target)


@dataclass(frozen=True)
class Change:
    """One editor's request: an action on a (kind, value), with its target when it needs one.

    merge: target is the value to merge into; rename: the new name; retype: the new kind;
    hide and unhide: no target.
    """

    action: str
    kind: str
    value: str
    target: str = ""

    def checked(self) -> Change:
        """Return the change with names stripped, if it is well formed.

        Raises:
            RuleError: unknown action or kind, bad name, merge into itself, retype to its own kind.
        """
        if self.action not in ACTIONS:
            raise RuleError(f"unknown action {self.action!r}: use one of {', '.join(ACTIONS)}")
        kind = check_kind(self.kind)
        value = check_name(self.value, "value")
        target = ""
        if self.action == "merge":
            target = check_name(self.target, "value to merge into")
            if target == value:
                raise RuleError(f"cannot merge {value!r} into itself")
        elif self.action == "rename":
            target = check_name(self.target, "new name")
            if target == value:
                raise RuleError(f"{value!r} is already called that")
        elif self.action == "retype":
            target = check_kind(self.target)
            if target == kind:
                raise RuleError(f"{value!r} is already a {KIND_LABELS[kind]}")
        return Change(self.action, kind, value, target)

    def describe(self) -> str:
        """Say what the change does, in words."""
        label = KIND_LABELS.get(self.kind, self.kind)
        return {
            "merge": f"merge {label} {self.value!r} into {self.target!r}",
            "rename": f"rename {label} {self.value!r} to {self.target!r}",
            "hide": f"hide {label} {self.value!r}",
            "unhide": f"unhide {label} {self.value!r}",
            "retype": f"{self.value!r} is a {KIND_LABELS.get(self.target, self.target)}, not a {label}",
        }.get(self.action, self.action)


@dataclass(frozen=True)
class HistoryEntry:
    """One row of the history: who did what when, how many articles it rewrote, and its undo state."""

    id: int
    at: str
    user: str
    action: str
    kind: str
    value: str
    target: str
    articles: int | None
    undoes: int | None
    undone_by: int | None
    slots: tuple[tuple[Slot, Rule | None, Rule | None], ...]

    @property
    def description(self) -> str:
        if self.action == "undo":
            return f"undo change #{self.undoes}"
        if self.action == "import":
            return f"import {self.value} ({self.target})"
        return Change(self.action, self.kind, self.value, self.target).describe()

    @property
    def can_undo(self) -> bool:
        return self.action != "undo" and self.undone_by is None

    def to_json(self) -> dict:
        return {"id": self.id, "at": self.at, "user": self.user, "action": self.action,
                "kind": self.kind, "value": self.value, "target": self.target,
                "description": self.description, "articles": self.articles,
                "undoes": self.undoes, "undone_by": self.undone_by}


def slot_change(table: dict[Slot, Rule], change: Change) -> tuple[Slot, Rule | None, Rule | None]:
    """Return (slot, rule before, rule after) for a checked, canonical change on table.

    Raises:
        RuleError: unhiding what is not hidden, a change that is already the rule, or one that
            would make a cycle.
    """
    key: Slot = (change.kind, change.value, SLOT[change.action])
    before = table.get(key)
    if change.action == "unhide":
        if before != ("hide", ""):
            raise RuleError(f"{KIND_LABELS[change.kind]} {change.value!r} is not hidden")
        after = None
    elif change.action == "hide":
        after = ("hide", "")
    elif change.action == "rename" and change.target == change.value:
        after = None  # renamed back to the value's own name: no rename any more
    else:
        after = (change.action, change.target)
    if before == after:
        raise RuleError(f"nothing to do: {change.describe()} is already a rule")
    new = dict(table)
    _set(new, key, after)
    check_rules(rules_from_table(new))
    return key, before, after


def canonical(table: dict[Slot, Rule], change: Change) -> Change:
    """Key a change on the values rules are keyed on: a displayed (renamed) name -> its value.

    Rules name values as resolution gives them; after a rename the pages show the new name,
    and an action on it means the value that was renamed.
    """
    reverse = {(k, t): v for (k, v, s), (a, t) in table.items() if s == "name"}
    value = reverse.get((change.kind, change.value), change.value)
    target = change.target
    if change.action == "merge":
        target = reverse.get((change.kind, target), target)
        if target == value:
            raise RuleError(f"cannot merge {change.value!r} into itself")
    return Change(change.action, change.kind, value, target)


def undone_table(table: dict[Slot, Rule], entry: HistoryEntry,
                 last_change_of: Callable[[Slot], int | None]) -> dict[Slot, Rule]:
    """Return table with entry's befores written back.

    Raises:
        RuleError: a later change (last_change_of says which) rewrote one of its slots, or the
            old rules would make a cycle.
    """
    new = dict(table)
    for key, before, after in entry.slots:
        if table.get(key) != after:
            later = last_change_of(key)
            raise RuleError(
                f"cannot undo change #{entry.id}: change #{later} changed the same rule "
                f"({KIND_LABELS.get(key[0], key[0])} {key[1]!r}) later; undo #{later} first")
        _set(new, key, before)
    try:
        check_rules(rules_from_table(new))
    except RuleError as exc:
        raise RuleError(f"cannot undo change #{entry.id}: {exc}") from None
    return new


def _set(table: dict[Slot, Rule], key: Slot, rule: Rule | None) -> None:
    if rule is None:
        table.pop(key, None)
    else:
        table[key] = rule


def rules_from_table(table: dict[Slot, Rule]) -> Rules:
    """Turn the stored rows into Rules."""
    merges, renames, retypes, hidden = {}, {}, {}, set()
    for (kind, value, _slot), (action, target) in table.items():
        if action == "merge":
            merges[(kind, value)] = target
        elif action == "rename":
            renames[(kind, value)] = target
        elif action == "retype":
            retypes[(kind, value)] = target
        elif action == "hide":
            hidden.add((kind, value))
    return Rules(merges, renames, frozenset(hidden), retypes)


def check_rules(rules: Rules) -> None:
    """Raise RuleError when the merges and retypes make a cycle."""
    cycle = rules.find_cycle()
    if cycle:
        path = " -> ".join(f"{KIND_LABELS.get(k, k)} {v!r}" for k, v in cycle)
        raise RuleError(f"the rules would make a cycle: {path}")
