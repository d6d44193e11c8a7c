"""searchapp backup: a consistent copy of the index, taken while an indexing run commits, that serves the same answers."""
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from whoosh import index as whoosh_index

from searchapp import backup as backup_module
from searchapp import checksums, indexer, postings
from searchapp.backup import BackupError, backup_index
from searchapp.cache import CACHE_FILE
from searchapp.check import check_index
from searchapp.cli import cli
from searchapp.indexer import build_index
from tests.conftest import api_client
from tests.test_check import answers, build_index_like_the_indexer

CORPUS = Path(__file__).parent / "data" / "corpus"
CORPUS_QUERIES = ["", "q=merkel", "q=election+results", "q=vaccine&sort=oldest", "q=pr"]


def corpus_answers(index_dir: Path) -> list[dict]:
    with api_client(index_dir) as client:
        return [client.get(f"/api/search?{query}").get_json() for query in CORPUS_QUERIES]


@pytest.fixture()
def index_dir(tmp_path) -> Path:
    build_index_like_the_indexer(tmp_path / "index")
    return tmp_path / "index"


def test_a_backup_is_an_index_that_serves_the_same_answers(index_dir, tmp_path):
    (index_dir / CACHE_FILE).unlink(missing_ok=True)
    from searchapp.cache import ExtractionCache

    cache = ExtractionCache(index_dir)
    cache.put_many({"h1": "{}"}, "v1")
    cache.close()
    (index_dir / "indexing.lock").write_text("")
    stats = backup_index(index_dir, tmp_path / "copy")
    copy = tmp_path / "copy"
    assert stats.attempts == 1 and stats.left_out == [] and stats.segments >= 3
    assert check_index(copy).findings == []
    assert answers(copy) == answers(index_dir)
    assert not (copy / "indexing.lock").exists()
    assert sorted(p.name for p in (copy / postings.FOLDER).iterdir()) == \
        sorted(p.name for p in (index_dir / postings.FOLDER).iterdir())
    restored = ExtractionCache(copy)
    assert restored.get_many(["h1"], "v1") == {"h1": "{}"}
    restored.close()
    assert not list(tmp_path.glob(".copy.partial-*"))


