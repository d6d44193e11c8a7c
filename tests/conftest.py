"""Shared fixtures: a small index with known entities (no NER), the app and its test client."""
from datetime import date
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from searchapp import config, create_app, schema
from searchapp.articles import Article, Entities

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'

# Known articles and entities: view and API tests assert exact counts against these.
TOY_ARTICLES = [
    (Article("wang-putin", "Putin meets Wang Yi in Moscow",
             "Vladimir Putin met Wang Yi in Moscow on Wednesday.\n\nTalks with Lavrov\n\n"
             "The president praised cooperation between Russia and China.",
             date(2023, 2, 22), sources=("AFP", "Reuters"), subheadings=("Talks with Lavrov",),
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


def resolve_as_given(index_dir: Path, articles: list[tuple[Article, Entities]]) -> None:
    """Cache each article's given entities as its text's NER result, then run corpus-wide
    resolution once, as `searchapp index` leaves an index (no spaCy runs)."""
    from searchapp.articles import text_hash
    from searchapp.cache import ExtractionCache
    from searchapp.entities import Extractor, Mentions
    from searchapp.resolution import reresolve_index

    cache = ExtractionCache(index_dir)
    cache.put_many({text_hash(article.text): Mentions(
        entities.people, entities.places, entities.organizations, entities.dates).to_json()
        for article, entities in articles}, Extractor().version)
    cache.close()
    reresolve_index(index_dir)


@pytest.fixture(scope="session")
def toy_index_dir(tmp_path_factory) -> Path:
    return build_toy_index(tmp_path_factory.mktemp("toy-index"))


@pytest.fixture(scope="session")
def app(toy_index_dir):
    return create_app({"INDEX_DIR": str(toy_index_dir), "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = config.data_dir()
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path} (set SEARCHAPP_DATA_DIR)")
    return path
