"""What a resolution pass knows of the corpus, kept between the runs of one process (`index --watch`).

Every article's local names (before the corpus maps), how it spells them, and what is stored for
it; the corpus counts the maps are built from; the maps. A run that changed a few articles then
updates the counts, rebuilds the maps (milliseconds) and looks for the values whose final name
changed, instead of reading every stored article again: at 180,000 articles that reading was
most of a watch batch.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field

from searchapp.articles import Entities
from searchapp.entities import CorpusMaps, Mentions
from searchapp.entities.corpus import final_mentions
from searchapp.entities.corpus_evidence import legal_forms
from searchapp.rules import Rules

KINDS = (("person", "people"), ("place", "places"), ("org", "organizations"))


@dataclass(frozen=True)
class Known:
    """One article as the last pass left it: its local names and spellings, and what is stored."""

    local: Entities
    surfaces: tuple
    final: Entities
    mentions: tuple
    titled: tuple = ()  # Mentions.titled
    lowered: tuple = ()  # Mentions.lowered
    acronyms: tuple = ()  # Mentions.acronyms
    things: tuple = ()  # Mentions.things
    acting: tuple = ()  # Mentions.acting

    @classmethod
    def of(cls, local: Entities, mentions: Mentions, final: Entities | None = None,
           stored_mentions: tuple = ()) -> Known:
        """What a pass knows of an article: its local names, its mentions (as_of its date), and
        what is stored for it (final and stored_mentions; nothing yet for one being written)."""
        return cls(local, mentions.surfaces, local if final is None else final, stored_mentions,
                   mentions.titled, tuple(map(sys.intern, mentions.lowered)),
                   tuple(map(tuple, mentions.acronyms)), tuple(mentions.things),
                   tuple(mentions.acting))


@dataclass
class CorpusMemory:
    """The articles of one index version, the counts of their local names, and the maps."""

    key: str = ""  # resolution.state_key: the versions and rules the maps are for
    articles: dict[str, Known] = field(default_factory=dict)
    counts: dict[str, Counter] = field(default_factory=lambda: {kind: Counter() for kind, _ in KINDS})
    legal: Counter = field(default_factory=Counter)  # articles naming each firm with a legal form
    titled: Counter = field(default_factory=Counter)  # articles naming each lone word after a title
    lowered: Counter = field(default_factory=Counter)  # articles writing each phrase in lower case
    defined: Counter = field(default_factory=Counter)  # articles defining each (acronym, organisation)
    things: Counter = field(default_factory=Counter)  # articles naming each product or ship
    acting: Counter = field(default_factory=Counter)  # articles showing each name acting as a body
    maps: CorpusMaps | None = None

    def reset(self, key: str) -> None:
        """Forget everything: the next pass is a full one, for key."""
        self.key, self.articles, self.maps = key, {}, None
        self.counts = {kind: Counter() for kind, _ in KINDS}
        self.legal, self.titled, self.lowered, self.defined = Counter(), Counter(), Counter(), Counter()
        self.things, self.acting = Counter(), Counter()

    def add(self, article_id: str, known: Known) -> None:
        """Remember an article (replacing what was known of it) and count its names."""
        self.remove(article_id)
        self.articles[article_id] = known
        for kind, attribute in KINDS:
            self.counts[kind].update(getattr(known.local, attribute))
        self.legal.update(legal_forms(known.surfaces))
        self.titled.update(known.titled)
        self.lowered.update(known.lowered)
        self.defined.update(set(known.acronyms))
        self.things.update(set(known.things))
        self.acting.update(set(known.acting))

    def remove(self, article_id: str) -> None:
        """Forget an article and uncount its names."""
        known = self.articles.pop(article_id, None)
        if known is None:
            return
        for kind, attribute in KINDS:
            counts = self.counts[kind]
            counts.subtract(getattr(known.local, attribute))
            for value in getattr(known.local, attribute):
                if counts[value] <= 0:
                    del counts[value]
        for counter, values in ((self.legal, legal_forms(known.surfaces)), (self.titled, known.titled),
                                (self.lowered, known.lowered), (self.defined, set(known.acronyms)),
                                (self.things, set(known.things)), (self.acting, set(known.acting))):
            for value in values:
                counter[value] -= 1
                if counter[value] <= 0:
                    del counter[value]

    def build_maps(self, rules: Rules) -> set[tuple[str, str]]:
        """Build the maps from the counts; return the local values whose final name differs
        from what the previous maps gave (all of them the first time)."""
        old, self.maps = self.maps, CorpusMaps.from_counts(
            self.counts["person"], self.counts["org"], self.counts["place"], rules, self.maps,
            self.legal, self.titled, self.lowered, defined=self.defined, things=self.things,
            acting=self.acting)
        values = {(kind, value) for kind, counts in self.counts.items() for value in counts}
        if old is None:
            return values
        # (an organisation's reading where its article shows it is a body of its own counts too:
        # CorpusMaps.article_final_of uses it, and the articles using it must be rewritten when it moves)
        return {key for key in values if old.final_of(*key) != self.maps.final_of(*key)
                or key[0] == "org" and old.final_of(*key, as_body=True) != self.maps.final_of(*key, as_body=True)}

    def holding(self, values: set[tuple[str, str]]) -> set[str]:
        """The ids of the articles that name one of values."""
        if not values:
            return set()
        by_kind = {kind: {value for k, value in values if k == kind} for kind, _ in KINDS}
        return {article_id for article_id, known in self.articles.items()
                if any(not by_kind[kind].isdisjoint(getattr(known.local, attribute))
                       for kind, attribute in KINDS)}

    def resolve(self, known: Known) -> tuple[Entities, tuple]:
        """Return an article's final entities and mention records under the current maps."""
        final = self.maps.apply(known.local, known.acronyms, known.surfaces)
        return final, final_mentions(self.maps, final, known.surfaces, known.acronyms)

    def before_rules(self) -> dict[str, set[str]]:
        """Every value of each kind that some article has after the corpus maps, before the rules."""
        out: dict[str, set[str]] = {kind: set() for kind, _ in KINDS}
        for kind, counts in self.counts.items():
            for value in counts:
                if target := self.maps.corpus_of(kind, value):
                    out[target[0]].add(target[1])
        return out
