"""Facet counting over ALL matches with numpy arrays built once per index version."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from whoosh.analysis import STOP_WORDS

from searchapp import gazetteer, schema
from searchapp.postings import SegmentFiles, raw_postings, read_leaf
from searchapp.scoring import TextIndex

# Fields whose values are counted as facets or used as exact filters.
KEYWORD_FIELDS = (schema.PEOPLE, schema.PLACES, schema.ORGANIZATIONS, schema.COUNTRIES,
                  schema.SOURCES, schema.DATES)


class FieldPostings:
    """The postings of one exact-valued field as flat arrays: value id <-> docnums."""

    def __init__(self, values: list[str], doc_ids: np.ndarray, value_ids: np.ndarray) -> None:
        # Sort postings by value so each value's docnums are one contiguous slice.
        order = np.lexsort((doc_ids, value_ids))
        self.values = values
        self.index = {v: i for i, v in enumerate(values)}
        self.doc_ids = doc_ids[order].astype(np.int32)
        self.value_ids = value_ids[order].astype(np.int32)
        counts = np.bincount(self.value_ids, minlength=len(values))
        self.offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)

    def docs_of(self, value: str) -> np.ndarray:
        """Return the docnums that have value (empty for an unknown value)."""
        i = self.index.get(value)
        if i is None:
            return np.empty(0, dtype=np.int32)
        return self.doc_ids[self.offsets[i]:self.offsets[i + 1]]

    def count(self, mask: np.ndarray) -> np.ndarray:
        """Count, for each value, the documents in mask that have it."""
        return np.bincount(self.value_ids[mask[self.doc_ids]], minlength=len(self.values))

    def count_once(self, mask: np.ndarray) -> np.ndarray:
        """Like count(), but a second call with the very same mask object returns the first result.

        One search counts the places twice (the place facet, the countries facet): 1.5 ms each
        at 180,000 articles. Callers treat the result as read-only and never change mask after.
        """
        last = getattr(self, "_last", None)
        if last is not None and last[0] is mask:
            return last[1]
        counts = self.count(mask)
        counts.flags.writeable = False
        self._last = (mask, counts)
        return counts

    def count_docs(self, docs: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Count like count(mask), where docs = np.flatnonzero(mask); faster when docs are few.

        For a few documents (an entity's articles) the postings are read by document, from a
        copy sorted by docnum made on first use: the work follows those documents' postings,
        not every posting of the field (3 ms per field at 180,000 articles).
        """
        offsets = self.doc_offsets()
        if len(docs) * 8 > len(offsets) - 1:
            return self.count(mask)
        docs = docs[docs < len(offsets) - 1]  # past the last docnum that has a value: none
        starts = offsets[docs].astype(np.int64)
        lengths = offsets[docs + 1] - starts
        total = int(lengths.sum())
        if not total:
            return np.zeros(len(self.values), dtype=np.int64)
        # Every position starts[i] .. starts[i] + lengths[i] - 1, without a Python loop.
        positions = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
        return np.bincount(self._by_doc_values[positions], minlength=len(self.values))

    def doc_offsets(self) -> np.ndarray:
        """Where each docnum's values start in the docnum-sorted copy (built on first use)."""
        if getattr(self, "_by_doc_offsets", None) is None:
            order = np.argsort(self.doc_ids, kind="stable")
            n_docs = int(self.doc_ids.max()) + 1 if len(self.doc_ids) else 0
            self._by_doc_values = self.value_ids[order]
            self._by_doc_offsets = np.concatenate(
                ([0], np.cumsum(np.bincount(self.doc_ids, minlength=n_docs)))).astype(np.int32)
        return self._by_doc_offsets

    def nbytes(self) -> int:
        by_doc = getattr(self, "_by_doc_offsets", None)
        extra = 0 if by_doc is None else by_doc.nbytes + self._by_doc_values.nbytes
        return self.doc_ids.nbytes + self.value_ids.nbytes + self.offsets.nbytes + extra


