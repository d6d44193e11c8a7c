"""The `searchapp` command line: a thin click layer over the indexer, the extractor and the app."""
from __future__ import annotations

import json
import sys
from collections import Counter
import time
from pathlib import Path

import click

from searchapp import config

CONTEXT = {"help_option_names": ["-h", "--help"]}
# Non-terminal progress: one log line every this many seconds.
LOG_EVERY_SECONDS = 5.0


def _index_dir_option(func):
    return click.option(
        "--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Index folder (default: $SEARCHAPP_INDEX_DIR or ./index).",
    )(func)


def _resolve_index_dir(index_dir: Path | None) -> Path:
    return index_dir or config.index_dir()


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="searchapp")
def cli() -> None:
    """Search an archive of news articles: index a folder, then serve a search page.

    Example:

        searchapp index ~/articles && searchapp serve
    """


class _ProgressPrinter:
    """Draw a progress line on a terminal, or log a line every few seconds otherwise."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last = 0.0
        self.drawn = False

    def close(self) -> None:
        """End the progress line on a terminal."""
        if self.tty and self.drawn:
            self.stream.write("\n")
            self.stream.flush()

    def __call__(self, p) -> None:
        now = time.monotonic()
        final = p.files_done == p.files_total
        if not final and now - self.last < (0.2 if self.tty else LOG_EVERY_SECONDS):
            return
        self.drawn = True
        self.last = now
        rate = p.articles / p.seconds if p.seconds > 0 else 0.0
        share = p.files_done / p.files_total if p.files_total else 1.0
        eta = p.seconds * (1 - share) / share if share > 0 else 0.0
        width = 30
        bar = "#" * int(share * width)
        line = (f"[{bar:<{width}}] {p.files_done}/{p.files_total} files, {p.articles} articles, "
                f"{rate:.0f} articles/s, ETA {int(eta) // 60}:{int(eta) % 60:02d}")
        if self.tty:
            self.stream.write("\r" + line + " " * 4)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@_index_dir_option
@click.option("--rebuild", is_flag=True, help="Start over instead of updating the index.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any file or record failed.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="When another run holds the index: wait for it, or exit at once.")
@click.option("--scheduler", envvar="SEARCHAPP_SCHEDULER", default=None, metavar="tcp://HOST:PORT",
              help="Run entity extraction on this dask.distributed cluster "
                   "(default: $SEARCHAPP_SCHEDULER; unset: on this machine).")
def index(paths: tuple[Path, ...], index_dir: Path | None, rebuild: bool, strict: bool,
          wait: bool, scheduler: str | None) -> None:
    """Index the articles in PATHS (files or folders, searched recursively).

    A re-run only touches what changed: new files are added, changed ones updated, and
    articles whose file is gone are removed. Bad files are reported and skipped.
    Formats: plain text (.txt), CSV/TSV, JSON/JSON Lines, Reuters-21578 SGML (.sgm), HTML.

    Example:

        searchapp index ~/articles --index-dir ./index
    """
    from searchapp.indexer import IndexBusy, build_index

    target = _resolve_index_dir(index_dir)

    def on_wait() -> None:
        click.echo(f"Another `searchapp index` is running on {target}; waiting for it to finish "
                   "(Ctrl-C to stop).", err=True)

    # Connect before build_index: an unreachable cluster fails before anything is written.
    extractor, cluster_error = _cluster_extractor(scheduler)
    printer = _ProgressPrinter()
    try:
        stats = build_index(list(paths), target, extractor, rebuild=rebuild, wait=wait,
                            on_wait=on_wait, progress=printer)
    except IndexBusy as exc:
        raise click.ClickException(f"{exc}; try again when it has finished.") from None
    except cluster_error as exc:
        raise click.ClickException(
            f"{exc}. The index keeps what its last commit wrote; run the same command again "
            "to finish (the extraction cache has every chunk written since).") from None
    finally:
        printer.close()
        if extractor is not None:
            extractor.close()
    for problem in stats.failed:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        click.echo(f"failed: {where}: {problem.reason}", err=True)
    for path in stats.skipped:
        click.echo(f"skipped (not a supported format): {path}", err=True)
    click.echo(
        f"{stats.added} added, {stats.updated} updated, {stats.unchanged} unchanged, "
        f"{stats.removed} removed; {len(stats.failed)} failed, {len(stats.skipped)} skipped; "
        f"{stats.total} articles in {target} ({stats.seconds:.1f} s, "
        f"{stats.analysed} texts analysed)"
    )
    if strict and stats.failed:
        raise SystemExit(1)


class _NoClusterError(Exception):
    """Never raised: what `except` catches when no cluster is used."""


def _cluster_extractor(scheduler: str | None):
    """Return (ClusterExtractor, ClusterError) for --scheduler, or (None, a never-raised error)."""
    if not scheduler:
        return None, _NoClusterError
    from searchapp.cluster import ClusterError, ClusterExtractor

    click.echo(f"Connecting to the dask scheduler at {scheduler} and loading the model on its "
               "workers...", err=True)
    try:
        extractor = ClusterExtractor(scheduler, on_message=lambda m: click.echo(m, err=True))
    except ClusterError as exc:
        raise click.ClickException(f"{exc}. Nothing was written.") from None
    click.echo(f"{len(extractor.ready_workers())} dask workers ready (extraction "
               f"{extractor.version}).", err=True)
    return extractor, ClusterError


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
def extract(paths: tuple[Path, ...]) -> None:
    """Print the extraction of each article in PATHS as one JSON object per line.

    Keys: id, title, title_derived, published, sources, url, people, places,
    organizations, countries, dates. Nothing is written to the index.

    Example:

        searchapp extract samples/ | head -1
    """
    from searchapp.corpus import read_articles
    from searchapp.entities import (Extractor, apply_org_map, apply_surname_map, build_org_map,
                                    build_surname_map, resolve)

    articles = []
    for result in read_articles(list(paths)):
        for problem in result.problems:
            where = f"{problem.path}:{problem.line}" if problem.line else problem.path
            click.echo(f"failed: {where}: {problem.reason}", err=True)
        articles.extend(result.articles)
    extractor = Extractor()
    n_process = 2 if len(articles) >= 400 else 1
    entities = [resolve(m, a.published)
                for a, m in zip(articles, extractor.analyse((a.text for a in articles),
                                                            n_process=n_process))]
    people = Counter(p for e in entities for p in e.people)
    orgs = Counter(o for e in entities for o in e.organizations)
    surnames, org_map = build_surname_map(people, orgs), build_org_map(orgs)
    for article, ents in zip(articles, entities):
        ents = apply_org_map(apply_surname_map(ents, surnames), org_map)
        click.echo(json.dumps({
            "id": article.article_id,
            "title": article.title,
            "title_derived": article.title_derived,
            "published": article.published.isoformat() if article.published else None,
            "sources": list(article.sources),
            "url": article.url or None,
            "people": list(ents.people),
            "places": list(ents.places),
            "organizations": list(ents.organizations),
            "countries": list(ents.countries),
            "dates": list(ents.dates),
        }, ensure_ascii=False))


@cli.command(context_settings=CONTEXT)
@click.argument("query", default="")
@_index_dir_option
@click.option("--person", multiple=True, help="Only articles with this person (repeatable).")
@click.option("--place", multiple=True, help="Only articles with this place (repeatable).")
@click.option("--org", multiple=True, help="Only articles with this organisation (repeatable).")
@click.option("--from", "date_from", default="", help="Published on or after, YYYY-MM-DD.")
@click.option("--to", "date_to", default="", help="Published on or before, YYYY-MM-DD.")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default=None)
@click.option("--page", default=1, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON instead of text.")
def search(query: str, index_dir: Path | None, person, place, org, date_from: str, date_to: str,
           sort: str | None, page: int, as_json: bool) -> None:
    """Search the index from the command line, as the web page does.

    Example:

        searchapp search "oil prices" --place "Saudi Arabia" --json
    """
    from searchapp import api
    from searchapp.facets import build_index_data
    from werkzeug.datastructures import MultiDict

    from searchapp.request import BadRequest, Limits, SearchRequest
    from searchapp.search import run_search
    from searchapp.stats import IndexMissing
    from searchapp.store import open_index

    args = {"q": [query], "person": list(person), "place": list(place), "org": list(org),
            "from": [date_from], "to": [date_to], "sort": [sort or ""], "page": [str(page)]}
    try:
        req = SearchRequest.from_args(MultiDict([(k, v) for k, vs in args.items() for v in vs if v]))
        ix = open_index(_resolve_index_dir(index_dir))
    except (BadRequest, IndexMissing) as exc:
        raise click.ClickException(str(exc)) from None
    with ix.searcher() as searcher:
        reader = searcher.reader()
        results = run_search(searcher, build_index_data(reader, reader.generation()), req,
                             Limits.from_config(config.defaults()))
    ix.close()
    if as_json:
        click.echo(json.dumps(api.results_to_json(results), ensure_ascii=False, indent=2))
        return
    click.echo(f"{results.total} articles (page {results.page} of {results.page_count})")
    for hit in results.hits:
        click.echo(f"{hit.published or 'undated':10}  {hit.article_id}  {hit.title}")


@cli.command(context_settings=CONTEXT)
@_index_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--top", default=10, show_default=True, help="How many top values per facet.")
def stats(index_dir: Path | None, as_json: bool, top: int) -> None:
    """Print the article count, date range and top people, places and organisations.

    Example:

        searchapp stats --json
    """
    from searchapp.stats import IndexMissing, read_stats  # noqa: F401

    try:
        summary = read_stats(_resolve_index_dir(index_dir), top=top)
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    click.echo(f"{summary['articles']} articles, published {summary['first_published'] or '?'}"
               f" .. {summary['last_published'] or '?'}")
    for key, label in (("people", "People"), ("places", "Places"),
                       ("organizations", "Organisations")):
        values = ", ".join(f"{v['value']} ({v['count']})" for v in summary[key])
        click.echo(f"{label}: {values or '-'}")


@cli.command(context_settings=CONTEXT)
@_index_dir_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="gunicorn worker processes.")
def serve(index_dir: Path | None, host: str, port: int, workers: int) -> None:
    """Serve the search page with gunicorn.

    Example:

        searchapp serve --port 8000 --workers 4
    """
    from searchapp.server import run_gunicorn
    from searchapp.store import IndexMissing

    try:
        run_gunicorn(_resolve_index_dir(index_dir), host, port, workers)
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from None
