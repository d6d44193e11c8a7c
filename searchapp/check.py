"""check_index(): find damage in an index folder, each finding naming the file, what is wrong and what to run.

What is checked, newest generation only (older TOCs and their segments are Whoosh's garbage):
- the TOC (_MAIN_<generation>.toc): there, and readable;
- each segment's files against the sizes and CRC-32s recorded at commit (searchapp.checksums),
  and each segment opened through Whoosh: its stored documents counted against the TOC's count
  (and, for a segment without a record, every term's postings and every column read);
- the article count: the live documents against the distinct article ids they store;
- each segment's postings files (searchapp.postings.verify);
- every SQLite file (the extraction cache; rules and accounts when they exist): PRAGMA
  integrity_check.

A fatal finding means the index must not be served as it is: the server refuses to start with
the same message (quick_check, which compares only what a start can afford: the TOC and the
file sizes). Other findings leave the answers right: a damaged postings folder is read
through Whoosh (slower), a damaged extraction cache only costs NER time.
"""
from __future__ import annotations

import pickle
import sqlite3
import struct
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.index import EmptyIndexError

from searchapp import checksums, postings, schema
from searchapp.store import IndexMissing

# What reading a damaged Whoosh file raises: a short read, a bad varint or pickle, a block that
# does not decompress, an offset past the end. Whoosh has no error type of its own for these.
READ_ERRORS = (OSError, EOFError, ValueError, IndexError, KeyError, TypeError, AttributeError,
               struct.error, zlib.error, pickle.UnpicklingError, AssertionError, OverflowError,
               MemoryError)

FIX_RESTORE = ("restore the index from a backup (`searchapp backup` made it: copy it back, or serve "
               "it with --index-dir), or rebuild it: `searchapp index PATH --rebuild --index-dir {dir}`")
FIX_POSTINGS = ("answers stay right (the server reads this segment through Whoosh, slower); "
                "`searchapp check --repair --index-dir {dir}` or the next `searchapp index` rewrites them")


class IndexDamaged(IndexMissing):
    """The index folder is damaged in a way that would give wrong answers or none."""


@dataclass(frozen=True)
class Finding:
    """One problem: which file, what is wrong, what to run; fatal when the index must not be served."""

    path: str
    problem: str
    fix: str
    fatal: bool

    def message(self) -> str:
        kind = "damaged" if self.fatal else "warning"
        return f"{kind}: {self.path}: {self.problem}; {self.fix}"


@dataclass
class Report:
    """What check_index found and what it looked at."""

    index_dir: Path
    generation: int | None = None
    segments: int = 0
    articles: int | None = None
    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def damaged(self) -> bool:
        return any(finding.fatal for finding in self.findings)


def check_index(index_dir: Path) -> Report:
    """Check everything in index_dir (see the module docstring).

    Raises:
        IndexMissing: the folder holds no index at all.
    """
    started = time.monotonic()
    index_dir = Path(index_dir)
    report = Report(index_dir)
    segments = _check_toc(index_dir, report)
    if segments is not None:
        recorded = [_check_files(index_dir, segment, report, quick=False) for segment in segments]
        if not report.damaged:
            _check_segments(index_dir, segments, recorded, report)
        _check_postings(index_dir, segments, report)
    _check_sqlite(index_dir, report)
    report.seconds = time.monotonic() - started
    return report


def quick_check(index_dir: Path) -> None:
    """Check what opening an index can afford: the TOC, and each segment's files there at their sizes.

    Raises:
        IndexDamaged: with the message `searchapp check` prints for the first fatal finding.
        IndexMissing: the folder holds no index at all.
    """
    index_dir = Path(index_dir)
    report = Report(index_dir)
    segments = _check_toc(index_dir, report)
    for segment in segments or ():
        _check_files(index_dir, segment, report, quick=True)
    fatal = [finding for finding in report.findings if finding.fatal]
    if fatal:
        more = f" ({len(fatal) - 1} more: run `searchapp check --index-dir {index_dir}`)" \
            if len(fatal) > 1 else ""
        raise IndexDamaged(fatal[0].message() + more)


