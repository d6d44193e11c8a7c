"""An entity's articles on its page: the latest, those that name it most, and the spellings they use.

The mentions and spellings come from the index fields schema.MENTIONED (term frequency = how many
times an article names the entity) and schema.SPELLINGS, read as postings of the snapshot, so a
name in 50,000 articles costs one array, not 50,000 stored documents.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from whoosh import query

from searchapp import schema

if TYPE_CHECKING:
    from searchapp.entity_pages import Kind
    from searchapp.facets import IndexData

ARTICLES = 10  # latest articles, and articles that mention it most


@dataclass(frozen=True)
class ArticleRef:
    article_id: str
    title: str
    published: str
    mentions: int | None = None  # in the "mention it most" list: how many times it names the entity


def refs(searcher, docnums, counts: np.ndarray | None = None) -> tuple[ArticleRef, ...]:
    """Return the titles and dates of documents (and their mentions, given counts per document)."""
    refs = []
    for docnum in docnums:
        stored = searcher.stored_fields(int(docnum))
        refs.append(ArticleRef(stored.get(schema.ARTICLE_ID, ""), stored.get(schema.TITLE, ""),
                               stored.get(schema.PUBLISHED, ""),
                               None if counts is None else int(counts[docnum])))
    return tuple(refs)


def latest_docnums(data: IndexData, mask: np.ndarray, limit: int = ARTICLES) -> np.ndarray:
    """Return the newest documents of mask (undated last; ties by docnum)."""
    candidates = np.flatnonzero(mask)
    days = data.day[candidates].astype(np.int64)
    if len(candidates) > limit:
        keep = np.argpartition(-days, limit - 1)[:limit * 4]
        candidates, days = candidates[keep], days[keep]
    order = np.lexsort((candidates, -days))
    return candidates[order[:limit]]


def name_query(searcher, name: str) -> query.Query | None:
    """Return a query for the words of a name in title and body (any of them, BM25-scored)."""
    terms = []
    for field in (schema.TITLE, schema.BODY):
        analyzer = searcher.schema[field].analyzer
        words = dict.fromkeys(token.text for token in analyzer(name))
        terms += [query.Term(field, word) for word in words]
    return query.Or(terms) if terms else None


def most_docnums(searcher, data: IndexData, kind: Kind, mask: np.ndarray, name: str,
                 limit: int = ARTICLES) -> tuple[np.ndarray, np.ndarray | None]:
    """Return the documents of mask that name the entity most often, newest first on ties, and
    the mentions of every document (None for an index without them).

    The counts are the term frequencies of the entity's schema.MENTIONED term (how many times
    NER found one of its spellings in the article); an article of mask without it (a country
    page's article naming only a town in it) counts 0. An index written before the counts were
    kept ranks by BM25 of the name's words in title and body instead.
    """
    candidates = np.flatnonzero(mask)
    counts = None
    if not len(candidates):
        return candidates, counts
    if schema.MENTIONED in searcher.schema:
        docs, weights = data.text.postings.get(schema.MENTIONED,
                                           schema.mentioned_term(kind.param, name).encode("utf-8"))
        counts = np.zeros(len(mask), np.float32)
        counts[docs] = weights
        cand_scores = counts[candidates]
    else:
        q = name_query(searcher, name)
        if q is None:
            return latest_docnums(data, mask, limit), counts
        _matched, scores, _notes = data.text.run(q, searcher)
        cand_scores = scores[candidates]
    days = data.day[candidates].astype(np.int64)
    order = np.lexsort((candidates, -days, -cand_scores))
    return candidates[order[:limit]], counts


def spellings(searcher, data: IndexData, kind: Kind, name: str) -> tuple[str, ...] | None:
    """Return the other spellings the live articles use for the entity, the most used first
    (None: the index was written before spellings were kept)."""
    if schema.SPELLINGS not in searcher.schema:
        return None
    prefix = schema.spelling_prefix(kind.param, name)
    used = []
    for btext in searcher.reader().expand_prefix(schema.SPELLINGS, prefix):
        docs, _weights = data.text.postings.get(schema.SPELLINGS, btext)
        live = int(data.live[docs].sum()) if len(docs) else 0
        spelling = btext.decode("utf-8")[len(prefix):]
        if live and spelling != spelling.lower():  # "u.s." in a lower-case line is no spelling
            used.append((-live, spelling))
    # One entry per spelling whatever its case: "US" stands for "Us" from a Title Case headline.
    shown = {name.casefold()}
    out = []
    for _n, spelling in sorted(used):
        if spelling.casefold() not in shown:
            shown.add(spelling.casefold())
            out.append(spelling)
    return tuple(out)
