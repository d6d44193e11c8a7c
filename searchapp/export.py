"""Export every match of a search, streamed in its page order, with the links back to the search and the articles.

The matches are the same as /api/search's for the same parameters (search.build_query and
search.match), in the same order (search.page_docnums over all of them). Only the docnums are
held in memory; stored fields are read and written BATCH articles at a time, by the writer of
the format (export_formats), in a thread of lower CPU priority (in_background).
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlencode

from searchapp import schema
from searchapp.articles import slugify
from searchapp.citation import Reference
from searchapp.export_formats import BATCH, FORMATS, ExportFormat, ExportMeta
from searchapp.search import build_query, expand_prefix, match, page_docnums, safe_link

__all__ = ["BATCH", "EXPORT_NICE", "FORMATS", "ExportFormat", "ExportMenu", "ExportMeta", "Links",
           "TooManyResults", "check_limit", "export_args", "export_searcher", "file_name",
           "find_matches", "in_background", "ordered_docnums", "read_references", "search_url",
           "to_reference"]

# The export's work runs in a thread this much "nicer" than the server, so that on a busy
# machine the CPU goes to searches (people typing) first; on an idle one it changes nothing.
EXPORT_NICE = 10


class TooManyResults(ValueError):
    """The search matches more articles than one export may hold; the message says what to do."""


@dataclass(frozen=True)
class Links:
    """Absolute URLs: the search that produced the export, and the articles' permalinks."""

    search: str
    article_prefix: str  # the permalink of article "x" is article_prefix + "x/<slug>"

    @classmethod
    def from_base(cls, base_url: str, search_args: dict) -> "Links":
        """Links for a server at base_url (the CLI's --base-url), as its routes spell them."""
        base = base_url.rstrip("/")
        return cls(search_url(base + "/", search_args), base + "/articles/")

    def permalink(self, article_id: str, title: str) -> str:
        slug = slugify(title, 60)
        return self.article_prefix + quote(article_id, safe="") + (f"/{slug}" if slug else "")


@dataclass(frozen=True)
class ExportMenu:
    """The Export menu of the search page: one (label, URL) per format, or why there are none."""

    links: tuple[tuple[str, str], ...]
    message: str


def search_url(index_url: str, args: dict) -> str:
    """The search page's URL for args (SearchRequest.to_args()), as the page's links spell it."""
    items = [(k, v) for k, vs in args.items() for v in (vs if isinstance(vs, list) else (vs,))]
    return index_url + ("?" + urlencode(items, safe="!$'()*,/:;?@") if items else "")


def export_args(req) -> dict:
    """The search's args without what only concerns one page of it (page, open facets)."""
    args = req.with_page(1).to_args()
    args.pop("more", None)
    return args


def find_matches(searcher, data, req):
    """Find every article that matches req, as run_search does."""
    text_query = build_query(req.q, searcher.schema, lambda p: expand_prefix(data, p))
    return match(searcher, data, req, text_query)


def check_limit(total: int, limit: int) -> None:
    """Raise TooManyResults when total is over limit.

    Raises:
        TooManyResults: with a message that says how to narrow the search.
    """
    if total > limit:
        raise TooManyResults(
            f"This search matches {total:,} articles; one export holds at most {limit:,}. "
            "Narrow it with a word, a filter or a date range, or export it in parts.")


def ordered_docnums(searcher, data, req, matches) -> list[int]:
    """Return every matching docnum in the order of the search's pages."""
    return page_docnums(searcher, data, req.with_page(1), matches, max(1, matches.total))


def read_references(searcher, docnums: list[int], links: Links,
                    batch: int = BATCH) -> Iterator[Reference]:
    """Yield each article's Reference in the order of docnums, reading BATCH at a time."""
    for start in range(0, len(docnums), batch):
        chunk = docnums[start:start + batch]
        # Stored fields are read in docnum order (sequential in the file), yielded in sort order.
        stored = {d: searcher.stored_fields(d) for d in sorted(chunk)}
        for d in chunk:
            yield to_reference(stored.pop(d), links)


def to_reference(stored: dict, links: Links) -> Reference:
    """Turn a document's stored fields into a Reference."""
    article_id = stored[schema.ARTICLE_ID]
    title = stored.get(schema.TITLE, "")
    return Reference(
        article_id=article_id, title=title, published=stored.get(schema.PUBLISHED, ""),
        sources=schema.split_values(stored.get(schema.SOURCES)),
        author=stored.get(schema.AUTHOR, ""), permalink=links.permalink(article_id, title),
        url=safe_link(stored.get(schema.URL, "")),
        people=schema.split_values(stored.get(schema.PEOPLE)),
        places=schema.split_values(stored.get(schema.PLACES)),
        organizations=schema.split_values(stored.get(schema.ORGANIZATIONS)),
        dates=schema.split_values(stored.get(schema.DATES)),
    )


def file_name(req, fmt: ExportFormat, when: datetime) -> str:
    """A file name from the query, filters and date: "searchapp-oil-prices-2026-11-29.csv"."""
    words = [req.q, *(v for _, values in req.include for v in values), *req.mentioned]
    slug = slugify(" ".join(words), 60) or "all-articles"
    return f"searchapp-{slug}-{when.date().isoformat()}.{fmt.name}"


def export_searcher(searcher, docnums: list[int], links: Links, fmt: ExportFormat,
                    meta: ExportMeta, on_close: Callable[[], None] | None = None) -> Iterator[str]:
    """Yield the export file in pieces; call on_close when done or abandoned (a closed download)."""
    try:
        yield from fmt.write(read_references(searcher, docnums, links), meta)
    finally:
        if on_close is not None:
            on_close()


def _lower_priority(nice: int) -> None:
    """Make the calling thread (a Linux thread has its own nice value) `nice` steps nicer."""
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + nice)
    except (AttributeError, OSError):
        pass  # not on this platform: the export runs at the server's priority


def in_background(pieces: Iterator[str], nice: int = EXPORT_NICE) -> Iterator[str]:
    """Yield what pieces yields, produced by a thread of lower CPU priority, one piece ahead.

    The thread is the export's own and ends with it, so no thread stays nice. Closing this
    generator (a download the client abandoned) closes pieces, in that thread.
    """
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="searchapp-export",
                                  initializer=_lower_priority, initargs=(nice,))
    done = object()
    try:
        upcoming = executor.submit(next, pieces, done)
        while True:
            piece = upcoming.result()  # re-raises what the thread raised
            if piece is done:
                return
            upcoming = executor.submit(next, pieces, done)
            yield piece
    finally:
        executor.submit(pieces.close).result()
        executor.shutdown(wait=True)
