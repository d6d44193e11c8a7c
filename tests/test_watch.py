"""`searchapp index --watch`: settling, new/changed/removed/moved files, growing files, file selection, clean stops."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import filelock
import pytest
from whoosh import index as whoosh_index

from searchapp import schema
from searchapp.corpus import FileRules
from searchapp.indexer import LOCK_FILE
from searchapp.watch import Changes, watch

ARTICLE = """title: {title}
date 2023-03-0{day}

{body}
"""


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# --- Changes: when a path counts as settled -------------------------------------------------

def test_a_file_is_taken_only_after_its_size_stayed_the_same_for_settle_seconds(tmp_path):
    clock = Clock()
    changes = Changes(settle=1.0, closed_settle=0.2, clock=clock)
    path = tmp_path / "a.txt"
    path.write_text("first part")
    changes.touch(path)
    assert changes.take_ready() == ([], False)
    clock.now += 0.6
    with path.open("a") as out:  # still growing: the clock starts again
        out.write(" and more")
    assert changes.take_ready() == ([], False)
    clock.now += 0.6
    assert changes.take_ready() == ([], False)  # 0.6 s since the size changed
    clock.now += 0.5
    assert changes.take_ready() == ([path], False)
    assert changes.take_ready() == ([], False)  # taken once


def test_a_closed_or_renamed_file_is_taken_sooner(tmp_path):
    clock = Clock()
    changes = Changes(settle=1.0, closed_settle=0.2, clock=clock)
    path = tmp_path / "a.txt"
    path.write_text("done")
    changes.touch(path)
    changes.touch(path, closed=True)
    assert changes.take_ready() == ([], False)
    clock.now += 0.25
    assert changes.take_ready() == ([path], False)


def test_a_write_after_close_waits_for_the_full_settle_time(tmp_path):
    clock = Clock()
    changes = Changes(settle=1.0, closed_settle=0.2, clock=clock)
    path = tmp_path / "a.txt"
    path.write_text("one")
    changes.touch(path, closed=True)
    changes.take_ready()
    path.write_text("one and two")  # reopened and written: the close no longer counts
    clock.now += 0.3
    assert changes.take_ready() == ([], False)
    clock.now += 1.0
    assert changes.take_ready() == ([path], False)


def test_a_removal_waits_for_a_file_moved_at_the_same_time(tmp_path):
    clock = Clock()
    changes = Changes(settle=1.0, closed_settle=0.2, clock=clock)
    dest = tmp_path / "b.txt"
    dest.write_text("moved")
    changes.remove(tmp_path / "a.txt")
    changes.touch(dest, closed=True)
    assert changes.take_ready() == ([], False)
    clock.now += 0.2
    assert changes.take_ready() == ([dest], True)  # one batch: the article keeps its id
    assert changes.take_ready() == ([], False)


def test_a_file_gone_before_it_settled_is_dropped_and_batches_are_capped(tmp_path):
    clock = Clock()
    changes = Changes(settle=1.0, clock=clock)
    paths = [tmp_path / f"{n}.txt" for n in range(5)]
    for path in paths:
        path.write_text("x")
        changes.touch(path)
    paths[0].unlink()
    clock.now += 2
    first, _ = changes.take_ready(limit=3)
    second, _ = changes.take_ready(limit=3)
    assert len(first) == 3 and len(second) == 1
    assert sorted(first + second) == paths[1:]


# --- watch() over real files, the real indexer and NER --------------------------------------

def stored(index_dir: Path) -> dict[str, dict]:
    # The watcher may commit while this opens the index: Whoosh then finds the table of contents
    # it just listed removed (a newer one replaced it), or, after a merge, a segment's stored
    # column gone before its first read (whoosh3 then subscripts None: TypeError). Opening again
    # reads the newer version. (The app's snapshots open those files up front: store.pin_files.)
    for attempt in range(20):
        try:
            ix = whoosh_index.open_dir(str(index_dir))
            with ix.searcher() as searcher:
                docs = {f[schema.ARTICLE_ID]: f for f in searcher.all_stored_fields()}
            ix.close()
            return docs
        except (FileNotFoundError, TypeError):
            if attempt == 19:
                raise
            time.sleep(0.05)


def wait_until(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"not true within {timeout} s")


class Watching:
    """watch() in a thread, with its batches recorded."""

    def __init__(self, paths, index_dir: Path, extractor, settle: float = 0.5,
                 rules: FileRules | None = None) -> None:
        self.index_dir = index_dir
        self.stop = threading.Event()
        self.batches = []
        self.first = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(paths, extractor, settle, rules))
        self.thread.start()
        assert self.first.wait(120), "the first pass did not finish"

    def _run(self, paths, extractor, settle, rules) -> None:
        try:
            watch(paths, self.index_dir, extractor, stop=self.stop, settle=settle, rules=rules,
                  on_first_pass=lambda _stats: self.first.set(), on_batch=self.batches.append)
        except BaseException as exc:  # handed to the test thread
            self.error = exc
            self.first.set()

    def docs(self) -> dict[str, dict]:
        return stored(self.index_dir)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(60)
        assert not self.thread.is_alive()
        if self.error:
            raise self.error


def write_article(path: Path, title: str, body: str, day: int = 1) -> None:
    path.write_text(ARTICLE.format(title=title, body=body, day=day), encoding="utf-8")


def test_new_changed_removed_and_moved_files_reach_the_index(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    (corpus / "day1").mkdir(parents=True)
    write_article(corpus / "day1" / "cocoa.txt", "Cocoa rains", "Rain fell in Bahia, Brazil.")
    w = Watching([corpus], index_dir, extractor)
    try:
        assert set(w.docs()) == {"cocoa"}

        write_article(corpus / "day1" / "oil.txt", "Oil output", "Saudi Arabia raised oil output.")
        wait_until(lambda: "oil" in w.docs())

        write_article(corpus / "day1" / "oil.txt", "Oil output", "Saudi Arabia cut oil output.", 2)
        wait_until(lambda: "cut oil" in w.docs()["oil"][schema.BODY])

        before = w.docs()["cocoa"]
        (corpus / "day2").mkdir()
        os.rename(corpus / "day1" / "cocoa.txt", corpus / "day2" / "cocoa.txt")
        moved = wait_until(lambda: w.docs()["cocoa"][schema.ORIGIN].endswith("day2/cocoa.txt")
                           and w.docs())
        assert set(moved) == {"cocoa", "oil"}
        assert moved["cocoa"][schema.CONTENT_HASH] == before[schema.CONTENT_HASH]
        # The move was one batch: never a moment without the article.
        assert all(b.stats.removed == 0 for b in w.batches)

        (corpus / "day1" / "oil.txt").unlink()
        wait_until(lambda: set(w.docs()) == {"cocoa"})

        # Hidden and unsupported files are not even looked at.
        (corpus / ".draft.txt").write_text("title: Draft\n\nNot yet.\n")
        (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
        write_article(corpus / "day2" / "gold.txt", "Gold", "Gold rose in London.")
        wait_until(lambda: "gold" in w.docs())
        assert set(w.docs()) == {"cocoa", "gold"}
        taken = {p.name for b in w.batches for p in b.files}
        assert ".draft.txt" not in taken and "notes.docx" not in taken
    finally:
        w.close()


def test_a_folder_moved_in_and_out_is_indexed_and_removed(tmp_path, extractor):
    corpus, index_dir, outside = tmp_path / "corpus", tmp_path / "index", tmp_path / "outside"
    corpus.mkdir()
    (outside / "batch").mkdir(parents=True)
    write_article(outside / "batch" / "wheat.txt", "Wheat", "Wheat exports from Canada rose.")
    write_article(outside / "batch" / "corn.txt", "Corn", "Corn prices in Chicago fell.")
    w = Watching([corpus], index_dir, extractor)
    try:
        os.rename(outside / "batch", corpus / "batch")
        wait_until(lambda: set(w.docs()) == {"wheat", "corn"})
        os.rename(corpus / "batch", outside / "batch")
        wait_until(lambda: w.docs() == {})
    finally:
        w.close()


def test_the_watch_takes_what_include_and_exclude_select_as_the_first_pass_does(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    (corpus / "drafts").mkdir(parents=True)
    write_article(corpus / "kept.txt", "Kept", "Cocoa from Ghana.")
    write_article(corpus / "old.bak.txt", "Old", "A backup copy from Accra.")
    rules = FileRules(include=("*.txt", "README*"), exclude=("*.bak.txt", "drafts/"))
    w = Watching([corpus], index_dir, extractor, rules=rules)
    try:
        assert set(w.docs()) == {"kept"}
        # Left out as the first pass leaves them out: --exclude (a file, a folder's file),
        # no --include matches, a .searchappignore's pattern.
        write_article(corpus / "new.bak.txt", "Backup", "A backup copy from Lagos.")
        write_article(corpus / "drafts" / "draft.txt", "Draft", "A draft from Nairobi.")
        (corpus / "notes.jsonl").write_text(json.dumps({"id": "note", "title": "Note",
                                                        "text": "A note from Dakar."}) + "\n")
        (corpus / "sub").mkdir()
        (corpus / "sub" / ".searchappignore").write_text("private*\n")
        write_article(corpus / "sub" / "private.txt", "Private", "Private words from Cairo.")
        # Taken: an --include match, and a README that --include takes back from the default skips.
        write_article(corpus / "fresh.txt", "Fresh", "Gold rose in Johannesburg.")
        write_article(corpus / "README.txt", "Readme", "About this archive of Kampala news.")
        wait_until(lambda: {"fresh", "README"} <= set(w.docs()))
        write_article(corpus / "sub" / "last.txt", "Last", "The last one, from Tunis.")
        wait_until(lambda: "last" in w.docs())
        assert set(w.docs()) == {"kept", "fresh", "README", "last"}
        taken = {p.name for b in w.batches for p in b.files}
        assert taken.isdisjoint({"new.bak.txt", "draft.txt", "notes.jsonl", "private.txt",
                                 ".searchappignore"}), taken
    finally:
        w.close()


def test_a_folder_moved_in_is_selected_by_paths_relative_to_the_watched_folder(tmp_path, extractor):
    corpus, index_dir, outside = tmp_path / "corpus", tmp_path / "index", tmp_path / "outside"
    corpus.mkdir()
    (outside / "batch").mkdir(parents=True)
    write_article(outside / "batch" / "wheat.txt", "Wheat", "Wheat exports from Canada rose.")
    write_article(outside / "batch" / "corn.txt", "Corn", "Corn prices in Chicago fell.")
    # Anchored at the watched folder, as in the first pass: only corpus/batch/corn.txt matches.
    w = Watching([corpus], index_dir, extractor, rules=FileRules(exclude=("/batch/corn.txt",)))
    try:
        os.rename(outside / "batch", corpus / "batch")
        wait_until(lambda: set(w.docs()) == {"wheat"})
        batch = wait_until(lambda: w.batches and w.batches[0])  # recorded after its commit
        assert batch.stats.added == 1 and batch.stats.total == 1
    finally:
        w.close()


def test_a_growing_file_is_taken_once_it_has_settled(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    w = Watching([corpus], index_dir, extractor, settle=0.8)
    try:
        with open(corpus / "slow.jsonl", "w", encoding="utf-8") as out:
            for n in range(6):  # a slow writer: one record every 0.3 s, file kept open
                out.write(json.dumps({"id": f"slow-{n}", "title": f"Part {n}",
                                      "text": f"Report number {n} from Tokyo."}) + "\n")
                out.flush()
                time.sleep(0.3)
            assert w.batches == [], "taken while it was still growing"
        wait_until(lambda: w.batches)
        assert len(w.docs()) == 6
        assert len(w.batches) == 1 and w.batches[0].stats.added == 6
    finally:
        w.close()


def test_a_single_file_can_be_watched(tmp_path, extractor):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    watched = corpus / "feed.jsonl"
    watched.write_text(json.dumps({"id": "f1", "title": "One", "text": "One from Paris."}) + "\n")
    w = Watching([watched], index_dir, extractor)
    try:
        write_article(corpus / "other.txt", "Other", "Not watched.")
        with watched.open("a") as out:
            out.write(json.dumps({"id": "f2", "title": "Two", "text": "Two from Rome."}) + "\n")
        wait_until(lambda: set(w.docs()) == {"f1", "f2"})
        assert all(p == watched for b in w.batches for p in b.files)
    finally:
        w.close()


def test_the_state_kept_between_runs_matches_the_index(tmp_path, extractor):
    from searchapp.inventory import read_stored as _read_stored
    from searchapp.indexer import RunState, build_index

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    state = RunState()
    write_article(corpus / "a.txt", "A", "Rain in Lima.")
    write_jsonl(corpus / "b.jsonl", "b", 3)
    build_index([corpus], index_dir, extractor, state=state)
    write_article(corpus / "a.txt", "A", "Rain in Lima, again.")  # changed
    (corpus / "sub").mkdir()
    os.rename(corpus / "b.jsonl", corpus / "sub" / "b.jsonl")  # moved
    write_article(corpus / "c.txt", "C", "Snow in Oslo.")  # new
    stats = build_index([corpus / "a.txt", corpus / "sub" / "b.jsonl", corpus / "c.txt"],
                        index_dir, extractor, state=state)
    assert (stats.added, stats.updated, stats.removed) == (1, 1, 0)
    (corpus / "c.txt").unlink()  # removed: a run with no path at all deletes it
    stats = build_index([], index_dir, extractor, state=state)
    assert stats.removed == 1 and stats.total == 4
    ix = whoosh_index.open_dir(str(index_dir))
    assert state.generation == ix.latest_generation()
    assert state.stored == _read_stored(ix)
    assert_memory_matches(ix, state)
    ix.close()
    # Another writer moved the index on: the state no longer applies and is read again.
    write_article(corpus / "d.txt", "D", "Sun in Rome.")
    build_index([corpus], index_dir, extractor)
    write_article(corpus / "e.txt", "E", "Fog in Bern.")
    stats = build_index([corpus / "e.txt"], index_dir, extractor, state=state)
    assert stats.added == 1 and stats.total == 6 and not stats.resolved_incrementally
    ix = whoosh_index.open_dir(str(index_dir))
    assert state.stored == _read_stored(ix)
    assert_memory_matches(ix, state)
    ix.close()
    write_article(corpus / "f.txt", "F", "Hail in Oslo.")
    stats = build_index([corpus / "f.txt"], index_dir, extractor, state=state)
    assert stats.added == 1 and stats.resolved_incrementally


def assert_memory_matches(ix, state) -> None:
    """The resolution's memory knows exactly the stored articles, with what is stored for each."""
    from searchapp import schema

    with ix.searcher() as searcher:
        fields = {f[schema.ARTICLE_ID]: f for f in searcher.all_stored_fields()}
    assert set(state.memory.articles) == set(fields)
    for article_id, known in state.memory.articles.items():
        assert known.final == schema.stored_entities(fields[article_id])
        assert known.mentions == schema.stored_mentions(fields[article_id])


