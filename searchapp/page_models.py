"""View models of the article, entity and feed pages: every link they show, as a URL."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from searchapp import schema
from searchapp.request import SearchRequest
from searchapp.viewmodels import Urls


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
