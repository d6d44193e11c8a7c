"""Facet counting over ALL matches with numpy arrays built once per index version, and facet view models."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

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


# ---- view models -------------------------------------------------------------------------

@dataclass(frozen=True)
class FacetValue:
    """One value of a facet with its count over all matches and the args that toggle it."""

    value: str
    count: int
    selected: bool
    excluded: bool
    toggle_args: dict  # the search args with this value added (or removed when selected)
    exclude_args: dict  # the search args with this value excluded (or un-excluded)


@dataclass(frozen=True)
class FacetGroup:
    """A facet: its name, label, and the values to show."""

    param: str
    label: str
    values: tuple[FacetValue, ...]
    more: int  # how many more values have matches than are shown
    expanded: bool  # whether "show more" is on for this facet


@dataclass(frozen=True)
class DateBucket:
    """One bar of a date histogram."""

    label: str
    start: str  # ISO date, first day of the bucket
    end: str  # ISO date, last day of the bucket
    count: int
    height: int  # percent of the tallest bar
    args: dict  # the search args that filter to this bucket
    selected: bool


@dataclass(frozen=True)
class DateHistogram:
    """A date facet: buckets at the level (year, month, day) that fits the matches' span."""

    param: str  # "published" or "mentioned"
    label: str
    level: str
    buckets: tuple[DateBucket, ...]
    up_args: dict | None  # the args that widen the range again (None at the top)


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


def build_groups(data: IndexData, mask: np.ndarray, req, facet_size: int,
                 more_size: int) -> tuple[FacetGroup, ...]:
    """Count people, places and organisations over all matches and make their view models."""
    groups = []
    for facet in schema.FACETS:
        postings = data.fields[facet.field]
        counts = postings.count_once(mask)
        expanded = facet.param in req.more
        selected = req.values(facet.param)
        excluded = req.excluded(facet.param)
        pairs, more = top_values(counts, postings, more_size if expanded else facet_size,
                                 always=selected + excluded)
        values = tuple(
            FacetValue(value=value, count=count, selected=value in selected,
                       excluded=value in excluded,
                       toggle_args=req.toggle(facet.param, value).to_args(),
                       exclude_args=req.toggle_exclude(facet.param, value).to_args())
            for value, count in pairs
        )
        # Selected and excluded values first, so they stay in view.
        values = tuple(sorted(values, key=lambda v: not (v.selected or v.excluded)))
        groups.append(FacetGroup(facet.param, facet.label, values, more, expanded))
    return tuple(groups)


def _month_end(year: int, month: int) -> date:
    """Return the last day of a month (month 1-12)."""
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_YEAR_BUCKETS = 80
# Each bar of the mentioned-dates histogram carries several links: at 80 years it was ~40% of the
# landing page's rendering, and a long tail of years mentioned once or twice says little.
MAX_MENTIONED_YEARS = 30


def published_histogram(data: IndexData, mask: np.ndarray, req) -> DateHistogram:
    """Histogram of publication dates of the matches: years, or months/days when they fit in one."""
    dated = mask & (data.day > 0)
    buckets: list[tuple[str, date, date, int]] = []
    level = "year"
    up_args = None
    if dated.any():
        days = data.day[dated]
        first, last = date.fromordinal(int(days.min())), date.fromordinal(int(days.max()))
        if first.year != last.year:
            years = data.year[dated].astype(np.int64)
            hi = int(years.max())
            lo = max(int(years.min()), hi - MAX_YEAR_BUCKETS + 1)
            counts = np.bincount(years[years >= lo] - lo, minlength=hi - lo + 1)
            for i, count in enumerate(counts):
                y = lo + i
                buckets.append((str(y), date(y, 1, 1), date(y, 12, 31), int(count)))
        elif (first.month != last.month):
            level = "month"
            counts = np.bincount(data.month[dated] - first.year * 12, minlength=12)
            for m in range(12):
                buckets.append((f"{MONTHS[m]} {first.year}", date(first.year, m + 1, 1),
                                _month_end(first.year, m + 1), int(counts[m])))
        else:
            level = "day"
            start = date(first.year, first.month, 1)
            end = _month_end(first.year, first.month)
            counts = np.bincount(days - start.toordinal(), minlength=end.day)
            for d in range(end.day):
                day = date.fromordinal(start.toordinal() + d)
                buckets.append((str(day.day), day, day, int(counts[d])))
    if req.date_from or req.date_to:
        up_args = req.with_dates(None, None).to_args()
    tallest = max((b[3] for b in buckets), default=0) or 1
    return DateHistogram(
        param="published", label="Published", level=level, up_args=up_args,
        buckets=tuple(
            DateBucket(label=label, start=s.isoformat(), end=e.isoformat(), count=count,
                       height=round(100 * count / tallest),
                       args=req.with_dates(s, e).to_args(),
                       selected=req.date_from == s and req.date_to == e)
            for label, s, e, count in buckets
        ),
    )


