"""`searchapp extract`: print each article's extraction as JSON Lines, writing nothing."""
from __future__ import annotations

import json
from pathlib import Path

import click

from searchapp.commands.options import CONTEXT


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
def extract(paths: tuple[Path, ...]) -> None:
    """Print the extraction of each article in PATHS as one JSON object per line.

    Keys: id, title, title_derived, published, sources, url, people, places,
    organizations, countries, dates. Nothing is written to the index.

    Example:

        searchapp extract samples/ | head -1
    """
    from searchapp.extract import extract_paths

    def on_problem(problem) -> None:
        click.echo(f"failed: {problem}", err=True)

    for record in extract_paths(list(paths), on_problem):
        click.echo(json.dumps(record, ensure_ascii=False))
