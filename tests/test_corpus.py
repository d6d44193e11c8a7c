"""Tests for searchapp.corpus: every reader with good, bad and hostile input, the real corpora, and properties."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from searchapp import config
from searchapp.articles import ID_RE, Article
from searchapp.corpus import MAX_TEXT_BYTES, CorpusError, FileResult, Problem, iter_files, read_articles, read_file
from searchapp.corpus.reuters import readable_title
from tests.conftest import require

CORPUS_DIR = Path(__file__).parent / "data" / "corpus"
SEED_FILE = config.data_dir() / "seed" / "000_5cd5df0be4793570.txt"
WIKINEWS_DIR = config.data_dir() / "wikinews"
REUTERS_DIR = config.data_dir() / "reuters21578"


def write(directory: Path, name: str, content: str | bytes) -> Path:
    """Write a file (text as UTF-8 with \\n line ends) and return its path."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def only_article(result: FileResult) -> Article:
    assert not result.problems, result.problems
    assert len(result.articles) == 1, result.articles
    return result.articles[0]


def reasons(result: FileResult) -> list[str]:
    return [problem.reason for problem in result.problems]


def check_article_invariants(result: FileResult) -> None:
    """What every reader promises about the articles it returns."""
    ids = [article.article_id for article in result.articles]
    assert len(ids) == len(set(ids))
    for article in result.articles:
        assert ID_RE.match(article.article_id), article.article_id
        assert article.title and "\n" not in article.title and article.title == article.title.strip()
        assert article.body.strip()
        for paragraph in article.body.split("\n\n"):
            assert paragraph and paragraph == paragraph.strip() and "\n" not in paragraph, repr(article.body)
        assert set(article.subheadings) <= set(article.body.split("\n\n"))
        assert article.origin == str(result.path)
    for problem in result.problems:
        assert problem.path == str(result.path) and problem.reason


# --- plain text ---------------------------------------------------------------------------------

SEED_LIKE = """\
 date 2023-02-22 22.02.2023

Wang Yi met Vladimir Putin in Moscow on Wednesday. They discussed the war.

Putin said relations were “mature”.

Moscow appreciates Beijing’s ‘balanced stance’

Lavrov also attended the meeting.

(AFP, AP, Reuters)
"""


def test_seed_file_reads_title_date_sources_subheadings_and_body():
    require(SEED_FILE.exists(), f"shared seed article not found at {SEED_FILE}")
    article = only_article(read_file(SEED_FILE))
    assert article.article_id == "000_5cd5df0be4793570"
    assert article.title == ("Wang Yi, China’s top diplomatic representative and member of the Political Bureau "
                             "of the Communist…")
    assert article.title_derived
    assert article.published == date(2023, 2, 22)
    assert article.sources == ("AFP", "AP", "Reuters")
    assert article.subheadings == ("Wang Yi also met with Russian Foreign Minister Lavrov",
                                   "Moscow appreciates Beijing’s ‘balanced stance’")
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 11
    assert paragraphs[0].startswith("Wang Yi, China’s top diplomatic representative")
    assert paragraphs[6:8] == list(article.subheadings)
    assert paragraphs[-1].endswith("all efforts to resolve the crisis peacefully should be supported.")
    assert "(AFP, AP, Reuters)" not in article.body
    assert "“mature, tenacious and stable as Mount Tai”" in article.body
    assert article.origin == str(SEED_FILE.resolve())


def test_text_in_seed_format(tmp_path):
    article = only_article(read_file(write(tmp_path, "001_abc.txt", SEED_LIKE)))
    assert article.article_id == "001_abc"
    assert article.title == "Wang Yi met Vladimir Putin in Moscow on Wednesday"
    assert article.title_derived
    assert article.published == date(2023, 2, 22)
    assert article.sources == ("AFP", "AP", "Reuters")
    assert article.subheadings == ("Moscow appreciates Beijing’s ‘balanced stance’",)
    assert article.body.split("\n\n") == [
        "Wang Yi met Vladimir Putin in Moscow on Wednesday. They discussed the war.",
        "Putin said relations were “mature”.",
        "Moscow appreciates Beijing’s ‘balanced stance’",
        "Lavrov also attended the meeting.",
    ]


def test_text_headers_give_title_url_author_sources_and_id(tmp_path):
    text = ("Title:  Putin meets Wang Yi \nDATE: 2023-02-22T09:30:00+03:00\nSources: AFP; dpa\n"
            "url: https://example.com/news/putin-meets-wang-yi.html\nauthor: Jane Doe\n\n"
            "Putin met Wang Yi.\n\n(Reuters)\n")
    article = only_article(read_file(write(tmp_path, "x.txt", text)))
    assert article.title == "Putin meets Wang Yi"
    assert not article.title_derived
    assert article.published == date(2023, 2, 22)
    assert article.sources == ("AFP", "dpa", "Reuters")
    assert article.url == "https://example.com/news/putin-meets-wang-yi.html"
    assert article.author == "Jane Doe"
    assert article.article_id.startswith("putin-meets-wang-yi-")
    assert article.body == "Putin met Wang Yi."


def test_text_id_header_wins_over_the_file_name(tmp_path):
    article = only_article(read_file(write(tmp_path, "x.txt", "id: dw-2023/0042\n\nText.\n")))
    assert article.article_id == "dw-2023-0042"


@pytest.mark.parametrize("header, expected", [
    ("date 16 June 2022", date(2022, 6, 16)),
    ("Date: 16.06.2022", date(2022, 6, 16)),
    ("   date: Thu, 16 Jun 2022 10:00:00 +0200", date(2022, 6, 16)),
    ("published: June 16, 2022", date(2022, 6, 16)),
])
def test_text_date_header_formats(tmp_path, header, expected):
    article = only_article(read_file(write(tmp_path, "x.txt", f"{header}\n\nSome text.\n")))
    assert article.published == expected


def test_text_first_line_starting_with_the_word_date_is_body(tmp_path):
    article = only_article(read_file(write(tmp_path, "x.txt", "Date palms thrive in Oman.\n\nMore text.\n")))
    assert article.published is None
    assert article.body.startswith("Date palms thrive in Oman.")


