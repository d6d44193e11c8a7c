"""The hand-labelled set's scorer (bench/gold/score.py): how a predicted name matches a gold one."""
from __future__ import annotations

import importlib.util
import json
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


def test_a_body_named_with_us_before_its_own_name_is_that_body_but_a_bare_one_is_not():
    assert _matches("organizations", "Securities and Exchange Commission", "U.S. Securities and Exchange Commission")
    assert _matches("organizations", "U.S. Allis-Chalmers", "Allis-Chalmers Corp")
    assert not _matches("organizations", "Treasury", "U.S. Treasury")  # every country has one


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


def test_a_body_the_reader_left_bare_counts_with_a_country_of_the_articles_places():
    party = {"name": "Social Democratic Party", "aliases": ["SPD"], "optional": False}
    places = [{"name": "Bonn", "aliases": [], "optional": False}, {"name": "West Germany", "aliases": [], "optional": False}]
    keys = score.qualified_by_places("organizations", party, places)
    assert score.matches("organizations", "West German Social Democratic Party",
                         score.keys("organizations", "West German Social Democratic Party"), party, keys)
    assert not score.matches("organizations", "Swedish Social Democratic Party",
                             score.keys("organizations", "Swedish Social Democratic Party"), party, keys)
    hamburg = score.qualified_by_places("organizations", party, [{"name": "Hamburg", "aliases": [], "optional": False}])
    assert score.matches("organizations", "West German Social Democratic Party",
                         score.keys("organizations", "West German Social Democratic Party"), party, hamburg)
    firm = {"name": "Cable and Wireless", "aliases": [], "optional": False}  # no bare institution
    assert not score.qualified_by_places("organizations", firm, places)


def test_a_party_named_by_its_members_is_the_party():
    """A reader's "Conservatives" or "Communists" is the party the program names "Conservative Party",
    qualified with a country of the article's places as any bare party is."""
    places = [{"name": "London", "aliases": [], "optional": False}]
    for gold in ({"name": "Conservatives", "aliases": ["Conservative"], "optional": False},
                 {"name": "Tories", "aliases": [], "optional": False}):
        keys = score.keys("organizations", gold["name"]) | score.qualified_by_places("organizations", gold, places)
        assert score.matches("organizations", "British Conservative Party",
                             score.keys("organizations", "British Conservative Party"), gold, keys)
        assert not score.matches("organizations", "British Labour Party",
                                 score.keys("organizations", "British Labour Party"), gold, keys)
    assert _matches("organizations", "Communist Party", "Communists")
    assert not _matches("organizations", "Communist Party", "Socialists")


def test_the_scorer_qualifies_a_bare_gold_body_by_the_articles_places(tmp_path):
    gold = {"id": "a", "people": [], "places": [{"name": "Hamburg", "aliases": [], "optional": False}],
            "organizations": [{"name": "Social Democratic Party", "aliases": [], "optional": False}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    predicted = {"a": {"people": [], "places": ["Hamburg"], "organizations": ["West German Social Democratic Party"]}}
    totals = score.score(path, predicted)["totals"]["organizations"]
    assert totals["tp"] == 1 and totals["found"] == 1


def test_germany_in_1987_is_west_germany():
    assert _matches("places", "West Germany", "Germany")
    assert not _matches("places", "East Germany", "Germany")


def test_a_bare_gold_gulf_is_the_gulf_of_the_readers_places():
    gulf = {"name": "Gulf", "aliases": [], "optional": False}

    def matches(predicted: str, places: list[str]) -> bool:
        listed = [{"name": place, "aliases": [], "optional": False} for place in places]
        gold_keys = score.keys("places", "Gulf") | score.qualified_gulf("places", gulf, listed)
        return score.matches("places", predicted, score.keys("places", predicted), gulf, gold_keys)

    assert matches("Persian Gulf", ["Beirut", "Iran"]) and not matches("U.S. Gulf", ["Beirut", "Iran"])
    assert matches("U.S. Gulf", ["Chicago", "Illinois"]) and not matches("Persian Gulf", ["Chicago"])
    assert not matches("Persian Gulf", ["London"])
