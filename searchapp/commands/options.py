"""What the commands share: the help flags, the --index-dir and --user options and their defaults."""
from __future__ import annotations

import getpass
from pathlib import Path

import click

from searchapp import config

CONTEXT = {"help_option_names": ["-h", "--help"]}


def index_dir_option(func):
    """Add --index-dir (a folder; None means the configured index folder)."""
    return click.option(
        "--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Index folder (default: $SEARCHAPP_INDEX_DIR or ./index).",
    )(func)


def resolve_index_dir(index_dir: Path | None) -> Path:
    """Return the folder --index-dir names, else the configured index folder."""
    return index_dir or config.index_dir()


def user_option(func):
    """Add --user, the name an editor's change is recorded under."""
    return click.option("--user", default=None,
                        help="Name recorded in the history (default: your login name).")(func)


def who(user: str | None) -> str:
    """Return the name a change from the command line is recorded under."""
    return user or f"cli:{getpass.getuser()}"
