"""searchapp check names damage precisely; the server refuses a damaged index with the same message or keeps answering right."""
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from whoosh import index as whoosh_index

from searchapp import checksums, create_app, postings, schema
from searchapp.check import IndexDamaged, check_index, quick_check
from searchapp.cli import cli
from searchapp.postings import SegmentFiles
from searchapp.store import IndexMissing
from tests.conftest import TOY_ARTICLES, api_client
from tests.test_postings import _filler

QUERIES = ["", "q=cocoa", "q=oil+prices", "q=moscow&sort=oldest", "q=pr", "person=Person+3",
           "q=wheat&page=2"]


def build_index_like_the_indexer(index_dir: Path) -> None:
    """The toy articles and 400 fillers in three segments of separate files (compound=False, as
    the indexer writes them), one article deleted; then postings files and checksums."""
    index_dir.mkdir(parents=True)
    ix = whoosh_index.create_in(str(index_dir), schema.build_schema())
    for chunk in (TOY_ARTICLES, [_filler(i) for i in range(250)], [_filler(i) for i in range(250, 400)]):
        writer = ix.writer(compound=False)
        for article, entities in chunk:
            writer.add_document(**schema.to_document(article, entities))
        writer.commit(merge=False)
    writer = ix.writer(compound=False)
    writer.delete_by_term(schema.ARTICLE_ID, "filler-3")
    writer.commit(merge=False)
    checksums.write_missing(ix)
    postings.write_missing(ix)
    ix.close()


def answers(index_dir: Path) -> list[dict]:
    """The API's answers to QUERIES."""
    with api_client(index_dir) as client:
        return [client.get(f"/api/search?{query}").get_json() for query in QUERIES]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """An index of several segments with its postings files and checksums, as the indexer leaves it."""
    index_dir = tmp_path_factory.mktemp("pristine") / "index"
    build_index_like_the_indexer(index_dir)
    return index_dir


@pytest.fixture()
def index_dir(pristine, tmp_path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(pristine, copy)
    return copy


def largest(index_dir: Path, suffix: str) -> Path:
    return max(index_dir.glob(f"MAIN_*{suffix}"), key=lambda path: path.stat().st_size)


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset:offset + 4] = bytes(b ^ 0xFF for b in data[offset:offset + 4])
    path.write_bytes(bytes(data))


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_an_undamaged_index_checks_clean(index_dir):
    report = check_index(index_dir)
    assert report.findings == []
    assert report.articles == 404 and report.segments >= 3 and not report.damaged
    result = run("check", "--index-dir", str(index_dir))
    assert result.exit_code == 0
    assert f"404 articles, {report.files} files checked in " in result.output
    assert result.output.rstrip().endswith(": no damage")


