"""Facet helpers over the snapshot's arrays: the top values of a count, countries, co-mentions.

The snapshot moved to snapshot.py and fieldpostings.py, the view models to facet_models.py;
their old names still import from here.
"""
from __future__ import annotations

import numpy as np

from searchapp import schema
# The snapshot and its arrays moved to searchapp.snapshot and searchapp.fieldpostings; these
# names stay importable from here.
from searchapp.fieldpostings import FieldPostings  # noqa: F401
from searchapp.fieldpostings import derive_periods as _derive_periods  # noqa: F401
from searchapp.fieldpostings import read_field as _read_field  # noqa: F401
from searchapp.snapshot import (KEYWORD_FIELDS, IndexData, PlaceGeography,  # noqa: F401
                                build_geography, build_index_data)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def top_values(counts: np.ndarray, postings: FieldPostings, limit: int,
               always: tuple[str, ...] = ()) -> tuple[list[tuple[str, int]], int]:
    """Return the top `limit` (value, count) pairs with count > 0, plus `always` values; and how many more."""
    nonzero = int(np.count_nonzero(counts))
    if limit < len(counts) and limit < nonzero:
        top = np.argpartition(-counts, limit)[:limit]
    else:
        top = np.flatnonzero(counts)
    pairs = [(postings.values[i], int(counts[i])) for i in top if counts[i] > 0]
    pairs.sort(key=lambda vc: (-vc[1], vc[0]))
    shown = {v for v, _ in pairs}
    for value in always:
        if value not in shown:
            i = postings.index.get(value)
            pairs.append((value, int(counts[i]) if i is not None else 0))
    return pairs, max(0, nonzero - len([p for p in pairs if p[1] > 0]))


# The facet view models moved to facet_models.py; their old names still import from here.
_MOVED_TO_FACET_MODELS = frozenset({
    "FacetValue", "FacetGroup", "DateBucket", "DateHistogram", "PlaceUnder", "CountryValue",
    "build_groups", "published_histogram", "mentioned_histogram", "top_years", "facet_search",
    "country_values", "MAX_YEAR_BUCKETS", "MAX_MENTIONED_YEARS", "FACET_SEARCH_LIMIT",
    "COUNTRY_PLACES"})


def __getattr__(name: str):
    # Imported on first use: facet_models imports this module (PEP 562 module __getattr__).
    if name in _MOVED_TO_FACET_MODELS:
        from searchapp import facet_models

        return getattr(facet_models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---- countries: the place hierarchy over the matches -----------------------------------

def country_docs(data: IndexData, country: str) -> np.ndarray:
    """Return the docnums that name the country or any place in it (deleted ones included)."""
    return data.geography.countries.docs_of(country)


def country_mask(data: IndexData, country: str) -> np.ndarray:
    """Return the mask of live documents that name the country or any place in it."""
    return data.docs_mask(country_docs(data, country))


def co_mentions(data: IndexData, mask: np.ndarray, field: str, limit: int,
                skip: frozenset = frozenset()) -> list[tuple[str, int]]:
    """Return the values of field most often in the documents of mask, with their counts."""
    postings = data.fields[field]
    counts = postings.count(mask)
    for value in skip:
        i = postings.index.get(value)
        if i is not None:
            counts[i] = 0
    pairs, _more = top_values(counts, postings, limit)
    return pairs
