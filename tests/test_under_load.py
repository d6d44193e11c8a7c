"""Updates under load: re-indexing while 20 clients query a gunicorn server: no failure, no mixed versions."""
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from searchapp.indexer import build_index

pytestmark = pytest.mark.slow

CLIENTS = 20
# Bounds on waiting for a measured state, never fixed sleeps: the server's first answer, and the
# clients being served the last index version after it was committed.
START_TIMEOUT = 60
SERVED_TIMEOUT = 60
# A worker holds at most two snapshots (the one it serves and the one it builds), each a few
# kilobytes for these 60 articles, beside ~tens of MB of Python, Flask and numpy. So after three
# new versions, RSS beyond a quarter above the warmed-up baseline is something that accumulates
# per version or per request (old searchers or snapshots kept alive), not the index.
RSS_GROWTH = 0.25
MIN_REQUESTS = 100
QUERIES = ["", "q=talks", "q=tal", "person=Angela+Merkel", "q=minister&sort=newest", "place=Paris"]


def article(n: int, person: str, place: str) -> str:
    return (f" date 2023-03-{1 + n % 28:02d}\n\n{person} met officials in {place} on Monday to "
            f"discuss talks about energy, number {n}. The minister said the talks went well.\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def record_version(index_dir: Path, versions: dict) -> None:
    ix = whoosh_index.open_dir(str(index_dir))
    versions[ix.latest_generation()] = ix.doc_count()
    ix.close()


def test_reindexing_under_load_fails_no_request_and_mixes_no_versions(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    people = ["Angela Merkel", "Emmanuel Macron", "Olaf Scholz"]
    for n in range(30):
        (corpus / f"a{n:03d}.txt").write_text(article(n, people[n % 3], "Paris"), encoding="utf-8")
    build_index([corpus], index_dir)
    versions: dict[int, int] = {}
    record_version(index_dir, versions)

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "searchapp", "serve", "--index-dir", str(index_dir),
         "--port", str(port), "--workers", "2"],
        # Not an unread pipe for stderr: the log line of each request would fill it and block.
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}/api/search?"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                urllib.request.urlopen(base, timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                # (a timeout too: on a busy machine the first answer, which opens the index, can
                # take longer than a request's 5 s; the server is starting, not failing)
                assert server.poll() is None, f"the server exited with {server.returncode}"
                assert time.monotonic() < deadline, f"no answer in {START_TIMEOUT} s"
                time.sleep(0.2)
        stop = threading.Event()
        lock = threading.Lock()  # guards the four below: 20 client threads update them
        failures: list[str] = []
        landings: list[tuple[int, int]] = []
        counts = {"requests": 0}
        served = {"version": 0}  # the newest index version a landing answer named
        newest_served = threading.Condition(lock)

        def client(k: int) -> None:
            i = k
            while not stop.is_set():
                query = QUERIES[i % len(QUERIES)]
                i += 1
                try:
                    with urllib.request.urlopen(base + query, timeout=30) as response:
                        data = json.loads(response.read())
                except (urllib.error.URLError, ConnectionError, ValueError) as exc:
                    with lock:
                        failures.append(f"{query}: {exc}")
                    continue
                with lock:
                    counts["requests"] += 1
                    if query == "":
                        landings.append((data["index_version"], data["total"]))
                        served["version"] = max(served["version"], data["index_version"])
                        newest_served.notify_all()

        def wait_until_served(version: int, requests: int = 0) -> bool:
            with newest_served:
                return newest_served.wait_for(
                    lambda: served["version"] >= version and counts["requests"] > requests,
                    timeout=SERVED_TIMEOUT)

        threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        for thread in threads:
            thread.start()
        # The baseline: workers warmed up under the same load on the first version.
        assert wait_until_served(max(versions)), "the first version was never served"
        rss_before = sum(rss_kb(int(p)) for p in _worker_pids(server.pid))
        # Add, change and delete articles while the clients run.
        for n in range(30, 60):
            (corpus / f"a{n:03d}.txt").write_text(article(n, people[n % 3], "Berlin"), encoding="utf-8")
        build_index([corpus], index_dir)
        record_version(index_dir, versions)
        for n in range(0, 10):
            (corpus / f"a{n:03d}.txt").write_text(article(n, "Joe Biden", "Washington"), encoding="utf-8")
        build_index([corpus], index_dir)
        record_version(index_dir, versions)
        for n in range(50, 60):
            (corpus / f"a{n:03d}.txt").unlink()
        build_index([corpus], index_dir)
        record_version(index_dir, versions)
        # Keep the load on until a client has been served the last version and the server has
        # answered MIN_REQUESTS in all (or time is up).
        last_served = wait_until_served(max(versions), MIN_REQUESTS)
        stop.set()
        for thread in threads:
            thread.join(60)
        assert not any(thread.is_alive() for thread in threads)
        rss_after = sum(rss_kb(int(p)) for p in _worker_pids(server.pid))
    finally:
        os.killpg(server.pid, 15)
        server.communicate(timeout=30)

    print(f"under load: {counts['requests']} requests, {len(failures)} failed, versions "
          f"{sorted(versions.items())}, landings per version "
          f"{sorted({v: sum(1 for x, _ in landings if x == v) for v, _ in landings}.items())}, "
          f"worker RSS {rss_before} -> {rss_after} kB")
    assert not failures, failures[:5]
    assert counts["requests"] > MIN_REQUESTS
    # Every landing answer is whole: its total is the article count of the version it names.
    # A run that changes a corpus-wide map commits its articles, then the older articles it re-resolved
    # (the same count): a version between two recorded ones has the count of the next recorded one.
    def count_of(version: int) -> int | None:
        return versions.get(version, versions[min((v for v in versions if v > version), default=max(versions))])
    mixed = [(v, t) for v, t in landings if count_of(v) != t]
    assert not mixed, (mixed[:5], versions)
    assert last_served, f"the last version was not served within {SERVED_TIMEOUT} s"
    assert {v for v, _ in landings} >= {max(versions)}, "the last version was never served"
    assert rss_before > 0, "no worker processes found"
    assert rss_after <= rss_before * (1 + RSS_GROWTH), \
        f"workers grew from {rss_before} to {rss_after} kB, more than {RSS_GROWTH:.0%}"


def _worker_pids(master: int) -> list[str]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return children.read_text().split() if children.exists() else []