def _read_field(reader, field: str) -> FieldPostings:
    """Read every value of field with its docnums, segment by segment.

    From the segment's postings files when it has them (searchapp.postings: whole arrays, no
    per-value work); otherwise through Whoosh, but not through the MultiReader: its lexicon()
    and postings() look each value up in every segment, 6.5 s of a 13 s snapshot build at
    18,000 articles in 4 segments.
    """
    index: dict[str, int] = {}  # value -> id in reading order
    doc_chunks: list[np.ndarray] = []
    value_chunks: list[np.ndarray] = []
    for leaf, base in reader.leaf_readers():
        files = SegmentFiles.open(leaf)
        if files is not None and files.covers(field):
            found = files.field(field)
            if found is None:
                continue
            ids = np.fromiter((index.setdefault(t.decode("utf-8"), len(index))
                               for t in found.terms.tolist()), dtype=np.int32, count=len(found.terms))
            value_chunks.append(np.repeat(ids, found.doc_frequencies()))
            doc_chunks.append(np.asarray(found.docs, dtype=np.int32) + base)
            continue
        if field not in leaf.indexed_field_names():
            continue
        for term in leaf.lexicon(field):
            ids = read_leaf(raw_postings(leaf, field, term))[0] + base  # deleted ones too
            value_id = index.setdefault(term.decode("utf-8"), len(index))
            value_chunks.append(np.full(len(ids), value_id, dtype=np.int32))
            doc_chunks.append(ids)
    if not index:
        return FieldPostings([], np.empty(0, np.int32), np.empty(0, np.int32))
    values = sorted(index)
    renumber = np.empty(len(values), dtype=np.int32)
    renumber[[index[v] for v in values]] = np.arange(len(values), dtype=np.int32)
    return FieldPostings(values, np.concatenate(doc_chunks), renumber[np.concatenate(value_chunks)])


def _derive_periods(dates: FieldPostings, length: int) -> FieldPostings:
    """Group mentioned dates by period: length 4 -> years, 7 -> months; one posting per doc and period."""
    keep = [i for i, v in enumerate(dates.values) if len(v) >= length]
    periods = sorted({dates.values[i][:length] for i in keep})
    period_index = {p: j for j, p in enumerate(periods)}
    mapping = np.full(len(dates.values), -1, dtype=np.int32)
    for i in keep:
        mapping[i] = period_index[dates.values[i][:length]]
    pid = mapping[dates.value_ids]
    ok = pid >= 0
    pairs = np.unique(np.stack([pid[ok], dates.doc_ids[ok]]), axis=1) if ok.any() else np.empty((2, 0), np.int32)
    return FieldPostings(periods, pairs[1].astype(np.int32), pairs[0].astype(np.int32))


@dataclass
class PlaceGeography:
    """Where each place value sits, and the documents of each country, derived from the place postings."""

    locations: tuple  # gazetteer.Location per place value id
    country_ids: np.ndarray  # int32 per place value id: its country's id in `countries`, -1 none
    countries: FieldPostings  # country -> docnums naming the country or any place in it
    places_in: tuple  # per country id: the place value ids in it (int32 array)

    def nbytes(self) -> int:
        return self.country_ids.nbytes + self.countries.nbytes() + sum(a.nbytes for a in self.places_in)


