"""Read articles from tabular and JSON files: CSV/TSV, JSON Lines, and JSON arrays of objects."""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TextIO

from searchapp.articles import Article, make_article_id
from searchapp.corpus.dates import DateError, parse_date
from searchapp.corpus.decoding import read_text, sniff_encoding
from searchapp.corpus.problems import CorpusError, Found, Problem
from searchapp.corpus.prose import (
    clean_line, clean_title, derive_title, merge_sources, shape_body, split_sources, to_paragraphs,
)

# The usual column (or key) names of each Article field, in order of preference; matched
# case-insensitively, with spaces and hyphens read as "_" ("Published At" -> published_at).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid", "uuid", "article_id"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "story"),
    "date": ("date", "published", "pubdate", "publication_date", "published_at", "datetime", "time"),
    "url": ("url", "link", "permalink"),
    "sources": ("sources", "source", "agency", "publisher"),
    "author": ("author", "byline", "authors"),
}
# A JSON object holding the article list under one of these keys: {"articles": [...]}.
LIST_KEYS = ("articles", "items", "data")
MAX_JSON_BYTES = 100 * 1024 * 1024  # a JSON array is parsed whole; JSON Lines and CSV are streamed
MAX_FIELD_CHARS = 16 * 1024 * 1024  # csv's default of 128 KiB is less than the longest real articles
# A wiki page outside the article namespace ("/wiki/TEST_PAGE:Self-publish_today"); "_" after
# the colon means a headline with a colon ("/wiki/COVID-19:_Wikinews_talks ...").
_WIKI_NAMESPACE_RE = re.compile(r"/wiki/([^/:_][^/:]*):(?!_)")

Record = Mapping[str, object]


def field_names(keys: list[str]) -> dict[str, str]:
    """Map Article fields to the record's own keys: ["URL", "Body"] -> {"url": "URL", "text": "Body"}."""
    normal: dict[str, str] = {}
    for key in keys:
        normal.setdefault(re.sub(r"[\s-]+", "_", key.strip().lstrip("\ufeff").lower()), key)
    names = {}
    for field, candidates in COLUMNS.items():
        chosen = next((name for name in candidates if name in normal), None)
        if chosen:
            names[field] = normal[chosen]
    return names


def to_article(record: Record, names: Mapping[str, str], path: Path, line: int | None,
               where: str) -> Iterator[Found | Problem]:
    """Turn one record into an Article (and a Problem for a bad date).

    Raises:
        CorpusError: the record has no text or is not a news article.
    """
    def value(field: str) -> str:
        raw = record.get(names[field]) if field in names else None
        if isinstance(raw, list):
            return "\n\n".join(str(item) for item in raw if isinstance(item, (str, int, float)))
        return str(raw) if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) else ""

    url = clean_line(value("url"))
    namespace = _WIKI_NAMESPACE_RE.search(url)
    if namespace:
        raise CorpusError(path, f"{where}not a news article: a wiki page in the "
                                f"{namespace.group(1).replace('_', ' ')!r} namespace", line)
    body = shape_body(to_paragraphs(value("text")))
    if not body.text:
        raise CorpusError(path, f"{where}no article text", line)
    published = None
    if value("date").strip():
        try:
            published = parse_date(value("date"))
        except DateError as error:
            yield Problem(str(path), f"{where}{error}; the article is kept without a date", line)
    title = clean_title(value("title"))
    yield Found(Article(
        article_id=make_article_id(source_id=clean_line(value("id")), url=url, text=f"{title}\n{body.text}"),
        title=title or derive_title(body.text),
        title_derived=not title,
        body=body.text,
        published=published,
        sources=merge_sources(split_sources(value("sources").replace("\n\n", ",")), body.sources),
        url=url,
        author=", ".join(split_sources(value("author").replace("\n\n", ","))),
        origin=str(path),
        subheadings=body.subheadings,
    ), line)


