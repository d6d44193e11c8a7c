"""Crash safety: `searchapp index` killed with SIGKILL at random moments never loses or duplicates articles."""
import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index, query

from searchapp import schema

pytestmark = pytest.mark.slow

TRIALS = 20
ARTICLES = 2000
# Where a run is killed: at a state it is seen to reach, then after a random extra delay of up to
# KILL_JITTER seconds. "progress": its first progress line (a file read, articles being
# written); "files done": the progress line of the last file (the commit is next); "committed":
# a new index generation on disk while the process still runs (postings files being written).
PHASES = ("progress", "files done", "committed")
KILL_JITTER = 0.3
PHASE_TIMEOUT = 300
PEOPLE = ["Angela Merkel", "Emmanuel Macron", "Joe Biden", "Xi Jinping", "Olaf Scholz",
          "Vladimir Putin", "Rishi Sunak", "Narendra Modi", "Lula da Silva", "Fumio Kishida"]
PLACES = ["Berlin", "Paris", "Washington", "Beijing", "Moscow", "London", "New Delhi", "Tokyo"]


def write_corpus(folder: Path) -> set[str]:
    rng = random.Random(7)
    folder.mkdir(parents=True)
    ids = set()
    for part in range(4):
        with open(folder / f"part{part}.jsonl", "w", encoding="utf-8") as out:
            for i in range(ARTICLES // 4):
                n = part * (ARTICLES // 4) + i
                person, other = rng.sample(PEOPLE, 2)
                place = rng.choice(PLACES)
                body = (f"{person} met {other} in {place} on Tuesday to discuss trade number {n}. "
                        f"{person.split()[-1]} said the talks in {place} were useful.")
                record = {"id": f"art-{n}", "title": f"{person} in {place} ({n})",
                          "date": f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}", "text": body}
                out.write(json.dumps(record) + "\n")
                ids.add(f"art-{n}")
    return ids


def index_ids(index_dir: Path) -> list[str]:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        found = [fields[schema.ARTICLE_ID] for fields in searcher.all_stored_fields()]
        # The index still serves a query.
        assert len(searcher.search(query.Every(), limit=1)) == searcher.doc_count()
    ix.close()
    return found


def run_index(corpus: Path, index_dir: Path, rebuild: bool = False) -> subprocess.Popen:
    args = [sys.executable, "-m", "searchapp", "index", str(corpus), "--index-dir", str(index_dir)]
    return subprocess.Popen(args + (["--rebuild"] if rebuild else []), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)


def complete(proc: subprocess.Popen) -> int:
    """Wait for a run to end (reading its output, which closes the pipe); return its exit code."""
    proc.communicate(timeout=600)
    return proc.returncode


def generation(index_dir: Path) -> int:
    """The newest committed generation in index_dir (-1: none), read from the TOC file names."""
    gens = [int(p.stem.rsplit("_", 1)[1]) for p in index_dir.glob("_MAIN_*.toc")]
    return max(gens, default=-1)


def read_lines(proc: subprocess.Popen) -> tuple[queue.Queue, threading.Thread]:
    """Read the run's output in a thread, line by line, into a queue."""
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in iter(proc.stdout.readline, b""):
            lines.put(line.decode("utf-8", "replace"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return lines, reader


def wait_for_phase(proc: subprocess.Popen, lines: queue.Queue, index_dir: Path, phase: str,
                   files: int) -> bool:
    """Wait (at most PHASE_TIMEOUT s) until the run reaches phase; False if it ended first.

    Each line of the run's output is a progress report (commands.progress.ProgressPrinter writes the first
    file's line, then one every few seconds, and always the last file's).
    """
    start_generation = generation(index_dir)
    deadline = time.monotonic() + PHASE_TIMEOUT
    while time.monotonic() < deadline:
        if phase == "committed":
            if generation(index_dir) > start_generation:
                return proc.poll() is None
            if proc.poll() is not None:
                return False
            time.sleep(0.005)
            continue
        try:
            line = lines.get(timeout=0.05)
        except queue.Empty:
            if proc.poll() is not None and lines.empty():
                return False
            continue
        if phase == "progress" and " files, " in line:
            return proc.poll() is None
        if phase == "files done" and f" {files}/{files} files, " in line:
            return proc.poll() is None
    raise AssertionError(f"the run never reached {phase!r} in {PHASE_TIMEOUT} s")


def test_sigkill_at_random_moments_loses_and_duplicates_nothing(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    expected = write_corpus(corpus)
    files = len(list(corpus.iterdir()))
    rng = random.Random(2026)
    # One complete run fills the NER cache, so the kills land in indexing, not in NER.
    assert complete(run_index(corpus, index_dir)) == 0
    completed = killed = 0
    killed_in: set[str] = set()
    for trial in range(TRIALS):
        # Alternate full rebuilds (one big commit) with incremental runs over changed files.
        if trial % 2:
            for path in rng.sample(sorted(corpus.iterdir()), 2):
                path.write_text(path.read_text(encoding="utf-8").replace("useful", "helpful")
                                if trial % 4 == 1 else
                                path.read_text(encoding="utf-8").replace("helpful", "useful"),
                                encoding="utf-8")
        phase = PHASES[trial % len(PHASES)]
        proc = run_index(corpus, index_dir, rebuild=not trial % 2)
        lines, reader = read_lines(proc)
        if wait_for_phase(proc, lines, index_dir, phase, files):
            time.sleep(rng.uniform(0, KILL_JITTER))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the NER workers too
            killed += 1
            killed_in.add(phase)
        else:
            completed += 1
        proc.wait(timeout=60)
        reader.join(60)  # the pipe closes when the run and its NER workers are gone
        proc.stdout.close()
        if whoosh_index.exists_in(str(index_dir)):
            found = index_ids(index_dir)
            assert len(found) == len(set(found)), "an article was indexed twice"
            assert set(found) <= expected
    assert killed >= TRIALS // 2, f"only {killed} of {TRIALS} runs were killed mid-run"
    assert killed_in == set(PHASES), f"no run was killed in {set(PHASES) - killed_in}"
    proc = run_index(corpus, index_dir)
    output, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, output.decode()
    found = index_ids(index_dir)
    print(f"crash safety: {TRIALS} trials, {killed} killed mid-run ({sorted(killed_in)}), "
          f"{completed} finished first; final index {len(found)} ids, {len(set(found))} distinct, "
          f"{len(expected)} expected")
    assert len(found) == len(set(found))
    assert set(found) == expected
    # The run after the kills found a stale lock at most, and did not wait for it.
    assert b"waiting" not in output
