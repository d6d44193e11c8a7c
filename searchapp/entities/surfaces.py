"""Count how often an article names each of its entities, and with which spellings ("Putin", "U.S.").

mentions_from_doc decides an article's people, places and organisations; this module then
reads the Doc's name spans once more and gives each span to the one entity it spells: the name
itself, a person's surname or first and last words ("Baker", "James A. Baker"), a place's
other name ("U.S." for the United States), an organisation's short form or acronym ("Chase"
for Chase Manhattan, "EC" for the European Community). A span that fits no entity, or several,
counts for none: the counts are for ranking the articles that name an entity most and for the
entity page's list of spellings, where a wrong attribution would be worse than a missing one.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from searchapp.entities.article_text import doc_text
from searchapp.entities.headlines import Lexicon
from searchapp.entities.names import normalize_space, strip_possessive
from searchapp.entities.orgs import LEGAL_FORM, abbreviates, drop_legal_form, is_bare_institution, strip_legal_suffix
from searchapp.entities.places import canonical_place
from searchapp.entities.spots import follows

# Where a name may open: the text's or a line's start, a bracket, after a lower-case word or a
# sentence's end (not after a capitalised word: "Supreme Equipment/Systems Corp" names no "Systems").
_OPENS = re.compile(r"(?:\A|(?<=[\n<])|(?<=[a-z,;:(\"] )|(?<=\. ))")
_WITH_LEGAL_FORM = re.compile(r",?[ ]" + LEGAL_FORM + r"(?![\w/])")
# Not NORP: "Chinese" is no spelling of China, nor of the "Chinese Ministry of ...".
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# A surface is one of these (kind, value, spelling, count) records.
Surface = tuple[str, str, str, int]
def _fits(kind: str, value: str, spelling: str, lexicon: Lexicon | None) -> bool:
    """Tell whether spelling can stand for value (compared case-blind)."""
    key, full = spelling.casefold(), value.casefold()
    if key == full:
        return True
    words, said = full.split(), key.split()
    if kind == "person":
        if len(said) == 1:
            return said[0] == words[-1]  # a surname; a first name alone is too often shared
        return len(words) > 1 and said[0] == words[0] and said[-1] == words[-1]
    if kind == "place":
        place = canonical_place(spelling)
        return place is not None and place.casefold() == full
    # Organisations: with or without a legal form ("Exxon Corp"), its full name with a legal form
    # when the article's name is short ("Rohr Industries Inc" for Rohr), the bare institution its name
    # qualifies ("Treasury" of the U.S. Treasury), a short form that is no common word ("Chase"
    # of Chase Manhattan, not "National" of National Westminster), an acronym or clipping ("EC",
    # "Fed": orgs.abbreviates, as the corpus's org map reads them).
    bare = strip_legal_suffix(spelling).casefold()
    if bare == full or strip_legal_suffix(value).casefold() == key:
        return True
    if bare != key and bare.startswith(full + " "):
        return True  # the firm's full name with its legal form: "Rohr Industries Inc" for Rohr
    if full.endswith(" " + key) and is_bare_institution(spelling):
        return True
    if full.startswith(key + " "):
        return len(said) > 1 or lexicon is None or not lexicon.is_common_word(key)
    return len(said) == 1 and len(words) > 1 and spelling[:1].isupper() and abbreviates(spelling, value) \
        and (lexicon is None or not lexicon.is_common_word(key))


def count_surfaces(doc: Doc, people: Sequence[str], places: Sequence[str],
                   organizations: Sequence[str], lexicon: Lexicon | None = None) -> tuple[Surface, ...]:
    """Return (kind, value, spelling, count) for the spellings of the article's entities.

    Every entity gets at least one record (its own name, counted once when no span fits it:
    a name taken from a dateline or a title rule rather than from NER).
    """
    entities = [(kind, value) for kind, values in
                (("person", people), ("place", places), ("org", organizations)) for value in values]
    counts: Counter[tuple[str, str, str]] = Counter()
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        spelling = strip_possessive(normalize_space(ent.text)).strip(" ,;:\"'()").strip()
        if spelling.lower().startswith("the "):
            spelling = spelling[4:]
        if not spelling:
            continue
        fits = [(kind, value) for kind, value in entities if _fits(kind, value, spelling, lexicon)]
        exact = [(kind, value) for kind, value in fits if value.casefold() == spelling.casefold()]
        owners = exact or fits
        if len(owners) == 1:
            kind, value = owners[0]
            counts[kind, value, value if exact else spelling] += 1
    named = {(kind, value) for kind, value, _spelling in counts}
    for kind, value in entities:
        if (kind, value) not in named:
            counts[kind, value, value] += 1
    # A firm NER did not tag with its legal form, read from a ticker line or a partnership
    # ("Charter Co <QCHR> 4th Qtr Oper Loss"): the spelling with its form, as evidence that the
    # name is a firm's (corpus_evidence.legal_forms), counted as no extra mention; not where the
    # article has the longer name as a value of its own ("Mobil" beside "Mobil Corp").
    text = doc_text(doc)
    with_form = {value for kind, value, spelling in counts if kind == "org" and spelling != value
                 and drop_legal_form(spelling) == value}
    for value in organizations:
        if value not in with_form and not any(other.startswith(value + " ") for other in organizations) \
                and (found := follows(text, value, _WITH_LEGAL_FORM, opens=_OPENS)):
            counts["org", value, value + found[0]] += 0
    return tuple(sorted((kind, value, spelling, n) for (kind, value, spelling), n in counts.items()))


def merge_surfaces(records: Iterable[Surface]) -> dict[tuple[str, str], tuple[int, tuple[str, ...]]]:
    """Group surface records by entity: (kind, value) -> (mentions, the other spellings, sorted)."""
    total: Counter[tuple[str, str]] = Counter()
    spellings: dict[tuple[str, str], set[str]] = {}
    for kind, value, spelling, n in records:
        total[kind, value] += n
        others = spellings.setdefault((kind, value), set())
        if spelling != value:
            others.add(spelling)
    return {key: (total[key], tuple(sorted(spellings[key]))) for key in total}


_WORD = re.compile(r"(?<![\w'’.&\-])[A-Za-z][a-z\-]*[a-z](?![\w'’&\-]|\.\w)")
JOINERS = ("of", "and")  # "board of governors", "wheat soybeans and feedgrains"


def lower_case_phrases(text: str) -> tuple[str, ...]:
    """The words and word pairs a text writes in lower case ("currencies", "soybean oil",
    "board of governors"): no stop word at either end, two words joined by "of" or "and" taken
    as a pair. Across the corpus, they tell a name from a phrase a heading capitalised
    (see common_phrases)."""
    words = list(_WORD.finditer(text))
    out: set[str] = set()
    for index, match in enumerate(words):
        word = match[0]
        if not word.islower() or word in STOP_WORDS:
            continue
        out.add(word)
        for size in (2, 3):
            group = words[index: index + size]
            if len(group) < size or any(text[a.end(): b.start()] != " " for a, b in zip(group, group[1:])):
                break
            last = group[-1][0]
            if not last.islower() or last in STOP_WORDS or size == 3 and group[1][0] not in JOINERS:
                continue
            out.add(" ".join(part[0] for part in group))
    return tuple(sorted(out))
