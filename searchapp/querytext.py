"""The user's query text parsed once (ParsedQuery): the Whoosh query, the half-typed last word, what to highlight and what to correct."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from whoosh import query

from searchapp import schema
from searchapp.queryparser import (BROWSE_NOTICE, FALLBACK_NOTICE, bound_phrases,
                                   flatten_deep_groups, make_parser, parse_text)
from searchapp.snippets import stem

MIN_PREFIX = 2
_LAST_WORD = re.compile(r"(?:^|\s)([^\W_][\w'’.-]*)$")
# A word "did you mean" may correct: letters only, at least three.
_CORRECTABLE = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Word:
    """A plain word as typed, with where it stands in the text ("presidnet" at 6..15)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ParsedQuery:
    """The user's text parsed once: the Whoosh query (None = browse everything) and what it searched for.

    Search evaluates `query`; snippets and the article page highlight `highlights`; "did you
    mean" corrects `words` in the tree (`corrected`), never re-reading the text.
    """

    query: query.Query | None
    prefix: str = ""  # the half-typed last word, if it was expanded
    expansions: tuple[str, ...] = ()
    notice: str = ""
    text: str = ""  # the text as parsed (deep brackets dropped)
    words: tuple[Word, ...] = ()  # the plain words a spelling correction may replace

    @cached_property
    def highlights(self) -> frozenset[str]:
        """The stemmed words the query looks for, for highlighting (expansions included)."""
        words: set[str] = set()
        if self.query is None:
            return frozenset()
        for fieldname, text in self.query.iter_all_terms(phrases=True):
            if fieldname in (schema.TITLE, schema.BODY) and isinstance(text, str):
                words.add(text)
            elif fieldname == schema.WORDS:
                words.add(stem(text))
            elif isinstance(text, bytes):
                words.add(text.decode("utf-8", "replace"))
        for word in self.expansions:
            words.add(stem(word))
        return frozenset(words)

    def corrected(self, corrections: list[tuple[Word, str]], index_schema,
                  expand_prefix: Callable[[str], tuple[str, ...]] | None = None) -> ParsedQuery:
        """Return this query with each word replaced by its correction, in the tree and in the text.

        A corrected last word is widened by its own expansions, as if typed so.
        """
        text, new = self.text, {}
        for word, replacement in sorted(corrections, key=lambda c: -c[0].start):
            text = text[:word.start] + replacement + text[word.end:]
            new[(word.start, word.end)] = replacement
        last = next(((w.start, w.end) for w, _r in corrections if w.end == len(self.text)), None)
        prefix, expansions = self.prefix, self.expansions  # the last word, unless corrected
        if last is not None:
            prefix = new[last].lower() if len(new[last]) >= MIN_PREFIX else ""
            expansions = tuple(w for w in expand_prefix(prefix) if w != prefix) \
                if prefix and expand_prefix is not None else ()

        vanished = []
        words = (schema.TITLE, schema.BODY)

        def replace(node):
            span = (getattr(node, "startchar", None), getattr(node, "endchar", None))
            if not (isinstance(node, query.Term) and span in new and node.fieldname in words):
                return node.apply(replace)
            tokens = list(index_schema[node.fieldname].process_text(new[span], mode="query"))
            if not tokens:  # a stop word
                vanished.append(span)
                return query.NullQuery
            terms = [query.Term(node.fieldname, t, boost=node.boost) for t in tokens]
            term = terms[0] if len(terms) == 1 else query.And(terms)
            if node.fieldname == schema.BODY and span == last and expansions:
                return query.Or([term, query.Or([query.Term(schema.WORDS, w) for w in expansions])])
            return term

        fixed = replace(self.query)
        # Normalized only when a correction left a word out (a stop word): otherwise the tree
        # stays the one a fresh parse of the corrected text gives.
        if vanished:
            fixed = fixed.normalize()
            expansions = () if last in vanished else expansions
        if fixed is query.NullQuery:
            return ParsedQuery(None, notice=BROWSE_NOTICE, text=text)
        return ParsedQuery(fixed, prefix=prefix, expansions=expansions, text=text)


