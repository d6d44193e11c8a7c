"""The `searchapp entities` and `searchapp users` command groups: a thin click layer over edits, curation and accounts."""
from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import click

from searchapp import config
from searchapp.rules import KINDS, RuleError

CONTEXT = {"help_option_names": ["-h", "--help"]}
KIND = click.Choice(KINDS)


def _index_dir_option(func):
    return click.option(
        "--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Index folder (default: $SEARCHAPP_INDEX_DIR or ./index).",
    )(func)


def _target(index_dir: Path | None) -> Path:
    return index_dir or config.index_dir()


def _user_option(func):
    return click.option("--user", default=None,
                        help="Name recorded in the history (default: your login name).")(func)


def _who(user: str | None) -> str:
    return user or f"cli:{getpass.getuser()}"


@click.group(context_settings=CONTEXT)
def entities() -> None:
    """List entity values and fix them: merge, rename, hide, retype; history, undo, export, import.

    Rules are kept in the index folder (curation.sqlite3), survive --rebuild, and apply to every
    article indexed now or later. Each change rewrites the affected articles without NER.

    Example:

        searchapp entities merge person Schelsinger "Helmut Schlesinger"
    """


@entities.command("list", context_settings=CONTEXT)
@_index_dir_option
@click.option("--kind", type=KIND, default=None, help="Only this kind.")
@click.option("--like", default="", help="Only values containing this text (any case).")
@click.option("--min-count", default=1, show_default=True, type=click.IntRange(1),
              help="Only values in at least this many articles.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def list_(index_dir, kind, like, min_count, as_json) -> None:
    """List entity values with their article counts, most frequent first.

    Example:

        searchapp entities list --kind person --like schles --min-count 2
    """
    from searchapp.entity_values import list_values
    from searchapp.facets import build_index_data
    from searchapp.store import IndexMissing, open_index

    try:
        ix = open_index(_target(index_dir))
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from None
    with ix.reader() as reader:
        data = build_index_data(reader, reader.generation())
        values = list_values(data, (kind,) if kind else KINDS, like, min_count)
    ix.close()
    if as_json:
        click.echo(json.dumps([v.to_json() for v in values], ensure_ascii=False, indent=2))
        return
    for v in values:
        click.echo(f"{v.count:>7}  {v.kind:<6}  {v.value}")


def _run_change(index_dir, user, action, kind, value, target="") -> None:
    from searchapp.curation import Change
    from searchapp.edits import apply_change

    try:
        result = apply_change(_target(index_dir), Change(action, kind, value, target), _who(user))
    except RuleError as exc:
        raise click.ClickException(str(exc)) from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(result.message)


@entities.command(context_settings=CONTEXT)
@click.argument("kind", type=KIND)
@click.argument("value")
@click.argument("into")
@_index_dir_option
@_user_option
def merge(kind, value, into, index_dir, user) -> None:
    """Merge VALUE into INTO, another value of the same KIND.

    Example:

        searchapp entities merge person Schelsinger "Helmut Schlesinger"
    """
    _run_change(index_dir, user, "merge", kind, value, into)


@entities.command(context_settings=CONTEXT)
@click.argument("kind", type=KIND)
@click.argument("value")
@click.argument("new")
@_index_dir_option
@_user_option
def rename(kind, value, new, index_dir, user) -> None:
    """Show VALUE under a NEW name everywhere.

    Example:

        searchapp entities rename org EC "European Community"
    """
    _run_change(index_dir, user, "rename", kind, value, new)


@entities.command(context_settings=CONTEXT)
@click.argument("kind", type=KIND)
@click.argument("value")
@_index_dir_option
@_user_option
def hide(kind, value, index_dir, user) -> None:
    """Hide VALUE: not an entity (its words stay searchable as text).

    Example:

        searchapp entities hide person Easter
    """
    _run_change(index_dir, user, "hide", kind, value)


@entities.command(context_settings=CONTEXT)
@click.argument("kind", type=KIND)
@click.argument("value")
@_index_dir_option
@_user_option
def unhide(kind, value, index_dir, user) -> None:
    """Show a hidden VALUE again.

    Example:

        searchapp entities unhide person Easter
    """
    _run_change(index_dir, user, "unhide", kind, value)


@entities.command(context_settings=CONTEXT)
@click.argument("kind", type=KIND)
@click.argument("value")
@click.argument("newkind", type=KIND)
@_index_dir_option
@_user_option
def retype(kind, value, newkind, index_dir, user) -> None:
    """Make VALUE a NEWKIND instead of a KIND (person, place, org).

    Example:

        searchapp entities retype person "Bass Strait" place
    """
    _run_change(index_dir, user, "retype", kind, value, newkind)


@entities.command(context_settings=CONTEXT)
@_index_dir_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def history(index_dir, limit, as_json) -> None:
    """Show the changes, newest first: who, when, what, how many articles.

    Example:

        searchapp entities history --json
    """
    from searchapp.curation import CurationStore

    with CurationStore(_target(index_dir)) as store:
        entries = store.history(limit)
    if as_json:
        click.echo(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2))
        return
    for e in entries:
        state = f" (undone by #{e.undone_by})" if e.undone_by else ""
        articles = "?" if e.articles is None else e.articles
        click.echo(f"#{e.id}  {e.at}  {e.user}  {e.description}  [{articles} articles]{state}")