def _missing(index_dir: Path) -> IndexMissing:
    return IndexMissing(f"no index in {index_dir}: run `searchapp index PATH --index-dir {index_dir}` first")


def _check_toc(index_dir: Path, report: Report) -> list[checksums.Segment] | None:
    """The segments of the newest TOC; None (with a finding) when there is no usable TOC."""
    try:
        tocs = checksums.toc_files(index_dir)
    except FileNotFoundError:
        raise _missing(index_dir) from None
    if not tocs:
        segment_files = [p.name for p in index_dir.glob(f"{checksums.INDEX_NAME}_*.*")]
        if not segment_files:
            raise _missing(index_dir)
        report.findings.append(Finding(
            str(index_dir / f"_{checksums.INDEX_NAME}_<generation>.toc"),
            f"the table of contents is missing: {len(segment_files)} segment files "
            f"({checksums.INDEX_NAME}_*) are there, but without the TOC that names them no index "
            "can be opened", FIX_RESTORE.format(dir=index_dir), True))
        return None
    generation = max(tocs)
    report.generation = generation
    try:
        _generation, segments = checksums.read_toc(index_dir, generation)
    except EmptyIndexError:
        raise _missing(index_dir) from None
    except READ_ERRORS as error:
        report.findings.append(Finding(
            str(index_dir / tocs[generation]), f"the table of contents cannot be read "
            f"({type(error).__name__}: {error})", FIX_RESTORE.format(dir=index_dir), True))
        return None
    report.segments = len(segments)
    return segments


def _check_files(index_dir: Path, segment: checksums.Segment, report: Report,
                 quick: bool) -> bool:
    """Compare a segment's files with their record; True when the record vouches for every byte."""
    fix = FIX_RESTORE.format(dir=index_dir)
    record = checksums.read(index_dir, segment.segment_id)
    present = checksums.segment_files(index_dir, segment.segment_id)
    if not present:
        report.findings.append(Finding(
            str(index_dir / f"{segment.segment_id}.*"),
            f"every file of segment {segment.segment_id} ({segment.doc_count_all} documents) is missing",
            fix, True))
        return False
    if record is None:
        if not quick:
            report.findings.append(Finding(
                str(index_dir / f"{segment.segment_id}.*"),
                "no checksums recorded for this segment (written before they were): read whole "
                "through Whoosh instead",
                f"`searchapp check --repair --index-dir {index_dir}` records them", False))
        return False
    if record.get("doc_count_all") != segment.doc_count_all:
        report.findings.append(Finding(
            str(index_dir / checksums.FOLDER / f"{segment.segment_id}.json"),
            f"the TOC says segment {segment.segment_id} holds {segment.doc_count_all} documents, "
            f"its record {record.get('doc_count_all')}", fix, True))
    whole = True
    for name, expected in sorted(record["files"].items()):
        path = index_dir / name
        report.files += 1
        try:
            if quick:
                size, crc = path.stat().st_size, None
            else:
                size, crc = checksums.crc32_of(path)
        except FileNotFoundError:
            report.findings.append(Finding(str(path), f"missing (a file of segment "
                                                      f"{segment.segment_id})", fix, True))
            whole = False
            continue
        except OSError as error:
            report.findings.append(Finding(str(path), f"cannot be read ({error.strerror})", fix, True))
            whole = False
            continue
        if size != expected["size"]:
            how = "truncated" if size < expected["size"] else "grown"
            report.findings.append(Finding(
                str(path), f"{size} bytes where {expected['size']} were written ({how})", fix, True))
            whole = False
        elif crc is not None and crc != expected["crc32"]:
            report.findings.append(Finding(
                str(path), f"its bytes differ from those written (CRC-32 {crc:08x}, recorded "
                           f"{expected['crc32']:08x})", fix, True))
            whole = False
    return whole


