"""Make a Title Case or ALL CAPS headline readable for NER by lower-casing its verbs and function words.

NER reads "Treasury's Baker Fully Expects Brazil to Strike Deal" as one ORG "Baker Fully"; after
this it reads "Treasury's Baker fully expects Brazil to strike deal" and finds the person.
Headline-only wire briefs have no body that would repeat the name. Only words that the model's
own lemmatizer tables know as verb forms ("Says" -> say), "-ly" adverbs and stop words are
lower-cased, never nouns: names are often nouns too (Baker, Brown, King). A firm's name is never
softened: in angle brackets or ending in a legal form ("<Ain Leasing Corp>", "Wallace Computer
Services Inc <WCS>"), every word is part of the name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lookups import Lookups

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# A firm's name in a headline: bracketed, or capitalised words (with inner "and"/"of") ending in a
# legal form. The legal forms are spelled out here: orgs.py imports this module's callers.
_FIRM_NAME = re.compile(
    r"<[^<>\n]*>|(?:[A-Z][\w&'.\-]*[ ]+(?:(?:and|&|of|de)[ ]+)?)+"
    r"(?:Inc|Corp|Co|Cos|Ltd|Plc|Corporation|Company|Incorporated|Limited|AG|SA|NV|SpA|Group)\b")
# Verb suffix rules, as in the lemmatizer's own "lemma_rules" table: "Urges" -> urge, "Sets" -> set.
_VERB_RULES = (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""),
               ("ing", "e"), ("ing", ""))


@dataclass(frozen=True)
class Lexicon:
    """English verbs and adverbs from a spaCy model's rule-lemmatizer tables."""

    verbs: frozenset[str]
    irregular_verbs: frozenset[str]  # inflected forms: "made", "took", "sees"
    adverbs: frozenset[str]
    nouns_and_adjectives: frozenset[str]

    @classmethod
    def from_model_dir(cls, model_dir: Path) -> Lexicon:
        """Read the lemmatizer lookups of an installed model; empty when it has none."""
        path = model_dir / "lemmatizer" / "lookups"
        if not (path / "lookups.bin").exists():
            return cls(frozenset(), frozenset(), frozenset(), frozenset())
        lookups = Lookups().from_disk(path)
        index = lookups.get_table("lemma_index")
        exceptions = lookups.get_table("lemma_exc")
        return cls(frozenset(index["verb"]), frozenset(exceptions["verb"]), frozenset(index["adv"]),
                   frozenset(index["noun"]) | frozenset(index["adj"]))

    def is_common_word(self, word: str) -> bool:
        """Tell whether a lower-case word is an English noun, adjective or verb ("sale", "split")."""
        return word in self.nouns_and_adjectives or word in self.verbs or self.is_verb_form(word)

    def is_plural_noun(self, word: str) -> bool:
        """Tell whether a lower-case word is an English noun's plural: "officials", "currencies"."""
        return any(word.endswith(old) and len(word) > len(old) + 1
                   and word[: -len(old)] + new in self.nouns_and_adjectives
                   for old, new in (("ies", "y"), ("es", ""), ("s", "")))

    def is_verb_form(self, word: str) -> bool:
        """Tell whether a lower-case word is an inflected verb: "says", "urged", "making"."""
        if word in self.irregular_verbs:
            return True
        return any(word.endswith(old) and len(word) > len(old) + 1
                   and word[: -len(old)] + new in self.verbs for old, new in _VERB_RULES)


def is_headline_case(paragraph: str) -> bool:
    """Tell whether a paragraph looks like a headline: short, and most words capitalised."""
    words = _WORD.findall(paragraph)
    if len(words) < 3 or len(paragraph) > 250 or "\n" in paragraph:
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def soften_headline(headline: str, lexicon: Lexicon, body: str = "") -> str:
    """Lower-case a headline's verbs, adverbs and function words; keep the first word and names.

    A word the body capitalises after a lower-case word ("the Fed") keeps its capital.
    """
    proper = set(re.findall(r"(?<=[a-z,] )([A-Z][a-z]+)", body))
    firms = [match.span() for match in _FIRM_NAME.finditer(headline)]
    out = []
    previous = ""
    offset = 0
    for position, token in enumerate(re.split(r"(\s+)", headline)):
        start, offset = offset, offset + len(token)
        word = token.strip("\"'’‘“”(),.:;!?-")
        lower = word.lower()
        in_firm = any(first <= start < last for first, last in firms)
        if position and not in_firm and word[:1].isupper() and word.isalpha() and word not in proper and (
                lower in STOP_WORDS or lexicon.is_verb_form(lower)
                or lower.endswith("ly") and lower in lexicon.adverbs
                or lower in lexicon.verbs and (previous == "to" or lower not in lexicon.nouns_and_adjectives)):
            token = token.replace(word, lower)
        elif word.isupper() and len(word) > 4 and word.isalpha():
            token = token.replace(word, word.capitalize())  # "REAGAN" -> "Reagan"; "OPEC" stays
        out.append(token)
        if token.strip():
            previous = token.strip().lower()
    return "".join(out)
