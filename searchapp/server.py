"""Run the app under gunicorn: several worker processes, each with its own open index."""
from __future__ import annotations

from pathlib import Path

from gunicorn.app.base import BaseApplication

from searchapp import metrics
from searchapp.store import open_index


class _Gunicorn(BaseApplication):
    def __init__(self, index_dir: Path, options: dict) -> None:
        self.index_dir = index_dir
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from searchapp import create_app

        return create_app({"INDEX_DIR": str(self.index_dir)})


def run_gunicorn(index_dir: Path, host: str, port: int, workers: int) -> None:
    """Serve the app on host:port with `workers` processes until stopped.

    Raises:
        store.IndexMissing: there is no index in index_dir.
    """
    open_index(index_dir).close()  # fail before forking when there is nothing to serve
    # Before any worker starts: each one then writes its metrics there (see metrics.py).
    metrics.prepare_multiprocess_dir()
    _Gunicorn(Path(index_dir), {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "timeout": 60,
        "accesslog": None,  # the app logs one JSON line per request instead (metrics.py)
        "loglevel": "warning",
        "child_exit": metrics.mark_worker_dead,
    }).run()
