"""Export every match of a search as CSV, JSON Lines, RIS, BibTeX or CSL-JSON, streamed, with the search that found it.

The matches are the same as /api/search's for the same parameters (search.build_query and
search.match), in the same order (search.page_docnums over all of them). Only the docnums are
held in memory; stored fields are read and written BATCH articles at a time. (Past 300 lines
because it holds five small writers, one per format, that share the Reference and ExportMeta.)
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlencode

import bibtexparser
import rispy
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Entry, Field

from searchapp import schema
from searchapp.articles import slugify
from searchapp.citation import Reference, csl_authors, csl_item, date_parts, display_name
from searchapp.search import build_query, expand_prefix, match, page_docnums, safe_link

BATCH = 500
# The export's work runs in a thread this much "nicer" than the server, so that on a busy
# machine the CPU goes to searches (people typing) first; on an idle one it changes nothing.
EXPORT_NICE = 10
# Multi-valued fields (sources, people, ...) in one CSV cell or BibTeX field. Values never
# contain a comma (schema.join_values), but "; " reads better in a spreadsheet.
JOIN = "; "
CSV_COLUMNS = ("id", "title", "published", "sources", "author", "permalink", "original_url",
               "people", "places", "organizations", "dates_mentioned", "search_url",
               "exported_at")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEWLINES = re.compile(r"\r\n|\r|\n")


class TooManyResults(ValueError):
    """The search matches more articles than one export may hold; the message says what to do."""


@dataclass(frozen=True)
class Links:
    """Absolute URLs: the search that produced the export, and the articles' permalinks."""

    search: str
    article_prefix: str  # the permalink of article "x" is article_prefix + "x/<slug>"

    @classmethod
    def from_base(cls, base_url: str, search_args: dict) -> "Links":
        """Links for a server at base_url (the CLI's --base-url), as its routes spell them."""
        base = base_url.rstrip("/")
        return cls(search_url(base + "/", search_args), base + "/articles/")

    def permalink(self, article_id: str, title: str) -> str:
        slug = slugify(title, 60)
        return self.article_prefix + quote(article_id, safe="") + (f"/{slug}" if slug else "")


@dataclass(frozen=True)
class ExportMeta:
    """Where an export came from: the search's absolute URL and when it ran (UTC)."""

    search_url: str
    exported_at: datetime

    @property
    def stamp(self) -> str:
        return self.exported_at.isoformat(timespec="seconds")

    @property
    def note(self) -> str:
        return f"Found by the search {self.search_url} (exported {self.stamp})"


@dataclass(frozen=True)
class ExportMenu:
    """The Export menu of the search page: one (label, URL) per format, or why there are none."""

    links: tuple[tuple[str, str], ...]
    message: str


@dataclass(frozen=True)
class ExportFormat:
    """One file format: its URL suffix, file extension, media type and writer."""

    name: str
    label: str
    mimetype: str
    write: Callable[[Iterable[Reference], ExportMeta], Iterator[str]]


def search_url(index_url: str, args: dict) -> str:
    """The search page's URL for args (SearchRequest.to_args()), as the page's links spell it."""
    items = [(k, v) for k, vs in args.items() for v in (vs if isinstance(vs, list) else (vs,))]
    return index_url + ("?" + urlencode(items, safe="!$'()*,/:;?@") if items else "")


def export_args(req) -> dict:
    """The search's args without what only concerns one page of it (page, open facets)."""
    args = req.with_page(1).to_args()
    args.pop("more", None)
    return args


def find_matches(searcher, data, req):
    """Find every article that matches req, as run_search does."""
    text_query = build_query(req.q, searcher.schema, lambda p: expand_prefix(data, p))
    return match(searcher, data, req, text_query)


def check_limit(total: int, limit: int) -> None:
    """Raise TooManyResults when total is over limit.

    Raises:
        TooManyResults: with a message that says how to narrow the search.
    """
    if total > limit:
        raise TooManyResults(
            f"This search matches {total:,} articles; one export holds at most {limit:,}. "
            "Narrow it with a word, a filter or a date range, or export it in parts.")