@pytest.mark.parametrize("header, reason", [
    (" date 2023-02-22 23.02.2023", "gives two different days (2023-02-22 and 2023-02-23)"),
    ("date 2023-02-30", "impossible date '2023-02-30'"),
    ("date: sometime last spring", "unreadable date 'sometime last spring'"),
])
def test_text_bad_date_is_a_problem_and_the_article_is_kept_undated(tmp_path, header, reason):
    path = write(tmp_path, "x.txt", f"{header}\n\nSome text.\n")
    result = read_file(path)
    assert [article.published for article in result.articles] == [None]
    [problem] = result.problems
    assert reason in problem.reason and "kept without a date" in problem.reason
    assert problem.line == 1 and problem.path == str(path.resolve())


def test_text_header_only_file_is_a_problem(tmp_path):
    result = read_file(write(tmp_path, "x.txt", "date 2023-02-22\ntitle: Nothing follows\n\n\n"))
    assert result.articles == ()
    assert reasons(result) == ["no article text after the header lines"]


def test_a_list_of_short_lines_is_no_article(tmp_path):
    """The Reuters folder's category files: one code a line, or a few notes over long lists of
    "Name (CODE)" lines. An article of short sentences, and a table with numbers, are still articles."""
    codes = "\n".join(["afghanistan", "albania", "american-samoa"] * 12) + "\n"
    notes = ("Some notes on the Reuters Categories\n\nThe email gave lists, which I reproduce below.\n\n"
             + "\n".join(f"Category {name} ({name.upper()})" for name in "abcdefghijklmnopqrstuvwxyz1234") + "\n")
    sentences = "\n".join(["The mill closed its doors.", "Workers were sent home."] * 20)
    table = "Wheat exports, in tonnes:\n" + "\n".join(f"Port {n} ... {n * 100}" for n in range(40))
    short = "\n".join(["Coffee rose", "Cocoa fell"] * 10)
    for name, text in (("codes.txt", codes), ("notes.txt", notes)):
        result = read_file(write(tmp_path, name, text))
        lines = len([line for line in text.splitlines() if line.strip()])
        assert result.articles == () and reasons(result) == [f"a list of {lines} short lines, not an article"]
    for name, text in (("sentences.txt", sentences), ("table.txt", table), ("short.txt", short)):
        assert len(read_file(write(tmp_path, name, text)).articles) == 1, name


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \r\n"])
def test_text_empty_file_is_a_problem(tmp_path, content):
    result = read_file(write(tmp_path, "x.txt", content))
    assert (result.articles, reasons(result), result.skipped) == ((), ["empty file"], False)