def _check_segments(index_dir: Path, segments: list[checksums.Segment], recorded: list[bool],
                    report: Report) -> None:
    """Open every segment through Whoosh; count its stored documents; read whole the unrecorded ones."""
    from whoosh import index as whoosh_index

    fix = FIX_RESTORE.format(dir=index_dir)
    try:
        ix = whoosh_index.open_dir(str(index_dir))
        reader = ix.reader()
    except READ_ERRORS as error:
        report.findings.append(Finding(str(index_dir), f"Whoosh cannot open the index "
                                                       f"({type(error).__name__}: {error})", fix, True))
        return
    try:
        leaves = {postings.segment_id(leaf): leaf for leaf, _base in reader.leaf_readers()}
        ids: set[str] = set()
        live = 0
        for segment, whole in zip(segments, recorded):
            leaf = leaves.get(segment.segment_id)
            where = str(index_dir / f"{segment.segment_id}.*")
            if leaf is None:
                report.findings.append(Finding(where, "listed in the TOC but not opened", fix, True))
                continue
            try:
                stored = 0
                for docnum in range(leaf.doc_count_all()):
                    fields = leaf.stored_fields(docnum)
                    stored += 1
                    if not leaf.is_deleted(docnum):
                        live += 1
                        ids.add(fields.get(schema.ARTICLE_ID))
                if stored != segment.doc_count_all:
                    report.findings.append(Finding(
                        where, f"{stored} stored documents, the TOC says {segment.doc_count_all}",
                        fix, True))
                if not whole:
                    _read_whole(leaf)
            except READ_ERRORS as error:
                report.findings.append(Finding(
                    where, f"segment {segment.segment_id} cannot be read whole "
                           f"({type(error).__name__}: {error})", fix, True))
        report.articles = reader.doc_count()
        if live != report.articles or len(ids) != live:
            report.findings.append(Finding(
                str(index_dir), f"the index counts {report.articles} articles, its segments hold "
                                f"{live} live documents with {len(ids)} distinct article ids", fix, True))
    finally:
        reader.close()
        ix.close()


def _read_whole(leaf) -> None:
    """Read every term's postings and every column of a segment (no record vouches for its bytes)."""
    for field_name in leaf.indexed_field_names():
        for btext, _info in leaf.iter_field(field_name):
            postings.read_leaf(postings.raw_postings(leaf, field_name, btext))
    for field_name in leaf.schema.names():
        if leaf.has_column(field_name):
            list(leaf.column_reader(field_name))


def _check_postings(index_dir: Path, segments: list[checksums.Segment], report: Report) -> None:
    fix = FIX_POSTINGS.format(dir=index_dir)
    root = index_dir / postings.FOLDER
    for segment in segments:
        folder = root / segment.segment_id
        if not folder.is_dir():
            report.findings.append(Finding(
                str(folder), "no postings files for this segment", fix, False))
            continue
        report.files += 2
        problem = postings.verify(folder, segment.doc_count_all)
        if problem is not None:
            report.findings.append(Finding(str(folder), problem, fix, False))


def _check_sqlite(index_dir: Path, report: Report) -> None:
    from searchapp.cache import CACHE_FILE

    for path in sorted(index_dir.glob("*.sqlite3")):
        report.files += 1
        if path.name == CACHE_FILE:
            fix, fatal = (f"answers stay right; delete {path} and the next `searchapp index` "
                          "analyses the texts again"), False
        else:
            fix, fatal = "restore it from a backup (`searchapp backup`)", True
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                rows = [row[0] for row in db.execute("PRAGMA integrity_check")]
            db.close()
        except sqlite3.DatabaseError as error:
            report.findings.append(Finding(str(path), f"not a readable SQLite database ({error})",
                                           fix, fatal))
            continue
        if rows != ["ok"]:
            report.findings.append(Finding(str(path), "SQLite integrity check: " + "; ".join(rows[:3]),
                                           fix, fatal))
