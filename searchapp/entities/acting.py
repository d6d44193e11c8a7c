"""The names an article shows acting as a body: speaking, owning, employing, being owned or traded.

A company, ministry or party in news copy says things ("Glaxo said"), owns things ("Comex's
floor"), has people who speak for it ("a Sematech spokesman", "an analyst at Sutro") and is a
unit or a holding ("shares of Snecma"). A drug, a car line, a computer, a field or a town that NER
tagged ORG rarely does any of that ("rates on MasterCard balances", "the Jeep Comanche", "Kansai
airport"). Mentions.acting records, per article, which of its names some sentence shows acting;
the corpus counts them (CorpusMaps: an organisation no article shows acting, with no legal form
and no word that says it is a body, is left out of the facet).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from searchapp.entities.names import FOREIGN_ORG_WORDS, ORG_HEADS
from searchapp.entities.orgs import INSTITUTION_HEADS, LEGAL_SUFFIXES
from searchapp.entities.spots import spots

# After a name: its possessive ("Glaxo's"), a verb of a speaker or a party to a deal ("Sutro said",
# "Minpeco agreed"; up to two capitalised words between: "Comex Clearing said"), the people who work
# for it or own it ("a Sematech spokesman", "Snecma shareholders", the same capitalised words apart), a
# word for what kind of body it is ("the ruling Golkar party"), its shares' price ("Glaxo 8p at 1,480",
# "Natwest fell a penny"), or the wire's ticker ("<SNE>").
_AFTER = re.compile(
    r"['’]s?(?![\w])"
    r"|(?:[ ][A-Z][\w&.\-]*){0,2}(?:,?[ ](?:said|says|reported|announced|told|added|disclosed|denied|declined|"
    r"confirmed|agreed|plans|planned|expects|expected|filed|owns|owned|bought|acquired|sold|offered|proposed|"
    r"approved|rejected|urged|warned|appointed|named|signed|posted|issued|sought|asked|estimated|forecast|"
    r"predicted)\b"
    r"|[ ](?:spokesman|spokeswoman|spokesmen|official|officials|chairman|president|executive|executives|"
    r"director|directors|analyst|analysts|economist|economists|unit|units|subsidiary|subsidiaries|"
    r"shareholders|stockholders|management|employees|members|staff|sources|poll)\b"
    r"|[ ](?:party|consortium|company|firm|group|bank|agency|airline|carrier|government|brokerage|newspaper|"
    r"daily|utility)\b)"
    r"|[ ](?:rose|fell|gained|lost|eased|dropped|climbed|slipped|firmed|jumped|shed|added)[ ](?:a[ ]penny|\d)"
    r"|[ ]\d+(?:[ ]\d/\d)?p?[ ]at[ ]\d"
    r"|[ ]?<[A-Z][A-Z0-9.]{0,9}>")
# After a name, a quote that opens a word of two letters or more: the name is part of that word
# ("O'Brien" is no "O"), where "Exxon's" is still Exxon.
_QUOTE_IN_WORD = re.compile(r"['’]\w\w")
# Before a name: the people who speak for it, own it or work there ("spokesman for", "analyst at"),
# what it holds or is part of ("unit of", "shares of", "stake in"), what it does ("quoted by Nasdaq",
# "calculated by Cattle Fax", "talks with Sabena"), the kind of body it is ("the state mining company
# Comibol", "subsidiary Credit du Nord"), or the wire's bracket ("<Sogenal").
_BEFORE = re.compile(
    r"(?:(?:spokesman|spokeswoman|official|officials|chairman|president|executive|executives|director|"
    r"analyst|analysts|economist|economists|unit|subsidiary|division|affiliate|shares|stake|shareholders|"
    r"members|head|chief|employees)[ ](?:for|of|at|with|in|from)[ ](?:the[ ])?"
    r"|(?:quoted|published|calculated|compiled|owned|controlled|run|operated|issued|made|held|bought|acquired|"
    r"managed|sponsored|underwritten|offered|announced|reported|released|conducted|taken|built|developed|"
    r"produced|designed|set[ ]up|proposed|funded|financed|led|founded|formed|created|hired|retained|advised)"
    r"[ ]by[ ](?:the[ ])?"
    r"|(?:agreed|agreement|talks|deal|merger|contract|negotiations|venture)[ ]with[ ](?:the[ ])?"
    r"|(?:company|firm|bank|agency|airline|carrier|consortium|brokerage|newspaper|daily|utility|insurer|retailer|"
    r"broker|concern|maker|producer|subsidiary|affiliate|firm[ ]of)[ ]|<)$",
    re.IGNORECASE)


def acting_names(text: str, surfaces: Iterable[tuple[str, str, str, int]]) -> tuple[str, ...]:
    """Return the people and organisations (values of surfaces: kind, value, spelling, count)
    that the text shows acting as a body under one of their spellings, sorted."""
    spellings: dict[str, set[str]] = {}
    for kind, value, spelling, _n in surfaces:
        if kind in ("org", "person"):
            spellings.setdefault(value, {value}).add(spelling)
    acting = set()
    for value, forms in spellings.items():
        for form in forms:
            if any(_AFTER.match(text, start + len(form)) or _BEFORE.search(text, max(0, start - 40), start)
                   for start in spots(text, form, not_before="&.'’-", not_after="&-")
                   if not _QUOTE_IN_WORD.match(text, start + len(form))):
                acting.add(value)
                break
    return tuple(sorted(acting))


# Words that say a name is a body's, besides the heads and legal forms of names.py and orgs.py: a
# service, an administration, a paper, a station, a railway ("Internal Revenue Service", "Melbourne Sun",
# "Wjbk-Tv").
_BODY_WORDS = frozenset({
    "service", "services", "administration", "laboratory", "academy", "community", "subcommittee", "unit",
    "market", "commission", "comptroller", "news", "times", "journal", "post", "herald", "tribune", "press",
    "week", "sun", "star", "railroad", "railway", "railways", "guards", "corps", "alliance", "front",
    "league", "pool", "trust", "partners", "associates", "capital", "system", "network", "television",
    "radio", "lines", "line", "agency", "office", "department", "ministry", "government", "club",
    "committee", "council", "congress", "senate", "parliament", "assembly", "party", "union", "court",
    "tv", "magazine", "clinic", "institution", "brotherhood", "presse", "agentur", "partnership", "brokerage",
    "advisors", "advisers", "bourse", "boerse", "borsa", "bolsa"}
) | ORG_HEADS | FOREIGN_ORG_WORDS | LEGAL_SUFFIXES | INSTITUTION_HEADS


def names_a_body(name: str) -> bool:
    """Tell whether a name's own words say it is a body's: a head such as "Bank", "Party" or
    "Service", a firm's word in another language ("Banque", "Handelsblad"), or a legal form."""
    words = {re.sub(r"['’]s$", "", word.lower().strip(".,'’()")) for word in re.split(r"[ /\-]", name)}
    return not words.isdisjoint(_BODY_WORDS)
