"""Entity pages: one person, place or organisation as a whole, computed from the snapshot's facet arrays.

An EntityPage holds what /people/<name>, /places/<name> and /orgs/<name> show and their JSON
twins: the article count, first and last mention, a timeline, who and what appears with it
(counted with np.bincount over the facet postings of its articles, never from stored fields),
the neighbourhood picture, the latest articles and those that mention it most. A place that is
a country is shown as the country: its articles are those naming it or any place in it (the
`country=` filter), and its places are listed by region.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

import numpy as np
from werkzeug.datastructures import MultiDict

from searchapp import gazetteer, neighbourhood, schema
from searchapp import timeline as timelines
from searchapp.entity_articles import ARTICLES, ArticleRef, latest_docnums, most_docnums, refs, spellings
from searchapp.facets import IndexData, country_docs, top_values
from searchapp.request import SearchRequest


@dataclass(frozen=True)
class Kind:
    """One kind of entity page: its URL segment, facet param, index field and labels."""

    segment: str  # "people", "places", "orgs": /<segment>/<name>
    param: str  # the search page's filter param
    field: str
    label: str  # "Person"
    plural: str  # "People"


KINDS: dict[str, Kind] = {
    "people": Kind("people", "person", schema.PEOPLE, "Person", "People"),
    "places": Kind("places", "place", schema.PLACES, "Place", "Places"),
    "orgs": Kind("orgs", "org", schema.ORGANIZATIONS, "Organisation", "Organisations"),
}
KIND_BY_PARAM = {kind.param: kind for kind in KINDS.values()}
APPEARS_WITH = 10  # values listed per kind
NEIGHBOURS = 15  # co-mentions in the picture
REGION_PLACES = 12  # places listed per region of a country


# ---- names in URLs -------------------------------------------------------------------------

def to_slug(name: str) -> str:
    """Return the readable path segment of a name: spaces become underscores ("Helmut_Schlesinger").

    A name that contains an underscore keeps its spaces (percent-encoded), so the slug always
    reads back to the one name.
    """
    return name if "_" in name else name.replace(" ", "_")


def canonical_name(data: IndexData, kind: Kind, slug: str) -> str | None:
    """Return the canonical name a URL's name stands for, or None when nothing has it.

    The exact name wins; then the slug read back ("Helmut_Schlesinger"); then a name equal but
    for case and accents ("zurich" -> "Zürich"). Merges and renames will answer here as well,
    so the view can send a 301 to the canonical page.
    """
    names = _names(data, kind)
    for candidate in (slug, slug.replace("_", " ")):
        if candidate in names and _is_live(data, kind, candidate):
            return candidate
    lookup = data.entity_lookup.get(kind.segment)
    if lookup is None:
        lookup = {}
        for name in sorted(names):
            if _is_live(data, kind, name):
                lookup.setdefault(gazetteer.fold(name), name)
        data.entity_lookup[kind.segment] = lookup
    return lookup.get(gazetteer.fold(slug.replace("_", " ")))


def _is_live(data: IndexData, kind: Kind, name: str) -> bool:
    """Tell whether a live article has the name: a value whose articles were all rewritten
    (merged away by an editor) stays in the segments' terms until they are merged."""
    field = data.fields[kind.field]
    if name not in field.index:
        return True  # a country of the place hierarchy, not a stored value
    return bool(data.live[field.docs_of(name)].any())


def _names(data: IndexData, kind: Kind):
    """The names that have a page of this kind: the facet's values, and for places the countries."""
    names = data.fields[kind.field].index
    if kind.segment == "places" and data.geography is not None:
        return names.keys() | data.geography.countries.index.keys()
    return names.keys()


# ---- view models ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CoMention:
    """A value that appears with the entity: how many articles they share, and where it links."""

    value: str
    kind: str  # the segment of its own page
    count: int
    args: dict  # the search filtered by both
    url: str  # its entity page


@dataclass(frozen=True)
class CoMentionGroup:
    kind: str
    label: str
    values: tuple[CoMention, ...]


@dataclass(frozen=True)
class PlaceCount:
    value: str
    count: int
    url: str


