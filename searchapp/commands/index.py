"""`searchapp index`: index files and folders once, on a dask cluster (--scheduler), or for as long as they change (--watch)."""
from __future__ import annotations

import threading
import time
from pathlib import Path

import click

from searchapp.commands.options import CONTEXT, index_dir_option, resolve_index_dir
from searchapp.commands.progress import ProgressPrinter


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@index_dir_option
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
    under PATHS in small batches, with the same --include/--exclude selection; a running
    server shows them without a restart.

    Example:

        searchapp index ~/articles --index-dir ./index

        searchapp index reuters21578/ --include '*.sgm'

        searchapp index ~/articles --watch --exclude 'drafts/'
    """
    from searchapp.corpus import FileRules
    from searchapp.indexer import IndexBusy, build_index

    target = resolve_index_dir(index_dir)
    rules = FileRules(include, exclude)
    if watch and scheduler:
        raise click.UsageError("--watch extracts on this machine (small batches); run "
                               "`searchapp index --scheduler ...` first, then --watch without it.")
    if watch:
        if rebuild:
            raise click.UsageError("--watch cannot be combined with --rebuild; rebuild first.")
        _watch(list(paths), target, settle, rules)
        return

    def on_wait() -> None:
        click.echo(f"Another `searchapp index` is running on {target}; waiting for it to finish "
                   "(Ctrl-C to stop).", err=True)

    # Connect before build_index: an unreachable cluster fails before anything is written.
    extractor, cluster_error = _cluster_extractor(scheduler)
    printer = ProgressPrinter()
    try:
        stats = build_index(list(paths), target, extractor, rebuild=rebuild, wait=wait,
                            on_wait=on_wait, progress=printer, rules=rules)
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
    _print_problems(stats)
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
    """Print what a run could not read, and what it skipped and why, one line each on stderr."""
    for problem in stats.failed:
        click.echo(f"failed: {problem}", err=True)  # Problem.__str__: "path:line: reason"
    for path in stats.skipped:
        click.echo(f"skipped (not a supported format): {path}", err=True)
    for left_out in stats.excluded:
        slash = "/" if left_out.is_dir else ""
        click.echo(f"skipped ({left_out.reason}): {left_out.path}{slash}", err=True)


def _watch(paths: list[Path], target: Path, settle: float, rules) -> None:
    """Run `index --watch`: the first pass, then one line per batch until SIGINT/SIGTERM."""
    from searchapp.entities import Extractor
    from searchapp.watch import stop_on_signals, watch

    printer = ProgressPrinter()

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
            watch(paths, target, extractor, stop=stop, settle=settle, rules=rules,
                  on_first_pass=first_pass, on_batch=batch, on_busy=busy, progress=printer)
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