def test_text_with_binary_content_is_a_problem(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    result = read_file(write(tmp_path, "photo.txt", png))
    assert reasons(result) == ["binary file (not text)"]


def test_text_in_cp1252_is_read(tmp_path):
    content = "date 2022-01-05\n\n\u201cCaf\u00e9 cr\u00e8me\u201d costs 3\u20ac in Cr\u00e9teil.\n".encode("cp1252")
    article = only_article(read_file(write(tmp_path, "x.txt", content)))
    assert article.body == "“Café crème” costs 3€ in Créteil."


def test_text_in_latin1_with_bytes_cp1252_leaves_undefined_is_read(tmp_path):
    article = only_article(read_file(write(tmp_path, "x.txt", b"M\xfcnchen und K\xf6ln \x81.\n")))
    assert article.body == "München und Köln ."  # the C1 control \x81 is dropped


def test_text_in_utf16_with_bom_is_read(tmp_path):
    content = "date 2022-01-05\r\n\r\nZürich hosts talks.\r\n".encode("utf-16")
    article = only_article(read_file(write(tmp_path, "x.txt", content)))
    assert (article.published, article.body) == (date(2022, 1, 5), "Zürich hosts talks.")


def test_text_with_undecodable_mostly_non_ascii_bytes_is_a_problem(tmp_path):
    result = read_file(write(tmp_path, "x.txt", bytes(range(0xA0, 0xFF)) * 20))
    assert result.articles == ()
    assert reasons(result)[0].startswith("not valid utf-8 text")


def test_text_bom_crlf_and_trailing_spaces_are_normalised(tmp_path):
    content = b"\xef\xbb\xbf date 2021-09-27\r\n\r\nFirst   paragraph.  \r\n\r\n\r\n\r\nSecond one. \t\r\n"
    article = only_article(read_file(write(tmp_path, "x.txt", content)))
    assert article.published == date(2021, 9, 27)
    assert article.body == "First paragraph.\n\nSecond one."


def test_text_hard_wrapped_lines_are_joined_and_indents_start_paragraphs(tmp_path):
    text = ("The central bank raised rates on Tuesday and said\nmore increases were likely.\n"
            "    Economists had expected the move.\n\nA new block.\n")
    article = only_article(read_file(write(tmp_path, "x.txt", text)))
    assert article.body.split("\n\n") == [
        "The central bank raised rates on Tuesday and said more increases were likely.",
        "Economists had expected the move.",
        "A new block.",
    ]


def test_text_with_one_paragraph_per_long_line_keeps_the_lines_apart(tmp_path):
    first, second = "A" * 130 + " first.", "B" * 130 + " second."
    article = only_article(read_file(write(tmp_path, "x.txt", f"{first}\n{second}\n")))
    assert article.body.split("\n\n") == [first, second]


def test_derived_title_is_cut_at_a_word_boundary_near_100_characters(tmp_path):
    sentence = "The foreign ministers of the seven largest industrial democracies met in the northern city " \
               "of Karuizawa on Monday to discuss Ukraine."
    article = only_article(read_file(write(tmp_path, "x.txt", sentence + "\n")))
    assert article.title == "The foreign ministers of the seven largest industrial democracies met in the northern " \
                            "city of…"
    assert len(article.title) <= 101


def test_derived_title_does_not_stop_at_abbreviations(tmp_path):
    text = "U.S. President Joe Biden met Mr. Scholz in Washington. They talked for an hour.\n"
    article = only_article(read_file(write(tmp_path, "x.txt", text)))
    assert article.title == "U.S. President Joe Biden met Mr. Scholz in Washington"


def test_credit_line_in_parentheses_is_not_a_sources_line(tmp_path):
    text = "Markets rose.\n\n(Reporting by John Smith; Editing by Jane Doe)\n"
    article = only_article(read_file(write(tmp_path, "x.txt", text)))
    assert article.sources == ()
    assert article.body.endswith("(Reporting by John Smith; Editing by Jane Doe)")


@pytest.mark.parametrize("line, sources", [
    ("(AFP)", ("AFP",)),
    ("(Reuters)", ("Reuters",)),
    ("(AFP, AP, Reuters)", ("AFP", "AP", "Reuters")),
    ("(dpa/AFP)", ("dpa", "AFP")),
    ("(Kyodo News; Associated Press)", ("Kyodo News", "Associated Press")),
])
def test_closing_agency_line_becomes_the_sources(tmp_path, line, sources):
    article = only_article(read_file(write(tmp_path, "x.txt", f"Markets rose.\n\nTraders cheered.\n\n{line}\n")))
    assert article.sources == sources
    assert article.body == "Markets rose.\n\nTraders cheered."


# The closing lines of Reuters-21578 texts that the old rule took for agencies, and a credit line.
@pytest.mark.parametrize("line", [
    "(Corrects figure)", "(PREVIOUS CLOSE 72.4)", "(PREVIOUS CLOSE 72.4 )", "(cts per lb)", "(MORNING FIX 419.80)",
    "(ALL DISCS)", "(ALL DISCOUNTS)", "(Electro Scientific Industries)", "(With reporting by AP)",
])
def test_closing_note_in_parentheses_stays_in_the_body(tmp_path, line):
    article = only_article(read_file(write(tmp_path, "x.txt", f"Markets rose.\n\nTraders cheered.\n\n{line}\n")))
    assert article.sources == ()
    assert article.body == f"Markets rose.\n\nTraders cheered.\n\n{line}"


def test_short_first_and_last_paragraphs_are_not_subheadings(tmp_path):
    text = "Breaking news from Berlin\n\nThe chancellor resigned.\n\nMore to follow\n"
    article = only_article(read_file(write(tmp_path, "x.txt", text)))
    assert article.subheadings == ()


def test_text_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(50 * 2**20)  # sparse: costs no disk or memory
    result = read_file(path)
    assert MAX_TEXT_BYTES == 10 * 2**20
    assert reasons(result) == ["file too large (50 MB > 10 MB)"]


# --- CSV and TSV --------------------------------------------------------------------------------

def make_csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def test_csv_reads_rows_with_the_usual_column_names_in_any_case(tmp_path):
    content = make_csv([
        ["GUID", "Headline", "Body", "Published At", "Permalink", "Agency", "Byline"],
        ["a-1", "Merkel visits Paris", "Angela Merkel met Emmanuel Macron.\n\nMerkel said more.",
         "2021-03-03 10:00:00+01:00", "https://example.com/a-1", "AFP, dpa", "Jane Doe"],
    ])
    article = only_article(read_file(write(tmp_path, "news.csv", content)))
    assert article == Article(
        article_id="a-1", title="Merkel visits Paris", body="Angela Merkel met Emmanuel Macron.\n\nMerkel said more.",
        published=date(2021, 3, 3), sources=("AFP", "dpa"), url="https://example.com/a-1", author="Jane Doe",
        origin=str((tmp_path / "news.csv").resolve()),
    )


def test_csv_with_semicolons_and_tsv_are_read(tmp_path):
    semicolons = make_csv([["title", "text", "date"], ["One", "Text one.", "03.03.2021"]], delimiter=";")
    tabs = make_csv([["title", "text", "date"], ["Two", "Text, two.", "2021-03-04"]], delimiter="\t")
    assert only_article(read_file(write(tmp_path, "a.csv", semicolons))).published == date(2021, 3, 3)
    assert only_article(read_file(write(tmp_path, "b.tsv", tabs))).body == "Text, two."


def test_csv_ids_come_from_the_id_column_else_the_url_else_a_hash(tmp_path):
    content = make_csv([
        ["id", "url", "title", "text"],
        ["src-7", "https://example.com/x", "A", "Text a."],
        ["", "https://example.com/2021/03/merkel-in-paris.html", "B", "Text b."],
        ["", "", "C", "Text c."],
    ])
    ids = [article.article_id for article in read_file(write(tmp_path, "x.csv", content)).articles]
    assert ids[0] == "src-7"
    assert ids[1].startswith("merkel-in-paris-") and len(ids[1]) == len("merkel-in-paris-") + 8
    assert ids[2].startswith("h-")
    # A hash id depends on the content only, so it is the same wherever the file lives.
    moved = read_file(write(tmp_path / "elsewhere", "y.csv", content))
    assert [article.article_id for article in moved.articles] == ids


def test_csv_row_without_text_is_a_problem_on_the_line_where_the_row_starts(tmp_path):
    content = make_csv([
        ["title", "text"],
        ["Good", "Line one\nline two\nline three."],
        ["Empty", "   "],
        ["Also good", "Text."],
    ])
    result = read_file(write(tmp_path, "x.csv", content))
    assert [article.title for article in result.articles] == ["Good", "Also good"]
    assert [(problem.line, problem.reason) for problem in result.problems] == [(5, "no article text")]


def test_csv_without_a_text_column_is_a_problem_for_the_whole_file(tmp_path):
    result = read_file(write(tmp_path, "x.csv", make_csv([["url", "date", "title"], ["u", "2021-01-01", "t"]])))
    assert result.articles == ()
    [problem] = result.problems
    assert problem.line == 1
    assert problem.reason == "no text column (expected one of text, body, content, article, story; " \
                             "found url, date, title)"


def test_csv_broken_quoting_keeps_the_rows_before_and_after(tmp_path):
    content = ('id,title,text\n1,"Good","Fine text."\n2,"Bad title,"Broken text.\n'
               '3,"Good 3","Text 3."\n4,Good 4,"Text 4."\n')
    result = read_file(write(tmp_path, "x.csv", content))
    assert [article.article_id for article in result.articles] == ["1", "3", "4"]
    [problem] = result.problems
    assert problem.line == 3 and problem.reason.startswith("broken CSV quoting")


def test_csv_quote_left_open_until_the_end_is_a_problem(tmp_path):
    result = read_file(write(tmp_path, "x.csv", 'id,title,text\n1,A,Fine.\n2,B,"Never closed\n3,C,Lost.\n'))
    assert [article.article_id for article in result.articles] == ["1"]
    assert [(problem.line, problem.reason) for problem in result.problems] == [
        (3, "broken CSV quoting (unexpected end of data); the row is skipped")]


def test_csv_row_with_too_many_fields_is_a_problem(tmp_path):
    result = read_file(write(tmp_path, "x.csv", "title,text\nA,Fine.\nB,unquoted, comma\nC,Also fine.,,\n"))
    assert [article.title for article in result.articles] == ["A", "C"]
    assert [(problem.line, problem.reason) for problem in result.problems] == [
        (3, "row has 3 fields but the header has 2; the row is skipped")]


def test_csv_duplicate_id_within_a_file_keeps_the_first(tmp_path):
    content = make_csv([["id", "title", "text"], ["7", "First", "One."], ["7", "Second", "Two."]])
    result = read_file(write(tmp_path, "x.csv", content))
    assert [article.title for article in result.articles] == ["First"]
    assert [(problem.line, problem.reason) for problem in result.problems] == [
        (3, "duplicate id '7' (first on line 2); this article is dropped")]


def test_csv_impossible_date_keeps_the_row_without_a_date(tmp_path):
    content = make_csv([["title", "text", "date"], ["A", "Text.", "2023-02-30"]])
    result = read_file(write(tmp_path, "x.csv", content))
    assert [article.published for article in result.articles] == [None]
    assert [(problem.line, problem.reason) for problem in result.problems] == [
        (2, "impossible date '2023-02-30' (day is out of range for month); the article is kept without a date")]


def test_csv_field_longer_than_csv_default_limit_is_read(tmp_path):
    long_text = "word " * 60_000  # 300 KB, above csv's 128 KiB default
    article = only_article(read_file(write(tmp_path, "x.csv", make_csv([["text"], [long_text]]))))
    assert len(article.body) == len(long_text.strip())


def test_csv_wiki_page_outside_the_article_namespace_is_a_problem(tmp_path):
    content = make_csv([
        ["url", "title", "text"],
        ["https://en.wikinews.org//wiki/TEST_PAGE:Self-publish_today", "TEST PAGE:Self-publish today", "Test."],
        ["https://en.wikinews.org//wiki/COVID-19:_Wikinews_talks_to_nurses", "COVID-19: Wikinews talks", "Real."],
    ])
    result = read_file(write(tmp_path, "x.csv", content))
    assert [article.body for article in result.articles] == ["Real."]
    assert reasons(result) == ["not a news article: a wiki page in the 'TEST PAGE' namespace"]


def test_csv_binary_content_is_a_problem(tmp_path):
    result = read_file(write(tmp_path, "x.csv", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200)))
    assert reasons(result) == ["binary file (not text)"]