def test_backup_refuses_an_existing_folder_or_one_inside_the_index(index_dir, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(BackupError, match="already exists"):
        backup_index(index_dir, tmp_path / "full")
    with pytest.raises(BackupError, match="inside the index folder"):
        backup_index(index_dir, index_dir / "backup")
    (tmp_path / "empty").mkdir()
    assert backup_index(index_dir, tmp_path / "empty").segments >= 3


def test_a_commit_that_merges_mid_copy_makes_the_backup_start_over(index_dir, tmp_path, monkeypatch):
    copy_file = backup_module._copy_file
    calls = []

    def copy_then_commit(source, target):
        calls.append(source.name)
        if len(calls) == 1:
            # Another writer merges every segment into one: Whoosh deletes the old segments' files.
            ix = whoosh_index.open_dir(str(index_dir))
            ix.optimize()
            checksums.write_missing(ix)
            postings.write_missing(ix)
            ix.close()
        return copy_file(source, target)

    monkeypatch.setattr(backup_module, "_copy_file", copy_then_commit)
    stats = backup_index(index_dir, tmp_path / "copy")
    assert stats.attempts == 2 and stats.segments == 1
    assert check_index(tmp_path / "copy").findings == []
    assert answers(tmp_path / "copy") == answers(index_dir)


def test_a_damaged_index_is_not_backed_up(index_dir, tmp_path):
    victim = max(index_dir.glob("MAIN_*.pst"), key=lambda path: path.stat().st_size)
    data = bytearray(victim.read_bytes())
    data[100] ^= 0xFF
    victim.write_bytes(bytes(data))
    with pytest.raises(BackupError, match=f"{victim} differs from what was committed"):
        backup_index(index_dir, tmp_path / "copy")
    assert not (tmp_path / "copy").exists()


def test_backup_during_an_indexing_run_restores_to_the_same_answers(tmp_path, extractor,  # noqa: F811
                                                                    monkeypatch):
    monkeypatch.setattr(indexer, "CHUNK_SIZE", 2)
    monkeypatch.setattr(indexer, "READ_AHEAD", 0)
    monkeypatch.setattr(indexer, "COMMIT_EVERY", 2)
    index_dir = tmp_path / "index"
    taken = {}

    def progress(p):
        # Halfway: the run holds the lock, has committed twice or more and has a writer open.
        if p.files_done == 9 and not taken:
            taken["answers"] = corpus_answers(index_dir)
            taken["stats"] = backup_index(index_dir, tmp_path / "mid")

    stats = build_index([CORPUS], index_dir, extractor, progress=progress)
    assert stats.total == 15
    mid = taken["stats"]
    assert 0 < taken["answers"][0]["total"] < 15 and mid.generation >= 2
    restored = tmp_path / "restored"
    shutil.copytree(tmp_path / "mid", restored)
    assert check_index(restored).findings == []
    assert corpus_answers(restored) == taken["answers"]
    # Restoring is copying back: an incremental run on the restored index finishes the job.
    again = build_index([CORPUS], restored, extractor)
    assert again.total == 15
    assert without_version(corpus_answers(restored)) == without_version(corpus_answers(index_dir))


def without_version(found: list[dict]) -> list[dict]:
    return [{key: value for key, value in answer.items() if key != "index_version"} for answer in found]


def test_backups_in_a_thread_while_the_indexer_commits_are_each_whole(tmp_path, extractor,  # noqa: F811
                                                                    monkeypatch):
    monkeypatch.setattr(indexer, "CHUNK_SIZE", 2)
    monkeypatch.setattr(indexer, "READ_AHEAD", 0)
    monkeypatch.setattr(indexer, "COMMIT_EVERY", 2)
    index_dir = tmp_path / "index"
    build_index([CORPUS / "001_merkel_macron_vaccines.txt"], index_dir, extractor)
    done = threading.Event()
    copies: list[Path] = []
    errors: list[BaseException] = []

    def keep_backing_up():
        while not done.is_set() and len(copies) < 40:
            dest = tmp_path / f"copy-{len(copies)}"
            try:
                backup_index(index_dir, dest)
            except BackupError as error:  # only "commits kept landing" is acceptable
                if "commits kept landing" not in str(error):
                    errors.append(error)
                continue
            copies.append(dest)

    thread = threading.Thread(target=keep_backing_up)
    thread.start()
    try:
        build_index([CORPUS], index_dir, extractor)
    finally:
        done.set()
        thread.join()
    assert errors == [] and copies
    for copy in copies:
        report = check_index(copy)
        assert not report.damaged, [f.message() for f in report.findings]
        assert 1 <= report.articles <= 15


def test_cli_backup_and_check(index_dir, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["backup", str(tmp_path / "copy"), "--index-dir", str(index_dir)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("backed up generation ") and str(tmp_path / "copy") in result.output
    again = runner.invoke(cli, ["backup", str(tmp_path / "copy"), "--index-dir", str(index_dir)])
    assert again.exit_code == 1 and "already exists" in again.output
    checked = runner.invoke(cli, ["check", "--index-dir", str(tmp_path / "copy")])
    assert checked.exit_code == 0 and checked.output.rstrip().endswith("no damage")
    missing = runner.invoke(cli, ["backup", str(tmp_path / "x"), "--index-dir", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "no index in" in missing.output



def test_temporary_files_are_not_backed_up(index_dir, tmp_path):
    """A writer's temporary file ("MAIN.tmp" while Whoosh writes a segment) is no part of a commit:
    copied, it could vanish mid-copy and fail the backup."""
    (index_dir / "MAIN.tmp").write_bytes(b"half a segment")
    backup_index(index_dir, tmp_path / "copy")
    assert (tmp_path / "copy").is_dir() and not (tmp_path / "copy" / "MAIN.tmp").exists()
