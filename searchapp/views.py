"""The "search" blueprint: search page or fragment, permalinks, API, feeds, errors; glue only."""
from __future__ import annotations

from pathlib import Path

import re
import time
from datetime import datetime, timezone
from urllib.parse import quote, urlencode

from flask import (Blueprint, Flask, Response, abort, current_app, g, jsonify, redirect,
                   render_template, request, stream_with_context, url_for)
from jinja2_fragments.flask import render_block
from werkzeug.exceptions import HTTPException, SecurityError

from searchapp import api, citation, entity_pages, export, facets, openapi, permalink, schema
from searchapp.articles import slugify
from searchapp.baseurl import DEFAULT_ORIGIN, BaseUrl, TrustedPrefix
from searchapp.deadline import Deadline
from searchapp.request import BadRequest, Limits, SearchRequest
from searchapp.rules import load_rules
from searchapp.search import parse_query, run_search
from searchapp import health, metrics
from searchapp.store import (get_searcher, get_snapshot, get_store, open_private_searcher,
                             release_snapshot)

bp = Blueprint("search", __name__)
# The blocks of search.html an htmx request may ask for, by the HX-Target htmx 4 sends.
FRAGMENT_TARGETS = {"section#results": "results"}
VARY = "HX-Request, HX-Request-Type, HX-Target"
# Anonymous reads: shared caches may keep a page briefly; a re-index shows within this time.
CACHE_PUBLIC = "public, max-age=60"
# Characters XML 1.0 does not allow anywhere, not even escaped (C0 controls but tab, CR, LF;
# surrogates; U+FFFE and U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


def _deadline() -> Deadline:
    """The deadline of this request's searches (SEARCH_DEADLINE_MS; SEARCH_CLOCK in tests)."""
    clock = current_app.config.get("SEARCH_CLOCK") or time.monotonic
    return Deadline(float(current_app.config["SEARCH_DEADLINE_MS"]) / 1000, clock)


def _results_for(req: SearchRequest):
    results = run_search(get_searcher(), _index_data(), req, _limits(), _deadline())
    g.timed_out = results.timed_out  # incomplete results are not for caches to keep
    return results


def _has_block(template: str, block: str) -> bool:
    return block in current_app.jinja_env.get_template(template).blocks


def _render(template: str, **context) -> Response:
    block = requested_block()
    if block and not _has_block(template, block):
        block = None  # a page without that block (the facet-values page): send the page
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
    # Parsed as the search parses it, so the page marks the words its snippet marked.
    parsed = parse_query(get_searcher(), _index_data(), came_from.q)
    page = permalink.load(get_searcher(), article_id, parsed, _deadline())
    if page is None:
        abort(404, description=f"There is no article with the id {article_id!r}.")
    cite = citation.citation_box(_reference(page), datetime.now(timezone.utc).date())
    response = current_app.make_response(render_template("article.html", page=page,
                                                          came_from=came_from, cite=cite))
    response.headers["Vary"] = VARY  # its error pages differ for htmx
    return response


@bp.get("/api/search")
def api_search() -> Response:
    """Return the search results as JSON."""
    req = _parse_request()
    return jsonify(api.results_to_json(_results_for(req)))


@bp.get("/api/articles/<article_id>")
def api_article(article_id: str) -> Response:
    """Return one article and its entities as JSON."""
    page = permalink.load(get_searcher(), article_id, None, _deadline())
    if page is None:
        abort(404, description=f"There is no article with the id {article_id!r}.")
    return jsonify(api.article_to_json(page))


# Characters left as they are in an entity's path segment, for readable URLs; "/" is encoded.
_SLUG_SAFE = "(),'!*:@"


def _entity_path(segment: str, name: str, prefix: str = "") -> str:
    """The entity page's path (prefix "/api" for its JSON twin)."""
    slug = quote(entity_pages.to_slug(name), safe=_SLUG_SAFE)
    return f"{request.script_root}{prefix}/{segment}/{slug}"


# Entity page segments and the editors' rule kinds (rules.KINDS).
_RULE_KIND = {"people": "person", "places": "place", "orgs": "org"}
_SEGMENT = {kind: segment for segment, kind in _RULE_KIND.items()}


def _moved_by_rules(segment: str, name: str) -> tuple[str, str] | None:
    """(segment, canonical name) of the page a merged, renamed or retyped name now has, if any."""
    rules = load_rules(Path(current_app.config["INDEX_DIR"]))
    for value in dict.fromkeys((name, name.replace("_", " "))):
        final = rules.final(_RULE_KIND[segment], value)
        if final is None or final == (_RULE_KIND[segment], value):
            continue
        target = _SEGMENT[final[0]]
        canonical = entity_pages.canonical_name(_index_data(), entity_pages.KINDS[target], final[1])
        if canonical is not None:
            return target, canonical
    return None