@dataclass(frozen=True)
class RegionGroup:
    """A first-level region of a country and its places (region None: the rest of the country)."""

    name: str | None
    count: int  # articles naming a place of the region (each place counted on its own, summed)
    places: tuple[PlaceCount, ...]
    more: int  # places not listed


@dataclass(frozen=True)
class CountrySection:
    """What a country page adds: its own mentions and its places by region."""

    own_count: int  # articles naming the country itself
    own_args: dict  # the search for the country's name alone (place=)
    regions: tuple[RegionGroup, ...]
    place_count: int  # distinct places of the country in the index
    successors: tuple[str, ...]  # a split historical state's successors


@dataclass(frozen=True)
class Where:
    """A place's position in the hierarchy, for the breadcrumb."""

    kind: str  # gazetteer kind: country, region, city, historic, unknown
    region: str | None
    region_url: str | None  # its page, when the region is itself a place in the index
    country: str | None
    country_url: str | None
    successors: tuple[tuple[str, str | None], ...]  # a split state's successors: (name, page URL)


@dataclass(frozen=True)
class EntityPage:
    """Everything an entity page and its JSON twin show."""

    kind: Kind
    name: str
    is_country: bool
    count: int
    first: str | None
    last: str | None
    aliases: tuple[str, ...]
    aliases_known: bool  # False: an index written before spellings were kept
    search_args: dict  # all its articles on the search page
    timeline: timelines.Timeline
    appears_with: tuple[CoMentionGroup, ...]
    picture: neighbourhood.Picture
    latest: tuple[ArticleRef, ...]
    most: tuple[ArticleRef, ...]
    where: Where | None
    country: CountrySection | None
    corpus_size: int
    index_version: int


# ---- building ------------------------------------------------------------------------------

def is_country_page(data: IndexData, kind: Kind, name: str) -> bool:
    """Whether /places/<name> is a country page (its articles: the country and its places)."""
    if kind.segment != "places" or data.geography is None:
        return False
    return name in data.geography.countries.index


def subject(data: IndexData, kind: Kind, name: str) -> tuple[np.ndarray, dict]:
    """Return the entity's articles as a mask, and the search args that find the same articles."""
    if is_country_page(data, kind, name):
        return data.docs_mask(country_docs(data, name)), SearchRequest.from_args({"country": [name]}).to_args()
    docs = data.fields[kind.field].docs_of(name)
    return data.docs_mask(docs), SearchRequest.from_args({kind.param: [name]}).to_args()


def request_from(args: dict) -> SearchRequest:
    """Read search args (to_args() output: strings or lists of strings) back into a request."""
    return SearchRequest.from_args(MultiDict(
        [(k, item) for k, v in args.items() for item in (v if isinstance(v, list) else [v])]))


def _with(args: dict, param: str, value: str) -> dict:
    return request_from(args).toggle(param, value).to_args()


def _appears_with(data: IndexData, kind: Kind, name: str, mask: np.ndarray, args: dict,
                  skip_places: np.ndarray | None, entity_url: Callable[[str, str], str]
                  ) -> tuple[tuple[CoMentionGroup, ...], list[CoMention], dict]:
    """Count co-mentions per kind over the entity's articles; also return the strongest overall."""
    groups, everything, counts_by_field = [], [], {}
    docs = np.flatnonzero(mask)
    for other in KINDS.values():
        postings = data.fields[other.field]
        counts = postings.count_docs(docs, mask)
        counts_by_field[other.field] = counts.copy()
        if other is kind and name in postings.index:
            counts[postings.index[name]] = 0
        if other.segment == "places" and skip_places is not None:
            counts[skip_places] = 0
        pairs, _more = top_values(counts, postings, max(APPEARS_WITH, NEIGHBOURS))
        values = [CoMention(value, other.segment, count, _with(args, other.param, value),
                            entity_url(other.segment, value)) for value, count in pairs]
        everything += values
        groups.append(CoMentionGroup(other.segment, other.plural, tuple(values[:APPEARS_WITH])))
    everything.sort(key=lambda c: (-c.count, c.value, c.kind))
    return tuple(groups), everything[:NEIGHBOURS], counts_by_field


