"""`searchapp users`: manage the accounts that may sign in: add, change a password, remove, list."""
from __future__ import annotations

import json
import sys

import click

from searchapp.commands.options import CONTEXT, index_dir_option, resolve_index_dir


@click.group(context_settings=CONTEXT)
def users() -> None:
    """Manage the accounts that may sign in (kept in the index folder, accounts.sqlite3).

    Example:

        searchapp users add alice --role editor
    """


def _read_password(password_stdin: bool, confirm: bool = True) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=confirm)


@users.command(context_settings=CONTEXT)
@click.argument("name")
@click.option("--role", type=click.Choice(["editor", "reader"]), default="editor", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@index_dir_option
def add(name, role, password_stdin, index_dir) -> None:
    """Create an account; the password is asked at the prompt.

    Example:

        searchapp users add alice --role editor
    """
    from searchapp.accounts import AccountError, open_accounts

    with open_accounts(resolve_index_dir(index_dir)) as accounts:
        try:
            accounts.add(name, _read_password(password_stdin), role)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"account {name!r} added ({role})")


@users.command(context_settings=CONTEXT)
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@index_dir_option
def passwd(name, password_stdin, index_dir) -> None:
    """Change an account's password (its sessions end).

    Example:

        searchapp users passwd alice
    """
    from searchapp.accounts import AccountError, open_accounts

    with open_accounts(resolve_index_dir(index_dir)) as accounts:
        try:
            accounts.set_password(name, _read_password(password_stdin))
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"password of {name!r} changed")


@users.command(context_settings=CONTEXT)
@click.argument("name")
@index_dir_option
def remove(name, index_dir) -> None:
    """Delete an account (its sessions end; its history entries stay).

    Example:

        searchapp users remove alice
    """
    from searchapp.accounts import AccountError, open_accounts

    with open_accounts(resolve_index_dir(index_dir)) as accounts:
        try:
            accounts.remove(name)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"account {name!r} removed")


@users.command("list", context_settings=CONTEXT)
@index_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def list_users(index_dir, as_json) -> None:
    """List the accounts and their roles.

    Example:

        searchapp users list
    """
    from searchapp.accounts import open_accounts

    with open_accounts(resolve_index_dir(index_dir)) as accounts:
        rows = accounts.list()
    if as_json:
        click.echo(json.dumps([{"name": a.name, "role": a.role, "created": a.created} for a in rows]))
        return
    for a in rows:
        click.echo(f"{a.name}\t{a.role}\t{a.created}")
