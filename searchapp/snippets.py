"""Highlight query words in article text: escaped snippets for hits, marked paragraphs for articles.

Whoosh's highlighter re-runs the whole analyzer chain over every token of every body (20 ms for a
page of ten Reuters hits); here a word is stemmed once per process and the text is scanned with
one regex, so a page of snippets costs about a millisecond.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape
from whoosh.analysis import StemmingAnalyzer

SNIPPET_CHARS = 240
_WORD = re.compile(r"\w+(?:[.'’]\w+)*", re.UNICODE)
_STEMMER = StemmingAnalyzer(stoplist=None, minsize=1)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the index's stem of one word ("Sanctions" -> "sanction")."""
    tokens = [t.text for t in _STEMMER(word)]
    return tokens[0] if tokens else word.lower()


def stems_of(text: str) -> set[str]:
    """Return the stems of every word of text."""
    return {stem(m.group()) for m in _WORD.finditer(text)}


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> Markup:
    """Escape text[start:end] with the spans inside it wrapped in <mark>."""
    out, pos = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[pos:s]))
        out.append(Markup('<mark class="hl">') + escape(text[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(text[pos:end]))
    return Markup("").join(out)


def _spans(text: str, words: set[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if stem(m.group()) in words]


def mark(text: str, words: set[str]) -> Markup | str:
    """Return text escaped with every occurrence of the words (stems) in <mark>, or text unchanged."""
    spans = _spans(text, words) if words else []
    return _marked(text, spans, 0, len(text)) if spans else text


def _best_window(text: str, spans: list[tuple[int, int]], size: int) -> int:
    """Return the start of the window that covers the most distinct query words.

    The candidates start a little before each match; the first best one wins. Spans are ordered
    and disjoint, so the spans inside [start, start + size] are a run that only slides forward:
    linear in the matches, not quadratic (a prefix like "th" marks hundreds of words).
    """
    stems = [stem(text[a:b]) for a, b in spans]
    counts: dict[str, int] = {}
    best, best_score, lo, hi = 0, -1, 0, 0
    for s, _e in spans:
        start = max(0, s - size // 4)
        while lo < len(spans) and spans[lo][0] < start:
            if lo < hi:
                counts[stems[lo]] -= 1
                if not counts[stems[lo]]:
                    del counts[stems[lo]]
            lo += 1
        hi = max(hi, lo)
        while hi < len(spans) and spans[hi][1] <= start + size:
            counts[stems[hi]] = counts.get(stems[hi], 0) + 1
            hi += 1
        if len(counts) > best_score:
            best, best_score = start, len(counts)
    return best


def make_snippet(body: str, words: set[str], size: int = SNIPPET_CHARS) -> Markup | str:
    """Return the window of body with the most distinct query words, escaped and marked.

    Without query words (or matches), the opening of the body, as plain text.
    """
    text = " ".join(body.split())
    spans = _spans(text, words) if words else []
    if not spans:
        if len(text) <= size:
            return text
        return text[:size].rsplit(" ", 1)[0] + " …"
    start = _best_window(text, spans, size)
    if start > 0 and text[start - 1] != " ":
        # Start on a word boundary: the next one if close, else the previous one.
        space = text.find(" ", start, start + 20)
        start = space + 1 if space >= 0 else max(0, text.rfind(" ", 0, start) + 1)
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    snippet = _marked(text, spans, start, end)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return Markup(prefix) + snippet + Markup(suffix)
