"""Turn a spaCy Doc into Mentions: decide which entity spans are people, organisations, places, dates.

NER labels are a first guess. The rules here overrule them with what the article itself shows:
a "person" followed by a ticker is a company ("Att <T>"), a "person" that the article also
writes in lower case is a word ("Bill", "Deficit"), an agency named as the source of the story
is a credit ("told Reuters"), and a Title Case wire headline is not read for people when a body
follows that repeats them ("Exxon Cuts Heating Oil Barge Price").
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from searchapp.entities.aliases import merge_people
from searchapp.entities.headlines import Lexicon, is_headline_case
from searchapp.entities.names import (NAME_PARTICLES, ORG_FILLER, TITLE_WORDS, clean_org, clean_person,
                                      clean_place, fix_case, is_landmark, normalize_space)
from searchapp.entities.orgs import is_agency, strip_legal_suffix
from searchapp.entities.places import (canonical_place, country_of_nationality, is_country,
                                       is_major_place)

PLACE_LABELS = frozenset({"GPE", "LOC"})
# Words before a one-word ORG that make it a person: "spokeswoman Zakharova" (spaCy says ORG).
PERSON_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "minister", "president",
                          "secretary", "chairman", "chairwoman", "governor", "ambassador",
                          "premier", "chancellor", "mr", "mrs", "ms", "dr", "senator", "sen",
                          "envoy", "director", "leader", "king", "queen", "prince", "sheikh",
                          "governor", "treasurer", "commissioner", "undersecretary"})
# Words before a one-word PERSON that make it a company: "the state oil company Petrobras".
COMPANY_NOUNS = frozenset({"company", "firm", "group", "unit", "subsidiary", "affiliate", "carrier",
                           "airline", "maker", "concern", "utility", "brokerage", "retailer",
                           "producer", "insurer", "lender", "conglomerate", "manufacturer"})
# Ministry portfolios that spaCy tags ORG in a title: "Finance Minister Kiichi Miyazawa".
PORTFOLIO_WORDS = frozenset({"finance", "trade", "foreign", "economy", "economics", "agriculture",
                             "energy", "interior", "home", "justice", "commerce", "labor", "labour",
                             "industry", "oil", "petroleum", "health", "education", "transport",
                             "budget", "defence", "defense"})
# A body shorter than this many words does not stand in for its headline (a table, a one-liner).
MIN_BODY_WORDS = 20
# A wire dateline opening the body: "NEW YORK, Feb 26 - ", "BOXBOROUGH, Mass., March 9 - ",
# "MOSCOW (Reuters) - ". The city is in capitals by wire convention.
_DATELINE = re.compile(
    r"(?:^|\n\n)[ \t]*(?P<city>[A-Z][A-Z.'\- ]{1,40}?)(?:,\s*(?P<region>[A-Z][A-Za-z.\- ]{1,25}?))?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\s+\((?:Reuters|AP|AFP|UPI|dpa)\))\s+[-—–]+\s")
# What follows a company's name on the wire: a ticker "<XON>", "and Co", a legal form "Inc".
_COMPANY_AFTER = re.compile(r"\s*(?:<[A-Z0-9.]{1,8}>|,?\s*(?:and|&)\s+Co\b|(?:Inc|Corp|Co|Ltd|Plc|AG|SA)\b)")
_FIRM_AFTER = re.compile(r"\s*(?:and|&)\s+(?:Sons|Brothers|Partners)\b")  # "Alex. Brown and Sons"
_LOWER_WORD = re.compile(r"(?<![\w\-])[a-z][a-z'’\-]*[a-z]")


@dataclass(frozen=True)
class Mentions:
    """The cacheable NER result for one text; independent of the publication date."""

    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    date_expressions: tuple[str, ...] = ()  # DATE spans as written, resolved later by resolve()

    def to_json(self) -> str:
        """Serialise to compact JSON."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, s: str) -> Mentions:
        """Parse what to_json wrote."""
        data = json.loads(s)
        return cls(**{key: tuple(data.get(key, ())) for key in
                      ("people", "places", "organizations", "date_expressions")})


def find_dateline(text: str) -> tuple[int, list[str]] | None:
    """Return the end offset of a wire dateline and its places: "BOXBOROUGH, Mass., March 9 - "."""
    match = _DATELINE.search(text, 0, 800)
    if match is None:
        return None
    places = []
    for part in (match["city"], match["region"]):
        if part and (name := clean_place(part.strip())):
            places.append(canonical_place(name) or " ".join(fix_case(w) for w in name.split()))
    return match.end(), places


