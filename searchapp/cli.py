"""The `searchapp` command line: a thin click layer over the indexer, the extractor and the app."""
from __future__ import annotations

import json
import sys
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
@click.option("--include", "include", multiple=True, metavar="GLOB",
              help="Take only files of the folders that match (gitignore syntax; repeatable); "
                   "also takes back README*, LICENSE*, CHANGELOG* and dotfiles.")
@click.option("--exclude", "exclude", multiple=True, metavar="GLOB",
              help="Leave out files and folders that match (gitignore syntax; repeatable).")
@click.option("--watch", is_flag=True,
              help="Keep running: index new, changed, moved and removed files as they come "
                   "(Ctrl-C or SIGTERM stops at a clean point).")
@click.option("--settle", type=click.FloatRange(0.05, 3600), default=1.0, show_default=True,
              help="With --watch: seconds a file's size must stay the same before it is taken.")
@click.option("--scheduler", envvar="SEARCHAPP_SCHEDULER", default=None, metavar="tcp://HOST:PORT",
              help="Run entity extraction on this dask.distributed cluster "
                   "(default: $SEARCHAPP_SCHEDULER; unset: on this machine).")
def index(paths: tuple[Path, ...], index_dir: Path | None, rebuild: bool, strict: bool,
          wait: bool, include: tuple[str, ...], exclude: tuple[str, ...], watch: bool,
          settle: float, scheduler: str | None) -> None:
    """Index the articles in PATHS (files or folders, searched recursively).

    A re-run only touches what changed: new files are added, changed ones updated, and
    articles whose file is gone are removed. Bad files are reported and skipped.
    Formats: plain text (.txt), CSV/TSV, JSON/JSON Lines, Reuters-21578 SGML (.sgm), HTML.
    In folders, README*, LICENSE*, CHANGELOG*, dotfiles and dot-folders are skipped, and so is
    what --exclude or a .searchappignore file (gitignore syntax) names; the articles of a file
    left out are removed from the index, as those of a deleted file are.

    With --watch the command stays running after this first pass and indexes every change
    under PATHS in small batches; a running server shows them without a restart.

    Example:

        searchapp index ~/articles --index-dir ./index

        searchapp index reuters21578/ --include '*.sgm'

        searchapp index ~/articles --watch
    """
    from searchapp.corpus import FileRules
    from searchapp.indexer import IndexBusy, build_index

    target = _resolve_index_dir(index_dir)
    if watch and (include or exclude):
        raise click.UsageError("--watch does not take --include/--exclude yet; use a "
                               ".searchappignore file in the folder instead, or index without --watch.")
    if watch and scheduler:
        raise click.UsageError("--watch extracts on this machine (small batches); run "
                               "`searchapp index --scheduler ...` first, then --watch without it.")
    if watch:
        if rebuild:
            raise click.UsageError("--watch cannot be combined with --rebuild; rebuild first.")
        _watch(list(paths), target, settle)
        return

    def on_wait() -> None:
        click.echo(f"Another `searchapp index` is running on {target}; waiting for it to finish "
                   "(Ctrl-C to stop).", err=True)

    # Connect before build_index: an unreachable cluster fails before anything is written.
    extractor, cluster_error = _cluster_extractor(scheduler)
    printer = _ProgressPrinter()
    try:
        stats = build_index(list(paths), target, extractor, rebuild=rebuild, wait=wait,
                            on_wait=on_wait, progress=printer, rules=FileRules(include, exclude))
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
        click.echo(f"failed: {problem}", err=True)
    for path in stats.skipped:
        click.echo(f"skipped (not a supported format): {path}", err=True)
    for left_out in stats.excluded:
        slash = "/" if left_out.is_dir else ""
        click.echo(f"skipped ({left_out.reason}): {left_out.path}{slash}", err=True)
    click.echo(
        f"{stats.added} added, {stats.updated} updated, {stats.unchanged} unchanged, "
        f"{stats.removed} removed; {len(stats.failed)} failed, "
        f"{len(stats.skipped) + len(stats.excluded)} skipped; "
        f"{stats.total} articles in {target} ({stats.seconds:.1f} s, "
        f"{stats.analysed} texts analysed, {stats.reresolved} articles re-resolved)"
    )
    if strict and stats.failed:
        raise SystemExit(1)


