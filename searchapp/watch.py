"""Live ingestion: index folders, then keep indexing what changes under them until told to stop.

`watch()` runs `build_index` once over the given paths, then listens to the file system
(watchdog: inotify on Linux) and feeds `build_index` the files that were created, changed or
moved in, a small batch (one commit) at a time, taking only what the first pass's selection would
take (--include/--exclude, .searchappignore files, default skips: corpus.selection). Removals need no path of their own: an
incremental run deletes the articles of every file that no longer exists. A file is taken once it
has settled: its size and modification time unchanged for `settle` seconds, or for
`CLOSED_SETTLE_SECONDS` after its writer closed it. A stop (SIGINT/SIGTERM through
`stop_on_signals`) is honoured between two files, never inside a commit: the batch being written
is dropped whole (its files are read again at the next start, since their signatures differ) and
what earlier batches committed stays.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (FileClosedEvent, FileSystemEvent, FileSystemEventHandler,
                             FileSystemMovedEvent)
from watchdog.observers import Observer

from searchapp.corpus.files import READERS, select_below
from searchapp.corpus.selection import FileRules, skip_reason_under
from searchapp.indexer import IndexBusy, IndexStats, Progress, RunState, build_index

# A file whose size and mtime stayed the same this long is taken as complete ...
SETTLE_SECONDS = 1.0
# ... or, once its writer has closed it (or it was renamed into place), after this long.
CLOSED_SETTLE_SECONDS = 0.2
# How often pending files are looked at (stat) while waiting for them to settle.
POLL_SECONDS = 0.1
# At most this many files per build_index call, that is per commit: the first ones are
# searchable while the rest of a large drop is still being read.
BATCH_FILES = 200
# How long to wait before trying again when another `searchapp index` holds the index.
BUSY_RETRY_SECONDS = 1.0


class Stopped(Exception):
    """A stop was requested; raised between two files so build_index drops its batch cleanly."""


@dataclass
class _Pending:
    sig: tuple[int, int] | None  # (size, mtime_ns) when last looked at; None before the first look
    since: float  # when the file was last seen changing
    closed: bool  # its writer closed it (or it was renamed into place) after the last change


@dataclass(frozen=True)
class Batch:
    """What one watch batch did: the files it took, whether it was for removals, the run's stats."""

    files: tuple[Path, ...]
    removals: bool
    stats: IndexStats


class Changes:
    """The paths that changed and have not been indexed yet; thread-safe.

    The observer's thread records events; the indexing loop takes the paths that have settled.
    """

    def __init__(self, settle: float = SETTLE_SECONDS, closed_settle: float = CLOSED_SETTLE_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settle = settle
        self.closed_settle = min(closed_settle, settle)
        self.clock = clock
        self._lock = threading.Lock()
        self._pending: dict[Path, _Pending] = {}
        self._removed_at: float | None = None  # when the first removal not yet taken was seen

    def touch(self, path: Path, closed: bool = False) -> None:
        """Record that path was created, written to, or (closed=True) closed or moved into place."""
        with self._lock:
            entry = self._pending.get(path)
            if entry is None:
                self._pending[path] = _Pending(None, self.clock(), closed)
            elif closed:
                entry.closed = True
            else:
                entry.since, entry.closed = self.clock(), False

    def remove(self, path: Path) -> None:
        """Record that path (a file or a folder) is gone."""
        with self._lock:
            self._pending.pop(path, None)
            if self._removed_at is None:
                self._removed_at = self.clock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._pending) + (self._removed_at is not None)

    def take_ready(self, limit: int = BATCH_FILES) -> tuple[list[Path], bool]:
        """Return (up to limit settled paths, whether removals are waiting) and forget them.

        A removal is held back as long as a file renamed into place at the same moment needs to
        settle, so that a move reaches the index in one batch: the article keeps its id and is
        never missing in between.
        """
        now = self.clock()
        ready: list[Path] = []
        with self._lock:
            for path, entry in list(self._pending.items()):
                sig = _stat_sig(path)
                if sig is None:  # gone before it settled: a temporary file, or moved on
                    del self._pending[path]
                    continue
                if sig != entry.sig:
                    if entry.sig is not None:
                        entry.since, entry.closed = now, False
                    entry.sig = sig
                waited = now - entry.since
                if waited >= self.settle or (entry.closed and waited >= self.closed_settle):
                    ready.append(path)
                    if len(ready) == limit:
                        break
            for path in ready:
                del self._pending[path]
            removed = (self._removed_at is not None
                       and now - self._removed_at >= self.closed_settle)
            if removed:
                self._removed_at = None
        return ready, removed


