"""Routes for programs, not readers: the JSON API, Atom feed, OpenSearch, health, metrics."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Response, abort, current_app, jsonify, render_template

from searchapp import api, entity_pages, health, metrics, openapi, page_models, permalink
from searchapp.store import get_searcher, get_store
from searchapp.view_context import (bp, deadline, entity_path, external_url, index_data,
                                    limits, parse_request, results_for)
from searchapp.views import entity_or_redirect


@bp.get("/api/search")
def api_search() -> Response:
    """Return the search results as JSON."""
    req = parse_request()
    return jsonify(api.results_to_json(results_for(req)))


@bp.get("/api/articles/<article_id>")
def api_article(article_id: str) -> Response:
    """Return one article and its entities as JSON."""
    page = permalink.load(get_searcher(), article_id, None, deadline())
    if page is None:
        abort(404, description=f"There is no article with the id {article_id!r}.")
    return jsonify(api.article_to_json(page))


@bp.get("/api/<any(people, places, orgs):segment>/<path:name>")
def api_entity(segment: str, name: str) -> Response:
    """Return an entity page as JSON: count, first, last, aliases, timeline, appears_with, ..."""
    found, moved = entity_or_redirect(segment, name, api_prefix="/api")
    if moved is not None:
        return moved
    kind, canonical = found
    page = entity_pages.build_page(get_searcher(), index_data(), kind, canonical,
                                   entity_path)
    return jsonify(api.entity_to_json(page))


@bp.get("/feed.atom")
def feed() -> Response:
    """Return an Atom feed of the newest articles matching a search."""
    req = parse_request().with_sort("newest").with_page(1)
    results = results_for(req)
    updated = max((h.published for h in results.hits if h.published), default="")
    body = render_template("feed.atom.xml", results=results, req=req,
                           view=page_models.feed_view(results, external_url),
                           updated=updated or datetime.now(timezone.utc).date().isoformat())
    return Response(body, mimetype="application/atom+xml")


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    """Describe the search box so a browser can add it."""
    urls = {"search": external_url("search.index"), "feed": external_url("search.feed"),
            "api": external_url("search.api_search")}
    return Response(render_template("opensearch.xml", urls=urls),
                    mimetype="application/opensearchdescription+xml")


@bp.get("/api/openapi.json")
def api_description() -> Response:
    """Describe the JSON API (OpenAPI 3.1)."""
    return jsonify(openapi.describe(limits(), external_url("search.api_search").rsplit(
        "/api/search", 1)[0]))


@bp.get("/healthz")
def healthz() -> Response:
    """Report whether the index opens, with its version and article count; 503 and why if not."""
    store = get_store()
    state = health.check_index(store.index_dir)
    response = jsonify(state.to_json(serving_version=store.current.generation))
    response.status_code = 200 if state.ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/metrics")
def metrics_text() -> Response:
    """Return the Prometheus metrics of all workers and of the index."""
    body, content_type = current_app.extensions[metrics.EXTENSION].render()
    return Response(body, content_type=content_type, headers={"Cache-Control": "no-store"})
