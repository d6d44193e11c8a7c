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
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from searchapp.articles import Entities

KINDS = ("person", "place", "org")
# Kind -> the Entities attribute that holds its values.
KIND_FIELDS = {"person": "people", "place": "places", "org": "organizations"}


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
    """Return the rules kept in index_dir (none yet: the curation store is not written)."""
    del index_dir  # the editors' rule store (issue 11) reads its SQLite file from here
    return NO_RULES
