"""Page view models: every link the pages show, as a URL computed here; templates only print them.

Templates only loop over these and print them (STYLE.md §9): no template calls SearchRequest's
toggles or decides what a link points at. As Datasette's facets carry `toggle_url`, each value
here carries the URL a click on it opens; the facet counts and the search states they come from
are facet_models' and search's. No Flask here: the views pass in how a URL is spelled (Urls).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from searchapp import schema
from searchapp.request import SORT_ORDERS, SearchRequest

# One hidden form field: (name, value). A multi-valued arg gives one field per value.
Field = tuple[str, str]
# The args the search box's own controls send (the box, the page, the order, the date form),
# left out of the hidden state the box carries along.
_BOX_ARGS = ("q", "page", "sort", "from", "to")
HIT_ENTITIES = 6  # names of each kind shown under a hit


@dataclass(frozen=True)
class Urls:
    """How the pages' links are spelled: the app's routes, given by the views."""

    search: Callable[[dict], str]  # search args -> the search page
    entity: Callable[[str, str], str]  # (facet param or page segment, name) -> the name's page
    article: Callable[..., str]  # (hit or page[, search args]) -> its permalink
    feed: Callable[[dict], str]  # search args -> its Atom feed
    facet_values: Callable[[str], str]  # facet param -> its "find a value" page


def hidden_fields(args: dict, skip: tuple[str, ...] = ()) -> tuple[Field, ...]:
    """Return the hidden fields that send args with a form, in args' order, leaving out skip."""
    return tuple((key, item) for key, value in args.items() if key not in skip
                 for item in ((value,) if isinstance(value, str) else value))


# ---- facets, histograms, countries -------------------------------------------------------

@dataclass(frozen=True)
class FacetValueLink:
    """A facet value as shown: its count, its state, and where each of its links leads."""

    value: str
    count: int
    selected: bool
    excluded: bool
    toggle_url: str  # the search with the value added, or removed when selected
    exclude_url: str  # the search with the value excluded, or no longer excluded
    about_url: str  # the value's own page


@dataclass(frozen=True)
class FacetBox:
    """A facet of the sidebar: its values, its "show more" link and its find-a-value form."""

    param: str
    label: str
    values: tuple[FacetValueLink, ...]
    more: int  # how many more values have matches than are shown
    expanded: bool
    more_url: str | None  # "Show more" / "Show fewer"; None when there is nothing more
    find_url: str  # the facet's values page, the form's action
    find_fields: tuple[Field, ...]  # the search state the form sends along


@dataclass(frozen=True)
class BarLink:
    """One bar of a date histogram and the search it narrows to."""

    label: str
    count: int
    height: int  # percent of the tallest bar
    selected: bool
    url: str


@dataclass(frozen=True)
class HistogramBox:
    """A date histogram as shown: its bars and the link that widens the range again."""

    param: str
    label: str
    level: str
    bars: tuple[BarLink, ...]
    up_url: str | None  # "all dates"; None when no range is chosen


@dataclass(frozen=True)
class PlaceLink:
    """A place beneath its country and the search filtered to it."""

    value: str
    count: int
    url: str


@dataclass(frozen=True)
class CountryLink:
    """A country of the countries facet and where its links lead."""

    value: str
    count: int
    selected: bool
    toggle_url: str
    about_url: str
    places: tuple[PlaceLink, ...]


def facet_value_links(param: str, values, urls: Urls) -> tuple[FacetValueLink, ...]:
    """Give each facet_models.FacetValue of the facet `param` its URLs."""
    return tuple(FacetValueLink(v.value, v.count, v.selected, v.excluded,
                                toggle_url=urls.search(v.toggle_args),
                                exclude_url=urls.search(v.exclude_args),
                                about_url=urls.entity(param, v.value))
                 for v in values)


def facet_box(group, req: SearchRequest, urls: Urls) -> FacetBox:
    """Make the sidebar box of one facet_models.FacetGroup."""
    more_url = (urls.search(req.toggle_more(group.param).to_args())
                if group.more or group.expanded else None)
    return FacetBox(group.param, group.label, facet_value_links(group.param, group.values, urls),
                    group.more, group.expanded, more_url, urls.facet_values(group.param),
                    hidden_fields(req.to_args()))


def histogram_box(histogram, urls: Urls) -> HistogramBox:
    """Give a facet_models.DateHistogram's bars, and its way back up, their URLs."""
    up_url = urls.search(histogram.up_args) if histogram.up_args is not None else None
    return HistogramBox(histogram.param, histogram.label, histogram.level,
                        tuple(BarLink(b.label, b.count, b.height, b.selected, urls.search(b.args))
                              for b in histogram.buckets), up_url)


