"""Browser fixtures: Debian's chromium, and the app served from a thread over the toy index.

Playwright cannot download its own browsers here, so the launch points at /usr/bin/chromium.
Without it the e2e tests skip, except in CI (CI=true), where a missing browser is a failure
(tests.conftest.require).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from werkzeug.serving import make_server

from searchapp import create_app
from tests.conftest import build_toy_index, close_app, require

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# Three hits a page, so the five toy articles give two pages and the pagination can be clicked.
PAGE_SIZE = 3
# The delaying server holds back the response for this q, long enough for newer typing to win.
SLOW_QUERY = "mosc"
SLOW_SECONDS = 1.5


@pytest.fixture(scope="session", autouse=True)
def _require_chromium() -> None:
    require(CHROMIUM.exists(),
            f"the e2e tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, _require_chromium) -> dict:
    """pytest-playwright's launch options (--headed, --slowmo...) plus Debian's chromium."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture()
def new_context(new_context) -> Callable:
    """pytest-playwright's new_context, with a 10 s action timeout so a failure fails fast."""
    def make(**kwargs):
        context = new_context(**kwargs)
        context.set_default_timeout(10_000)
        return context

    return make


class LiveServer:
    """A WSGI app served by werkzeug from a background thread on a free port of 127.0.0.1."""

    def __init__(self, app: Callable) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, name=f"e2e-{self.url}",
                                       kwargs={"poll_interval": 0.05})

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
        self.server.server_close()


class DelayQuery:
    """WSGI middleware: sleep before answering any request whose q is `query`."""

    def __init__(self, app: Callable, query: str, seconds: float) -> None:
        self.app, self.query, self.seconds = app, query, seconds
        self.delayed = 0  # how many requests were held back, so a test can check it really was

    def __call__(self, environ: dict, start_response: Callable):
        if parse_qs(environ.get("QUERY_STRING", "")).get("q") == [self.query]:
            self.delayed += 1
            time.sleep(self.seconds)
        return self.app(environ, start_response)


@pytest.fixture(scope="session")
def e2e_index_dir(tmp_path_factory) -> Path:
    return build_toy_index(tmp_path_factory.mktemp("e2e-index"))


@pytest.fixture(scope="session")
def e2e_app(e2e_index_dir):
    # Absolute URLs (exports, feeds) are built on the trusted host the browser uses, as a
    # deployment without SEARCHAPP_BASE_URL does with TRUSTED_HOSTS.
    app = create_app({"INDEX_DIR": str(e2e_index_dir), "PAGE_SIZE": PAGE_SIZE,
                      "TRUSTED_HOSTS": ["127.0.0.1"]})
    yield app
    close_app(app)


@pytest.fixture(scope="session")
def live_server(e2e_app) -> Iterator[LiveServer]:
    with LiveServer(e2e_app) as server:
        yield server


@pytest.fixture(scope="session")
def slow_server(e2e_app) -> Iterator[LiveServer]:
    """The same app, but every request with q=SLOW_QUERY takes SLOW_SECONDS longer."""
    middleware = DelayQuery(e2e_app, SLOW_QUERY, SLOW_SECONDS)
    with LiveServer(middleware) as server:
        server.middleware = middleware
        yield server


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """pytest-base-url's fixture: page.goto("/?q=...") goes to the live server."""
    return live_server.url
