"""The search page's view model: hits, sort orders, active filters, pages and facets, each link a URL."""
from __future__ import annotations

from dataclasses import dataclass

from searchapp import schema
from searchapp.request import SORT_ORDERS, SearchRequest
from searchapp.viewmodels import (CountryLink, FacetBox, Field, HistogramBox, Urls,
                                  country_links, facet_box, hidden_fields, histogram_box)

# The args the search box's own controls send (the box, the page, the order, the date form),
# left out of the hidden state the box carries along.
_BOX_ARGS = ("q", "page", "sort", "from", "to")
HIT_ENTITIES = 6  # names of each kind shown under a hit


# ---- hits, sorting, filters, pages ---------------------------------------------------------

@dataclass(frozen=True)
class EntityLink:
    """A name and the URL it links to."""

    value: str
    url: str


@dataclass(frozen=True)
class EntityLinks:
    """The names of one facet (schema.FACETS: label and param) with their links."""

    label: str
    param: str
    links: tuple[EntityLink, ...]


@dataclass(frozen=True)
class HitLink:
    """A hit of the results list: the search.Hit, its permalink and its names' pages."""

    hit: object  # search.Hit
    url: str  # the permalink, carrying the search for highlights and the way back
    entities: tuple[EntityLinks, ...]  # the kinds it names, FACETS order


@dataclass(frozen=True)
class SortLink:
    """One order of the results: its label, and its URL unless it is the current one."""

    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class Chip:
    """One active filter, with the link that removes it."""

    text: str
    remove_url: str
    remove_label: str  # what the × says to a screen reader
    excluded: bool = False
    edit_kind: str = ""  # the facet param of an editable name ("" for none)
    edit_value: str = ""


@dataclass(frozen=True)
class PageLink:
    """A numbered page link; the current page has no link to follow."""

    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pager:
    """The pagination bar: previous, the pages around this one, next."""

    prev_url: str | None
    pages: tuple[PageLink, ...]
    next_url: str | None


@dataclass(frozen=True)
class RelaxedLink:
    """A search without one of the filters, offered when nothing matches all of them."""

    label: str
    url: str
    total: int


PAGES_AROUND = 3  # page links either side of the current page


def hit_link(hit, req_args: dict, urls: Urls) -> HitLink:
    """Give a search.Hit its permalink (with the search) and its names their pages."""
    groups = []
    for facet in schema.FACETS:
        names = getattr(hit, facet.field)[:HIT_ENTITIES]
        if names:
            groups.append(EntityLinks(facet.label, facet.param, tuple(
                EntityLink(name, urls.entity(facet.param, name)) for name in names)))
    return HitLink(hit, urls.article(hit, req_args), tuple(groups))


def sort_links(req: SearchRequest, urls: Urls) -> tuple[SortLink, ...]:
    """Return the orders the results can be put in (relevance only with a query)."""
    return tuple(SortLink(s.label, urls.search(req.with_sort(s.name).to_args()),
                          s.name == req.effective_sort)
                 for s in SORT_ORDERS if req.q or not s.needs_text)


def chips(req: SearchRequest, urls: Urls) -> tuple[Chip, ...]:
    """Return the active filters, each with the search without it."""
    found = []
    for param, values in req.include:
        for value in values:
            found.append(Chip(f"{param}: {value}", urls.search(req.toggle(param, value).to_args()),
                              f"Remove filter {param} {value}", edit_kind=param, edit_value=value))
    for param, values in req.exclude:
        for value in values:
            found.append(Chip(f"not {param}: {value}",
                              urls.search(req.toggle_exclude(param, value).to_args()),
                              f"Remove exclusion {value}", excluded=True))
    for country in req.countries:
        found.append(Chip(f"country: {country}",
                          urls.search(req.toggle_country(country).to_args()),
                          f"Remove filter country {country}"))
    for period in req.mentioned:
        found.append(Chip(f"mentions {period}", urls.search(req.toggle_mentioned(period).to_args()),
                          f"Remove filter mentions {period}"))
    if req.date_from or req.date_to:
        found.append(Chip(f"published {req.date_from or '…'} – {req.date_to or '…'}",
                          urls.search(req.with_dates(None, None).to_args()),
                          "Remove the date range"))
    return tuple(found)


def pager(results, urls: Urls) -> Pager | None:
    """Return the pagination bar of a search.SearchResults (None for a single page).

    Page links stop at max_page, the deepest page a URL may ask for.
    """
    if results.page_count <= 1:
        return None
    req, page = results.request, results.page
    last = min(results.page_count, page + PAGES_AROUND, results.max_page)
    pages = tuple(PageLink(p, urls.search(req.with_page(p).to_args()), p == page)
                  for p in range(max(1, page - PAGES_AROUND), last + 1))
    prev_url = urls.search(req.with_page(page - 1).to_args()) if page > 1 else None
    next_url = (urls.search(req.with_page(page + 1).to_args())
                if page < results.page_count and page < results.max_page else None)
    return Pager(prev_url, pages, next_url)


# ---- the page ----------------------------------------------------------------------------

@dataclass(frozen=True)
class SearchPage:
    """Everything search.html links to, for one search.SearchResults."""

    state_fields: tuple[Field, ...]  # the state the search box carries along (not in the box)
    date_fields: tuple[Field, ...]  # the state the date-range form sends with its dates
    published: HistogramBox
    mentioned: HistogramBox
    facets: tuple[FacetBox, ...]
    countries: tuple[CountryLink, ...]
    sorts: tuple[SortLink, ...]
    feed_url: str
    chips: tuple[Chip, ...]
    clear_url: str  # every filter off, the text kept
    did_you_mean_url: str | None
    relaxed: tuple[RelaxedLink, ...]
    first_page_url: str
    hits: tuple[HitLink, ...]
    pager: Pager | None


def from_results(results, urls: Urls) -> SearchPage:
    """Make the view model of search.html from a search.SearchResults."""
    req = results.request
    args = req.to_args()
    state = hidden_fields(args, skip=_BOX_ARGS) + ((("sort", req.sort),) if req.sort else ())
    did_you_mean = results.did_you_mean
    return SearchPage(
        state_fields=state,
        date_fields=hidden_fields(req.with_dates(None, None).to_args()),
        published=histogram_box(results.published, urls),
        mentioned=histogram_box(results.mentioned, urls),
        facets=tuple(facet_box(g, req, urls) for g in results.facets),
        countries=country_links(results.countries, urls),
        sorts=sort_links(req, urls),
        feed_url=urls.feed(args),
        chips=chips(req, urls),
        clear_url=urls.search(req.cleared().to_args()),
        did_you_mean_url=(urls.search(req.with_changes(q=did_you_mean.q).to_args())
                          if did_you_mean else None),
        relaxed=tuple(RelaxedLink(r.label, urls.search(r.args), r.total) for r in results.relaxed),
        first_page_url=urls.search(req.with_page(1).to_args()),
        hits=tuple(hit_link(hit, args, urls) for hit in results.hits),
        pager=pager(results, urls),
    )
