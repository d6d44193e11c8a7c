"""Crash safety: `searchapp index` killed with SIGKILL at random moments never loses or duplicates articles."""
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index, query

from searchapp import schema

pytestmark = pytest.mark.slow

TRIALS = 20
ARTICLES = 2000
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


def test_sigkill_at_random_moments_loses_and_duplicates_nothing(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    expected = write_corpus(corpus)
    rng = random.Random(2026)
    # One complete run fills the NER cache; a timed --rebuild then says how long a run that
    # rewrites everything takes here, so the kills land anywhere in such runs.
    assert complete(run_index(corpus, index_dir)) == 0
    started = time.monotonic()
    assert complete(run_index(corpus, index_dir, rebuild=True)) == 0
    duration = time.monotonic() - started
    completed = killed = 0
    for trial in range(TRIALS):
        # Alternate full rebuilds (one big commit) with incremental runs over changed files.
        if trial % 2:
            for path in rng.sample(sorted(corpus.iterdir()), 2):
                path.write_text(path.read_text(encoding="utf-8").replace("useful", "helpful")
                                if trial % 4 == 1 else
                                path.read_text(encoding="utf-8").replace("helpful", "useful"),
                                encoding="utf-8")
        proc = run_index(corpus, index_dir, rebuild=not trial % 2)
        time.sleep(rng.uniform(0.2, 0.95 * duration))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the NER workers too
            killed += 1
        else:
            completed += 1
        proc.communicate(timeout=60)
        if whoosh_index.exists_in(str(index_dir)):
            found = index_ids(index_dir)
            assert len(found) == len(set(found)), "an article was indexed twice"
            assert set(found) <= expected
    assert killed >= TRIALS // 2, f"only {killed} of {TRIALS} runs were killed mid-run"
    proc = run_index(corpus, index_dir)
    output, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, output.decode()
    found = index_ids(index_dir)
    print(f"crash safety: {TRIALS} trials, {killed} killed mid-run, {completed} finished first; "
          f"final index {len(found)} ids, {len(set(found))} distinct, {len(expected)} expected")
    assert len(found) == len(set(found))
    assert set(found) == expected
    # The run after the kills found a stale lock at most, and did not wait for it.
    assert b"waiting" not in output
