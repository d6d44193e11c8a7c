"""build_index(): the only code that writes the index; incremental, cached, one run at a time."""
from __future__ import annotations

import os
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import filelock
from whoosh import index as whoosh_index
from whoosh.writing import CLEAR

from searchapp import checksums, postings, schema
from searchapp.cache import ExtractionCache
from searchapp.corpus_memory import CorpusMemory
from searchapp.locking import LOCK_FILE, IndexBusy  # noqa: F401 - re-exported for callers
from searchapp.inventory import Inventory, Pending, Stored, read_stored
from searchapp.corpus import FileRules, Problem, Skipped, select_files
from searchapp.resolution import merge_small_drop_empty, resolve_stored
from searchapp.entities import Extractor
from searchapp.pipeline import Job, Pipeline

# Articles are extracted and written in chunks, so memory stays flat on a large corpus and the
# progress line moves; the NER worker processes live across chunks, so small chunks cost little.
CHUNK_SIZE = 1000
# Chunks read ahead of the one being written: NER keeps working through a commit (15 s at 5,000
# articles), which with one chunk ahead left both NER processes idle for half of it.
READ_AHEAD = 2
# An incremental run commits every this many written articles, so a killed or crashed run keeps
# most of its work (a --rebuild commits once, at the end, so it never shows half an index).
COMMIT_EVERY = 5000
# Whoosh sorts postings in memory up to this size before spilling runs to disk; at 256 MB a
# Reuters rebuild took 121 s of writing, at 1 GB 65 s (measured, no NER).
WRITER_MB = 1024
# Segments stay separate files (compound=False): Whoosh copies each part of a compound segment
# into the reading process's heap, 86 MB of a server worker's RSS at 18,000 articles and 1.2 GB
# at 180,000; separate files are mmapped and shared through the OS page cache instead.



