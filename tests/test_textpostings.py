"""Field lengths are read once per segment in a process and kept across snapshots (textpostings)."""
from __future__ import annotations

import numpy as np
from whoosh import index as whoosh_index

from searchapp import schema, textpostings
from searchapp.articles import Article, Entities
from searchapp.snapshot import build_index_data
from tests.conftest import build_toy_index


def whoosh_lengths(reader, field: str) -> np.ndarray:
    from whoosh.util.numeric import byte_to_length, length_to_byte

    return np.array([byte_to_length(length_to_byte(reader.doc_field_length(d, field) or 0))
                     for d in range(reader.doc_count_all())], dtype=np.float32)


def test_lengths_are_kept_per_segment_and_read_for_new_segments_only(tmp_path, monkeypatch):
    index_dir = build_toy_index(tmp_path / "index")
    reads = []

    original = textpostings._segment_lengths

    def counting(leaf, field):
        before = len(textpostings._SEGMENT_LENGTHS)
        out = original(leaf, field)
        reads.append(len(textpostings._SEGMENT_LENGTHS) > before)
        return out

    monkeypatch.setattr(textpostings, "_segment_lengths", counting)
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        first = build_index_data(reader, reader.generation()).text.postings.lengths(schema.BODY)
        assert np.array_equal(first, whoosh_lengths(reader, schema.BODY))
    with ix.writer() as writer:  # a second segment
        writer.add_document(**schema.to_document(
            Article("new-1", "New", "one two three four five six seven", None, origin="/n"),
            Entities((), (), (), (), ())))
    reads.clear()
    with ix.reader() as reader:
        second = build_index_data(reader, reader.generation()).text.postings.lengths(schema.BODY)
        assert np.array_equal(second, whoosh_lengths(reader, schema.BODY))
        assert len(reader.leaf_readers()) == 2
    ix.close()
    # Per field read, the old segment came from the cache and only the new one was read.
    assert reads.count(True) == reads.count(False) >= 1