@entities.command(context_settings=CONTEXT)
@click.argument("change_id", required=False, type=int)
@_index_dir_option
@_user_option
def undo(change_id, index_dir, user) -> None:
    """Undo change CHANGE_ID (default: the newest one not undone yet).

    Example:

        searchapp entities undo 12
    """
    from searchapp.edits import undo_change

    try:
        result = undo_change(_target(index_dir), change_id, _who(user))
    except RuleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(result.message)


@entities.command(context_settings=CONTEXT)
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@_index_dir_option
def export(file, index_dir) -> None:
    """Write every rule as CSV to FILE (default: standard output).

    Example:

        searchapp entities export > rules.csv
    """
    from searchapp.curation import CurationStore
    from searchapp.rulefile import write_rules

    with CurationStore(_target(index_dir)) as store:
        text = write_rules(store.table())
    if file:
        file.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@entities.command("import", context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_index_dir_option
@_user_option
def import_(file, index_dir, user) -> None:
    """Replace all rules with those of FILE (as `export` writes it); any error applies nothing.

    Example:

        searchapp entities import rules.csv
    """
    from searchapp.edits import import_table
    from searchapp.rulefile import RuleFileError, parse_rules

    try:
        with file.open(encoding="utf-8", newline="") as lines:
            table = parse_rules(lines)
        result = import_table(_target(index_dir), table, file.name, _who(user))
    except RuleFileError as exc:
        raise click.ClickException(f"{file}: nothing was imported:\n" + "\n".join(
            f"{file}:{error.removeprefix('line ')}" for error in exc.errors)) from None
    except (RuleError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{file}: nothing was imported: {exc}") from None
    if result is None:
        click.echo(f"{file}: the rules are already these {len(table)}; nothing changed.")
        return
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(result.message)


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
@_index_dir_option
def add(name, role, password_stdin, index_dir) -> None:
    """Create an account; the password is asked at the prompt.

    Example:

        searchapp users add alice --role editor
    """
    from searchapp.accounts import AccountError, open_accounts

    with open_accounts(_target(index_dir)) as accounts:
        try:
            accounts.add(name, _read_password(password_stdin), role)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"account {name!r} added ({role})")


@users.command(context_settings=CONTEXT)
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@_index_dir_option
def passwd(name, password_stdin, index_dir) -> None:
    """Change an account's password (its sessions end).

    Example:

        searchapp users passwd alice
    """
    from searchapp.accounts import AccountError, open_accounts

    with open_accounts(_target(index_dir)) as accounts:
        try:
            accounts.set_password(name, _read_password(password_stdin))
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"password of {name!r} changed")


@users.command(context_settings=CONTEXT)
@click.argument("name")
@_index_dir_option
def remove(name, index_dir) -> None:
    """Delete an account (its sessions end; its history entries stay).

    Example:

        searchapp users remove alice
    """
    from searchapp.accounts import AccountError, open_accounts

    with open_accounts(_target(index_dir)) as accounts:
        try:
            accounts.remove(name)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"account {name!r} removed")


@users.command("list", context_settings=CONTEXT)
@_index_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def list_users(index_dir, as_json) -> None:
    """List the accounts and their roles.

    Example:

        searchapp users list
    """
    from searchapp.accounts import open_accounts

    with open_accounts(_target(index_dir)) as accounts:
        rows = accounts.list()
    if as_json:
        click.echo(json.dumps([{"name": a.name, "role": a.role, "created": a.created} for a in rows]))
        return
    for a in rows:
        click.echo(f"{a.name}\t{a.role}\t{a.created}")
