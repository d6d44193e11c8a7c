"""Write each new index segment's postings files (the format searchapp.postings describes and reads), once after a commit."""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from searchapp.postings import (DATA_FILE, FOLDER, FORMAT, file_crc32, meta_crc32, read_leaf,
                                segment_id, verify)

# Fields with a term frequency per posting (Frequency and Positions formats, i.e. TEXT and
# KEYWORD fields); fields with Existence postings (ids, origins) are looked up, never scored.
_FORMATS = ("Frequency", "Positions")


def scored_fields(schema) -> list[str]:
    """The fields whose postings the files hold."""
    return [name for name in schema.names()
            if getattr(schema[name], "format", None) is not None
            and type(schema[name].format).__name__ in _FORMATS]


@dataclass
class WriteStats:
    written: list[str]
    removed: list[str]
    postings: int
    seconds: float


def write_missing(ix) -> WriteStats:
    """Write the files of every segment of ix that has none (or damaged ones); remove those of gone segments."""
    started = time.perf_counter()
    root = Path(ix.storage.folder) / FOLDER
    root.mkdir(exist_ok=True)
    written, postings = [], 0
    with ix.reader() as reader:
        fields = scored_fields(ix.schema)
        current = set()
        for leaf, _base in reader.leaf_readers():
            segid = segment_id(leaf)
            if segid is None:
                continue  # an empty index
            current.add(segid)
            # Missing, of an older format, or damaged (verify: once per process per file).
            if verify(root / segid, leaf.doc_count_all()) is not None:
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
    # "files": the fields with at least one term, whose arrays are in the data file.
    meta = {"format": FORMAT, "segment": segid, "doc_count_all": leaf.doc_count_all(),
            "fields": [], "files": [], "arrays": {}}
    indexed = set(leaf.indexed_field_names())
    # One file for all arrays: each mapping holds a file descriptor, and a worker maps every
    # segment of up to two snapshots at once.
    with open(tmp / DATA_FILE, "wb") as out:
        for field in fields:
            if field not in indexed:
                meta["fields"].append(field)
                continue
            arrays = _field_arrays(leaf, field)
            if arrays is None:
                continue  # left to Whoosh
            meta["fields"].append(field)
            if not len(arrays[0]):
                continue
            meta["files"].append(field)
            total += len(arrays[2])
            for part, array in zip(("terms", "offsets", "docs", "weights"), arrays):
                out.write(b"\0" * (-out.tell() % 16))
                meta["arrays"][f"{field}.{part}"] = {
                    "offset": out.tell(), "dtype": array.dtype.str, "count": len(array)}
                out.write(array.tobytes())
        out.flush()
        os.fsync(out.fileno())
        meta["size"] = out.tell()
    meta["crc32"] = file_crc32(tmp / DATA_FILE)
    meta["meta_crc32"] = meta_crc32(meta)
    (tmp / "meta.json").write_text(json.dumps(meta))
    final = root / segid
    shutil.rmtree(final, ignore_errors=True)
    os.rename(tmp, final)
    return total


def _field_arrays(leaf, field: str) -> tuple[np.ndarray, ...] | None:
    """(terms, offsets, docs, weights) of one field of a segment; None if numpy cannot hold it."""
    terms: list[bytes] = []
    counts: list[int] = []
    docs: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    single_docs: list[int] = []  # a run of terms in one document each, gathered as numbers
    single_weights: list[float] = []

    def end_run() -> None:
        if single_docs:
            docs.append(np.array(single_docs, dtype=np.int32))
            weights.append(np.array(single_weights, dtype=np.float32))
            single_docs.clear()
            single_weights.clear()

    for btext, info in leaf.iter_field(field):
        terms.append(btext)
        if info.doc_frequency() == 1 and info.min_id() is not None:
            # Most terms are in one document: the term info has its docnum and weight.
            single_docs.append(info.min_id())
            single_weights.append(info.weight())
            counts.append(1)
            continue
        end_run()
        d, w = read_leaf(_matcher(leaf, field, btext, info))
        docs.append(d)
        weights.append(w)
        counts.append(len(d))
    end_run()
    if any(t.endswith(b"\0") for t in terms):
        return None  # numpy's bytes arrays drop trailing NULs
    all_weights = np.concatenate(weights) if weights else np.empty(0, np.float32)
    # Weights are term counts (times the field boost): whole numbers, and as uint16 they take
    # half the pages a worker touches. Anything else stays float32.
    small = np.array_equal(all_weights, np.round(all_weights)) and (all_weights.size == 0 or (
        all_weights.min() >= 0 and all_weights.max() < 2 ** 16))
    return (np.array(terms, dtype=bytes),
            np.concatenate(([0], np.cumsum(counts, dtype=np.int64))).astype(np.int64),
            np.concatenate(docs).astype(np.int32) if docs else np.empty(0, np.int32),
            all_weights.astype(np.uint16) if small else all_weights)


def _matcher(leaf, field: str, btext: bytes, info):
    """The raw postings matcher of a term whose info iter_field gave: Whoosh's leaf.postings()
    would look the term up again (half the time of writing these files)."""
    codec, terms = getattr(leaf, "_codec", None), getattr(leaf, "_terms", None)
    postfile = getattr(terms, "_postfile", None)
    if codec is None or postfile is None:
        return leaf.postings(field, btext)
    return codec.postings_reader(postfile, info, leaf.schema[field].format, term=(field, btext))