def ordered_docnums(searcher, data, req, matches) -> list[int]:
    """Return every matching docnum in the order of the search's pages."""
    return page_docnums(searcher, data, req.with_page(1), matches, max(1, matches.total))


def read_references(searcher, docnums: list[int], links: Links,
                    batch: int = BATCH) -> Iterator[Reference]:
    """Yield each article's Reference in the order of docnums, reading BATCH at a time."""
    for start in range(0, len(docnums), batch):
        chunk = docnums[start:start + batch]
        # Stored fields are read in docnum order (sequential in the file), yielded in sort order.
        stored = {d: searcher.stored_fields(d) for d in sorted(chunk)}
        for d in chunk:
            yield to_reference(stored.pop(d), links)


def to_reference(stored: dict, links: Links) -> Reference:
    """Turn a document's stored fields into a Reference."""
    article_id = stored[schema.ARTICLE_ID]
    title = stored.get(schema.TITLE, "")
    return Reference(
        article_id=article_id, title=title, published=stored.get(schema.PUBLISHED, ""),
        sources=schema.split_values(stored.get(schema.SOURCES)),
        author=stored.get(schema.AUTHOR, ""), permalink=links.permalink(article_id, title),
        url=safe_link(stored.get(schema.URL, "")),
        people=schema.split_values(stored.get(schema.PEOPLE)),
        places=schema.split_values(stored.get(schema.PLACES)),
        organizations=schema.split_values(stored.get(schema.ORGANIZATIONS)),
        dates=schema.split_values(stored.get(schema.DATES)),
    )


def file_name(req, fmt: ExportFormat, when: datetime) -> str:
    """A file name from the query, filters and date: "searchapp-oil-prices-2026-11-29.csv"."""
    words = [req.q, *(v for _, values in req.include for v in values), *req.mentioned]
    slug = slugify(" ".join(words), 60) or "all-articles"
    return f"searchapp-{slug}-{when.date().isoformat()}.{fmt.name}"


# ---- writers: each yields the file in pieces, one per batch ----------------------------

