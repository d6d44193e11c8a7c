"""View models of the facets with their URLs, and Urls: how every page's view model spells a link.

Templates only loop over view models and print them (STYLE.md §9): no template calls
SearchRequest's toggles or decides what a link points at. As Datasette's facets carry
`toggle_url`, each value here carries the URL a click on it opens; the counts and the search
states they come from are facet_models'. No Flask here: the views pass in how a URL is spelled
(Urls). The search page's model is search_page.py's; the article, entity and feed pages' are
page_models.py's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from searchapp import schema
from searchapp.request import SearchRequest

# One hidden form field: (name, value). A multi-valued arg gives one field per value.
Field = tuple[str, str]


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


# ---- the facet values page ---------------------------------------------------------------

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
