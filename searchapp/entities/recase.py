"""Give a body the wire sent in lower case its capitals back, so that NER can read its names.

A few wire stories come with the body in lower case but for sentence starts ("La paz, march 4 -
about 1,000 bolivian central bank employees ... leader mario galindas told reuters"); NER finds
almost nothing in them. The capitals come back where the text itself says a word is a name:
a place the gazetteer knows (a single word only when no English word, or a country or a US
state), a nationality, initials ("u.s."), a month before its day, the agency's name, the words after a title
("president victor paz estenssoro had": up to three, until a function word or a verb). Only the
case changes, so every offset stays; the same text always gives the same result (the NER cache
is keyed by text).
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from searchapp.entities.headlines import Lexicon
from searchapp.entities.people import MONTHS
from searchapp.entities.orgs import is_bare_institution
from searchapp.entities.place_spans import WORLD_REGIONS
from searchapp.entities.places import canonical_place, country_of_nationality, is_country_or_state

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
# At most this share of a body's words capitalised inside a sentence, for it to count as lower case.
LOWER_CASE_SHARE = 0.02
MIN_WORDS = 30
_AGENCY = frozenset({"reuters", "reuter"})
# Titles of people, whose next words are a name ("president victor paz estenssoro").
_NAME_TITLES = frozenset({"president", "minister", "premier", "chancellor", "chairman", "chairwoman", "governor",
                          "senator", "sen", "rep", "mr", "mrs", "ms", "dr", "leader", "spokesman", "spokeswoman",
                          "secretary", "director", "ambassador", "king", "queen", "prince", "sheikh", "judge",
                          "mayor", "professor", "economist", "analyst"})
_PARTICLES = frozenset({"de", "da", "do", "del", "la", "le", "los", "las", "el", "al", "of"})

# How such a body opens: its dateline in lower case but for the first letter ("La paz, march 4 - ",
# "omaha, april 7 - ").
_LOWER_DATELINE = re.compile(r"\s*[A-Za-z][a-z .'\-]{1,30},\s+"
                             r"(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\s+-\s")


def is_lower_case_body(body: str) -> bool:
    """Tell whether a body came in lower case: a lower-case dateline, and (almost) no capitals
    inside its sentences (a story in proper case has one every few dozen words at least)."""
    words = list(_WORD.finditer(body))
    if len(words) < MIN_WORDS or not _LOWER_DATELINE.match(body):
        return False
    inside = sum(1 for match in words if match[0][0].isupper()
                 and re.search(r"[a-z,;]\s+$", body[max(0, match.start() - 3): match.start()]))
    return inside <= LOWER_CASE_SHARE * len(words)


def recase_body(body: str, lexicon: Lexicon) -> str:
    """Capitalise the names a lower-case body writes in lower case (see the module's doc)."""
    chars = list(body)
    words = list(_WORD.finditer(body))

    def capitalise(match: re.Match) -> None:
        chars[match.start()] = chars[match.start()].upper()

    taken: set[int] = set()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            group = words[start:start + size]
            if any(i in taken for i in range(start, start + size)) \
                    or any(body[a.end():b.start()] != " " for a, b in zip(group, group[1:])):
                continue
            phrase = " ".join(match[0].lower() for match in group)
            if size > 1 and any(word in STOP_WORDS and word not in _PARTICLES for word in phrase.split()):
                continue  # "the bank": no place's name
            place = canonical_place(phrase)
            common = size == 1 and (phrase in STOP_WORDS or lexicon.is_common_word(phrase))
            if place and (not common or is_country_or_state(place)) or size == 1 and (
                    country_of_nationality(phrase) or phrase in _AGENCY
                    or phrase in MONTHS and re.match(r"\s+\d", body[group[0].end():])):
                for match in group:
                    capitalise(match)
                taken.update(range(start, start + size))
    for index, match in enumerate(words):
        if match[0].lower() not in _NAME_TITLES:
            continue
        for offset, following in enumerate(words[index + 1: index + 4]):
            word = following[0].lower()
            previous = words[index + offset]
            if body[previous.end(): following.start()] != " " or word in STOP_WORDS or lexicon.is_verb_form(word) \
                    or offset and lexicon.is_common_word(word):
                break
            capitalise(following)
    for match in re.finditer(r"(?<![\w.])(?:[a-z]\.){2,3}", body):  # "u.s.", "u.k.": initials
        chars[match.start(): match.end()] = list(match[0].upper())
    return "".join(chars)


# A country's initials and the capitalised word after them: "U.S. Import curbs", "U.K. And West Germany".
_AFTER_INITIALS = re.compile(r"(?<![\w.\-])((?:[A-Z]\.){2,3}) ([A-Z][a-z]+)\b(?!['’]?[\-&])")
# "U.S. Agriculture Department", "U.S. Court of Appeals", "U.S. Food and Drug Administration"
_NAME_GOES_ON = re.compile(r" +(?:&|[A-Z]|(?:of|and|for) [A-Z])")
# A singular word that says something is a name: "U.S. Steel said it would cut jobs".
_NAME_SAYS = re.compile(r" +(?:said|says|reported|announced|added|told)\b")


def lower_false_capitals(body: str, lexicon: Lexicon) -> str:
    """Lower-case the words the wire capitalised after a country's initials as if a sentence began.

    The Reuters wire was re-cased from capitals, and a word after "U.S." or "U.K." came back as a
    sentence start: "U.S. Import curbs", "13.6 billion U.S. Dlrs", "the U.K. And West Germany".
    NER then reads "U.S. Import" as an organisation and "U.S. Dlrs" as a person. Such a word is
    lower-cased when it is a function word, or an English word (the model's tables, or a word the
    body writes in lower case elsewhere, "dlrs") that is no part of a longer name (no capitalised
    word after it: "U.S. Agriculture Department"), no institution ("U.S. Treasury", "the U.S.
    Senate"), no sea ("U.S. Gulf ports"), no word the body capitalises inside a sentence
    elsewhere ("the Steel unit") and no singular word that speaks ("U.S. Steel said").
    Only the case changes, so every offset stays.
    """
    lower_words = set(re.findall(r"(?<![\w'’\-])[a-z][a-z'\-]*", body))
    proper = set(re.findall(r"(?<=[a-z,] )([A-Z][a-z]+)", body))
    chars = list(body)
    for match in _AFTER_INITIALS.finditer(body):
        word = match[2].lower()
        if not is_country_or_state(canonical_place(match[1]) or "-"):
            continue
        english = word in lower_words or lexicon.is_common_word(word) or lexicon.is_plural_noun(word)
        if word in STOP_WORDS or english and match[2] not in proper and not is_bare_institution(match[2]) \
                and word not in WORLD_REGIONS and not _NAME_GOES_ON.match(body, match.end()) \
                and (word.endswith("s") or not _NAME_SAYS.match(body, match.end())):
            chars[match.start(2)] = word[0]
    return "".join(chars)