def _print_problems(stats) -> None:
    for problem in stats.failed:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        click.echo(f"failed: {where}: {problem.reason}", err=True)
    for path in stats.skipped:
        click.echo(f"skipped (not a supported format): {path}", err=True)


def _watch(paths: list[Path], target: Path, settle: float) -> None:
    """Run `index --watch`: the first pass, then one line per batch until SIGINT/SIGTERM."""
    import threading

    from searchapp.entities import Extractor
    from searchapp.watch import stop_on_signals, watch

    printer = _ProgressPrinter()

    def first_pass(stats) -> None:
        printer.close()
        printer.drawn = False
        _print_problems(stats)
        click.echo(f"{stats.added} added, {stats.updated} updated, {stats.unchanged} unchanged, "
                   f"{stats.removed} removed; {len(stats.failed)} failed; {stats.total} articles "
                   f"in {target} ({stats.seconds:.1f} s). Watching {len(paths)} path(s) for "
                   "changes (Ctrl-C to stop).", err=True)

    def batch(done) -> None:
        stats = done.stats
        _print_problems(stats)
        click.echo(f"{time.strftime('%H:%M:%S')} {len(done.files)} file(s): {stats.added} added, "
                   f"{stats.updated} updated, {stats.removed} removed; {len(stats.failed)} failed; "
                   f"{stats.total} articles ({stats.seconds:.1f} s)", err=True)

    def busy() -> None:
        click.echo(f"Another `searchapp index` is running on {target}; waiting for it.", err=True)

    def signalled(_signum: int) -> None:
        click.echo("Stopping at a clean point (again to stop at once) ...", err=True)

    extractor = Extractor()
    try:
        # Loaded and run once now, not when the first new file arrives (its first text takes
        # 1.4 s more than the next ones, the model's load 2 s).
        list(extractor.analyse(["Officials in London said on Monday that exports rose."]))
        with stop_on_signals(threading.Event(), signalled) as stop:
            watch(paths, target, extractor, stop=stop, settle=settle, on_first_pass=first_pass,
                  on_batch=batch, on_busy=busy, progress=printer)
    finally:
        printer.close()
        extractor.close()
    click.echo("Stopped; everything committed so far is in the index.", err=True)


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
    from searchapp.entities import Extractor, extract_corpus

    articles = []
    for result in read_articles(list(paths)):
        for problem in result.problems:
            where = f"{problem.path}:{problem.line}" if problem.line else problem.path
            click.echo(f"failed: {where}: {problem.reason}", err=True)
        articles.extend(result.articles)
    with Extractor() as extractor:
        entities = extract_corpus(articles, extractor, n_process=2 if len(articles) >= 400 else 1)
    for article, ents in zip(articles, entities):
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
    from searchapp import api
    from searchapp.facets import build_index_data
    from werkzeug.datastructures import MultiDict

    from searchapp.request import BadRequest, Limits, SearchRequest
    from searchapp.search import run_search
    from searchapp.stats import IndexMissing
    from searchapp.store import open_index

    args = {"q": [query], "person": list(person), "place": list(place), "org": list(org),
            "from": [date_from], "to": [date_to], "sort": [sort or ""], "page": [str(page)],
            "country": list(country)}
    try:
        req = SearchRequest.from_args(MultiDict([(k, v) for k, vs in args.items() for v in vs if v]))
        ix = open_index(_resolve_index_dir(index_dir))
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
    import os
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
            export.check_limit(matches.total, int(os.environ.get("SEARCHAPP_EXPORT_LIMIT")
                                                  or config.defaults()["EXPORT_LIMIT"]))
        except export.TooManyResults as exc:
            raise click.ClickException(str(exc)) from None
        docnums = export.ordered_docnums(searcher, data, req, matches)
        meta = export.ExportMeta(links.search, datetime.now(timezone.utc))
        for piece in export.export_searcher(searcher, docnums, links, fmt, meta):
            click.echo(piece, nl=False)
    click.echo(f"{len(docnums)} articles exported as {format_name}", err=True)


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
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="gunicorn worker processes  [default: 4 per CPU core].")
@click.option("--forwarded-allow-ips", default="", show_default=True,
              help="Proxies (IPs or networks, comma-separated) whose X-Forwarded-* headers are "
                   "believed; none by default.")
