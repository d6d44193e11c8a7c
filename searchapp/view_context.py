"""The "search" blueprint and what its route modules share: the search, page or fragment, URLs."""
from __future__ import annotations

import time
from urllib.parse import quote, urlencode

from flask import Blueprint, Response, abort, current_app, g, render_template, request, url_for
from jinja2_fragments.flask import render_block

from searchapp import entity_pages, viewmodels
from searchapp.articles import slugify
from searchapp.baseurl import DEFAULT_ORIGIN, BaseUrl
from searchapp.deadline import Deadline
from searchapp.request import BadRequest, Limits, SearchRequest
from searchapp.search import run_search
from searchapp.store import get_searcher, get_snapshot

# One blueprint for every route of the pages, the API, feeds, exports and operations, so each
# keeps its endpoint name (search.index, search.feed, ...) whichever module defines it.
bp = Blueprint("search", __name__)
# The blocks of search.html an htmx request may ask for, by the HX-Target htmx 4 sends.
FRAGMENT_TARGETS = {"section#results": "results"}
VARY = "HX-Request, HX-Request-Type, HX-Target"
# Anonymous reads: shared caches may keep a page briefly; a re-index shows within this time.
CACHE_PUBLIC = "public, max-age=60"


def limits() -> Limits:
    """The request limits of this app's settings."""
    return Limits.from_config(current_app.config)


def requested_block() -> str | None:
    """Return the block an htmx request wants, or None for a full page (incl. history restores)."""
    if not request.htmx or request.htmx.history_restore_request:
        return None
    if request.headers.get("HX-Request-Type") == "full":
        return None
    return FRAGMENT_TARGETS.get(request.headers.get("HX-Target", ""))


def parse_request() -> SearchRequest:
    """Parse the URL args into a SearchRequest, or abort with a 400 that says what is wrong."""
    try:
        return SearchRequest.from_args(request.args, limits())
    except BadRequest as exc:
        abort(400, description=str(exc))


def index_data():
    """The index snapshot's arrays this request reads (facets.IndexData)."""
    return get_snapshot().data


def deadline() -> Deadline:
    """The deadline of this request's searches (SEARCH_DEADLINE_MS; SEARCH_CLOCK in tests)."""
    clock = current_app.config.get("SEARCH_CLOCK") or time.monotonic
    return Deadline(float(current_app.config["SEARCH_DEADLINE_MS"]) / 1000, clock)


def results_for(req: SearchRequest):
    """Run req's search on this request's searcher; results cut short are not cached."""
    results = run_search(get_searcher(), index_data(), req, limits(), deadline())
    g.timed_out = results.timed_out  # incomplete results are not for caches to keep
    return results


def _has_block(template: str, block: str) -> bool:
    return block in current_app.jinja_env.get_template(template).blocks


def render(template: str, **context) -> Response:
    """Render a page, or the block an htmx request asks for, with the same context; send Vary."""
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


def absolute_url(path: str) -> str:
    """Turn a path from url_for into an absolute URL on the public address (base_url()), never
    on the request's Host header: every absolute URL of exports and citations comes from here."""
    return base_url().origin + path


# Characters left as they are in an entity's path segment, for readable URLs; "/" is encoded.
_SLUG_SAFE = "(),'!*:@"


def entity_path(segment: str, name: str, prefix: str = "") -> str:
    """The entity page's path (prefix "/api" for its JSON twin)."""
    slug = quote(entity_pages.to_slug(name), safe=_SLUG_SAFE)
    return f"{request.script_root}{prefix}/{segment}/{slug}"


def urls() -> viewmodels.Urls:
    """How this request's pages spell their links (the view models' URLs)."""
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
        return entity_path(segment, name)

    def facet_values_url(param: str) -> str:
        return url_for("search.facet_values", param=param)

    return viewmodels.Urls(search=search_url, entity=entity_url, article=article_url,
                           feed=feed_url, facet_values=facet_values_url)
