"""Opens the index once per app and hands each request a consistent snapshot: a searcher and its facet arrays."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app, g
from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError

from searchapp import schema
from searchapp.facets import IndexData, build_index_data

EXTENSION = "searchapp"
# Facet arrays that build faster than this are rebuilt inside the request that notices a new
# index version, so the next request always sees it. Slower builds (large corpora) run in a
# background thread while requests keep using the previous snapshot: no request stalls.
SYNC_BUILD_SECONDS = 0.5
# A commit that merges segments deletes their files (on another thread or process) while a
# snapshot is being built from them: the build is tried again, this many times at most.
BUILD_ATTEMPTS = 5


class IndexMissing(Exception):
    """There is no index where one was expected."""


def open_index(index_dir: Path):
    """Open the Whoosh index in index_dir.

    Raises:
        IndexMissing: the folder holds no index yet.
        check.IndexDamaged (an IndexMissing): its TOC is missing or unreadable, or a segment's
            files are missing or not at the size written; the message is `searchapp check`'s.
    """
    from searchapp.check import quick_check

    quick_check(index_dir)  # refuse a damaged index, rather than serve wrong answers or none
    try:
        return whoosh_index.open_dir(str(index_dir))
    except (EmptyIndexError, FileNotFoundError):
        raise IndexMissing(
            f"no index in {index_dir}: run `searchapp index PATH --index-dir {index_dir}` first"
        ) from None


def pin_files(reader) -> bool:
    """Open now the Whoosh files a request reads lazily (each segment's stored fields and field
    lengths), so that a merge deleting them later leaves this reader working: an open file stays
    readable after it is unlinked. False when a segment's files are already gone.

    Whoosh opens these on first use; a snapshot built before a merge and asked for a hit's
    stored fields after it would otherwise find no file and fail (whoosh3 W3PerDocReader).
    """
    for leaf, _base in reader.leaf_readers():
        if not leaf.doc_count_all():
            continue
        try:
            leaf.stored_fields(0)
        except TypeError:  # whoosh3 finds no stored column file
            return False
        for name in leaf.schema.scorable_names():
            leaf.doc_field_length(0, name)
    return True


def files_intact(reader) -> bool:
    """Whether every segment of reader still has its files (its day column) on disk: a build
    that read them all the while read what the segment holds, not Whoosh's empty default."""
    return all(leaf.has_column(schema.DAY) for leaf, _base in reader.leaf_readers()
               if leaf.doc_count_all())


@dataclass
class Snapshot:
    """One version of the index: a searcher on it and the facet arrays built from that searcher.

    Whoosh docnums are only meaningful within one version, so the two always travel together.
    The lock serialises requests on the searcher, which is not safe to share between threads.
    """

    generation: int
    searcher: object
    data: IndexData
    lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False

    def close(self) -> None:
        with self.lock:
            self.closed = True
            self.searcher.close()


class Store:
    """The app's open index and its current snapshot, shared by all requests of a process."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.ix = open_index(self.index_dir)
        self._swap_lock = threading.Lock()
        self._builder: threading.Thread | None = None
        self.current = self._build()

    def _build(self) -> Snapshot:
        for attempt in range(BUILD_ATTEMPTS):
            last = attempt == BUILD_ATTEMPTS - 1
            searcher = self.ix.searcher()
            reader = searcher.reader()
            generation = reader.generation()
            try:
                # The last attempt is kept even if a merge raced it: the index is then at a newer
                # generation, so the next request builds again.
                if pin_files(reader) or last:
                    data = build_index_data(reader, generation)
                    if files_intact(reader) or last:
                        return Snapshot(generation, searcher, data)
            except FileNotFoundError:  # a file went between listing and opening it
                if last:
                    searcher.close()
                    raise
            searcher.close()
        raise AssertionError("unreachable")

    def _swap(self, new: Snapshot) -> None:
        old, self.current = self.current, new
        old.close()

    def _build_and_swap(self) -> None:
        try:
            self._swap(self._build())
        finally:
            self._builder = None

    def snapshot(self) -> Snapshot:
        """Return the newest ready snapshot, starting a rebuild when the index has changed."""
        current = self.current
        if self.ix.latest_generation() == current.generation:
            return current
        with self._swap_lock:
            if self.current is not current:
                return self.current  # another request already swapped
            if current.data.build_seconds < SYNC_BUILD_SECONDS:
                self._swap(self._build())
                return self.current
            if self._builder is None:
                self._builder = threading.Thread(target=self._build_and_swap, daemon=True,
                                                 name="searchapp-snapshot")
                self._builder.start()
            return current

    def acquire(self) -> Snapshot:
        """Return a snapshot locked for the caller; release it with release()."""
        while True:
            snap = self.snapshot()
            snap.lock.acquire()
            if not snap.closed:
                return snap
            snap.lock.release()  # swapped and closed in between: take the new one

    def close(self) -> None:
        self.current.close()
        self.ix.close()


def init_app(app: Flask) -> None:
    """Open the index for app, build its first snapshot, and release snapshots at teardown."""
    app.extensions[EXTENSION] = Store(Path(app.config["INDEX_DIR"]))
    app.teardown_appcontext(release_snapshot)


def get_store() -> Store:
    """Return the current app's Store."""
    return current_app.extensions[EXTENSION]


def get_snapshot() -> Snapshot:
    """Return this request's snapshot, taking it on first use."""
    if "snapshot" not in g:
        g.snapshot = get_store().acquire()
    return g.snapshot


def get_searcher():
    """Return this request's Searcher."""
    return get_snapshot().searcher


def release_snapshot(_exc: BaseException | None = None) -> None:
    """Release this request's snapshot, if one was taken."""
    snap = g.pop("snapshot", None)
    if snap is not None:
        snap.lock.release()


def open_private_searcher(generation: int):
    """Open a searcher of its own on the index, for a long read (an export) that must not hold
    the shared snapshot; None when the index is no longer at generation (docnums would differ).
    The caller closes it.
    """
    searcher = get_store().ix.searcher()
    if searcher.reader().generation() == generation and pin_files(searcher.reader()):
        return searcher
    searcher.close()
    return None


def get_store_of(app: Flask) -> Store:
    """Return app's Store, outside a request."""
    return app.extensions[EXTENSION]