def test_a_truncated_segment_file_is_named_and_the_server_refuses_with_the_same_message(index_dir):
    victim = largest(index_dir, ".pst")
    size = victim.stat().st_size
    with open(victim, "r+b") as stream:
        stream.truncate(size // 2)
    [finding] = check_index(index_dir).findings
    assert finding.fatal and finding.path == str(victim)
    assert finding.problem == f"{size // 2} bytes where {size} were written (truncated)"
    assert f"searchapp index PATH --rebuild --index-dir {index_dir}" in finding.fix
    result = run("check", "--index-dir", str(index_dir))
    assert result.exit_code == 1 and finding.message() in result.output
    with pytest.raises(IndexDamaged) as refused:
        create_app({"INDEX_DIR": str(index_dir), "TESTING": True})
    assert str(refused.value) == finding.message()
    served = run("serve", "--index-dir", str(index_dir), "--port", "1")
    # (serve first says, on stderr, when sign-in is off; its last line is the refusal)
    assert served.exit_code == 1 and served.output.splitlines()[-1] == f"Error: {finding.message()}"


def test_a_deleted_toc_is_named_and_the_server_refuses_with_the_same_message(index_dir):
    [toc] = index_dir.glob("_MAIN_*.toc")
    toc.unlink()
    [finding] = check_index(index_dir).findings
    assert finding.fatal and finding.path == str(index_dir / "_MAIN_<generation>.toc")
    assert finding.problem.startswith("the table of contents is missing: ")
    with pytest.raises(IndexDamaged) as refused:
        create_app({"INDEX_DIR": str(index_dir), "TESTING": True})
    assert str(refused.value) == finding.message()
    stats = run("stats", "--index-dir", str(index_dir))
    assert stats.exit_code == 1 and finding.message() in stats.output


def test_flipped_bytes_in_a_postings_file_fall_back_to_whoosh_with_the_same_answers(index_dir, pristine):
    expected = answers(pristine)
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        leaf = max((leaf for leaf, _base in reader.leaf_readers()), key=lambda l: l.doc_count_all())
        segid = postings.segment_id(leaf)
        data = index_dir / postings.FOLDER / segid / postings.DATA_FILE
        assert SegmentFiles.open(leaf) is not None
        flip(data, data.stat().st_size // 2)
        assert SegmentFiles.open(leaf) is None  # found out: this segment is read through Whoosh
    ix.close()
    [finding] = check_index(index_dir).findings
    assert not finding.fatal and finding.path == str(data.parent)
    assert finding.problem == "postings.bin: its bytes differ from those written (CRC-32)"
    assert "searchapp check --repair" in finding.fix
    quick_check(index_dir)  # the server starts
    assert answers(index_dir) == expected
    result = run("check", "--index-dir", str(index_dir))
    assert result.exit_code == 0 and finding.message() in result.output
    repaired = run("check", "--index-dir", str(index_dir), "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert f"wrote the postings files of segment {segid}" in repaired.output
    assert check_index(index_dir).findings == [] and answers(index_dir) == expected


def test_a_changed_offset_in_postings_meta_is_found(index_dir):
    [meta_path, *_] = sorted((index_dir / postings.FOLDER).glob("*/meta.json"))
    meta = json.loads(meta_path.read_text())
    spec = next(iter(meta["arrays"].values()))
    spec["offset"] += 16
    meta_path.write_text(json.dumps(meta))
    [finding] = check_index(index_dir).findings
    assert finding.problem == "meta.json: its content differs from what was written (CRC-32)"


def test_flipped_bytes_in_a_segment_file_are_named_by_check(index_dir):
    victim = largest(index_dir, ".trm")
    flip(victim, victim.stat().st_size // 3)
    [finding] = check_index(index_dir).findings
    assert finding.fatal and finding.path == str(victim)
    assert finding.problem.startswith("its bytes differ from those written (CRC-32 ")


def test_a_missing_segment_file_is_named(index_dir):
    victim = largest(index_dir, "._stored.col")
    victim.unlink()
    [finding] = check_index(index_dir).findings
    assert finding.fatal and finding.path == str(victim) and finding.problem.startswith("missing")
    with pytest.raises(IndexDamaged):
        quick_check(index_dir)


def test_an_index_without_checksums_is_read_whole_and_repair_records_them(index_dir):
    shutil.rmtree(index_dir / checksums.FOLDER)
    report = check_index(index_dir)
    assert [f.problem for f in report.findings] == [
        "no checksums recorded for this segment (written before they were): read whole "
        "through Whoosh instead"] * report.segments
    assert not report.damaged
    assert run("check", "--index-dir", str(index_dir), "--repair").exit_code == 0
    assert check_index(index_dir).findings == []


def test_a_damaged_extraction_cache_is_a_warning(index_dir):
    (index_dir / "extraction-cache.sqlite3").write_bytes(b"SQLite format 3\0" + b"\x07" * 2000)
    [finding] = check_index(index_dir).findings
    assert not finding.fatal and finding.path.endswith("extraction-cache.sqlite3")
    assert "next `searchapp index` analyses the texts again" in finding.fix


def test_no_index_at_all_is_not_damage(tmp_path):
    with pytest.raises(IndexMissing) as missing:
        check_index(tmp_path)
    assert not isinstance(missing.value, IndexDamaged)
    assert "run `searchapp index PATH" in str(missing.value)
    result = run("check", "--index-dir", str(tmp_path))
    assert result.exit_code == 1 and "no index in" in result.output


def test_sqlite_connection_is_closed_and_file_untouched(index_dir):
    cache = index_dir / "extraction-cache.sqlite3"
    with sqlite3.connect(cache) as db:
        db.execute("CREATE TABLE t (x)")
    db.close()
    before = cache.read_bytes()
    assert check_index(index_dir).findings == []
    assert cache.read_bytes() == before