@dataclass
class IndexStats:
    """What a run did: the four counts, what failed and why, what was skipped."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # Files and folders the selection rules left out (--include/--exclude, .searchappignore,
    # default skips), each with its reason.
    excluded: list[Skipped] = field(default_factory=list)
    files: int = 0
    analysed: int = 0  # texts that went through NER (the rest came from the cache)
    total: int = 0  # articles in the index after the run
    seconds: float = 0.0
    postings_seconds: float = 0.0  # writing the postings files (searchapp.postings)
    # Articles written again after the run because the corpus-wide names changed (resolution.py);
    # written in this run with other names than their final ones count too.
    reresolved: int = 0
    # The corpus-wide pass read only what the run wrote (a RunState kept its memory).
    resolved_incrementally: bool = False


@dataclass
class RunState:
    """What a run leaves for the next one in the same process (`searchapp index --watch`).

    The stored id, origin, signature and content hash of every article, valid for one index
    version: a run that finds the index still at that version skips reading every stored
    document (O(articles): seconds at 180,000), so a small batch costs little.
    """

    generation: int = -1
    stored: dict = field(default_factory=dict)
    # The corpus-wide resolution's memory of the same version: the next run's pass reads only
    # the articles it wrote (resolution.resolve_stored).
    memory: CorpusMemory = field(default_factory=CorpusMemory)


@dataclass(frozen=True)
class Progress:
    """A progress report: files and articles done so far."""

    files_done: int
    files_total: int
    articles: int
    seconds: float


def open_or_create(index_dir: Path):
    """Open the Whoosh index in index_dir, creating it (and the folder) when missing."""
    index_dir.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(index_dir)):
        return whoosh_index.open_dir(str(index_dir))
    return whoosh_index.create_in(str(index_dir), schema.build_schema())


class _Run:
    """One indexing run: the files' articles through the extraction pipeline into the writer,
    commits, then the corpus-wide resolution."""

    def __init__(self, ix, index_dir: Path, extractor: Extractor, cache: ExtractionCache,
                 rebuild: bool, progress: Callable[[Progress], None] | None,
                 n_process: int, rules: FileRules | None = None,
                 state: RunState | None = None) -> None:
        self.ix = ix
        self.index_dir = index_dir
        self.rules = rules
        self.rebuild = rebuild
        self.progress = progress
        self.stats = IndexStats()
        self.state = state
        # What the previous run of this process left is valid while nobody else committed.
        valid = state is not None and not rebuild and state.generation == ix.latest_generation()
        self.inventory = Inventory(state.stored if valid else read_stored(ix), rebuild, self.stats)
        self.memory = state.memory if state is not None else None
        self.incremental = valid and self.memory.maps is not None
        if state is not None:
            state.generation = -1  # valid again only once this run has committed
        self.wrote: dict[str, Stored] = {}  # for state and resolution: what this run wrote ...
        self.deleted: set[str] = set()  # ... and deleted
        self.pending: list[Pending] = []
        self.inflight: deque[tuple[list[Pending], Job]] = deque()  # oldest first
        self.pipeline = Pipeline(ix, extractor, cache, n_process,
                                 self.memory.maps if self.incremental else None)
        self.resolve = lambda **kw: resolve_stored(ix, index_dir, cache, extractor,
                                                   n_process=n_process, memory=self.memory, **kw)
        self.started = time.monotonic()
        self.writer = ix.writer(limitmb=WRITER_MB, compound=False)
        self.uncommitted = 0

    def run(self, paths: Iterable[Path]) -> IndexStats:
        # The walk applies the selection rules; what they leave out is listed with its reason,
        # and its articles are removed below, as a deleted file's are.
        selection = select_files(paths, self.rules)
        files = selection.files
        self.stats.excluded = selection.skipped
        self.stats.files = len(files)
        walked: set[str] = set()
        for done, path in enumerate(files, 1):
            origin = str(path.resolve())
            walked.add(origin)
            self.pending += self.inventory.take_file(path, origin)
            if len(self.pending) >= CHUNK_SIZE:
                self._flush()
            self._report(done, len(files))
        self._finish()
        self._report(len(files), len(files))
        self._remove(self.inventory.gone(walked, selection.excludes))
        if self.rebuild or self.wrote or self.stats.removed:
            self.writer.commit(mergetype=CLEAR if self.rebuild else merge_small_drop_empty)
        else:
            self.writer.cancel()  # nothing to write: no new generation, so nothing to re-resolve
        self._write_postings_files()
        # The corpus changed: every stored article's names are resolved again over all of it.
        resolved = self.resolve(written=set(self.wrote) if self.incremental else None,
                                deleted=self.deleted)
        self.stats.reresolved = resolved.rewritten
        self.stats.failed += [  # still failing: written before this run, or not by it
            Problem(origin or article_id, f"names not extracted ({error}); the article keeps none")
            for article_id, origin, error in resolved.failed if article_id not in self.wrote]
        self.stats.resolved_incrementally = resolved.incremental
        self.stats.analysed += self.pipeline.analysed + resolved.analysed
        self.stats.total = self.ix.doc_count()
        if self.state is not None and not self.rebuild:
            stored = {i: s for i, s in self.inventory.stored.items() if i not in self.deleted}
            stored.update(self.wrote)
            self.state.stored, self.state.generation = stored, self.ix.latest_generation()
        self.stats.seconds = time.monotonic() - self.started
        return self.stats

    def cancel(self) -> None:
        self.writer.cancel()

    def close(self) -> None:
        self.pipeline.close()

    def _report(self, done: int, total: int) -> None:
        if self.progress:
            # Articles still waiting for NER are not counted yet, so the rate is the real one.
            waiting = len(self.pending) + sum(len(chunk) for chunk, _job in self.inflight)
            articles = self.stats.added + self.stats.updated + self.stats.unchanged - waiting
            self.progress(Progress(done, total, articles, time.monotonic() - self.started))

    def _flush(self) -> None:
        """Start NER on the pending chunk; write the oldest chunk once READ_AHEAD are in flight."""
        if not self.pending:
            return
        chunk, self.pending = self.pending, []
        self.inflight.append((chunk, self.pipeline.start([p.article for p in chunk])))
        if len(self.inflight) > READ_AHEAD:
            self._write_oldest()

    def _finish(self) -> None:
        """Write every chunk still in flight."""
        self._flush()
        while self.inflight:
            self._write_oldest()

    def _write_oldest(self) -> None:
        chunk, job = self.inflight.popleft()
        for item, (ents, mentions) in zip(chunk, self.pipeline.finish(job)):
            doc = schema.to_document(item.article, ents, item.file_sig, mentions)
            self.wrote[doc[schema.ARTICLE_ID]] = Stored.of(doc)
            if item.is_new:
                self.writer.add_document(**doc)
            else:
                self.writer.update_document(**doc)
            self.uncommitted += 1
        for article, error in self.pipeline.failures:
            self.stats.failed.append(Problem(
                article.origin or article.article_id,
                f"names not extracted ({error}); the article is indexed without them"))
        self.pipeline.failures.clear()
        if not self.rebuild and self.uncommitted >= COMMIT_EVERY:
            self.writer.commit(mergetype=merge_small_drop_empty)
            self._write_postings_files()
            self.writer = self.ix.writer(limitmb=WRITER_MB, compound=False)
            self.uncommitted = 0

    def _remove(self, article_ids: list[str]) -> None:
        if self.rebuild:
            # CLEAR drops everything that was not written again.
            self.stats.removed = len(set(self.inventory.stored) - self.inventory.kept)
            return
        for article_id in article_ids:
            self.writer.delete_by_term(schema.ARTICLE_ID, article_id)
            self.deleted.add(article_id)
        self.stats.removed += len(article_ids)

    def _write_postings_files(self) -> None:
        """Write the postings files of the segments the commit made (searchapp.postings)."""
        # Record the sizes and CRC-32s of the new segments' files first, while they are as
        # committed: `searchapp check`, `searchapp backup` and the server's start compare them.
        checksums.write_missing(self.ix)
        written = postings.write_missing(self.ix)
        self.stats.postings_seconds += written.seconds


def build_index(paths: Iterable[Path], index_dir: Path, extractor: Extractor | None = None, *,
                rebuild: bool = False, wait: bool = True,
                on_wait: Callable[[], None] | None = None,
                progress: Callable[[Progress], None] | None = None,
                n_process: int | None = None, rules: FileRules | None = None,
                state: RunState | None = None) -> IndexStats:
    """Index the articles under paths into index_dir; incremental unless rebuild.

    rules choose which files of the folders to take (corpus.selection); articles of files they
    leave out are removed, as those of deleted files are. A caller that runs again and again on
    one index may pass the same state each time, so a run need not read what the previous one
    left (see RunState).

    Raises:
        IndexBusy: another run holds the lock and wait is False.
    """
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    # An OS-level lock (flock): a killed run releases it, so it never goes stale.
    lock = filelock.FileLock(str(index_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        if not wait:
            raise IndexBusy(f"another `searchapp index` is running on {index_dir}") from None
        if on_wait:
            on_wait()
        lock.acquire()
    try:
        ix = open_or_create(index_dir)
        schema.add_missing_fields(ix)
        cache = ExtractionCache(index_dir)
        own_extractor = extractor is None
        extractor = extractor or Extractor()
        run = _Run(ix, index_dir, extractor, cache, rebuild, progress,
                   n_process or min(2, os.cpu_count() or 1), rules, state)
        try:
            return run.run(paths)
        except BaseException:
            run.cancel()
            raise
        finally:
            run.close()
            if own_extractor:
                extractor.close()
            cache.close()
            ix.close()
    finally:
        lock.release()
