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

    The whole corpus is read first: names resolve across it, as `searchapp index` resolves them
    (searchapp.entities.corpus.resolve_corpus_mentions: the names and how often and how each
    article names them).
    """
    from searchapp.entities import Extractor
    from searchapp.entities.corpus import resolve_corpus_mentions

    articles: list[Article] = []
    for result in read_articles(paths):
        for problem in result.problems:
            on_problem(problem)
        articles.extend(result.articles)
    with Extractor() as extractor:
        mentions = list(extractor.analyse([article.text for article in articles],
                                          n_process=2 if len(articles) >= PARALLEL_FROM else 1))
        for m, article in zip(mentions, articles):
            if m.error:  # the article is still printed, without names, as index stores it
                on_problem(Problem(article.origin or article.article_id,
                                   f"names not extracted ({m.error})"))
        resolved = resolve_corpus_mentions([(m, a.published) for m, a in zip(mentions, articles)])
    for article, (ents, records) in zip(articles, resolved):
        yield to_record(article, ents, records)


def to_record(article: Article, ents: Entities, mentions: tuple = ()) -> dict:
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
        "mentions": [{"kind": kind, "name": name, "count": count, "spellings": list(spellings)}
                     for kind, name, count, spellings in mentions],
    }