def top_years(keep: list[int], counts: np.ndarray, years: FieldPostings, selected: tuple[str, ...],
              limit: int) -> list[int]:
    """Keep the `limit` most mentioned of the year ids in keep, and every selected year, in year order."""
    if len(keep) <= limit:
        return keep
    # Year ids follow year order, so the id breaks ties: the earlier year wins.
    top = set(sorted(keep, key=lambda i: (-counts[i], i))[:limit])
    return [i for i in keep if i in top or years.values[i] in selected]


def mentioned_histogram(data: IndexData, mask: np.ndarray, req) -> DateHistogram:
    """Histogram of the dates the matches mention: by year, or by month inside a chosen year."""
    years = [p for p in req.mentioned if len(p) == 4]
    if len(years) == 1:
        postings, level = data.mentioned_months, "month"
        keep = [i for i, v in enumerate(postings.values) if v.startswith(years[0])]
    else:
        postings, level = data.mentioned_years, "year"
        keep = list(range(len(postings.values)))
    counts = postings.count(mask) if postings.values else np.zeros(0, dtype=np.int64)
    keep = [i for i in keep if counts[i] > 0]
    if level == "year":
        keep = top_years(keep, counts, postings, req.mentioned, MAX_MENTIONED_YEARS)
    tallest = max((int(counts[i]) for i in keep), default=0) or 1
    buckets = []
    for i in keep:
        period = postings.values[i]
        if level == "month":
            y, m = int(period[:4]), int(period[5:7])
            label, s, e = f"{MONTHS[m - 1]} {y}", date(y, m, 1), _month_end(y, m)
        else:
            y = int(period)
            label, s, e = period, date(y, 1, 1), date(y, 12, 31)
        args = req.toggle_mentioned(period).to_args()
        buckets.append(DateBucket(label=label, start=s.isoformat(), end=e.isoformat(),
                                  count=int(counts[i]), height=round(100 * counts[i] / tallest),
                                  args=args, selected=period in req.mentioned))
    return DateHistogram(param="mentioned", label="Dates mentioned", level=level,
                         buckets=tuple(buckets), up_args=None)


FACET_SEARCH_LIMIT = 50


def facet_search(data: IndexData, mask: np.ndarray, facet, req, text: str) -> tuple[FacetValue, ...]:
    """Return the facet's values that contain text (any case), most frequent among the matches first."""
    postings = data.fields[facet.field]
    counts = postings.count(mask)
    needle = text.casefold()
    found = [(v, int(counts[i])) for i, v in enumerate(postings.values)
             if counts[i] > 0 and needle in v.casefold()]
    found.sort(key=lambda vc: (-vc[1], vc[0]))
    selected, excluded = req.values(facet.param), req.excluded(facet.param)
    return tuple(
        FacetValue(value=v, count=c, selected=v in selected, excluded=v in excluded,
                   toggle_args=req.toggle(facet.param, v).to_args(),
                   exclude_args=req.toggle_exclude(facet.param, v).to_args())
        for v, c in found[:FACET_SEARCH_LIMIT]
    )


# ---- countries: the place hierarchy over the matches -----------------------------------

def country_docs(data: IndexData, country: str) -> np.ndarray:
    """Return the docnums that name the country or any place in it (deleted ones included)."""
    return data.geography.countries.docs_of(country)


def country_mask(data: IndexData, country: str) -> np.ndarray:
    """Return the mask of live documents that name the country or any place in it."""
    return data.docs_mask(country_docs(data, country))


@dataclass(frozen=True)
class PlaceUnder:
    """A place shown beneath its country, with its count over the matches."""

    value: str
    count: int
    args: dict  # the search args with this place added as a filter


@dataclass(frozen=True)
class CountryValue:
    """A country in the countries facet: articles naming it or a place in it, and its top places."""

    value: str
    count: int
    selected: bool
    toggle_args: dict
    places: tuple[PlaceUnder, ...]


COUNTRY_PLACES = 3  # places shown beneath each country


def country_values(data: IndexData, mask: np.ndarray, req, limit: int) -> tuple[CountryValue, ...]:
    """Count countries over all matches (a document once per country) with their top places."""
    geo = data.geography
    if geo is None or not geo.countries.values:
        return ()
    counts = geo.countries.count(mask)
    pairs, _more = top_values(counts, geo.countries, limit, always=req.countries)
    place_postings = data.fields[schema.PLACES]
    place_counts = place_postings.count_once(mask)
    values = []
    for name, count in pairs:
        ids = geo.places_in[geo.countries.index[name]] if name in geo.countries.index else ()
        ids = [i for i in ids if place_counts[i] > 0 and place_postings.values[i] != name]
        ids.sort(key=lambda i: (-place_counts[i], place_postings.values[i]))
        places = tuple(PlaceUnder(place_postings.values[i], int(place_counts[i]),
                                  req.toggle("place", place_postings.values[i]).to_args())
                       for i in ids[:COUNTRY_PLACES])
        values.append(CountryValue(name, count, name in req.countries,
                                   req.toggle_country(name).to_args(), places))
    return tuple(sorted(values, key=lambda v: not v.selected))


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