@pytest.mark.slow
def test_real_wikinews_csvs_give_293_dated_titled_articles():
    require(WIKINEWS_DIR.is_dir(), f"shared Wikinews CSVs not found in {WIKINEWS_DIR}")
    results = list(read_articles([WIKINEWS_DIR]))
    articles = [article for result in results for article in result.articles]
    assert len(articles) == 293
    assert all(article.published and article.title and not article.title_derived for article in articles)
    assert all(article.url.startswith("https://en.wikinews.org//wiki/") for article in articles)
    assert len({article.article_id for article in articles}) == 293
    problems = [problem for result in results for problem in result.problems]
    # The two "TEST PAGE:" rows of the 2020 file (see the data README's Quirks) are not articles.
    assert [(Path(problem.path).name, problem.reason) for problem in problems] == [
        ("wikinews_2020.csv", "not a news article: a wiki page in the 'TEST PAGE' namespace")] * 2
    assert {result.path.name for result in results if result.skipped} == {
        "README.md", "upstream-LICENSE.md", "upstream-README.md"}
    for result in results:
        check_article_invariants(result)


# --- JSON and JSON Lines ------------------------------------------------------------------------

def test_jsonl_reads_objects_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a", "title": "A", "text": "Text a.", "date": "2022-05-01"}),
        "",
        "{not json",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "b", "content": ["Para one.", "Para two."], "sources": ["AP", "AFP"],
                    "authors": ["Ann Lee", "Bo Kim"]}),
        json.dumps({"id": "c", "title": "No text"}),
    ]
    result = read_file(write(tmp_path, "x.jsonl", "\n".join(lines) + "\n"))
    assert [article.article_id for article in result.articles] == ["a", "b"]
    second = result.articles[1]
    assert (second.body, second.sources, second.author) == ("Para one.\n\nPara two.", ("AP", "AFP"), "Ann Lee, Bo Kim")
    assert [(problem.line, problem.reason) for problem in result.problems] == [
        (3, "invalid JSON: Expecting property name enclosed in double quotes"),
        (4, "not a JSON object"),
        (6, "no article text"),
    ]


def test_json_array_reports_items_with_their_line(tmp_path):
    content = json.dumps([{"title": "A", "text": "Text a."}, {"title": "B", "text": ""}, 5], indent=1)
    result = read_file(write(tmp_path, "x.json", content))
    assert [article.title for article in result.articles] == ["A"]
    assert [(problem.line, problem.reason) for problem in result.problems] == [
        (6, "item 2: no article text"), (10, "item 3: not a JSON object")]


