"""`searchapp search`: one page of results as text or the API's JSON, or every match in an export format."""
from __future__ import annotations

import json
from pathlib import Path

import click

from searchapp import config
from searchapp.commands.options import CONTEXT, index_dir_option, resolve_index_dir


@click.command(context_settings=CONTEXT)
@click.argument("query", default="")
@index_dir_option
@click.option("--person", multiple=True, help="Only articles with this person (repeatable).")
@click.option("--place", multiple=True, help="Only articles with this place (repeatable).")
@click.option("--org", multiple=True, help="Only articles with this organisation (repeatable).")
@click.option("--country", multiple=True,
              help="Only articles that name this country or a place in it (repeatable).")
@click.option("--from", "date_from", default="", help="Published on or after, YYYY-MM-DD.")
@click.option("--to", "date_to", default="", help="Published on or before, YYYY-MM-DD.")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default=None)
@click.option("--page", default=1, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON instead of text.")
@click.option("--format", "export_format", default=None,
              type=click.Choice(["csv", "jsonl", "ris", "bib", "csl.json"]),
              help="Print ALL matches (every page) as this file format, as /export.<format> does.")
@click.option("--base-url", envvar="SEARCHAPP_BASE_URL", default="http://127.0.0.1:5000",
              show_default=True,
              help="Where the site is served, for the permalinks and search URL in --format "
                   "output (or $SEARCHAPP_BASE_URL).")
def search(query: str, index_dir: Path | None, person, place, org, date_from: str, date_to: str,
           sort: str | None, page: int, as_json: bool, export_format: str | None = None,
           base_url: str = "http://127.0.0.1:5000", country=()) -> None:
    """Search the index from the command line, as the web page does.

    A page holds SEARCHAPP_PAGE_SIZE results (default 10), as on the web page.

    Example:

        searchapp search "oil prices" --place "Saudi Arabia" --json

        searchapp search "oil prices" --format csv > oil-prices.csv
    """
    from werkzeug.datastructures import MultiDict

    from searchapp import api
    from searchapp.facets import build_index_data
    from searchapp.request import BadRequest, Limits, SearchRequest
    from searchapp.search import run_search
    from searchapp.stats import IndexMissing
    from searchapp.store import open_index

    args = {"q": [query], "person": list(person), "place": list(place), "org": list(org),
            "from": [date_from], "to": [date_to], "sort": [sort or ""], "page": [str(page)],
            "country": list(country)}
    try:
        req = SearchRequest.from_args(MultiDict([(k, v) for k, vs in args.items() for v in vs if v]))
        ix = open_index(resolve_index_dir(index_dir))
    except (BadRequest, IndexMissing) as exc:
        raise click.ClickException(str(exc)) from None
    if export_format:
        try:
            _export(ix, req, export_format, base_url)
        finally:
            ix.close()
        return
    with ix.searcher() as searcher:
        reader = searcher.reader()
        # The settings, SEARCHAPP_PAGE_SIZE included, read as the web app reads them.
        results = run_search(searcher, build_index_data(reader, reader.generation()), req,
                             Limits.from_config(config.settings()))
    ix.close()
    if as_json:
        click.echo(json.dumps(api.results_to_json(results), ensure_ascii=False, indent=2))
        return
    click.echo(f"{results.total} articles (page {results.page} of {results.page_count})")
    for hit in results.hits:
        click.echo(f"{hit.published or 'undated':10}  {hit.article_id}  {hit.title}")


def _export(ix, req, format_name: str, base_url: str) -> None:
    """Write every match of req to stdout in the export format, as /export.<format> does."""
    from datetime import datetime, timezone

    from searchapp import export
    from searchapp.facets import build_index_data

    req = req.with_page(1)
    fmt = export.FORMATS[format_name]
    links = export.Links.from_base(base_url, export.export_args(req))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        data = build_index_data(reader, reader.generation())
        matches = export.find_matches(searcher, data, req)
        try:
            export.check_limit(matches.total, int(config.settings()["EXPORT_LIMIT"]))
        except export.TooManyResults as exc:
            raise click.ClickException(str(exc)) from None
        docnums = export.ordered_docnums(searcher, data, req, matches)
        meta = export.ExportMeta(links.search, datetime.now(timezone.utc))
        for piece in export.export_searcher(searcher, docnums, links, fmt, meta):
            click.echo(piece, nl=False)
    click.echo(f"{len(docnums)} articles exported as {format_name}", err=True)
