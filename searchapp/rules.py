"""Editors' rules over entity names (merge, rename, hide, retype), applied after corpus-wide resolution.

A rule names a canonical value of a kind ("person", "place", "org") as corpus-wide resolution
gives it, and says what it becomes:
    merge   ("person", "Schelsinger") -> "Helmut Schlesinger"  (another value of the same kind)
    rename  ("person", "Helmut Schlesinger") -> "Helmut Schlesinger (Bundesbank)"
    hide    ("person", "Easter")                                (not an entity)
    retype  ("person", "Bass Strait") -> "place"
Rules are one more input of the pure resolution function: Rules.apply() maps one article's
Entities, and Rules.fingerprint changes whenever the outcome may, so the indexer knows when
stored articles must be re-resolved. load_rules() reads them from the index folder.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from searchapp.articles import Entities

KINDS = ("person", "place", "org")
# Kind -> the Entities attribute that holds its values.
KIND_FIELDS = {"person": "people", "place": "places", "org": "organizations"}
KIND_LABELS = {"person": "person", "place": "place", "org": "organisation"}
# Long enough for any real name (the longest Reuters value is 72 characters), short enough for a facet.
MAX_NAME_LENGTH = 200


class RuleError(ValueError):
    """A rule that cannot be kept: a bad kind or name, a merge into itself, a cycle."""


def check_kind(kind: str) -> str:
    """Return kind if it is one of KINDS.

    Raises:
        RuleError: any other kind.
    """
    if kind not in KINDS:
        raise RuleError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    return kind


def check_name(name: str, what: str = "name") -> str:
    """Return name without surrounding spaces, if it can be an entity value.

    Raises:
        RuleError: empty, too long, a control character, or a comma (values are comma-separated).
    """
    name = (name or "").strip()
    if not name:
        raise RuleError(f"the {what} is empty")
    if len(name) > MAX_NAME_LENGTH:
        raise RuleError(f"the {what} is {len(name)} characters long; at most {MAX_NAME_LENGTH} are allowed")
    for char in name:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            raise RuleError(f"the {what} contains a control character (U+{ord(char):04X})")
    if "," in name:
        raise RuleError(f"the {what} contains a comma, which the index uses to separate values")
    return name


@dataclass(frozen=True)
class Rules:
    """A consistent set of rules: each (kind, value) has at most one rule of each sort."""

    merges: Mapping[tuple[str, str], str] = field(default_factory=dict)
    renames: Mapping[tuple[str, str], str] = field(default_factory=dict)
    hidden: frozenset[tuple[str, str]] = frozenset()
    retypes: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        """Tell whether there is no rule at all."""
        return not (self.merges or self.renames or self.hidden or self.retypes)

    @property
    def fingerprint(self) -> str:
        """A short hash of every rule: equal rules, equal fingerprints."""
        data = json.dumps([sorted(map(list, self.merges.items())), sorted(map(list, self.renames.items())),
                           sorted(map(list, self.hidden)), sorted(map(list, self.retypes.items()))],
                          ensure_ascii=False, default=list)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]

    def next_key(self, kind: str, value: str) -> tuple[str, str] | None:
        """The (kind, value) one rule step leads to: a retype, else a merge; None when none does."""
        if (kind, value) in self.hidden:
            return None
        if (kind, value) in self.retypes:
            return self.retypes[(kind, value)], value
        if (kind, value) in self.merges:
            return kind, self.merges[(kind, value)]
        return None

    def find_cycle(self) -> list[tuple[str, str]] | None:
        """Return the first cycle of merges and retypes (A -> B -> A) as its keys, or None."""
        done: set[tuple[str, str]] = set()
        for start in sorted(set(self.merges) | set(self.retypes)):
            path: list[tuple[str, str]] = []
            on_path: set[tuple[str, str]] = set()
            key: tuple[str, str] | None = start
            while key is not None and key not in done:
                if key in on_path:
                    return path[path.index(key):] + [key]
                path.append(key)
                on_path.add(key)
                key = self.next_key(*key)
            done.update(path)
        return None

    def final(self, kind: str, value: str) -> tuple[str, str] | None:
        """Return the (kind, value) the rules make of a value (itself when none applies), or
        None when it is hidden: where a merged, renamed or retyped name now lives."""
        return self._final(kind, value)

    def _final(self, kind: str, value: str) -> tuple[str, str] | None:
        """Follow retype, merge (chains: A -> B -> C) and rename; None when hidden."""
        seen = set()
        while (kind, value) not in seen:
            seen.add((kind, value))
            if (kind, value) in self.hidden:
                return None
            if (kind, value) in self.retypes:
                kind = self.retypes[(kind, value)]
                continue
            if (kind, value) in self.merges:
                value = self.merges[(kind, value)]
                continue
            break
        return kind, self.renames.get((kind, value), value)

    def apply(self, entities: Entities) -> Entities:
        """Return the article's entities with every rule applied (pure)."""
        if self.is_empty():
            return entities
        out: dict[str, set[str]] = {kind: set() for kind in KINDS}
        for kind, attribute in KIND_FIELDS.items():
            for value in getattr(entities, attribute):
                final = self._final(kind, value)
                if final is not None:
                    out[final[0]].add(final[1])
        return replace(entities, **{attribute: tuple(sorted(out[kind]))
                                    for kind, attribute in KIND_FIELDS.items()})


NO_RULES = Rules()


def load_rules(index_dir: Path) -> Rules:
    """Return the rules kept in index_dir's curation store (NO_RULES when there is none)."""
    from searchapp.curation import read_rules

    return read_rules(Path(index_dir))
