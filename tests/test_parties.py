"""Parties named by their members or in lower case, and places written as a firm's home or before
a participle (extraction 75): what a reader sees in a story, which NER leaves untagged."""
from __future__ import annotations

from datetime import date

import pytest

from searchapp.articles import Article
from searchapp.entities import extract_entities
from searchapp.entities.parties import party_names, party_of
from searchapp.entities.place_spans import firm_homes, hyphened_places


@pytest.mark.parametrize(("text", "parties"), [
    ("Britain's ruling Conservatives have a nine point lead.", ["Conservative Party"]),
    ("Labour MPs have accused the Conservatives of planning VAT increases.", ["Conservative Party"]),
    ("senior members of Prime Minister Thatcher's Conservative party urged her", ["Conservative Party"]),
    ("polls showing good chances for the incumbent Conservative party", ["Conservative Party"]),
    ("the Tories said", ["Conservative Party"]),
    ("The Socialists and the Communists agreed.", ["Communist Party", "Socialist Party"]),
    ("a member of the Liberal party, told the congressmen", ["Liberal Party"]),
    # a longer name is NER's; a view's people are no party; a headline's capitals say nothing
    ("The Young Communists met.", []),
    ("the New Zealand Labour party won", []),
    ("fiscal conservatives and liberals", []),
    ("Conservatives Lead Poll", []),
])
def test_parties_named_by_members_or_in_lower_case(text, parties):
    assert party_names(text) == parties


def test_a_bare_party_word_is_the_party_s_name():
    assert party_of("Labour") == "Labour Party"
    assert party_of("Conservative") == "Conservative Party"
    assert party_of("Labour Party") == "Labour Party"
    assert party_of("Trade") == "Trade"


def _extract(extractor, body: str):
    article = Article(article_id="t", title="", body=body, published=date(1987, 3, 15), title_derived=True)
    return extract_entities(article, extractor)


def test_a_party_of_the_members_gets_the_story_s_country(extractor):
    entities = _extract(extractor, "LONDON, March 15 - Britain's ruling Conservatives have a nine point lead "
                                   "over the main opposition Labour Party, an opinion poll said. The poll gives "
                                   "the Conservatives a rating of 41 pct against 32 pct for Labour.")
    assert {"British Conservative Party", "British Labour Party"} <= set(entities.organizations)
    assert "British Labour" not in entities.organizations  # one value for "Labour" and "Labour Party"
    assert not {"Conservatives", "Conservative Party"} & set(entities.organizations)


@pytest.mark.parametrize(("text", "places"), [
    ("the soft drink industry buys 95 pct of all U.S.-produced HFCS-55", ["United States"]),
    ("imports of U.S.-made cars rose", ["United States"]),
    ("a U.K.-based trust and a New York-based firm", ["United Kingdom", "New York"]),
    ("the Iran-Iraq war", ["Iran", "Iraq"]),
    # a people's doing names no place; "State-owned" is no state
    ("Chinese-made arms and Japanese-owned plants", []),
    ("State-owned and Democratic-controlled", []),
])
def test_a_place_before_a_participle(text, places):
    assert hyphened_places(text) == places


@pytest.mark.parametrize(("text", "places"), [
    ("NEW YORK - <Qintex Ltd> of Brisbane said <Westpac Banking Corp> of Australia has issued", ["Brisbane"]),
    ("a joint venture with Monier Ltd of Australia to make concrete ties", ["Australia"]),
    ("investors include Ingemar Rydin Industritillbehor AB, of Sweden, and VBI Corp", ["Sweden"]),
    # a name goes on; "Corp of America" is a name; a town before its state is towns_with_states'
    ("Standard Chartered Bank Ltd of Canada Ltd", []),
    ("Hospital Corp of America said", []),
    ("assets of Allied Research Inc of Salem, Ore., and", []),
    ("<Alan Duffy Engineering Ltd> of Blackburn, Lancashire, England", []),
])
def test_a_firm_s_home_after_its_legal_form(text, places):
    assert firm_homes(text) == places


def test_a_firm_s_home_is_a_place_of_the_story(extractor):
    entities = _extract(extractor, "NEW YORK, March 24 - <Qintex Ltd> of Brisbane said <Westpac Banking Corp> of "
                                   "Australia has issued a commitment letter to Princeville Development Corp.")
    assert "Brisbane" in entities.places


@pytest.mark.parametrize(("sentence", "country"), [
    ("sterling rose on polls showing the ruling Conservatives ahead", "United Kingdom"),
    ("The firm tone of the pound is expected to remain", "United Kingdom"),
    ("the lira and the peseta", None),  # two countries: neither
    ("the Irish pound fell", None),
    ("the dollar fell", None),  # many countries' currency
])
def test_a_currency_names_its_country(sentence, country):
    from searchapp.entities.parties import currency_country

    assert currency_country(sentence) == country


def test_a_party_in_a_market_story_is_the_currency_s_country_s(extractor):
    entities = _extract(extractor, "TOKYO, April 7 - The dollar closed lower against the yen, dealers said.\n\n"
                                   "The firm tone of the pound is expected to remain on speculation the ruling "
                                   "Conservative Party would retain power in expected general elections, "
                                   "dealers said. The Bank of Japan bought dollars.")
    assert "British Conservative Party" in entities.organizations
    assert "Japanese Conservative Party" not in entities.organizations


def test_a_bare_party_word_outside_politics_is_no_party(extractor):
    from searchapp.entities.parties import is_political

    assert is_political("Labour MPs accused the government") and is_political("an opinion poll")
    assert not is_political("Prices rose 0.3 pct, the Federal Office of Industry, Trade and Labour said.")
    entities = _extract(extractor, "BERNE, March 5 - Swiss producer prices rose 0.3 pct in February, the "
                                   "Federal Office of Industry, Trade and Labour said.")
    assert not any("Labour" in org and "Office" not in org for org in entities.organizations), entities


def test_a_party_word_that_speaks_makes_a_story_political():
    from searchapp.entities.parties import is_political

    assert is_political("LONDON, March 3 - Labour said it would oppose the budget.")
    assert not is_political("QUITO - Labour leaders said they shut down all of Ecuador's industrial plants.")
