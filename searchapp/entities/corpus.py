"""Corpus-wide resolution: every article's final names as a pure function of the whole corpus's mentions.

The order of steps, each a function of what the one before gives for the WHOLE corpus:
    Mentions (cached NER, per text) --resolve()--> local Entities (per article)
    --CorpusMaps.build(all local)--> maps: bare surnames -> full names ("Baker" -> "James Baker"),
      one-word orgs that are such people; values of another kind by the corpus's evidence
      ("Samuel Montagu" is the firm; "Evansville" the town); short org forms -> long forms
      ("EC" -> "European Community")
    --CorpusMaps.apply + Rules.apply--> final Entities (countries recomputed from the final places; an
      untagged name, marked UNTAGGED among the local organisations, becomes the body the corpus attests)
The same multiset of articles gives every article the same final entities whatever the file
order, chunking or history of incremental runs; the indexer stores exactly resolve_corpus().
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from searchapp.articles import Entities
from searchapp.entities.acting import names_a_body
from searchapp.entities.aliases import SurnameMap, build_surname_map, is_bare_surname, surname_of
from searchapp.entities.dates import resolve_dates
from searchapp.entities.mentions import Mentions
from searchapp.entities.corpus_evidence import (attested_orgs, case_variants, common_phrases, cut_after_and,
                                               cut_at_the_end, cut_before_a_partner, cut_before_and,
                                               double_surnames, firm_words, fuller_names,
                                               is_whole_acronym, legal_forms, misspelt_names, misspelt_places,
                                               retypes_of, same_body, shared_names,
                                               things_named, with_defined_acronyms, without_firm_endings,
                                               without_firms_of_a_surname, without_first_names)
from searchapp.entities.org_map_update import update_org_map
from searchapp.entities.towns import bare_towns
from searchapp.entities.orgs import build_org_map, is_bare_institution
from searchapp.entities.places import canonical_place, countries_in_context, is_country_or_state
from searchapp.entities.surfaces import merge_surfaces
from searchapp.entities.untagged import UNTAGGED
from searchapp.rules import NO_RULES, Rules

# Articles an organisation must be named in before their silence counts against it (CorpusMaps.unvouched).
UNVOUCHED_MIN = 2

# Bump when the corpus-wide step may give other names for the same mentions: stored articles
# are then re-resolved (from the cache, without NER) on the next `searchapp index`.
RESOLUTION_VERSION = "43"

# States whose name the gazetteer gives to what was another state at the time: until German
# unification (3 October 1990) the wire's "Germany" and "German Finance Ministry" are West
# Germany's, as its readers wrote them (the East is always "East Germany", "East German").
_UNTIL_UNIFICATION = date(1990, 10, 3)


@dataclass(frozen=True)
class CorpusMaps:
    """What the whole corpus tells about short names, built from every article's local entities."""

    surnames: SurnameMap
    orgs: dict[str, str]
    retypes: dict[tuple[str, str], tuple[str, str] | None]
    rules: Rules = NO_RULES
    # One-word organisations that are pieces of longer names: -> the one firm they stand for, or
    # None when they stand for several ("Bell": Bell Industries, Bell Atlantic...; see firm_words),
    # as names several bodies share do ("First Federal": see shared_names).
    firm_words: dict[str, str | None] = field(default_factory=dict)
    # Full names NER cut short -> the one fuller name the corpus has (corpus_evidence.fuller_names).
    fuller: dict[str, str] = field(default_factory=dict)
    # The last two words of one person's full name, as a person or an "organisation" -> that person
    # ("Febres Cordero" -> Leon Febres Cordero; corpus_evidence.double_surnames).
    doubles: dict[str, str] = field(default_factory=dict)
    # Organisations and people the corpus writes as lower-case phrases: no names ("Currencies",
    # "Soybean Oil", "Feeder Cattle"; corpus_evidence.common_phrases).
    common: frozenset[str] = frozenset()
    # Organisations the wire misspelt by one letter -> the spelling the corpus uses far more often
    # ("Commodity Futures Trading Commmission"; corpus_evidence.misspelt_names), and its other
    # casings -> the one it uses most ("Gencorp" -> GenCorp; corpus_evidence.case_variants).
    typos: dict[str, str] = field(default_factory=dict)
    # Organisations NER cut before an inner "and" -> the longer name the corpus writes them in
    # ("American Telephone" -> American Telephone and Telegraph; corpus_evidence.cut_before_and).
    cut: dict[str, str] = field(default_factory=dict)
    # People's names the wire misspelt by one letter -> the spelling the corpus uses far more often
    # ("George Schultz" -> George Shultz; corpus_evidence.misspelt_names).
    misspelt_people: dict[str, str] = field(default_factory=dict)
    # Places the gazetteer lacks, a known place typed wrong by one letter -> that place ("Toyko" ->
    # Tokyo; corpus_evidence.misspelt_places).
    misspelt_places: dict[str, str] = field(default_factory=dict)
    # Names some article gives to a product or a ship, and no article to a firm with a legal form:
    # no entity anywhere ("Activase", "Herald of Free Enterprise"; corpus_evidence.things_named).
    things: frozenset[str] = frozenset()
    # Organisations the corpus names in ATTESTED_MIN articles or more, of two words or more and never as a
    # person or place: an article's untagged name that is one of them is that organisation ("Standard and
    # Poor's", which NER left untagged in "rated AAA by Standard and Poor's"; untagged.py).
    attested: frozenset[str] = frozenset()
    # Organisations no article shows acting as a body, that no article names with a legal form, and
    # whose words say no body (acting.py): no facet value, unless an editor's rule names them.
    # Products, car lines, fields and towns NER tagged ORG ("MasterCard", "Jeep Comanche", "Kansai").
    unvouched: frozenset[str] = frozenset()
    # A body or firm the wire names with "U.S.", "U.K." or "European" before the name the corpus gives it alone ->
    # that name: "U.S. Securities and Exchange Commission" is the Securities and Exchange Commission,
    # "U.S. Allis-Chalmers" Allis-Chalmers (country_prefixed_of).
    country_prefixed: dict[str, str] = field(default_factory=dict)
    # What the org map was built from, so the next build can update it (org_map_update.py), and
    # that map before the acronyms no article defines were taken out (with_defined_acronyms).
    org_counts: Counter = field(default_factory=Counter, compare=False, repr=False)
    raw_orgs: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _finals: dict = field(default_factory=dict, compare=False, repr=False)  # final_of's answers

    @classmethod
    def build(cls, local: Iterable[Entities], rules: Rules = NO_RULES,
              surfaces: Iterable[Iterable[tuple]] = (),
              titled: Iterable[Iterable[str]] | None = None,
              lowered: Iterable[Iterable[str]] = (),
              acronyms: Iterable[Iterable[tuple[str, str]]] | None = None,
              things: Iterable[Iterable[str]] = (),
              acting: Iterable[Iterable[str]] | None = None) -> CorpusMaps:
        """Count each value once per article and build the maps (see from_counts); surfaces are
        the articles' Mentions.surfaces, for the firms named with a legal form (legal_forms);
        titled their Mentions.titled (None: no such evidence, see retypes_of); lowered their
        Mentions.lowered (common_phrases); acronyms their Mentions.acronyms (None: no such
        evidence, every acronym the org map finds stays); things their Mentions.things (things_named);
        acting their Mentions.acting (None: no such evidence, every organisation stays; see unvouched)."""
        people, orgs, places, legal = Counter(), Counter(), Counter(), Counter()
        for ents in local:
            people.update(ents.people)
            orgs.update(ents.organizations)
            places.update(ents.places)
        for records in surfaces:
            legal.update(legal_forms(records))
        defined = None if acronyms is None else Counter(pair for pairs in acronyms for pair in set(pairs))
        titles = None if titled is None else Counter(name for names in titled for name in names)
        lower = Counter(phrase for phrases in lowered for phrase in phrases)
        return cls.from_counts(people, orgs, places, rules, legal=legal, titled=titles, lowered=lower,
                               defined=defined, things=Counter(name for names in things for name in set(names)),
                               acting=None if acting is None else Counter(name for names in acting for name in set(names)))

    @classmethod
    def from_counts(cls, people: Counter, orgs: Counter, places: Counter,
                    rules: Rules = NO_RULES, previous: CorpusMaps | None = None,
                    legal: Counter | None = None, titled: Counter | None = None,
                    lowered: Counter | None = None, defined: Counter | None = None,
                    things: Counter | None = None, acting: Counter | None = None) -> CorpusMaps:
        """Build the maps from the number of articles naming each local value
        (see build_surname_map, build_org_map, _retypes). Given the maps of the same corpus a
        few articles ago, the org map is updated instead of rebuilt: the same map, faster.
        Untagged names (UNTAGGED ...) are no evidence: the maps are built without them."""
        orgs = Counter({org: n for org, n in orgs.items() if not org.startswith(UNTAGGED)})
        surnames = without_firms_of_a_surname(without_first_names(
            without_firm_endings(build_surname_map(people, orgs), people, orgs), people), orgs, legal or Counter())
        retypes = retypes_of(people, orgs, places, surnames, titled, legal, lowered)
        # Organisation short forms are counted after the people step: a headline surname that
        # NER called ORG ("Volcker Says ...") is a person by then, and no short form of a firm.
        # A product's or ship's name is no body that a short form could stand for ("The Herald" is
        # no Herald of Free Enterprise).
        no_entity = things_named(things or Counter(), people + orgs + places, legal or Counter())
        after = Counter({org: n for org, n in orgs.items() if org not in surnames.org_names and org not in no_entity})
        for person, n in people.items():
            now = surnames.get(surname_of(person), person) if is_bare_surname(person) else person
            if (target := retypes.get(("person", now))) and target[0] == "org":
                after[target[1]] += n
        for place, n in places.items():
            if (target := retypes.get(("place", place))) and target[0] == "org":
                after[target[1]] += n
        raw_orgs = (update_org_map(previous.raw_orgs, previous.org_counts, after) if previous is not None
                    else build_org_map(after))
        org_map = with_defined_acronyms(raw_orgs, defined, legal)  # "FMC" is no Ford Motor Co
        # (with the surnames the corpus makes people, for the articles where they are firms: corpus_of's as_body)
        speakers = Counter({org: n for org, n in orgs.items() if org in surnames.org_names and org not in no_entity})
        pieces = firm_words(after + speakers, org_map, legal or Counter(), lowered, places, people)
        shared = shared_names(after, legal)
        pieces.update(dict.fromkeys(shared))  # "First Federal": several banks, left out
        fuller = fuller_names(people)
        named = Counter()
        for person, n in people.items():
            named[fuller.get(person, person)] += n  # "Leon Febres" counts for Leon Febres Cordero
        doubles = double_surnames(named, orgs, legal or Counter())
        misspelt = misspelt_names(named)  # "George Schultz" -> George Shultz
        unknown = Counter({place: n for place, n in places.items()
                           if " " not in place and canonical_place(place) is None
                           and not re.fullmatch(r"(?:north|south|mid)(?:east|west)(?:ern)?", place.lower())})
        common = common_phrases(after + people + unknown, lowered or Counter(), legal or Counter())
        maps = cls(surnames, org_map, retypes, rules, pieces, fuller=fuller, doubles=doubles, common=common,
                   misspelt_people=misspelt, misspelt_places=misspelt_places(places),
                   typos={**case_variants(after, lowered), **misspelt_names(after)}, org_counts=after,
                   raw_orgs=raw_orgs,
                   cut={**cut_at_the_end(after, legal or Counter(), shared, common),
                        **cut_before_and(after, legal or Counter()),
                        **cut_before_a_partner(after, legal or Counter()),
                        **cut_after_and(after, legal or Counter(), lowered or Counter())},
                   things=no_entity, attested=attested_orgs(after, people, places, common | no_entity))
        if prefixed := maps.country_prefixed_of(after):
            maps = replace(maps, country_prefixed=prefixed, _finals={})
        if acting is None:
            return maps
        return replace(maps, unvouched=maps.unvouched_of(people, orgs, places, acting, legal or Counter(),
                                                         defined or Counter()), _finals={})

    def country_prefixed_of(self, orgs: Counter) -> dict[str, str]:
        """Organisations named "U.S. X" or "U.K. X" where the corpus names X alone in two articles or
        more and keeps it as it is (corpus_of; an acronym may end as its long form) -> where X ends: the
        country is no part of the name but the wire's adjective ("U.S. Allis-Chalmers", "U.S. Federal
        Reserve"); so is "European" before a name the corpus gives alone twice as often ("the European
        <Airbus Industrie> consortium"). Not where X is a bare institution ("U.S. Treasury", "U.K. Treasury": the country
        says which), nor where X alone is another firm or no name ("U.S. Steel", "U.S. Bancorp", "U.S.
        Marine")."""
        out = {}
        for org in orgs:
            prefix, _, rest = org.partition(" ")
            if prefix not in ("U.S.", "U.K.", "European") or orgs[rest] < 2 or is_bare_institution(rest) \
                    or prefix == "European" and orgs[rest] < 2 * orgs[org]:
                continue  # ("European Economic Community" is no Economic Community's)
            target = self.corpus_of("org", rest)
            if target == ("org", rest) or is_whole_acronym(rest) and target is not None and target[0] == "org":
                out[org] = target[1]
        return out

    def unvouched_of(self, people: Counter, orgs: Counter, places: Counter, acting: Counter, legal: Counter,
                     defined: Counter) -> frozenset[str]:
        """The organisations (as corpus_of ends them) that nothing in the corpus vouches for: named in
        UNVOUCHED_MIN articles or more (counted per local name: an article naming two local names that end
        as one counts twice, since the counts are all this step has), none of which shows one of their local names acting
        (Mentions.acting) or gives it a legal form, no article defining an acronym for them, and
        neither they nor their local names are acronyms or have a word that says what body they are
        (acting.names_a_body). One article's silence says little (a firm named once, in passing, is
        still one in three cases of four in the labelled sets); the silence of several says more (half
        the judged facet values of two articles or more without such evidence were no bodies)."""
        long_forms = {org for _acronym, org in defined}
        vouched: dict[str, bool] = {}
        named = Counter()
        for kind, counts in (("org", orgs), ("person", people), ("place", places)):
            for value, n in counts.items():
                target = self.corpus_of(kind, value)
                if target is None or target[0] != "org":
                    continue
                named[target[1]] += n
                if not vouched.get(target[1]):
                    vouched[target[1]] = bool(acting[value] or legal[value] or is_whole_acronym(value))
        return frozenset(org for org, ok in vouched.items()
                         if not ok and named[org] >= UNVOUCHED_MIN and not acting[org] and not legal[org]
                         and org not in long_forms and not is_whole_acronym(org) and not names_a_body(org))

    def apply(self, local: Entities, acronyms: Iterable[tuple[str, str]] = (),
              surfaces: Iterable[tuple[str, str, str, int]] = ()) -> Entities:
        """Return one article's final entities: the corpus maps, then the editors' rules; an
        acronym the article defines is what it defines there, a firm it names with a legal form
        is that firm (article_final_of; surfaces: its Mentions.surfaces)."""
        values = [*(("person", v) for v in local.people), *(("place", v) for v in local.places),
                  *(("org", v) for v in local.organizations)]
        ents = self._apply(local, self.article_final_of(values, acronyms, surfaces))
        if ents.places != local.places:
            ents = replace(ents, countries=countries_in_context(ents.places))
        return ents

    def article_final_of(self, values: Iterable[tuple[str, str]], acronyms: Iterable[tuple[str, str]] = (),
                         surfaces: Iterable[tuple[str, str, str, int]] = ()
                         ) -> Callable[[str, str], tuple[str, str] | None]:
        """final_of for one article, given its local (kind, value) pairs.

        An acronym it defines for one of its organisations (Mentions.acronyms) ends where that
        organisation ends, whatever the corpus's other articles make it ("North Broken Hill Holdings
        Ltd (NBH)", in a corpus whose NBH is mostly the National Bank of Hungary). A surname NER
        took for a person is the one person of that surname the article names in full, once the
        corpus has given every value its kind: "replaced by Harold Simmons ... Simmons is
        president", where NER made Harold Simmons a body (the corpus makes him a person) and the
        corpus's surname map would have made "Simmons" the airline."""
        values = list(values)
        own = self._own_acronyms({value for kind, value in values if kind == "org"}, acronyms)
        final_of = self.final_of if not own else (
            lambda kind, value: self.final_of(kind, own[value] if kind == "org" and value in own else value))
        # A surname the corpus makes a person where NER said ORG ("Volcker Says ...") is a firm in an
        # article that names a firm it opens: "Baker <BKO> ... Baker International Corp", not James Baker.
        # A name the article gives a legal form is that firm, not another's cut possessive: "McDonald and
        # Co Investments" is no McDonald's Corp.
        bodies = {value for kind, value in values if kind == "org" and value in self.surnames.org_names
                  and any(other.startswith(value + " ") for k, other in values if k == "org")}
        bodies |= {value for value in legal_forms(surfaces) if value + "'s" in self.org_counts}
        if bodies:
            body_final_of = final_of
            final_of = lambda kind, value: (self.final_of(kind, value, as_body=True) if kind == "org" and value in bodies
                                            else body_final_of(kind, value))
        surnames = self._own_surnames(values, final_of)
        if not surnames:
            return final_of
        return lambda kind, value: (("person", surnames[value]) if kind == "person" and value in surnames
                                    else final_of(kind, value))

    def _own_acronyms(self, orgs: set[str], acronyms: Iterable[tuple[str, str]]) -> dict[str, str]:
        defined: dict[str, set[str]] = {}
        for acronym, org in acronyms:
            if acronym in orgs and org in orgs:
                defined.setdefault(acronym, set()).add(org)
        return {acronym: name for acronym, names in defined.items() if len(names) == 1
                and not self._reads_as(acronym, name := next(iter(names)))}

    @staticmethod
    def _own_surnames(values: list[tuple[str, str]], final_of) -> dict[str, str]:
        """The article's bare surnames (NER's people) -> its one full-named person of that surname,
        where the corpus maps would put the surname elsewhere."""
        bare = [value for kind, value in values if kind == "person" and is_bare_surname(value)]
        if not bare:
            return {}
        full: dict[str, set[str]] = {}
        for kind, value in values:
            target = final_of(kind, value)
            if target is not None and target[0] == "person" and not is_bare_surname(target[1]):
                full.setdefault(surname_of(target[1]).casefold(), set()).add(target[1])
        out = {}
        for value in bare:
            people = full.get(value.casefold(), ())
            if len(people) == 1 and final_of("person", value) != ("person", person := next(iter(people))):
                out[value] = person
        return out

    def _reads_as(self, acronym: str, name: str) -> bool:
        """Tell whether the corpus reads an acronym as the body an article defines it for, give or take
        words at either end: "Ruling Liberal Democratic Party (LDP)" is the corpus's LDP, the
        Liberal Democratic Party (the article's name for it glued a word on), and so is "U.S.
        Securities and Exchange Commission (SEC)"."""
        corpus, own = self.final_of("org", acronym), self.final_of("org", name)
        return corpus is None or own is None or same_body(own[1], corpus[1]) or same_body(corpus[1], own[1])

    @staticmethod
    def _apply(local: Entities, final_of) -> Entities:
        out: dict[str, set[str]] = {"person": set(), "place": set(), "org": set()}
        for kind, values in (("person", local.people), ("place", local.places),
                             ("org", local.organizations)):
            for value in values:
                target = final_of(kind, value)
                if target is not None:
                    out[target[0]].add(target[1])
        # A bare town beside the same town named with its state is that town ("Princeton's" of an
        # organisation that the corpus makes a place, beside "Princeton, Ind."), as in one article.
        out["place"] -= bare_towns(out["place"])
        return replace(local, people=tuple(sorted(out["person"])), places=tuple(sorted(out["place"])),
                       organizations=tuple(sorted(out["org"])))

    def final_of(self, kind: str, value: str, as_body: bool = False) -> tuple[str, str] | None:
        """Where one local value ends after the corpus maps and the rules: (kind, value), or None
        when it is no entity. The same for every article: apply() is this, value by value (as_body:
        an organisation that is no person's surname here, see corpus_of)."""
        key = (kind, value, as_body)
        if key not in self._finals:
            target = self.corpus_of(kind, value, as_body)
            final = None if target is None else self.rules.final(*target)
            if final == target and target is not None and target[0] == "org" and target[1] in self.unvouched:
                final = None  # nothing vouches for it as a body, and no editor's rule named it
            self._finals[key] = final
        return self._finals[key]

    def corpus_of(self, kind: str, value: str, as_body: bool = False) -> tuple[str, str] | None:
        """Where one local value ends after the corpus maps, before the rules; as_body, an
        organisation its article shows is a body of its own: no person the corpus's surname map
        would make it, nor the cut possessive of another ("McDonald and Co" is no McDonald's)."""
        if kind == "org" and value.startswith(UNTAGGED):
            name = value[len(UNTAGGED):]  # a name NER left untagged: the organisation the corpus attests, or none
            return self.corpus_of("org", name) if name in self.attested else None
        if value in self.things:
            return None  # "Activase", which an article names as a drug
        if kind == "person" and is_bare_surname(value):
            value = self.surnames.get(surname_of(value), value)  # "Baker" -> James Baker, "De Mel"
        elif kind == "org" and value in self.surnames.org_names and not as_body:
            kind, value = "person", self.surnames[value]  # "Volcker Says ..." was an ORG
        if value in self.doubles and kind in ("person", "org"):
            kind, value = "person", self.doubles[value]  # "Febres Cordero said"
        if kind == "place":
            value = self.misspelt_places.get(value, value)  # "Toyko" -> Tokyo
        if kind != "org":
            target = self.retypes.get((kind, value), (kind, value))
            if target is None:
                return None
            if kind == "person" and target[0] == "place" and value in self.common \
                    and not is_country_or_state(target[1]):
                return None  # "Considering Sale of Six Flags" (NER's person): a word, not Salé, Morocco
                # (a country stays: "turkey" is also a bird)
            kind, value = target
            if kind == "place" and value in self.common and canonical_place(value) is None:
                return None  # "Sorghum", "Parent": a word the corpus writes in lower case, no place
        elif (target := self.retypes.get((kind, value))) is not None:
            kind, value = target  # "Kerry Packer", whom NER took for a body where the corpus names him;
            # "Entre Rios", a province the corpus names as a place; "Bank of England Robin
            # Leigh-Pemberton", the body alone
        if kind == "person":
            value = self.fuller.get(value, value)  # "Leon Febres" -> Leon Febres Cordero
            value = self.misspelt_people.get(value, value)  # "George Schultz" -> George Shultz
            if value in self.common:
                return None  # "Feeder Cattle" of a price table's heading
        if kind == "org" and value in self.country_prefixed:
            return "org", self.country_prefixed[value]  # "U.S. Securities and Exchange Commission"
        if kind == "org":
            value = self.typos.get(value, value)  # "... Commmission": the corpus's own spelling
            value = self.cut.get(value, value)  # "American Telephone" of American Telephone and Telegraph
            value = self.orgs.get(value, value)  # "EC" -> European Community
            spelled = value.replace(" & ", " and ")
            if spelled != value and (spelled in self.org_counts or spelled + "'s" in self.org_counts):
                value = spelled  # "Standard & Poor": the name the corpus spells with "and"
            if value + "'s" in self.org_counts and not as_body:
                value += "'s"  # "Standard and Poor said": the possessive was the name's
            if value in self.firm_words:
                value = self.firm_words[value]  # "Ford" -> Ford Motor; "Bell": several firms
                if value is None:
                    return None
            if value in self.common:
                return None  # "Currencies", "Soybean Oil": a phrase, capitalised by a heading
        return kind, value