# --- SIGTERM / SIGINT on the real command ---------------------------------------------------

def write_jsonl(path: Path, prefix: str, count: int) -> set[str]:
    places = ["Berlin", "Paris", "Tokyo", "Ottawa", "Canberra", "Madrid"]
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({
                "id": f"{prefix}-{n}", "title": f"Trade talks {prefix} {n}",
                "text": f"Ministers met in {places[n % 6]} to discuss tariffs, number {n}. "
                        f"The talks in {places[(n + 1) % 6]} follow.",
            }) + "\n")
    return {f"{prefix}-{n}" for n in range(count)}


def start_watch(corpus: Path, index_dir: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "searchapp", "index", str(corpus), "--index-dir", str(index_dir),
         "--watch", "--settle", "0.3", *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def read_until(proc: subprocess.Popen, marker: str, timeout: float = 120) -> str:
    seen = []

    def reader():
        for line in proc.stdout:
            seen.append(line)
            if marker in line:
                return

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"no {marker!r} in {''.join(seen)!r}"
    return "".join(seen)


def lock_is_free(index_dir: Path) -> bool:
    lock = filelock.FileLock(str(index_dir / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        return False
    lock.release()
    return True


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_batch_stops_cleanly_with_all_or_nothing_of_it(tmp_path, signum):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    first = write_jsonl(corpus / "first.jsonl", "first", 3)
    proc = start_watch(corpus, index_dir)
    try:
        read_until(proc, "Watching")
        batch = set()
        for part in range(6):
            batch |= write_jsonl(corpus / f"drop{part}.jsonl", f"drop{part}", 80)
        wait_until(lambda: not lock_is_free(index_dir), timeout=30)  # the batch is running
        proc.send_signal(signum)
        out, _ = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, out
    assert "Stopped" in out
    assert lock_is_free(index_dir)
    ids = list(stored(index_dir))
    assert len(ids) == len(set(ids))
    # One batch is one commit: all of it or none of it, never half.
    assert set(ids) in (first, first | batch), sorted(set(ids) - first)[:5]


def test_a_sigterm_during_the_first_pass_stops_at_a_file_boundary(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for part in range(40):
        write_jsonl(corpus / f"part{part:02d}.jsonl", f"p{part}", 30)
    proc = start_watch(corpus, index_dir)
    try:
        wait_until(lambda: not lock_is_free(index_dir), timeout=60)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, out
    assert "Stopped" in out
    assert lock_is_free(index_dir)
    # Stopped between two files, nothing was committed (1,200 articles is below one commit);
    # a signal during the last step lets it finish. Never half written.
    count = len(stored(index_dir)) if whoosh_index.exists_in(str(index_dir)) else 0
    assert count == (1200 if "Watching" in out else 0), out


def test_an_org_map_for_some_names_has_the_same_entries_as_the_whole_map():
    from collections import Counter

    from searchapp.entities import build_org_map

    counts = Counter({"European Community": 40, "EC": 30, "Federal Reserve": 20, "Fed": 12,
                      "Federal Reserve Board": 9, "Moody": 3, "Moody's Investors Service": 5,
                      "GATT": 7, "General Agreement on Tariffs and Trade": 6, "Mobil": 9,
                      "Mobile Oil Services": 2, "IMF": 4})
    whole = build_org_map(counts)
    assert whole["EC"] == "European Community" and whole["GATT"].startswith("General")
    for names in (["EC"], ["Fed", "Moody", "Mobil", "Unknown Org"], list(counts)):
        assert build_org_map(counts, only=names) == {k: v for k, v in whole.items() if k in names}


def test_the_command_watches_with_include_and_exclude(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_jsonl(corpus / "first.jsonl", "first", 2)
    write_jsonl(corpus / "skip.jsonl", "skip", 2)
    proc = start_watch(corpus, index_dir, "--include", "*.jsonl", "--exclude", "skip*")
    try:
        out = read_until(proc, "Watching")
        assert "skipped (excluded by --exclude 'skip*'): " in out
        write_jsonl(corpus / "skip-more.jsonl", "skipmore", 2)  # matches --exclude
        write_jsonl(corpus / "notes.txt", "notes", 2)  # matches no --include
        taken = write_jsonl(corpus / "more.jsonl", "more", 2)  # matches --include
        out += read_until(proc, "file(s):")
        proc.send_signal(signal.SIGTERM)
        rest, _ = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, out + rest
    assert set(stored(index_dir)) == {"first-0", "first-1"} | taken, out + rest
