"""Merge the names of one person: inside an article ("Putin" -> "Vladimir Putin") and across a corpus."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from searchapp.articles import Entities
from searchapp.entities.names import is_shouted


def pick_spellings(names: Iterable[str]) -> list[str]:
    """Deduplicate names case-insensitively, keeping the best spelling ("Reagan" over "REAGAN")."""
    best: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key not in best or is_shouted(best[key]) and not is_shouted(name):
            best[key] = name
    return list(best.values())


def _full_names_by_part(full_names: Iterable[str]) -> dict[str, set[str]]:
    """Index full names by their first and last word: {"putin": {"Vladimir Putin"}}."""
    index: dict[str, set[str]] = defaultdict(set)
    for name in full_names:
        words = name.split()
        index[words[0].casefold()].add(name)
        index[words[-1].casefold()].add(name)
    return index


def merge_people(people: Iterable[str], orgs: Iterable[str]) -> tuple[list[str], list[str]]:
    """Map one-word people (and one-word orgs) to the one full name they start or end; return both.

    ["Vladimir Putin", "Putin", "Lavrov"], ["Wang"] + ["Wang Yi"] -> people incl. "Wang Yi", orgs [].
    A one-word name that matches several full names ("Baker": James and Howard) stays as it is.
    """
    people = pick_spellings(people)
    full = [name for name in people if " " in name]
    index = _full_names_by_part(full)
    full_keys = {name.casefold() for name in full}
    merged: list[str] = []
    for name in people:
        owners = index.get(name.casefold(), set()) if " " not in name else set()
        merged.append(next(iter(owners)) if len(owners) == 1 else name)
    kept_orgs = []
    for org in pick_spellings(orgs):
        owners = index.get(org.casefold(), set()) if " " not in org else set()
        if len(owners) == 1:
            merged.append(next(iter(owners)))  # spaCy calls "Wang" of "Wang Yi" an ORG at times
        elif org.casefold() not in full_keys:
            kept_orgs.append(org)
    return sorted(set(merged)), merge_orgs(kept_orgs)


# Wire agencies, known by their initials in credit lines: "(AFP, AP, Reuters)".
AGENCIES = {"AP": "Associated Press", "AFP": "Agence France-Presse", "UPI": "United Press International",
            "DPA": "Deutsche Presse-Agentur"}
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le"})


def merge_orgs(orgs: Iterable[str]) -> list[str]:
    """Map an acronym to the one full name of the article it abbreviates ("AFP" -> "Agence France-Presse")."""
    orgs = pick_spellings(orgs)
    initials: dict[str, set[str]] = defaultdict(set)
    for org in orgs:
        words = [w for w in org.replace("-", " ").split() if w.lower() not in _ACRONYM_SKIP]
        if len(words) > 1:
            initials["".join(w[0] for w in words).upper()].add(org)
    merged = []
    for org in orgs:
        owners = initials.get(org, set()) if org.isupper() else set()
        merged.append(next(iter(owners)) if len(owners) == 1 else AGENCIES.get(org, org))
    return sorted(set(merged))


def build_surname_map(people: Iterable[str]) -> dict[str, str]:
    """Map each bare surname that belongs to exactly one full name in the corpus to that name."""
    owners: dict[str, set[str]] = defaultdict(set)
    for name in set(people):
        words = name.split()
        if len(words) > 1:
            owners[words[-1]].add(name)
    return {surname: next(iter(names)) for surname, names in owners.items() if len(names) == 1}


def apply_surname_map(entities: Entities, surname_map: Mapping[str, str]) -> Entities:
    """Replace one-word people by their full name from build_surname_map."""
    people = sorted({surname_map.get(name, name) if " " not in name else name
                     for name in entities.people})
    return replace(entities, people=tuple(people))
