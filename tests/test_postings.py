"""Postings files (searchapp.postings): equal to Whoosh's postings, used when present, never required."""
import json
import os
import shutil
from datetime import date

import numpy as np
import pytest
from whoosh import index as whoosh_index

from searchapp import postings, schema
from searchapp.articles import Article, Entities
from searchapp.fieldpostings import read_field as _read_field
from searchapp.snapshot import KEYWORD_FIELDS, build_index_data
from searchapp.indexer import build_index
from searchapp.postings import SegmentFiles, raw_postings, read_leaf
from searchapp.postings_writer import scored_fields
from searchapp.scoring import TextIndex
from tests.conftest import TOY_ARTICLES, api_client, build_toy_index
from tests.test_indexer import OTHER_TEXT, SEED_TEXT

# Enough articles sharing words for postings lists of several 128-posting blocks.
WORDS = ("oil", "cocoa", "price", "prices", "president", "press", "grain", "wheat")


def _filler(i: int) -> tuple[Article, Entities]:
    words = [w for j, w in enumerate(WORDS) if (i + j) % (j + 1) == 0]
    body = " ".join(words * (1 + i % 3)) + f" token{i} moscow"
    return (Article(f"filler-{i}", f"Filler {i} {words[0]}", body, date(1987, 1 + i % 12, 1 + i % 28),
                    origin=f"/data/f{i}.txt"),
            Entities((f"Person {i % 7}",), ("Moscow",) if i % 2 else ("Paris",), (), (), ()))


def _multi_segment_index(index_dir, with_files: bool = True):
    """The toy articles and 400 fillers in three segments, one article deleted."""
    build_toy_index(index_dir)
    ix = whoosh_index.open_dir(str(index_dir))
    for chunk in (range(0, 250), range(250, 400)):
        writer = ix.writer()
        for i in chunk:
            writer.add_document(**schema.to_document(*_filler(i)))
        writer.commit(merge=False)
    writer = ix.writer()
    writer.delete_by_term(schema.ARTICLE_ID, "filler-3")
    writer.commit(merge=False)
    if with_files:
        postings.write_missing(ix)
    return ix


def test_files_hold_exactly_whooshs_postings(tmp_path):
    ix = _multi_segment_index(tmp_path / "index")
    with ix.reader() as reader:
        leaves = reader.leaf_readers()
        assert len(leaves) >= 2
        multi_block = 0
        for leaf, _base in leaves:
            files = SegmentFiles.open(leaf)
            assert files is not None
            for field in scored_fields(ix.schema):
                assert files.covers(field)
                found = files.field(field)
                terms = [btext for btext, _info in leaf.iter_field(field)] \
                    if field in leaf.indexed_field_names() else []
                assert (found is None) == (not terms)
                if found is None:
                    continue
                assert found.terms.tolist() == terms
                for btext in terms:
                    docs, weights = read_leaf(raw_postings(leaf, field, btext))
                    got_docs, got_weights = found.postings(btext)
                    assert got_docs.tolist() == docs.tolist()
                    assert got_weights.tolist() == weights.tolist()
                    multi_block += len(docs) > 128
                assert found.postings(b"nosuchword") is None
                assert found.weights.dtype == np.uint16  # term counts: whole numbers
        assert multi_block > 0  # the test covers lists of several blocks


def test_search_answers_are_the_same_with_and_without_files(tmp_path):
    with_files = tmp_path / "with"
    _multi_segment_index(with_files).close()
    without = tmp_path / "without"
    shutil.copytree(with_files, without)
    shutil.rmtree(without / postings.FOLDER)
    queries = ["", "q=oil", "q=pr", "q=presid", "q=cocoa+prices", "q=%22cocoa+prices%22",
               "q=oil+-wheat", "q=moscow&person=Person+3", "q=gr&from=1987-03-01&to=1987-06-30",
               "place=Moscow", "q=token1", "q=oil&sort=newest&page=2", "q=prise~"]
    answers = []
    for folder in (with_files, without):
        with api_client(folder) as client:
            answers.append([client.get(f"/api/search?{q}").get_json() for q in queries])
    for q, a, b in zip(queries, *answers):
        a.pop("index_version", None), b.pop("index_version", None)
        assert a == b, q
    assert answers[0][1]["total"] > 100


