"""How often an article names each entity, and with which spellings (entities.surfaces), and how
those follow the corpus-wide names (entities.corpus.final_mentions)."""
from __future__ import annotations

from collections import Counter

import spacy
from spacy.tokens import Span

from searchapp.articles import Entities
from searchapp.entities import CorpusMaps
from searchapp.entities.corpus import final_mentions
from searchapp.entities.surfaces import count_surfaces, merge_surfaces

NLP = spacy.blank("en")


def doc_with(text: str, spans: list[tuple[str, str]]):
    """A Doc whose entities are the given (text, label) spans, found left to right."""
    doc = NLP(text)
    ents, start = [], 0
    for words, label in spans:
        at = text.index(words, start)
        ents.append(doc.char_span(at, at + len(words), label=label))
        start = at + len(words)
    doc.ents = ents
    return doc


def test_spellings_go_to_the_one_entity_they_spell():
    doc = doc_with(
        "Vladimir Putin met Wang Yi in Moscow. Putin's aides and the U.S. envoy spoke. "
        "The EC and the European Community's Chinese partners; Chase said Chase Manhattan Bank",
        [("Vladimir Putin", "PERSON"), ("Wang Yi", "PERSON"), ("Moscow", "GPE"), ("Putin's", "PERSON"),
         ("U.S.", "GPE"), ("EC", "ORG"), ("European Community's", "ORG"), ("Chinese", "NORP"),
         ("Chase", "ORG"), ("Chase Manhattan Bank", "ORG")])
    records = count_surfaces(doc, ["Vladimir Putin", "Wang Yi"], ["Moscow", "United States"],
                             ["European Community", "Chase Manhattan Bank"])
    assert set(records) == {
        ("person", "Vladimir Putin", "Vladimir Putin", 1), ("person", "Vladimir Putin", "Putin", 1),
        ("person", "Wang Yi", "Wang Yi", 1), ("place", "Moscow", "Moscow", 1),
        ("place", "United States", "U.S.", 1),
        ("org", "European Community", "EC", 1), ("org", "European Community", "European Community", 1),
        ("org", "Chase Manhattan Bank", "Chase", 1),
        ("org", "Chase Manhattan Bank", "Chase Manhattan Bank", 1),
    }  # "Chinese" (a nationality) spells nothing


def test_an_ambiguous_or_unknown_spelling_counts_for_nobody():
    doc = doc_with("Baker met Baker. Smith left.",
                   [("Baker", "PERSON"), ("Baker", "PERSON"), ("Smith", "PERSON")])
    records = count_surfaces(doc, ["James Baker", "Howard Baker"], ["Tokyo"], [])
    # Neither Baker can have them; every entity is still named once (a dateline place, say).
    assert set(records) == {("person", "James Baker", "James Baker", 1),
                            ("person", "Howard Baker", "Howard Baker", 1),
                            ("place", "Tokyo", "Tokyo", 1)}


def test_a_first_name_alone_is_no_spelling():
    doc = doc_with("James said so.", [("James", "PERSON")])
    assert count_surfaces(doc, ["James Baker"], [], []) == (("person", "James Baker", "James Baker", 1),)


def test_merge_groups_spellings_by_entity():
    merged = merge_surfaces([("person", "James Baker", "Baker", 3), ("person", "James Baker", "James Baker", 2),
                             ("person", "James Baker", "James A. Baker", 1)])
    assert merged == {("person", "James Baker"): (6, ("Baker", "James A. Baker"))}


def test_spellings_follow_the_corpus_names():
    """A bare "Baker" the corpus makes James Baker adds its mentions and spelling to him."""
    local = [Entities(("James Baker",), (), (), (), ())] * 5 + [Entities(("Baker",), (), ("EC",), (), ())]
    local += [Entities((), (), ("European Community",), (), ())] * 3
    maps = CorpusMaps.build(local)
    final = maps.apply(local[5])
    assert final.people == ("James Baker",) and final.organizations == ("European Community",)
    records = final_mentions(maps, final, [("person", "Baker", "Baker", 4), ("org", "EC", "EC", 2)])
    assert records == (("person", "James Baker", 4, ("Baker",)), ("org", "European Community", 2, ("EC",)))


def test_final_of_is_apply_value_by_value():
    """apply() and final_of() are one mapping: every value lands where final_of says."""
    local = [Entities(("James Baker", "Howard Baker"), ("Tokyo",), ("Samuel Montagu and Co",), (), ()),
             Entities(("Baker", "Samuel Montagu", "Mark"), ("Evansville",), ("Samuel Montagu",), (), ()),
             Entities(("James Baker", "Mark Fields"), (), (), (), ())] * 3
    maps = CorpusMaps.build(local)
    for ents in local:
        final = maps.apply(ents)
        targets = Counter()
        for kind, values in (("person", ents.people), ("place", ents.places), ("org", ents.organizations)):
            for value in values:
                if (target := maps.final_of(kind, value)) is not None:
                    targets[target] += 1
        assert set(targets) == ({("person", p) for p in final.people} | {("place", p) for p in final.places}
                                | {("org", o) for o in final.organizations})


class WordList:
    """Stands in for headlines.Lexicon: the common English words it is asked about."""

    def __init__(self, *words: str) -> None:
        self.words = set(words)

    def is_common_word(self, word: str) -> bool:
        return word in self.words


