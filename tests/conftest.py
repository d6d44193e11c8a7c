"""Shared fixtures: a small index with known entities (no NER), the app and its test client; require()."""
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from searchapp import config, create_app, schema, store
from searchapp.articles import Article, Entities

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def pytest_configure(config) -> None:  # noqa: ARG001 - pytest's hook signature
    """Searches in tests answer whatever the machine's load: the 250 ms deadline is a setting of
    production, whose cut-offs test_deadline.py checks with a hand-moved clock, never by timing; on
    a busy machine (a CI runner, a suite beside an index build on 2 cores) a plain search may take
    longer and answer "took too long". Apps made here, and servers the tests start, read
    SEARCHAPP_SEARCH_DEADLINE_MS; a test's own setting wins."""
    os.environ.setdefault("SEARCHAPP_SEARCH_DEADLINE_MS", "5000")

# Known articles and entities: view and API tests assert exact counts against these.
TOY_ARTICLES = [
    (Article("wang-putin", "Putin meets Wang Yi in Moscow",
             "Vladimir Putin met Wang Yi in Moscow on Wednesday.\n\nTalks with Minister Lavrov\n\n"
             "The president praised cooperation between Russia and China.",
             date(2023, 2, 22), sources=("AFP", "Reuters"), subheadings=("Talks with Minister Lavrov",),
             origin="/data/a.txt"),
     Entities(("Lavrov", "Vladimir Putin", "Wang Yi"), ("China", "Moscow", "Russia"),
              ("Kremlin",), ("2023-02-22",), ("China", "Russia"))),
    (Article("sanctions", "Sanctions on Russia widen",
             "The European Union agreed new sanctions on Russia. Presidential aides in "
             "Washington welcomed the sanction.", date(2023, 2, 24), origin="/data/b.txt"),
     Entities((), ("Russia", "Washington"), ("European Union",), ("2023-02",),
              ("Russia", "United States"))),
    (Article("xi-visit", "Xi Jinping to visit Moscow",
             "Chinese President Xi Jinping will visit Moscow, Wang Yi said after talks with "
             "Vladimir Putin.", date(2023, 3, 1), origin="/data/c.txt"),
     Entities(("Vladimir Putin", "Wang Yi", "Xi Jinping"), ("China", "Moscow"), (), ("2023-03",),
              ("China", "Russia"))),
    (Article("reuters-1", "Bahia Cocoa Review",
             "SALVADOR, Feb 26 - Showers continued in the Bahia cocoa zone.", date(1987, 2, 26),
             sources=("Reuters",), origin="/data/reut2-000.sgm"),
     Entities((), ("Brazil", "Salvador"), (), ("1987",), ("Brazil",))),
    (Article("hostile", f"Hostile {HOSTILE} title", f"Body with {HOSTILE} and cocoa.",
             date(2022, 5, 1), url="javascript:alert(1)", origin="/data/h.txt"),
     Entities((f"Evil {HOSTILE}",), ("Moscow",), (), (), ("Russia",))),
]


def build_toy_index(index_dir: Path, resolved: bool = False) -> Path:
    """Write the toy index; resolved=True also caches the toy entities as each text's NER result
    and runs corpus-wide resolution once, as `searchapp index` leaves an index (no spaCy)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(index_dir), schema.build_schema())
    with ix.writer() as writer:
        for article, entities in TOY_ARTICLES:
            writer.add_document(**schema.to_document(article, entities))
    ix.close()
    if resolved:
        resolve_as_given(index_dir, TOY_ARTICLES)
    return index_dir


def resolve_names(*articles: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> list[Entities]:
    """The corpus-wide names of articles given as (people, places, organisations) local names."""
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(people=tuple(sorted(p)), places=tuple(sorted(pl)), organizations=tuple(sorted(o)))
             for p, pl, o in articles]
    maps = CorpusMaps.build(local)
    return [maps.apply(ents) for ents in local]


def resolve_as_given(index_dir: Path, articles: list[tuple[Article, Entities]]) -> None:
    """Cache each article's given entities as its text's NER result, then run corpus-wide
    resolution once, as `searchapp index` leaves an index (no spaCy runs)."""
    from searchapp.articles import text_hash
    from searchapp.cache import ExtractionCache
    from searchapp.entities import Extractor, Mentions
    from searchapp.resolution import reresolve_index

    from searchapp.entities.acting import acting_names
    from searchapp.entities.people import PERSON_ROLES

    def titled(text: str, people: tuple[str, ...]) -> tuple[str, ...]:
        """The one-word people the text names after a title, as the extractor records them."""
        return tuple(p for p in people if " " not in p and re.search(
            rf"\b(?:{'|'.join(PERSON_ROLES)})\.? {re.escape(p)}\b", text, re.IGNORECASE))

    cache = ExtractionCache(index_dir)
    def acting(text: str, entities: Entities) -> tuple[str, ...]:
        """The names the text shows acting as a body, as the extractor records them."""
        return acting_names(text, [*(("person", p, p, 1) for p in entities.people),
                                   *(("org", o, o, 1) for o in entities.organizations)])

    cache.put_many({text_hash(article.text): Mentions(
        entities.people, entities.places, entities.organizations, entities.dates,
        titled=titled(article.text, entities.people), acting=acting(article.text, entities)).to_json()
        for article, entities in articles}, Extractor().version)
    cache.close()
    reresolve_index(index_dir)


@pytest.fixture(scope="session")
def toy_index_dir(tmp_path_factory) -> Path:
    return build_toy_index(tmp_path_factory.mktemp("toy-index"))


def in_ci() -> bool:
    """Whether the suite runs in CI (CI=true), where a test may not skip."""
    return os.environ.get("CI") == "true"


def require(condition: bool, reason: str) -> None:
    """Skip the calling test when what it needs is missing: reason says what and how to get it.

    Every skip of the suite goes through here (tests/test_suite_rules.py checks), because under
    CI=true a missing Chromium, ../shared/data or binary is a failure, not a skip.
    """
    if condition:
        return
    if in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true, turn any skip that did not come through require() into a failure too."""
    report = yield
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"CI=true but {item.nodeid} was skipped ({reason})"
    return report


def close_app(app) -> None:
    """Close what create_app opened: the index and its current snapshot."""
    app.extensions[store.EXTENSION].close()


@pytest.fixture(scope="session")
def app(toy_index_dir):
    app = create_app({"INDEX_DIR": str(toy_index_dir), "TESTING": True})
    yield app
    close_app(app)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def make_app():
    """create_app(overrides) for one test; every app it made is closed after the test."""
    made = []

    def make(overrides: dict):
        app = create_app(overrides)
        made.append(app)
        return app

    yield make
    for app in made:
        close_app(app)


@contextmanager
def api_client(index_dir: Path) -> Iterator:
    """A test client of an app over index_dir; the app is closed on leaving the block."""
    app = create_app({"INDEX_DIR": str(index_dir), "TESTING": True})
    try:
        yield app.test_client()
    finally:
        close_app(app)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = config.data_dir()
    require(path.is_dir(), f"shared data not found at {path} (set SEARCHAPP_DATA_DIR)")
    return path


@pytest.fixture(scope="module")
def extractor():
    """The real spaCy pipeline (searchapp.entities.Extractor), loaded once per module that asks."""
    from searchapp.entities import Extractor

    extractor = Extractor()
    yield extractor
    extractor.close()
