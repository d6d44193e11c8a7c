"""A country's body is one facet value however a story names its country, and the boards, banks
and guards every country has are qualified with theirs (extraction 78)."""
from __future__ import annotations

from datetime import date

import pytest

from searchapp.articles import Article
from searchapp.entities import extract_entities
from searchapp.entities.mentions import _country_named
from searchapp.entities.orgs import country_form, is_bare_institution, is_one_of_many


@pytest.mark.parametrize(("name", "written"), [
    ("U.K. Government", "British Government"),
    ("British Government", "British Government"),
    ("Japan Finance Ministry", "Japanese Finance Ministry"),
    ("United States Navy", "U.S. Navy"),
    ("US Air Force", "U.S. Air Force"),
    ("Kuwait Central Bank", "Kuwaiti Central Bank"),
    ("American Congress", "U.S. Congress"),
    # a firm or a bank of another name keeps its own; a body named "of" its country too
    ("American National Bank", "American National Bank"),
    ("American Airlines", "American Airlines"),
    ("Hong Kong Land", "Hong Kong Land"),
    ("Bank of Japan", "Bank of Japan"),
    ("Canadian Wheat Board", "Canadian Wheat Board"),
])
def test_a_country_s_body_is_written_one_way(name, written):
    assert country_form(name, _country_named) == written


def test_boards_banks_and_guards_every_country_has():
    assert is_bare_institution("Coffee Board") and is_bare_institution("Wheat Board")
    assert is_bare_institution("Export-Import Bank") and is_bare_institution("Coast Guard")
    assert not is_bare_institution("Board of Trade")  # the wire's short form of Chicago's
    assert not is_bare_institution("Export-Import Bank of Japan")
    assert is_one_of_many("Appellate Court")


def _extract(extractor, body: str):
    article = Article(article_id="t", title="", body=body, published=date(1987, 3, 15), title_derived=True)
    return extract_entities(article, extractor)


@pytest.mark.parametrize(("body", "wanted", "unwanted"), [
    ("NEW DELHI, March 3 - India's coffee exports rose 12 pct in February, the Coffee Board said.",
     {"Indian Coffee Board"}, {"Coffee Board"}),
    ("TOKYO, March 3 - Japan's Export-Import Bank will lend 500 mln dlrs to Mexico, bank officials said.",
     {"Japanese Export-Import Bank"}, {"Export-Import Bank"}),
    ("LONDON, March 3 - The U.K. Government will sell its remaining stake in British Gas, Treasury "
     "officials said.", {"British Government"}, {"U.K. Government"}),
])
def test_a_body_every_country_has_gets_the_story_s_country(extractor, body, wanted, unwanted):
    organizations = set(_extract(extractor, body).organizations)
    assert wanted <= organizations and not unwanted & organizations, organizations
