"""repair_index(): rewrite missing or damaged postings files and record missing checksums, under the indexing lock."""
from __future__ import annotations

from pathlib import Path

from searchapp import checksums, postings
from searchapp.check import IndexDamaged, check_index
from searchapp.locking import LOCK_FILE


def repair_index(index_dir: Path, on_wait=None) -> list[str]:
    """Rewrite missing or damaged postings files and record the checksums of unrecorded segments.

    Runs under the indexing lock (waiting for a running `searchapp index`), and only on an index
    with no fatal damage: a segment without a record is recorded only once it has read whole.
    Returns what was done, one line each.

    Raises:
        IndexDamaged: check_index found fatal damage, which only a backup or a rebuild repairs.
    """
    import filelock
    from whoosh import index as whoosh_index

    index_dir = Path(index_dir)
    lock = filelock.FileLock(str(index_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        if on_wait:
            on_wait()
        lock.acquire()
    try:
        report = check_index(index_dir)
        fatal = [finding for finding in report.findings if finding.fatal]
        if fatal:
            raise IndexDamaged("\n".join(finding.message() for finding in fatal))
        ix = whoosh_index.open_dir(str(index_dir))
        try:
            recorded = checksums.write_missing(ix)
            written = postings.write_missing(ix)
        finally:
            ix.close()
    finally:
        lock.release()
    return ([f"recorded the checksums of segment {segment}" for segment in recorded]
            + [f"wrote the postings files of segment {segment}" for segment in written.written])
