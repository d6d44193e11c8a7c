"""Run the app under gunicorn: several worker processes, each with its own open index."""
from __future__ import annotations

import os
from pathlib import Path

from gunicorn.app.base import BaseApplication

from searchapp import metrics
from searchapp.store import open_index


# The longest request line and header gunicorn reads (its maximum). Longer ones get gunicorn's own
# bare error page (414 / 431, without the app's security headers); the app's own limits
# (MAX_QUERY_LENGTH, MAX_FILTERS) answer every request below these with a precise 400.
LIMIT_REQUEST_LINE = 8190
LIMIT_REQUEST_FIELD_SIZE = 8190


def gunicorn_options(host: str, port: int, workers: int, forwarded_allow_ips: str = "") -> dict:
    """Return the gunicorn settings `searchapp serve` runs with.

    forwarded_allow_ips: the proxies whose X-Forwarded-* and SCRIPT_NAME headers are believed;
    "" (the default) believes nobody's, not even a client on this machine.
    """
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "timeout": 60,
        "accesslog": None,  # the app logs one JSON line per request instead (metrics.py)
        "loglevel": "warning",
        "forwarded_allow_ips": forwarded_allow_ips,
        "limit_request_line": LIMIT_REQUEST_LINE,
        "limit_request_field_size": LIMIT_REQUEST_FIELD_SIZE,
    }


def default_workers() -> int:
    """Four worker processes per CPU core: a worker answers one request at a time, so while some
    run expensive queries up to the deadline, others stay free for typing (bench/hostile.py,
    10 clients sending the 4 slowest requests at 180k articles on 2 cores: typing p95 1.9 s
    with 2 workers, 0.8-1.8 s with 4, 0.6 s with 8). About 250 MB per worker at 180k."""
    return 4 * max(1, os.cpu_count() or 1)


def default_base_url(host: str, port: int) -> str:
    """The base URL of a server on host:port, when SEARCHAPP_BASE_URL does not say one."""
    if host in ("0.0.0.0", "::", ""):
        host = "localhost"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


class _Gunicorn(BaseApplication):
    def __init__(self, index_dir: Path, options: dict, base_url: str = "") -> None:
        self.index_dir = index_dir
        self.options = options
        self.base_url = base_url
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from searchapp import create_app

        overrides = {"INDEX_DIR": str(self.index_dir)}
        if self.base_url:
            overrides["BASE_URL"] = self.base_url
        return create_app(overrides)


def run_gunicorn(index_dir: Path, host: str, port: int, workers: int,
                 forwarded_allow_ips: str = "") -> None:
    """Serve the app on host:port with `workers` processes until stopped.

    Raises:
        store.IndexMissing: there is no index in index_dir.
    """
    open_index(index_dir).close()  # fail before forking when there is nothing to serve
    base_url = "" if os.environ.get("SEARCHAPP_BASE_URL") else default_base_url(host, port)
    # Before any worker starts: each one then writes its metrics there (see metrics.py).
    metrics.prepare_multiprocess_dir()
    options = gunicorn_options(host, port, workers, forwarded_allow_ips)
    options["child_exit"] = metrics.mark_worker_dead
    _Gunicorn(Path(index_dir), options, base_url).run()
