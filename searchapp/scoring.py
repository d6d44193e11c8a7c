"""Evaluate parsed Whoosh queries with numpy over cached postings: which documents match, and BM25F scores.

Whoosh's own matchers walk postings one document at a time in Python; a half-typed "pr" expanded
to two dozen words took 0.6 s to match and 2 s to score on 18,000 articles. Here each term's
postings are read once into arrays (and kept, within a memory budget, for the index version),
and And/Or/Not become boolean array operations: the same query takes milliseconds.
"""
from __future__ import annotations

import bisect
import itertools
import math
import time
from collections import OrderedDict

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.query import Term
from whoosh.reading import TermNotFound
from whoosh.support.levenshtein import damerau_levenshtein
from whoosh.util.numeric import byte_to_length

from searchapp.deadline import Deadline
from searchapp.postings import SegmentFiles, raw_postings, read_leaf

# BM25 constants, as in Whoosh's default BM25F scorer (whoosh.scoring.BM25F).
K1 = 1.2
B = 0.75
# A prefix, fuzzy or wildcard term expands to at most this many words (the most frequent), and
# one query reads at most this many postings for expansions: "s* t* c*" or "the~2" stay fast,
# and the page says the query was narrowed.
MAX_EXPANSION = 50
MAX_EXPANSION_POSTINGS = 2_000_000
POSTINGS_BUDGET_BYTES = 64 * 1024 * 1024
# When a snapshot is built, the postings of the most frequent words of the prefix field are read
# up to this size: a half-typed word expands to the most frequent words that start with it, and
# reading those from Whoosh the first time cost 120-300 ms at 180,000 articles ("th", "ma").
# Segments with postings files (searchapp.postings) need no pre-reading: a read is a slice.
WARM_POSTINGS_BYTES = 16 * 1024 * 1024
WARM_MIN_DOCS = 100
_BYTE_TO_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


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
    """Postings and field lengths of one index version as numpy arrays, read on demand."""

    def __init__(self, reader, budget_bytes: int = POSTINGS_BUDGET_BYTES) -> None:
        self.reader = reader
        self.n = reader.doc_count_all()
        # As Whoosh's BM25F: N and the average field length count every document of the
        # segments, deleted ones included (so do the doc frequencies the idf divides).
        self.doc_count = max(1, reader.doc_count_all())
        self.budget = budget_bytes
        self._postings: OrderedDict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._bytes = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._avg: dict[str, float] = {}
        self._vocab: dict[str, tuple[list[str], np.ndarray]] = {}
        self._prefixes: dict[tuple[str, str, int], tuple[str, ...]] = {}
        self.notes: set[str] = set()  # what run() had to narrow, for the page to say
        self.expansion_postings = 0
        self.deadline = Deadline.none()  # of the run() under way
        # Each segment with its postings files (None: read through Whoosh). Files written after
        # this snapshot was taken (the indexer writes them just after its commit) are looked
        # for again, at most once a second.
        self._leaves = [(leaf, base, SegmentFiles.open(leaf)) for leaf, base in reader.leaf_readers()]
        self._files_checked = time.monotonic()

    def _refresh_files(self) -> None:
        if all(files is not None for _l, _b, files in self._leaves):
            return
        now = time.monotonic()
        if now - self._files_checked < 1.0:
            return
        self._files_checked = now
        self._leaves = [(leaf, base, files or SegmentFiles.open(leaf))
                        for leaf, base, files in self._leaves]

    def has_files(self, field: str) -> bool:
        """Whether every segment's postings of field come from postings files."""
        self._refresh_files()
        return all(files is not None and files.covers(field) for _l, _b, files in self._leaves)

    # ---- reading -------------------------------------------------------------------------

    def postings(self, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Return (docnums, weights) of a term; empty arrays when it is not in the index.

        Read-only views into the postings files when the index is one segment that has them
        (nothing is copied or kept); otherwise arrays kept in an LRU cache within the budget.
        """
        key = (field, btext)
        hit = self._postings.get(key)
        if hit is not None:
            self._postings.move_to_end(key)
            return hit
        self._refresh_files()
        docs, weights = self._read_postings(field, btext)
        if docs.flags.owndata or docs.base is None:
            self._postings[key] = (docs, weights)
            self._bytes += docs.nbytes + weights.nbytes
            while self._bytes > self.budget and len(self._postings) > 1:
                _, (d, w) = self._postings.popitem(last=False)
                self._bytes -= d.nbytes + w.nbytes
        return docs, weights

    def _read_postings(self, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        doc_parts, weight_parts = [], []
        for leaf, base, files in self._leaves:
            if files is not None and files.covers(field):
                found = files.field(field)
                found = found.postings(btext) if found is not None else None
                if found is None:
                    continue
                docs, weights = found
            else:
                try:
                    docs, weights = read_leaf(raw_postings(leaf, field, btext))
                except TermNotFound:
                    continue
            doc_parts.append(docs + base if base else docs)
            weight_parts.append(weights)
        if not doc_parts:
            return np.empty(0, np.int32), np.empty(0, np.float32)
        if len(doc_parts) == 1:
            return doc_parts[0], weight_parts[0]
        return (np.concatenate(doc_parts).astype(np.int32, copy=False),
                np.concatenate(weight_parts).astype(np.float32, copy=False))

    def lengths(self, field: str) -> np.ndarray:
        """Return each document's length in field (0 for none), as Whoosh stored it."""
        if field not in self._lengths:
            parts = []
            for leaf, _base in self.reader.leaf_readers():
                column = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN) \
                    if hasattr(leaf, "_perdoc") else None
                count = leaf.doc_count_all()
                if column is None:
                    parts.append(np.array([leaf.doc_field_length(d, field) or 0
                                           for d in range(count)], dtype=np.float32))
                else:
                    raw = np.fromiter(iter(column), dtype=np.uint8, count=count)
                    parts.append(_BYTE_TO_LENGTH[raw])
            self._lengths[field] = np.concatenate(parts) if parts else np.zeros(0, np.float32)
            self._avg[field] = self.reader.field_length(field) / self.doc_count or 1.0
        return self._lengths[field]

    def warm(self, vocabulary_field: str, length_fields: tuple[str, ...],
             postings_bytes: int = WARM_POSTINGS_BYTES, skip: frozenset[str] = frozenset()) -> None:
        """Read what nearly every query needs up front, so the first keystroke is not slow:
        the vocabulary, field lengths, and the postings of the most frequent words (but skip)
        of vocabulary_field, most frequent first, up to postings_bytes."""
        words, freqs = self._vocabulary(vocabulary_field)
        for field in length_fields:
            self.lengths(field)
        if self.has_files(vocabulary_field):
            return  # reads are slices of the mapped files: nothing to gain
        budget = min(postings_bytes, self.budget // 2)  # leave room for what queries read
        for i in np.argsort(-freqs, kind="stable"):
            if freqs[i] < WARM_MIN_DOCS:
                break  # a rare word is quick to read when asked for
            size = int(freqs[i]) * 8  # int32 docnum + float32 weight per posting
            if size <= budget and words[i] not in skip:
                self.postings(vocabulary_field, words[i].encode("utf-8"))
                budget -= size

    def most_frequent_with_prefix(self, field: str, prefix: str, limit: int) -> tuple[str, ...]:
        """Return the `limit` words of field that start with prefix, most documents first."""
        key = (field, prefix, limit)
        if key not in self._prefixes:
            words, freqs = self._vocabulary(field)
            lo = bisect.bisect_left(words, prefix)
            hi = bisect.bisect_left(words, prefix + "\U0010ffff")
            found = freqs[lo:hi]
            top = np.argsort(-found, kind="stable")[:limit] if hi > lo else []
            if len(self._prefixes) > 10_000:
                self._prefixes.clear()
            self._prefixes[key] = tuple(words[lo + i] for i in top)
        return self._prefixes[key]

    def closest_common_word(self, field: str, word: str, maxdist: int, min_freq: int,
                            deadline: Deadline | None = None) -> str:
        """Return the most frequent word of field within maxdist edits of word (same first letter)
        that is in at least min_freq documents, or "" (also when the deadline passes first)."""
        deadline = deadline or Deadline.none()
        words, freqs = self._vocabulary(field)
        lo = bisect.bisect_left(words, word[:1])
        hi = bisect.bisect_left(words, word[:1] + "\U0010ffff")
        # Frequent words first: the first one within reach wins, and few need the edit distance.
        letters = set(word)
        for n, i in enumerate(lo + np.argsort(-freqs[lo:hi], kind="stable")):
            if freqs[i] < min_freq or (not n % 512 and deadline.expired()):
                break
            candidate = words[i]
            # One edit changes the set of letters by at most two, so a larger difference rules a
            # word out without the (pure Python) edit distance: 90% of a no-match typo's time.
            if candidate != word and abs(len(candidate) - len(word)) <= maxdist \
                    and len(letters.symmetric_difference(candidate)) <= 2 * maxdist \
                    and damerau_levenshtein(candidate, word, maxdist + 1) <= maxdist:
                return candidate
        return ""

    def _vocabulary(self, field: str) -> tuple[list[str], np.ndarray]:
        """All words of field in order, with their document frequencies (read once)."""
        if field not in self._vocab:
            self._refresh_files()
            parts: list[tuple[np.ndarray, np.ndarray]] = []  # (bytes terms, doc frequencies)
            counts: dict[bytes, int] = {}
            for leaf, _base, files in self._leaves:
                if files is not None and files.covers(field):
                    found = files.field(field)
                    if found is not None:
                        parts.append((np.asarray(found.terms), found.doc_frequencies()))
                elif field in leaf.indexed_field_names():
                    # Segment by segment: a MultiReader's iter_field looks every word up in
                    # every segment (9 s for 4 segments at 18,000 articles; one takes 0.2 s).
                    for btext, info in leaf.iter_field(field):
                        counts[btext] = counts.get(btext, 0) + info.doc_frequency()
            if counts:
                parts.append((np.array(list(counts), dtype=bytes),
                              np.fromiter(counts.values(), dtype=np.int64, count=len(counts))))
            if not parts:
                self._vocab[field] = ([], np.zeros(0, np.int32))
            elif len(parts) == 1:
                terms, freqs = parts[0]
                order = np.argsort(terms, kind="stable") if counts else slice(None)
                self._vocab[field] = ([t.decode("utf-8") for t in terms[order].tolist()],
                                      np.asarray(freqs[order], dtype=np.int32))
            else:
                terms, inverse = np.unique(np.concatenate([t for t, _f in parts]),
                                           return_inverse=True)
                freqs = np.bincount(inverse.ravel(), minlength=len(terms),
                                    weights=np.concatenate([f for _t, f in parts]))
                self._vocab[field] = ([t.decode("utf-8") for t in terms.tolist()],
                                      freqs.astype(np.int32))
        return self._vocab[field]

    def idf(self, field: str, btext: bytes) -> float:
        """Whoosh's idf: log(N / (df + 1)) + 1."""
        return math.log(self.doc_count / (self.reader.doc_frequency(field, btext) + 1)) + 1

    # ---- evaluating ----------------------------------------------------------------------

    def _bm25(self, field: str, btext: bytes, docs: np.ndarray, weights: np.ndarray,
              boost: float) -> np.ndarray:
        """BM25 of one term in the given documents (Whoosh's formula, whoosh.scoring.bm25)."""
        weights = weights.astype(np.float32, copy=False)  # uint16 in postings files
        lengths = self.lengths(field)[docs]
        norm = K1 * ((1 - B) + B * lengths / self._avg[field])
        return boost * self.idf(field, btext) * weights * (K1 + 1) / (weights + norm)

    def term(self, field: str, btext: bytes, boost: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """Match and score one term with BM25."""
        docs, weights = self.postings(field, btext)
        mask = np.zeros(self.n, dtype=bool)
        scores = np.zeros(self.n, dtype=np.float32)
        if len(docs):
            mask[docs] = True
            scores[docs] = self._bm25(field, btext, docs, weights, boost)
        return mask, scores

    def run(self, q: query.Query, searcher, deadline: Deadline | None = None
            ) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
        """Evaluate a whole query: (matching mask, scores, notices about narrowed parts).

        Parts that would loop past the deadline (phrases, expansions, fuzzy words) stop there
        and keep what they found; the deadline then remembers it was hit.
        """
        self.notes: set[str] = set()
        self.expansion_postings = 0
        self.deadline = deadline or Deadline.none()
        mask, scores = self.evaluate(q, searcher)
        return mask, scores, tuple(sorted(self.notes))

    def evaluate(self, q: query.Query, searcher) -> tuple[np.ndarray, np.ndarray]:
        """Return (matching mask, scores) of a parsed query over every docnum."""
        if isinstance(q, query.Term):
            field_obj = searcher.schema[q.fieldname]
            return self.term(q.fieldname, field_obj.to_bytes(q.text), q.boost)
        if isinstance(q, query.And):
            return self._combine(q.subqueries, searcher, np.logical_and)
        if isinstance(q, (query.Or, query.DisjunctionMax)):
            return self._combine(q.subqueries, searcher, np.logical_or)
        if isinstance(q, query.Not):
            mask, _ = self.evaluate(q.query, searcher)
            return ~mask, np.zeros(self.n, dtype=np.float32)
        if isinstance(q, query.AndNot):
            mask, scores = self.evaluate(q.a, searcher)
            excluded, _ = self.evaluate(q.b, searcher)
            mask = mask & ~excluded
            return mask, np.where(mask, scores, 0).astype(np.float32)
        if isinstance(q, query.AndMaybe):
            mask, scores = self.evaluate(q.a, searcher)
            _, extra = self.evaluate(q.b, searcher)
            return mask, np.where(mask, scores + extra, 0).astype(np.float32)
        if isinstance(q, query.Every):
            return np.ones(self.n, dtype=bool), np.zeros(self.n, dtype=np.float32)
        if q is query.NullQuery:
            return np.zeros(self.n, dtype=bool), np.zeros(self.n, dtype=np.float32)
        if isinstance(q, query.Phrase):
            return self._phrase(q, searcher)
        if isinstance(q, (query.Prefix, query.FuzzyTerm)):
            return self._expand(q, searcher)
        return self._fallback(q, searcher)

    def _combine(self, subqueries, searcher, op) -> tuple[np.ndarray, np.ndarray]:
        """And (op=logical_and) or Or of subqueries. Past the deadline an Or keeps the parts it
        has, and an And that has not seen every part has confirmed nothing."""
        if not subqueries:
            return np.zeros(self.n, dtype=bool), np.zeros(self.n, dtype=np.float32)
        mask, scores = self.evaluate(subqueries[0], searcher)
        scores = scores.copy()
        for sub in subqueries[1:]:
            if self.deadline.expired():
                if op is np.logical_and:
                    return np.zeros(self.n, dtype=bool), np.zeros(self.n, dtype=np.float32)
                break
            sub_mask, sub_scores = self.evaluate(sub, searcher)
            mask = op(mask, sub_mask)
            scores += sub_scores
        return mask, np.where(mask, scores, 0).astype(np.float32)

    def _expand(self, q: query.MultiTerm, searcher) -> tuple[np.ndarray, np.ndarray]:
        """Prefix, fuzzy and wildcard terms: the most frequent matching words, OR-ed."""
        words = self._expansion_words(q)
        doc_parts, score_parts = [], []
        for word in words:
            if self.deadline.expired():
                break
            docs, weights = self.postings(q.fieldname, word)
            if self.expansion_postings + len(docs) > MAX_EXPANSION_POSTINGS:
                self.notes.add(f"“{q.text}” matches too many words; the most common ones were used.")
                break
            self.expansion_postings += len(docs)
            if len(docs):
                doc_parts.append(docs)
                score_parts.append(self._bm25(q.fieldname, word, docs, weights, q.boost))
        if not doc_parts:
            return np.zeros(self.n, dtype=bool), np.zeros(self.n, dtype=np.float32)
        docs = np.concatenate(doc_parts)
        scores = np.bincount(docs, weights=np.concatenate(score_parts), minlength=self.n)
        mask = np.zeros(self.n, dtype=bool)
        mask[docs] = True
        return mask, scores.astype(np.float32)

    def _expansion_words(self, q: query.MultiTerm) -> list[bytes]:
        """The words a prefix, fuzzy or other multi-term query stands for, most frequent first."""
        words, freqs = self._vocabulary(q.fieldname)
        text = q.text if isinstance(q.text, str) else q.text.decode("utf-8")
        if isinstance(q, query.Prefix):
            lo = bisect.bisect_left(words, text)
            hi = bisect.bisect_left(words, text + "\U0010ffff")
            candidates = range(lo, hi)
        elif isinstance(q, query.FuzzyTerm):
            # The first letter is kept, as most engines do: typos rarely hit it, and it makes
            # the candidate list 20 times shorter.
            fixed = text[:max(q.prefixlength, 1)]
            lo = bisect.bisect_left(words, fixed)
            hi = bisect.bisect_left(words, fixed + "\U0010ffff") if fixed else len(words)
            # One edit changes the set of letters by at most two: a cheap test first, so the
            # (pure Python) edit distance runs for few words.
            letters = set(text)
            candidates = []
            for n, i in enumerate(range(lo, hi)):
                if not n % 256 and self.deadline.expired():
                    break
                word = words[i]
                if abs(len(word) - len(text)) <= q.maxdist \
                        and len(letters.symmetric_difference(word)) <= 2 * q.maxdist \
                        and damerau_levenshtein(word, text, q.maxdist + 1) <= q.maxdist:
                    candidates.append(i)
        else:
            found = {w.decode("utf-8") for w in itertools.islice(q._btexts(self.reader), 10_000)}
            candidates = [i for i, w in enumerate(words) if w in found]
        ranked = sorted(candidates, key=lambda i: -freqs[i])
        if len(ranked) > MAX_EXPANSION:
            self.notes.add(f"“{text}” matches {len(ranked):,} words; the {MAX_EXPANSION} most "
                           "common were used.")
        return [words[i].encode("utf-8") for i in ranked[:MAX_EXPANSION]]

    def _phrase(self, q: query.Phrase, searcher) -> tuple[np.ndarray, np.ndarray]:
        """A phrase: documents with all its words (numpy), then their positions, one by one.

        Whoosh's own phrase matcher checks positions too, but cannot be stopped between two
        documents it skips, and a repeated word with a large slop made it take seconds. Here
        each candidate is checked in turn while there is time; past the deadline the documents
        confirmed so far are the matches. Each match scores as the sum of its words' BM25.
        """
        if self.deadline.expired():
            return np.zeros(self.n, dtype=bool), np.zeros(self.n, dtype=np.float32)
        words = [Term(q.fieldname, w, boost=q.boost) for w in q.words]
        mask, scores = self._combine(words, searcher, np.logical_and)
        field = searcher.schema[q.fieldname] if q.fieldname in searcher.schema else None
        if field is None or not field.format or not field.format.supports("positions"):
            return mask, scores  # no positions to check: all the words, anywhere
        candidates = np.flatnonzero(mask)
        if not len(candidates):
            return mask, scores
        matchers = [searcher.postings(q.fieldname, field.to_bytes(w)) for w in q.words]
        confirmed = np.zeros(self.n, dtype=bool)
        for docnum in candidates.tolist():
            if self.deadline.expired():
                break
            if _in_order_within(matchers, docnum, q.slop):
                confirmed[docnum] = True
        mask &= confirmed
        return mask, np.where(mask, scores, 0).astype(np.float32)

    def _docs_in_time(self, q: query.Query, searcher) -> np.ndarray:
        """Docnums Whoosh finds for q, as many as it finds before the deadline."""
        found = []
        for docnum in searcher.docs_for_query(q, for_deletion=False):
            if self.deadline.expired():
                break
            found.append(docnum)
        return np.array(found, dtype=np.int64)

    def _fallback(self, q: query.Query, searcher) -> tuple[np.ndarray, np.ndarray]:
        """Any other query type: Whoosh finds the documents, each scored by the boost."""
        mask = np.zeros(self.n, dtype=bool)
        mask[self._docs_in_time(q, searcher)] = True
        return mask, mask.astype(np.float32) * float(getattr(q, "boost", 1.0))

    def nbytes(self) -> int:
        return self._bytes + sum(a.nbytes for a in self._lengths.values())
