"""The `searchapp` command line: the click group that gathers the commands of searchapp.commands."""
from __future__ import annotations

import click

from searchapp.commands.backup import backup
from searchapp.commands.check import check
from searchapp.commands.entities import entities
from searchapp.commands.extract import extract
from searchapp.commands.index import index
from searchapp.commands.options import CONTEXT
from searchapp.commands.search import search
from searchapp.commands.serve import serve
from searchapp.commands.stats import stats
from searchapp.commands.users import users


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="searchapp")
def cli() -> None:
    """Search an archive of news articles: index a folder, then serve a search page.

    Example:

        searchapp index ~/articles && searchapp serve
    """


for command in (index, extract, search, stats, serve, backup, check, entities, users):
    cli.add_command(command)
