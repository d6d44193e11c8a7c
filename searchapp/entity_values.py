"""Entity values with their article counts, from one index version's facet arrays: `entities list`, type-ahead, review."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from searchapp import schema
from searchapp.facets import IndexData
from searchapp.rules import KINDS

# Kind -> the index field that holds its values.
KIND_INDEX_FIELDS = {"person": schema.PEOPLE, "place": schema.PLACES, "org": schema.ORGANIZATIONS}
# Facet URL param <-> kind: the same three words.
PARAM_KINDS = {"person": "person", "place": "place", "org": "org"}


@dataclass(frozen=True)
class EntityValue:
    """One value of a kind and in how many live articles it appears."""

    kind: str
    value: str
    count: int

    def to_json(self) -> dict:
        return {"kind": self.kind, "value": self.value, "count": self.count}


def value_counts(data: IndexData, kind: str) -> tuple[list[str], np.ndarray]:
    """Return a kind's values and, aligned with them, their live article counts."""
    postings = data.fields[KIND_INDEX_FIELDS[kind]]
    return postings.values, postings.count(data.live)


def list_values(data: IndexData, kinds: tuple[str, ...] = KINDS, like: str = "",
                min_count: int = 1, limit: int | None = None) -> list[EntityValue]:
    """Return the values of kinds that contain `like` (any case) and appear at least min_count
    times, most frequent first, then by name."""
    needle = like.casefold()
    out = []
    for kind in kinds:
        values, counts = value_counts(data, kind)
        for value, count in zip(values, counts.tolist()):
            if count >= max(min_count, 1) and (not needle or needle in value.casefold()):
                out.append(EntityValue(kind, value, count))
    out.sort(key=lambda v: (-v.count, v.value.casefold(), v.kind))
    return out[:limit] if limit else out
