"""The hand-labelled set's scorer (bench/gold/score.py): how a predicted name matches a gold one."""
from __future__ import annotations

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location("gold_score", Path(__file__).parents[1] / "bench" / "gold" / "score.py")
score = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(score)


def _matches(kind: str, predicted: str, gold: str) -> bool:
    entity = {"name": gold, "aliases": [], "optional": False}
    return score.matches(kind, predicted, score.keys(kind, predicted), entity, score.keys(kind, gold))


def test_a_countrys_body_matches_by_its_adjective_or_its_name():
    assert _matches("organizations", "Dutch Ministry of Agriculture", "Netherlands Ministry of Agriculture")
    assert _matches("organizations", "Japanese Finance Ministry", "Japan Finance Ministry")
    assert not _matches("organizations", "Belgian Ministry of Agriculture", "Netherlands Ministry of Agriculture")


def test_legal_suffixes_and_gazetteer_names():
    assert _matches("organizations", "Rite Aid", "Rite Aid Corp")
    assert _matches("places", "California", "Calif.")
    assert not _matches("places", "Oregon", "Calif.")


def test_a_bodys_bare_alias_counts_with_its_names_country():
    def matches(predicted: str, gold: dict) -> bool:
        gold_keys = set().union(*(score.keys("organizations", n) for n in [gold["name"], *gold["aliases"]]),
                                score.qualified_aliases("organizations", gold))
        return score.matches("organizations", predicted, score.keys("organizations", predicted), gold, gold_keys)

    house = {"name": "U.S. House of Representatives", "aliases": ["House"], "optional": False}
    assert matches("U.S. House", house)
    assert not matches("Japanese House", house) and not matches("U.S. Senate", house)
    assert not matches("U.S. House", {"name": "House of Representatives", "aliases": ["House"], "optional": False})