def serve(index_dir: Path | None, host: str, port: int, workers: int,
          forwarded_allow_ips: str) -> None:
    """Serve the search page with gunicorn.

    Example:

        searchapp serve --port 8000 --workers 4
    """
    from searchapp.server import default_workers, run_gunicorn
    from searchapp.store import IndexMissing

    _warn_without_secret_key()
    try:
        run_gunicorn(_resolve_index_dir(index_dir), host, port, workers or default_workers(),
                     forwarded_allow_ips)
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from None


@cli.command(context_settings=CONTEXT)
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@_index_dir_option
def backup(dest: Path, index_dir: Path | None) -> None:
    """Copy the index folder to DEST (a new folder), consistently, even while `searchapp index` runs.

    Segments, postings files, checksums and every SQLite file (the extraction cache; rules and
    accounts when they exist). DEST is itself an index folder: serve it with --index-dir, or copy
    it back in place of a damaged index.

    Example:

        searchapp backup /backups/index-$(date +%F)
    """
    from searchapp.backup import BackupError, backup_index
    from searchapp.store import IndexMissing

    try:
        stats = backup_index(_resolve_index_dir(index_dir), dest)
    except (BackupError, IndexMissing) as exc:
        raise click.ClickException(str(exc)) from None
    for line in stats.left_out:
        click.echo(f"left out (a cache the next `searchapp index` rewrites): {line}", err=True)
    retried = f", {stats.attempts} attempts (commits landed meanwhile)" if stats.attempts > 1 else ""
    click.echo(f"backed up generation {stats.generation} ({stats.segments} segments, {stats.files} "
               f"files, {stats.bytes / 1e6:.1f} MB) to {stats.dest} in {stats.seconds:.1f} s{retried}")


@cli.command(context_settings=CONTEXT)
@_index_dir_option
@click.option("--repair", is_flag=True,
              help="Rewrite missing or damaged postings files and record missing checksums "
                   "(waits for a running `searchapp index`).")
def check(index_dir: Path | None, repair: bool) -> None:
    """Check the index for damage: every segment, its checksums, postings files and article count.

    Prints one line per problem (which file, what is wrong, what to run) and exits 1 when the
    index is damaged (the server refuses it with the same message); warnings alone exit 0.

    Example:

        searchapp check --index-dir ./index
    """
    from searchapp import check as checking
    from searchapp.store import IndexMissing

    target = _resolve_index_dir(index_dir)
    try:
        if repair:
            for line in checking.repair(target, on_wait=lambda: click.echo(
                    f"Another `searchapp index` is running on {target}; waiting for it to finish.",
                    err=True)):
                click.echo(line, err=True)
        report = checking.check_index(target)
    except checking.IndexDamaged as exc:
        click.echo(str(exc))
        raise SystemExit(1) from None
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from None
    for finding in report.findings:
        click.echo(finding.message())
    damaged = sum(finding.fatal for finding in report.findings)
    warnings = len(report.findings) - damaged
    verdict = f"DAMAGED ({damaged} fatal, {warnings} warnings)" if damaged else \
        (f"no damage ({warnings} warnings)" if warnings else "no damage")
    generation = f"generation {report.generation}, " if report.generation is not None else "no TOC, "
    articles = f"{report.articles} articles, " if report.articles is not None else ""
    click.echo(f"{target}: {generation}{report.segments} segments, {articles}"
               f"{report.files} files checked in {report.seconds:.1f} s: {verdict}")
    if damaged:
        raise SystemExit(1)


def _warn_without_secret_key() -> None:
    import os

    from searchapp.auth import MIN_SECRET_KEY, SECRET_HELP

    if len(os.environ.get("SEARCHAPP_SECRET_KEY", "")) < MIN_SECRET_KEY:
        click.echo(f"Serving reads only. {SECRET_HELP}", err=True)


def _add_curation_commands() -> None:
    from searchapp.cli_curation import entities, users

    cli.add_command(entities)
    cli.add_command(users)


_add_curation_commands()