def test_organisation_spellings_are_legal_forms_short_forms_and_acronyms_only():
    doc = doc_with("Exxon Corp and the EC Farm council; National said; the European Community "
                   "executive Commission; Westminster Bank",
                   [("Exxon Corp", "ORG"), ("EC Farm", "ORG"), ("National", "ORG"),
                    ("European Community executive Commission", "ORG"), ("Westminster Bank", "ORG")])
    records = count_surfaces(doc, [], [], ["Exxon", "EC", "National Westminster Bank", "European Community"],
                             WordList("national", "farm"))
    assert ("org", "Exxon", "Exxon Corp", 1) in records
    rohr = doc_with("Rohr Industries Inc said", [("Rohr Industries Inc", "ORG")])
    assert count_surfaces(rohr, [], [], ["Rohr"]) == (("org", "Rohr", "Rohr Industries Inc", 1),)
    spelled = {spelling for _k, _v, spelling, _n in records}
    # A longer name that is not a legal form, a common word as a short form, another firm's end.
    assert not spelled & {"EC Farm", "National", "European Community executive Commission",
                          "Westminster Bank"}


def test_a_qualified_institution_and_a_clipping_are_spellings():
    doc = doc_with("the Treasury said; the Fed and Federal Reserve; the Fund",
                   [("Treasury", "ORG"), ("Fed", "ORG"), ("Federal Reserve", "ORG"), ("Fund", "ORG")])
    records = count_surfaces(doc, [], [], ["U.S. Treasury", "Federal Reserve", "International Monetary Fund"],
                             WordList("fund"))
    assert ("org", "U.S. Treasury", "Treasury", 1) in records
    assert ("org", "Federal Reserve", "Fed", 1) in records
    assert not any(spelling == "Fund" for _k, _v, spelling, _n in records)  # a common word


def test_a_first_name_alone_is_nobody_even_when_it_ends_one_full_name():
    """"Peter" ends "John Peter" once but starts three full names: a bare "Peter" is a first name."""
    local = [Entities(("John Peter",), (), (), (), ()), Entities(("Peter Walters",), (), (), (), ()),
             Entities(("Peter Tavoulareas",), (), (), (), ()), Entities(("Peter Sutherland",), (), (), (), ()),
             Entities(("Peter",), (), (), (), ()), Entities(("James Baker",), (), (), (), ()),
             Entities(("Baker",), (), (), (), ()), Entities(("James Baker",), (), (), (), ())]
    maps = CorpusMaps.build(local)
    assert maps.apply(local[4]).people == ()
    assert maps.apply(local[6]).people == ("James Baker",)


def test_one_word_firms_named_mostly_within_longer_names():
    """ "Ford" stands for the Ford Motor family; "Bell" for several firms (left out of the facet);
    "Reuters", named alone more often, and "Mobil", named "Mobil Corp", keep their names."""
    def art(*orgs):
        return Entities((), (), tuple(orgs), (), ())
    local = ([art("Ford")] * 3 + [art("Ford Motor")] * 6 + [art("Ford Motor Credit")] * 2
             + [art("Bell")] * 3 + [art("Bell Industries")] * 2 + [art("Bell Atlantic")] * 2
             + [art("Bell Canada")] * 2 + [art("Reuters")] * 9 + [art("Reuters Holdings")] * 2
             + [art("Mobil")] * 4 + [art("Mobil Oil")] * 3 + [art("Mobil Chemical")] * 3)
    surfaces = [[("org", o, o, 1) for o in a.organizations] for a in local]
    for records in surfaces[-10:-6]:
        records.append(("org", "Mobil", "Mobil Corp", 1))
    maps = CorpusMaps.build(local, surfaces=surfaces)
    assert maps.apply(art("Ford")).organizations == ("Ford Motor",)
    assert maps.apply(art("Bell")).organizations == ()
    assert maps.apply(art("Reuters")).organizations == ("Reuters",)
    assert maps.apply(art("Mobil")).organizations == ("Mobil",)
    assert CorpusMaps.build(local).apply(art("Mobil")).organizations == ()  # without the legal form


def test_another_languages_word_for_a_bank_or_fund_alone_names_no_body():
    """ "Caisse" opens several bodies' names: alone it is none of them, even where one family
    dominates; "Kreditanstalt" opens one family's only, and stands for it."""
    def art(*orgs):
        return Entities((), (), tuple(orgs), (), ())
    local = ([art("Caisse")] * 3 + [art("Caisse Nationale des Autoroutes")] * 9
             + [art("Caisse des Depots et Consignations")] * 2 + [art("Kreditanstalt")] * 2
             + [art("Kreditanstalt fuer Wiederaufbau")] * 4)
    maps = CorpusMaps.build(local)
    assert maps.apply(art("Caisse")).organizations == ()
    assert maps.apply(art("Kreditanstalt")).organizations == ("Kreditanstalt fuer Wiederaufbau",)


def test_a_surname_the_corpus_names_with_a_legal_form_stays_a_firm():
    """A one-word "organisation" that is a known person's surname is that person ("Volcker Says
    ..."), unless the corpus names it with a legal form in half its articles ("Casey Co 4,000 bpd")."""
    local = ([Entities(("William Casey",), (), (), (), ())] * 6 + [Entities(("Paul Volcker",), (), (), (), ())] * 6
             + [Entities((), (), ("Casey",), (), ()), Entities((), (), ("Volcker",), (), ())])
    surfaces = [[("person", p, p, 1) for p in a.people] + [("org", o, o, 1) for o in a.organizations] for a in local]
    surfaces[-2] = [("org", "Casey", "Casey Co", 1)]
    maps = CorpusMaps.build(local, surfaces=surfaces)
    assert maps.apply(local[-2]).organizations == ("Casey",) and maps.apply(local[-2]).people == ()
    assert maps.apply(local[-1]).people == ("Paul Volcker",)