def _entity_or_redirect(segment: str, name: str, api_prefix: str = ""):
    """Return (kind, canonical name), or a 301 to the canonical URL when the URL names it otherwise."""
    kind = entity_pages.KINDS[segment]
    canonical = entity_pages.canonical_name(_index_data(), kind, name)
    if canonical is None:
        moved = _moved_by_rules(segment, name)
        if moved is not None:
            return None, redirect(_entity_path(*moved, api_prefix), code=301)
        abort(404, description=f"There is no {kind.label.lower()} called {name!r} in the index.")
    if name != entity_pages.to_slug(canonical):
        # A spelling, an old name or (with curation) a merged one: one page per entity.
        return None, redirect(_entity_path(segment, canonical, api_prefix), code=301)
    return (kind, canonical), None


@bp.get("/<any(people, places, orgs):segment>/<path:name>")
def entity(segment: str, name: str) -> Response:
    """Show one person, place or organisation: counts, timeline, co-mentions, articles."""
    found, moved = _entity_or_redirect(segment, name)
    if moved is not None:
        return moved
    kind, canonical = found
    page = entity_pages.build_page(get_searcher(), _index_data(), kind, canonical, _entity_path)
    response = current_app.make_response(render_template(
        "entity.html", page=page, api_url=_entity_path(segment, canonical, "/api")))
    response.headers["Vary"] = VARY
    return response


@bp.get("/api/<any(people, places, orgs):segment>/<path:name>")
def api_entity(segment: str, name: str) -> Response:
    """Return an entity page as JSON: count, first, last, aliases, timeline, appears_with, ..."""
    found, moved = _entity_or_redirect(segment, name, api_prefix="/api")
    if moved is not None:
        return moved
    kind, canonical = found
    page = entity_pages.build_page(get_searcher(), _index_data(), kind, canonical, _entity_path)
    return jsonify(api.entity_to_json(page))


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


# ---- export and citation --------------------------------------------------------------

def absolute_url(path: str) -> str:
    """Turn a path from url_for into an absolute URL on the public address (base_url()), never
    on the request's Host header: every absolute URL of exports and citations comes from here."""
    return base_url().origin + path


def _permalink(article_id: str, title: str) -> str:
    return absolute_url(url_for("search.article", article_id=article_id,
                                slug=slugify(title, 60) or None))


def _reference(page: permalink.ArticlePage) -> citation.Reference:
    return citation.Reference(
        article_id=page.article_id, title=page.title, published=page.published,
        sources=page.sources, author=page.author,
        permalink=_permalink(page.article_id, page.title), url=page.url, people=page.people,
        places=page.places, organizations=page.organizations, dates=page.dates)


def _export_links(req: SearchRequest) -> export.Links:
    marker = "x"  # the permalink of article "x", less the "x": the prefix of every permalink
    prefix = absolute_url(url_for("search.article", article_id=marker))
    return export.Links(absolute_url(url_for("search.index", **export.export_args(req))),
                        prefix[:-len(marker)])


