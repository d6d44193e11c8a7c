"""Serialise SearchResults, ArticlePages and EntityPages to the JSON the API returns."""
from __future__ import annotations

from searchapp import schema
from searchapp.permalink import ArticlePage
from searchapp.search import SearchResults


def _histogram(h) -> dict:
    return {"level": h.level, "buckets": [
        {"label": b.label, "start": b.start, "end": b.end, "count": b.count, "selected": b.selected}
        for b in h.buckets]}


def results_to_json(results: SearchResults) -> dict:
    """Return the JSON form of one search: total, page, hits, facets, dates, did_you_mean."""
    req = results.request
    return {
        "query": req.to_args(),
        "total": results.total,
        "page": results.page,
        "page_count": results.page_count,
        "sort": req.effective_sort,
        "hits": [{
            "id": h.article_id, "title": h.title, "published": h.published or None,
            "url": h.url or None, "sources": list(h.sources), "snippet": str(h.snippet),
            "people": list(h.people), "places": list(h.places),
            "organizations": list(h.organizations),
        } for h in results.hits],
        "facets": {
            # Keyed by the facet's field name (schema.FACETS): people, places, organizations.
            schema.FACET_BY_PARAM[g.param].field: [
                {"value": v.value, "count": v.count, "selected": v.selected,
                 "excluded": v.excluded} for v in g.values]
            for g in results.facets
        },
        "dates": _histogram(results.published),
        "mentioned_dates": _histogram(results.mentioned),
        "did_you_mean": ({"q": results.did_you_mean.q, "total": results.did_you_mean.total}
                         if results.did_you_mean else None),
        "notice": results.notice or None,
        "timed_out": results.timed_out,
        "index_version": results.index_version,
        "corpus_size": results.corpus_size,
        "countries": [
            {"value": c.value, "count": c.count, "selected": c.selected,
             "places": [{"value": p.value, "count": p.count} for p in c.places]}
            for c in results.countries],
    }


def article_to_json(page: ArticlePage) -> dict:
    """Return the JSON form of one article and its entities."""
    return {
        "id": page.article_id, "title": page.title, "title_derived": page.title_derived,
        "published": page.published or None, "sources": list(page.sources),
        "url": page.url or None, "author": page.author or None, "body": page.body,
        "people": list(page.people), "places": list(page.places),
        "organizations": list(page.organizations), "dates": list(page.dates),
        "related": [{"id": r.article_id, "title": r.title, "published": r.published or None}
                    for r in page.related],
    }


def entity_to_json(page) -> dict:
    """Return the JSON form of an entity page (entity_pages.EntityPage)."""
    keys = {"people": "people", "places": "places", "orgs": "organizations"}
    result = {
        "name": page.name,
        "kind": "country" if page.is_country else page.kind.label.lower(),
        "count": page.count,
        "first": page.first,
        "last": page.last,
        "aliases": list(page.aliases) if page.aliases_known else None,
        "search": page.search_args,
        "timeline": {"level": page.timeline.level or None, "undated": page.timeline.undated,
                     "buckets": [{"label": b.label, "start": b.start, "end": b.end,
                                  "count": b.count} for b in page.timeline.bars]},
        "appears_with": {keys[g.kind]: [{"name": c.value, "count": c.count} for c in g.values]
                         for g in page.appears_with},
        "latest": [{"id": a.article_id, "title": a.title, "published": a.published or None}
                   for a in page.latest],
        "mentions_most": [{"id": a.article_id, "title": a.title, "published": a.published or None,
                           "mentions": a.mentions} for a in page.most],
        "index_version": page.index_version,
    }
    if page.where is not None:
        result["region"] = page.where.region
        result["country"] = page.where.country
        result["historic_successors"] = [name for name, _url in page.where.successors] or None
    if page.country is not None:
        result["own_count"] = page.country.own_count
        result["regions"] = [{"region": r.name, "count": r.count, "more": r.more,
                              "places": [{"name": p.value, "count": p.count} for p in r.places]}
                             for r in page.country.regions]
    return result
