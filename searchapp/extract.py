"""extract_paths(): read article files and run entity extraction over them, as records; nothing is indexed."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from searchapp.articles import Article, Entities
from searchapp.corpus import Problem, read_articles

# From this many articles on, NER runs in two processes (below, loading a second model costs more).
PARALLEL_FROM = 400


def extract_paths(paths: list[Path], on_problem: Callable[[Problem], None]) -> Iterator[dict]:
    """Yield one record per article found under paths, in order; report each bad file or record.

    The whole corpus is read first: names resolve across it (searchapp.entities.extract_corpus),
    as `searchapp index` resolves them.
    """
    from searchapp.entities import Extractor, extract_corpus

    articles: list[Article] = []
    for result in read_articles(paths):
        for problem in result.problems:
            on_problem(problem)
        articles.extend(result.articles)
    with Extractor() as extractor:
        entities = extract_corpus(articles, extractor,
                                  n_process=2 if len(articles) >= PARALLEL_FROM else 1)
    for article, ents in zip(articles, entities):
        yield to_record(article, ents)


def to_record(article: Article, ents: Entities) -> dict:
    """One article and its entities as the JSON object `searchapp extract` prints."""
    return {
        "id": article.article_id,
        "title": article.title,
        "title_derived": article.title_derived,
        "published": article.published.isoformat() if article.published else None,
        "sources": list(article.sources),
        "url": article.url or None,
        "people": list(ents.people),
        "places": list(ents.places),
        "organizations": list(ents.organizations),
        "countries": list(ents.countries),
        "dates": list(ents.dates),
    }