def final_mentions(maps: CorpusMaps, final: Entities, surfaces: Iterable[tuple[str, str, str, int]],
                   acronyms: Iterable[tuple[str, str]] = ()) -> tuple[tuple[str, str, int, tuple[str, ...]], ...]:
    """Return an article's mention records (kind, name, mentions, other spellings), one per final
    person, place and organisation: its local spellings (Mentions.surfaces) follow their value
    to its final name ("Baker" becomes a spelling of James Baker; an acronym the article defines,
    of what it defines: CorpusMaps.article_final_of); a name no spelling reached (a dateline
    place, an older cache) counts once."""
    surfaces = tuple(surfaces)
    final_of = maps.article_final_of({(kind, value) for kind, value, _spelling, _n in surfaces}, acronyms, surfaces)
    merged = merge_surfaces((*target, spelling, n) for kind, value, spelling, n in surfaces
                            if (target := final_of(kind, value)) is not None)
    return tuple((kind, name, *merged.get((kind, name), (1, ())))
                 for kind, names in (("person", final.people), ("place", final.places),
                                     ("org", final.organizations))
                 for name in names)


def _of_its_time(kind: str, value: str) -> str:
    if kind == "place" and value == "Germany":
        return "West Germany"
    if kind == "org" and value.startswith("German ") and is_bare_institution(value[len("German "):]):
        return "West " + value  # "German Finance Ministry" (qualified by "Germany" or "German")
    return value


