"""Find the wire tables of a text and the places that label their rows.

Reuters sends price and crop tables as text ("Chicago -- 3.04 2.98 Toledo -- 3.04 ..."). NER reads
their abbreviations as people and firms ("St Lo", "Cinci", "KC") and misses most row labels,
which are towns. In a table the gazetteer reads the row labels instead: a run of capitalised
words between the numbers that names a known place and that the article does not also write
in lower case ("Memphis", "Amarillo", "Ill."; not "Mine" where the text says "mine", nor "May").
"""
from __future__ import annotations

import calendar
import re

from collections.abc import Callable

from searchapp.entities.places import canonical_place

# A cell: any word with a digit ("3.04", "9-1/4", "(47.5485/6437)", "MAY7"), or a dash ("--").
_CELL = re.compile(r"\S*\d\S*|-{2,}")
# Share of a paragraph's words that must be cells, and how many cells at least.
TABLE_SHARE = 0.4
TABLE_MIN_CELLS = 6
# A table sent one row per paragraph: rows of at most ROW_MAX_WORDS words, ROW_SHARE of them cells.
TABLE_MIN_ROWS = 3
ROW_MAX_WORDS = 12
ROW_SHARE = 0.3
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
# A row label: capitalised words, with "St." and "Ill." style abbreviations, or initials ("L.A.").
_LABEL = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|[A-Z][a-z]+\.?(?:[ ][A-Z][a-z]+\.?){0,2}")
_MONTHS = frozenset(name.lower() for name in (*calendar.month_name[1:], *calendar.month_abbr[1:]))


def find_tables(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the parts of a text that are tables of numbers.

    A table is a paragraph whose words are mostly cells, or a run of at least TABLE_MIN_ROWS
    short paragraphs with cells ("MAY7 6685 UP 105", "JUN7 UNTRD"): the wire sends some tables
    one row per paragraph.
    """
    found = []
    run: list[tuple[int, int]] = []
    for match in _PARAGRAPH.finditer(text):
        words = match[0].split()
        cells = sum(bool(_CELL.fullmatch(word)) for word in words)
        if cells >= TABLE_MIN_CELLS and cells >= TABLE_SHARE * len(words):
            found.append(match.span())
        if cells and len(words) <= ROW_MAX_WORDS and cells >= ROW_SHARE * len(words):
            run.append(match.span())
            continue
        if len(run) >= TABLE_MIN_ROWS:
            found.append((run[0][0], run[-1][1]))
        run = []
    if len(run) >= TABLE_MIN_ROWS:
        found.append((run[0][0], run[-1][1]))
    return found


def in_table(start: int, end: int, tables: list[tuple[int, int]]) -> bool:
    """Tell whether the text from start to end lies in one of the tables."""
    return any(first <= start and end <= last for first, last in tables)


def table_places(text: str, tables: list[tuple[int, int]], is_word: Callable[[str], bool]) -> list[str]:
    """Return the canonical places that label the rows of the tables: "Kansas City", "Amarillo".

    A label is looked up whole, then by its first words ("Ill. Track" -> Illinois). A one-word
    label must be no month and no word the article writes in lower case (is_word). A table whose
    places are all bare words is a table of places only when they are more than half its labels:
    "Sterling" among the currencies, "Time" over metal prices, "Bank" in a balance sheet,
    "Cocoa" and "Orange" among the futures name something else there.
    """
    places = []
    for start, end in tables:
        found: dict[str, bool] = {}  # place -> read from a label of several words or with a period
        for match in _LABEL.finditer(text, start, end):
            words = match[0].split()
            for size in range(len(words), 0, -1):
                label = " ".join(words[:size])
                place = canonical_place(label)
                if place and (size > 1 or label.rstrip(".").lower() not in _MONTHS
                              and not is_word(label.rstrip("."))):
                    found[place] = found.get(place, False) or size > 1 or label.endswith(".")
                    break
        labels = {match[0].split()[0].rstrip(".") for match in _LABEL.finditer(text, start, end)}
        if any(found.values()) or len(found) > 1 and len(found) * 2 > len(labels):
            places.extend(found)
    return places
