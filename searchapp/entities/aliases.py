"""Merge the names of one person: inside an article ("Putin" -> "Vladimir Putin") and across a corpus."""
from __future__ import annotations

import re

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from searchapp.articles import Entities
from searchapp.entities.names import NAME_PARTICLES, is_shouted
from searchapp.entities.orgs import dominant, merge_orgs


def pick_spellings(names: Iterable[str]) -> list[str]:
    """Deduplicate names case-insensitively, keeping the best spelling ("Reagan" over "REAGAN")."""
    best: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key not in best or is_shouted(best[key]) and not is_shouted(name):
            best[key] = name
    return list(best.values())


def surname_of(name: str) -> str:
    """Return the surname a name is known by alone: its last word, with the particles before it
    ("Ronnie de Mel" -> "de Mel", "Herman De Croo" -> "de Croo")."""
    words = name.split()
    start = len(words) - 1
    while start > 0 and words[start - 1].casefold() in NAME_PARTICLES:
        start -= 1
    return " ".join([*(word.lower() for word in words[start:-1]), words[-1]])


def is_bare_surname(name: str) -> bool:
    """Tell whether a person's name is a surname alone: "Baker", "de Mel"."""
    return surname_of(name).casefold() == name.casefold()


def _full_names_by_part(full_names: Iterable[str]) -> dict[str, set[str]]:
    """Index full names by their first and last word: {"putin": {"Vladimir Putin"}}; and by a
    middle word, the first of a double surname ("Hernandez" of "Arturo Hernandez Grisanti")."""
    index: dict[str, set[str]] = defaultdict(set)
    for name in full_names:
        words = name.split()
        index[words[0].casefold()].add(name)
        index[words[-1].casefold()].add(name)
        if len(words) > 2 and re.fullmatch(r"[A-Z][a-z]{2,}", words[-1]):  # not "Andres Soriano III"
            for word in words[1:-1]:
                if re.fullmatch(r"[A-Z][a-z]{2,}", word):
                    index[word.casefold()].add(name)
    return index


