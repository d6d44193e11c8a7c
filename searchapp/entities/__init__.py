"""Entity extraction: people, places, organisations and dates of an article, in canonical form.

Two steps, so that the expensive one can be cached by text: Extractor.analyse() runs spaCy NER
and gives Mentions (names already canonical); resolve() adds what depends on the publication date
(dates) and on data lookups only (countries). Across a corpus, corpus.CorpusMaps (surname
and organisation maps, then the editors' rules) gives every article its final names, a pure
function of the whole corpus (resolve_corpus).
Modules: ner (Extractor, worker pool), pipeline (loading spaCy), mentions (Doc -> Mentions: which
span is what), people (PERSON spans: person, company or word?), org_spans (ORG spans: one firm,
two, a title, a place?), firms (firms the wire marks: partnerships, tickers, brackets), tables (wire
tables and their row places), headlines (wire headline case), names (span cleanup), orgs (legal
suffixes, acronyms, agencies, bare institutions), aliases (one person, several names), places
(gazetteer, countries), towns (dateline towns with their state), dates (date resolution).
"""
from __future__ import annotations

from collections.abc import Sequence

from searchapp.articles import Article, Entities
from searchapp.entities.aliases import apply_surname_map, build_surname_map
from searchapp.entities.corpus import RESOLUTION_VERSION, CorpusMaps, resolve, resolve_corpus
from searchapp.entities.mentions import Mentions, mentions_from_doc
from searchapp.entities.ner import EXTRACTION_VERSION, Extractor, ModelNotFoundError
from searchapp.entities.orgs import apply_org_map, build_org_map
from searchapp.entities.places import country_of

__all__ = [
    "EXTRACTION_VERSION", "RESOLUTION_VERSION", "CorpusMaps", "Extractor", "Mentions", "ModelNotFoundError", "apply_org_map",
    "apply_surname_map", "build_org_map", "build_surname_map", "country_of", "extract_corpus", "extract_entities",
    "mentions_from_doc", "resolve", "resolve_corpus",
]


def extract_corpus(articles: Sequence[Article], extractor: Extractor,
                   n_process: int = 1) -> list[Entities]:
    """Extract the final entities of every article of a corpus, resolved across all of them.

    This is what `searchapp index` stores for the same articles (indexer + resolution.py).
    """
    mentions = extractor.analyse([article.text for article in articles], n_process=n_process)
    return resolve_corpus([(m, article.published) for m, article in zip(mentions, articles)])


def extract_entities(article: Article, extractor: Extractor) -> Entities:
    """Extract one article's entities (analyse + resolve); the indexer batches and caches instead."""
    mentions = next(extractor.analyse([article.text]))
    return resolve(mentions, article.published)
