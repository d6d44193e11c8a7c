"""The reader pages: search page or fragment, facet values, article permalinks, entity pages."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from flask import Flask, Response, abort, current_app, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from searchapp import (citation, entity_pages, facet_models, page_models, permalink, responses,
                       schema, search_page, viewmodels)
from searchapp.articles import slugify
from searchapp.baseurl import BaseUrl, TrustedPrefix
from searchapp.request import BadRequest, SearchRequest
from searchapp.rules import load_rules
from searchapp.search import parse_query
from searchapp.store import get_searcher
from searchapp.export_views import export_menu
from searchapp.view_context import (VARY, absolute_url, bp, deadline, entity_path, index_data,
                                    limits, parse_request, render, results_for, urls)


def _is_canonical(req: SearchRequest) -> bool:
    """Whether the request's args are exactly the canonical ones, in the canonical order."""
    canonical = [(k, v) for k, vs in req.to_args().items()
                 for v in (vs if isinstance(vs, list) else [vs])]
    return list(request.args.items(multi=True)) == canonical


@bp.get("/")
def index() -> Response:
    """Show the search page, or just its results block for htmx."""
    req = parse_request()
    canonical_url = url_for("search.index", **req.to_args())
    if not _is_canonical(req) and not request.htmx:
        # A form submitted without JS lists params in DOM order; equal states get one URL.
        return redirect(canonical_url)
    results = results_for(req)
    response = render("search.html", results=results, req=req,
                      view=search_page.from_results(results, urls()), menu=export_menu(results))
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
    req = parse_request()
    text = request.args.get("fq", "").strip()[:100]
    results = results_for(req)
    values = facet_models.facet_search(index_data(), results.mask, facet, req, text)
    return render("facet_values.html", facet=facet, fq=text, results=results,
                  view=viewmodels.facet_values_page(facet, req, values, urls()))


@bp.get("/articles/<article_id>")
@bp.get("/articles/<article_id>/<slug>")
def article(article_id: str, slug: str = "") -> Response:
    """Show one article in full: its permalink page."""
    try:
        came_from = SearchRequest.from_args(request.args, limits())
    except BadRequest:
        came_from = SearchRequest()
    # Parsed as the search parses it, so the page marks the words its snippet marked.
    parsed = parse_query(get_searcher(), index_data(), came_from.q)
    page = permalink.load(get_searcher(), article_id, parsed, deadline())
    if page is None:
        abort(404, description=f"There is no article with the id {article_id!r}.")
    cite = citation.citation_box(_reference(page), datetime.now(timezone.utc).date())
    view = page_models.article_view(page, came_from, urls())
    response = current_app.make_response(render_template("article.html", page=page,
                                                          cite=cite, view=view))
    response.headers["Vary"] = VARY  # its error pages differ for htmx
    return response


def _permalink(article_id: str, title: str) -> str:
    return absolute_url(url_for("search.article", article_id=article_id,
                                slug=slugify(title, 60) or None))


def _reference(page: permalink.ArticlePage) -> citation.Reference:
    return citation.Reference(
        article_id=page.article_id, title=page.title, published=page.published,
        sources=page.sources, author=page.author,
        permalink=_permalink(page.article_id, page.title), url=page.url, people=page.people,
        places=page.places, organizations=page.organizations, dates=page.dates)


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
        canonical = entity_pages.canonical_name(index_data(), entity_pages.KINDS[target], final[1])
        if canonical is not None:
            return target, canonical
    return None


def entity_or_redirect(segment: str, name: str, api_prefix: str = ""):
    """Return (kind, canonical name), or a 301 to the canonical URL when the URL names it otherwise."""
    kind = entity_pages.KINDS[segment]
    canonical = entity_pages.canonical_name(index_data(), kind, name)
    if canonical is None:
        moved = _moved_by_rules(segment, name)
        if moved is not None:
            return None, redirect(entity_path(*moved, api_prefix), code=301)
        abort(404, description=f"There is no {kind.label.lower()} called {name!r} in the index.")
    if name != entity_pages.to_slug(canonical):
        # A spelling, an old name or (with curation) a merged one: one page per entity.
        return None, redirect(entity_path(segment, canonical, api_prefix), code=301)
    return (kind, canonical), None


@bp.get("/<any(people, places, orgs):segment>/<path:name>")
def entity(segment: str, name: str) -> Response:
    """Show one person, place or organisation: counts, timeline, co-mentions, articles."""
    found, moved = entity_or_redirect(segment, name)
    if moved is not None:
        return moved
    kind, canonical = found
    page = entity_pages.build_page(get_searcher(), index_data(), kind, canonical, entity_path)
    response = current_app.make_response(render_template(
        "entity.html", page=page, view=page_models.entity_view(page, urls()),
        api_url=entity_path(segment, canonical, "/api")))
    response.headers["Vary"] = VARY
    return response


def init_app(app: Flask) -> None:
    """Register the blueprint (its routes here, in service_views and export_views), the error
    handlers and the response headers."""
    from searchapp import export_views, service_views  # noqa: F401  (their routes join bp)

    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, responses.error_response)
    app.after_request(responses.security_headers)
    app.after_request(responses.cache_headers)
    app.add_template_filter(responses.xml_text)
    # SCRIPT_NAME from the base URL's path, never from the request (a SCRIPT_NAME header sent
    # through a proxy made redirects point at //evil.com). Fails at start on a bad BASE_URL.
    prefix = BaseUrl.parse(app.config["BASE_URL"]).prefix if app.config.get("BASE_URL") else ""
    app.wsgi_app = TrustedPrefix(app.wsgi_app, prefix)


    app.before_request(responses.note_endpoint)
