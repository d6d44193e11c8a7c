"""backup_index(): a consistent, restorable copy of an index folder, even while an indexing run commits.

How it stays consistent without stopping the indexer: Whoosh segments never change once
committed, and the newest TOC (_MAIN_<generation>.toc) names the segments of its generation
(and their deleted documents). The copy reads that TOC, then copies the files of its segments,
checking each against the sizes and CRC-32s recorded at commit (searchapp.checksums). A commit
that lands meanwhile may merge segments and delete their files; a copy that finds a file gone
starts over from the new TOC. The postings files of those segments come along (checked with
postings.verify; one that fails is left out, a cache the next `searchapp index` rewrites), and
every SQLite file (the extraction cache; rules and accounts when they exist) is copied with
SQLite's backup API, which reads one consistent state. Everything else in the folder is copied
as it is, except lock files and SQLite's journals. The copy is written to a hidden folder beside
DEST and renamed to DEST when whole: DEST is an index folder, to serve or copy back.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from searchapp import checksums, postings
from searchapp.store import IndexMissing

ATTEMPTS = 10
# Not copied: locks (held by the running processes), SQLite's journals (the backup API reads
# through them), Whoosh's TOC temporary files, temporary folders of killed runs.
SKIP = re.compile(r"^(indexing\.lock|.*_WRITELOCK|.*\.sqlite3-(wal|shm|journal)|_.*\.toc\..*|\..*|.*\.tmp)$")


class BackupError(Exception):
    """The backup cannot be written, or the index it copies is damaged; the message says what to do."""


@dataclass
class BackupStats:
    """What a backup copied."""

    dest: Path
    generation: int
    segments: int
    files: int
    bytes: int
    attempts: int
    seconds: float
    left_out: list[str]  # postings folders that failed their check (a cache: rewritten later)


class _Moved(Exception):
    """A file of the generation being copied was deleted by a commit: start over."""


def backup_index(index_dir: Path, dest: Path, attempts: int = ATTEMPTS) -> BackupStats:
    """Copy the index in index_dir to the new folder dest (see the module docstring).

    Raises:
        IndexMissing: index_dir holds no index.
        BackupError: dest is not new, the index is damaged, or commits kept landing mid-copy.
    """
    started = time.monotonic()
    index_dir, dest = Path(index_dir).resolve(), Path(dest).absolute()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} already exists: give a new folder (nothing is overwritten)")
    if dest.resolve().is_relative_to(index_dir):
        raise BackupError(f"{dest} is inside the index folder {index_dir}: give a folder outside it")
    if not index_dir.is_dir() or not checksums.toc_files(index_dir):
        raise IndexMissing(f"no index in {index_dir}: nothing to back up (`searchapp check "
                           f"--index-dir {index_dir}` tells whether it is damaged)")
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = dest.parent / f".{dest.name}.partial-{os.getpid()}"
    try:
        for attempt in range(1, attempts + 1):
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            try:
                stats = _copy_generation(index_dir, work)
            except _Moved:
                continue
            stats.attempts = attempt
            _copy_sqlite(index_dir, work, stats)
            _copy_others(index_dir, work, stats)
            _fsync_dir(work)
            if dest.exists():
                dest.rmdir()  # the empty folder given
            os.rename(work, dest)
            _fsync_dir(dest.parent)
            stats.dest = dest
            stats.seconds = time.monotonic() - started
            return stats
        raise BackupError(f"commits kept landing while copying {index_dir} ({attempts} attempts): "
                          "try again, or when `searchapp index` has finished")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _copy_generation(index_dir: Path, work: Path) -> BackupStats:
    """Copy the newest TOC, its segments' files and records, and their postings files."""
    tocs = checksums.toc_files(index_dir)
    if not tocs:
        raise _Moved()  # between two generations' files: look again
    generation = max(tocs)
    try:
        shutil.copyfile(index_dir / tocs[generation], work / tocs[generation])
    except FileNotFoundError:
        raise _Moved() from None
    try:
        _generation, segments = checksums.read_toc(work, generation)
    except (OSError, EOFError, ValueError) as error:
        raise BackupError(f"{index_dir / tocs[generation]} cannot be read ({error}): run "
                          f"`searchapp check --index-dir {index_dir}`") from None
    stats = BackupStats(work, generation, len(segments), 1, (work / tocs[generation]).stat().st_size,
                        0, 0.0, [])
    for segment in segments:
        record = checksums.read(index_dir, segment.segment_id)
        names = sorted(record["files"]) if record else checksums.segment_files(index_dir, segment.segment_id)
        if not names:
            raise _Moved()
        files = {}
        for name in names:
            try:
                size, crc = _copy_file(index_dir / name, work / name)
            except FileNotFoundError:
                raise _Moved() from None
            if record and (size, crc) != (record["files"][name]["size"], record["files"][name]["crc32"]):
                raise BackupError(
                    f"{index_dir / name} differs from what was committed ({size} bytes, CRC-32 "
                    f"{crc:08x}; recorded {record['files'][name]['size']} bytes, "
                    f"{record['files'][name]['crc32']:08x}): the index is damaged; run "
                    f"`searchapp check --index-dir {index_dir}`")
            files[name] = {"size": size, "crc32": crc}
            stats.files += 1
            stats.bytes += size
        checksums.write(work, record or {"segment": segment.segment_id,
                                          "doc_count_all": segment.doc_count_all, "files": files})
        _copy_postings(index_dir, work, segment, stats)
    return stats


