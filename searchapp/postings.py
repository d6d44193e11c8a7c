"""Each index segment's postings as flat numpy files next to the index, memory-mapped by readers.

Whoosh keeps postings in pickled, zlib-compressed blocks of 128 and decodes them in Python:
reading a word's postings the first time costs 0.5 us a posting (1.4 us with positions), which
at 180,000 articles made the first request for a frequent word take 100+ ms in every worker
process. Segments never change once written, so the indexer decodes each new segment once
and writes, per field, its sorted terms, each term's slice of one docnum array and one weight
array. A read is then a slice of a memory-mapped file: no decoding, and the pages are shared by
every worker. Deleted documents stay in the files, as in Whoosh's own postings; readers mask
them out with the live-document mask.

Layout: <index>/postings/<segment id>/<field>.{terms,offsets,docs,weights}.npy and meta.json,
(terms: sorted bytes; offsets: int64, one more than terms; docs: int32; weights: uint16 or
float32),
written to a temporary folder and renamed, so a reader sees a whole folder or none. A segment
without its folder (an index written by another program, a run killed between commit and here)
is read through Whoosh, as before: the files only make reads faster, never different.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FOLDER = "postings"
FORMAT = 2  # 2: weights as uint16 when they are small whole numbers (term counts)
# Fields with a term frequency per posting (Frequency and Positions formats, i.e. TEXT and
# KEYWORD fields); fields with Existence postings (ids, origins) are looked up, never scored.
_FORMATS = ("Frequency", "Positions")


def segment_ids(reader) -> list[str]:
    """The ids of the segments a reader reads, in docnum order."""
    return [leaf.segment().segment_id() for leaf, _base in reader.leaf_readers()]


def raw_postings(leaf, field: str, btext: bytes):
    """A segment's matcher for a term with its deleted documents in, as in the files.

    leaf.postings() wraps it in a filter that has already stepped over leading deleted
    documents, so its child is not the whole list. Raises TermNotFound.
    """
    terms = getattr(leaf, "_terms", None)
    if terms is None or not hasattr(terms, "matcher"):
        return leaf.postings(field, btext)
    return terms.matcher(field, btext, leaf.schema[field].format)


def read_leaf(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Read a segment's postings list block by block (Whoosh 2.7's W3LeafMatcher), or generically."""
    docs, weights = [], []
    if not all(hasattr(matcher, a) for a in ("_read_ids", "_read_weights", "_next_block")):
        while matcher.is_active():
            docs.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return np.array(docs, dtype=np.int32), np.array(weights, dtype=np.float32)
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        docs.append(np.asarray(matcher._ids, dtype=np.int32))
        weights.append(np.asarray(matcher._weights, dtype=np.float32))
        matcher._next_block()
    if not docs:
        return np.empty(0, np.int32), np.empty(0, np.float32)
    return np.concatenate(docs), np.concatenate(weights)


def scored_fields(schema) -> list[str]:
    """The fields whose postings the files hold."""
    return [name for name in schema.names()
            if getattr(schema[name], "format", None) is not None
            and type(schema[name].format).__name__ in _FORMATS]


# ---- writing -------------------------------------------------------------------------------

@dataclass
class WriteStats:
    written: list[str]
    removed: list[str]
    postings: int
    seconds: float


def write_missing(ix) -> WriteStats:
    """Write the files of every segment of ix that has none; remove those of gone segments."""
    started = time.perf_counter()
    root = Path(ix.storage.folder) / FOLDER
    root.mkdir(exist_ok=True)
    written, postings = [], 0
    with ix.reader() as reader:
        fields = scored_fields(ix.schema)
        current = set()
        for leaf, _base in reader.leaf_readers():
            segid = leaf.segment().segment_id()
            current.add(segid)
            if _read_meta(root / segid).get("format") != FORMAT:
                postings += _write_segment(leaf, fields, root, segid)
                written.append(segid)
    removed = []
    for entry in root.iterdir():
        # Other segments' folders were for segments merged away (open readers keep their
        # mapped files: unlinking does not unmap); temporary folders are from killed runs.
        if entry.name not in current:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return WriteStats(written, removed, postings, time.perf_counter() - started)