def as_of(mentions: Mentions, published: date | None) -> Mentions:
    """Name an article's states as they were when it was published: "Germany" before
    unification is West Germany (in its places, organisations and their spellings)."""
    if published is None or published >= _UNTIL_UNIFICATION:
        return mentions
    if "Germany" not in mentions.places and not any(org.startswith("German ") for org in mentions.organizations):
        return mentions
    return replace(mentions,
                   places=tuple(sorted({_of_its_time("place", place) for place in mentions.places})),
                   organizations=tuple(sorted({_of_its_time("org", org) for org in mentions.organizations})),
                   surfaces=tuple(sorted((kind, _of_its_time(kind, value), spelling, n)
                                         for kind, value, spelling, n in mentions.surfaces)),
                   acronyms=tuple(sorted((acronym, _of_its_time("org", org)) for acronym, org in mentions.acronyms)),
                   acting=tuple(sorted({_of_its_time("org", name) for name in mentions.acting})))


def local_organizations(mentions: Mentions) -> tuple[str, ...]:
    """An article's local organisations: those extraction read, and its untagged names marked
    UNTAGGED, which the corpus maps to the organisations it attests (CorpusMaps.attested)."""
    return mentions.organizations + tuple(UNTAGGED + name for name in mentions.untagged
                                          if name not in mentions.organizations)


