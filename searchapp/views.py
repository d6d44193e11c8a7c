"""The "search" blueprint: search page or fragment, permalinks, API, feeds, errors; glue only."""
from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlencode

from flask import (Blueprint, Flask, Response, abort, current_app, jsonify, redirect,
                   render_template, request, url_for)
from jinja2_fragments.flask import render_block
from werkzeug.exceptions import HTTPException

from searchapp import api, facets, permalink, schema
from searchapp.articles import slugify
from searchapp.request import BadRequest, Limits, SearchRequest
from searchapp.search import run_search
from searchapp.store import get_searcher, get_snapshot
from searchapp import health, metrics
from searchapp.store import get_store

bp = Blueprint("search", __name__)
# The blocks of search.html an htmx request may ask for, by the HX-Target htmx 4 sends.
FRAGMENT_TARGETS = {"section#results": "results"}
VARY = "HX-Request, HX-Request-Type, HX-Target"


def _limits() -> Limits:
    return Limits.from_config(current_app.config)


def requested_block() -> str | None:
    """Return the block an htmx request wants, or None for a full page (incl. history restores)."""
    if not request.htmx or request.htmx.history_restore_request:
        return None
    if request.headers.get("HX-Request-Type") == "full":
        return None
    return FRAGMENT_TARGETS.get(request.headers.get("HX-Target", ""))


def _parse_request() -> SearchRequest:
    try:
        return SearchRequest.from_args(request.args, _limits())
    except BadRequest as exc:
        abort(400, description=str(exc))


def _index_data():
    return get_snapshot().data


def _results_for(req: SearchRequest):
    return run_search(get_searcher(), _index_data(), req, _limits())


def _render(template: str, **context) -> Response:
    block = requested_block()
    if block:
        # htmx 4 takes the page title from a <title> in a fragment, so the tab follows the search.
        title = render_block(template, "title", **context)
        body = f"<title>{title}</title>\n" + render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = current_app.make_response(body)
    response.headers["Vary"] = VARY
    return response


def _is_canonical(req: SearchRequest) -> bool:
    """Whether the request's args are exactly the canonical ones, in the canonical order."""
    canonical = [(k, v) for k, vs in req.to_args().items()
                 for v in (vs if isinstance(vs, list) else [vs])]
    return list(request.args.items(multi=True)) == canonical


@bp.get("/")
def index() -> Response:
    """Show the search page, or just its results block for htmx."""
    req = _parse_request()
    canonical_url = url_for("search.index", **req.to_args())
    if not _is_canonical(req) and not request.htmx:
        # A form submitted without JS lists params in DOM order; equal states get one URL.
        return redirect(canonical_url)
    response = _render("search.html", results=_results_for(req), req=req)
    if request.htmx and not _is_canonical(req):
        # The typing box replaces the address; everything else (Enter, links) pushes.
        typing = request.headers.get("HX-Source", "").endswith("#q")
        response.headers["HX-Replace-Url" if typing else "HX-Push-Url"] = canonical_url
    return response


@bp.get("/facets/<param>")
def facet_values(param: str) -> Response:
    """List the values of one facet that contain some text, with counts over the current matches."""
    facet = schema.FACET_BY_PARAM.get(param)
    if facet is None:
        abort(404, description=f"There is no facet called {param!r}.")
    req = _parse_request()
    text = request.args.get("fq", "").strip()[:100]
    results = _results_for(req)
    values = facets.facet_search(_index_data(), results.mask, facet, req, text)
    return _render("facet_values.html", facet=facet, req=req, fq=text, values=values,
                   results=results)


@bp.get("/articles/<article_id>")
@bp.get("/articles/<article_id>/<slug>")
def article(article_id: str, slug: str = "") -> Response:
    """Show one article in full: its permalink page."""
    try:
        came_from = SearchRequest.from_args(request.args, _limits())
    except BadRequest:
        came_from = SearchRequest()
    page = permalink.load(get_searcher(), article_id, came_from.q)
    if page is None:
        abort(404, description=f"There is no article with the id {article_id!r}.")
    return current_app.make_response(render_template("article.html", page=page, came_from=came_from))


@bp.get("/api/search")
def api_search() -> Response:
    """Return the search results as JSON."""
    req = _parse_request()
    return jsonify(api.results_to_json(_results_for(req)))


@bp.get("/api/articles/<article_id>")
def api_article(article_id: str) -> Response:
    """Return one article and its entities as JSON."""
    page = permalink.load(get_searcher(), article_id, "")
    if page is None:
        abort(404, description=f"There is no article with the id {article_id!r}.")
    return jsonify(api.article_to_json(page))


@bp.get("/feed.atom")
def feed() -> Response:
    """Return an Atom feed of the newest articles matching a search."""
    req = _parse_request().with_sort("newest").with_page(1)
    results = _results_for(req)
    updated = max((h.published for h in results.hits if h.published), default="")
    body = render_template("feed.atom.xml", results=results, req=req,
                           updated=updated or datetime.now(timezone.utc).date().isoformat())
    return Response(body, mimetype="application/atom+xml")


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    """Describe the search box so a browser can add it."""
    return Response(render_template("opensearch.xml"),
                    mimetype="application/opensearchdescription+xml")


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


def _note_endpoint() -> None:
    # The request metrics (a WSGI middleware, outside Flask) label each request by its route.
    request.environ[metrics.ENDPOINT_KEY] = request.endpoint


def _error(exc: HTTPException):
    if request.path.startswith("/api/"):
        return jsonify({"error": exc.name, "status": exc.code, "message": exc.description}), exc.code
    block = requested_block()
    context = {"status": exc.code, "title": exc.name, "message": exc.description}
    if block:
        return render_block("error.html", "results", **context), exc.code
    return render_template("error.html", **context), exc.code


def _security_headers(response: Response) -> Response:
    # No inline script or style anywhere, so the policy can be strict.
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _url_helpers() -> dict:
    # A results fragment links to 200-400 search states, and url_for costs ~20 us a call: build
    # the route once and encode each query string as werkzeug does (the same bytes).
    index_path = url_for("search.index")

    def search_url(args: dict) -> str:
        if not args:
            return index_path
        items = [(k, v) for k, vs in args.items() for v in (vs if isinstance(vs, list) else (vs,))
                 if v is not None]
        return index_path + "?" + urlencode(items, safe="!$'()*,/:;?@")

    def feed_url(args: dict) -> str:
        return url_for("search.feed", **args)

    def article_url(hit_or_page, search_args: dict | None = None) -> str:
        """The permalink; from a search, with its state, for highlights and the way back."""
        args = dict(search_args or {})
        args.pop("page", None)
        return url_for("search.article", article_id=hit_or_page.article_id,
                       slug=slugify(hit_or_page.title, 60) or None, **args)

    return {"search_url": search_url, "feed_url": feed_url, "article_url": article_url}


def init_app(app: Flask) -> None:
    """Register the blueprint, the error handlers and the response headers."""
    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, _error)
    app.after_request(_security_headers)
    app.context_processor(_url_helpers)
    app.before_request(_note_endpoint)
