"""`searchapp serve`: serve the search page with gunicorn, read-only without a secret key."""
from __future__ import annotations

import os
from pathlib import Path

import click

from searchapp.commands.options import CONTEXT, index_dir_option, resolve_index_dir


@click.command(context_settings=CONTEXT)
@index_dir_option
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
        run_gunicorn(resolve_index_dir(index_dir), host, port, workers or default_workers(),
                     forwarded_allow_ips)
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from None


def _warn_without_secret_key() -> None:
    from searchapp.auth import MIN_SECRET_KEY, SECRET_HELP

    if len(os.environ.get("SEARCHAPP_SECRET_KEY", "")) < MIN_SECRET_KEY:
        click.echo(f"Serving reads only. {SECRET_HELP}", err=True)
