"""`searchapp check`: report an index's damage, one line per problem, and repair what can be repaired."""
from __future__ import annotations

from pathlib import Path

import click

from searchapp.commands.options import CONTEXT, index_dir_option, resolve_index_dir


@click.command(context_settings=CONTEXT)
@index_dir_option
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
    from searchapp.check import IndexDamaged, check_index
    from searchapp.repair import repair_index
    from searchapp.store import IndexMissing

    target = resolve_index_dir(index_dir)
    try:
        if repair:
            for line in repair_index(target, on_wait=lambda: click.echo(
                    f"Another `searchapp index` is running on {target}; waiting for it to finish.",
                    err=True)):
                click.echo(line, err=True)
        report = check_index(target)
    except IndexDamaged as exc:
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
