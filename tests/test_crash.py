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


def run_index(corpus: Path, index_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "searchapp", "index", str(corpus), "--index-dir", str(index_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def test_sigkill_at_random_moments_loses_and_duplicates_nothing(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    expected = write_corpus(corpus)
    rng = random.Random(2026)
    completed = killed = 0
    for _trial in range(TRIALS):
        proc = run_index(corpus, index_dir)
        time.sleep(rng.uniform(0.5, 12.0))
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
