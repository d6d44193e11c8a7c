"""build_index over real files with the real NER: incremental counts, content, failures, locking."""
import shutil
import threading
from pathlib import Path

import filelock
import pytest
from whoosh import index as whoosh_index

from searchapp import schema
from searchapp.articles import text_hash
from searchapp.cache import ExtractionCache
from searchapp.corpus import read_file
from searchapp.indexer import LOCK_FILE, IndexBusy, build_index

SEED_TEXT = """ date 2023-02-22 22.02.2023

Wang Yi met Russian President Vladimir Putin in Moscow on Wednesday (February 22). Putin praised the ties between Russia and China.

Wang Yi also met Foreign Minister Sergey Lavrov, the ministry said.

(AFP, Reuters)
"""

OTHER_TEXT = """ date 2023-03-01 01.03.2023

Chinese President Xi Jinping will travel to Moscow next month, Wang Yi told reporters in Beijing.

(AP)
"""


def stored_docs(index_dir: Path) -> dict[str, dict]:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        docs = {fields[schema.ARTICLE_ID]: fields for fields in searcher.all_stored_fields()}
    ix.close()
    return docs


def counts(stats):
    return (stats.added, stats.updated, stats.unchanged, stats.removed)


def test_incremental_add_change_delete(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "a_seedlike.txt").write_text(SEED_TEXT, encoding="utf-8")
    first = build_index([corpus], index_dir, extractor)
    assert counts(first) == (1, 0, 0, 0) and first.total == 1 and first.analysed == 1
    doc = stored_docs(index_dir)["a_seedlike"]
    assert "Vladimir Putin" in schema.split_values(doc[schema.PEOPLE])
    assert doc[schema.PUBLISHED] == "2023-02-22"
    assert schema.split_values(doc[schema.SOURCES]) == ("AFP", "Reuters")

    # Nothing changed: nothing is re-read or re-analysed.
    again = build_index([corpus], index_dir, extractor)
    assert counts(again) == (0, 0, 1, 0) and again.analysed == 0

    # Add one file, change another.
    (corpus / "b_other.txt").write_text(OTHER_TEXT, encoding="utf-8")
    assert "Wednesday" in SEED_TEXT
    (corpus / "a_seedlike.txt").write_text(SEED_TEXT.replace("Wednesday", "Thursday") + "\nA new line.\n",
                                           encoding="utf-8")
    third = build_index([corpus], index_dir, extractor)
    assert counts(third) == (1, 1, 0, 0) and third.total == 2
    body = stored_docs(index_dir)["a_seedlike"][schema.BODY]
    assert "A new line." in body
    assert "Thursday" in body and "Wednesday" not in body

    # Delete a file: its article goes.
    (corpus / "b_other.txt").unlink()
    fourth = build_index([corpus], index_dir, extractor)
    assert counts(fourth) == (0, 0, 1, 1) and set(stored_docs(index_dir)) == {"a_seedlike"}


