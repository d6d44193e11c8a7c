"""The schema's text analyzers: Whoosh's own chains, with one fused loop for indexing.

Whoosh runs an analyzer as a chain of generators (tokenizer | lowercase | stop words | stemmer),
each touching every token; indexing Reuters spent a fifth of its writing time there. The
analyzers here are those same chains (queries, highlighting and any unusual call go through them
unchanged), but a plain indexing call runs one loop that yields the very same tokens, positions
included (tests/test_analysis.py compares the two on real articles and random text).
"""
from __future__ import annotations

from whoosh.analysis import (STOP_WORDS, CompositeAnalyzer, LowercaseFilter, RegexTokenizer,
                             StemFilter, StopFilter, Token)
from whoosh.lang.porter import stem

# Stems of the words seen so far; Whoosh's StemFilter keeps an LFU cache of 50,000 words.
_STEM_CACHE_MAX = 200_000
_stems: dict[str, str] = {}


def _stem(word: str) -> str:
    found = _stems.get(word)
    if found is None:
        if len(_stems) >= _STEM_CACHE_MAX:
            _stems.clear()
        found = _stems[word] = stem(word)
    return found


def _is_plain_indexing(mode: str, chars: bool, keeporiginal: bool, removestops: bool,
                       start_pos: int, tokenize: bool, kwargs: dict) -> bool:
    """Tell whether a call is the one Whoosh makes to index a field: the fused loop's case."""
    return (mode == "index" and not chars and not keeporiginal and removestops and tokenize
            and start_pos == 0 and not kwargs)


class _Fused(CompositeAnalyzer):
    """A Whoosh analyzer chain with a faster equivalent for plain indexing calls."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if _is_plain_indexing(mode, chars, keeporiginal, removestops, start_pos, tokenize, kwargs):
            return self._index_tokens(value, positions)
        return super().__call__(value, positions=positions, chars=chars,
                                keeporiginal=keeporiginal, removestops=removestops,
                                start_pos=start_pos, start_char=start_char, tokenize=tokenize,
                                mode=mode, **kwargs)

    def _index_tokens(self, value: str, positions: bool):
        raise NotImplementedError


class PlainAnalyzer(_Fused):
    """RegexTokenizer() | LowercaseFilter(): words as written, lower-cased."""

    def __init__(self) -> None:
        super().__init__(RegexTokenizer(), LowercaseFilter())

    def _index_tokens(self, value: str, positions: bool):
        token = Token(positions, False, removestops=True, mode="index")
        token.boost = 1.0
        token.stopped = False
        for pos, match in enumerate(self.items[0].expression.finditer(value)):
            token.text = match.group(0).lower()
            if positions:
                token.pos = pos
            yield token


class StemmingAnalyzer(_Fused):
    """whoosh.analysis.StemmingAnalyzer(): tokenizer, lower case, stop words, Porter stemmer."""

    def __init__(self) -> None:
        super().__init__(RegexTokenizer(), LowercaseFilter(), StopFilter(), StemFilter())

    def _index_tokens(self, value: str, positions: bool):
        stops = self.items[2]
        stoplist, minsize, maxsize = stops.stops, stops.min, stops.max
        token = Token(positions, False, removestops=True, mode="index")
        token.boost = 1.0
        token.stopped = False
        kept = None  # StopFilter renumbers: the first word keeps its position, the rest follow
        for pos, match in enumerate(self.items[0].expression.finditer(value)):
            text = match.group(0).lower()
            if len(text) < minsize or (maxsize is not None and len(text) > maxsize) \
                    or text in stoplist:
                continue
            if positions:
                kept = pos if kept is None else kept + 1
                token.pos = kept
            token.text = _stem(text)
            yield token


__all__ = ["PlainAnalyzer", "STOP_WORDS", "StemmingAnalyzer"]
