"""Where a name stands in a text as a whole word, found without compiling a pattern per name.

Extraction asks many times per article where one of its names stands ("is 'Dubai' ever followed by
'crude'?", "does a legal form follow 'Santos'?"). Written as `re.finditer(r"\\b" + re.escape(name)
+ ...)`, each distinct name costs a compile (~0.4 ms), and the thousands of names of a corpus evict
the modules' own patterns from `re`'s 512-entry cache, so those are compiled again and again too:
measured on 1,000 Reuters texts, compiling was over a third of the time after NER. Here a name is
found with `str.find` and its edges are checked by hand; a pattern that must follow or precede it is
a module-level compiled pattern, matched at the spot (`follows`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache


# After a name, a word's edge as `\\b` reads it: spots(text, name, then=WORD_EDGE) is `<name>\\b`.
WORD_EDGE = re.compile(r"\b")


def is_word_char(char: str) -> bool:
    """Tell whether a character is one `\\w` matches (str patterns: alphanumeric or underscore)."""
    return char.isalnum() or char == "_"


def starts(text: str, name: str) -> Iterator[int]:
    """Yield every offset where the name is written in the text, words around it or not."""
    if not name:
        return
    at = text.find(name)
    while at >= 0:
        yield at
        at = text.find(name, at + 1)


def spots(text: str, name: str, *, not_before: str = "", not_after: str = "",
          then: re.Pattern[str] | None = None) -> Iterator[int]:
    """Yield where the name starts in the text with no word character, nor one of not_before,
    just before it, and no word character, nor one of not_after, just after it: the same places as
    `(?<![\\w<not_before>])<name>(?![\\w<not_after>])`. Given then, that pattern must match right
    after the name instead: `(?<![\\w<not_before>])<name><then>`."""
    if not name:
        return
    size, end_of_text = len(name), len(text)
    for at in starts(text, name):
        end = at + size
        if (at == 0 or not (is_word_char(before := text[at - 1]) or before in not_before)) and (
                then.match(text, end) if then is not None
                else end == end_of_text or not (is_word_char(after := text[end]) or after in not_after)):
            yield at


def boundary(text: str, at: int) -> bool:
    """Tell whether `\\b` matches at the offset: a word character on one side only."""
    before = at > 0 and is_word_char(text[at - 1])
    after = at < len(text) and is_word_char(text[at])
    return before != after


def bounded_spots(text: str, name: str) -> Iterator[int]:
    """Yield where `\\b<name>\\b` matches in the text (a name ending in a dot, "U.S.", then needs a
    word character after it, as the pattern does)."""
    if not name:
        return
    at = text.find(name)
    while at >= 0:
        if boundary(text, at) and boundary(text, at + len(name)):
            yield at
        at = text.find(name, at + 1)


def occurs(text: str, name: str, *, not_before: str = "", not_after: str = "") -> bool:
    """Tell whether the name stands in the text as `spots` finds it."""
    return next(spots(text, name, not_before=not_before, not_after=not_after), None) is not None


def follows(text: str, name: str, after: re.Pattern[str], *, not_before: str | None = "",
            opens: re.Pattern[str] | None = None) -> re.Match[str] | None:
    """The first match of the pattern right after the name, where the name stands with no word
    character nor one of not_before just before it (`(?<![\\w<not_before>])<name><after>`; with
    not_before None, whatever is before it: `<name><after>`), and, given opens, where that
    zero-width pattern (lookbehinds) matches at the name's start."""
    size = len(name)
    for at in starts(text, name):
        if (not_before is None or at == 0 or not (is_word_char(before := text[at - 1]) or before in not_before)) \
                and (opens is None or opens.match(text, at)) and (found := after.match(text, at + size)):
            return found
    return None


@lru_cache(maxsize=4096)
def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """A compiled pattern built around a name, cached here rather than in `re`'s small cache, so
    that names do not evict the modules' own patterns."""
    return re.compile(source, flags)


def with_word_before(word: re.Pattern[str], before: re.Pattern[str],
                     text: str) -> Iterator[tuple[str | None, re.Match[str]]]:
    """What `finditer` of `(?:<before>)?<word>` yields, as (the before group's first group or None,
    the word's match), where before ends with `\\Z` ("([\\w\\-'.]+)\\s+\\Z": the word before).

    That pattern makes the regex engine read a word at every offset of the text before it looks for
    the word (a third of a second per 1,000 Reuters texts for each of three such patterns); here the
    word is found first and the word before it read back. As the pattern does, a match takes up its
    word before: a word that is the word before the next match is no match of its own ("yen sterling"
    is one match, sterling with "yen" before it), and a word before is never read back into the
    previous match.
    """
    matches = list(word.finditer(text))
    last = 0
    for i, match in enumerate(matches):
        if match.start() < last:
            continue
        found = before.search(text, last, match.start())
        start = found.start() if found else match.start()
        if i + 1 < len(matches) and (following := before.search(text, last, matches[i + 1].start())) \
                and following.start() <= start:
            continue  # the next match starts here, its word before taking this one up
        yield (found[1] if found else None), match
        last = match.end()
