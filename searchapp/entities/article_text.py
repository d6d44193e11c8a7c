"""What the span rules know of the whole article: its text, headline, lower-case words and fuller names.

ArticleText is built once per Doc; the rules for PERSON, ORG and place spans ask it whether a word
is written in lower case somewhere ("bill"), whether a span lies in a Title Case headline, whether
the body is a table, and whether a bare name is the surname, first name or opening of a person
or firm the article names in full (longer_names, names_someone_else).
"""
from __future__ import annotations

import re
from functools import cached_property

from spacy.tokens import Doc, Span

from searchapp.entities.firms import find_listed_firms
from searchapp.entities.headlines import Lexicon, is_headline_case
from searchapp.entities.names import FACILITY_NOUNS, TITLE_WORDS, is_firm_name, normalize_space, strip_possessive
from searchapp.entities.orgs import LEGAL_FORM
from searchapp.entities.places import canonical_place, is_country_or_state

# A body shorter than this many words does not stand in for its headline (a table, a one-liner).
MIN_BODY_WORDS = 20
# What follows a company's name on the wire: a ticker "<XON>", "and Co", a legal form "Inc", also
# after up to three more words of the name ("Hemlo Gold [Mines Inc]", "Pemberton Houston
# [Willoughby Bell Gouinlock Inc]"), or "(Holdings)".
_COMPANY_AFTER = re.compile(r"\s*(?:<[A-Z0-9.]{1,8}>|,?\s*(?:and|&)\s+Co\b|,[ ](?:Inc|Ltd|Corp)\b"
                            r"|(?:(?:[A-Z][a-z]+[ ]){1,3}|\([A-Z][\w ]{1,20}\)\s+)?"
                            + LEGAL_FORM + r"(?![\w/])"
                            r"|\((?:Holdings|Group)\))")  # "Hoare Govett (Far East) Ltd"
_LOWER_WORD = re.compile(r"(?<![\w\-])[a-z][a-z'’\-]*[a-z]")
# Words before a place that make it the place, whatever else bears its name: "near Stuart".
_LOCATIVE_WORDS = frozenset({"in", "near", "at", "outside", "around", "across", "throughout"})
_ROUTE_WORDS = frozenset({"to", "from", "via"})
# Nouns before "of" that make what follows a place: "the port of Geelong", "the city of Rouen".
# Nouns after a town that make it the town: "the Moenchengladbach area".
_AREA_NOUNS = frozenset({"area", "region", "district", "province", "county", "suburb", "suburbs"})
_PLACE_NOUNS = frozenset({"port", "ports", "city", "town", "province", "state", "island", "region",
                          "village", "harbour", "harbor", "capital"})

# What stands before a place the gazetteer lacks, which NER took for a body: "the refinery at [Paranam]",
# "the find at [Iagifu]", "deposits are located at [Tamborapa]", "the Pacific port of [Balao]", "the
# mountain peak of [Kardamanend]" (not "the capital of", which may be a firm's money).
_SITE_BEFORE = re.compile(r"\b(?:(?:" + "|".join(sorted(FACILITY_NOUNS - {"project", "works", "facility"})) +
                          r"|wells?|finds?|discovery|deposits?|located)\s+(?:at|in|near)"
                          r"|(?:port|town|village|city|province|island|region|harbou?r|peak|district)\s+of)\s+\Z")

DOC_TEXT_KEY = "searchapp.text"  # in Doc.user_data: the text, once computed or handed in


def doc_text(doc: Doc) -> str:
    """Return doc.text, computed once per Doc: spaCy joins every token's text on each access
    (8 accesses per article made it 30% of the NER workers' time)."""
    text = doc.user_data.get(DOC_TEXT_KEY)
    if text is None:
        text = doc.user_data[DOC_TEXT_KEY] = doc.text
    return text