class _Article:
    """What the span rules need to know about the whole text."""

    def __init__(self, doc: Doc, lexicon: Lexicon | None, headline_end: int | None) -> None:
        self.doc = doc
        self.lexicon = lexicon
        text = doc.text
        if headline_end is None:
            headline = text.partition("\n\n")[0]
            headline_end = len(headline) if lexicon is not None and is_headline_case(headline) else 0
        # A Title Case headline ("Exxon Cuts Heating Oil Barge Price"); a brief is nothing else.
        self.headline_end = headline_end
        self.has_body = len(text[headline_end:].split()) >= MIN_BODY_WORDS
        # Words the article writes in lower case, outside a Title Case headline: "bill", "price".
        self.lower_words = set(_LOWER_WORD.findall(text, self.headline_end))

    def in_headline(self, ent: Span) -> bool:
        return ent.end_char <= self.headline_end

    def is_common_noun(self, name: str) -> bool:
        """Tell whether every word of a name is one the article also writes in lower case."""
        return all(word.lower() in self.lower_words for word in name.split())

    def is_headline_word(self, ent: Span, name: str) -> bool:
        """Tell whether a headline "name" ends in a verb ("Stock Split", "Bill") without a name's company.

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


def _place_name(text: str) -> str | None:
    name = clean_place(text)
    return (canonical_place(name) or name) if name else None


def _places_in_org(org: str) -> list[str]:
    """Places an organisation is named after: "Munich Security Conference", "Bank of Japan"."""
    words = org.split()
    found = []
    for size in (3, 2, 1):
        place = canonical_place(" ".join(words[:size])) if len(words) > size else None
        if place and is_major_place(place):
            found.append(place)
            break
    if len(words) > 2 and words[-2] == "of" and (place := canonical_place(words[-1])):
        if is_major_place(place):
            found.append(place)
    return found


def _org_as_person(ent: Span) -> bool:
    before = ent.doc[ent.start - 1].text.lower().strip(".") if ent.start else ""
    return len(ent) == 1 and before in PERSON_ROLES and ent.text.istitle()


def _is_firm_partner(ent: Span) -> bool:
    """Tell whether a one-word name is the second partner of a firm: "Duff and Phelps"."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text not in ("and", "&"):
        return False
    partner = doc[ent.start - 2]
    return partner.text.istitle() and not partner.ent_type_  # not "Reagan and Baker"


def _titled_names(article: _Article) -> list[str]:
    """Find names that follow a role word and that NER missed: "Finance Minister Barend du Plessis".

    Outside a Title Case headline, capitalised words after "Minister", "Governor", "Mr" ... are
    a name; NER (the small model) drops or mislabels some of them as ORG.
    """
    doc = article.doc
    found = []
    for token in doc:
        if token.idx < article.headline_end or token.text.lower().strip(".") not in PERSON_ROLES:
            continue
        words = []
        for follower in doc[token.i + 1: token.i + 6]:
            text = follower.text
            if text.lower().strip(".") in TITLE_WORDS and not words:
                continue  # "Director General Arthur Dunkel"
            if text in NAME_PARTICLES and words or text[:1].isupper() and text.lower() not in STOP_WORDS \
                    and text.replace("-", "").replace("'", "").isalpha():
                words.append(follower)  # not "Poehl At German Affairs Group" (a Title Case subhead)
            else:
                break
        while words and words[-1].text in NAME_PARTICLES:
            words.pop()
        if not words or any(word.ent_type_ == "PERSON" for word in words):
            continue
        span = doc[words[0].i: words[-1].i + 1]
        name = clean_person(span.text)
        if not name or canonical_place(name) or country_of_nationality(name) \
                or strip_legal_suffix(name) != name or name.split()[-1].lower() in ORG_FILLER:
            continue  # "President Microwave Corp"
        if len(words) > 1 or not (article.is_common_noun(name) or article.lexicon is not None
                                  and article.lexicon.is_common_word(name.lower())):
            found.append(name)  # one word: "King Fahd", not "director Industrial"
    return found


def _read_person(ent: Span, article: _Article) -> tuple[str, str] | None:
    """Classify a PERSON span: ("person" | "org" | "place", name), or None for junk."""
    name = clean_person(ent.text)
    if not name:
        return None
    place = canonical_place(name)
    if is_landmark(name) or place and is_major_place(place):
        return "place", place or name
    text = article.doc.text
    after = text[ent.end_char: ent.end_char + 12]
    before = ent.doc[ent.start - 1].text.lower() if ent.start else ""
    if _COMPANY_AFTER.match(after) or text[ent.start_char - 1: ent.start_char] == "<" \
            or " " not in name and before in COMPANY_NOUNS:
        org = clean_org(ent.text)  # "Att <T>", "<J.P. Morgan and Co>", "company Petrobras"
        return ("org", org) if org else None
    if _FIRM_AFTER.match(after) or article.is_common_noun(name) or " " not in name and _is_firm_partner(ent):
        return None
    if ent.start_char < article.headline_end and article.is_headline_word(ent, name):
        return None
    return "person", name


