"""Update a corpus's organisation map (build_org_map) after a few articles changed, without rebuilding it.

build_org_map over the whole corpus costs about 1.5 s (every short name against its candidate long
forms); a watch batch changes the counts of a handful of names. An entry "EC" -> "European
Community" depends only on the counts of "EC" and of its candidates, and a long form is a
candidate of a short name only through its initials, the possessive of its first word or a
clipping of that word (the three indexes build_org_map looks up). So the entries to look at again
are the short names whose count changed and those that could take a changed long form as a
candidate; build_org_map(only=...) gives exactly the entries the whole map would have for them.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from searchapp.entities.orgs import _significant_words, abbreviates, build_org_map


def _is_short(name: str) -> bool:
    return " " not in name and len(name) <= 12


def _letters(name: str) -> str:
    return name.lower().replace(".", "")


def shorts_to_revisit(changed: Iterable[str], counts: Counter) -> set[str]:
    """The short names of counts whose map entry may differ once the names in changed have new counts."""
    changed = set(changed)
    out = {name for name in changed if _is_short(name) and name in counts}
    longs = [name for name in changed if len(_significant_words(name)) > 1]
    if not longs:
        return out
    initials, possessors, firsts, clip_keys = set(), set(), set(), set()
    for name in longs:
        initials.add("".join(w.lower().strip(".")[:1] for w in _significant_words(name)))
        first = name.split()[0]
        if possessor := re.match(r"(.+)['’]s$", first):
            possessors.add(possessor.group(1))
        firsts.add(first)
        # What build_org_map's clip_keys give for this first word: a clipping starts so.
        clip_keys.update({_letters(first)[:2], _letters(first)[:1] + "x"})
    for short in counts:
        if not _is_short(short) or short in out:
            continue
        if short.isupper():
            letters = _letters(short)
            if letters in initials or (letters.endswith("c") and letters[:-1] in initials):
                out.add(short)
        elif short in possessors or (len(short) >= 3 and _letters(short)[:2] in clip_keys and any(
                abbreviates(short, first + " x") for first in firsts)):
            out.add(short)
    return out


def update_org_map(old_map: dict[str, str], old_counts: Counter, counts: Counter) -> dict[str, str]:
    """Return build_org_map(counts), given the map and counts it was built from before."""
    changed = {name for name in old_counts.keys() | counts.keys() if old_counts[name] != counts[name]}
    if not changed:
        return old_map
    revisit = shorts_to_revisit(changed, counts) | {name for name in changed if name in old_map}
    mapping = {short: long for short, long in old_map.items() if short not in revisit and short in counts}
    mapping.update(build_org_map(counts, only=revisit))
    return mapping
