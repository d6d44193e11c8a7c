"""Tests for searchapp.entities: names, places, dates, aliases, Mentions and the seed gold article."""
from __future__ import annotations

import json
from datetime import date

import pytest

from searchapp import config
from searchapp.articles import Article, Entities
from searchapp.entities import (EXTRACTION_VERSION, Extractor, Mentions, ModelNotFoundError, apply_surname_map,
                                build_surname_map, country_of, extract_entities, resolve)
from searchapp.entities.aliases import merge_people
from searchapp.entities.dates import resolve_expression
from searchapp.entities.names import clean_org, clean_person, clean_place
from searchapp.entities.places import canonical_place, country_of_nationality


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One extractor, so the model loads once per test session."""
    return Extractor()


def _extract(extractor: Extractor, text: str, published: date | None) -> Entities:
    article = Article(article_id="t", title="", body=text, published=published, title_derived=True)
    return extract_entities(article, extractor)


@pytest.mark.parametrize(("text", "published", "expected"), [
    pytest.param(
        "Russian President Vladimir Putin met Wang Yi in Moscow on Wednesday (February 22). "
        "Putin praised the talks.", date(2023, 2, 22),
        Entities(people=("Vladimir Putin", "Wang Yi"), places=("Moscow", "Russia"),
                 dates=("2023-02-22",), countries=("Russia",)),
        id="title-stripped-alias-weekday"),
    pytest.param(
        "China‘s foreign ministry said Beijing would send an envoy to Munich on February 18th.",
        date(2023, 2, 22),
        Entities(places=("Beijing", "China", "Munich"), dates=("2023-02-18",),
                 countries=("China", "Germany")),
        id="wrong-curly-apostrophe"),
    pytest.param(
        "BOXBOROUGH, Mass., March 9 - The company said sales rose to $1.5 billion last year, "
        "and it shipped 60 kilos of samples in recent weeks.", date(1987, 3, 9),
        Entities(places=("Boxborough", "Massachusetts"), dates=("1986",),
                 countries=("United States",)),
        id="dateline-money-vague"),
    pytest.param(
        "Officials in the U.S. and Britain said the United States of America and the UK agreed.",
        None,
        Entities(places=("United Kingdom", "United States"),
                 countries=("United Kingdom", "United States")),
        id="place-variants"),
])
def test_extract_entities_gives_exact_entities(extractor, text, published, expected):
    assert _extract(extractor, text, published) == expected


@pytest.mark.parametrize(("span", "expected"), [
    ("Russian President Vladimir Putin", "Vladimir Putin"),
    ("Xi Jinping’s", "Xi Jinping"),
    ("REAGAN", "Reagan"),
    ("U.S. Trade Representative Clayton Yeutter", "Clayton Yeutter"),
    ("Jacques de Larosiere", "Jacques de Larosiere"),
    ("Jordan Smith", "Jordan Smith"),
    ("Putin praised", "Putin"),
    ("Treasury Secretary James\nBaker", "James Baker"),
    ("Reuter", None), ("3.5", None), ("J.", None), ("the", None), ("Revs", None),
    ("Putin\n\nMoscow", None),
])
def test_clean_person(span, expected):
    assert clean_person(span) == expected


@pytest.mark.parametrize(("span", "expected"), [
    ("China‘s", "China"), ("the Communist Party of China", "Communist Party of China"),
    ("GENERAL MOTORS CORP", "General Motors Corp"), ("IBM", "IBM"), ("Co Inc", None),
])
def test_clean_org(span, expected):
    assert clean_org(span) == expected


@pytest.mark.parametrize(("span", "expected"), [
    ("U.S.", "United States"), ("US", "United States"), ("U.S.A.", "United States"),
    ("the United States", "United States"), ("United States of America", "United States"),
    ("Mass.", "Massachusetts"), ("Calif", "California"), ("UK", "United Kingdom"),
    ("Britain", "United Kingdom"), ("Great Britain", "United Kingdom"),
    ("Russian Federation", "Russia"), ("Republic of Korea", "South Korea"),
    ("Taiwan, Province of China", "Taiwan"), ("Iran", "Iran"), ("USSR", "Soviet Union"),
    ("U.S.S.R.", "Soviet Union"), ("West Germany", "West Germany"), ("Burma", "Myanmar"),
    ("PEKING", "Beijing"), ("SAO PAULO", "São Paulo"), ("Tibet", None),
])
def test_canonical_place(span, expected):
    assert canonical_place(clean_place(span) or span) == expected


@pytest.mark.parametrize(("place", "country"), [
    ("Munich", "Germany"), ("Germany", "Germany"), ("Beijing", "China"), ("Moscow", "Russia"),
    ("Massachusetts", "United States"), ("New York", "United States"),
    ("Hong Kong", "Hong Kong"), ("Xinjiang", "China"), ("Tibet", None), ("Georgia", "Georgia"),
])
def test_country_of(place, country):
    assert country_of(place) == country


def test_georgia_in_a_us_context_is_the_state():
    mentions = Mentions(places=("Atlanta", "Georgia"))
    assert resolve(mentions, None).countries == ("United States",)


@pytest.mark.parametrize(("word", "country"), [
    ("Japanese", "Japan"), ("Soviet", "Soviet Union"), ("West German", "West Germany"),
    ("Chinese", "China"), ("American", "United States"), ("Republican", None), ("Muslim", None),
])
def test_country_of_nationality(word, country):
    assert country_of_nationality(word) == country


@pytest.mark.parametrize(("expression", "published", "expected"), [
    ("Wednesday", date(2023, 2, 22), ("2023-02-22",)),
    ("February 22", date(2023, 2, 22), ("2023-02-22",)),
    ("February 18th", date(2023, 2, 22), ("2023-02-18",)),
    ("the 22nd", date(2023, 2, 22), ("2023-02-22",)),
    ("Today", date(2023, 2, 22), ("2023-02-22",)),
    ("yesterday", date(1987, 3, 2), ("1987-03-01",)),
    ("last year", date(1987, 3, 2), ("1986",)),
    ("this month", date(1987, 3, 2), ("1987-03",)),
    ("March", date(1987, 2, 26), ("1987-03",)),
    ("December", date(1987, 2, 26), ("1986-12",)),
    ("the week ended February 22", date(1987, 2, 26), ("1987-02-22",)),
    ("March/April", date(1987, 2, 26), ("1987-03", "1987-04")),
    ("1986/87", date(1987, 2, 26), ("1986", "1987")),
    ("the day before yesterday", date(2023, 2, 22), ("2023-02-20",)),  # via dateparser
    ("two weeks ago", date(2023, 2, 22), ()),
    ("February 22, 2023", None, ("2023-02-22",)),
    ("1985", None, ("1985",)),
    ("last year", None, ()),
    ("Wednesday", None, ()),
    ("recent weeks", date(2023, 2, 22), ()),
    ("the past year", date(2023, 2, 22), ()),
    ("the 1980s", date(1987, 2, 26), ()),
    ("$1.5 billion", date(2023, 2, 22), ()),
    ("60 kilos", date(1987, 2, 26), ()),
    ("5.93 mln", date(1987, 2, 26), ()),
    ("February 30", date(1987, 2, 26), ()),
])
def test_resolve_expression(expression, published, expected):
    assert resolve_expression(expression, published) == expected


def test_resolve_adds_no_publication_date_of_its_own():
    assert resolve(Mentions(date_expressions=("1986",)), date(1987, 3, 2)).dates == ("1986",)


def test_merge_people_maps_surnames_and_org_mislabels():
    people, orgs = merge_people(["Vladimir Putin", "Putin", "Lavrov", "Wang Yi", "REAGAN"],
                                ["Wang", "Deutsche Welle"])
    assert people == ["Lavrov", "REAGAN", "Vladimir Putin", "Wang Yi"]
    assert orgs == ["Deutsche Welle"]


def test_merge_people_leaves_ambiguous_surnames():
    people, _ = merge_people(["James Baker", "Howard Baker", "Baker"], [])
    assert people == ["Baker", "Howard Baker", "James Baker"]


def test_surname_map_maps_only_unique_surnames():
    surnames = build_surname_map(["Vladimir Putin", "James Baker", "Howard Baker", "Putin", "Lavrov"])
    assert surnames == {"Putin": "Vladimir Putin"}
    entities = Entities(people=("Baker", "Lavrov", "Putin"))
    assert apply_surname_map(entities, surnames).people == ("Baker", "Lavrov", "Vladimir Putin")


def test_mentions_json_round_trip():
    mentions = Mentions(("Wang Yi",), ("China", "São Paulo"), ("Deutsche Welle",), ("the 22nd",))
    assert Mentions.from_json(mentions.to_json()) == mentions
    assert json.loads(mentions.to_json())["places"] == ["China", "São Paulo"]


def test_missing_model_names_the_pip_package():
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-xx-missing"):
        Extractor("en_core_web_xx_missing")


def test_version_names_model_and_extraction_version(extractor):
    assert extractor.version.startswith(f"{extractor.model}-")
    assert extractor.version.endswith(f"-x{EXTRACTION_VERSION}")


def test_analyse_in_two_processes_matches_one(extractor):
    texts = ["Putin met Wang Yi in Moscow.", "Vladimir Putin said so.", "", "Reagan said."] * 3
    with Extractor(extractor.model) as parallel:
        assert list(parallel.analyse(texts, n_process=2, batch_size=4)) == list(extractor.analyse(texts))


@pytest.fixture(scope="session")
def seed():
    """The sample article and its hand-made gold annotation."""
    gold_path = config.gold_dir() / "seed.json"
    if not gold_path.exists():
        pytest.skip(f"shared gold data absent: {gold_path}")
    gold = json.loads(gold_path.read_text())
    article_path = config.data_dir().parent / gold["file"]
    if not article_path.exists():
        pytest.skip(f"shared sample article absent: {article_path}")
    from searchapp.corpus import read_file
    return read_file(article_path).articles[0], gold


def test_seed_article_matches_gold(extractor, seed):
    article, gold = seed
    entities = extract_entities(article, extractor)
    assert {p["name"] for p in gold["people"]} <= set(entities.people)
    assert {p["name"] for p in gold["places"]} <= set(entities.places)
    assert not set(gold["not_people"]) & set(entities.people)
    assert {d["date"] for d in gold["dates"]} <= set(entities.dates)
