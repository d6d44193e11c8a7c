"""Facet view models: values with counts over ALL matches, date histograms and countries, from the snapshot's arrays."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from searchapp import schema
# The snapshot and its arrays moved to searchapp.snapshot and searchapp.fieldpostings; these
# names stay importable from here.
from searchapp.fieldpostings import FieldPostings  # noqa: F401
from searchapp.fieldpostings import derive_periods as _derive_periods  # noqa: F401
from searchapp.fieldpostings import read_field as _read_field  # noqa: F401
from searchapp.snapshot import (KEYWORD_FIELDS, IndexData, PlaceGeography,  # noqa: F401
                                build_geography, build_index_data)


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
