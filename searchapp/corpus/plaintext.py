"""Read one article from a plain text file: header lines, paragraphs, subheadings, agency line."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from searchapp.articles import Article, make_article_id
from searchapp.corpus.dates import DateError, parse_date
from searchapp.corpus.decoding import read_text
from searchapp.corpus.problems import CorpusError, Found, Problem
from searchapp.corpus.prose import (
    clean_line, clean_title, derive_title, merge_sources, shape_body, split_sources, to_paragraphs,
)

# Header lines at the top of the file, e.g. " date 2023-02-22 22.02.2023" or "Title: Putin meets Wang Yi".
# "date" may come without a colon, but then its value must start like a date, so a first
# paragraph such as "Date growers in Oman ..." is not taken for a header.
_HEADER_RE = re.compile(
    r"^\s*(?:(?P<key>title|sources?|url|author|id|date|published)\s*:"
    r"|(?P<bare_date>date)\s+(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)))"
    r"\s*(?P<value>.*?)\s*$",
    re.IGNORECASE,
)


# A file of LIST_MIN_LINES lines or more, LIST_SHARE of them list items, is a list, not an article: the
# Reuters folder's category files ("all-places-strings.lc.txt", one code a line; the category
# descriptions, "Balance of Payments (BOP)" a line). An article's lines are sentences, or wrapped
# prose; a table's rows have numbers.
LIST_MIN_LINES = 30
LIST_SHARE = 0.8
# A list item: six words at most, no digit, no sentence's end.
_LIST_ITEM = re.compile(r"(?!.*\d)\S+(?:[ \t]+\S+){0,5}(?<![.!?])(?<![.!?][\"'”’)])")


def _list_lines(lines: list[str]) -> int:
    """The number of lines of a text that is a list of short items, else 0."""
    lines = [line.strip() for line in lines if line.strip()]
    items = sum(1 for line in lines if _LIST_ITEM.fullmatch(line))
    return len(lines) if len(lines) >= LIST_MIN_LINES and items >= LIST_SHARE * len(lines) else 0


def read_plaintext(path: Path) -> Iterator[Found | Problem]:
    """Read a text file: header lines (date, title, source, url, author, id), then paragraphs.

    Raises:
        CorpusError: the file is binary, empty, too large, or has no text after its headers.
        OSError: the file cannot be read.
    """
    lines = read_text(path).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header: dict[str, str] = {}
    header_line: dict[str, int] = {}
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        match = _HEADER_RE.match(line)
        if match:
            key = (match.group("key") or "date").lower()
            key = {"published": "date", "source": "sources"}.get(key, key)
            header.setdefault(key, match.group("value"))
            header_line.setdefault(key, number)
        elif line.strip():
            body_start = number - 1
            break
    if body_start == len(lines):
        raise CorpusError(path, "no article text after the header lines")

    published = None
    if "date" in header:
        try:
            published = parse_date(header["date"])
        except DateError as error:
            yield Problem(str(path), f"{error}; the article is kept without a date", header_line["date"])

    if listed := _list_lines(lines[body_start:]):
        raise CorpusError(path, f"a list of {listed} short lines, not an article")
    body = shape_body(to_paragraphs("\n".join(lines[body_start:])))
    if not body.text:
        raise CorpusError(path, "no article text")
    title = clean_title(header.get("title", ""))
    url = clean_line(header.get("url", ""))
    yield Found(Article(
        article_id=make_article_id(source_id=header.get("id", ""), url=url, filename=path.name, text=body.text),
        title=title or derive_title(body.text),
        title_derived=not title,
        body=body.text,
        published=published,
        sources=merge_sources(split_sources(header.get("sources", "")), body.sources),
        url=url,
        author=clean_line(header.get("author", "")),
        origin=str(path),
        subheadings=body.subheadings,
    ), line=body_start + 1)