def merge_people(people: Iterable[str], orgs: Iterable[str], firms: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """Map one-word people (and one-word orgs) to the one full name they start or end; return both.

    ["Vladimir Putin", "Putin", "Lavrov"], ["Wang"] + ["Wang Yi"] -> people incl. "Wang Yi", orgs [].
    A one-word name that matches several full names ("Baker": James and Howard) stays as it is,
    and is no organisation. The firms (named with a legal form or ticker) stay bodies.
    """
    people = pick_spellings(people)
    full = [name for name in people if " " in name]
    index = _full_names_by_part(full)
    full_keys = {name.casefold() for name in full}
    merged: list[str] = []
    def owners_of(short: str) -> set[str]:
        if " " not in short:
            return index.get(short.casefold(), set())
        # "Paz Estenssoro" after "Victor Paz Estenssoro": a double surname alone
        return {name for name in full if len(name.split()) > len(short.split()) and name.endswith(" " + short)}

    for name in people:
        owners = owners_of(name)
        merged.append(next(iter(owners)) if len(owners) == 1 else name)
    kept_orgs = []
    firms = set(firms)
    for org in pick_spellings(orgs):
        owners = set() if org in firms else owners_of(org)  # "Santos Alvite" after "Fernando Santos Alvite"
        if len(owners) == 1:
            merged.append(next(iter(owners)))  # spaCy calls "Wang" of "Wang Yi" an ORG at times
        elif not owners and org.casefold() not in full_keys:
            kept_orgs.append(org)  # (of two people's names, it is one of them: "Wang said", beside Wang
            # Chao-ming and Wang Chien-shien, which the corpus would make Wang Laboratories)
    return sorted(set(merged)), merge_orgs(kept_orgs)


# Articles that must name someone in full before their bare surname elsewhere is taken for them.
# On Reuters 18k, of 17 people named in full in one article only whose surname stood alone in
# another, 9 were someone or something else there ("Snow" in a weather story for Michael Snow,
# "Fukushima" prefecture, the frigate "Stark", "Hayes-Albion"); at two articles or more, few.
MIN_FULL_NAME_ARTICLES = 2
# Articles a full name needs before a one-word organisation of its surname is taken for it.
MIN_SPEAKER_ARTICLES = 5
# How many times as many articles a person needs as the longer organisation names his surname opens,
# for the surname alone as an organisation to be him (build_surname_map).
FAR_MORE_NAMED = 4


class SurnameMap(dict):
    """Bare surname -> full name, and the one-word organisations (org_names) that are such people."""

    def __init__(self, surnames: Mapping[str, str], org_names: Iterable[str] = ()) -> None:
        super().__init__(surnames)
        self.org_names = frozenset(org_names)


def build_surname_map(people: Iterable[str] | Mapping[str, int],
                      orgs: Iterable[str] | Mapping[str, int] | None = None) -> SurnameMap:
    """Map each bare surname to the full name it stands for across a corpus.

    people is every article's people (repeats count) or a Counter of them. A surname maps when
    one full name has it, or when one of several is dominant() ("Baker": James Baker in 115
    articles, Howard Baker in 12); either way only a full name that MIN_FULL_NAME_ARTICLES
    articles name (within one article, merge_people maps "Putin" to "Vladimir Putin").
    Given the corpus's organisations too, a one-word organisation that is the surname of a
    full name in MIN_SPEAKER_ARTICLES articles, and in FAR_MORE_NAMED times as many articles as
    the longer organisation names it opens, is that person: NER tags a surname that opens a
    headline as ORG ("Volcker Says ...", "Bilzerian Tells SEC ..."), but "Phillips" stays an
    organisation while there is a "Phillips Petroleum" (CorpusMaps keeps it a firm in an article
    that names a firm it opens: "Baker" beside Baker International).
    """
    counts = Counter(dict(people)) if isinstance(people, Mapping) else Counter(people)
    owners: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        words = name.split()
        if len(words) > 1 and not is_bare_surname(name):
            owners[surname_of(name)].append(name)
            if surname_of(name) != words[-1]:
                owners[words[-1]].append(name)  # "Mel" alone, as well as "de Mel"
    surnames = {}
    for surname, names in owners.items():
        best = names[0] if len(names) == 1 else dominant(names, counts)
        if best and counts[best] >= MIN_FULL_NAME_ARTICLES:
            surnames[surname] = best
    if orgs is None:
        return SurnameMap(surnames)
    org_counts = Counter(dict(orgs)) if isinstance(orgs, Mapping) else Counter(orgs)
    # The longer names each word opens, by articles: "Phillips" of Phillips Petroleum stays a firm.
    # A person named in FAR_MORE_NAMED times as many articles as those names is the one the word
    # is ("Bilzerian Tells SEC ...": Paul Bilzerian, in 8 articles, not the "Bilzerian and Bicoastal
    # Financial" of one).
    firm_words: Counter = Counter()
    for org, n in org_counts.items():
        if " " in org:
            firm_words[org.split()[0]] += n
    # A surname with its particle opening a sentence, which NER tags ORG: "Du Plessis said" is
    # Barend du Plessis's "du Plessis" (not "Du Pont", which opens longer names).
    openings = {" ".join(org.split()[:2]) for org in org_counts if len(org.split()) > 2}
    for org in org_counts:
        first, _, rest = org.partition(" ")
        if rest and " " not in rest and first.lower() in NAME_PARTICLES and first[:1].isupper() \
                and (name := surnames.get(f"{first.lower()} {rest}")):
            surnames[org] = name
    return SurnameMap(surnames, (
        org for org in org_counts if (" " not in org or org.split()[0].lower() in NAME_PARTICLES)
        and not org.isupper() and org in surnames
        and counts[surnames[org]] >= max(MIN_SPEAKER_ARTICLES, FAR_MORE_NAMED * firm_words[org] + 1)
        and org not in openings))


def apply_surname_map(entities: Entities, surname_map: Mapping[str, str]) -> Entities:
    """Replace one-word people, and the org_names of a SurnameMap, by their full name."""
    people = {surname_map.get(surname_of(name), name) if is_bare_surname(name) else name for name in entities.people}
    speakers = getattr(surname_map, "org_names", frozenset())
    people.update(surname_map[org] for org in entities.organizations if org in speakers)
    orgs = tuple(org for org in entities.organizations if org not in speakers)
    return replace(entities, people=tuple(sorted(people)), organizations=orgs)
