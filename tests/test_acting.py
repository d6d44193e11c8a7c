"""Tests for searchapp.entities.acting and the corpus step it feeds: an organisation that nothing in
the corpus vouches for as a body (CorpusMaps.unvouched) is no facet value."""
from __future__ import annotations

import pytest

from searchapp.articles import Entities
from searchapp.entities.acting import acting_names, names_a_body
from searchapp.entities.corpus import CorpusMaps
from searchapp.rules import Rules


def surfaces(*names: str, kind: str = "org") -> list[tuple[str, str, str, int]]:
    return [(kind, name, name, 1) for name in names]


@pytest.mark.parametrize("text", [
    "LONDON - Glaxo said profits rose.",
    "Sematech's members met on Friday.",
    "A Sematech spokesman declined to comment.",
    "Shares of Sematech fell two points.",
    "said Joan Smith, an analyst at Sematech in Austin.",
    "Sematech Consortium officials said.",
    "The <Sematech> unit was sold.",
    "Sematech <SMT> shares rose.",
    "victory for the ruling Sematech party",
    "Beecham 8p at 525 and Sematech 4p at 1,484",
    "Sematech fell a penny to 503.",
    "Glaxo eased 5 pence.",
    "a fund set up by Sematech to cover claims",
    "talks with Sematech on a merger",
    "the state mining company Sematech, which",
])
def test_a_name_speaking_owning_employing_or_traded_acts_as_a_body(text):
    name = "Glaxo" if "Glaxo" in text else "Sematech"
    assert acting_names(text, surfaces(name)) == (name,)


@pytest.mark.parametrize("text", [
    "Rates on MasterCard balances rose.",
    "the new Jeep Comanche pickup",
    "plans for the Kansai airport",
    "Sales Of Jeep Rose",  # a Title Case headline's verb says nothing
    "Mr O'Brien's MasterCardholders",  # not the name: a longer word
])
def test_a_product_or_a_place_in_passing_does_not_act(text):
    assert acting_names(text, surfaces("MasterCard", "Jeep Comanche", "Kansai", "Jeep")) == ()


def test_acting_looks_at_every_spelling_of_a_name():
    records = [("org", "Societe Generale Alsacienne de Banque", "Sogenal", 1),
               ("org", "Societe Generale Alsacienne de Banque", "Societe Generale Alsacienne de Banque", 1)]
    assert acting_names("Sogenal said it would.", records) == ("Societe Generale Alsacienne de Banque",)
    assert acting_names("plans for Kansai", [("place", "Kansai", "Kansai", 1)]) == ()  # places are not looked at


@pytest.mark.parametrize("name, expected", [
    ("Internal Revenue Service", True), ("Bank of Greece", True), ("Credit Lyonnais Banque", True),
    ("Toronto Star", True), ("NRC Handelsblad", True), ("Penn Central Railroad", True), ("Paris Bourse", True),
    ("MasterCard", False), ("Jeep Comanche", False), ("Kansai", False), ("Token Ring", False),
])
def test_names_a_body_reads_the_names_own_words(name, expected):
    assert names_a_body(name) is expected


def build(local, acting, legal_spellings=(), rules=None):
    records = [[("org", org, org, 1) for org in ents.organizations] for ents in local]
    for i, pair in enumerate(legal_spellings):
        records[i].extend([("org", pair[0], pair[1], 1)] if pair else [])
    return CorpusMaps.build(local, rules or Rules(), surfaces=records, acting=acting)


def test_an_organisation_nothing_vouches_for_is_no_value():
    local = [Entities(organizations=("MasterCard", "Sematech")), Entities(organizations=("MasterCard", "Glaxo")),
             Entities(organizations=("Glaxo", "Sematech")), Entities(organizations=("IBM", "Token Ring")),
             Entities(organizations=("IBM",))]
    maps = build(local, acting=[("Sematech",), (), (), (), ()], legal_spellings=[(), ("Glaxo", "Glaxo Plc")])
    finals = [maps.apply(ents).organizations for ents in local]
    assert finals[0] == ("Sematech",)  # shown speaking once: vouched for in every article
    assert finals[1] == ("Glaxo",)  # named with a legal form once
    assert finals[3] == ("IBM", "Token Ring")  # an acronym is left to the acronym rules; one article's
    # silence is no evidence
    assert maps.unvouched == frozenset({"MasterCard"})  # two articles, never acting, no legal form


def test_the_silence_of_one_article_is_no_evidence():
    local = [Entities(organizations=("Visnews",)), Entities(organizations=("Token Ring",))]
    assert build(local, acting=[(), ()]).unvouched == frozenset()
    local = [Entities(organizations=("Token Ring",))] * 2
    assert build(local, acting=[(), ()]).unvouched == frozenset({"Token Ring"})


def test_without_acting_evidence_every_organisation_stays():
    local = [Entities(organizations=("MasterCard",)), Entities(organizations=("MasterCard",))]
    assert CorpusMaps.build(local).apply(local[0]).organizations == ("MasterCard",)


def test_evidence_for_a_short_form_vouches_for_the_name_it_ends_as():
    local = [Entities(organizations=("Kodak",)), *[Entities(organizations=("Eastman Kodak",))] * 2]
    maps = build(local, acting=[("Kodak",), (), ()])
    assert {maps.apply(ents).organizations for ents in local} == {("Eastman Kodak",)}
    local = [Entities(organizations=("Amiga", "Commodore")), Entities(organizations=("Amiga", "Commodore"))]
    maps = build(local, acting=[("Commodore",), ()])  # the maker acts, not its computer
    assert maps.apply(local[0]).organizations == ("Commodore",) and maps.unvouched == {"Amiga"}


def test_an_editors_rule_vouches_for_the_value_it_names():
    local = [Entities(organizations=("Visnews",))] * 2
    assert build(local, acting=[(), ()]).apply(local[0]).organizations == ()
    rules = Rules(merges={("org", "Visnews"): "Visnews Ltd"})
    assert build(local, acting=[(), ()], rules=rules).apply(local[0]).organizations == ("Visnews Ltd",)

