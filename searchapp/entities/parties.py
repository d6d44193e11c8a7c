"""Political parties the wire names by their members or in lower case, which NER misses.

Reuters writes a party as a reader says it: "Britain's ruling Conservatives", "the Tories",
"Thatcher's Conservative party", "the Socialists". NER tags the plurals as a people (NORP) or
not at all, and the lower-case "party" rarely joins the name, so the facet lost the party in
most such stories. Each form is read here as the party's name ("Conservative Party"), which
the article's country then qualifies as any bare institution is ("British Conservative Party",
mentions._qualify_institutions). A bare "Labour" that NER did tag is the same party: it gets
the same name, so a story's "Labour" and another's "Labour Party" are one facet value.

Only the parties named by one word the wire uses in every country ("Socialist Party" of France,
Spain, Italy, Portugal ...). Not the "Democrats" and "Republicans" of Washington ("Senate
Democrats", and the "Social", "Christian" and "Liberal Democrats" elsewhere), nor the "Christian
Democrats", whose party's name differs by country (Italy's party, West Germany's union).
"""
from __future__ import annotations

import re

from searchapp.entities.spots import compiled, with_word_before

# The party's word, and its members' plurals.
_PARTY_WORDS = {"conservative": "Conservative", "labour": "Labour", "liberal": "Liberal",
                "socialist": "Socialist", "communist": "Communist", "green": "Green"}
_MEMBERS = {"Conservatives": "Conservative", "Tories": "Conservative", "Socialists": "Socialist",
            "Communists": "Communist", "Liberals": "Liberal", "Greens": "Green"}

# The word before, to tell a longer name ("Young Communists", "New Zealand Labour party": NER's
# whole name) from a possessive ("Thatcher's Conservatives") or a lower-case word.
_WORD_BEFORE = re.compile(r"([\w\-'.]+)\s+\Z")
_LOWER_PARTY = re.compile(r"\b(Conservative|Labour|Liberal|Socialist|Communist|Green)\s+party\b")
_PLURAL = re.compile(r"\b(" + "|".join(_MEMBERS) + r")\b(?!\s+(?:[A-Z]|party\b|Party\b))")


def _in_a_name(before: str | None) -> bool:
    return bool(before) and before[0].isupper() and not before.endswith(("'s", "s'")) \
        and before not in ("The", "Both", "But", "And")


def party_names(text: str) -> list[str]:
    """The parties the text names in lower case or by their members: "the ruling Conservatives",
    "Thatcher's Conservative party", "the Tories" -> "Conservative Party"; not "Young Communists"
    (a name of its own) nor "conservatives" (people of a view)."""
    found = [f"{match[1]} Party" for before, match in with_word_before(_LOWER_PARTY, _WORD_BEFORE, text)
             if not _in_a_name(before)]
    found += [f"{_MEMBERS[match[1]]} Party" for before, match in with_word_before(_PLURAL, _WORD_BEFORE, text)
              if not _in_a_name(before)]
    return sorted(set(found))


def party_of(org: str) -> str:
    """A party's bare word as NER tags it, as its name ("Labour" -> "Labour Party"); other names as given."""
    word = _PARTY_WORDS.get(org.lower()) if org[:1].isupper() else None
    return f"{word} Party" if word else org


def party_of_members(name: str) -> str | None:
    """The party a name of its members stands for ("Conservatives", "the Tories" -> "Conservative
    Party"), else None."""
    word = _MEMBERS.get(name.removeprefix("the ").removeprefix("The "))
    return f"{word} Party" if word else None


def party_written_at(text: str, party: str) -> int:
    """Where the text first names a party of party_names, in any of its forms ("the ruling
    Conservatives", "the Tories", "Conservative party" for "Conservative Party"); -1 if nowhere."""
    word = party.removesuffix(" Party")
    forms = [word] + [members for members, of in _MEMBERS.items() if of == word]
    found = compiled(r"\b(?:" + "|".join(map(re.escape, forms)) + r")").search(text)
    return found.start() if found else -1


# A story about parties: it names one ("party", "parties"), an election, a poll or a parliament's members.
_POLITICAL = re.compile(r"\b(?:[Pp]arty|[Pp]arties|[Ee]lections?|[Pp]olls?|MPs|[Oo]pposition|[Cc]oalition|[Vv]oters?)\b")


def is_political(text: str) -> bool:
    """Tell whether a story is about parties, where a bare "Labour" or "Liberal" is one: it names a
    party, an election, a poll, or a party's word speaks ("Labour said it would oppose the budget")."""
    return _POLITICAL.search(text) is not None or _PARTY_SPEAKS.search(text) is not None


_PARTY_SPEAKS = re.compile(r"(?<!and )(?<!, )\b(?:Conservatives?|Labour|Liberals?|Socialists?|Communists?|Tories)[ ]"
                           r"(?:said|says|has|had|have|would|will|wants|won|lost|leader|MPs)\b")


# The currencies that name one country, and how the wire names it: a sentence on "sterling" and "the
# ruling Conservatives" is on Britain's party, wherever it was filed.
_CURRENCY_COUNTRIES = {"sterling": "United Kingdom", "yen": "Japan", "lira": "Italy", "peseta": "Spain",
                       "guilder": "Netherlands", "escudo": "Portugal", "drachma": "Greece",
                       "schilling": "Austria", "rand": "South Africa"}
_CURRENCY = re.compile(r"\b(" + "|".join(_CURRENCY_COUNTRIES) + r"|pound)s?\b")
_CURRENCY_BEFORE = re.compile(r"(\w+)[ ]\Z")


def currency_country(sentence: str) -> str | None:
    """The one country whose currency a sentence names ("sterling", "the pound" -> United Kingdom;
    not "the Irish pound"), else None."""
    countries = {_CURRENCY_COUNTRIES.get(match[1], "United Kingdom")
                 for before, match in with_word_before(_CURRENCY, _CURRENCY_BEFORE, sentence)
                 if match[1] != "pound" or not (before or "")[:1].isupper()}
    return countries.pop() if len(countries) == 1 else None