def _copy_postings(index_dir: Path, work: Path, segment: checksums.Segment, stats: BackupStats) -> None:
    source = index_dir / postings.FOLDER / segment.segment_id
    if not source.is_dir():
        return
    target = work / postings.FOLDER / segment.segment_id
    try:
        shutil.copytree(source, target, copy_function=lambda s, d: _copy_file(Path(s), Path(d)))
    except (FileNotFoundError, shutil.Error):
        problem = "removed or rewritten while copying"
    else:
        problem = postings.verify(target, segment.doc_count_all)
    if problem is not None:
        shutil.rmtree(target, ignore_errors=True)
        stats.left_out.append(f"{source}: {problem}")
        return
    stats.files += 2
    stats.bytes += sum(path.stat().st_size for path in target.iterdir())


def _copy_sqlite(index_dir: Path, work: Path, stats: BackupStats) -> None:
    """Copy every SQLite file with the backup API: one consistent state, whatever writes meanwhile."""
    for path in sorted(index_dir.glob("*.sqlite3")):
        source = sqlite3.connect(path)
        target = sqlite3.connect(work / path.name)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        stats.files += 1
        stats.bytes += (work / path.name).stat().st_size


def _copy_others(index_dir: Path, work: Path, stats: BackupStats) -> None:
    """Copy what is neither Whoosh's, nor postings, checksums or SQLite, nor a lock or journal."""
    whoosh_file = re.compile(rf"^_?{checksums.INDEX_NAME}_")
    for entry in sorted(index_dir.iterdir()):
        name = entry.name
        if (SKIP.match(name) or whoosh_file.match(name) or name.endswith(".sqlite3")
                or name in (postings.FOLDER, checksums.FOLDER)):
            continue
        try:
            if entry.is_dir():
                shutil.copytree(entry, work / name)
            elif entry.is_file():
                _copy_file(entry, work / name)
        except (FileNotFoundError, shutil.Error):
            continue  # removed while listing: a writer's temporary file, no part of any commit
        stats.files += 1


def _copy_file(source: Path, target: Path) -> tuple[int, int]:
    """Copy a file and sync it to disk; return its (size, CRC-32) as copied."""
    crc, size = 0, 0
    with open(source, "rb") as src, open(target, "wb") as out:
        while chunk := src.read(checksums.CHUNK):
            out.write(chunk)
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size, crc


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