def test_touched_file_with_same_content_is_unchanged_and_not_reanalysed(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    path = corpus / "a.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    build_index([corpus], index_dir, extractor)
    path.write_text(SEED_TEXT, encoding="utf-8")  # new mtime, same content
    stats = build_index([corpus], index_dir, extractor)
    assert counts(stats) == (0, 0, 1, 0) and stats.analysed == 0


def test_moving_the_folder_keeps_ids_and_removes_nothing(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    build_index([corpus], index_dir, extractor)
    moved = tmp_path / "moved"
    shutil.move(str(corpus), str(moved))
    stats = build_index([moved], index_dir, extractor)
    assert stats.removed == 0 and stats.total == 1
    assert stored_docs(index_dir)["a"][schema.ORIGIN] == str((moved / "a.txt").resolve())


def test_bad_files_are_reported_and_indexed_articles_survive(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "good.txt").write_text(SEED_TEXT, encoding="utf-8")
    (corpus / "other.txt").write_text(OTHER_TEXT, encoding="utf-8")
    build_index([corpus], index_dir, extractor)
    (corpus / "other.txt").write_bytes(b"\x00\x01\x02binary\xff" * 50)  # now broken
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "picture.png").write_bytes(b"\x89PNG\r\n")
    stats = build_index([corpus], index_dir, extractor)
    failed = {Path(p.path).name for p in stats.failed}
    assert failed == {"other.txt", "empty.txt"}
    assert all(p.reason for p in stats.failed)
    assert [Path(p).name for p in stats.skipped] == ["picture.png"]
    assert set(stored_docs(index_dir)) == {"good", "other"}  # nothing indexed was lost


def test_duplicate_id_in_another_file_is_reported_not_merged(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    (corpus / "x").mkdir(parents=True)
    (corpus / "y").mkdir()
    (corpus / "x" / "same.txt").write_text(SEED_TEXT, encoding="utf-8")
    (corpus / "y" / "same.txt").write_text(OTHER_TEXT, encoding="utf-8")
    stats = build_index([corpus], index_dir, extractor)
    assert stats.total == 1 and len(stats.failed) == 1
    assert "already used" in stats.failed[0].reason


def test_rebuild_starts_over_but_keeps_the_ner_cache(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    build_index([corpus], index_dir, extractor)
    stats = build_index([corpus], index_dir, extractor, rebuild=True)
    assert (stats.added, stats.total, stats.analysed) == (1, 1, 0)
    cache = ExtractionCache(index_dir)
    assert len(cache.get_many([text_hash(a.text) for a in read_file(corpus / "a.txt").articles],
                              extractor.version)) == 1
    cache.close()


def test_rebuild_drops_articles_whose_files_are_gone(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text(OTHER_TEXT, encoding="utf-8")
    build_index([corpus], index_dir, extractor)
    (corpus / "b.txt").unlink()
    stats = build_index([corpus], index_dir, extractor, rebuild=True)
    assert (stats.added, stats.removed, stats.total) == (1, 1, 1)


def test_a_second_run_waits_or_exits_while_one_holds_the_lock(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    index_dir.mkdir()
    (corpus / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    lock = filelock.FileLock(str(index_dir / LOCK_FILE))
    lock.acquire()
    try:
        with pytest.raises(IndexBusy):
            build_index([corpus], index_dir, extractor, wait=False)
        waited = threading.Event()
        result = {}

        def run():
            result["stats"] = build_index([corpus], index_dir, extractor, on_wait=waited.set)

        thread = threading.Thread(target=run)
        thread.start()
        assert waited.wait(10)
        assert "stats" not in result
    finally:
        lock.release()
    thread.join(60)
    assert result["stats"].total == 1


def test_a_segment_whose_articles_are_all_removed_is_dropped(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "a_seedlike.txt").write_text(SEED_TEXT, encoding="utf-8")
    build_index([corpus], index_dir, extractor)
    (corpus / "b_other.txt").write_text(OTHER_TEXT, encoding="utf-8")
    build_index([corpus], index_dir, extractor)  # a second segment, holding b_other only
    (corpus / "b_other.txt").unlink()
    stats = build_index([corpus], index_dir, extractor)
    assert stats.removed == 1
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        # Kept, the emptied segment would still count its deleted article here.
        assert reader.doc_count_all() == reader.doc_count() == 1
    ix.close()


@pytest.mark.parametrize("step", ["prepare_text", "mentions_from_doc"])
def test_a_text_extraction_fails_on_is_reported_indexed_without_names_and_retried(
        tmp_path, extractor, monkeypatch, step):
    from searchapp.entities import ner
    real = getattr(ner, step)

    def failing(first, *args, **kwargs):  # a bug in the rules that only this text meets
        text = first if isinstance(first, str) else first.text
        if "Xi Jinping" in text:
            raise IndexError("list index out of range")
        return real(first, *args, **kwargs)

    monkeypatch.setattr(ner, step, failing)
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "good.txt").write_text(SEED_TEXT, encoding="utf-8")
    (corpus / "other.txt").write_text(OTHER_TEXT, encoding="utf-8")
    stats = build_index([corpus], index_dir, extractor)
    assert (stats.added, stats.total) == (2, 2)  # the run went on past the bad text
    [problem] = stats.failed
    assert Path(problem.path).name == "other.txt"
    assert "names not extracted (IndexError: list index out of range (test_indexer.py:" in problem.reason
    docs = stored_docs(index_dir)
    assert not schema.split_values(docs["other"].get(schema.PEOPLE))
    assert "Vladimir Putin" in schema.split_values(docs["good"][schema.PEOPLE])
    # Not cached as "no names": once the rules are mended, the next run gives the article its names.
    monkeypatch.setattr(ner, step, real)
    stats = build_index([corpus], index_dir, extractor)
    assert stats.failed == []
    assert "Xi Jinping" in schema.split_values(stored_docs(index_dir)["other"][schema.PEOPLE])