def test_facet_arrays_are_the_same_with_and_without_files(tmp_path):
    ix = _multi_segment_index(tmp_path / "index")
    with ix.reader() as reader:
        from_files = {f: _read_field(reader, f) for f in KEYWORD_FIELDS}
        shutil.rmtree(tmp_path / "index" / postings.FOLDER)
        from_whoosh = {f: _read_field(reader, f) for f in KEYWORD_FIELDS}
    for field in KEYWORD_FIELDS:
        a, b = from_files[field], from_whoosh[field]
        assert a.values == b.values, field
        assert np.array_equal(a.doc_ids, b.doc_ids) and np.array_equal(a.value_ids, b.value_ids)


def test_a_segment_without_whole_files_is_read_through_whoosh(tmp_path):
    ix = _multi_segment_index(tmp_path / "index")
    root = tmp_path / "index" / postings.FOLDER
    with ix.reader() as reader:
        leaf = reader.leaf_readers()[0][0]
        folder = root / leaf.segment().segment_id()
        meta = json.loads((folder / "meta.json").read_text())
        (folder / "meta.json").write_text(json.dumps({**meta, "doc_count_all": 1}))
        assert SegmentFiles.open(leaf) is None  # files of another segment with its name
        (folder / "meta.json").write_text(json.dumps({**meta, "format": 1}))
        assert SegmentFiles.open(leaf) is None  # an older layout (float32 weights)
        assert postings.write_missing(ix).written == [leaf.segment().segment_id()]  # rewritten
        assert SegmentFiles.open(leaf) is not None
        (folder / "meta.json").write_text(json.dumps(meta))
        assert SegmentFiles.open(leaf) is not None
        data = folder / postings.DATA_FILE
        data.write_bytes(data.read_bytes()[:-100])
        assert SegmentFiles.open(leaf) is None  # data cut short
        (folder / "meta.json").unlink()
        assert SegmentFiles.open(leaf) is None  # a folder whose writing was cut short
        text = TextIndex(reader)
        assert not text.segments.has_files(schema.WORDS)
        docs, _weights = text.postings.get(schema.WORDS, b"oil")
        assert len(docs) > 100
    # The next write completes what is missing.
    stats = postings.write_missing(ix)
    assert stats.written == [leaf.segment().segment_id()] and stats.removed == []


def test_files_written_after_a_snapshot_are_used_by_it(tmp_path, monkeypatch):
    ix = _multi_segment_index(tmp_path / "index", with_files=False)
    with ix.reader() as reader:
        text = TextIndex(reader)
        assert not text.segments.has_files(schema.BODY)
        before = text.postings.get(schema.BODY, b"oil")[0].tolist()
        postings.write_missing(ix)
        clock = [1000.0]
        monkeypatch.setattr("searchapp.textpostings.time.monotonic", lambda: clock[0])
        text.segments._checked = clock[0]
        assert not text.segments.has_files(schema.BODY)  # looked for at most once a second
        clock[0] += 1.5
        assert text.segments.has_files(schema.BODY)
        assert text.postings.get(schema.BODY, b"cocoa")[0].size > 0
        text.postings._cache.clear()
        assert text.postings.get(schema.BODY, b"oil")[0].tolist() == before


def test_one_segment_reads_are_views_of_the_files_not_copies(tmp_path):
    ix = _multi_segment_index(tmp_path / "index")
    ix.writer().commit(optimize=True)  # one segment
    postings.write_missing(ix)
    with ix.reader() as reader:
        data = build_index_data(reader, 1)
        docs, weights = data.text.postings.get(schema.WORDS, b"oil")
        assert len(docs) > 100 and not docs.flags.writeable and not weights.flags.writeable
        assert data.text.nbytes() == sum(a.nbytes for a in data.text.postings._lengths.values())