def _firm_start(ent: Span) -> int:
    """Return where a firm's name starts that NER cut at "and": "[Cable and] Wireless Plc"."""
    doc = ent.doc
    if strip_legal_suffix(ent.text) == ent.text or ent.start < 2 or doc[ent.start - 1].text not in ("and", "&"):
        return ent.start_char
    start = ent.start - 1  # the "and"
    while start > 0 and ent.start - start < 4 and doc[start - 1].text[:1].isupper() \
            and not doc[start - 1].ent_type_:
        start -= 1  # "American Telephone and Telegraph Co"
    return doc[start].idx if start < ent.start - 1 else ent.start_char


def _read_org(ent: Span, previous: Span | None, places: list[str]) -> str | None:
    """Return the canonical name of an ORG span, or None; places it names go to places."""
    text = ent.doc.text[_firm_start(ent): ent.end_char]
    if previous is not None and previous.label_ == "NORP" and previous.end == ent.start:
        text = f"{previous.text} {text}"  # "Russian" + "Foreign Ministry"
    first, _, rest = text.partition(" ")
    if rest and is_agency(first) and strip_legal_suffix(rest) == rest:
        if rest.split()[-1] == "News":
            return None  # "Reuter Money News": the agency's own service, a credit
        text = rest  # "told Reuters Kampelman": spaCy ran the credit into the next name
    owner, _, rest = re.sub(r"^the\s+", "", re.sub(r"[‘’`´]", "'", text)).partition("'s ")
    if rest and (place := canonical_place(owner)):
        places.append(place)  # "China's Ministry of Foreign Affairs"; not "Moody's Investors"
        text = rest
    name = clean_org(text)
    if name is None or is_agency(name):
        return None  # an agency's bare name: a credit or "told Reuters", not the story's subject
    after = ent.doc[ent.end].text.lower().strip(".") if ent.end < len(ent.doc) else ""
    if name.lower() in PORTFOLIO_WORDS and after in TITLE_WORDS:
        return None  # "Finance" of "Finance Minister"
    place = canonical_place(name)
    if place and is_major_place(place):
        places.append(place)  # "China‘s" alone: spaCy calls it ORG
        return None
    places.extend(_places_in_org(name))
    return name


def mentions_from_doc(doc: Doc, lexicon: Lexicon | None = None, *, headline_end: int | None = None,
                      nationalities_as_places: bool = True) -> Mentions:
    """Turn a Doc's entities into Mentions: cleaned names, aliases merged, places canonical.

    headline_end is where a Title Case headline ends, as prepare_text tells (None: guess from
    the text). With the lexicon, a one-word place in such a headline that is also an English word
    ("Sale" -> Salé, Morocco; "Split") is dropped unless it is a country or a US state.
    """
    article = _Article(doc, lexicon, headline_end)
    people: list[str] = []
    orgs: list[str] = []
    places: list[str] = []
    dates: list[str] = []
    dateline = find_dateline(doc.text)
    skip_until = 0
    if dateline:
        skip_until, dateline_places = dateline
        places.extend(dateline_places)
    ents = list(doc.ents)
    for index, ent in enumerate(ents):
        label = ent.label_
        if ent.start_char < skip_until and label in ("DATE", "GPE", "LOC", "ORG"):
            continue  # the dateline: its places are taken above, its date is the publication date
        if label == "PERSON" or label == "ORG" and _org_as_person(ent):
            if article.in_headline(ent) and article.has_body:
                continue  # Title Case makes NER see names everywhere; the body repeats the real ones
            kind, name = _read_person(ent, article) or ("", "")
            {"person": people, "org": orgs, "place": places}.get(kind, []).append(name)
        elif label == "ORG":
            if name := _read_org(ent, ents[index - 1] if index else None, places):
                orgs.append(name)
        elif label in PLACE_LABELS:
            name = _place_name(ent.text)
            word = ent.text.strip().lower()
            if name and article.in_headline(ent) and " " not in word \
                    and lexicon.is_common_word(word) and not is_country(name):
                continue
            if name:
                places.append(name)
        elif label == "NORP" and nationalities_as_places:
            if country := country_of_nationality(normalize_space(ent.text)):
                places.append(country)
        elif label == "DATE" and "\n\n" not in ent.text:
            dates.append(normalize_space(ent.text))
    people.extend(_titled_names(article))
    # NER reads some surnames as places ("Petriccioli"): one unknown word that ends a person's name.
    unknown = [place for place in places if " " not in place and canonical_place(place) is None]
    # A one-word "person" that is also one of the article's organisations is that firm ("Cyacq").
    people = [person for person in people if " " in person or person not in orgs]
    people, orgs = merge_people(people, orgs + unknown)
    places = [place for place in places if place not in unknown or place in orgs]
    orgs = [org for org in orgs if org not in unknown]
    return Mentions(tuple(people), tuple(sorted(set(places))), tuple(orgs), tuple(sorted(set(dates))))