class ArticleText:
    """What the span rules need to know about the whole text."""

    def __init__(self, doc: Doc, lexicon: Lexicon | None, headline_end: int | None) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.text = text = doc_text(doc)
        if headline_end is None:
            headline = text.partition("\n\n")[0]
            headline_end = len(headline) if lexicon is not None and is_headline_case(headline) else 0
        # A Title Case headline ("Exxon Cuts Heating Oil Barge Price"); a brief is nothing else.
        self.headline_end = headline_end
        self.has_body = len(text[headline_end:].split()) >= MIN_BODY_WORDS
        # Words the article writes in lower case, outside a Title Case headline: "bill", "price".
        self.lower_words = set(_LOWER_WORD.findall(text, self.headline_end))

    @cached_property
    def longer_names(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """Return the first and the last words of the people the article names with two words or
        more, and the openings (one to three words) of the firms it names in full: those whose
        name has a legal form or ends in a firm's word ("Delhi Petroleum Pty Ltd", "Stuart
        Pharmaceuticals"), and whole names a legal form follows ("Cheung Kong (Holdings) Ltd")."""
        firsts, lasts, openings = set(), set(), set()
        for ent in self.doc.ents:
            words = strip_possessive(normalize_space(ent.text)).split()
            if words and is_firm_by_what_follows(ent):
                openings.add(" ".join(words))  # "Cheung Kong (Holdings) Ltd": "Cheung Kong" is the firm
            if len(words) < 2:
                continue
            if ent.label_ == "PERSON":
                firsts.add(words[0])
                lasts.add(words[-1])
            elif ent.label_ == "ORG" and is_firm_name(" ".join(words)):
                openings.update(" ".join(words[:size]) for size in range(1, min(3, len(words) - 1) + 1))
        for firm in find_listed_firms(self.text):  # "<Delhi Petroleum Pty Ltd>", which NER may miss
            words = firm.split()
            openings.update(" ".join(words[:size]) for size in range(1, min(3, len(words) - 1) + 1))
        return frozenset(firsts), frozenset(lasts), frozenset(openings)

    @cached_property
    def person_tails(self) -> frozenset[str]:
        """The last two words or more of the people the article names with three words or more
        ("Santos Alvite" of "Fernando Santos Alvite"): a double surname."""
        tails = set()
        for ent in self.doc.ents:
            words = strip_possessive(normalize_space(ent.text)).split()
            if ent.label_ == "PERSON" and len(words) >= 3:
                tails.update(" ".join(words[start:]) for start in range(1, len(words) - 1))
        return frozenset(tails)

    @cached_property
    def person_words(self) -> frozenset[str]:
        """The surnames the article gives people: last words of its PERSON spans ("Tamura")."""
        return frozenset(strip_possessive(normalize_space(ent.text)).split()[-1] for ent in self.doc.ents
                         if ent.label_ == "PERSON" and strip_possessive(normalize_space(ent.text)).split())

    def names_someone_else(self, ent: Span, place: str) -> bool:
        """Tell whether a name that reads as a place stands for a person or a firm the article
        names in full: "Jordan" after "Jerry Jordan", "Preston" beside "Preston Tisch", "Delhi
        said" in a story about "Delhi Petroleum Pty Ltd", "Santos" of "Santos Alvite" after
        "Fernando Santos Alvite".

        A country or a US state is a first name or a firm's opening only rarely, so only a
        surname outweighs one (a country named like the surname of someone in its own story is
        rarer still). A place after "in", "near", "at" stays the place ("near Stuart, Fla."), and
        so does the wire's dateline (read apart from the spans).
        """
        words = strip_possessive(normalize_space(ent.text)).split()
        name = " ".join(words)
        if not name or ent.start and self.doc[ent.start - 1].lower_ in _LOCATIVE_WORDS \
                or is_firm_by_what_follows(ent):
            return False  # the firm itself ("Cheung Kong (Holdings) Ltd"), read as one
        firsts, lasts, openings = self.longer_names
        if len(words) == 1 and name in lasts:
            return True
        if ent.end < len(self.doc) and f"{name} {self.doc[ent.end].text}" in self.person_tails:
            return True  # "Santos Alvite said" of "Fernando Santos Alvite": no Santos, Brazil
        return not is_country_or_state(place) and (len(words) == 1 and name in firsts or name in openings)

    def place_for_org(self, ent: Span) -> str | None:
        """Return the place an ORG span names by where it stands, else None: a known one that a
        locative or a place noun precedes ("berthed at the port of Geelong", "a plant in
        Dunkirk", "shipped to Portland or Geelong", "the country's capital Yamoussoukro") or an
        area noun follows ("in hospitals in the Moenchengladbach area"), that no legal form or
        ticker follows and that opens no firm the article names ("sold to Santa Fe" beside "Santa
        Fe Pacific Corp"). A name the gazetteer lacks is a place only after a site's noun or a
        place noun and "of" ("the bauxite refinery at Paranam", "the port of Balao"), as it is,
        and when its own form makes it no firm."""
        name = strip_possessive(normalize_space(ent.text))
        name = name[4:] if name.lower().startswith("the ") else name
        firsts, lasts, openings = self.longer_names
        if not re.fullmatch(r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)*", name) or name in firsts | lasts | openings:
            return None  # an acronym ("the ICO", "U.N"), someone's name ("Howard" of John Howard), a firm's
        place = canonical_place(name)
        if is_firm_by_what_follows(ent):
            return None
        if place is None:
            unknown = re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", name) and not is_firm_name(name) \
                and _SITE_BEFORE.search(self.text, max(0, ent.start_char - 40), ent.start_char)
            return name if unknown else None
        if self.is_common_noun(name):
            return None  # "from the Bank" where the story writes "bank": not Bānk, Iran
        before = [token.lower_ for token in self.doc[max(0, ent.start - 3): ent.start]]
        after = self.doc[ent.end].lower_ if ent.end < len(self.doc) else ""
        if before[-1:] and before[-1] in _LOCATIVE_WORDS | _ROUTE_WORDS \
                or before[-2:-1] and before[-1] in ("of", ",") and before[-2] in _PLACE_NOUNS \
                or before[-1:] and before[-1] in _PLACE_NOUNS \
                or len(before) == 3 and before[-1] in ("or", "and") and before[0] in _LOCATIVE_WORDS | _ROUTE_WORDS \
                or after in _AREA_NOUNS:
            return place
        return None

    @cached_property
    def is_table(self) -> bool:
        """Tell whether the body is a table: fewer than eight distinct lower-case words after the
        first line ("MAR8 -- -- MINNEAPOLIS WHEAT 3.75 ..."), where a story has dozens."""
        body = self.text.partition("\n\n")[2]
        return bool(body.strip()) and len(set(_LOWER_WORD.findall(body))) < 8

    @cached_property
    def body_in_lower_case(self) -> str:
        """The body in lower case, without the shouted lines that repeat the headline."""
        return "\n".join(line for line in self.text[self.headline_end:].splitlines()
                         if not line.isupper()).casefold()

    @cached_property
    def is_mostly_figures(self) -> bool:
        """Tell whether most lines of the body hold figures: a table or a report of figures,
        whose headline names its source ("Federal Reserve Weekly Report", "Canadian Wheat Board
        for April 7") where the body may not name it again."""
        lines = [line for line in self.text[self.headline_end:].splitlines() if line.strip()]
        return bool(lines) and sum(bool(re.search(r"\d", line)) for line in lines) * 3 >= len(lines) * 2

    def in_headline(self, ent: Span) -> bool:
        """Tell whether a span lies in the Title Case headline."""
        return ent.end_char <= self.headline_end

    def is_common_noun(self, name: str) -> bool:
        """Tell whether every word of a name is one the article also writes in lower case."""
        return all(word.lower() in self.lower_words for word in name.split())

    def is_english_word(self, word: str) -> bool:
        """Tell whether a capitalised word is an English noun, adjective or verb, or the plural of
        one ("Negotiators", "Savings"), by the model's lexicon (False without one)."""
        lower = word.lower()
        return self.lexicon is not None and (self.lexicon.is_common_word(lower) or lower.endswith("s")
                                             and self.lexicon.is_common_word(lower[:-1]))

    def is_headline_word(self, ent: Span, name: str) -> bool:
        """Tell whether a headline "name" ends in a verb ("Stock Split", "Bill") and does not read as a name.

        "Bush Says ..." keeps Bush: a one-word name at the start, after a title or a possessive,
        followed by a lower-case verb, reads as a name; "Farm Credit Rescue Bill seen" does not.
        """
        last = name.split()[-1].lower()
        if self.lexicon is None or not (last in self.lexicon.verbs or self.lexicon.is_verb_form(last)):
            return False
        if " " in name:
            return True
        doc = self.doc
        before = doc[ent.start - 1].text if ent.start else ""
        after = doc[ent.end].text if ent.end < len(doc) else ""
        name_before = not before or before in ("'s", "’s", ",", ":", "-") \
            or before.lower().strip(".") in TITLE_WORDS
        return not (name_before and (after[:1].islower() or after in ("'s", "’s", ",")))


def is_firm_by_what_follows(ent: Span) -> bool:
    """Tell whether a span is followed by what follows a firm's name: a ticker, a legal form
    ("Cheung Kong (Holdings) Ltd", "Alitalia SpA", "Holstein-Friesian, Inc"); after a possessive, the
    legal form must follow at once ("Ivan Boesky's Seemala Corp" is his firm, not him)."""
    after = doc_text(ent.doc)[ent.end_char: ent.end_char + 60]
    if re.search(r"['’]s?$", ent.text):
        return bool(_COMPANY_AFTER.match(after)) and not re.match(r"\s*[A-Z][a-z]+\s", after)  # "Boesky's Seemala Corp"
    return bool(_COMPANY_AFTER.match(after))