def _batches(refs: Iterable[Reference], size: int = BATCH) -> Iterator[list[Reference]]:
    chunk: list[Reference] = []
    for ref in refs:
        chunk.append(ref)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _cell(value: str) -> str:
    """Keep a cell text in a spreadsheet: one that would start a formula gets a leading '."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_csv(refs: Iterable[Reference], meta: ExportMeta) -> Iterator[str]:
    """CSV with a header row, UTF-8 with a byte-order mark (so Excel reads the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    for chunk in _batches(refs):
        for r in chunk:
            writer.writerow([_cell(v) for v in (
                r.article_id, r.title, r.published, JOIN.join(r.sources), r.author, r.permalink,
                r.url, JOIN.join(r.people), JOIN.join(r.places), JOIN.join(r.organizations),
                JOIN.join(r.dates), meta.search_url, meta.stamp)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def to_json_record(r: Reference, meta: ExportMeta) -> dict:
    """One article as a JSON Lines record."""
    return {"id": r.article_id, "title": r.title, "published": r.published or None,
            "sources": list(r.sources), "author": r.author or None, "permalink": r.permalink,
            "url": r.url or None, "people": list(r.people), "places": list(r.places),
            "organizations": list(r.organizations), "dates_mentioned": list(r.dates),
            "search_url": meta.search_url, "exported_at": meta.stamp}


def write_jsonl(refs: Iterable[Reference], meta: ExportMeta) -> Iterator[str]:
    """One JSON object per line."""
    for chunk in _batches(refs):
        yield "".join(json.dumps(to_json_record(r, meta), ensure_ascii=False) + "\n"
                      for r in chunk)


def to_csl(r: Reference, meta: ExportMeta) -> dict:
    """One article as a CSL-JSON item; entities in "custom", the search in "note"."""
    item = csl_item(r, meta.exported_at.date(), meta.note)
    item["custom"] = {"people": list(r.people), "places": list(r.places),
                      "organizations": list(r.organizations), "dates_mentioned": list(r.dates),
                      "original_url": r.url or None, "search_url": meta.search_url,
                      "exported_at": meta.stamp}
    return item


def write_csl_json(refs: Iterable[Reference], meta: ExportMeta) -> Iterator[str]:
    """A CSL-JSON array (what Zotero, Mendeley and pandoc read), one item per line."""
    yield "["
    first = True
    for chunk in _batches(refs):
        parts = []
        for r in chunk:
            parts.append(("\n" if first else ",\n") + json.dumps(to_csl(r, meta), ensure_ascii=False))
            first = False
        yield "".join(parts)
    yield "\n]\n"


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its "1." numbering line before each reference."""

    def set_header(self, count: int) -> str:
        return ""


# RIS tags that may repeat: rispy's, plus C1-C4 for people, places, organisations, dates.
RIS_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "C1", "C2", "C3", "C4"]


def _line(value: str) -> str:
    """RIS is one value per line: a newline inside a value becomes a space."""
    return _NEWLINES.sub(" ", value)


def to_ris(r: Reference, meta: ExportMeta) -> dict:
    """One article as a rispy record (TY NEWS); C1-C4 hold people, places, organisations, dates."""
    record: dict = {"type_of_reference": "NEWS", "id": r.article_id, "title": _line(r.title)}
    authors = [_line(display_name(n)) for n in csl_authors(r)]
    if authors:
        record["authors"] = authors
    if r.published:
        parts = date_parts(r.published) + [0, 0]
        record["year"] = str(parts[0])
        record["date"] = f"{parts[0]:04d}/{parts[1]:02d}/{parts[2]:02d}/".replace("/00", "/")
    if r.sources:
        record["secondary_title"] = _line(", ".join(r.sources))
    record["urls"] = [r.permalink] + ([_line(r.url)] if r.url else [])
    keywords = [*r.people, *r.places, *r.organizations]
    if keywords:
        record["keywords"] = [_line(k) for k in keywords]
    for key, values in (("custom1", r.people), ("custom2", r.places),
                        ("custom3", r.organizations), ("custom4", r.dates)):
        if values:
            record[key] = [_line(v) for v in values]
    record["notes"] = [_line(meta.note)]
    record["access_date"] = meta.exported_at.date().isoformat().replace("-", "/")
    record["name_of_database"] = "searchapp"
    return record


def write_ris(refs: Iterable[Reference], meta: ExportMeta) -> Iterator[str]:
    """RIS (EndNote, Zotero, Mendeley), written by rispy."""
    writer = _RisWriter(list_tags=RIS_LIST_TAGS)
    for chunk in _batches(refs):
        buffer = io.StringIO()
        writer.format_lines(buffer, [to_ris(r, meta) for r in chunk])
        yield buffer.getvalue()


# What a BibTeX value must escape to stay one balanced {...} whose LaTeX reads as the text.
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "#": r"\#",
                   "&": r"\&", "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}", "`": "{`}"}
# ... and the ligatures LaTeX makes of doubled characters ("--" is a dash, "''" a quote).
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX_ESCAPES)) + "]|-(?=-)|'(?=')")


def bibtex_text(value: str) -> str:
    """Escape text for a braced BibTeX value; UTF-8 letters stay as they are (biber reads them)."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(), m.group() + "{}"), value)


def bibtex_key(article_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._:-]", "-", article_id) or "article"


def to_bibtex(r: Reference, meta: ExportMeta) -> Entry:
    """One article as a bibtexparser @article entry; entities in people/places/... fields."""
    fields = [Field("title", bibtex_text(r.title))]
    # A literal name (an agency) in braces, so BibTeX does not split it into first and last.
    authors = [bibtex_text(display_name(n)) if "literal" not in n
               else "{" + bibtex_text(n["literal"]) + "}" for n in csl_authors(r)]
    if authors:
        fields.append(Field("author", " and ".join(authors)))
    if r.sources:
        fields.append(Field("journal", bibtex_text(", ".join(r.sources))))
    if r.published:
        parts = date_parts(r.published)
        fields.append(Field("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(Field("month", str(parts[1])))
        fields.append(Field("date", r.published))
    # url and urldate are verbatim in biblatex: not escaped.
    fields.append(Field("url", r.permalink))
    fields.append(Field("urldate", meta.exported_at.date().isoformat()))
    fields.append(Field("note", bibtex_text(meta.note)))
    keywords = [*r.people, *r.places, *r.organizations]
    if keywords:
        fields.append(Field("keywords", bibtex_text(", ".join(keywords))))
    for name, values in (("people", r.people), ("places", r.places),
                         ("organizations", r.organizations), ("mentioned_dates", r.dates)):
        if values:
            fields.append(Field(name, bibtex_text(JOIN.join(values))))
    if r.url:
        fields.append(Field("howpublished", bibtex_text(r.url)))
    return Entry("article", bibtex_key(r.article_id), fields)


def write_bibtex(refs: Iterable[Reference], meta: ExportMeta) -> Iterator[str]:
    """BibTeX/biblatex, UTF-8, written by bibtexparser."""
    yield f"% {meta.note}\n\n"
    # The entries are made here and written once: the writer may change them in place (its
    # default deep-copies every entry first, 60% of the time of an export).
    unparse_stack = default_unparse_stack(allow_inplace_modification=True)
    for chunk in _batches(refs):
        library = bibtexparser.Library([to_bibtex(r, meta) for r in chunk])
        yield bibtexparser.write_string(library, unparse_stack=unparse_stack) + "\n"


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("csv", "CSV (spreadsheet)", "text/csv; charset=utf-8", write_csv),
    ExportFormat("jsonl", "JSON Lines", "application/x-ndjson; charset=utf-8", write_jsonl),
    ExportFormat("ris", "RIS (EndNote, Zotero)", "application/x-research-info-systems; charset=utf-8",
                 write_ris),
    ExportFormat("bib", "BibTeX", "application/x-bibtex; charset=utf-8", write_bibtex),
    ExportFormat("csl.json", "CSL-JSON (Zotero, pandoc)", "application/vnd.citationstyles.csl+json; charset=utf-8",
                 write_csl_json),
)}


def export_searcher(searcher, docnums: list[int], links: Links, fmt: ExportFormat,
                    meta: ExportMeta, on_close: Callable[[], None] | None = None) -> Iterator[str]:
    """Yield the export file in pieces; call on_close when done or abandoned (a closed download)."""
    try:
        yield from fmt.write(read_references(searcher, docnums, links), meta)
    finally:
        if on_close is not None:
            on_close()


def _lower_priority(nice: int) -> None:
    """Make the calling thread (a Linux thread has its own nice value) `nice` steps nicer."""
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + nice)
    except (AttributeError, OSError):
        pass  # not on this platform: the export runs at the server's priority


def in_background(pieces: Iterator[str], nice: int = EXPORT_NICE) -> Iterator[str]:
    """Yield what pieces yields, produced by a thread of lower CPU priority, one piece ahead.

    The thread is the export's own and ends with it, so no thread stays nice. Closing this
    generator (a download the client abandoned) closes pieces, in that thread.
    """
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="searchapp-export",
                                  initializer=_lower_priority, initargs=(nice,))
    done = object()
    try:
        upcoming = executor.submit(next, pieces, done)
        while True:
            piece = upcoming.result()  # re-raises what the thread raised
            if piece is done:
                return
            upcoming = executor.submit(next, pieces, done)
            yield piece
    finally:
        executor.submit(pieces.close).result()
        executor.shutdown(wait=True)