def build_geography(places: FieldPostings) -> PlaceGeography:
    """Map every place value to its country, and derive (country, docnum) postings from the places'.

    A document belongs to a country once, however many of its places lie there: the union.
    """
    locations = tuple(gazetteer.locate(v) for v in places.values)
    names = sorted({loc.country for loc in locations if loc.country})
    ids = {name: i for i, name in enumerate(names)}
    country_ids = np.array([ids[loc.country] if loc.country else -1 for loc in locations],
                           dtype=np.int32)
    per_posting = country_ids[places.value_ids] if len(places.values) else np.empty(0, np.int32)
    keep = per_posting >= 0
    # One key per (country, doc) pair; np.unique on int64 keys is much faster than on columns.
    n_docs = int(places.doc_ids.max()) + 1 if len(places.doc_ids) else 1
    keys = np.unique(per_posting[keep].astype(np.int64) * n_docs + places.doc_ids[keep])
    countries = FieldPostings(names, (keys % n_docs).astype(np.int32), (keys // n_docs).astype(np.int32))
    order = np.argsort(country_ids, kind="stable")
    bounds = np.searchsorted(country_ids[order], np.arange(len(names) + 1))
    places_in = tuple(order[bounds[i]:bounds[i + 1]].astype(np.int32) for i in range(len(names)))
    return PlaceGeography(locations, country_ids, countries, places_in)


@dataclass
class IndexData:
    """Everything facet counting needs for one version of the index, as numpy arrays."""

    generation: int
    doc_count_all: int
    live: np.ndarray  # bool per docnum: not deleted
    day: np.ndarray  # int32 per docnum: date.toordinal() of publication, 0 when unknown
    year: np.ndarray  # int16 per docnum, 0 when unknown
    month: np.ndarray  # int32 per docnum: year * 12 + month - 1, 0 when unknown
    fields: dict[str, FieldPostings]
    mentioned_years: FieldPostings
    mentioned_months: FieldPostings
    text: TextIndex  # postings of the text fields, read on demand, for matching and scoring
    geography: PlaceGeography | None = None  # the place hierarchy over this version's places
    build_seconds: float = 0.0
    entity_lookup: dict = field(default_factory=dict)  # entity_pages: folded name -> name, per kind

    def nbytes(self) -> int:
        arrays = self.live.nbytes + self.day.nbytes + self.year.nbytes + self.month.nbytes
        return arrays + sum(f.nbytes() for f in self.fields.values()) + \
            self.mentioned_years.nbytes() + self.mentioned_months.nbytes() + self.text.nbytes() + \
            (self.geography.nbytes() if self.geography else 0)

    def all_mask(self) -> np.ndarray:
        """Return a mask of every live document."""
        return self.live.copy()

    def docs_mask(self, docnums: np.ndarray) -> np.ndarray:
        """Turn docnums into a mask over live documents."""
        mask = np.zeros(self.doc_count_all, dtype=bool)
        mask[docnums] = True
        mask &= self.live
        return mask


def build_index_data(reader, generation: int) -> IndexData:
    """Read the day column and every keyword field's postings into arrays."""
    import time

    gazetteer.gazetteer()  # loaded once per process, before the clock: a rebuild does not pay it
    started = time.perf_counter()
    n = reader.doc_count_all()
    live = np.ones(n, dtype=bool)
    if reader.has_deletions():
        for docnum in range(n):
            if reader.is_deleted(docnum):
                live[docnum] = False
    if n and reader.has_column(schema.DAY):
        day = np.asarray(list(reader.column_reader(schema.DAY)), dtype=np.int32)
    else:
        day = np.zeros(n, dtype=np.int32)
    # Distinct days are few (thousands), so convert each once.
    year = np.zeros(n, dtype=np.int16)
    month = np.zeros(n, dtype=np.int32)
    for d in np.unique(day):
        if d > 0:
            dt = date.fromordinal(int(d))
            sel = day == d
            year[sel] = dt.year
            month[sel] = dt.year * 12 + dt.month - 1
    fields = {f: _read_field(reader, f) for f in KEYWORD_FIELDS}
    for f in (schema.PEOPLE, schema.PLACES, schema.ORGANIZATIONS):
        fields[f].doc_offsets()  # entity pages count co-mentions by document (count_docs)
    text = TextIndex(reader)
    # Stop words are never prefix expansions (search.expand_prefix): no need to read them.
    text.warm(schema.WORDS, (schema.TITLE, schema.BODY), skip=STOP_WORDS)
    data = IndexData(
        generation=generation, doc_count_all=n, live=live, day=day, year=year, month=month,
        fields=fields,
        mentioned_years=_derive_periods(fields[schema.DATES], 4),
        mentioned_months=_derive_periods(fields[schema.DATES], 7),
        text=text,
        geography=build_geography(fields[schema.PLACES]),
    )
    data.build_seconds = time.perf_counter() - started
    return data


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