def build_picture(data: IndexData, kind: Kind, name: str, mask: np.ndarray,
                  strongest: list[CoMention], entity_url) -> neighbourhood.Picture:
    """Lay out the entity and its strongest co-mentions; lines between them count shared articles."""
    docs = np.flatnonzero(mask)
    doc_sets = []
    for c in strongest:
        found = data.fields[KINDS[c.kind].field].docs_of(c.value)
        doc_sets.append(found[mask[found]])
    between = neighbourhood.pair_counts(doc_sets, docs)
    return neighbourhood.layout((name, kind.segment, entity_url(kind.segment, name)),
                                [(c.value, c.kind, c.count, c.url) for c in strongest], between)


def _where(data: IndexData, name: str, entity_url) -> Where:
    loc = gazetteer.locate(name)
    places = data.fields[schema.PLACES].index
    countries = data.geography.countries.index if data.geography else {}
    region = loc.region if loc.region and loc.region != name else None
    country = loc.country if loc.country and loc.country != name else None
    return Where(loc.kind, region,
                 entity_url("places", region) if region in places else None,
                 country, entity_url("places", country) if country in countries else None,
                 tuple((s, entity_url("places", s) if s in countries else None)
                       for s in loc.successors) if gazetteer.is_split_state(name) else ())


def _country_section(data: IndexData, name: str, place_counts: np.ndarray,
                     entity_url) -> CountrySection:
    geo = data.geography
    postings = data.fields[schema.PLACES]
    ids = geo.places_in[geo.countries.index[name]]
    own = int(place_counts[postings.index[name]]) if name in postings.index else 0
    grouped: dict[str | None, list[int]] = {}
    for i in ids:
        if place_counts[i] > 0 and postings.values[i] != name:
            grouped.setdefault(geo.locations[i].region, []).append(int(i))
    regions = []
    for region, members in grouped.items():
        members.sort(key=lambda i: (-place_counts[i], postings.values[i]))
        regions.append(RegionGroup(
            region, int(sum(place_counts[i] for i in members)),
            tuple(PlaceCount(postings.values[i], int(place_counts[i]),
                             entity_url("places", postings.values[i]))
                  for i in members[:REGION_PLACES]),
            max(0, len(members) - REGION_PLACES)))
    # Named regions by size; the places without a region last.
    regions.sort(key=lambda r: (r.name is None, -r.count, r.name or ""))
    loc = gazetteer.locate(name)
    return CountrySection(own, SearchRequest.from_args({"place": [name]}).to_args(), tuple(regions),
                          sum(len(m) for m in grouped.values()),
                          loc.successors if gazetteer.is_split_state(name) else ())


def build_page(searcher, data: IndexData, kind: Kind, name: str,
               entity_url: Callable[[str, str], str]) -> EntityPage:
    """Build the page of the entity `name` (a canonical name: see canonical_name)."""
    mask, args = subject(data, kind, name)
    country = is_country_page(data, kind, name)
    skip_places = None
    if country:
        geo = data.geography
        skip_places = geo.places_in[geo.countries.index[name]]
    groups, strongest, counts = _appears_with(data, kind, name, mask, args, skip_places, entity_url)
    dated = data.day[mask]
    dated = dated[dated > 0]
    aliases = spellings(searcher, data, kind, name)
    return EntityPage(
        kind=kind, name=name, is_country=country, count=int(mask.sum()),
        first=date.fromordinal(int(dated.min())).isoformat() if len(dated) else None,
        last=date.fromordinal(int(dated.max())).isoformat() if len(dated) else None,
        aliases=aliases or (), aliases_known=aliases is not None,
        search_args=args,
        timeline=timelines.build_timeline(data, mask, request_from(args)),
        appears_with=groups,
        picture=build_picture(data, kind, name, mask, strongest, entity_url),
        latest=refs(searcher, latest_docnums(data, mask)),
        most=refs(searcher, *most_docnums(searcher, data, kind, mask, name)),
        where=_where(data, name, entity_url) if kind.segment == "places" else None,
        country=_country_section(data, name, counts[schema.PLACES], entity_url) if country else None,
        corpus_size=int(data.live.sum()), index_version=data.generation,
    )