def _write_segment(leaf, fields: list[str], root: Path, segid: str) -> int:
    tmp = root / f".{segid}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    total = 0
    # "fields": what the folder answers for (a term it lacks is not in the segment);
    # "files": the fields with at least one term, which have files.
    meta = {"format": FORMAT, "segment": segid, "doc_count_all": leaf.doc_count_all(),
            "fields": [], "files": []}
    indexed = set(leaf.indexed_field_names())
    for field in fields:
        if field not in indexed:
            meta["fields"].append(field)
            continue
        terms, docs, weights = [], [], []
        for btext, info in leaf.iter_field(field):
            terms.append(btext)
            if info.doc_frequency() == 1 and info.min_id() is not None:
                # Most terms are in one document: the term info has its docnum and weight.
                docs.append(np.array([info.min_id()], dtype=np.int32))
                weights.append(np.array([info.weight()], dtype=np.float32))
                continue
            d, w = read_leaf(_matcher(leaf, field, btext, info))
            docs.append(d)
            weights.append(w)
        if any(t.endswith(b"\0") for t in terms):
            continue  # numpy's bytes arrays drop trailing NULs: leave this field to Whoosh
        meta["fields"].append(field)
        if not terms:
            continue
        counts = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        np.save(tmp / f"{field}.terms.npy", np.array(terms, dtype=bytes))
        np.save(tmp / f"{field}.offsets.npy", np.concatenate(([0], np.cumsum(counts))))
        np.save(tmp / f"{field}.docs.npy", np.concatenate(docs).astype(np.int32))
        weights = np.concatenate(weights).astype(np.float32)
        # Weights are term counts (times the field boost): whole numbers, and a uint16 file is
        # half the size, so half the pages a worker touches. Anything else stays float32.
        small = np.array_equal(weights, np.round(weights)) and (weights.size == 0 or (
            weights.min() >= 0 and weights.max() < 2 ** 16))
        np.save(tmp / f"{field}.weights.npy", weights.astype(np.uint16) if small else weights)
        meta["files"].append(field)
        total += int(counts.sum())
    (tmp / "meta.json").write_text(json.dumps(meta))
    final = root / segid
    shutil.rmtree(final, ignore_errors=True)
    os.rename(tmp, final)
    return total


def _matcher(leaf, field: str, btext: bytes, info):
    """The raw postings matcher of a term whose info iter_field gave: Whoosh's leaf.postings()
    would look the term up again (half the time of writing these files)."""
    codec, terms = getattr(leaf, "_codec", None), getattr(leaf, "_terms", None)
    postfile = getattr(terms, "_postfile", None)
    if codec is None or postfile is None:
        return leaf.postings(field, btext)
    return codec.postings_reader(postfile, info, leaf.schema[field].format, term=(field, btext))


# ---- reading -------------------------------------------------------------------------------

def _read_meta(folder: Path) -> dict:
    """A segment folder's meta.json; {} when there is none (or it is unreadable)."""
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _folder(storage) -> str | None:
    """The index folder of a segment's storage (a compound segment overlays it on its file)."""
    while storage is not None and getattr(storage, "folder", None) is None:
        storage = getattr(storage, "b", None)  # OverlayStorage(compound file, folder)
    return getattr(storage, "folder", None)


class FieldFile:
    """One field of one segment: sorted terms, and each term's slice of docs and weights."""

    def __init__(self, folder: Path, field: str) -> None:
        self.terms = np.load(folder / f"{field}.terms.npy", mmap_mode="r")
        self.offsets = np.load(folder / f"{field}.offsets.npy", mmap_mode="r")
        self.docs = np.load(folder / f"{field}.docs.npy", mmap_mode="r")
        self.weights = np.load(folder / f"{field}.weights.npy", mmap_mode="r")

    def find(self, btext: bytes) -> int:
        """The row of a term, or -1."""
        i = int(np.searchsorted(self.terms, btext))
        if i < len(self.terms) and self.terms[i] == btext:
            return i
        return -1

    def postings(self, btext: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(docnums in the segment, weights) of a term, as read-only views; None when absent.

        The weights are uint16 or float32 (see _write_segment); arithmetic with float32 gives
        float32 either way."""
        i = self.find(btext)
        if i < 0:
            return None
        lo, hi = int(self.offsets[i]), int(self.offsets[i + 1])
        return self.docs[lo:hi], self.weights[lo:hi]

    def doc_frequencies(self) -> np.ndarray:
        return np.diff(self.offsets)


class SegmentFiles:
    """The files of one segment; fields are opened on first use."""

    def __init__(self, folder: Path, meta: dict) -> None:
        self.folder = folder
        self.meta = meta
        self._fields: dict[str, FieldFile | None] = {}

    @classmethod
    def open(cls, leaf) -> SegmentFiles | None:
        """The files of a Whoosh segment reader, or None when it has none (or they do not fit)."""
        folder = _folder(getattr(leaf, "_storage", None))
        if folder is None:
            return None
        path = Path(folder) / FOLDER / leaf.segment().segment_id()
        meta = _read_meta(path)
        if meta.get("format") != FORMAT or meta.get("doc_count_all") != leaf.doc_count_all():
            return None
        return cls(path, meta)

    def covers(self, field: str) -> bool:
        """Whether the folder answers for field (else read it through Whoosh)."""
        return field in self.meta["fields"]

    def field(self, field: str) -> FieldFile | None:
        """The files of a covered field; None when the segment has no term in it."""
        if field not in self._fields:
            self._fields[field] = FieldFile(self.folder, field) if field in self.meta["files"] \
                else None
        return self._fields[field]
