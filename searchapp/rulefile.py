"""The rules as a plain CSV file an archive can keep in version control: write_rules() and parse_rules().

One rule a line, after a header line, sorted so equal rule sets give identical files:

    action,kind,value,target
    hide,person,Easter,
    merge,person,Schelsinger,Helmut Schlesinger
    rename,org,EC,European Community
    retype,person,Bass Strait,place

action is merge, rename, hide or retype; kind is person, place or org; target is the value to
merge into, the new name, or the new kind (empty for hide). Values are written as they are:
a name such as "=SUM(A1)" or "<b>" is text, to be read back by `searchapp entities import`,
not opened as a spreadsheet formula.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from searchapp.curation import SLOT, Change, Rule, Slot, check_rules, rules_from_table
from searchapp.rules import RuleError

HEADER = ["action", "kind", "value", "target"]
FILE_ACTIONS = ("merge", "rename", "hide", "retype")


class RuleFileError(ValueError):
    """Errors in a rules file, each with its line number; nothing of the file was applied."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def write_rules(table: dict[Slot, Rule]) -> str:
    """Return the CSV text of a rule table."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    rows = sorted((action, kind, value, target) for (kind, value, _slot), (action, target) in table.items())
    writer.writerows(rows)
    return out.getvalue()


def parse_rules(lines: Iterable[str]) -> dict[Slot, Rule]:
    """Read a rules file into a rule table.

    Raises:
        RuleFileError: every bad line (unknown action or kind, empty or bad name, a merge into
            itself, two rules for one value) and any cycle.
    """
    errors: list[str] = []
    table: dict[Slot, Rule] = {}
    where: dict[Slot, int] = {}
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        raise RuleFileError(["line 1: the file is empty; it must start with the header "
                             + ",".join(HEADER)])
    if [h.strip().lower() for h in header] != HEADER:
        errors.append(f"line 1: the header must be {','.join(HEADER)}, not {','.join(header)}")
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) not in (3, 4):
            errors.append(f"line {line}: expected 4 columns ({','.join(HEADER)}), found {len(row)}")
            continue
        action, kind, value, target = (row + [""])[:4]
        action = action.strip().lower()
        if action not in FILE_ACTIONS:
            errors.append(f"line {line}: unknown action {action!r}: use one of {', '.join(FILE_ACTIONS)}")
            continue
        try:
            change = Change(action, kind.strip(), value, target).checked()
        except RuleError as exc:
            errors.append(f"line {line}: {exc}")
            continue
        key = (change.kind, change.value, SLOT[action])
        if key in table:
            errors.append(f"line {line}: {change.kind} {change.value!r} already has a rule on line "
                          f"{where[key]} ({table[key][0]})")
            continue
        table[key] = ("hide", "") if action == "hide" else (action, change.target)
        where[key] = line
    if not errors:
        try:
            check_rules(rules_from_table(table))
        except RuleError as exc:
            first = min(where[(k, v, "fate")] for k, v in _cycle_keys(table))
            errors.append(f"line {first}: {exc}")
    if errors:
        raise RuleFileError(errors)
    return table


def _cycle_keys(table: dict[Slot, Rule]) -> list[tuple[str, str]]:
    return rules_from_table(table).find_cycle()[:-1]
