"""Updating the corpus's organisation map after a few articles changed gives the map a rebuild would."""
from __future__ import annotations

import random
from collections import Counter

from searchapp.entities import build_org_map
from searchapp.entities.org_map_update import update_org_map

NAMES = ["European Community", "EC", "EC Commission", "Federal Reserve", "Fed", "Federal Reserve Board",
         "Federal Express", "Moody", "Moody's Investors Service", "GATT", "IMF", "FDIC",
         "Federal Deposit Insurance Corp", "General Agreement on Tariffs and Trade",
         "International Monetary Fund", "Mobil", "Mobile Oil Services", "Amex", "American Express",
         "American Stock Exchange", "GM", "General Motors", "Grand Metropolitan", "Texaco",
         "Texas Air", "Tex", "Chase", "Chase Manhattan", "BP", "British Petroleum", "Opec",
         "Organization of Petroleum Exporting Countries", "OPEC", "Merrill", "Merrill Lynch"]


def test_updates_equal_rebuilds_under_random_changes():
    rng = random.Random(5)
    counts = Counter({name: rng.randint(0, 30) for name in NAMES})
    counts = +counts
    org_map = build_org_map(counts)
    changed_something = 0
    for _step in range(300):
        new = Counter(counts)
        for name in rng.sample(NAMES, rng.randint(1, 4)):
            new[name] = max(0, new[name] + rng.choice([-20, -5, -1, 1, 3, 10, 25]))
        new = +new
        updated = update_org_map(org_map, counts, new)
        rebuilt = build_org_map(new)
        assert updated == rebuilt
        changed_something += updated != org_map
        counts, org_map = new, updated
    assert changed_something > 15  # the walk really moved the map around (25 times with this seed)


def test_nothing_changed_keeps_the_map():
    counts = Counter({"EC": 4, "European Community": 10})
    org_map = build_org_map(counts)
    assert org_map == {"EC": "European Community"}
    assert update_org_map(org_map, counts, Counter(counts)) is org_map
