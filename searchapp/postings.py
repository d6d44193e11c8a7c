"""Each index segment's postings as flat numpy files next to the index, memory-mapped by readers.

Whoosh keeps postings in pickled, zlib-compressed blocks of 128 and decodes them in Python:
reading a word's postings the first time costs 0.5 us a posting (1.4 us with positions), which
at 180,000 articles made the first request for a frequent word take 100+ ms in every worker
process. Segments never change once written, so the indexer decodes each new segment once
and writes, per field, its sorted terms, each term's slice of one docnum array and one weight
array. A read is then a slice of a memory-mapped file: no decoding, and the pages are shared by
every worker. Deleted documents stay in the files, as in Whoosh's own postings; readers mask
them out with the live-document mask.

Layout: <index>/postings/<segment id>/postings.bin and meta.json; per field, four arrays in
postings.bin whose offsets, dtypes and lengths meta.json gives (terms: sorted bytes; offsets:
int64, one more than terms; docs: int32; weights: uint16 or float32),
written to a temporary folder and renamed, so a reader sees a whole folder or none. Each process
checks the CRC-32s once before it maps a folder (a flipped byte in a docs array would otherwise
give wrong answers silently); a folder that fails is read through Whoosh instead. A segment
without its folder (an index written by another program, a run killed between commit and here)
is read through Whoosh, as before: the files only make reads faster, never different.
"""
from __future__ import annotations

import functools
import json
import zlib
from pathlib import Path

import numpy as np

FOLDER = "postings"
DATA_FILE = "postings.bin"
# 2: uint16 weights when they are small whole numbers; 3: one data file; 4: CRC-32s of the data
# file and of meta.json itself, checked before a process first maps them (see verify()).
FORMAT = 4


def segment_id(leaf) -> str | None:
    """The id of the segment a leaf reader reads; None for an empty index's reader."""
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    return segment.segment_id() if segment is not None else None


def segment_ids(reader) -> list[str]:
    """The ids of the segments a reader reads, in docnum order."""
    return [sid for leaf, _base in reader.leaf_readers() if (sid := segment_id(leaf))]


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


# ---- reading -------------------------------------------------------------------------------

def file_crc32(path: Path) -> int:
    crc = 0
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def meta_crc32(meta: dict) -> int:
    """The CRC-32 of meta.json's content without its own checksum (a changed offset would misread)."""
    return zlib.crc32(json.dumps({k: v for k, v in meta.items() if k != "meta_crc32"},
                                 sort_keys=True).encode())


@functools.lru_cache(maxsize=4096)
def _data_crc_matches(path: str, _inode: int, _size: int, _mtime_ns: int, expected: int) -> bool:
    """Whether a data file's CRC-32 is the recorded one; once per process per version of the file."""
    return file_crc32(Path(path)) == expected


def verify(folder: Path, doc_count_all: int | None = None) -> str | None:
    """What is wrong with a segment's postings folder, or None when it can be used.

    Checks meta.json (readable, this format, its own CRC-32, the segment's document count when
    given) and the data file (there, its size, its CRC-32). The answer names the file.
    """
    if not (folder / "meta.json").is_file():
        return "meta.json is missing"
    meta = _read_meta(folder)
    if not meta:
        return "meta.json cannot be read (not JSON)"
    if meta.get("format") != FORMAT:
        return f"meta.json: format {meta.get('format')}, this version reads {FORMAT}"
    if meta.get("meta_crc32") != meta_crc32(meta):
        return "meta.json: its content differs from what was written (CRC-32)"
    if doc_count_all is not None and meta.get("doc_count_all") != doc_count_all:
        return (f"meta.json: written for {meta.get('doc_count_all')} documents, "
                f"the segment has {doc_count_all}")
    try:
        info = (folder / DATA_FILE).stat()
    except OSError:
        return f"{DATA_FILE} is missing"
    if info.st_size != meta["size"]:
        return f"{DATA_FILE}: {info.st_size} bytes where {meta['size']} were written"
    if not _data_crc_matches(str(folder / DATA_FILE), info.st_ino, info.st_size, info.st_mtime_ns,
                             meta["crc32"]):
        return f"{DATA_FILE}: its bytes differ from those written (CRC-32)"
    return None


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

    def __init__(self, terms: np.ndarray, offsets: np.ndarray, docs: np.ndarray,
                 weights: np.ndarray) -> None:
        self.terms, self.offsets, self.docs, self.weights = terms, offsets, docs, weights

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
    """The files of one segment, all mapped when opened.

    All at once, not field by field: once a merge has replaced the segment, the indexer deletes
    its folder, and an older snapshot still answering requests must not need to open a file then
    (mapped files stay readable after they are unlinked, as Whoosh's own open files do).
    """

    def __init__(self, folder: Path, meta: dict) -> None:
        self.folder = folder
        self.meta = meta
        self._fields: dict[str, FieldFile] = {}
        if not meta["files"]:
            return
        data = np.memmap(folder / DATA_FILE, dtype=np.uint8, mode="r")

        def array(name: str) -> np.ndarray:
            spec = meta["arrays"][name]
            return np.frombuffer(data, dtype=np.dtype(spec["dtype"]), count=spec["count"],
                                 offset=spec["offset"])

        for field in meta["files"]:
            self._fields[field] = FieldFile(*(array(f"{field}.{part}") for part in
                                              ("terms", "offsets", "docs", "weights")))

    @classmethod
    def open(cls, leaf) -> SegmentFiles | None:
        """The files of a Whoosh segment reader, or None when it has none (or they do not fit)."""
        folder = _folder(getattr(leaf, "_storage", None))
        segid = segment_id(leaf)
        if folder is None or segid is None:
            return None
        path = Path(folder) / FOLDER / segid
        meta = _read_meta(path)
        if meta.get("format") != FORMAT or meta.get("doc_count_all") != leaf.doc_count_all():
            return None
        try:
            # Cut short (a crash before the data reached the disk) or altered since: read through
            # Whoosh. `searchapp check` reports the same problem.
            if verify(path, leaf.doc_count_all()) is not None:
                return None
            return cls(path, meta)
        except (OSError, ValueError, KeyError):
            return None  # removed or rewritten meanwhile: read through Whoosh

    def covers(self, field: str) -> bool:
        """Whether the folder answers for field (else read it through Whoosh)."""
        return field in self.meta["fields"]

    def field(self, field: str) -> FieldFile | None:
        """The files of a covered field; None when the segment has no term in it."""
        return self._fields.get(field)


def __getattr__(name: str):
    """write_missing, WriteStats and scored_fields live in searchapp.postings_writer; still importable from here."""
    if name in ("write_missing", "WriteStats", "scored_fields"):
        from searchapp import postings_writer
        return getattr(postings_writer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