def test_indexer_writes_files_for_new_segments_and_removes_merged_ones(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "a_seedlike.txt").write_text(SEED_TEXT, encoding="utf-8")
    stats = build_index([corpus], index_dir, extractor)
    root = index_dir / postings.FOLDER

    def folders():
        ix = whoosh_index.open_dir(str(index_dir))
        with ix.reader() as reader:
            ids = postings.segment_ids(reader)
        ix.close()
        return ids, sorted(p.name for p in root.iterdir())

    ids, found = folders()
    assert found == ids and len(ids) == 1 and stats.postings_seconds > 0
    (corpus / "b_other.txt").write_text(OTHER_TEXT, encoding="utf-8")
    build_index([corpus], index_dir, extractor)
    ids, found = folders()
    assert found == sorted(ids)
    build_index([corpus], index_dir, extractor, rebuild=True)  # one new segment, old ones gone
    ids, found = folders()
    assert found == ids and len(ids) == 1
    with api_client(index_dir) as client:
        answer = client.get("/api/search?q=moscow&person=Vladimir+Putin").get_json()
    assert [hit["id"] for hit in answer["hits"]] == ["a_seedlike"]


@pytest.mark.parametrize("field", [schema.BODY, schema.WORDS, schema.PEOPLE])
def test_vocabulary_is_the_same_with_and_without_files(tmp_path, field):
    ix = _multi_segment_index(tmp_path / "index")
    with ix.reader() as reader:
        from_files = TextIndex(reader).lexicon.vocabulary(field)
        shutil.rmtree(tmp_path / "index" / postings.FOLDER)
        from_whoosh = TextIndex(reader).lexicon.vocabulary(field)
    assert from_files[0] == from_whoosh[0] and len(from_files[0]) > 10
    assert from_files[1].tolist() == from_whoosh[1].tolist()


def test_toy_articles_are_all_there(tmp_path):
    ix = _multi_segment_index(tmp_path / "index")
    with ix.searcher() as searcher:
        ids = {f[schema.ARTICLE_ID] for f in searcher.all_stored_fields()}
    assert {a.article_id for a, _e in TOY_ARTICLES} <= ids and "filler-3" not in ids


def test_an_empty_index_has_no_files_and_still_answers(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    stats = build_index([corpus], index_dir, extractor)  # commits an index with no segment
    assert stats.total == 0
    assert list((index_dir / postings.FOLDER).iterdir()) == []
    with api_client(index_dir) as client:
        assert client.get("/api/search?q=oil").get_json()["total"] == 0


def test_a_snapshot_keeps_answering_after_its_segments_files_are_removed(tmp_path):
    ix = _multi_segment_index(tmp_path / "index")
    with ix.reader() as reader:
        text = TextIndex(reader)
        assert text.segments.has_files(schema.PEOPLE_TEXT)
        # A merge replaces the segments and the indexer removes their folders ...
        ix.writer().commit(optimize=True)
        written = postings.write_missing(ix)
        assert len(written.removed) == 3 and len(written.written) == 1
        # ... while this older snapshot still answers, with fields it never used before.
        docs, _weights = text.postings.get(schema.PEOPLE_TEXT, b"person")
        assert len(docs) == 400


def test_a_segments_files_hold_one_file_descriptor(tmp_path):
    ix = _multi_segment_index(tmp_path / "index")
    with ix.reader() as reader:
        leaf = reader.leaf_readers()[1][0]
        before = len(os.listdir("/proc/self/fd"))
        files = SegmentFiles.open(leaf)
        assert len(files.meta["files"]) >= 5  # four arrays each, all in one mapped file
        assert len(os.listdir("/proc/self/fd")) - before <= 1
