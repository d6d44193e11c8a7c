"""Read the postings and field lengths of a snapshot's text fields into numpy arrays, kept within a byte budget.

A term's postings come from the segment's postings files when it has them (searchapp.postings: a
slice of a memory-mapped file) and otherwise from Whoosh, decoded once and kept in an LRU cache
for the index version. Field lengths are read from Whoosh's length columns, once per segment
and field in a process.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from searchapp.postings import SegmentFiles, _folder, raw_postings, read_leaf, segment_id

POSTINGS_BUDGET_BYTES = 64 * 1024 * 1024
# When a snapshot is built, the postings of the most frequent words of the prefix field are read
# up to this size: a half-typed word expands to the most frequent words that start with it, and
# reading those from Whoosh the first time cost 120-300 ms at 180,000 articles ("th", "ma").
# Segments with postings files (searchapp.postings) need no pre-reading: a read is a slice.
WARM_POSTINGS_BYTES = 16 * 1024 * 1024
WARM_MIN_DOCS = 100
_BYTE_TO_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


# A segment's field lengths never change (a deletion leaves them), so a process keeps them across
# snapshots: a new index version re-reads only its new segments' lengths. Reading them is a
# Python loop over Whoosh's length column, 1.3 of the 2.1 s a 180k snapshot took to build, and
# most of what a watch batch waited for after its commit. Keyed by index folder, segment, field.
_SEGMENT_LENGTHS: OrderedDict[tuple, np.ndarray] = OrderedDict()
_SEGMENT_LENGTHS_MAX = 256
_SEGMENT_LENGTHS_LOCK = threading.Lock()


def _segment_lengths(leaf, field: str) -> np.ndarray:
    """One segment's field lengths, from the process's cache or read once from Whoosh."""
    segid = segment_id(leaf)
    key = (_folder(getattr(leaf, "_storage", None)), segid, field) if segid else None
    if key is not None:
        with _SEGMENT_LENGTHS_LOCK:
            if (hit := _SEGMENT_LENGTHS.get(key)) is not None:
                _SEGMENT_LENGTHS.move_to_end(key)
                return hit
    column = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN) \
        if hasattr(leaf, "_perdoc") else None
    count = leaf.doc_count_all()
    if column is None:
        lengths = np.array([leaf.doc_field_length(d, field) or 0 for d in range(count)],
                           dtype=np.float32)
    else:
        lengths = _BYTE_TO_LENGTH[np.fromiter(iter(column), dtype=np.uint8, count=count)]
    if key is not None and key[0] is not None:
        with _SEGMENT_LENGTHS_LOCK:
            _SEGMENT_LENGTHS[key] = lengths
            while len(_SEGMENT_LENGTHS) > _SEGMENT_LENGTHS_MAX:
                _SEGMENT_LENGTHS.popitem(last=False)
    return lengths


class Segments:
    """The segments of one reader in docnum order, each with its postings files (None: read through Whoosh)."""

    def __init__(self, reader) -> None:
        self.reader = reader
        # Files written after this snapshot was taken (the indexer writes them just after its
        # commit) are looked for again, at most once a second.
        self._leaves = [(leaf, base, SegmentFiles.open(leaf)) for leaf, base in reader.leaf_readers()]
        self._checked = time.monotonic()

    def leaves(self) -> list[tuple[object, int, SegmentFiles | None]]:
        """Return (leaf reader, docnum base, postings files or None) per segment."""
        if not all(files is not None for _l, _b, files in self._leaves):
            now = time.monotonic()
            if now - self._checked >= 1.0:
                self._checked = now
                self._leaves = [(leaf, base, files or SegmentFiles.open(leaf))
                                for leaf, base, files in self._leaves]
        return self._leaves

    def has_files(self, field: str) -> bool:
        """Whether every segment's postings of field come from postings files."""
        return all(files is not None and files.covers(field) for _l, _b, files in self.leaves())


class TextPostings:
    """Each term's (docnums, weights) and each field's lengths, read on demand and kept within a budget."""

    def __init__(self, segments: Segments, budget_bytes: int = POSTINGS_BUDGET_BYTES) -> None:
        self.segments = segments
        self.budget = budget_bytes
        self._cache: OrderedDict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._bytes = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._avg: dict[str, float] = {}

    def get(self, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Return (docnums, weights) of a term; empty arrays when it is not in the index.

        Read-only views into the postings files when the index is one segment that has them
        (nothing is copied or kept); otherwise arrays kept in an LRU cache within the budget.
        """
        key = (field, btext)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        docs, weights = self._read(field, btext)
        if docs.flags.owndata or docs.base is None:
            self._cache[key] = (docs, weights)
            self._bytes += docs.nbytes + weights.nbytes
            while self._bytes > self.budget and len(self._cache) > 1:
                _, (d, w) = self._cache.popitem(last=False)
                self._bytes -= d.nbytes + w.nbytes
        return docs, weights

    def _read(self, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        doc_parts, weight_parts = [], []
        for leaf, base, files in self.segments.leaves():
            if files is not None and files.covers(field):
                found = files.field(field)
                found = found.postings(btext) if found is not None else None
                if found is None:
                    continue
                docs, weights = found
            else:
                try:
                    docs, weights = read_leaf(raw_postings(leaf, field, btext))
                except TermNotFound:
                    continue
            doc_parts.append(docs + base if base else docs)
            weight_parts.append(weights)
        if not doc_parts:
            return np.empty(0, np.int32), np.empty(0, np.float32)
        if len(doc_parts) == 1:
            return doc_parts[0], weight_parts[0]
        return (np.concatenate(doc_parts).astype(np.int32, copy=False),
                np.concatenate(weight_parts).astype(np.float32, copy=False))

    def lengths(self, field: str) -> np.ndarray:
        """Return each document's length in field (0 for none), as Whoosh stored it."""
        if field not in self._lengths:
            reader = self.segments.reader
            parts = [_segment_lengths(leaf, field) for leaf, _base in reader.leaf_readers()]
            self._lengths[field] = np.concatenate(parts) if parts else np.zeros(0, np.float32)
            # As Whoosh's BM25F: the average counts every document of the segments, deleted
            # ones included.
            self._avg[field] = reader.field_length(field) / max(1, reader.doc_count_all()) or 1.0
        return self._lengths[field]

    def average_length(self, field: str) -> float:
        """Return the field's average length over every document (deleted ones too), as Whoosh's BM25F."""
        self.lengths(field)
        return self._avg[field]

    def warm(self, field: str, words: list[str], freqs: np.ndarray,
             postings_bytes: int = WARM_POSTINGS_BYTES, skip: frozenset[str] = frozenset()) -> None:
        """Read the postings of field's most frequent words (but skip) up front, up to postings_bytes.

        words and freqs are the field's vocabulary (Lexicon.vocabulary). Nothing is read when
        the segments have postings files: their reads are slices of the mapped files.
        """
        if self.segments.has_files(field):
            return
        budget = min(postings_bytes, self.budget // 2)  # leave room for what queries read
        for i in np.argsort(-freqs, kind="stable"):
            if freqs[i] < WARM_MIN_DOCS:
                break  # a rare word is quick to read when asked for
            size = int(freqs[i]) * 8  # int32 docnum + float32 weight per posting
            if size <= budget and words[i] not in skip:
                self.get(field, words[i].encode("utf-8"))
                budget -= size

    def nbytes(self) -> int:
        return self._bytes + sum(a.nbytes for a in self._lengths.values())