def read_csv(path: Path) -> Iterator[Found | Problem]:
    """Read a CSV or TSV file with a header row; each later row is one article.

    Raises:
        CorpusError: no text column, or the file is binary or empty.
        OSError: the file cannot be read.
    """
    encoding = sniff_encoding(path)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))
    with path.open(encoding=encoding, newline="") as stream:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else _guess_delimiter(stream)
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        header = next((row for row in reader if any(cell.strip() for cell in row)), [])
        names = field_names(header)
        if "text" not in names:
            found = ", ".join(name for name in header if name.strip()) or "nothing"
            raise CorpusError(path, f"no text column (expected one of {', '.join(COLUMNS['text'])}; "
                                    f"found {found})", reader.line_num or None)
        row_start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                yield Problem(str(path), f"broken CSV quoting ({error}); the row is skipped", row_start)
                row_start = reader.line_num + 1
                continue
            line, row_start = row_start, reader.line_num + 1
            while len(row) > len(header) and not row[-1].strip():
                row.pop()  # trailing empty cells, as spreadsheets write them
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                yield Problem(str(path), f"row has {len(row)} fields but the header has {len(header)}; "
                                         f"the row is skipped", line)
                continue
            yield from _read_record(dict(zip(header, row)), path, line, "")


def _guess_delimiter(stream: TextIO) -> str:
    """Pick the delimiter the header line uses most: ",", ";" or a tab."""
    first_line = next((line for line in stream if line.strip()), "")
    stream.seek(0)
    return max(",;\t", key=first_line.count)


def read_json_lines(path: Path) -> Iterator[Found | Problem]:
    """Read a JSON Lines file: one JSON object per line.

    Raises:
        CorpusError: the file is binary or empty.
        OSError: the file cannot be read.
    """
    encoding = sniff_encoding(path)
    with path.open(encoding=encoding) as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as error:  # JSONDecodeError, or a number too long to convert
                yield Problem(str(path), f"invalid JSON: {getattr(error, 'msg', error)}", number)
                continue
            yield from _read_record(item, path, number, "")


def read_json(path: Path) -> Iterator[Found | Problem]:
    """Read a JSON file: an array of objects, an object with an articles/items/data list, or one object.

    A file of several objects one after another is read as JSON Lines.

    Raises:
        CorpusError: broken JSON (the items before it are kept), no article list, binary, empty or too large.
        OSError: the file cannot be read.
    """
    text = read_text(path, MAX_JSON_BYTES).lstrip("\ufeff")
    start = len(text) - len(text.lstrip())
    if text.startswith("[", start):
        for number, (item, line) in enumerate(_iter_array(text, start + 1, path), start=1):
            yield from _read_record(item, path, line, f"item {number}: ")
        return
    try:
        document, end = json.JSONDecoder().raw_decode(text, start)
    except ValueError as error:  # JSONDecodeError, or a number too long to convert
        raise CorpusError(path, f"invalid JSON: {getattr(error, 'msg', error)}", getattr(error, "lineno", None)) \
            from error
    if text[end:].strip():
        yield from read_json_lines(path)
        return
    items = next((document[key] for key in LIST_KEYS
                  if isinstance(document, dict) and isinstance(document.get(key), list)), None)
    if items is not None:
        for number, item in enumerate(items, start=1):
            yield from _read_record(item, path, None, f"item {number}: ")
    elif isinstance(document, dict) and "text" in field_names(list(document)):
        yield from _read_record(document, path, None, "")
    else:
        raise CorpusError(path, "no list of articles (expected an array of objects, or an object with "
                                f"an {', '.join(repr(key) for key in LIST_KEYS)} list)")


def _iter_array(text: str, index: int, path: Path) -> Iterator[tuple[object, int]]:
    """Decode a JSON array item by item with the line each starts on, so items before an error are kept.

    Raises:
        CorpusError: broken JSON.
    """
    decoder = json.JSONDecoder()
    line = text.count("\n", 0, index) + 1
    while True:
        while index < len(text) and text[index] in " \t\r\n,":
            line += text[index] == "\n"
            index += 1
        if index >= len(text) or text[index] == "]":
            if index >= len(text):
                raise CorpusError(path, "invalid JSON: the array is not closed (truncated file?)", line)
            return
        try:
            item, end = decoder.raw_decode(text, index)
        except ValueError as error:  # JSONDecodeError, or a number too long to convert
            raise CorpusError(path, f"invalid JSON: {getattr(error, 'msg', error)}; the rest of the file "
                                    "is skipped", getattr(error, "lineno", line)) from error
        yield item, line
        line += text.count("\n", index, end)
        index = end


def _read_record(item: object, path: Path, line: int | None, where: str) -> Iterator[Found | Problem]:
    if not isinstance(item, dict):
        yield Problem(str(path), f"{where}not a JSON object", line)
        return
    try:
        yield from to_article(item, field_names([str(key) for key in item]), path, line, where)
    except CorpusError as error:
        yield Problem.from_error(error)
