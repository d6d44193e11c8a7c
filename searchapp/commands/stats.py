"""`searchapp stats`: print an index's article count, date range and top entity values."""
from __future__ import annotations

import json
from pathlib import Path

import click

from searchapp import schema
from searchapp.commands.options import CONTEXT, index_dir_option, resolve_index_dir


@click.command(context_settings=CONTEXT)
@index_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--top", default=10, show_default=True, help="How many top values per facet.")
def stats(index_dir: Path | None, as_json: bool, top: int) -> None:
    """Print the article count, date range and top people, places and organisations.

    Example:

        searchapp stats --json
    """
    from searchapp.stats import IndexMissing, read_stats

    try:
        summary = read_stats(resolve_index_dir(index_dir), top=top)
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    click.echo(f"{summary['articles']} articles, published {summary['first_published'] or '?'}"
               f" .. {summary['last_published'] or '?'}")
    for facet in schema.FACETS:  # read_stats keys its top values by field name
        values = ", ".join(f"{v['value']} ({v['count']})" for v in summary[facet.field])
        click.echo(f"{facet.label}: {values or '-'}")