def resolve(mentions: Mentions, published: date | None, *, untagged: bool = False) -> Entities:
    """Turn one article's Mentions into its local Entities: names of their time (as_of), dates
    resolved against the publication date, the places' countries; the corpus step comes after.
    With untagged (the corpus step's input), its untagged names too, marked (local_organizations);
    without, the article's own names, as one article alone gives them."""
    mentions = as_of(mentions, published)
    return Entities(
        people=mentions.people,
        places=mentions.places,
        organizations=local_organizations(mentions) if untagged else mentions.organizations,
        dates=resolve_dates(mentions.date_expressions, published),
        countries=countries_in_context(mentions.places),
    )


def resolve_corpus(items: Sequence[tuple[Mentions, date | None]],
                   rules: Rules = NO_RULES) -> list[Entities]:
    """Return the final entities of every article of a corpus, given (mentions, published) each."""
    return [final for final, _mentions in resolve_corpus_mentions(items, rules)]


def resolve_corpus_mentions(items: Sequence[tuple[Mentions, date | None]],
                            rules: Rules = NO_RULES) -> list[tuple[Entities, tuple]]:
    """Return every article's final entities and mention records (see final_mentions)."""
    items = [(as_of(mentions, published), published) for mentions, published in items]
    local = [resolve(mentions, published, untagged=True) for mentions, published in items]
    maps = CorpusMaps.build(local, rules, (mentions.surfaces for mentions, _published in items),
                            (mentions.titled for mentions, _published in items),
                            (mentions.lowered for mentions, _published in items),
                            [mentions.acronyms for mentions, _published in items],
                            [mentions.things for mentions, _published in items],
                            [mentions.acting for mentions, _published in items])
    out = []
    for ents, (mentions, _published) in zip(local, items):
        final = maps.apply(ents, mentions.acronyms, mentions.surfaces)
        out.append((final, final_mentions(maps, final, mentions.surfaces, mentions.acronyms)))
    return out
