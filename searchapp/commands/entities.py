"""`searchapp entities`: list entity values and fix them (merge, rename, hide, retype); history, undo, export, import."""
from __future__ import annotations

import json
from pathlib import Path

import click

from searchapp.commands.options import CONTEXT, index_dir_option, resolve_index_dir, user_option, who
from searchapp.rules import KINDS, RuleError

KIND = click.Choice(KINDS)


@click.group(context_settings=CONTEXT)
def entities() -> None:
    """List entity values and fix them: merge, rename, hide, retype; history, undo, export, import.

    Rules are kept in the index folder (curation.sqlite3), survive --rebuild, and apply to every
    article indexed now or later. Each change rewrites the affected articles without NER.

    Example:

        searchapp entities merge person Schelsinger "Helmut Schlesinger"
    """


@entities.command("list", context_settings=CONTEXT)
@index_dir_option
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
        ix = open_index(resolve_index_dir(index_dir))
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
        result = apply_change(resolve_index_dir(index_dir), Change(action, kind, value, target), who(user))
    except RuleError as exc:
        raise click.ClickException(str(exc)) from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(result.message)


@entities.command(context_settings=CONTEXT)
@click.argument("kind", type=KIND)
@click.argument("value")
@click.argument("into")
@index_dir_option
@user_option
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
@index_dir_option
@user_option
def rename(kind, value, new, index_dir, user) -> None:
    """Show VALUE under a NEW name everywhere.

    Example:

        searchapp entities rename org EC "European Community"
    """
    _run_change(index_dir, user, "rename", kind, value, new)


@entities.command(context_settings=CONTEXT)
@click.argument("kind", type=KIND)
@click.argument("value")
@index_dir_option
@user_option
def hide(kind, value, index_dir, user) -> None:
    """Hide VALUE: not an entity (its words stay searchable as text).

    Example:

        searchapp entities hide person Easter
    """
    _run_change(index_dir, user, "hide", kind, value)


@entities.command(context_settings=CONTEXT)
@click.argument("kind", type=KIND)
@click.argument("value")
@index_dir_option
@user_option
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
@index_dir_option
@user_option
def retype(kind, value, newkind, index_dir, user) -> None:
    """Make VALUE a NEWKIND instead of a KIND (person, place, org).

    Example:

        searchapp entities retype person "Bass Strait" place
    """
    _run_change(index_dir, user, "retype", kind, value, newkind)


@entities.command(context_settings=CONTEXT)
@index_dir_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def history(index_dir, limit, as_json) -> None:
    """Show the changes, newest first: who, when, what, how many articles.

    Example:

        searchapp entities history --json
    """
    from searchapp.curation import CurationStore

    with CurationStore(resolve_index_dir(index_dir)) as store:
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
@index_dir_option
@user_option
def undo(change_id, index_dir, user) -> None:
    """Undo change CHANGE_ID (default: the newest one not undone yet).

    Example:

        searchapp entities undo 12
    """
    from searchapp.edits import undo_change

    try:
        result = undo_change(resolve_index_dir(index_dir), change_id, who(user))
    except RuleError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(result.message)


@entities.command(context_settings=CONTEXT)
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@index_dir_option
def export(file, index_dir) -> None:
    """Write every rule as CSV to FILE (default: standard output).

    Example:

        searchapp entities export > rules.csv
    """
    from searchapp.curation import CurationStore
    from searchapp.rulefile import write_rules

    with CurationStore(resolve_index_dir(index_dir)) as store:
        text = write_rules(store.table())
    if file:
        file.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@entities.command("import", context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@index_dir_option
@user_option
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
        result = import_table(resolve_index_dir(index_dir), table, file.name, who(user))
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
