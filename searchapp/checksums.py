"""Sizes and CRC-32s of each committed segment's files, kept in index/checksums/<segment>.json.

Whoosh segments never change once committed, and the TOC (_MAIN_<generation>.toc) names the
segments of each generation; but Whoosh records no sizes or checksums, so a truncated or altered
file is read as it is. The indexer records each new segment's files right after its commit
(write_missing); `searchapp check` compares every byte against them, and the server's start
compares the sizes (searchapp.check.quick_check). A segment committed before this existed has
no record until the next `searchapp index` run writes one.
"""
from __future__ import annotations

import json
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from whoosh.index import TOC, EmptyIndexError

FOLDER = "checksums"
INDEX_NAME = "MAIN"  # Whoosh's default index name, the one open_dir and create_in use
CHUNK = 1 << 20


@dataclass(frozen=True)
class Segment:
    """A segment as the TOC lists it: its id and how many documents (live or deleted) it holds."""

    segment_id: str
    doc_count_all: int
    deleted: int


def toc_files(folder: Path) -> dict[int, str]:
    """The TOC files in folder by generation: {4: "_MAIN_4.toc"}."""
    pattern = re.compile(rf"^_{INDEX_NAME}_([0-9]+)\.toc$")
    found = {}
    for name in os.listdir(folder):
        match = pattern.match(name)
        if match:
            found[int(match.group(1))] = name
    return found


def read_toc(folder: Path, generation: int | None = None) -> tuple[int, list[Segment]]:
    """The generation and the segments of the newest TOC in folder (or of the one given).

    Raises:
        EmptyIndexError: there is no TOC.
        OSError, EOFError, ValueError, and what unpickling raises: the TOC cannot be read.
    """
    from whoosh.filedb.filestore import FileStorage

    toc = TOC.read(FileStorage(str(folder)), INDEX_NAME, generation)
    return toc.generation, [Segment(s.segment_id(), s.doc_count_all(), s.deleted_count())
                            for s in toc.segments]


def segment_files(folder: Path, segment_id: str) -> list[str]:
    """The names of a segment's files in folder (MAIN_<id>.trm, MAIN_<id>._stored.col, ...), sorted."""
    prefix = f"{segment_id}."
    return sorted(name for name in os.listdir(folder) if name.startswith(prefix))


def crc32_of(path: Path) -> tuple[int, int]:
    """(size, CRC-32) of a file's bytes.

    Raises:
        OSError: the file cannot be read.
    """
    crc, size = 0, 0
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
    return size, crc


def read(folder: Path, segment_id: str) -> dict | None:
    """The record of a segment: {"segment", "doc_count_all", "files": {name: {"size", "crc32"}}};
    None when there is none or it cannot be read."""
    try:
        record = json.loads((Path(folder) / FOLDER / f"{segment_id}.json").read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("files"), dict):
        return None
    return record


def record_segment(folder: Path, segment: Segment, dest: Path | None = None) -> dict:
    """Compute a segment's record from its files in folder and write it (to dest's checksums/).

    Raises:
        OSError: a file of the segment cannot be read.
    """
    files = {}
    for name in segment_files(folder, segment.segment_id):
        size, crc = crc32_of(Path(folder) / name)
        files[name] = {"size": size, "crc32": crc}
    record = {"segment": segment.segment_id, "doc_count_all": segment.doc_count_all, "files": files}
    write(dest or folder, record)
    return record


def write(folder: Path, record: dict) -> None:
    """Write a segment's record under folder/checksums/, whole or not at all."""
    root = Path(folder) / FOLDER
    root.mkdir(exist_ok=True)
    tmp = root / f".{record['segment']}.tmp-{os.getpid()}"
    with open(tmp, "w") as out:
        json.dump(record, out, sort_keys=True)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, root / f"{record['segment']}.json")


def write_missing(ix) -> list[str]:
    """Record every segment of ix's newest generation that has no record; drop those of gone segments.

    Called by the indexer right after each commit, while the new segment's files are as written.
    """
    folder = Path(ix.storage.folder)
    try:
        _generation, segments = read_toc(folder)
    except EmptyIndexError:
        return []
    written = []
    for segment in segments:
        if read(folder, segment.segment_id) is None:
            record_segment(folder, segment)
            written.append(segment.segment_id)
    current = {f"{segment.segment_id}.json" for segment in segments}
    (folder / FOLDER).mkdir(exist_ok=True)
    for entry in (folder / FOLDER).iterdir():
        if entry.name not in current:
            entry.unlink(missing_ok=True)  # merged away, or a temporary file of a killed run
    return written
