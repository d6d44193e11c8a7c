"""Evaluate parsed Whoosh queries with numpy over a snapshot's postings: which documents match, and BM25F scores.

Whoosh's own matchers walk postings one document at a time in Python; a half-typed "pr" expanded
to two dozen words took 0.6 s to match and 2 s to score on 18,000 articles. Here each term's
postings are read once into arrays (searchapp.textpostings, kept within a memory budget for the
index version), and And/Or/Not become boolean array operations: the same query takes milliseconds.
"""
from __future__ import annotations

import math

import numpy as np
from whoosh import query
from whoosh.query import Term

from searchapp.deadline import Deadline
from searchapp.lexicon import Lexicon
from searchapp.textpostings import POSTINGS_BUDGET_BYTES, WARM_POSTINGS_BYTES, Segments, TextPostings

# BM25 constants, as in Whoosh's default BM25F scorer (whoosh.scoring.BM25F).
K1 = 1.2
B = 0.75
# A prefix, fuzzy or wildcard term expands to at most this many words (the most frequent), and
# one query reads at most this many postings for expansions: "s* t* c*" or "the~2" stay fast,
# and the page says the query was narrowed.
MAX_EXPANSION = 50
MAX_EXPANSION_POSTINGS = 2_000_000


def _in_order_within(matchers, docnum: int, slop: int) -> bool:
    """Whether docnum has the words of the matchers in order, each 1 to slop positions after
    the one before (Whoosh's Phrase: SpanNear, ordered, mindist 1)."""
    reach = None
    for matcher in matchers:
        matcher.skip_to(docnum)
        if not matcher.is_active() or matcher.id() != docnum:
            return False
        positions = np.asarray(matcher.value_as("positions"), dtype=np.int64)
        if reach is None:
            reach = positions
        else:
            # Keep the positions p that some reached r precedes by 1..slop.
            before = np.searchsorted(reach, positions - 1, side="right")
            too_far = np.searchsorted(reach, positions - slop, side="left")
            reach = positions[before > too_far]
        if not len(reach):
            return False
    return True


class TextIndex:
    """The text side of one index version: its postings, its lexicon, and the evaluation of queries over them."""

    def __init__(self, reader, budget_bytes: int = POSTINGS_BUDGET_BYTES) -> None:
        self.reader = reader
        self.n = reader.doc_count_all()
        # As Whoosh's BM25F: N counts every document of the segments, deleted ones included
        # (so do the doc frequencies the idf divides).
        self.doc_count = max(1, reader.doc_count_all())
        self.segments = Segments(reader)
        self.postings = TextPostings(self.segments, budget_bytes)
        self.lexicon = Lexicon(self.segments)

    def warm(self, vocabulary_field: str, length_fields: tuple[str, ...],
             postings_bytes: int = WARM_POSTINGS_BYTES, skip: frozenset[str] = frozenset()) -> None:
        """Read what nearly every query needs up front, so the first keystroke is not slow:
        the vocabulary, field lengths, and the postings of the most frequent words (but skip)
        of vocabulary_field, most frequent first, up to postings_bytes."""
        words, freqs = self.lexicon.vocabulary(vocabulary_field)
        for field in length_fields:
            self.postings.lengths(field)
        self.postings.warm(vocabulary_field, words, freqs, postings_bytes, skip)

    def idf(self, field: str, btext: bytes) -> float:
        """Whoosh's idf: log(N / (df + 1)) + 1."""
        return math.log(self.doc_count / (self.reader.doc_frequency(field, btext) + 1)) + 1

    def bm25(self, field: str, btext: bytes, docs: np.ndarray, weights: np.ndarray,
             boost: float) -> np.ndarray:
        """BM25 of one term in the given documents (Whoosh's formula, whoosh.scoring.bm25)."""
        weights = weights.astype(np.float32, copy=False)  # uint16 in postings files
        lengths = self.postings.lengths(field)[docs]
        norm = K1 * ((1 - B) + B * lengths / self.postings.average_length(field))
        return boost * self.idf(field, btext) * weights * (K1 + 1) / (weights + norm)

    def run(self, q: query.Query, searcher, deadline: Deadline | None = None
            ) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
        """Evaluate a whole query: (matching mask, scores, notices about narrowed parts).

        Parts that would loop past the deadline (phrases, expansions, fuzzy words) stop there
        and keep what they found; the deadline then remembers it was hit.
        """
        evaluation = Evaluation(self, searcher, deadline or Deadline.none())
        mask, scores = evaluation.evaluate(q)
        return mask, scores, tuple(sorted(evaluation.notes))

    def nbytes(self) -> int:
        return self.postings.nbytes()


