"""Editors' rules: the pure Rules, the store (apply, undo, history), the rules file, the `entities` CLI."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner
from whoosh import index as whoosh_index

from searchapp import schema
from searchapp.articles import Entities
from searchapp.cli import cli
from searchapp.curation import Change, CurationStore, read_rules
from searchapp.rulefile import RuleFileError, parse_rules, write_rules
from searchapp.rules import RuleError, Rules, load_rules
from tests.conftest import HOSTILE, build_toy_index


@pytest.fixture()
def index_dir(tmp_path):
    return build_toy_index(tmp_path / "index", resolved=True)


@pytest.fixture()
def runner():
    return CliRunner()


def stored(index_dir, field=schema.PEOPLE) -> dict[str, tuple[str, ...]]:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        out = {f[schema.ARTICLE_ID]: schema.split_values(f.get(field)) for f in searcher.all_stored_fields()}
    ix.close()
    return out


def run(runner, index_dir, *args):
    result = runner.invoke(cli, ["entities", *args, "--index-dir", str(index_dir)])
    return result


# The pure rules

def test_rules_follow_merge_chains_retype_then_rename():
    rules = Rules(merges={("person", "Schelsinger"): "H. Schlesinger", ("person", "H. Schlesinger"): "Helmut Schlesinger"},
                  renames={("person", "Helmut Schlesinger"): "Helmut Schlesinger (Bundesbank)"},
                  hidden=frozenset({("person", "Easter")}), retypes={("person", "Bass Strait"): "place"})
    out = rules.apply(Entities(people=("Bass Strait", "Easter", "Schelsinger"), places=("Sydney",)))
    assert out.people == ("Helmut Schlesinger (Bundesbank)",)
    assert out.places == ("Bass Strait", "Sydney")


def test_find_cycle_through_merges_and_retypes():
    assert Rules(merges={("person", "A"): "B", ("person", "B"): "A"}).find_cycle() == [
        ("person", "A"), ("person", "B"), ("person", "A")]
    assert Rules(retypes={("person", "X"): "place"}, merges={("place", "X"): "Y", ("place", "Y"): "X"}).find_cycle()
    assert Rules(merges={("person", "A"): "B"}, hidden=frozenset({("person", "B")})).find_cycle() is None


# The store

def test_bad_changes_are_precise_errors(tmp_path):
    with CurationStore(tmp_path) as store:
        cases = [
            (Change("merge", "person", "A", "A"), "into itself"),
            (Change("merge", "animal", "A", "B"), "unknown kind 'animal'"),
            (Change("rename", "person", "A", "x" * 201), "at most 200"),
            (Change("rename", "person", "A", "bad\x07name"), "control character (U+0007)"),
            (Change("rename", "person", "A", "   "), "new name is empty"),
            (Change("rename", "person", "A", "Doe, John"), "comma"),
            (Change("retype", "person", "A", "person"), "already a person"),
            (Change("unhide", "person", "A"), "is not hidden"),
        ]
        for change, message in cases:
            with pytest.raises(RuleError) as info:
                store.apply(change, "t")
            assert message in str(info.value)
        store.apply(Change("merge", "person", "A", "B"), "t")
        with pytest.raises(RuleError, match=r"cycle: person 'A' -> person 'B' -> person 'A'"):
            store.apply(Change("merge", "person", "B", "A"), "t")
        with pytest.raises(RuleError, match="already a rule"):
            store.apply(Change("merge", "person", "A", "B"), "t")
        assert [e.action for e in store.history()] == ["merge"]


def test_undo_refuses_when_a_later_change_rewrote_the_rule(tmp_path):
    with CurationStore(tmp_path) as store:
        first = store.apply(Change("merge", "person", "A", "B"), "ann")
        store.apply(Change("hide", "person", "C"), "ann")
        second = store.apply(Change("merge", "person", "A", "D"), "bob")
        with pytest.raises(RuleError, match=f"change #{second.id} changed the same rule .* undo #{second.id} first"):
            store.undo(first.id, "ann")
        store.undo(second.id, "ann")
        assert store.rules().merges == {("person", "A"): "B"}
        undo = store.undo(first.id, "ann")  # an older change, with later ones still in force
        assert store.rules().merges == {} and store.rules().hidden == {("person", "C")}
        assert store.entry(first.id).undone_by == undo.id
        with pytest.raises(RuleError, match="already undone"):
            store.undo(first.id, "ann")
        with pytest.raises(RuleError, match="is an undo"):
            store.undo(undo.id, "ann")


def test_actions_on_a_renamed_name_mean_the_value_renamed(tmp_path):
    with CurationStore(tmp_path) as store:
        store.apply(Change("rename", "person", "Helmut Schlesinger", "H. Schlesinger"), "t")
        store.apply(Change("merge", "person", "Schelsinger", "H. Schlesinger"), "t")
        assert store.rules().merges == {("person", "Schelsinger"): "Helmut Schlesinger"}
        store.apply(Change("rename", "person", "H. Schlesinger", "Helmut Schlesinger"), "t")
        assert store.rules().renames == {}


# The rules file

def test_rules_file_round_trip_and_errors_with_line_numbers():
    table = {("person", "Schelsinger", "fate"): ("merge", "Helmut Schlesinger"),
             ("person", 'Evil "x" <b>', "name"): ("rename", "Evil"),
             ("person", "Easter", "fate"): ("hide", ""),
             ("person", "Bass Strait", "fate"): ("retype", "place")}
    text = write_rules(table)
    assert text.splitlines()[0] == "action,kind,value,target"
    assert parse_rules(text.splitlines(keepends=True)) == table
    bad = ("action,kind,value,target\n"
           "merge,animal,A,B\n"
           "merge,person,A,A\n"
           "rename,person,,X\n"
           "frobnicate,person,A,B\n"
           "merge,person,Ok,Fine\n")
    with pytest.raises(RuleFileError) as info:
        parse_rules(bad.splitlines(keepends=True))
    assert [e.split(":")[0] for e in info.value.errors] == ["line 2", "line 3", "line 4", "line 5"]
    assert "unknown kind 'animal'" in info.value.errors[0] and "into itself" in info.value.errors[1]
    assert "value is empty" in info.value.errors[2]
    cycle = "action,kind,value,target\nhide,person,Z,\nmerge,person,A,B\nmerge,person,B,A\n"
    with pytest.raises(RuleFileError, match=r"line 3: the rules would make a cycle"):
        parse_rules(cycle.splitlines(keepends=True))


# The command line over a real (toy) index

def test_merge_rewrites_articles_undo_restores_them(runner, index_dir):
    result = run(runner, index_dir, "merge", "person", "Lavrov", "Wang Yi", "--user", "ann")
    assert result.exit_code == 0, result.output
    assert "1 article updated" in result.output
    people = stored(index_dir)
    assert people["wang-putin"] == ("Vladimir Putin", "Wang Yi")
    assert load_rules(index_dir).merges == {("person", "Lavrov"): "Wang Yi"}
    listed = json.loads(run(runner, index_dir, "list", "--kind", "person", "--json").output)
    assert {"kind": "person", "value": "Wang Yi", "count": 2} in listed
    assert not any(v["value"] == "Lavrov" for v in listed)
    assert run(runner, index_dir, "hide", "place", "Moscow").exit_code == 0
    assert "Moscow" not in stored(index_dir, schema.PLACES)["xi-visit"]
    undo = run(runner, index_dir, "undo", "1")
    assert undo.exit_code == 0 and "undo change #1" in undo.output, undo.output
    assert stored(index_dir)["wang-putin"] == ("Lavrov", "Vladimir Putin", "Wang Yi")
    assert "Moscow" not in stored(index_dir, schema.PLACES)["xi-visit"]  # the hide is still in force
    history = json.loads(run(runner, index_dir, "history", "--json").output)
    assert [(h["id"], h["action"], h["articles"], h["user"]) for h in history] == [
        (3, "undo", 1, "cli:" + history[0]["user"].split(":", 1)[1]), (2, "hide", 3, history[1]["user"]),
        (1, "merge", 1, "ann")]
    assert history[2]["undone_by"] == 3
    assert run(runner, index_dir, "unhide", "place", "Moscow").exit_code == 0
    assert "Moscow" in stored(index_dir, schema.PLACES)["xi-visit"]


def test_cli_errors_are_messages_and_change_nothing(runner, index_dir):
    for args, message in [
        (["merge", "person", "Wang Yi", "Wang Yi"], "into itself"),
        (["rename", "person", "Wang Yi", "x" * 300], "at most 200"),
        (["undo", "7"], "there is no change #7"),
        (["merge", "animal", "A", "B"], "'animal' is not one of"),
    ]:
        result = run(runner, index_dir, *args)
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert read_rules(index_dir).is_empty()


def test_a_rule_for_an_unknown_value_is_kept_with_a_warning(runner, index_dir):
    result = run(runner, index_dir, "merge", "person", "Nobody Yet", "Wang Yi")
    assert result.exit_code == 0
    assert "no article has the person 'Nobody Yet' yet" in result.stderr
    assert "0 articles updated" in result.output


def test_export_import_gives_the_same_facets_in_a_fresh_index(runner, index_dir, tmp_path):
    run(runner, index_dir, "merge", "person", "Lavrov", "Wang Yi")
    run(runner, index_dir, "rename", "person", "Wang Yi", "Wang Yi (China)")
    run(runner, index_dir, "retype", "place", "Washington", "org")
    run(runner, index_dir, "hide", "person", f"Evil {HOSTILE}")
    exported = run(runner, index_dir, "export")
    assert exported.exit_code == 0
    rules_file = tmp_path / "rules.csv"
    rules_file.write_text(exported.output, encoding="utf-8")
    fresh = build_toy_index(tmp_path / "fresh", resolved=True)
    imported = runner.invoke(cli, ["entities", "import", str(rules_file), "--index-dir", str(fresh)])
    assert imported.exit_code == 0, imported.output
    for field in (schema.PEOPLE, schema.PLACES, schema.ORGANIZATIONS, schema.COUNTRIES):
        assert stored(fresh, field) == stored(index_dir, field), field
    assert stored(fresh)["wang-putin"] == ("Vladimir Putin", "Wang Yi (China)")
    again = runner.invoke(cli, ["entities", "import", str(rules_file), "--index-dir", str(fresh)])
    assert "nothing changed" in again.output
    # The export file keeps the script as text, byte for byte.
    rows = list(csv.reader(io.StringIO(exported.output)))
    assert ["hide", "person", f"Evil {HOSTILE}", ""] in rows


def test_an_import_with_any_error_applies_nothing(runner, index_dir, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("action,kind,value,target\nmerge,person,Lavrov,Wang Yi\nmerge,person,A,B\n"
                   "merge,person,B,A\nretype,person,X,planet\n", encoding="utf-8")
    result = runner.invoke(cli, ["entities", "import", str(bad), "--index-dir", str(index_dir)])
    assert result.exit_code != 0
    assert "nothing was imported" in result.output and "bad.csv:5: unknown kind 'planet'" in result.output
    assert read_rules(index_dir).is_empty()
    assert "Lavrov" in stored(index_dir)["wang-putin"]


def test_rules_survive_a_rebuild_and_apply_to_new_articles(runner, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(__import__("tests.test_cli", fromlist=["CORPUS"]).CORPUS, corpus)
    index_dir = tmp_path / "index"
    assert runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index_dir)]).exit_code == 0
    before = stored(index_dir)
    merkel = [a for a, people in before.items() if "Angela Merkel" in people]
    assert merkel
    result = run(runner, index_dir, "merge", "person", "Angela Merkel", "Olaf Scholz")
    assert result.exit_code == 0 and f"{len(merkel)} article" in result.output
    rebuilt = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index_dir), "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    after = stored(index_dir)
    assert not any("Angela Merkel" in people for people in after.values())
    assert all("Olaf Scholz" in after[a] for a in merkel)
    # An undo after the rebuild still knows what the articles said before the rule.
    assert run(runner, index_dir, "undo").exit_code == 0
    assert stored(index_dir) == before


def test_users_commands_and_password_stdin(runner, tmp_path):
    from searchapp.accounts import Accounts

    index_dir = tmp_path / "index"
    add = runner.invoke(cli, ["users", "add", "alice", "--password-stdin", "--index-dir", str(index_dir)],
                        input="a long password\n")
    assert add.exit_code == 0 and "added (editor)" in add.output
    prompted = runner.invoke(cli, ["users", "add", "bob", "--role", "reader", "--index-dir", str(index_dir)],
                             input="another password\nanother password\n")
    assert prompted.exit_code == 0, prompted.output
    short = runner.invoke(cli, ["users", "add", "carl", "--password-stdin", "--index-dir", str(index_dir)],
                          input="short\n")
    assert short.exit_code != 0 and "at least 8 characters" in short.output
    again = runner.invoke(cli, ["users", "add", "alice", "--password-stdin", "--index-dir", str(index_dir)],
                          input="a long password\n")
    assert again.exit_code != 0 and "already an account" in again.output
    listed = json.loads(runner.invoke(cli, ["users", "list", "--json", "--index-dir", str(index_dir)]).output)
    assert [(u["name"], u["role"]) for u in listed] == [("alice", "editor"), ("bob", "reader")]
    accounts = Accounts(index_dir)
    session = accounts.start_session("alice")
    assert accounts.authenticate("alice", "a long password").role == "editor"
    assert accounts.authenticate("alice", "wrong password") is None
    assert runner.invoke(cli, ["users", "passwd", "alice", "--password-stdin", "--index-dir", str(index_dir)],
                         input="a new long password\n").exit_code == 0
    assert accounts.session_account(session) is None  # a new password ends the sessions
    assert accounts.authenticate("alice", "a new long password") is not None
    assert runner.invoke(cli, ["users", "remove", "bob", "--index-dir", str(index_dir)]).exit_code == 0
    assert [a.name for a in accounts.list()] == ["alice"]
    accounts.close()
    stored_hash = __import__("sqlite3").connect(index_dir / "accounts.sqlite3").execute(
        "SELECT hash FROM users").fetchone()[0]
    assert stored_hash.startswith("$argon2id$") and "long password" not in stored_hash


def test_serve_without_a_secret_key_says_sign_in_is_off(runner, tmp_path, monkeypatch):
    monkeypatch.delenv("SEARCHAPP_SECRET_KEY", raising=False)
    result = runner.invoke(cli, ["serve", "--index-dir", str(tmp_path / "none")])
    assert result.exit_code != 0 and "no index in" in result.output  # fails before serving
    assert "Sign-in is disabled" in result.stderr and "SEARCHAPP_SECRET_KEY" in result.stderr
