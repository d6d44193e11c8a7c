"""Suggested merges for the review page, ranked by evidence, from one index version's facet arrays.

Three kinds of evidence, each weighed with how much the two values' articles share their other
entities (their contexts):
    surname   "H. Schlesinger" / "Helmut Schlesinger": the same surname, compatible first names
    spelling  "Schelsinger" / "Schlesinger": one edit apart (a letter added, dropped, changed or
              two swapped), and at least one co-mentioned entity in common
    acronym   "EC" / "European Community": the initials of a long form
The less frequent value is suggested for merging into the more frequent one (an acronym into
its long form). Dismissed pairs are left out.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import OSA

from searchapp.entity_values import KIND_INDEX_FIELDS
from searchapp.facets import IndexData
from searchapp.rules import KIND_LABELS, KINDS

# Only the most frequent values of each kind are compared (the long tail is mostly noise).
MAX_VALUES = 5000
MIN_SPELLING_LENGTH = 5
ACRONYM_STOP = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "&", "on", "in"}
WEIGHTS = {"surname": 2.0, "acronym": 2.0, "spelling": 1.0}


@dataclass(frozen=True)
class Suggestion:
    """Merge value into target (both of kind), because of reason, with this score."""

    kind: str
    value: str
    target: str
    value_count: int
    target_count: int
    reason: str
    shared: int  # co-mentioned entities the two have in common
    score: float

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


class _Contexts:
    """For each (kind, value): the other entity values of the articles it is in."""

    def __init__(self, data: IndexData) -> None:
        self.data = data
        self.by_doc: dict[str, tuple[np.ndarray, np.ndarray, list[str]]] = {}
        for kind in KINDS:
            postings = data.fields[KIND_INDEX_FIELDS[kind]]
            order = np.argsort(postings.doc_ids, kind="stable")
            docs = postings.doc_ids[order]
            self.by_doc[kind] = (docs, postings.value_ids[order], postings.values)
        self.cache: dict[tuple[str, str], set[tuple[str, int]]] = {}

    def docs(self, kind: str, value: str) -> np.ndarray:
        docs = self.data.fields[KIND_INDEX_FIELDS[kind]].docs_of(value)
        return docs[self.data.live[docs]]

    def of(self, kind: str, value: str) -> set[tuple[str, int]]:
        key = (kind, value)
        if key not in self.cache:
            docs = self.docs(kind, value)
            out: set[tuple[str, int]] = set()
            for other, (doc_sorted, value_ids, values) in self.by_doc.items():
                lo = np.searchsorted(doc_sorted, docs, side="left")
                hi = np.searchsorted(doc_sorted, docs, side="right")
                for a, b in zip(lo.tolist(), hi.tolist()):
                    out.update((other, int(v)) for v in value_ids[a:b])
            own = self.data.fields[KIND_INDEX_FIELDS[kind]].index.get(value)
            out.discard((kind, own))
            self.cache[key] = out
        return self.cache[key]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in ACRONYM_STOP and w[0].isalpha()).upper()


def _compatible_first_names(short: list[str], long: list[str]) -> bool:
    """"H." / "Helmut", "" / "Helmut": every word of short is a word or an initial of long's."""
    if len(short) > len(long):
        return False
    for s, l in zip(short, long):
        s = s.rstrip(".")
        if not s or not (l.startswith(s) if len(s) == 1 else s == l):
            return False
    return True


def _candidates(kind: str, values: list[str]) -> dict[tuple[str, str], str]:
    """Pairs (a, b) of values with a reason; unordered (a < b)."""
    found: dict[tuple[str, str], str] = {}

    def add(a: str, b: str, reason: str) -> None:
        key = (a, b) if a < b else (b, a)
        found.setdefault(key, reason)

    if kind == "person":
        by_surname: dict[str, list[str]] = defaultdict(list)
        for value in values:
            words = value.split()
            if len(words[-1]) >= 3:
                by_surname[words[-1].lower()].append(value)
        for group in by_surname.values():
            for a in group:
                for b in group:
                    wa, wb = a.split(), b.split()
                    if a != b and len(wa) <= len(wb) and _compatible_first_names(wa[:-1], wb[:-1]) \
                            and (len(wa), a) < (len(wb), b):
                        add(a, b, "surname")
    if kind == "org":
        long_by_initials: dict[str, list[str]] = defaultdict(list)
        for value in values:
            if len(value.split()) >= 2:
                long_by_initials[_initials(value)].append(value)
        for value in values:
            if 2 <= len(value) <= 6 and value.isupper() and value.isalpha():
                for long_form in long_by_initials.get(value, ()):
                    add(value, long_form, "acronym")
    # One edit apart: values sharing a deletion neighbour (symmetric delete), then checked. A
    # person's surname counts as a form of it too: "Schelsinger" / "Helmut Schlesinger".
    by_deletion: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for value in values:
        forms = {value.lower()}
        if kind == "person" and len(value.split()) > 1:
            forms.add(value.split()[-1].lower())
        for low in forms:
            if len(low) < MIN_SPELLING_LENGTH:
                continue
            by_deletion[low].append((low, value))
            for i in range(len(low)):
                by_deletion[low[:i] + low[i + 1:]].append((low, value))
    for group in by_deletion.values():
        if len(group) < 2 or len(group) > 20:
            continue
        for i, (fa, a) in enumerate(group):
            for fb, b in group[i + 1:]:
                if a != b and fa != fb and OSA.distance(fa, fb) <= 1 \
                        and (fa == a.lower() or fb == b.lower()):
                    add(a, b, "spelling")
    return found


def suggest_merges(data: IndexData, dismissed: set[tuple[str, str, str]], limit: int = 100) -> list[Suggestion]:
    """Return suggested merges, strongest evidence first."""
    contexts = _Contexts(data)
    out: list[Suggestion] = []
    for kind in KINDS:
        postings = data.fields[KIND_INDEX_FIELDS[kind]]
        counts = postings.count(data.live)
        order = np.argsort(-counts, kind="stable")[:MAX_VALUES]
        count_of = {postings.values[i]: int(counts[i]) for i in order.tolist() if counts[i] > 0}
        for (a, b), reason in _candidates(kind, list(count_of)).items():
            if reason == "acronym":
                value, target = (a, b) if _initials(b) == a else (b, a)
            elif reason == "surname":
                value, target = (a, b) if len(a.split()) < len(b.split()) else (b, a)
            elif len(a.split()) != len(b.split()):
                value, target = (a, b) if len(a.split()) < len(b.split()) else (b, a)
            else:
                value, target = (a, b) if (count_of[a], a) < (count_of[b], b) else (b, a)
            if (kind, value, target) in dismissed:
                continue
            ca, cb = contexts.of(kind, value), contexts.of(kind, target)
            shared = len(ca & cb)
            if reason != "acronym" and shared == 0:
                continue  # nothing in common: a different person, place or firm
            similarity = shared / max(1, min(len(ca), len(cb)))
            score = WEIGHTS[reason] + 3 * similarity + math.log1p(shared)
            out.append(Suggestion(kind, value, target, count_of[value], count_of[target], reason,
                                  shared, round(score, 3)))
    out.sort(key=lambda s: (-s.score, s.kind, s.value, s.target))
    return out[:limit]
