"""Opens the index once per app, gives each request one Searcher on g, closes it at teardown."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, g
from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError

from searchapp.facets import FacetCache

EXTENSION = "searchapp"


class IndexMissing(Exception):
    """There is no index where one was expected."""


def open_index(index_dir: Path):
    """Open the Whoosh index in index_dir.

    Raises:
        IndexMissing: the folder holds no index yet.
    """
    try:
        return whoosh_index.open_dir(str(index_dir))
    except (EmptyIndexError, FileNotFoundError):
        raise IndexMissing(
            f"no index in {index_dir}: run `searchapp index PATH --index-dir {index_dir}` first"
        ) from None


class Store:
    """The app's open index and its facet cache, shared by all requests of a process."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.ix = open_index(self.index_dir)
        self.facets = FacetCache()

    def searcher(self):
        """Open a searcher on the newest committed version of the index."""
        # Reopening per request is how a finished `searchapp index` run becomes visible.
        return self.ix.searcher()


def init_app(app: Flask) -> None:
    """Open the index for app and register the per-request searcher teardown."""
    app.extensions[EXTENSION] = Store(Path(app.config["INDEX_DIR"]))
    app.teardown_appcontext(close_searcher)


def get_store() -> Store:
    """Return the current app's Store."""
    return current_app.extensions[EXTENSION]


def get_searcher():
    """Return this request's Searcher, opening it on first use."""
    if "searcher" not in g:
        g.searcher = get_store().searcher()
    return g.searcher


def close_searcher(_exc: BaseException | None = None) -> None:
    """Close this request's Searcher, if one was opened."""
    searcher = g.pop("searcher", None)
    if searcher is not None:
        searcher.close()
