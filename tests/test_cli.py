"""The searchapp command line, through click's CliRunner."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from searchapp.cli import cli
from tests.conftest import TOY_ARTICLES, build_toy_index

CORPUS = Path(__file__).parent / "data" / "corpus"
COMMANDS = ["index", "extract", "search", "stats", "serve"]


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_index_then_stats(runner, tmp_path):
    index_dir = tmp_path / "index"
    result = runner.invoke(cli, ["index", str(CORPUS), "--index-dir", str(index_dir)])
    assert result.exit_code == 0, result.output
    assert "15 added, 0 updated, 0 unchanged, 0 removed" in result.output
    again = runner.invoke(cli, ["index", str(CORPUS), "--index-dir", str(index_dir)])
    assert "0 added, 0 updated, 15 unchanged, 0 removed" in again.output
    stats = runner.invoke(cli, ["stats", "--index-dir", str(index_dir), "--json"])
    assert stats.exit_code == 0, stats.output
    summary = json.loads(stats.output)
    assert summary["articles"] == 15
    assert summary["first_published"] < summary["last_published"]
    assert summary["people"] and summary["people"][0]["count"] >= 3
    text = runner.invoke(cli, ["stats", "--index-dir", str(index_dir)])
    assert text.output.startswith("15 articles")
    found = runner.invoke(cli, ["search", "--index-dir", str(index_dir), "--person", "Angela Merkel",
                                "--json"])
    assert found.exit_code == 0, found.output
    data = json.loads(found.output)
    assert data["total"] >= 3
    assert all("Angela Merkel" in hit["people"] for hit in data["hits"])
    bad = runner.invoke(cli, ["search", "--index-dir", str(index_dir), "--from", "yesterday"])
    assert bad.exit_code == 1 and "'from' must be a date" in bad.output


def test_index_reports_bad_files_and_strict_fails(runner, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.txt").write_bytes(b"\x00\xff" * 100)
    (corpus / "ok.txt").write_text(" date 2023-02-22\n\nPutin met Wang Yi in Moscow.\n", encoding="utf-8")
    args = ["index", str(corpus), "--index-dir", str(tmp_path / "index")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0
    assert "bad.txt" in result.output and "1 failed" in result.output
    strict = runner.invoke(cli, args + ["--strict"])
    assert strict.exit_code == 1


def test_missing_path_is_one_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["index", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert "Traceback" not in result.output


def test_stats_without_an_index_says_how_to_make_one(runner, tmp_path):
    result = runner.invoke(cli, ["stats", "--index-dir", str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "run `searchapp index" in result.output


def test_extract_prints_one_json_object_per_article(runner):
    result = runner.invoke(cli, ["extract", str(CORPUS / "001_merkel_macron_vaccines.txt")])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert len(lines) == 1
    record = lines[0]
    assert set(record) >= {"id", "title", "published", "sources", "people", "places",
                           "organizations", "dates"}
    assert record["id"] == "001_merkel_macron_vaccines"
    assert "Angela Merkel" in record["people"]


def test_extract_reports_a_text_the_rules_fail_on_and_prints_the_article_without_names(
        runner, monkeypatch):
    from searchapp.entities import ner
    real = ner.mentions_from_doc

    def failing(doc, *args, **kwargs):
        if "Merkel" in doc.text:
            raise KeyError("surname")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(ner, "mentions_from_doc", failing)
    result = runner.invoke(cli, ["extract", str(CORPUS / "001_merkel_macron_vaccines.txt")])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "001_merkel_macron_vaccines" and record["people"] == []
    assert "001_merkel_macron_vaccines.txt: names not extracted (KeyError: 'surname' (test_cli.py:" \
        in result.stderr


def test_extract_prints_what_index_stores(runner, tmp_path):
    """Corpus-wide resolution is one function: `extract` and `index` agree article by article."""
    from whoosh import index as whoosh_index

    from searchapp import schema

    index_dir = tmp_path / "index"
    assert runner.invoke(cli, ["index", str(CORPUS), "--index-dir", str(index_dir)]).exit_code == 0
    extracted = runner.invoke(cli, ["extract", str(CORPUS)])
    assert extracted.exit_code == 0, extracted.output
    printed = {}
    for line in extracted.stdout.splitlines():
        record = json.loads(line)
        printed[record["id"]] = tuple(tuple(record[key]) for key in
                                      ("people", "places", "organizations", "dates", "countries"))
        printed[record["id"]] += (tuple((m["kind"], m["name"], m["count"], tuple(m["spellings"]))
                                        for m in record["mentions"]),)
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        stored = {f[schema.ARTICLE_ID]: tuple(schema.stored_entities(f).__dict__.values())
                  + (schema.stored_mentions(f),) for f in searcher.all_stored_fields()}
    ix.close()
    assert len(stored) == 15 and stored == printed
    assert any(spellings for record in stored.values() for _k, _n, _c, spellings in record[-1])


def test_search_pages_by_the_page_size_setting(runner, tmp_path):
    index_dir = str(build_toy_index(tmp_path / "index"))
    default = json.loads(runner.invoke(cli, ["search", "--index-dir", index_dir, "--json"]).output)
    assert (default["total"], len(default["hits"])) == (len(TOY_ARTICLES), len(TOY_ARTICLES))
    args = ["search", "--index-dir", index_dir, "--page", "2"]
    paged = runner.invoke(cli, args + ["--json"], env={"SEARCHAPP_PAGE_SIZE": "2"})
    assert paged.exit_code == 0, paged.output
    data = json.loads(paged.output)
    assert (data["total"], len(data["hits"])) == (len(TOY_ARTICLES), 2)
    text = runner.invoke(cli, args, env={"SEARCHAPP_PAGE_SIZE": "2"})
    assert text.output.startswith(f"{len(TOY_ARTICLES)} articles (page 2 of 3)")
    assert len(text.output.splitlines()) == 1 + 2


def test_index_reports_each_failure_as_the_problem_says_it(runner, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.txt").write_bytes(b"\x00\xff" * 100)
    result = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(tmp_path / "index")])
    failed = [line for line in result.output.splitlines() if line.startswith("failed: ")]
    assert failed == [f"failed: {corpus / 'bad.txt'}: binary file (not text)"]