@pytest.mark.parametrize("key", ["articles", "items", "data"])
def test_json_object_with_an_article_list(tmp_path, key):
    content = json.dumps({"count": 1, key: [{"headline": "A", "story": "Text a.", "pubdate": "2022-05-01"}]})
    article = only_article(read_file(write(tmp_path, "x.json", content)))
    assert (article.title, article.published) == ("A", date(2022, 5, 1))


def test_json_single_article_object(tmp_path):
    article = only_article(read_file(write(tmp_path, "x.json", json.dumps({"title": "A", "body": "Text."}))))
    assert article.body == "Text."


def test_json_truncated_array_keeps_the_items_before_the_break(tmp_path):
    content = '[\n{"id": "1", "text": "One."},\n{"id": "2", "text": "Two."},\n{"id": "3", "te'
    result = read_file(write(tmp_path, "x.json", content))
    assert [article.article_id for article in result.articles] == ["1", "2"]
    [problem] = result.problems
    assert problem.line == 4 and problem.reason.startswith("invalid JSON: Unterminated string")


def test_json_without_articles_is_a_problem(tmp_path):
    result = read_file(write(tmp_path, "x.json", '{"name": "settings", "debug": true}'))
    assert reasons(result) == ["no list of articles (expected an array of objects, or an object with an "
                               "'articles', 'items', 'data' list)"]


def test_json_file_holding_json_lines_is_read_as_lines(tmp_path):
    content = '{"id": "1", "text": "One."}\n{"id": "2", "text": "Two."}\n'
    result = read_file(write(tmp_path, "x.json", content))
    assert [article.article_id for article in result.articles] == ["1", "2"]


