"""The export file formats: one writer each for CSV, JSON Lines, RIS, BibTeX and CSL-JSON, and the FORMATS table.

Each writer turns References (citation.Reference) into the file, in pieces of BATCH articles, and
notes the search that found them (ExportMeta) in every record.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

import bibtexparser
import rispy
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Entry, Field

from searchapp.citation import Reference, csl_authors, csl_item, date_parts, display_name

# Articles per piece of the file (and per read of stored fields, export.read_references).
BATCH = 500
# Multi-valued fields (sources, people, ...) in one CSV cell or BibTeX field. Values never
# contain a comma (schema.join_values), but "; " reads better in a spreadsheet.
JOIN = "; "
CSV_COLUMNS = ("id", "title", "published", "sources", "author", "permalink", "original_url",
               "people", "places", "organizations", "dates_mentioned", "search_url",
               "exported_at")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEWLINES = re.compile(r"\r\n|\r|\n")


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
class ExportFormat:
    """One file format: its URL suffix, file extension, media type and writer."""

    name: str
    label: str
    mimetype: str
    write: Callable[[Iterable[Reference], ExportMeta], Iterator[str]]


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
