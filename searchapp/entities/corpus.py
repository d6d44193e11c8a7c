"""Corpus-wide resolution: every article's final names as a pure function of the whole corpus's mentions.

The order of steps, each a function of what the one before gives for the WHOLE corpus:
    Mentions (cached NER, per text) --resolve()--> local Entities (per article)
    --CorpusMaps.build(all local)--> maps: bare surnames -> full names ("Baker" -> "James Baker"),
      one-word orgs that are such people, short org forms -> long forms ("EC" -> "European Community")
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
from searchapp.entities.places import countries_in_context
from searchapp.rules import NO_RULES, Rules

# Bump when the corpus-wide step may give other names for the same mentions: stored articles
# are then re-resolved (from the cache, without NER) on the next `searchapp index`.
RESOLUTION_VERSION = "1"


@dataclass(frozen=True)
class CorpusMaps:
    """What the whole corpus tells about short names, built from every article's local entities."""

    surnames: SurnameMap
    orgs: dict[str, str]
    rules: Rules = NO_RULES

    @classmethod
    def build(cls, local: Iterable[Entities], rules: Rules = NO_RULES) -> CorpusMaps:
        """Count each value once per article and build the maps (see build_surname_map, build_org_map)."""
        local = list(local)
        people, orgs = Counter(), Counter()
        for ents in local:
            people.update(ents.people)
            orgs.update(ents.organizations)
        surnames = build_surname_map(people, orgs)
        # Organisation short forms are counted after the surname step: a headline surname that
        # NER called ORG ("Volcker Says ...") is a person by then, and no short form of a firm.
        after = Counter()
        for ents in local:
            after.update(org for org in ents.organizations if org not in surnames.org_names)
        return cls(surnames, build_org_map(after), rules)

    def apply(self, local: Entities) -> Entities:
        """Return one article's final entities."""
        ents = self.rules.apply(apply_org_map(apply_surname_map(local, self.surnames), self.orgs))
        if ents.places != local.places:
            ents = replace(ents, countries=countries_in_context(ents.places))
        return ents


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