class Evaluation:
    """One run of one query: its searcher, deadline, and what it narrowed (the snapshot's TextIndex stays unchanged)."""

    def __init__(self, text: TextIndex, searcher, deadline: Deadline) -> None:
        self.text = text
        self.n = text.n
        self.searcher = searcher
        self.deadline = deadline
        self.notes: set[str] = set()  # what had to be narrowed, for the page to say
        self.expansion_postings = 0

    def _none(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.n, dtype=bool), np.zeros(self.n, dtype=np.float32)

    def term(self, field: str, btext: bytes, boost: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """Match and score one term with BM25."""
        docs, weights = self.text.postings.get(field, btext)
        mask, scores = self._none()
        if len(docs):
            mask[docs] = True
            scores[docs] = self.text.bm25(field, btext, docs, weights, boost)
        return mask, scores

    def evaluate(self, q: query.Query) -> tuple[np.ndarray, np.ndarray]:
        """Return (matching mask, scores) of a parsed query over every docnum."""
        if isinstance(q, query.Term):
            field_obj = self.searcher.schema[q.fieldname]
            return self.term(q.fieldname, field_obj.to_bytes(q.text), q.boost)
        if isinstance(q, query.And):
            return self._combine(q.subqueries, np.logical_and)
        if isinstance(q, (query.Or, query.DisjunctionMax)):
            return self._combine(q.subqueries, np.logical_or)
        if isinstance(q, query.Not):
            mask, _ = self.evaluate(q.query)
            return ~mask, np.zeros(self.n, dtype=np.float32)
        if isinstance(q, query.AndNot):
            mask, scores = self.evaluate(q.a)
            excluded, _ = self.evaluate(q.b)
            mask = mask & ~excluded
            return mask, np.where(mask, scores, 0).astype(np.float32)
        if isinstance(q, query.AndMaybe):
            mask, scores = self.evaluate(q.a)
            _, extra = self.evaluate(q.b)
            return mask, np.where(mask, scores + extra, 0).astype(np.float32)
        if isinstance(q, query.Every):
            return np.ones(self.n, dtype=bool), np.zeros(self.n, dtype=np.float32)
        if q is query.NullQuery:
            return self._none()
        if isinstance(q, query.Phrase):
            return self._phrase(q)
        if isinstance(q, (query.Prefix, query.FuzzyTerm)):
            return self._expand(q)
        return self._fallback(q)

    def _combine(self, subqueries, op) -> tuple[np.ndarray, np.ndarray]:
        """And (op=logical_and) or Or of subqueries. Past the deadline an Or keeps the parts it
        has, and an And that has not seen every part has confirmed nothing."""
        if not subqueries:
            return self._none()
        mask, scores = self.evaluate(subqueries[0])
        scores = scores.copy()
        for sub in subqueries[1:]:
            if self.deadline.expired():
                if op is np.logical_and:
                    return self._none()
                break
            sub_mask, sub_scores = self.evaluate(sub)
            mask = op(mask, sub_mask)
            scores += sub_scores
        return mask, np.where(mask, scores, 0).astype(np.float32)

    def _expand(self, q: query.MultiTerm) -> tuple[np.ndarray, np.ndarray]:
        """Prefix, fuzzy and wildcard terms: the most frequent matching words, OR-ed."""
        words, count = self.text.lexicon.expansion(q, MAX_EXPANSION, self.deadline)
        if count > MAX_EXPANSION:
            text = q.text if isinstance(q.text, str) else q.text.decode("utf-8")
            self.notes.add(f"“{text}” matches {count:,} words; the {MAX_EXPANSION} most "
                           "common were used.")
        doc_parts, score_parts = [], []
        for word in words:
            if self.deadline.expired():
                break
            docs, weights = self.text.postings.get(q.fieldname, word)
            if self.expansion_postings + len(docs) > MAX_EXPANSION_POSTINGS:
                self.notes.add(f"“{q.text}” matches too many words; the most common ones were used.")
                break
            self.expansion_postings += len(docs)
            if len(docs):
                doc_parts.append(docs)
                score_parts.append(self.text.bm25(q.fieldname, word, docs, weights, q.boost))
        if not doc_parts:
            return self._none()
        docs = np.concatenate(doc_parts)
        scores = np.bincount(docs, weights=np.concatenate(score_parts), minlength=self.n)
        mask = np.zeros(self.n, dtype=bool)
        mask[docs] = True
        return mask, scores.astype(np.float32)

    def _phrase(self, q: query.Phrase) -> tuple[np.ndarray, np.ndarray]:
        """A phrase: documents with all its words (numpy), then their positions, one by one.

        Whoosh's own phrase matcher checks positions too, but cannot be stopped between two
        documents it skips, and a repeated word with a large slop made it take seconds. Here
        each candidate is checked in turn while there is time; past the deadline the documents
        confirmed so far are the matches. Each match scores as the sum of its words' BM25.
        """
        if self.deadline.expired():
            return self._none()
        words = [Term(q.fieldname, w, boost=q.boost) for w in q.words]
        mask, scores = self._combine(words, np.logical_and)
        schema = self.searcher.schema
        field = schema[q.fieldname] if q.fieldname in schema else None
        if field is None or not field.format or not field.format.supports("positions"):
            return mask, scores  # no positions to check: all the words, anywhere
        candidates = np.flatnonzero(mask)
        if not len(candidates):
            return mask, scores
        matchers = [self.searcher.postings(q.fieldname, field.to_bytes(w)) for w in q.words]
        confirmed = np.zeros(self.n, dtype=bool)
        for docnum in candidates.tolist():
            if self.deadline.expired():
                break
            if _in_order_within(matchers, docnum, q.slop):
                confirmed[docnum] = True
        mask &= confirmed
        return mask, np.where(mask, scores, 0).astype(np.float32)

    def _fallback(self, q: query.Query) -> tuple[np.ndarray, np.ndarray]:
        """Any other query type: Whoosh finds the documents (those found in time), each scored by the boost."""
        found = []
        for docnum in self.searcher.docs_for_query(q, for_deletion=False):
            if self.deadline.expired():
                break
            found.append(docnum)
        mask = np.zeros(self.n, dtype=bool)
        mask[np.array(found, dtype=np.int64)] = True
        return mask, mask.astype(np.float32) * float(getattr(q, "boost", 1.0))
