"""Read one article from a saved news web page with trafilatura: main text, title, date, canonical URL."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from searchapp.articles import Article, make_article_id
from searchapp.corpus.dates import DateError, parse_date
from searchapp.corpus.decoding import SNIFF_BYTES, is_binary, read_limited
from searchapp.corpus.problems import CorpusError, Found, Problem
from searchapp.corpus.prose import Body, clean_line, clean_title, derive_title, shape_body, to_paragraphs

# Elements of trafilatura's extracted tree that hold paragraphs; <head> holds a heading.
_BLOCK_TAGS = {"p", "head", "quote", "item", "cell", "code"}


def read_webpage(path: Path) -> Iterator[Found | Problem]:
    """Read a saved HTML page: trafilatura finds the main text and the page's metadata.

    Raises:
        CorpusError: binary, empty, too large, unparsable, or no main text.
        OSError: the file cannot be read.
    """
    with path.open("rb") as stream:
        data = read_limited(stream, path)
    if not data.strip():
        raise CorpusError(path, "empty file")
    if is_binary(data[:SNIFF_BYTES]):
        raise CorpusError(path, "binary file (not text)")
    # trafilatura pulls in lxml, htmldate and courlan: imported here so that other formats don't pay for it.
    import trafilatura

    try:
        document = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                               include_tables=False, output_format="xml")
    except (ValueError, etree.LxmlError) as error:
        raise CorpusError(path, f"unreadable HTML ({error})") from error
    title = clean_title(getattr(document, "title", None) or "")
    body = _body(document, title) if document is not None else Body("", (), ())
    if not body.text:
        raise CorpusError(path, "no main text found in the HTML page")

    published = None
    if document.date:
        try:
            published = parse_date(document.date)
        except DateError as error:
            yield Problem(str(path), f"{error}; the article is kept without a date")
    url = clean_line(document.url or "")
    yield Found(Article(
        article_id=make_article_id(url=url, filename=path.name, text=body.text),
        title=title or derive_title(body.text),
        title_derived=not title,
        body=body.text,
        published=published,
        sources=(clean_line(document.sitename),) if document.sitename and clean_line(document.sitename) else (),
        url=url,
        author=clean_line(document.author or ""),
        origin=str(path),
        subheadings=body.subheadings,
    ))


def _body(document: object, title: str) -> Body:
    """Make the body from trafilatura's tree: one paragraph per block; headings become subheadings."""
    paragraphs: list[str] = []
    headings: set[str] = set()
    tree = getattr(document, "body", None)
    for element in tree.iter(*_BLOCK_TAGS) if tree is not None else ():
        if any(parent.tag in _BLOCK_TAGS for parent in element.iterancestors()):
            continue  # its text is part of the enclosing block
        text = clean_line("".join(element.itertext()))
        if not text or (not paragraphs and text == title):
            continue  # the page's own <h1> repeats the title
        if element.tag == "head":
            headings.add(text)
        paragraphs.append(text)
    if not paragraphs:
        paragraphs = to_paragraphs(getattr(document, "text", None) or "")
    shaped = shape_body(paragraphs)
    # Real headings between paragraphs are subheadings too, whatever their punctuation.
    kept = shaped.text.split("\n\n")
    subheadings = (p for p in kept[1:-1] if p in headings or p in shaped.subheadings)
    return Body(shaped.text, tuple(dict.fromkeys(subheadings)), shaped.sources)