def country_links(countries, urls: Urls) -> tuple[CountryLink, ...]:
    """Give each facet_models.CountryValue and its places their URLs."""
    return tuple(CountryLink(c.value, c.count, c.selected, urls.search(c.toggle_args),
                             urls.entity("places", c.value),
                             tuple(PlaceLink(p.value, p.count, urls.search(p.args))
                                   for p in c.places))
                 for c in countries)


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


# ---- the pages ---------------------------------------------------------------------------

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


def search_page(results, urls: Urls) -> SearchPage:
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


@dataclass(frozen=True)
class FacetValuesPage:
    """Everything facet_values.html links to: the values of one facet that contain some text."""

    back_url: str
    find_url: str
    find_fields: tuple[Field, ...]
    values: tuple[FacetValueLink, ...]


def facet_values_page(facet: schema.Facet, req: SearchRequest, values,
                      urls: Urls) -> FacetValuesPage:
    """Make the view model of facet_values.html from facet_models.facet_search's values."""
    args = req.to_args()
    return FacetValuesPage(urls.search(args), urls.facet_values(facet.param), hidden_fields(args),
                           facet_value_links(facet.param, values, urls))


@dataclass(frozen=True)
class NameLinks:
    """One kind of name in an article: each name's search and its page."""

    label: str
    param: str
    names: tuple[tuple[str, str, str], ...]  # (name, search URL, page URL)


@dataclass(frozen=True)
class ArticleView:
    """Everything article.html links to, besides the permalink.ArticlePage it prints."""

    canonical_url: str
    back_url: str
    back_to_results: bool  # "Back to results" (else "All articles")
    names: tuple[NameLinks, ...]  # the kinds the article names, FACETS order
    dates: tuple[tuple[str, str], ...]  # (mentioned date, its search URL)
    related: tuple[tuple[object, str], ...]  # (permalink.Related, its permalink)


def article_view(page, came_from: SearchRequest, urls: Urls) -> ArticleView:
    """Make article.html's view model from a permalink.ArticlePage and the search it came from."""
    back_args = came_from.to_args()
    names = []
    for facet in schema.FACETS:
        values = getattr(page, facet.field)
        if values:
            names.append(NameLinks(facet.label, facet.param, tuple(
                (v, urls.search({facet.param: v}), urls.entity(facet.param, v)) for v in values)))
    return ArticleView(
        canonical_url=urls.article(page), back_url=urls.search(back_args),
        back_to_results=bool(back_args), names=tuple(names),
        dates=tuple((d, urls.search({"mentioned": d})) for d in page.dates),
        related=tuple((r, urls.article(r)) for r in page.related))


@dataclass(frozen=True)
class FeedView:
    """The absolute links of an Atom feed: itself, its search page, and each entry's permalink."""

    self_url: str
    html_url: str
    entries: tuple[tuple[object, str], ...]  # (search.Hit, its absolute permalink)


def feed_view(results, external: Callable[..., str]) -> FeedView:
    """Make the view model of feed.atom.xml; external(endpoint, **values) gives an absolute URL."""
    args = results.request.to_args()
    return FeedView(external("search.feed", **args), external("search.index", **args),
                    tuple((hit, external("search.article", article_id=hit.article_id))
                          for hit in results.hits))


@dataclass(frozen=True)
class EntityView:
    """The search and article links of entity.html (the EntityPage carries its names' page URLs)."""

    canonical_url: str
    home_url: str  # every article
    search_url: str  # all its articles on the search page
    own_url: str | None  # a country's articles naming the country itself
    bars: tuple[tuple[object, str], ...]  # (timeline bar, the search of its dates)
    # (co-mention group, ((co-mention, the search of both names), ...))
    appears_with: tuple[tuple[object, tuple[tuple[object, str], ...]], ...]
    latest: tuple[tuple[object, str], ...]  # (entity_pages.ArticleRef, permalink)
    most: tuple[tuple[object, str], ...]


def entity_view(page, urls: Urls) -> EntityView:
    """Make the view model of entity.html's search and article links."""
    return EntityView(
        canonical_url=urls.entity(page.kind.segment, page.name), home_url=urls.search({}),
        search_url=urls.search(page.search_args),
        own_url=urls.search(page.country.own_args) if page.country else None,
        bars=tuple((b, urls.search(b.args)) for b in page.timeline.bars),
        appears_with=tuple((g, tuple((c, urls.search(c.args)) for c in g.values))
                           for g in page.appears_with),
        latest=tuple((a, urls.article(a)) for a in page.latest),
        most=tuple((a, urls.article(a)) for a in page.most))
