"""Corpus-wide resolution: every article's final names as a pure function of the whole corpus's mentions.

The order of steps, each a function of what the one before gives for the WHOLE corpus:
    Mentions (cached NER, per text) --resolve()--> local Entities (per article)
    --CorpusMaps.build(all local)--> maps: bare surnames -> full names ("Baker" -> "James Baker"),
      one-word orgs that are such people; values of another kind by the corpus's evidence
      ("Samuel Montagu" is the firm; "Evansville" the town); short org forms -> long forms
      ("EC" -> "European Community")
    --CorpusMaps.apply + Rules.apply--> final Entities (countries recomputed from the final places)
The same multiset of articles gives every article the same final entities whatever the file
order, chunking or history of incremental runs; the indexer stores exactly resolve_corpus().
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from searchapp.articles import Entities
from searchapp.entities.aliases import SurnameMap, apply_surname_map, build_surname_map
from searchapp.entities.dates import resolve_dates
from searchapp.entities.mentions import Mentions
from searchapp.entities.orgs import apply_org_map, build_org_map
from searchapp.entities.mentions import GOVERNMENT_WORDS
from searchapp.entities.places import canonical_place, countries_in_context
from searchapp.rules import NO_RULES, Rules

# Bump when the corpus-wide step may give other names for the same mentions: stored articles
# are then re-resolved (from the cache, without NER) on the next `searchapp index`.
RESOLUTION_VERSION = "1"


@dataclass(frozen=True)
class CorpusMaps:
    """What the whole corpus tells about short names, built from every article's local entities."""

    surnames: SurnameMap
    orgs: dict[str, str]
    retypes: dict[tuple[str, str], tuple[str, str] | None]
    rules: Rules = NO_RULES

    @classmethod
    def build(cls, local: Iterable[Entities], rules: Rules = NO_RULES) -> CorpusMaps:
        """Count each value once per article and build the maps (see build_surname_map, build_org_map)."""
        local = list(local)
        people, orgs, places = Counter(), Counter(), Counter()
        for ents in local:
            people.update(ents.people)
            orgs.update(ents.organizations)
            places.update(ents.places)
        surnames = _without_firm_endings(build_surname_map(people, orgs), people, orgs)
        retypes = _retypes(people, orgs, places, surnames)
        # Organisation short forms are counted after the people step: a headline surname that
        # NER called ORG ("Volcker Says ...") is a person by then, and no short form of a firm.
        after = Counter()
        for ents in local:
            people_now = {surnames.get(p, p) if " " not in p else p for p in ents.people}
            after.update(org for org in ents.organizations if org not in surnames.org_names)
            after.update(retypes[("person", p)][1] for p in people_now
                         if (retypes.get(("person", p)) or ("",))[0] == "org")
            after.update(retypes[("place", p)][1] for p in ents.places
                         if (retypes.get(("place", p)) or ("",))[0] == "org")
        return cls(surnames, build_org_map(after), retypes, rules)

    def apply(self, local: Entities) -> Entities:
        """Return one article's final entities: the corpus maps, then the editors' rules."""
        ents = self.rules.apply(self.apply_corpus(local))
        if ents.places != local.places:
            ents = replace(ents, countries=countries_in_context(ents.places))
        return ents

    def apply_corpus(self, local: Entities) -> Entities:
        """Return one article's entities after the corpus maps, before the rules (countries as local)."""
        ents = apply_surname_map(local, self.surnames)
        if self.retypes:
            out = {"person": set(), "place": set(), "org": set(ents.organizations)}
            for kind, values in (("person", ents.people), ("place", ents.places)):
                for value in values:
                    target = self.retypes.get((kind, value), (kind, value))
                    if target is not None:
                        out[target[0]].add(target[1])
            ents = replace(ents, people=tuple(sorted(out["person"])),
                           places=tuple(sorted(out["place"])),
                           organizations=tuple(sorted(out["org"])))
        return apply_org_map(ents, self.orgs)


