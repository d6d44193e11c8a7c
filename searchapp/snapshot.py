"""The snapshot of one index version: dates, keyword postings, places and text as numpy arrays, and the masks of a request's filters."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from whoosh.analysis import STOP_WORDS

from searchapp import gazetteer, schema
from searchapp.fieldpostings import FieldPostings, derive_periods, read_field
from searchapp.scoring import TextIndex

# Fields whose values are counted as facets or used as exact filters.
KEYWORD_FIELDS = (schema.PEOPLE, schema.PLACES, schema.ORGANIZATIONS, schema.COUNTRIES,
                  schema.SOURCES, schema.DATES)


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

    def mask_for(self, req) -> np.ndarray:
        """Return the mask of live documents that pass every filter of req (its text aside)."""
        mask = self.all_mask()
        for facet in schema.FACETS:
            postings = self.fields[facet.field]
            for value in req.values(facet.param):
                mask &= self.docs_mask(postings.docs_of(value))
            for value in req.excluded(facet.param):
                mask[postings.docs_of(value)] = False
        for country in req.countries:
            mask &= self.docs_mask(self.country_docs(country))
        for period in req.mentioned:
            source = {4: self.mentioned_years, 7: self.mentioned_months}.get(
                len(period), self.fields[schema.DATES])
            mask &= self.docs_mask(source.docs_of(period))
        if req.date_from:
            mask &= self.day >= req.date_from.toordinal()
        if req.date_to:
            mask &= (self.day <= req.date_to.toordinal()) & (self.day > 0)
        return mask

    def country_docs(self, country: str) -> np.ndarray:
        """Return the docnums that name the country or any place in it (deleted ones included)."""
        return self.geography.countries.docs_of(country)


def build_index_data(reader, generation: int) -> IndexData:
    """Read the day column and every keyword field's postings into arrays."""
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
    fields = {f: read_field(reader, f) for f in KEYWORD_FIELDS}
    for f in (schema.PEOPLE, schema.PLACES, schema.ORGANIZATIONS):
        fields[f].doc_offsets()  # entity pages count co-mentions by document (count_docs)
    text = TextIndex(reader)
    # Stop words are never prefix expansions (search.expand_prefix): no need to read them.
    text.warm(schema.WORDS, (schema.TITLE, schema.BODY), skip=STOP_WORDS)
    data = IndexData(
        generation=generation, doc_count_all=n, live=live, day=day, year=year, month=month,
        fields=fields,
        mentioned_years=derive_periods(fields[schema.DATES], 4),
        mentioned_months=derive_periods(fields[schema.DATES], 7),
        text=text,
        geography=build_geography(fields[schema.PLACES]),
    )
    data.build_seconds = time.perf_counter() - started
    return data
