"""Observes every request: Prometheus counters and latency histograms, and one JSON log line on stderr.

`RequestObserver` wraps the WSGI app, so it sees every response, errors included. Under gunicorn
the metrics live in prometheus-client's multiprocess mode: `prepare_multiprocess_dir()` (called by
`searchapp serve` before the workers start) points PROMETHEUS_MULTIPROC_DIR at an empty folder,
each worker writes its values there, `/metrics` adds them up over all workers, and
`mark_worker_dead` (gunicorn's child_exit hook) retires a dead worker's live gauges. Without that
variable (the Flask development server, tests) the values are the process's own.

prometheus_client is imported only inside functions: it picks its storage (memory or files)
when first imported, and gunicorn's master must not import it before the variable is set, or
every worker it forks would inherit the in-memory kind.

The log line, one per request (JSON, so a path can never break it in two):
    {"ts": "2026-11-29T19:05:01Z", "method": "GET", "path": "/api/search", "status": 200,
     "ms": 12.3, "endpoint": "search.api_search", "pid": 4242}
"""
from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from searchapp import health

ENV = "PROMETHEUS_MULTIPROC_DIR"
EXTENSION = "searchapp.metrics"
# The WSGI environ key under which the view layer notes the endpoint a request was routed to.
ENDPOINT_KEY = "searchapp.endpoint"
NO_ENDPOINT = "none"  # unrouted requests (404s): one label, not one per path someone tried
# Latency buckets in seconds, around the goals (40 ms at 18k, 150 ms at 180k articles).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.04, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
SNAPSHOT_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
MAX_LOGGED_PATH = 300


class Metrics:
    """This process's request and snapshot metrics, and the text /metrics serves."""

    def __init__(self, index_dir: Path) -> None:
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, values

        self.index_dir = Path(index_dir)
        self.multiprocess_dir = os.environ.get(ENV) or None
        if self.multiprocess_dir and not getattr(values.ValueClass, "__name__", "") == "MmapedValue":
            raise RuntimeError(f"{ENV} was set after prometheus_client was imported; set it before "
                               "the server starts")
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "searchapp_requests", "HTTP requests answered, by endpoint, method and status.",
            ["endpoint", "method", "status"], registry=self.registry)
        self.latency = Histogram(
            "searchapp_request_duration_seconds",
            "Time to answer a request (until the response is ready), by endpoint.",
            ["endpoint"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.snapshot_build = Histogram(
            "searchapp_snapshot_build_seconds",
            "Time a worker took to build the facet arrays of a new index version.",
            buckets=SNAPSHOT_BUCKETS, registry=self.registry)
        # Over several workers: the oldest version any live worker served last (dead ones are
        # dropped by mark_worker_dead).
        self.serving_version = Gauge(
            "searchapp_serving_version", "The index version this worker answered its last request "
            "from; with several workers, the lowest among the live ones.",
            registry=self.registry, multiprocess_mode="livemin")
        self._snapshot = None  # the last snapshot whose build time was recorded

    def observe(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        """Count one answered request and record its time."""
        self.requests.labels(endpoint, method, str(status)).inc()
        self.latency.labels(endpoint).observe(seconds)

    def observe_snapshot(self, snapshot) -> None:
        """Record the build time of snapshot if this process has not seen it yet."""
        if snapshot is not self._snapshot:
            self._snapshot = snapshot
            self.snapshot_build.observe(snapshot.data.build_seconds)
            if snapshot.generation is not None:  # None: an empty index (Whoosh's EmptyReader)
                self.serving_version.set(snapshot.generation)

    def render(self) -> tuple[bytes, str]:
        """Return the Prometheus text of every worker's metrics and the index's, and its type."""
        from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
        from prometheus_client.multiprocess import MultiProcessCollector

        if self.multiprocess_dir:
            registry = CollectorRegistry()
            MultiProcessCollector(registry, path=self.multiprocess_dir)
            body = generate_latest(registry)
        else:
            body = generate_latest(self.registry)
        index = CollectorRegistry()
        index.register(_IndexCollector(self.index_dir))
        return body + generate_latest(index), CONTENT_TYPE_LATEST


class _IndexCollector:
    """The index as it is on disk at scrape time: the same for every worker, so read, not summed."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir

    def collect(self):
        from prometheus_client.core import GaugeMetricFamily

        state = health.check_index(self.index_dir)
        yield GaugeMetricFamily("searchapp_index_up", "1 when the index opens, else 0.",
                                value=1 if state.ok else 0)
        if state.ok:
            yield GaugeMetricFamily("searchapp_index_version",
                                    "The index's newest version (Whoosh generation) on disk.",
                                    value=state.index_version)
            yield GaugeMetricFamily("searchapp_index_articles",
                                    "Articles in the index's newest version.", value=state.articles)


class RequestObserver:
    """WSGI middleware: time each request, count it in metrics, write its log line to stderr."""

    def __init__(self, wsgi_app, metrics: Metrics, current_snapshot) -> None:
        self.wsgi_app = wsgi_app
        self.metrics = metrics
        self.current_snapshot = current_snapshot  # () -> the process's newest Snapshot
        self.pid = os.getpid()

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        statuses: list[str] = []

        def recording_start_response(status, headers, exc_info=None):
            statuses.append(status)
            return start_response(status, headers, exc_info)

        try:
            return self.wsgi_app(environ, recording_start_response)
        finally:
            seconds = time.perf_counter() - started
            status = int(statuses[-1][:3]) if statuses else 500
            endpoint = environ.get(ENDPOINT_KEY) or NO_ENDPOINT
            method = environ.get("REQUEST_METHOD", "")
            self.metrics.observe(endpoint, method, status, seconds)
            self.metrics.observe_snapshot(self.current_snapshot())
            sys.stderr.write(log_line(environ, method, status, seconds, endpoint,
                                      os.getpid()) + "\n")


def log_line(environ: dict, method: str, status: int, seconds: float, endpoint: str,
             pid: int) -> str:
    """Return the one-line JSON record of a request."""
    # WSGI hands the path over as latin-1 decoded bytes; show it as the UTF-8 it was.
    path = (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")).encode(
        "latin-1", "replace").decode("utf-8", "replace")
    return json.dumps({
        "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "method": method, "path": path[:MAX_LOGGED_PATH], "status": status,
        "ms": round(seconds * 1000, 1), "endpoint": endpoint, "pid": pid,
    }, ensure_ascii=False)


def init_app(app, current_snapshot) -> Metrics:
    """Wrap app's WSGI callable with a RequestObserver; return the app's Metrics."""
    metrics = Metrics(Path(app.config["INDEX_DIR"]))
    app.extensions[EXTENSION] = metrics
    app.wsgi_app = RequestObserver(app.wsgi_app, metrics, current_snapshot)
    return metrics


def prepare_multiprocess_dir() -> Path:
    """Point PROMETHEUS_MULTIPROC_DIR at an empty folder and return it.

    A folder the variable already names is emptied (values of an earlier run would otherwise be
    added to this one's); without one a temporary folder is made, removed when this process
    exits (not when a forked worker does).
    """
    given = os.environ.get(ENV)
    if given:
        folder = Path(given)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):
            stale.unlink()
        return folder
    folder = Path(tempfile.mkdtemp(prefix="searchapp-metrics-"))
    os.environ[ENV] = str(folder)
    owner = os.getpid()
    atexit.register(lambda: os.getpid() == owner and shutil.rmtree(folder, ignore_errors=True))
    return folder


def mark_worker_dead(_server, worker) -> None:
    """gunicorn's child_exit hook: drop the live gauges of a worker that exited."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
