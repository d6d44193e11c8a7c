"""Export routes: every match of a search as a download, and the search page's Export menu."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Response, abort, current_app, stream_with_context, url_for

from searchapp import export
from searchapp.request import SearchRequest
from searchapp.store import get_snapshot, open_private_searcher, release_snapshot
from searchapp.view_context import absolute_url, bp, parse_request


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
    req = parse_request().with_page(1)
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
