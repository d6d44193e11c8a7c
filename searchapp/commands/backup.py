"""`searchapp backup`: copy the index folder consistently, even while `searchapp index` runs."""
from __future__ import annotations

from pathlib import Path

import click

from searchapp.commands.options import CONTEXT, index_dir_option, resolve_index_dir


@click.command(context_settings=CONTEXT)
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@index_dir_option
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
        stats = backup_index(resolve_index_dir(index_dir), dest)
    except (BackupError, IndexMissing) as exc:
        raise click.ClickException(str(exc)) from None
    for line in stats.left_out:
        click.echo(f"left out (a cache the next `searchapp index` rewrites): {line}", err=True)
    retried = f", {stats.attempts} attempts (commits landed meanwhile)" if stats.attempts > 1 else ""
    click.echo(f"backed up generation {stats.generation} ({stats.segments} segments, {stats.files} "
               f"files, {stats.bytes / 1e6:.1f} MB) to {stats.dest} in {stats.seconds:.1f} s{retried}")