def last_word_prefix(q: str) -> str:
    """Return the half-typed last word of q, when it can be one ("putin presid" -> "presid")."""
    if not q or q != q.rstrip() or q.count('"') % 2:
        return ""
    match = _LAST_WORD.search(q)
    if not match:
        return ""
    word = match.group(1)
    if ":" in word or word.upper() in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"):
        return ""
    return word.lower().rstrip(".'’") if len(word) >= MIN_PREFIX else ""




def build_query(q: str, index_schema, expand_prefix: Callable[[str], tuple[str, ...]] | None = None
                ) -> ParsedQuery:
    """Parse user text into a ParsedQuery; the last word also matches as a prefix.

    expand_prefix(prefix) returns the indexed words to try for a half-typed last word.
    """
    if not q.strip():
        return ParsedQuery(None, text=q)
    parser = make_parser(index_schema)
    q, depth_notice = flatten_deep_groups(q)
    parsed, notice = parse_text(parser, q)
    parsed = without_fieldless_terms(parsed)
    if parsed is query.NullQuery:
        return ParsedQuery(None, notice=BROWSE_NOTICE, text=q)
    parsed, phrase_notes = bound_phrases(parsed)
    notice = " ".join(filter(None, (depth_notice, notice, *phrase_notes)))
    prefix = last_word_prefix(q)
    expansions: tuple[str, ...] = ()
    if prefix and expand_prefix is not None:
        expansions = tuple(w for w in expand_prefix(prefix) if w != prefix)
    if expansions:
        widened = widen_last_word(parsed, len(q), expansions)
        # A stop word typed last ("putin the") is not in the query, so nothing was widened:
        # its expansions match nothing and must not be marked in snippets either.
        expansions = expansions if widened != parsed else ()
        parsed = widened
    # The words were read from other text than q when the parser failed: no corrections then.
    words = typed_words(parsed, q) if notice != FALLBACK_NOTICE and '"' not in q else ()
    return ParsedQuery(parsed, prefix=prefix, expansions=expansions, notice=notice, text=q,
                       words=words)


def without_fieldless_terms(parsed: query.Query) -> query.Query:
    """Drop the terms the parser left without a field: a bare boost in a fielded group
    ("title:(-^2)" parses as Not(Term(None, "^2"))) searches nothing and no field could score it."""
    if not any(isinstance(node, query.Term) and node.fieldname is None for node in parsed.leaves()):
        return parsed

    def drop(node):
        if isinstance(node, query.Term) and node.fieldname is None:
            return query.NullQuery
        return node.apply(drop)

    return drop(parsed).normalize()


def typed_words(parsed: query.Query, q: str) -> tuple[Word, ...]:
    """The plain words of q the query searches in title and body (not excluded, not fielded,
    not prefixes or fuzzy), in the order typed: what a spelling correction may replace."""
    spans: dict[str, set[tuple[int, int]]] = {schema.TITLE: set(), schema.BODY: set()}

    def visit(node):
        if isinstance(node, query.Not):
            return
        if isinstance(node, query.AndNot):
            visit(node.a)
            return
        if isinstance(node, query.Term) and node.fieldname in spans:
            start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
            if start is not None and end is not None and _CORRECTABLE.fullmatch(q[start:end]):
                spans[node.fieldname].add((start, end))
        for child in node.children():
            visit(child)

    visit(parsed)
    # A word typed without a field searches both; `title:word` only one.
    both = spans[schema.TITLE] & spans[schema.BODY]
    return tuple(Word(q[s:e], s, e) for s, e in sorted(both))


def widen_last_word(parsed: query.Query, end: int, expansions: tuple[str, ...]) -> query.Query:
    """Let the body term of the word that ends at `end` also match any of the expansions."""
    extra = query.Or([query.Term(schema.WORDS, w) for w in expansions])

    def widen(node):
        if (isinstance(node, query.Term) and node.fieldname == schema.BODY
                and getattr(node, "endchar", None) == end):
            return query.Or([node, extra])
        return node.apply(widen)

    return widen(parsed)