@bp.get("/export.<fmt>")
def export_results(fmt: str) -> Response:
    """Download every match of a search (all pages) as CSV, JSON Lines, RIS, BibTeX or CSL-JSON."""
    export_format = export.FORMATS.get(fmt)
    if export_format is None:
        abort(404, description=f"There is no export format {fmt!r}; there are "
                               f"{', '.join(export.FORMATS)}.")
    req = _parse_request().with_page(1)
    snap = get_snapshot()
    matches = export.find_matches(snap.searcher, snap.data, req)
    try:
        export.check_limit(matches.total, current_app.config["EXPORT_LIMIT"])
    except export.TooManyResults as exc:
        abort(400, description=str(exc))
    docnums = export.ordered_docnums(snap.searcher, snap.data, req, matches)
    when = datetime.now(timezone.utc)
    links = _export_links(req)
    meta = export.ExportMeta(links.search, when)
    # The export reads its articles with a searcher of its own and lets go of the shared
    # snapshot, so other requests of this process need not wait for the download to finish.
    private = open_private_searcher(snap.generation)
    if private is not None:
        release_snapshot()
        body = export.in_background(export.export_searcher(private, docnums, links,
                                                           export_format, meta, private.close))
    else:  # the index changed meanwhile: keep this request's snapshot until the end
        body = stream_with_context(export.in_background(export.export_searcher(
            snap.searcher, docnums, links, export_format, meta)))
    response = Response(body, content_type=export_format.mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{export.file_name(req, export_format, when)}"')
    response.headers["X-Result-Count"] = str(len(docnums))
    return response


def export_menu(results) -> export.ExportMenu:
    """The Export menu for a SearchResults: links to /export.<format> with its search."""
    try:
        export.check_limit(results.total, current_app.config["EXPORT_LIMIT"])
    except export.TooManyResults as exc:
        return export.ExportMenu((), str(exc))
    args = export.export_args(results.request)
    return export.ExportMenu(tuple((f.label, url_for("search.export_results", fmt=f.name, **args))
                            for f in export.FORMATS.values()), "")


@bp.get("/api/openapi.json")
def api_description() -> Response:
    """Describe the JSON API (OpenAPI 3.1)."""
    return jsonify(openapi.describe(_limits(), external_url("search.api_search").rsplit(
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


def _note_endpoint() -> None:
    # The request metrics (a WSGI middleware, outside Flask) label each request by its route.
    request.environ[metrics.ENDPOINT_KEY] = request.endpoint


def _error(exc: HTTPException):
    if isinstance(exc, SecurityError):
        # A Host outside TRUSTED_HOSTS: no URL can be built for it, so no page either.
        response = current_app.response_class(f"{exc.code} {exc.name}: {exc.description}\n",
                                              status=exc.code, mimetype="text/plain")
        return response
    if request.path.startswith("/api/"):
        response = jsonify({"error": exc.name, "status": exc.code, "message": exc.description})
        response.status_code = exc.code
    else:
        block = requested_block()
        context = {"status": exc.code, "title": exc.name, "message": exc.description}
        if block:
            body = render_block("error.html", "results", **context)
        else:
            body = render_template("error.html", **context)
        response = current_app.make_response((body, exc.code))
        response.headers["Vary"] = VARY  # a fragment for htmx, a page otherwise
    for name, value in exc.get_headers():
        if name.lower() == "allow":  # 405 says which methods would do
            response.headers[name] = value
    return response


def _cache_headers(response: Response) -> Response:
    # Reads are anonymous: the same URL gives everyone the same page. Errors and results cut
    # short by the deadline are not kept.
    if "Cache-Control" not in response.headers and request.endpoint != "static":
        keep = response.status_code < 400 and not g.get("timed_out")
        response.headers["Cache-Control"] = CACHE_PUBLIC if keep else "no-store"
    return response


def xml_text(value) -> str:
    """Remove the characters XML cannot hold (control characters), so a feed stays valid XML."""
    return _NOT_XML.sub("", str(value))


def base_url() -> BaseUrl:
    """The app's public address: SEARCHAPP_BASE_URL, else the (Flask-checked) trusted host."""
    configured = current_app.config.get("BASE_URL")
    if configured:
        return BaseUrl.parse(configured)
    if current_app.config.get("TRUSTED_HOSTS"):
        # Flask answered 400 to any other Host before this request got here.
        return BaseUrl.parse(request.host_url)
    return BaseUrl(DEFAULT_ORIGIN)


def external_url(endpoint: str, **values) -> str:
    """An absolute URL: the configured origin, then the path url_for gives (with the prefix)."""
    return base_url().origin + url_for(endpoint, **values)


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

    def entity_url(kind: str, name: str) -> str:
        """The entity page of a name; kind is a segment (people) or a facet param (person)."""
        segment = kind if kind in entity_pages.KINDS else entity_pages.KIND_BY_PARAM[kind].segment
        return _entity_path(segment, name)

    return {"search_url": search_url, "feed_url": feed_url, "article_url": article_url,
            "entity_url": entity_url, "external_url": external_url}


def init_app(app: Flask) -> None:
    """Register the blueprint, the error handlers and the response headers."""
    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, _error)
    app.after_request(_security_headers)
    app.after_request(_cache_headers)
    app.context_processor(_url_helpers)
    app.context_processor(lambda: {"export_menu": export_menu})
    app.add_template_filter(xml_text)
    # SCRIPT_NAME from the base URL's path, never from the request (a SCRIPT_NAME header sent
    # through a proxy made redirects point at //evil.com). Fails at start on a bad BASE_URL.
    prefix = BaseUrl.parse(app.config["BASE_URL"]).prefix if app.config.get("BASE_URL") else ""
    app.wsgi_app = TrustedPrefix(app.wsgi_app, prefix)


    app.before_request(_note_endpoint)
