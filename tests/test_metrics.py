"""/healthz, /metrics and the request log line: in one process, and across two gunicorn workers."""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from whoosh import index as whoosh_index

from searchapp import schema
from searchapp.articles import Article, Entities

from tests.conftest import build_toy_index

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def samples(text: str) -> dict[tuple, float]:
    """{(name, sorted label items): value} of a Prometheus text exposition."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(found: dict, name: str, **labels) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def add_article(index_dir: Path, article_id: str) -> None:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.writer() as writer:
        writer.add_document(**schema.to_document(
            Article(article_id, "Fresh news", "Fresh news from Lisbon.", date(2024, 1, 2),
                    origin="/data/fresh.txt"),
            Entities((), ("Lisbon",), (), (), ("Portugal",))))
    ix.close()


@pytest.fixture()
def fresh(tmp_path, make_app):
    index_dir = build_toy_index(tmp_path / "index")
    app = make_app({"INDEX_DIR": str(index_dir), "TESTING": True})
    return index_dir, app, app.test_client()


# --- /healthz ------------------------------------------------------------------------------

def test_healthz_gives_the_version_and_article_count(fresh):
    index_dir, _app, client = fresh
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    version = whoosh_index.open_dir(str(index_dir)).latest_generation()
    assert body == {"status": "ok", "index_version": version, "articles": 5,
                    "serving_version": version}
    add_article(index_dir, "fresh-1")
    body = client.get("/healthz").get_json()
    assert body["articles"] == 6 and body["index_version"] == version + 1


def test_healthz_is_503_with_the_reason_when_the_index_folder_is_gone(fresh):
    index_dir, _app, client = fresh
    shutil.rmtree(index_dir)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable" and "no index in" in body["reason"]
    assert "no-store" in response.headers["Cache-Control"]


def test_healthz_is_503_when_the_table_of_contents_is_damaged(fresh):
    index_dir, _app, client = fresh
    toc = next(index_dir.glob("_MAIN_*.toc"))
    toc.write_bytes(toc.read_bytes()[:40])
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "damaged" in response.get_json()["reason"]


def test_healthz_is_503_when_a_segment_file_is_missing(fresh):
    index_dir, _app, client = fresh
    for segment_file in index_dir.glob("MAIN_*"):  # the segment's files (or its one .seg)
        segment_file.unlink()
    response = client.get("/healthz")
    assert response.status_code == 503
    # The reason is `searchapp check`'s message: which segment, what to run.
    reason = response.get_json()["reason"]
    assert reason.startswith("damaged: ") and str(index_dir / "MAIN_") in reason and "--rebuild" in reason
    # The metrics say so too.
    found = samples(client.get("/metrics").get_data(as_text=True))
    assert value(found, "searchapp_index_up") == 0
    assert ("searchapp_index_articles", ()) not in found


# --- /metrics in one process ---------------------------------------------------------------

def test_metrics_count_requests_per_endpoint_with_latency_histograms(fresh):
    _index_dir, _app, client = fresh
    for _ in range(3):
        assert client.get("/api/search?q=moscow").status_code == 200
    assert client.get("/?q=cocoa").status_code == 200
    assert client.get("/?page=abc").status_code == 400
    assert client.get("/no/such/page").status_code == 404
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=")
    found = samples(response.get_data(as_text=True))
    assert value(found, "searchapp_requests_total", endpoint="search.api_search", method="GET",
                 status="200") == 3
    assert value(found, "searchapp_requests_total", endpoint="search.index", method="GET",
                 status="200") == 1
    assert value(found, "searchapp_requests_total", endpoint="search.index", method="GET",
                 status="400") == 1
    assert value(found, "searchapp_requests_total", endpoint="none", method="GET",
                 status="404") == 1
    assert value(found, "searchapp_request_duration_seconds_count",
                 endpoint="search.api_search") == 3
    assert value(found, "searchapp_request_duration_seconds_bucket", endpoint="search.api_search",
                 le="+Inf") == 3
    assert value(found, "searchapp_request_duration_seconds_sum", endpoint="search.api_search") > 0
    assert value(found, "searchapp_index_up") == 1
    assert value(found, "searchapp_index_articles") == 5
    assert value(found, "searchapp_snapshot_build_seconds_count") == 1


def test_metrics_follow_a_new_index_version(fresh):
    index_dir, _app, client = fresh
    client.get("/api/search")
    before = samples(client.get("/metrics").get_data(as_text=True))
    add_article(index_dir, "fresh-1")
    assert client.get("/api/search?q=lisbon").get_json()["total"] == 1  # builds the new snapshot
    after = samples(client.get("/metrics").get_data(as_text=True))
    assert value(after, "searchapp_index_version") == value(before, "searchapp_index_version") + 1
    assert value(after, "searchapp_index_articles") == 6
    assert value(after, "searchapp_snapshot_build_seconds_count") == 2
    assert value(after, "searchapp_serving_version") == value(after, "searchapp_index_version")


# --- the log line --------------------------------------------------------------------------

def test_one_json_log_line_per_request_on_stderr(fresh, capsys):
    _index_dir, _app, client = fresh
    capsys.readouterr()
    client.get("/api/search?q=oil")
    client.get("/articles/nope%0A%22%7Binjected%7D")  # a newline and quotes in the path
    client.get("/?page=abc")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3
    lines = [json.loads(line) for line in err]
    assert [(r["method"], r["path"], r["status"]) for r in lines] == [
        ("GET", "/api/search", 200), ("GET", '/articles/nope\n"{injected}', 404),
        ("GET", "/", 400)]
    assert all(isinstance(r["ms"], float) and r["ms"] >= 0 for r in lines)
    assert lines[0]["endpoint"] == "search.api_search" and lines[0]["pid"] == os.getpid()


def test_readme_documents_watch_health_metrics_and_the_log_line():
    for needle in ("--watch", "--settle", "/healthz", "/metrics", "searchapp_requests_total",
                   "searchapp_request_duration_seconds", "searchapp_index_version",
                   "searchapp_index_articles", "searchapp_snapshot_build_seconds",
                   "PROMETHEUS_MULTIPROC_DIR", '"ms"'):
        assert needle in README, needle


# --- several gunicorn workers --------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def workers_of(master: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def test_metrics_add_up_over_two_gunicorn_workers_and_survive_a_dead_one(tmp_path):
    index_dir = build_toy_index(tmp_path / "index")
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_999999.db").write_bytes(b"left over from an earlier run")
    port = free_port()
    env = dict(os.environ, PROMETHEUS_MULTIPROC_DIR=str(metrics_dir))
    server = subprocess.Popen(
        [sys.executable, "-m", "searchapp", "serve", "--index-dir", str(index_dir),
         "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(server.stderr), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        assert not (metrics_dir / "counter_999999.db").exists()  # cleaned at start

        sent = []  # one entry per answered request
        lock = threading.Lock()

        def answered_by() -> set[int]:
            return {json.loads(line)["pid"] for line in list(log) if line.startswith("{")
                    and json.loads(line)["path"] == "/api/search"}

        def client() -> None:
            # Until both workers have answered some (a worker still starting may miss the
            # first ones), at least 20 requests each, at most 300.
            for n in range(300):
                if n >= 20 and len(answered_by()) == 2:
                    return
                assert get(port, "/api/search?q=moscow")[0] == 200
                with lock:
                    sent.append(n)

        threads = [threading.Thread(target=client) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(answered_by()) == 2, "both workers should have answered some requests"
        total = len(sent)

        def api_count() -> tuple[float, float]:
            found = samples(get(port, "/metrics")[1].decode())
            return (value(found, "searchapp_requests_total", endpoint="search.api_search",
                          method="GET", status="200"),
                    value(found, "searchapp_request_duration_seconds_count",
                          endpoint="search.api_search"))

        # Whichever worker answers the scrape, the numbers are those of both.
        for _ in range(6):
            assert api_count() == (total, total)

        # A worker dies and gunicorn starts another: its counts stay, its live gauge goes.
        victim = workers_of(server.pid)[0]
        assert (metrics_dir / f"gauge_livemin_{victim}.db").exists()
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while victim in workers_of(server.pid) or len(workers_of(server.pid)) < 2:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        time.sleep(0.5)
        assert not (metrics_dir / f"gauge_livemin_{victim}.db").exists()
        for _ in range(4):
            assert api_count() == (total, total)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        reader.join(10)
        server.stderr.close()
    lines = [line for line in log if line.startswith("{")]
    assert all(set(json.loads(line)) >= {"method", "path", "status", "ms"} for line in lines)
    assert not [line for line in log if re.match(r"\S+ - - \[", line)], "gunicorn access log"


def test_serve_makes_its_own_metrics_folder_and_removes_it_at_exit(tmp_path):
    index_dir = build_toy_index(tmp_path / "index")
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    env["TMPDIR"] = str(temp)
    server = subprocess.Popen(
        [sys.executable, "-m", "searchapp", "serve", "--index-dir", str(index_dir),
         "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/api/search")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        folders = list(temp.glob("searchapp-metrics-*"))
        assert len(folders) == 1 and list(folders[0].glob("*.db"))
        found = samples(get(port, "/metrics")[1].decode())
        assert value(found, "searchapp_requests_total", endpoint="search.api_search",
                     method="GET", status="200") == 1
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    assert not list(temp.glob("searchapp-metrics-*"))


def test_an_empty_index_is_healthy_with_no_articles(tmp_path, make_app):
    whoosh_index.create_in(str(tmp_path), schema.build_schema()).close()
    client = make_app({"INDEX_DIR": str(tmp_path), "TESTING": True}).test_client()
    assert client.get("/api/search").status_code == 200
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["articles"] == 0
    found = samples(client.get("/metrics").get_data(as_text=True))
    assert value(found, "searchapp_index_articles") == 0 and value(found, "searchapp_index_up") == 1