def _last_words(orgs: Counter) -> Counter:
    """Count the articles of the organisations each word ends: {"Brasil": 40} from "Banco do Brasil"."""
    ends = Counter()
    for org, count in orgs.items():
        if " " in org:
            ends[org.split()[-1]] += count
    return ends


def _without_firm_endings(surnames: SurnameMap, people: Counter, orgs: Counter) -> SurnameMap:
    """Drop the surnames that end firms' names more often than their person is named.

    NER cuts "Banco do Brasil" and "Jornal do Brasil" and calls the "Brasil" a person; with one
    "Carlos Brasil" in the corpus, every such "Brasil" would become him.
    """
    ends = _last_words(orgs)
    kept = {short: full for short, full in surnames.items() if ends[short] < max(2, people[full])}
    return SurnameMap(kept, (org for org in surnames.org_names if org in kept))


def _org_support(orgs: Counter) -> Counter:
    """Count, for every name, the articles of the organisations it is or starts:
    {"Samuel Montagu": 14} from "Samuel Montagu" and "Samuel Montagu and Co" (not from
    "Reagan Administration": a politician's name is not a firm's)."""
    support = Counter()
    for org, count in orgs.items():
        words = org.split()
        if words[-1].lower() in GOVERNMENT_WORDS:
            continue
        for n in range(1, len(words) + 1):
            support[" ".join(words[:n])] += count
    return support


def _retypes(people: Counter, orgs: Counter, places: Counter,
             surnames: SurnameMap) -> dict[tuple[str, str], tuple[str, str] | None]:
    """Corpus evidence that a value is of another kind, or no entity: (kind, value) -> target.

    - A "person" that the corpus names as a firm at least as often ("Samuel Montagu" and
      "Samuel Montagu and Co", "L.F. Rothschild") is that firm; so is an unknown "place"
      that starts a firm's name ("Newmont" of "Newmont Mining").
    - A one-word "person" that ends firms' names at least as often is a piece of them.
    - A one-word "person" that no full name ends with: a first name used alone ("Mark" of
      "Mark Fields") is no entity; a known place ("Evansville", "Whakatane") is that place.
    """
    support = _org_support(orgs)
    ends = _last_words(orgs)
    first_names, last_names = set(), set()
    for person in people:
        words = person.split()
        if len(words) > 1:
            first_names.add(words[0])
            last_names.add(words[-1])
    retypes: dict[tuple[str, str], tuple[str, str] | None] = {}
    for person, count in people.items():
        if " " not in person and person in surnames:
            continue  # "Baker" is James Baker
        if support[person] >= max(2, count):
            retypes[("person", person)] = ("org", person)
        elif " " not in person and ends[person] >= max(2, count):
            retypes[("person", person)] = None  # the "Brasil" of "Banco do Brasil"
        elif " " not in person and person not in last_names:
            if person in first_names:
                retypes[("person", person)] = None
            elif place := canonical_place(person):
                retypes[("person", person)] = ("place", place)
    for place in places:
        if " " not in place and canonical_place(place) is None and support[place] >= 2 \
                and support[place] > places[place]:
            retypes[("place", place)] = ("org", place)
    return retypes


def resolve(mentions: Mentions, published: date | None) -> Entities:
    """Turn one article's Mentions into its local Entities: dates resolved against the
    publication date, the places' countries; the corpus step comes after."""
    return Entities(
        people=mentions.people,
        places=mentions.places,
        organizations=mentions.organizations,
        dates=resolve_dates(mentions.date_expressions, published),
        countries=countries_in_context(mentions.places),
    )


def resolve_corpus(items: Sequence[tuple[Mentions, date | None]],
                   rules: Rules = NO_RULES) -> list[Entities]:
    """Return the final entities of every article of a corpus, given (mentions, published) each."""
    local = [resolve(mentions, published) for mentions, published in items]
    maps = CorpusMaps.build(local, rules)
    return [maps.apply(ents) for ents in local]