def _stat_sig(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (st.st_size, st.st_mtime_ns)


class _Handler(FileSystemEventHandler):
    """Turns watchdog events under the watched roots into Changes."""

    def __init__(self, changes: Changes, roots: list[Path], index_dir: Path,
                 rules: FileRules | None = None) -> None:
        self.changes = changes
        self.dirs = [r for r in roots if r.is_dir()]
        self.files = {r for r in roots if not r.is_dir()}
        self.index_dir = index_dir
        self.rules = rules or FileRules()

    def root_of(self, path: Path) -> Path | None:
        """The watched folder that path is in (or is), or None."""
        return next((r for r in self.dirs if r == path or r in path.parents), None)

    def is_wanted(self, path: Path, is_directory: bool) -> bool:
        """Whether a path is one build_index would read: under a root, selected, a known format."""
        if path == self.index_dir or self.index_dir in path.parents:
            return False  # the index itself, when it lives inside a watched folder
        if path in self.files:
            return True
        root = self.root_of(path)
        if root is None:
            return False
        if skip_reason_under(root, path, self.rules, is_directory) is not None:
            return False  # the first pass's walk leaves it out too
        return is_directory or path.suffix.lower() in READERS

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write", "attrib") and not event.is_directory:
            return
        if event.is_directory and event.event_type == "modified":
            return  # a file inside changed: that file has its own event
        path = Path(os.fsdecode(event.src_path))
        if isinstance(event, FileSystemMovedEvent):
            if self.is_wanted(path, event.is_directory):
                self.changes.remove(path)
            dest = Path(os.fsdecode(event.dest_path))
            if self.is_wanted(dest, event.is_directory):
                self.changes.touch(dest, closed=True)  # a rename is complete at once
            return
        if not self.is_wanted(path, event.is_directory):
            return
        if event.event_type == "deleted":
            self.changes.remove(path)
        else:
            self.changes.touch(path, closed=isinstance(event, FileClosedEvent))


def watch(paths: Iterable[Path], index_dir: Path, extractor=None, *,
          stop: threading.Event | None = None, settle: float = SETTLE_SECONDS,
          batch_files: int = BATCH_FILES, rules: FileRules | None = None,
          on_first_pass: Callable[[IndexStats], None] | None = None,
          on_batch: Callable[[Batch], None] | None = None,
          on_busy: Callable[[], None] | None = None,
          progress: Callable[[Progress], None] | None = None) -> IndexStats | None:
    """Index paths, then index every change under them until stop is set.

    rules select the files of the folders, in the first pass and for every change after it.
    Returns the first pass's stats, or None when the stop came before it finished.
    """
    roots = [Path(os.path.abspath(p)) for p in paths]
    index_dir = Path(os.path.abspath(index_dir))
    stop = stop or threading.Event()
    changes = Changes(settle=settle)
    handler = _Handler(changes, roots, index_dir, rules)
    observer = Observer()
    # Folders are watched recursively; a file given by itself through its folder (events for
    # the folder's other files are filtered out by the handler).
    for folder in sorted({r if r.is_dir() else r.parent for r in roots}):
        observer.schedule(handler, str(folder), recursive=folder in roots)
    # Watching starts before the first pass, so what changes during it is indexed after it.
    observer.start()
    state = RunState()  # each batch starts from what the previous one committed
    try:
        first = _run(roots, index_dir, extractor, stop, on_busy, progress, state, rules)
        if first is None:
            return None
        if on_first_pass:
            on_first_pass(first)
        while not stop.is_set():
            ready, removals = changes.take_ready(batch_files)
            if not ready and not removals:
                stop.wait(POLL_SECONDS)
                continue
            stats = _run(_files_of(ready, handler), index_dir, extractor, stop, on_busy, None,
                         state, rules)
            if stats is None:
                break
            if on_batch:
                on_batch(Batch(tuple(ready), removals, stats))
        return first
    finally:
        observer.stop()
        observer.join()


def _files_of(ready: list[Path], handler: _Handler) -> list[Path]:
    """The files to index for ready paths: a folder moved in becomes the files the first walk would take in it."""
    files: list[Path] = []
    for path in ready:
        root = handler.root_of(path) if path.is_dir() else None
        files.extend(select_below(root, path, handler.rules) if root is not None else [path])
    return files


def _run(paths: list[Path], index_dir: Path, extractor, stop: threading.Event,
         on_busy: Callable[[], None] | None,
         progress: Callable[[Progress], None] | None, state: RunState,
         rules: FileRules | None = None) -> IndexStats | None:
    """One build_index call that gives way to a stop request; None when stopped."""
    def check(p: Progress) -> None:
        if stop.is_set():
            raise Stopped
        if progress:
            progress(p)

    told = False
    while not stop.is_set():
        try:
            return build_index(paths, index_dir, extractor, wait=False, progress=check,
                               state=state, rules=rules)
        except IndexBusy:
            # Not build_index's own wait: that one could not be interrupted by a stop.
            if on_busy and not told:
                on_busy()
            told = True
            stop.wait(BUSY_RETRY_SECONDS)
        except Stopped:
            return None
    return None


@contextmanager
def stop_on_signals(stop: threading.Event,
                    on_signal: Callable[[int], None] | None = None) -> Iterator[threading.Event]:
    """Set stop on the first SIGINT or SIGTERM; a second one interrupts at once (KeyboardInterrupt).

    Only from the main thread (Python delivers signals there). The old handlers come back after.
    """
    def handler(signum, _frame) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        if on_signal:
            on_signal(signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