def test_json_nested_too_deeply_is_a_problem(tmp_path):
    result = read_file(write(tmp_path, "x.json", '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"))
    assert result.articles == ()
    assert len(result.problems) == 1


# --- Reuters-21578 SGML -------------------------------------------------------------------------

def reuters_block(newid: int, date_value: str = "26-FEB-1987 15:01:01.79", text: str | None = None) -> str:
    if text is None:
        text = ("<TEXT>&#2;\n<TITLE>U.S. AND OPEC'S TALKS ON &lt;XON> CRUDE TO RESUME</TITLE>\n"
                "<AUTHOR>    by Janie Gabbett, Reuters</AUTHOR>\n"
                "<DATELINE>    NEW YORK, Feb 26 - </DATELINE><BODY>Talks between the United States and\n"
                "OPEC will resume next week, officials said. Exxon &lt;XON> &amp; others\n"
                "welcomed&#5;&#30; the news.\n"
                "    The talks broke down in January.\n"
                " Reuter\n&#3;</BODY></TEXT>")
    return (f'<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="{newid}">\n'
            f"<DATE>{date_value}</DATE>\n<TOPICS><D>crude</D></TOPICS>\n<PLACES><D>usa</D></PLACES>\n"
            "<PEOPLE></PEOPLE>\n<ORGS></ORGS>\n<EXCHANGES></EXCHANGES>\n<COMPANIES></COMPANIES>\n"
            "<UNKNOWN> \n&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0704&#31;reute\nu f BC-CRUDE   02-26 0105</UNKNOWN>\n"
            f"{text}\n</REUTERS>\n")


def reuters_file(*blocks: str) -> str:
    return '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n' + "".join(blocks)


def test_reuters_article_fields(tmp_path):
    article = only_article(read_file(write(tmp_path, "r.sgm", reuters_file(reuters_block(1)))))
    assert article.article_id == "reuters-1"
    assert article.title == "U.S. and OPEC's Talks on <XON> Crude to Resume"
    assert not article.title_derived
    assert article.published == date(1987, 2, 26)
    assert article.sources == ("Reuters",)
    assert article.author == "Janie Gabbett"
    assert article.body == ("NEW YORK, Feb 26 - Talks between the United States and OPEC will resume next week, "
                            "officials said. Exxon <XON> & others welcomed the news.\n\n"
                            "The talks broke down in January.")


def test_reuters_brief_has_its_headline_as_body(tmp_path):
    text = ('<TEXT TYPE="BRIEF">&#2;\n******<TITLE>ASSETS OF MONEY MARKET FUNDS ROSE 720.4 MLN DLRS\n'
            "</TITLE>Blah blah blah.\n&#3;\n\n</TEXT>")
    article = only_article(read_file(write(tmp_path, "r.sgm", reuters_file(reuters_block(30, text=text)))))
    assert article.title == article.body == "Assets of Money Market Funds Rose 720.4 Mln Dlrs"
    assert article.title_derived


def test_reuters_unprocessed_text_keeps_its_lines(tmp_path):
    text = ('<TEXT TYPE="UNPROC">&#2;\nFEDERAL RESERVE WEEKLY REPORT - FEB 26\n'
            " Net free reserves.............644 vs.....1,337\n Bank borrowings...............680 vs.......425\n"
            "\n Reuter\n&#3;\n\n</TEXT>")
    article = only_article(read_file(write(tmp_path, "r.sgm", reuters_file(reuters_block(101, text=text)))))
    assert article.title == "Federal Reserve Weekly Report - Feb 26"
    assert article.body.split("\n\n") == ["FEDERAL RESERVE WEEKLY REPORT - FEB 26",
                                          "Net free reserves.............644 vs.....1,337",
                                          "Bank borrowings...............680 vs.......425"]


@pytest.mark.parametrize("value, expected", [
    (" 31-MAR-1987 605:12:19.12", date(1987, 3, 31)),
    ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM", date(1987, 3, 27)),
    (" 3-APR-1987  07:09:42.28", date(1987, 4, 3)),
])
def test_reuters_junk_around_the_date_is_ignored(tmp_path, value, expected):
    article = only_article(read_file(write(tmp_path, "r.sgm", reuters_file(reuters_block(1, value)))))
    assert article.published == expected


def test_reuters_impossible_date_is_a_problem_and_the_article_is_kept(tmp_path):
    result = read_file(write(tmp_path, "r.sgm", reuters_file(reuters_block(1, "30-FEB-1987 10:00:00.00"))))
    assert [article.published for article in result.articles] == [None]
    assert [(problem.line, problem.reason) for problem in result.problems] == [
        (2, "reuters-1: impossible date '30-FEB-1987 10:00:00.00' (day is out of range for month); "
            "the article is kept without a date")]


def test_reuters_truncated_file_keeps_the_complete_articles(tmp_path):
    content = reuters_file(reuters_block(1), reuters_block(2), reuters_block(3))
    content = content[: content.rindex("<BODY>") + 20]
    result = read_file(write(tmp_path, "r.sgm", content))
    assert [article.article_id for article in result.articles] == ["reuters-1", "reuters-2"]
    third_line = content[: content.index('NEWID="3"')].count("\n") + 1
    assert [(problem.line, problem.reason) for problem in result.problems] == [
        (third_line, "truncated article: the file ends before </REUTERS>; skipped")]


def test_reuters_unclosed_article_before_the_next_one_is_a_problem(tmp_path):
    broken = reuters_block(2).replace("</REUTERS>\n", "")
    content = reuters_file(reuters_block(1), broken, reuters_block(3))
    result = read_file(write(tmp_path, "r.sgm", content))
    assert [article.article_id for article in result.articles] == ["reuters-1", "reuters-3"]
    second_line = content[: content.index('NEWID="2"')].count("\n") + 1
    assert [(problem.line, problem.reason) for problem in result.problems] == [
        (second_line, "article not closed: <REUTERS> without </REUTERS>; skipped")]


def test_reuters_duplicate_newid_and_empty_article_are_problems(tmp_path):
    empty = '<TEXT TYPE="UNPROC">&#2;\n&#3;\n\n</TEXT>'
    content = reuters_file(reuters_block(1), reuters_block(1), reuters_block(2, text=empty))
    result = read_file(write(tmp_path, "r.sgm", content))
    assert [article.article_id for article in result.articles] == ["reuters-1"]
    assert reasons(result) == ["duplicate id 'reuters-1' (first on line 2); this article is dropped",
                               "reuters-2: empty article (no title, no text); skipped"]


def test_reuters_latin1_byte_is_read(tmp_path):
    content = reuters_file(reuters_block(1)).encode("latin-1").replace(b"January.", b"M\xfcnchen.")
    article = only_article(read_file(write(tmp_path, "r.sgm", content)))
    assert article.body.endswith("The talks broke down in München.")


@pytest.mark.parametrize("content, reason", [
    ("<!DOCTYPE other>\n<DOC>Hello</DOC>\n", "no <REUTERS> articles in this SGML file"),
    ("\n \n", "empty file"),
    (b"\x00\x01" * 100, "binary file (not text)"),
])
def test_sgml_file_without_reuters_articles_is_a_problem(tmp_path, content, reason):
    result = read_file(write(tmp_path, "r.sgm", content))
    assert reasons(result) == [reason]


@pytest.mark.parametrize("title, readable", [
    ("BAHIA COCOA REVIEW", "Bahia Cocoa Review"),
    ("STANDARD OIL <SRD> TO FORM FINANCIAL UNIT", "Standard Oil <SRD> to Form Financial Unit"),
    ("U.S. AND SOVIETS DRAFT EUROMISSILE TREATY", "U.S. and Soviets Draft Euromissile Treaty"),
    ("BONUS WHEAT FLOUR FOR NORTH YEMEN  -- USDA", "Bonus Wheat Flour for North Yemen  -- USDA"),
    ("WHIRLPOOL CORP 1ST QTR SHR 66 CTS VS 67 CTS", "Whirlpool Corp 1st Qtr Shr 66 Cts vs 67 Cts"),
    ("BROWN-FORMAN INC <BFD> 4TH QTR NET", "Brown-Forman Inc <BFD> 4th Qtr Net"),
    ("EC, GATT AND IMF OFFICIALS MEET IN UK", "EC, GATT and IMF Officials Meet in UK"),
    ("FED ADDS RESERVES VIA CUSTOMER REPURCHASES", "Fed Adds Reserves via Customer Repurchases"),
    ("TOWER REPORT DIMINISHES REAGAN'S HOPES", "Tower Report Diminishes Reagan's Hopes"),
    ("CBT, NYSE AND USDA SEE GNP GROWTH", "CBT, NYSE and USDA See GNP Growth"),
    ("<CINRAM LTD> 4TH QTR NET", "<Cinram Ltd> 4th Qtr Net"),
    ("Already Mixed Case", "Already Mixed Case"),
])
def test_readable_title(title, readable):
    assert readable_title(title) == readable


@pytest.mark.parametrize("title, body, readable", [
    ("IBC PRESIDENT TO ATTEND MANAGUA COFFEE MEETING",
     "Brazilian Coffee Institute (IBC) president Jorio Dauster said he will attend.",
     "IBC President to Attend Managua Coffee Meeting"),
    ("IBC'S NEW QUOTAS", "The Brazilian Coffee Institute, IBC, said.", "IBC's New Quotas"),
    # Capitals in a table or a shouting paragraph say nothing about the title's words.
    ("COFFEE EXPORTS IN MARCH", "MARCH EXPORTS\nThe institute said exports rose.",
     "Coffee Exports in March"),
    ("COFFEE EXPORTS IN MARCH", "", "Coffee Exports in March"),
    ("FIRM TO PAY 10 CTS", "It is NOT going TO pay less than 10 CTS.", "Firm to Pay 10 Cts"),
    ("CHICAGO CORN FALLS", "Prices fell.\nCHICAGO, March 3 - Corn fell.", "Chicago Corn Falls"),
    ("CORN PRICES", "Traders said CORN was weak, as corn often is.", "Corn Prices"),
    ("WAITING GAME", "Officials said WAITING FOR RAIN was all.", "Waiting Game"),
])
def test_readable_title_keeps_what_the_body_writes_in_capitals(title, body, readable):
    assert readable_title(title, body) == readable


def test_reuters_title_acronyms_come_from_the_body_not_the_dateline(tmp_path):
    sgml = (
        '<REUTERS NEWID="7"><DATE>18-MAR-1987 10:00:00.00</DATE><TEXT>'
        "<TITLE>IBC PRESIDENT TO ATTEND MEETING IN MARCH</TITLE>"
        "<DATELINE>RIO DE JANEIRO, MARCH 18 - </DATELINE>"
        "<BODY>Brazilian Coffee Institute (IBC) president Jorio Dauster said he will attend\n"
        "a meeting in Managua.\n Reuter\n&#3;</BODY></TEXT></REUTERS>\n")
    result = read_file(write(tmp_path, "r.sgm", sgml))
    assert [a.title for a in result.articles] == ["IBC President to Attend Meeting in March"]


@pytest.mark.slow
def test_real_reuters_files_are_read_with_unique_ids():
    require(REUTERS_DIR.is_dir(), f"shared Reuters-21578 files not found in {REUTERS_DIR}")
    files = sorted(REUTERS_DIR.glob("reut2-*.sgm"))
    blocks = sum(path.read_bytes().count(b"<REUTERS ") for path in files)
    results = [read_file(path) for path in files]
    articles = {article.article_id: article for result in results for article in result.articles}
    problems = [problem for result in results for problem in result.problems]
    # One article in reut2-012.sgm (NEWID 12793) has an empty TEXT: no title and no text.
    assert [(Path(problem.path).name, problem.line) for problem in problems] == [("reut2-012.sgm", 25983)]
    assert len(articles) == blocks - 1 == sum(len(result.articles) for result in results)
    assert articles["reuters-17192"].published == date(1987, 3, 31)  # DATE "31-MAR-1987 605:12:19.12"
    assert articles["reuters-1"].title == "Bahia Cocoa Review"
    assert articles["reuters-1"].body.startswith("SALVADOR, Feb 26 - Showers continued throughout the week")
    assert all(article.published and article.sources == ("Reuters",) for article in articles.values())
    assert not any(article.body.rstrip(".").lower().endswith("reuter") for article in articles.values())
    for result in results:
        check_article_invariants(result)


# --- HTML pages ---------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Macron visits Berlin | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-10-26T14:05:00+02:00">
{canonical}</head><body><nav><a href="/">Home</a><a href="/world">World</a></nav>
<article><h1>Macron visits Berlin</h1>
<p>French President Emmanuel Macron arrived in Berlin on Wednesday for talks with Chancellor Olaf Scholz
about energy prices, the war in Ukraine and the future of European defence projects.</p>
<h2>Energy first</h2>
<p>Scholz said the two governments would coordinate their gas purchases for the coming winter and that
Germany would share its storage data with France every week from now on.</p>
<p>Macron said France and Germany had a duty to stay united, and he invited Scholz to Paris in January.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_html_page_gives_main_text_and_metadata(tmp_path):
    canonical = '<link rel="canonical" href="https://example.com/world/2022/10/26/macron-berlin.html">'
    article = only_article(read_file(write(tmp_path, "page.html", PAGE.format(canonical=canonical))))
    assert article.article_id.startswith("macron-berlin-")
    assert article.title == "Macron visits Berlin"
    assert article.published == date(2022, 10, 26)
    assert article.url == "https://example.com/world/2022/10/26/macron-berlin.html"
    assert article.sources == ("Example News",)
    assert article.subheadings == ("Energy first",)
    assert article.body.startswith("French President Emmanuel Macron arrived in Berlin on Wednesday")
    assert "Home" not in article.body and "Copyright" not in article.body


def test_html_page_without_canonical_url_takes_its_id_from_the_file_name(tmp_path):
    article = only_article(read_file(write(tmp_path, "macron berlin.htm", PAGE.format(canonical=""))))
    assert article.article_id == "macron-berlin"


def test_html_page_without_main_text_is_a_problem(tmp_path):
    page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    result = read_file(write(tmp_path, "menu.html", page))
    assert reasons(result) == ["no main text found in the HTML page"]


def test_html_with_binary_content_is_a_problem(tmp_path):
    result = read_file(write(tmp_path, "page.html", b"\x00\x01\x02GIF89a" + bytes(100)))
    assert reasons(result) == ["binary file (not text)"]


def test_txt_file_holding_an_html_page_is_read_as_html(tmp_path):
    article = only_article(read_file(write(tmp_path, "saved.txt", PAGE.format(canonical=""))))
    assert article.title == "Macron visits Berlin"


# --- files, dispatch, the test corpus ------------------------------------------------------------

@pytest.mark.parametrize("name, content", [
    ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(50)),
    ("report.pdf", b"%PDF-1.7\n"),
    ("letter.docx", b"PK\x03\x04"),
    ("notes.md", "# Notes\n"),
    ("Makefile", "all:\n"),
])
def test_unsupported_file_types_are_skipped_not_failed(tmp_path, name, content):
    result = read_file(write(tmp_path, name, content))
    assert (result.articles, result.problems, result.skipped) == ((), (), True)


def test_read_file_reports_a_missing_path_and_a_directory(tmp_path):
    assert reasons(read_file(tmp_path / "gone.txt")) == ["no such file"]
    assert reasons(read_file(tmp_path / "gone.pdf")) == ["no such file"]
    assert reasons(read_file(tmp_path)) == ["is a directory"]


def test_iter_files_walks_sorted_skips_hidden_and_survives_link_loops(tmp_path):
    for name in ["b.txt", "a/z.txt", "a/b/c.csv", "c.txt", ".hidden.txt", ".git/config.txt", "a/.cache/x.txt"]:
        write(tmp_path, name, "Text.\n")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    os.symlink(tmp_path / "b.txt", tmp_path / "a" / "same-as-b.txt")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    found = [path.relative_to(tmp_path).as_posix() for path in iter_files([tmp_path])]
    assert found == ["a/b/c.csv", "a/same-as-b.txt", "a/z.txt", "c.txt"]  # b.txt was seen via its link


def test_iter_files_yields_given_files_once_and_missing_ones_for_reporting(tmp_path):
    first = write(tmp_path, "x.txt", "Text.\n")
    found = list(iter_files([first, tmp_path, tmp_path / "missing.txt"]))
    assert found == [first, tmp_path / "missing.txt"]


def test_read_articles_on_the_test_corpus():
    results = list(read_articles([CORPUS_DIR]))
    assert [problem for result in results for problem in result.problems] == []
    assert [result.path.name for result in results if result.skipped] == ["README.md"]
    articles = [article for result in results for article in result.articles]
    assert len(articles) == 15
    assert all(article.published and date(2021, 1, 1) <= article.published <= date(2023, 12, 31)
               for article in articles)
    by_id = {article.article_id: article for article in articles}
    assert by_id["009_german_election"].body.startswith("Germany’s Social Democrats narrowly won")
    assert by_id["reuters-900002"].title == "Fed Raises Rates for First Time Since 2018, Signals More Hikes"
    assert by_id["005_leaders_visit_kyiv"].author == "Maria Schneider"
    for result in results:
        check_article_invariants(result)


def test_article_ids_do_not_depend_on_where_the_corpus_lives(tmp_path):
    shutil.copytree(CORPUS_DIR, tmp_path / "moved")
    here = [(a.article_id, a.content_hash()) for r in read_articles([CORPUS_DIR]) for a in r.articles]
    moved = [(a.article_id, a.content_hash()) for r in read_articles([tmp_path / "moved"]) for a in r.articles]
    assert here == moved


def test_single_path_is_accepted_as_well_as_a_list():
    assert [result.path for result in read_articles(CORPUS_DIR)] == [result.path for result in
                                                                      read_articles([CORPUS_DIR])]


def test_corpus_error_and_problem_read_as_path_line_reason():
    error = CorpusError(Path("news/a.csv"), "no article text", 12)
    assert (error.path, error.reason, error.line) == ("news/a.csv", "no article text", 12)
    assert str(error) == "news/a.csv:12: no article text"
    assert str(CorpusError("a.txt", "empty file")) == "a.txt: empty file"
    assert str(Problem.from_error(error)) == "news/a.csv:12: no article text"


# --- properties: nothing makes read_file raise -------------------------------------------------

SUFFIXES = [".txt", ".csv", ".tsv", ".json", ".jsonl", ".sgm", ".html"]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_written(suffix: str, content: str | bytes) -> FileResult:
    with tempfile.TemporaryDirectory() as directory:
        result = read_file(write(Path(directory), f"file{suffix}", content))
        check_article_invariants(result)
        return result


@FAST
@given(suffix=st.sampled_from(SUFFIXES), content=st.binary(max_size=2000))
def test_arbitrary_bytes_never_make_read_file_raise(suffix, content):
    read_written(suffix, content)


@FAST
@given(suffix=st.sampled_from(SUFFIXES), content=st.text(max_size=2000))
def test_arbitrary_text_never_makes_read_file_raise(suffix, content):
    read_written(suffix, content)


prose = st.text(st.characters(blacklist_categories=["Cs"]), max_size=300)


@example(headers=[" date "] * 4, values=["", "", "", "."], paragraphs=[], newline="\n")  # title "date date date date "
@FAST
@given(headers=st.lists(st.sampled_from([" date ", "date: ", "title: ", "Sources: ", "url: ", "id: ", "author: "]),
                        max_size=4),
       values=st.lists(prose, min_size=4, max_size=4), paragraphs=st.lists(prose, max_size=6),
       newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_text_files_with_headers_and_paragraphs_never_raise(headers, values, paragraphs, newline):
    lines = [header + value for header, value in zip(headers, values)] + [""] + paragraphs
    read_written(".txt", newline.join(lines))


@FAST
@given(rows=st.lists(st.lists(prose, min_size=1, max_size=6), max_size=5),
       header=st.lists(st.sampled_from(["id", "Title", "TEXT", "date", "url", "source", "author", "x"]),
                       min_size=1, max_size=6))
def test_csv_files_of_arbitrary_cells_never_raise(rows, header):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    read_written(".csv", buffer.getvalue())


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | prose,
                           lambda children: st.lists(children, max_size=3)
                           | st.dictionaries(prose, children, max_size=3), max_leaves=10)
records = st.dictionaries(st.sampled_from(["id", "title", "text", "body", "date", "url", "sources", "authors"]),
                          json_values, max_size=8)


@FAST
@given(items=st.lists(records | json_values, max_size=5), wrap=st.sampled_from(["array", "articles", "lines"]))
def test_json_files_of_arbitrary_records_never_raise(items, wrap):
    if wrap == "lines":
        read_written(".jsonl", "\n".join(json.dumps(item) for item in items))
    else:
        read_written(".json", json.dumps(items if wrap == "array" else {"articles": items}))


@FAST
@given(title=prose, body=prose, dateline=prose, date_value=prose, kind=st.sampled_from(["", ' TYPE="BRIEF"',
                                                                                      ' TYPE="UNPROC"']),
       newid=st.integers(min_value=0, max_value=10**6), cut=st.integers(min_value=0, max_value=2000))
def test_reuters_blocks_with_arbitrary_fields_never_raise(title, body, dateline, date_value, kind, newid, cut):
    text = (f"<TEXT{kind}>&#2;\n<TITLE>{title}</TITLE>\n<DATELINE>{dateline}</DATELINE><BODY>{body}\n"
            " Reuter\n&#3;</BODY></TEXT>")
    content = reuters_file(reuters_block(newid, date_value, text), reuters_block(newid + 1))
    read_written(".sgm", content[: len(content) - cut])


@FAST
@given(title=prose, paragraphs=st.lists(prose, max_size=5), meta=prose)
def test_html_pages_with_arbitrary_text_never_raise(title, paragraphs, meta):
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    page = (f'<html><head><title>{title}</title><meta property="article:published_time" content="{meta}">'
            f'<link rel="canonical" href="{meta}"></head><body><article><h1>{title}</h1>{body}</article></body></html>')
    read_written(".html", page)
