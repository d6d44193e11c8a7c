"""Extraction rules that read a name by the rest of its article (extraction version 12).

A bare name means what the article's fuller names make it mean: "Jordan" after "Jerry Jordan" is
him, "Delhi said" in a story about Delhi Petroleum Pty Ltd is the firm, a town opening a firm's
name is no place of the story, a bare "Gulf" is the Gulf of the states the story names, a bare
"Foreign Ministry" is never the United States'.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from searchapp.articles import Article, Entities
from searchapp.entities import extract_entities
from searchapp.entities.corpus import CorpusMaps
from searchapp.entities.corpus_evidence import cut_at_the_end, shared_names
from searchapp.entities.firms import find_firm_spans
from searchapp.entities.names import clean_org, is_firm_name, is_landmark, split_firms
from searchapp.entities.org_spans import lower_case_institutions, places_in_org
from searchapp.entities.orgs import is_one_of_many
from searchapp.entities.places import region_of_adjective
from tests.conftest import resolve_names


def _extract(extractor, body: str) -> Entities:
    article = Article(article_id="t", title="", body=body, published=date(1987, 3, 3), title_derived=True)
    return extract_entities(article, extractor)


def _has(entities: Entities, kind: str, wanted: set[str], unwanted: set[str] = frozenset()) -> None:
    """Assert that entities name every wanted value of a kind and none of the unwanted."""
    values = set(getattr(entities, kind))
    assert wanted <= values and not unwanted & values, entities


@pytest.mark.parametrize(("org", "places"), [
    ("Leeds Permanent Building Society", []),  # a town opening a firm's name
    ("Mesa Limited Partnership", []),
    ("Saitama Bank", []),
    ("Texas Commerce Bank", ["Texas"]),  # a US state stays, as a country does
    ("Japan Air Lines", ["Japan"]),
    ("Bank of Japan", ["Japan"]),
    ("Federal Reserve Bank of New York", ["New York"]),  # "of <city>": where it is
    ("London Gasoil", ["London"]),  # a market named after its city: not a firm's name
    ("New York Stock Exchange", ["New York"]),
    ("Sale of Shearson Stake", []),  # before "of", the head of the name: no Salé
])
def test_places_in_org(org, places):
    assert places_in_org(org) == places


def test_firm_names_and_landmarks_by_their_form():
    assert is_firm_name("Delhi Petroleum Pty Ltd") and is_firm_name("Bell Resources") and is_firm_name("Saitama Bank")
    assert not is_firm_name("Tokyo Stock Exchange") and not is_firm_name("London Gasoil")
    assert is_landmark("Bass Strait") and is_landmark("Hudson River") and is_landmark("Mount Tai")
    assert not is_landmark("Bass") and not is_landmark("Echo Bayou")


def test_ticker_brackets_are_cut_from_names():
    assert clean_org("Seiko Epson Corp>") == "Seiko Epson"
    assert clean_org("Federal Industries Ltd>'s") == "Federal Industries"
    assert clean_org("OXY> and Shell Petroleum") == "Shell Petroleum"


def test_two_firms_joined_by_and_the_are_split():
    assert split_firms("Citicorp International Ltd and the Industrial Bank of Japan") == [
        "Citicorp International Ltd", "Industrial Bank of Japan"]


@pytest.mark.parametrize(("name", "many"), [
    ("District Court", True), ("Court", True), ("Ministry", True), ("Office", True),
    ("Supreme Court", False), ("Treasury", False), ("House", False), ("Finance Ministry", False),
])
def test_bare_institutions_that_stand_for_many_bodies(name, many):
    assert is_one_of_many(name) is many


def test_a_list_of_bare_surnames_is_a_partnership():
    def spans(text, is_name=lambda word: True):
        return [text[start:end] for start, end in find_firm_spans(text, is_name=is_name)]

    assert spans("said Cleary, Gottlieb, Steen and Hamilton, the law firm") == ["Cleary, Gottlieb, Steen and Hamilton"]
    assert spans("an analyst at Robertson, Colman and Stephens said") == ["Robertson, Colman and Stephens"]
    # A first name before the list makes it people; places and portfolios are no surnames.
    assert spans("James Baker, Shultz and Weinberger met") == []
    assert spans("Britain, France and Italy agreed", is_name=lambda word: word not in {"Britain", "France", "Italy"}) == []


def test_a_partnership_in_an_article(extractor):
    entities = _extract(extractor, "NEW YORK, March 3 - The company was advised by the law firm of Cleary, "
                        "Gottlieb, Steen and Hamilton, it said.")
    assert "Cleary Gottlieb Steen and Hamilton" in entities.organizations, entities
    assert not {"Steen", "Hamilton", "Cleary"} & set(entities.people + entities.places), entities


def test_surnames_of_a_list_of_people_stay_people(extractor):
    entities = _extract(extractor, "WASHINGTON, March 3 - President Ronald Reagan met his advisers. Reagan, "
                        "Shultz and Weinberger agreed on the plan.")
    assert not any("Shultz" in org for org in entities.organizations), entities


@pytest.mark.parametrize(("body", "not_places", "people"), [
    pytest.param("NEW YORK, March 3 - The economy will grow, said Jerry Jordan, chief economist of First "
                 "Interstate Bancorp. Jordan said inflation would rise.", {"Jordan"}, {"Jerry Jordan"},
                 id="a-surname-like-a-country"),
    pytest.param("NEW YORK, March 3 - Laurence Tisch and his brother Preston reported losses. His brother, "
                 "Preston Tisch, reported a loss of 480,000 dlrs.", {"Preston"}, {"Preston Tisch"},
                 id="a-first-name-like-a-town"),
    pytest.param("CARACAS, March 11 - Ecuador's deputy energy minister Fernando Santos Alvite arrived here last "
                 "night for talks on further Venezuelan assistance to his country's oil industry following last "
                 "week's earthquake, officials said.\n\nSantos Alvite last night met Venezuelan energy and mines "
                 "minister Arturo Hernandez Grisanti, officials said.", {"Santos"}, set(),
                 id="a-double-surname-like-a-town"),
])
def test_a_place_name_that_is_someone_in_the_article(extractor, body, not_places, people):
    entities = _extract(extractor, body)
    assert not not_places & set(entities.places), entities
    assert people <= set(entities.people), entities


def test_a_firm_named_after_a_town_is_no_place(extractor):
    entities = _extract(extractor, "ADELAIDE, March 23 - <Delhi Petroleum Pty Ltd> said a second gas flow was "
                        "recorded at its well. The well flowed gas at 237,862 cubic metres a day, Delhi said in "
                        "a statement.")
    assert "Delhi" not in entities.places and "New Delhi" not in entities.places, entities
    assert "Delhi Petroleum" in entities.organizations, entities
    entities = _extract(extractor, "SYDNEY, March 3 - Bell Resources added 20 cents to 5.70 dlrs.")
    assert "Bell" not in entities.places, entities


def test_a_town_after_in_stays_the_town(extractor):
    entities = _extract(extractor, "PHOENIX, March 3 - Mesa Airlines Inc said traffic rose. The airline said it "
                        "would add flights from its base in Mesa.")
    assert "Mesa" in entities.places, entities


@pytest.mark.parametrize(("body", "gulf"), [
    pytest.param("KUWAIT, March 3 - Iran attacked two tankers in the Gulf, shipping sources said.",
                 "Persian Gulf", id="gulf-states"),
    pytest.param("CHICAGO, March 3 - U.S. corn export barges to the Gulf were bid higher, grain traders "
                 "said.", "U.S. Gulf", id="us-grain"),
])
def test_a_bare_gulf_is_the_gulf_of_its_story(extractor, body, gulf):
    entities = _extract(extractor, body)
    assert gulf in entities.places and "Gulf" not in entities.places, entities


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("WASHINGTON, March 3 - The U.S. sold wheat to China. The Foreign Ministry said it welcomed "
                 "the sale.", {"Chinese Foreign Ministry"}, {"U.S. Foreign Ministry"}, id="no-us-ministry"),
    pytest.param("WILMINGTON, Del., March 3 - The company sued in the District Court, it said.", set(),
                 {"U.S. District Court", "District Court"}, id="one-of-many-courts"),
    pytest.param("DHAKA, March 3 - Bangladesh Commerce Minister Abdul Munim said exports rose.", set(),
                 {"Bangladesh Commerce", "Bangladeshi Commerce"}, id="portfolio-of-a-title"),
    pytest.param("LAGOS, March 3 - Nigeria's chief of general staff, Rear-Admiral Augustus Aikhomu, said the "
                 "plan was approved.", set(), {"Rear-Admiral"}, id="a-rank"),
])
def test_institutions_read_by_their_article(extractor, body, orgs, not_orgs):
    entities = _extract(extractor, body)
    _has(entities, "organizations", orgs, not_orgs)


def test_a_general_manager_is_a_person(extractor):
    entities = _extract(extractor, "MELBOURNE, March 19 - The Australian Wheat Board (AWB) expects to sell "
                        "wheat to Japan, AWB general manager Ron Paice said.")
    assert "Ron Paice" in entities.people and "Ron Paice" not in entities.organizations, entities


def test_a_place_of_two_words_is_no_person(extractor):
    entities = _extract(extractor, "SAO PAULO, March 3 - Coffee growers in Minas Gerais said the frost "
                        "damaged trees. Oil was found in Bass Strait.")
    assert not {"Minas Gerais", "Bass Strait"} & set(entities.people), entities


def test_public_corporations_keep_their_corp():
    from searchapp.entities.orgs import strip_legal_suffix

    assert strip_legal_suffix("Federal Deposit Insurance Corp") == "Federal Deposit Insurance Corp"
    assert strip_legal_suffix("Commodity Credit Corp") == "Commodity Credit Corp"
    assert strip_legal_suffix("Chrysler Financial Corp") == "Chrysler Financial"


@pytest.mark.parametrize(("body", "places", "not_places"), [
    pytest.param("MURDOCHVILLE, Que., April 2 - Some 40 miners were trapped.", {"Quebec"}, {"Que."},
                 id="canadian-dateline"),
    pytest.param("NEW YORK, March 3 - Allied Research Inc of Salem, Ore., was sold.", {"Salem (Oregon)"},
                 {"Salem"}, id="town-named-like-a-big-city-abroad"),
    pytest.param("DETROIT, March 13 - Chrysler facilities at Newark, Del., Sterling Heights, Mich., and Warren, "
                 "Mich., will work overtime.", {"Newark (Delaware)"}, {"Newark"}, id="towns-listed-with-their-states"),
    pytest.param("ALEXANDRIA, Va., March 11 - The company will close its Alexandria plant.",
                 {"Alexandria (Virginia)"}, {"Alexandria"}, id="dateline-town-in-the-body"),
    pytest.param("Kuala lumpur rubber noon call\n\nSMR 20 Apr 245.00 246.00", {"Kuala Lumpur"}, {"Kuala"},
                 id="lower-cased-headline"),
    pytest.param("NEW YORK, June 1 - July crude futures of West Texas Intermediate traded up to 19.60 dlrs.",
                 set(), {"West Texas Intermediate"}, id="crude-grade"),
])
def test_places_by_their_form_and_dateline(extractor, body, places, not_places):
    entities = _extract(extractor, body)
    _has(entities, "places", places, not_places)


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("NEW YORK, March 3 - Dealers said U.S. Government securities prices rose.", set(),
                 {"U.S. Government"}, id="government-securities"),
    pytest.param("SYDNEY, March 3 - The one-year Australian Treasury rate rose to 14.5 pct.", set(),
                 {"Australian Treasury"}, id="a-treasury-rate"),
    pytest.param("AMSTERDAM, March 3 - The Ministry of Agriculture said farm output rose.",
                 {"Dutch Ministry of Agriculture"}, {"Netherlands Ministry of Agriculture"}, id="a-countrys-adjective"),
    pytest.param("JAKARTA, March 3 - Hardjoko Seputro, spokesman for the Mines and Energy Ministry, has said that "
                 "President Suharto agreed.", {"Indonesian Mines and Energy Ministry"},
                 {"Indonesian Energy Ministry"}, id="a-ministry-of-two-portfolios"),
    pytest.param("QUITO, March 3 - The quake damaged pumping installations, an Energy and Mines Ministry statement "
                 "said.", {"Ecuadorean Energy and Mines Ministry"}, {"Ecuadorean Mines Ministry", "Energy"},
                 id="a-ministry-of-two-portfolios-cut-in-two"),
    pytest.param("WASHINGTON, March 16 - The sale was opposed by Commerce and the U.S. Defense Department, in part on "
                 "national security grounds.", {"U.S. Defense Department"},
                 {"Commerce and the U.S. Defense Department"}, id="two-departments"),
    pytest.param("SHANGHAI, March 3 - The newspaper Wen Hui Bao said prices rose. Output at the Broussard Gas Field "
                 "fell. The General Capital Increase was approved, the Interim Committee Communique said.",
                 {"Wen Hui Bao"}, {"Broussard Gas Field", "General Capital Increase", "Interim Committee Communique"},
                 id="a-paper-a-field-a-measure-a-statement"),
    pytest.param("MINNEAPOLIS, March 3 - The syrup, commonly called HFCS-55, is most commonly used as a sweetener "
                 "in soft drinks, said Hotel Investors Trust and Hotel Investors Corp.",
                 {"Hotel Investors Trust"}, {"Hfcs-55", "HFCS-55", "Hotel Investors Trust and Hotel Investors"},
                 id="a-grade-with-its-number-and-two-firms"),
    pytest.param("TOKYO, March 3 - International Trade and Industry Minister Hajime Tamura said exports fell.",
                 set(), {"International Trade and Industry", "Trade and Industry"}, id="portfolio-title"),
    pytest.param("ISLAMABAD, March 3 - Food and Agriculture Minister Mohammad Ibrahim Baluch said cotton output "
                 "rose. The Food Department bought wheat.", {"Pakistani Food Department"},
                 {"Food and Agriculture", "Food Department"}, id="a-food-portfolio"),
    pytest.param("MANILA, March 3 - Philippines Trade and Industry Secretary Jose Concepcion said exports rose.",
                 set(), {"Philippines Trade and Industry", "Philippine Trade and Industry"},
                 id="a-countrys-portfolio-title"),
    pytest.param("LONDON, March 3 - Labour said it would oppose the budget.",
                 {"British Labour Party"}, {"British Labour"}, id="a-party-is-one-per-country"),
    pytest.param("HELSINKI, March 3 - The Social Democratic Party lost seats.", {"Finnish Social Democratic Party"},
                 {"Social Democratic Party"}, id="a-party-named-like-other-countries-parties"),
    pytest.param("WASHINGTON, April 9 - The United States has long sought Japanese action. A package was announced "
                 "by the ruling Liberal Democratic Party on the eve of Miyazawa's departure for Washington.",
                 {"Japanese Liberal Democratic Party"}, {"U.S. Liberal Democratic Party"}, id="no-us-party-of-the-name"),
    pytest.param("WASHINGTON, April 9 - Japan's Finance Minister said the yen moved as agreed in the talks in "
                 "Paris. A package was announced by the ruling Liberal Democratic Party on the eve of Miyazawa's "
                 "departure for Washington.", {"Japanese Liberal Democratic Party"},
                 {"French Liberal Democratic Party", "U.S. Liberal Democratic Party"}, id="a-party-not-a-towns"),
    pytest.param("LONDON, March 3 - A poll placed the Conservative party 13 points ahead of the Opposition Labour "
                 "Party.", {"British Labour Party"},
                 {"Opposition Labour Party", "British Opposition Labour Party"}, id="a-partys-description"),
    pytest.param("Midwest Grain Futures 10:50 Edt\n\nMAR8 -- -- MINNEAPOLIS WHEAT MAY7 3.75 JUL7 3.80",
                 set(), {"Midwest Grain Futures"}, id="table-heading"),
    pytest.param("CBT wheat futures close - Chicago Board of Trade\n\nWHEAT MAR7 2.85 MAY7 2.80 JUL7 2.62 CORN "
                 "MAR7 1.55", {"CBT"}, set(), id="table-of-an-exchange"),
])
def test_organisations_by_what_surrounds_them(extractor, body, orgs, not_orgs):
    entities = _extract(extractor, body)
    _has(entities, "organizations", orgs, not_orgs)


def test_corpus_leaves_out_a_surname_several_people_share():
    final = resolve_names((("Sullivan",), (), ()), (("John Sullivan",), (), ()), (("Mary Sullivan",), (), ()),
                    (("Lavrov",), (), ()))
    assert final[0].people == ()  # John or Mary: the name alone says neither
    assert final[3].people == ("Lavrov",)


def test_corpus_does_not_map_a_firms_first_word_to_a_person():
    final = resolve_names((("Dick Pratt",), (), ()), (("Pratt",), (), ("Pratt and Whitney",)),
                    ((), (), ("Pratt and Whitney",)), ((), (), ("Pratt and Whitney",)),
                    (("James Baker",), (), ()), (("James Baker",), (), ()), (("James Baker",), (), ()),
                    (("Baker",), (), ("Baker International",)))
    assert "Dick Pratt" not in final[1].people
    assert "James Baker" in final[7].people  # Baker International is named less often than he is


def test_corpus_maps_a_surname_with_its_particle():
    final = resolve_names((("Ronnie de Mel",), (), ()), (("De Mel",), (), ()), (("Herman De Croo",), (), ()),
                          (("de Croo",), (), ()), (("Ronnie de Mel",), (), ()), (("Herman De Croo",), (), ()))
    assert final[1].people == ("Ronnie de Mel",) and final[3].people == ("Herman De Croo",)
    # NER's ORG for the surname opening a sentence ("Du Plessis said"); not a firm's first words
    final = resolve_names(*[(("Barend du Plessis", "Pierre du Pont"), (), ())] * 5, ((), (), ("Du Plessis",)),
                          ((), (), ("Du Pont",)), ((), (), ("Du Pont Co of Canada",)))
    assert final[5].people == ("Barend du Plessis",) and final[5].organizations == ()
    assert final[6].organizations == ("Du Pont",)


def test_names_after_a_title_are_recorded(extractor):
    mentions = next(extractor.analyse(["JAKARTA, March 3 - President Suharto said Oil Minister Subroto would "
                                       "attend. Soft wheat prices rose."]))
    assert {"Suharto", "Subroto"} <= set(mentions.titled) and "Soft" not in mentions.titled
    assert set(mentions.titled) <= set(mentions.people)
    assert type(mentions).from_json(mentions.to_json()) == mentions


def test_corpus_keeps_a_lone_word_as_a_person_only_with_a_title():
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(people=("Suharto",)), Entities(people=("Suharto",)), Entities(people=("Euroclear",)),
             Entities(people=("Euroclear",))]
    maps = CorpusMaps.build(local, titled=[("Suharto",), (), (), ()])
    assert [maps.apply(e).people for e in local] == [("Suharto",), ("Suharto",), (), ()]
    # Without such evidence (titled=None) lone words are left as they were.
    assert CorpusMaps.build(local).apply(local[2]).people == ("Euroclear",)


def test_corpus_memory_counts_titles_as_the_pure_function_does():
    from searchapp.corpus_memory import CorpusMemory, Known
    from searchapp.entities.corpus import CorpusMaps
    from searchapp.rules import NO_RULES

    local = {"a": (Entities(people=("Subroto",)), ("Subroto",)), "b": (Entities(people=("Subroto",)), ()),
             "c": (Entities(people=("Gilbey",)), ())}
    memory = CorpusMemory()
    for article_id, (ents, titled) in local.items():
        memory.add(article_id, Known(ents, (), ents, (), titled))
    memory.build_maps(NO_RULES)
    pure = CorpusMaps.build([e for e, _ in local.values()], titled=[t for _, t in local.values()])
    assert all(memory.maps.apply(e) == pure.apply(e) for e, _ in local.values())
    assert memory.maps.apply(local["b"][0]).people == ("Subroto",)
    memory.remove("a")  # the only title goes: "Subroto" alone is no longer known as a person
    changed = memory.build_maps(NO_RULES)
    assert ("person", "Subroto") in changed and memory.maps.apply(local["b"][0]).people == ()


@pytest.mark.parametrize(("body", "orgs", "not_orgs", "places"), [
    pytest.param("LONDON, March 3 - Entry depended on the strength of the U.K. Economy, she said. A major U.S. "
                 "Computer and semiconductor maker was sold, U.S. Officials said.", set(),
                 {"U.K. Economy", "U.S. Computer", "U.S. Officials"}, {"United Kingdom", "United States"},
                 id="the-wire-capitalises-after-us"),
    pytest.param("NEW YORK, March 3 - U.S. Steel said it would cut jobs, and the New York Stock Exchange "
                 "halted trading.", {"U.S. Steel", "New York Stock Exchange"}, set(), set(), id="names-stay"),
    pytest.param("MOSCOW, March 3 - The State Department said the Soviet proposal was welcome.",
                 {"U.S. State Department"}, {"Soviet State Department", "Russian State Department"}, set(),
                 id="the-only-state-department"),
    pytest.param("LONDON, March 3 - The High Court ruled against the union.", {"British High Court"}, set(),
                 set(), id="one-high-court-per-country"),
])
def test_capitalised_nouns_and_unique_bodies(extractor, body, orgs, not_orgs, places):
    entities = _extract(extractor, body)
    _has(entities, "organizations", orgs, not_orgs)
    assert places <= set(entities.places), entities


def test_a_nationality_tagged_as_a_place_is_its_country():
    from searchapp.entities.place_spans import place_name

    assert place_name("Kuwaiti") == "Kuwait" and place_name("Tokyo") == "Tokyo"


@pytest.mark.parametrize(("body", "places", "not_places"), [
    pytest.param("BLUEFIELD, W. Va., March 16 - Bluefield Supply Co said it would pay.",
                 {"Bluefield (West Virginia)", "West Virginia"}, {"W. Va."}, id="dateline-w-va"),
    pytest.param("OLD TOWN, Me., March 3 - Penobscot Shoe Co said net rose.", {"Maine"}, {"Me."},
                 id="dateline-maine"),
    pytest.param("CHARLOTTE, N.C., March 3 - Overnight service starts in the Carolinas, Georgia, Tennessee and "
                 "Virginia.", {"Georgia", "Tennessee", "Virginia"}, {"Georgia (Tennessee)", "Carolinas (Georgia)"},
                 id="a-list-of-states-is-no-town-and-state"),
])
def test_states_in_datelines_and_lists(extractor, body, places, not_places):
    entities = _extract(extractor, body)
    _has(entities, "places", places, not_places)


def test_papers_and_bodies_named_after_a_place_stay_names(extractor):
    entities = _extract(extractor, "NEW YORK, March 3 - The New York Times and the China Daily reported that the "
                        "Paris Club and the U.S. Embassy agreed.")
    assert {"New York Times", "China Daily", "Paris Club"} <= set(entities.organizations), entities


def test_a_firm_named_with_its_legal_form_once_is_that_firm_throughout(extractor):
    entities = _extract(extractor, "HONG KONG, March 2 - Cheung Kong (Holdings) Ltd <CKGH.HK> expects strong "
                        "results. Cheung Kong's earnings rose to 1.28 billion dlrs. Cheung Kong is cash rich.")
    assert "Cheung Kong" in entities.organizations and "Cheung Kong" not in entities.places, entities


def test_corpus_makes_an_unknown_place_that_is_a_surname_that_person():
    final = resolve_names((("Clayton Yeutter",), (), ()), (("Clayton Yeutter",), (), ()), ((), ("Yeutter",), ()))
    assert final[2].places == () and final[2].people == ("Clayton Yeutter",)


def test_months_and_party_tags_are_no_places(extractor):
    entities = _extract(extractor, "WASHINGTON, March 3 - Senator Robert Dole (R-Kans.) said the Jul contract "
                        "would be cut, and Rep. Dan Glickman (D-Kans.) agreed.")
    assert not {"Jul", "D-Kans.", "R-Kans."} & set(entities.places), entities


def test_a_kept_legal_form_is_spelled_one_way_and_trade_terms_are_no_names():
    from searchapp.entities.orgs import strip_legal_suffix

    assert strip_legal_suffix("Federal Deposit Insurance Corporation") == "Federal Deposit Insurance Corp"
    assert clean_org("ANS CIF L.A") is None and clean_org("CIF Euro") is None


def test_firms_of_two_names_joined_by_and(extractor):
    entities = _extract(extractor, "NEW YORK, April 1 - The group competes with Bausch and Lomb in contact "
                        "lenses, and Johnson and Johnson said sales rose.")
    assert {"Bausch and Lomb", "Johnson and Johnson"} <= set(entities.organizations), entities
    assert not {"Bausch", "Lomb", "Johnson"} & set(entities.organizations + entities.people), entities
    entities = _extract(extractor, "WASHINGTON, March 3 - Reagan and Baker met today.")
    assert entities.organizations == (), entities


def test_places_after_a_title_word_are_no_people(extractor):
    entities = _extract(extractor, "HALIFAX, March 3 - Potato farmers on Prince Edward Island said prices fell, "
                        "and the Myra Falls mine closed.")
    assert {"Prince Edward Island", "Myra Falls"} <= set(entities.places), entities
    assert not {"Edward Island", "Myra Falls"} & set(entities.people), entities


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("Japan's Fujitsu <ITSU.T> Sees Loss\n\nTOKYO, March 3 - Fujitsu Ltd said it expected a loss after "
                 "South Korea protested, and the Foreign Ministry said it regretted the move.",
                 {"Fujitsu"}, {"Japan's Fujitsu"}, id="headline-owner"),
    pytest.param("HONG KONG, March 3 - The Hong Kong and Shanghai Banking Corp said profits rose. A U.S. Senate "
                 "Committee heard testimony.", {"Hong Kong and Shanghai Banking"},
                 {"Shanghai Banking", "U.S. Senate Committee"}, id="a-firm-cut-at-and-a-generic-committee"),
    pytest.param("LONDON, March 3 - The U.K. Property company said rents rose.", set(), {"U.K. Property"},
                 id="place-and-noun-before-a-noun"),
])
def test_more_organisations_by_their_article(extractor, body, orgs, not_orgs):
    entities = _extract(extractor, body)
    _has(entities, "organizations", orgs, not_orgs)


def test_compass_words_and_districts_are_no_places(extractor):
    entities = _extract(extractor, "CHICAGO, March 3 - A judge in the Northern District ruled, and sales in the "
                        "Northeast rose.")
    assert "Northern District" not in entities.places, entities


def test_corpus_makes_a_small_town_named_like_a_frequent_person_that_person():
    final = resolve_names((("Hajime Tamura",), (), ()), (("Hajime Tamura",), (), ()), ((), ("Tamura",), ()),
                    ((), ("Houston",), ()), (("Whitney Houston",), (), ()), (("Whitney Houston",), (), ()))
    assert final[2].people == ("Hajime Tamura",) and final[2].places == ()
    assert final[3].places == ("Houston",)  # a big city stays the city


def test_corpus_makes_a_known_place_it_names_as_a_place_more_often_that_place():
    final = resolve_names(((), ("Entre Ríos",), ()), ((), (), ("Entre Rios",)), ((), (), ("Bank of Entre Rios",)),
                          ((), ("Holt",), ()), ((), ("Holt",), ()), ((), (), ("Holt",)),
                          ((), (), ("Holt Rinehart and Winston",)),
                          ((), ("Santa Fe",), ()), ((), (), ("Santa Fe",)), ((), (), ("Santa Fe",)))
    assert final[1].places == ("Entre Ríos",) and final[1].organizations == ()
    assert final[5].organizations == ("Holt",)  # the opening of a longer body's name stays that body's
    assert final[8].organizations == ("Santa Fe",)  # named as a body more often than as a place
    final = resolve_names(((), ("Princeton",), ()), ((), ("Princeton (Indiana)",), ("Princeton",)))
    assert final[1].places == ("Princeton (Indiana)",) and final[1].organizations == ()  # one town


def test_an_acronym_the_story_names_as_a_body_is_no_place(extractor):
    entities = _extract(extractor, "Yield Falls on 30-Day SAMA Deposits\n\nBAHRAIN, March 7 - The yield on 30-day "
                        "bankers security deposits issued this week by the Saudi Arabian Monetary Agency (SAMA) fell. "
                        "SAMA offers a total of 1.9 billion riyals each week.")
    _has(entities, "places", {"Bahrain"}, {"Sanya"})
    entities = _extract(extractor, "CHICAGO Board of Trade Deliverable Grain Stocks\n\nApril 7 - as of Friday, April 3 "
                        ", 1986.\n\n"
                        "WHEAT - 2,602,000 bushels including 1,647,000 in CHICAGO and 955,000 in TOLEDO.\n\nCORN - "
                        "26,620,000 bushels including 11,502,000 in CHICAGO, 14,478,000 in TOLEDO and 640,000 in ST "
                        "LOUIS.\n\nSOYBEANS - 1,879,000 bushels including 254,000 in CHICAGO and 1,625,000 in TOLEDO.\n\nOATS - "
                        "871,000 bushels including zero in CHICAGO and 871,000 in MINNEAPOLIS.")
    assert "Toledo" in entities.places, entities  # a shouted report's town, whatever NER calls it once


def test_a_known_place_after_a_place_noun_is_that_place(extractor):
    _has(_extract(extractor, "ABIDJAN, March 3 - The meeting will be held in the country's capital Yamoussoukro "
                  "between March 19-22, senior Ivorian delegates said."), "places", {"Yamoussoukro"})
    _has(_extract(extractor, "ABIDJAN, March 3 - A meeting held in Ivory Coast's inland capital, Yamoussoukro, "
                  "last month stressed the need for growth."), "places", {"Yamoussoukro"})


def test_codes_in_a_tables_rows_are_no_organisations(extractor):
    entities = _extract(extractor, "N.Y. Money Opening - Apr 7\n\nFED FUNDS OPG 6-1/4 6-5/16\n\nTREASURY BILLS "
                        "3 MOS 5.62 6 MOS 5.78 OPG 5.80")
    assert "OPG" not in entities.organizations, entities


@pytest.mark.parametrize(("body", "orgs", "not_orgs", "places", "not_places"), [
    pytest.param("TOKYO, March 3 - U.S. firm Allis-Chalmers said sales rose, and Robert Maxwell's British Printing "
                 "and Communications Corp bid for Maple Leaf Mills Ltd of Toronto.",
                 {"Allis-Chalmers", "British Printing and Communications", "Maple Leaf Mills"},
                 {"U.S. Allis-Chalmers", "Robert Maxwell's British Printing and Communications",
                  "Maple Leaf Mills Ltd of Toronto"}, set(), set(), id="owners-and-seats-are-no-part-of-a-name"),
    pytest.param("WASHINGTON, March 3 - U.S. exports to Japan rose, the Commerce Department said.",
                 {"U.S. Commerce Department"}, {"Japanese Commerce Department"}, set(), set(),
                 id="a-portfolio-department-is-american"),
    pytest.param("HOUSTON, April 3 - Mesa <MOS> said it received its first cash distribution.", {"Mesa"}, set(),
                 set(), {"Mesa"}, id="a-firm-with-its-ticker-is-no-town"),
    pytest.param("ST. JOHN'S, Newfoundland, March 3 - Fishermen in St. John's protested.", set(), set(),
                 {"St. John's"}, {"St. John"}, id="a-saints-possessive-is-the-name"),
])
def test_names_with_owners_seats_and_possessives(extractor, body, orgs, not_orgs, places, not_places):
    entities = _extract(extractor, body)
    _has(entities, "organizations", orgs, not_orgs)
    _has(entities, "places", places, not_places)


def test_corpus_gives_a_name_back_its_possessive():
    final = resolve_names(((), (), ("Standard and Poor's",)), ((), (), ("Standard and Poor's",)),
                    ((), (), ("Standard and Poor",)))
    assert final[2].organizations == ("Standard and Poor's",)


def test_congress_in_a_story_naming_the_us_is_the_us_congress(extractor):
    entities = _extract(extractor, "PEKING, March 3 - China urged the U.S. to lift curbs, saying Congress was "
                        "to blame.")
    assert "U.S. Congress" in entities.organizations and "Chinese Congress" not in entities.organizations, entities


def test_an_article_defines_the_acronyms_of_its_bodies():
    from searchapp.entities.mentions import defined_acronyms

    text = ("The European Community (EC) and General Motors Corp (GM) met. FMC Corp (FMC) agreed, and the "
            "Brazilian Coffee Institute (IBC) did not. Chrysler Corp (NYSE) rose, said McCarthy, Crisanti and "
            "Maffei Inc (MCM).")
    assert defined_acronyms(text, ["European Community", "General Motors", "FMC", "Brazilian Coffee Institute",
                                   "Chrysler", "McCarthy Crisanti and Maffei"]) == (
        ("EC", "European Community"), ("GM", "General Motors"), ("IBC", "Brazilian Coffee Institute"),
        ("MCM", "McCarthy Crisanti and Maffei"))


def test_corpus_reads_an_acronym_as_the_body_articles_define_it_for():
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(organizations=("European Community",)), Entities(organizations=("EC",)),
             Entities(organizations=("European Community",)),
             Entities(organizations=("Ford Motor",)), Entities(organizations=("Ford Motor",)),
             Entities(organizations=("FMC",)), Entities(organizations=("FMC",)),
             Entities(organizations=("Federal Bureau of Investigation",)),
             Entities(organizations=("Federal Bureau of Investigation",)), Entities(organizations=("FBI",)),
             Entities(organizations=("Irving Bank",)), Entities(organizations=("Irving Bank",)),
             *[Entities(organizations=("Brazilian Coffee Institute",))] * 3, Entities(organizations=("IBC",))]
    acronyms = [(("EC", "European Community"),), (), (), (), (), (), (), (), (), (), (), (),
                *[(("IBC", "Brazilian Coffee Institute"),)] * 3, ()]
    surfaces = [()] * 6 + [(("org", "FMC", "FMC Corp", 1),)] + [()] * 9  # "FMC Corp": a firm's own name
    maps = CorpusMaps.build(local, surfaces=surfaces, acronyms=acronyms)
    assert maps.apply(local[1]).organizations == ("European Community",)  # defined by an article
    assert maps.apply(local[5]).organizations == ("FMC",)  # its initials, but FMC Corp is no Ford Motor Co
    assert maps.apply(local[9]).organizations == ("Federal Bureau of Investigation",)  # by its initials
    assert maps.apply(local[-1]).organizations == ("Brazilian Coffee Institute",)  # defined, not Irving Bank
    assert CorpusMaps.build(local, surfaces=surfaces).apply(local[-1]).organizations == ("Irving Bank",)  # no evidence


def test_an_acronym_an_article_defines_is_what_it_defines_there():
    from searchapp.entities.corpus import CorpusMaps, final_mentions

    hungary = Entities(organizations=("NBH", "National Bank of Hungary"))
    broken_hill = Entities(organizations=("NBH", "North Broken Hill Holdings"))
    local = [hungary] * 3 + [broken_hill, Entities(organizations=("NBH",))]
    acronyms = [(("NBH", "National Bank of Hungary"),)] * 3 + [(("NBH", "North Broken Hill Holdings"),), ()]
    maps = CorpusMaps.build(local, acronyms=acronyms)
    assert maps.apply(local[0], acronyms[0]).organizations == ("National Bank of Hungary",)
    assert maps.apply(local[3], acronyms[3]).organizations == ("North Broken Hill Holdings",)  # its own definition
    assert maps.apply(local[3]).organizations == ("National Bank of Hungary", "North Broken Hill Holdings")
    assert maps.apply(local[4], acronyms[4]).organizations == ("National Bank of Hungary",)  # the corpus's reading
    surfaces = (("org", "NBH", "NBH", 2), ("org", "North Broken Hill Holdings", "North Broken Hill Holdings Ltd", 1))
    assert final_mentions(maps, maps.apply(local[3], acronyms[3]), surfaces, acronyms[3]) == (
        ("org", "North Broken Hill Holdings", 3, ("NBH", "North Broken Hill Holdings Ltd")),)
    # a definition the article does not name as a body, or two for one acronym, change nothing
    assert maps.apply(Entities(organizations=("NBH",)), (("NBH", "North Broken Hill Holdings"),)).organizations == (
        "National Bank of Hungary",)
    # a definition that is the corpus's reading with a word more at either end keeps the corpus's
    ruling = Entities(organizations=("NBH", "Ruling National Bank of Hungary"))
    assert maps.apply(ruling, (("NBH", "Ruling National Bank of Hungary"),)).organizations == (
        "National Bank of Hungary", "Ruling National Bank of Hungary")
    two = Entities(organizations=("NBH", "North Broken Hill Holdings", "Norgold"))
    assert maps.apply(two, (("NBH", "North Broken Hill Holdings"), ("NBH", "Norgold"))).organizations == (
        "National Bank of Hungary", "Norgold", "North Broken Hill Holdings")


def test_a_ticker_between_a_name_and_its_acronym_still_defines_it():
    from searchapp.entities.mentions import defined_acronyms

    assert defined_acronyms("MELBOURNE, March 12 - North Broken Hill Holdings Ltd <NBHA.ME> (NBH) said it will "
                            "offer shares.", ["North Broken Hill Holdings"]) == (("NBH", "North Broken Hill Holdings"),)


def test_an_acronym_after_a_dash_in_the_wires_angle_brackets_is_defined_whatever_its_letters():
    from searchapp.entities.mentions import defined_acronyms

    text = ("ROME, March 5 - State-owned food company <Societa Meridionale Finanziaria Spa - SME> is discussing "
            "joint ventures, a spokesman for <Istituto Per La Ricostruzioni Industriale - IRI>, which controls SME, "
            "said. Unilever - UL> is no definition of a name the text does not bracket.")
    assert defined_acronyms(text, ["Societa Meridionale Finanziaria", "Istituto Per La Ricostruzioni Industriale",
                                   "Unilever"]) == (("IRI", "Istituto Per La Ricostruzioni Industriale"),
                                                    ("SME", "Societa Meridionale Finanziaria"))


def test_an_acronym_of_a_firms_initials_and_its_legal_form_is_that_firm_where_the_text_writes_both():
    from searchapp.entities.mentions import defined_acronyms

    text = ("WASHINGTON, April 9 - Larry Makovich, director at Data Resources Inc, said gas would gain. Makovich "
            "of DRI noted the decline. Ford Motor Co and FMC Corp bid.")
    # "FMC Corp": a firm of its own, whatever the initials of "Ford Motor Co" spell
    assert defined_acronyms(text, ["Data Resources", "DRI", "Ford Motor", "FMC"]) == (("DRI", "Data Resources"),)
    # a hyphenated word gives each part's initial: Amsterdam-Rotterdam Bank NV is no ABN
    assert defined_acronyms("AMSTERDAM, April 8 - Amsterdam-Rotterdam Bank NV and ABN bank underwrite it.",
                            ["Amsterdam-Rotterdam Bank", "ABN"]) == ()


def test_corpus_gives_a_name_cut_before_its_and_the_longer_name():
    final = resolve_names(((), (), ("American Telephone",)), ((), (), ("American Telephone and Telegraph",)),
                          ((), (), ("American Telephone and Telegraph",)),
                          ((), (), ("Dime Savings",)), ((), (), ("Dime Savings and Loan of Beloit",)),
                          ((), (), ("Dime Savings and Loan of Ohio",)))
    assert final[0].organizations == ("American Telephone and Telegraph",)
    assert final[3].organizations == ("Dime Savings",)  # the start of several longer names: as it is
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(organizations=("Rochester Gas",)), Entities(organizations=("Rochester Gas and Electric",)),
             Entities(organizations=("Rochester Gas and Electric",))]
    surfaces = [(("org", "Rochester Gas", "Rochester Gas Co", 1),), (), ()]
    assert CorpusMaps.build(local, surfaces=surfaces).apply(local[0]).organizations == ("Rochester Gas",)  # its own Co


def test_corpus_gives_a_cut_full_name_its_last_word():
    final = resolve_names((("Leon Febres",), (), ()), (("Leon Febres Cordero",), (), ()), (("John Paul",), (), ()),
                    (("John Paul II",), (), ()), (("John Paul Stevens",), (), ()))
    assert final[0].people == ("Leon Febres Cordero",)
    assert final[2].people == ("John Paul",)  # two fuller names: neither


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("NEW YORK, March 3 - Sun Co's Sun Refining and Marketing Co raised prices, and Nova, An "
                 "Alberta Corp, said sales rose.", {"Sun Refining and Marketing", "Nova"},
                 {"Sun Co's Sun Refining and Marketing", "Alberta Corp", "An Alberta"}, id="possessive-and-description"),
    pytest.param("WILMINGTON, Del., March 3 - The U.S. Bankruptcy Court approved the plan. Prices of Exchequer "
                 "stock fell.", set(), {"U.S. Bankruptcy Court", "Exchequer", "British Exchequer"},
                 id="generic-courts-and-government-stock"),
    pytest.param("NEW HAVEN, Conn., March 3 - The Superior Court in New Haven ruled for the company, and the Quebec "
                 "Superior Court and a Circuit Court did not.", {"Quebec Superior Court"},
                 {"Superior Court", "U.S. Superior Court", "Circuit Court", "U.S. Circuit Court"},
                 id="a-states-courts-of-many"),
])
def test_organisations_by_their_form_again(extractor, body, orgs, not_orgs):
    entities = _extract(extractor, body)
    _has(entities, "organizations", orgs, not_orgs)


@pytest.mark.parametrize(("body", "places", "not_places"), [
    pytest.param("PORT OF SPAIN, March 3 - Trinidad and Tobago devalued its dollar.", {"Trinidad and Tobago"},
                 {"Trinidad", "Tobago"}, id="a-country-of-two-names"),
    pytest.param("DES MOINES, Ia., March 3 - Farmers said, and U.S./Japan trade talks resumed.",
                 {"Iowa", "United States", "Japan"}, {"Ia.", "U.S./Japan"}, id="iowa-and-a-pair"),
])
def test_places_joined_and_split(extractor, body, places, not_places):
    entities = _extract(extractor, body)
    _has(entities, "places", places, not_places)


def test_corpus_does_not_take_a_glued_word_for_a_surname():
    final = resolve_names((("Elizabeth Warren",), (), ()), (("Elizabeth Warren Image",), (), ()),
                          (("Kamala Harris",), (), ()), (("Kamala Harris Image",), (), ()),
                          (("Leon Febres",), (), ()), (("Leon Febres Cordero",), (), ()))
    assert final[0].people == ("Elizabeth Warren",) and final[2].people == ("Kamala Harris",)
    assert final[4].people == ("Leon Febres Cordero",)


@pytest.mark.parametrize(("body", "places", "not_places", "orgs"), [
    pytest.param("Sterling <STY> seeks Fda Approval\n\nNEW YORK, March 19 - Sterling Drug Inc said it filed "
                 "an application for a drug to treat heart failure. Sterling said the studies were done.",
                 {"New York"}, {"Sterling"}, {"Sterling Drug"}, id="a-firm-named-with-a-word-the-story-uses"),
    pytest.param("Hamilton Oil <HAML> says reserves Rise\n\nDENVER, March 9 - Hamilton Oil Corp said reserves of "
                 "oil and gas rose 10 pct.", {"Denver"}, {"Hamilton"}, {"Hamilton Oil"}, id="oil-firm"),
    pytest.param("SYDNEY, March 9 - The ship berthed at the port of Geelong in Victoria to load wheat, "
                 "which might better be shipped to Portland or Geelong, the board said.",
                 {"Geelong"}, set(), set(), id="a-town-by-where-it-stands"),
    pytest.param("BONN, March 24 - Seven people were treated in hospitals in the Moenchengladbach area. "
                 "Georgia-Pacific Corp sold its interest in <Georgia Gulf Corp> and sold shares of Georgia Gulf.",
                 {"Mönchengladbach"}, {"Georgia Gulf"}, {"Georgia Gulf"}, id="area-and-a-firm-not-a-place"),
    pytest.param("LONDON, June 4 - Delegates met at the ICO in London and sent a note to the U.N.",
                 {"London"}, {"Icó", "Un"}, set(), id="an-acronym-after-at-is-no-town"),
])
def test_places_and_firms_by_their_whole_article(extractor, body, places, not_places, orgs):
    entities = _extract(extractor, body)
    _has(entities, "places", places, not_places)
    _has(entities, "organizations", orgs, {"Geelong", "Mönchengladbach", "Moenchengladbach"})


def test_a_table_of_currencies_names_no_place():
    from searchapp.entities.tables import find_tables, table_places

    currencies = ("HELSINKI, April 1 - Weights in percentages.\n\nDollar 9.0 (8.8)\n\nSterling 14.3 (13.8)\n\n"
                  "Swedish crown 20.4 (20.6)\n\nNorwegian crown 5.2 (5.2)\n\nGerman mark 19.3 (19.6)")
    assert table_places(currencies, find_tables(currencies), lambda word: False) == []
    ports = "Loadings 3.04 2.98 1.20\n\nPortland 1.50 1.40\n\nDuluth 2.10 2.00\n\nSeattle 1.10 1.00"
    assert set(table_places(ports, find_tables(ports), lambda word: False)) == {"Portland", "Duluth", "Seattle"}


@pytest.mark.parametrize(("body", "places"), [
    pytest.param("<Oshawa Group Ltd> 4th Qtr Net\n\nToronto, March 20 - Shr 52 cts vs 51 cts\n\nNet 16.5 mln vs "
                 "16.2 mln\n\nRevs 870.2 mln vs 800.7 mln", {"Toronto"}, id="title-case-dateline"),
    pytest.param("Wyle Labs <WYL> to issue Debentures in Europe\n\nEL SEGUNDO, Calif., March 18 - Wyle "
                 "Laboratories said it is issuing debentures.", {"Europe", "El Segundo"},
                 id="a-continent-in-a-headline"),
    pytest.param("FRANKFURT, April 1 - Lufthansa carried 1.3 mln passengers on North Atlantic routes. Freight "
                 "over the Atlantic rose seven pct.", {"Atlantic", "North Atlantic"}, id="oceans"),
])
def test_datelines_continents_and_oceans(extractor, body, places):
    _has(_extract(extractor, body), "places", places)


def test_regions_are_known_places_without_a_country():
    from searchapp.entities.places import canonical_place, country_of, is_region

    for text, name in [("Atlantic Ocean", "Atlantic"), ("the Mediterranean", "Mediterranean"),
                       ("Asia", "Asia"), ("Europe", "Europe"), ("South-East Asia", "Southeast Asia")]:
        assert canonical_place(text) == name and is_region(name) and country_of(name) is None
    assert not is_region("Paris") and country_of("Paris") == "France"


def test_corpus_keeps_an_ocean_that_a_firm_is_named_after():
    final = resolve_names(((), ("Atlantic",), ()), ((), (), ("Atlantic",)), ((), (), ("Atlantic",)),
                          ((), (), ("Atlantic",)))
    assert final[0].places == ("Atlantic",)


def test_a_person_a_legal_form_follows_is_a_firm(extractor):
    entities = _extract(extractor, "Norsk Hydro Issues Bonds\n\nLondon, March 11 - Norsk Hydro A/S <NHY.O> is "
                                   "issuing bonds, said Hambros Bank Ltd. Norsk Hydro is 51 pct owned by Norway. "
                                   "Ivan F. Boesky and Co said it sold shares.")
    _has(entities, "organizations", {"Norsk Hydro"})
    assert "Norsk Hydro" not in entities.people and "London" in entities.places


def test_corpus_drops_a_lone_first_name_that_firms_also_start_with():
    final = resolve_names((("David",), (), ()), (("David Smith",), (), ()), (("David Brown",), (), ()),
                          ((), (), ("David Jones",)), ((), (), ("David Jones",)), ((), (), ("David Sassoon",)))
    assert (final[0].people, final[0].organizations) == ((), ())


def test_a_town_is_not_named_by_the_word_before_its_geographic_noun():
    from searchapp.entities.places import canonical_place

    assert canonical_place("Gold") is None and canonical_place("Gold Coast") == "Gold Coast"
    assert canonical_place("Acapulco") == canonical_place("Acapulco de Juárez")


@pytest.mark.parametrize(("text", "parts"), [
    ("Merrill Lynch Capital Markets and Salomon Brothers", ["Merrill Lynch Capital Markets", "Salomon Brothers"]),
    ("Minnesota Power and Light", ["Minnesota Power and Light"]),
    ("Victor Federal Savings and Loan Association", ["Victor Federal Savings and Loan Association"]),
    ("Hudson Bay Mining and Smelting", ["Hudson Bay Mining and Smelting"]),
    ("Texas Oil and Gas", ["Texas Oil and Gas"]),
    ("Wagner and Brown and AFG Industries", ["Wagner and Brown", "AFG Industries"]),
    ("Wagner and Brown and AFG Industries INc.", ["Wagner and Brown", "AFG Industries INc."]),
    ("Bond Corp Holdings Ltd", ["Bond Corp Holdings Ltd"]),
    ("Hotel Investors Trust and Hotel Investors Corp", ["Hotel Investors Trust", "Hotel Investors Corp"]),
    ("Federal Savings and Loan Insurance Corp", ["Federal Savings and Loan Insurance Corp"]),
    ("First Security Bank and Trust Co", ["First Security Bank and Trust Co"]),
    ("Ways and Means and Energy Committee", ["Ways and Means and Energy Committee"]),
])
def test_two_firms_joined_by_and_each_ending_like_a_firm(text, parts):
    assert split_firms(text) == parts


@pytest.mark.parametrize(("text", "parts"), [
    ("Swiss Bank Corp Int Holland", ["Swiss Bank Corp Int Holland"]),
    ("Monsanto Chemical Co Europe-Africa", ["Monsanto Chemical Co Europe-Africa"]),
    ("Texaco Inc Chevron Corp", ["Texaco Inc", "Chevron Corp"]),
    ("Texaco Inc Int Chevron Corp", ["Texaco Inc", "Int Chevron Corp"]),
    ("Swiss Bank Corp Int", ["Swiss Bank Corp Int"]),
    ("Exxon Co USA", ["Exxon Co USA"]),  # not "USA", the United Steelworkers of America's acronym
    ("Swiss Bank Corp International Asia Inc", ["Swiss Bank Corp International Asia Inc"]),  # the unit's own form
    ("Hudson's Bay Co Canada Development Corp", ["Hudson's Bay Co", "Canada Development Corp"]),
    ("Berliner Bank AG Berlin", ["Berliner Bank AG", "Berlin"]),  # a firm and its town
    ("Forsakrings AB Skandia", ["Forsakrings AB Skandia"]),  # the Swedish "AB" after a name's first word
    ("Volvo AB Saab-Scania AB", ["Volvo AB", "Saab-Scania AB"]),  # two firms, each with its legal form
    ("Telefon AB L.M", ["Telefon AB", "L.M"]),  # NER's span cut at the initials' dot: no name after "AB"
    ("Kenya AB FAQ", ["Kenya AB", "FAQ"]),  # a coffee grade's codes
    ("Texaco Inc Texaco Canada Inc", ["Texaco Inc", "Texaco Canada Inc"]),
    ("McDonald and Co Investments Inc", ["McDonald and Co Investments Inc"]),  # "and Co" goes on
    ("McDonald and Co Investments", ["McDonald and Co Investments"]),
    ("Goldman Sachs and Co Salomon Brothers Inc", ["Goldman Sachs and Co", "Salomon Brothers Inc"]),
])
def test_a_region_after_a_legal_form_names_the_firms_unit(text, parts):
    assert split_firms(text) == parts


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("NEW YORK, March 3 - Audio/Video Affiliates Inc said sales rose.", {"Audio/Video Affiliates"},
                 {"Video Affiliates"}, id="a-name-with-a-slash"),
    pytest.param("NEW YORK, March 3 - Cray said sales of U.S. Super-computers rose, and Control Data Corp agreed.",
                 {"Control Data"}, {"U.S. Super"}, id="the-start-of-a-hyphenated-word"),
])
def test_organisations_cut_at_a_slash_or_hyphen(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


def test_names_with_a_slash():
    assert clean_org("Royal Dutch/Shell Group") == "Royal Dutch/Shell Group"
    assert clean_org("U.S./USSR") is None and clean_org("Texaco/Pennzoil") is None


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("WASHINGTON, March 3 - The USDA offered wheat under the Export Enhancement Program (EEP), and the "
                 "EEP bonus rose. The Office of Management and Budget and the National Commission on Dairy Policy "
                 "objected, as did EC farm ministers under the Common Agricultural Policy.",
                 {"Office of Management and Budget", "National Commission on Dairy Policy"},
                 {"Export Enhancement Program", "EEP", "Common Agricultural Policy"}, id="programmes-and-policies"),
    pytest.param("LONDON, April 27 - The Sixth International Tin Agreement, ITA, has been extended, after the "
                 "collapse of the International Tin Agreement (ITA) buffer stock.", set(),
                 {"ITA", "International Tin Agreement"}, id="a-pact-and-its-acronym"),
])
def test_programmes_laws_and_policies_are_no_bodies(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


def test_an_acronym_after_a_role_word_is_no_person(extractor):
    entities = _extract(extractor, "SYDNEY, April 8 - Resources leader BHP closed 15 cents down. Prime Minister "
                                   "Bob Hawke said nothing.")
    assert "Bhp" not in entities.people and "BHP" not in entities.people
    shouted = _extract(extractor, "Today in Washington\n\nBUNDESBANK PRESIDENT POEHL AT GERMAN AFFAIRS GROUP ON "
                                  "INTL TRADE.\n\nThe group meets at noon.")
    assert "Poehl" in shouted.people  # a shouted line: the role word is upper case too


def test_a_surname_after_particles_that_ner_cut(extractor):
    entities = _extract(extractor, "EINDHOVEN, March 3 - Philips president Cor van der Klugt said sales rose. "
                                   "Cor van der Klugt added that Philips would grow.")
    _has(entities, "people", {"Cor van der Klugt"}, {"Cor", "Cor der Klugt"})


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("STRASBOURG, March 11 - Jacques Delors told the European Parliament of the plan. The Parliament "
                 "later registered its support.", {"European Parliament"}, {"French Parliament"},
                 id="a-bare-body-the-article-names-in-full"),
    pytest.param("TOKYO, April 3 - France and Britain joined the talks. The budget passes the Parliament in May, "
                 "officials said.", {"Japanese Parliament"}, {"French Parliament", "British Parliament"},
                 id="a-parliament-is-the-datelines"),
    pytest.param("WASHINGTON, April 3 - Treasury Secretary James Baker said the White House and the House "
                 "agreed.", {"U.S. Treasury", "U.S. House", "White House"}, set(), id="not-the-white-house"),
    pytest.param("LONDON, April 3 - The Treasury said gilts rose. Dealers said the U.S. Treasury auction weighed.",
                 {"British Treasury"}, set(), id="the-full-name-must-come-first"),
])
def test_bare_institutions_by_their_article(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


@pytest.mark.parametrize("body", [
    "TOKYO, April 8 - \"He is still the president and has the sales tax weapon,\" said Rei Shiratori, professor "
    "of political science at Dokkyo University.",
    "WASHINGTON, March 23 - The European representative on the task force, Herve de Carmoy, chief executive "
    "international for Midland Bank, agreed.",
    "TOKYO, March 24 - \"The market is becoming very political,\" said Natsuo Okada of Sumitomo Bank Ltd.",
])
def test_a_name_the_text_calls_a_person(extractor, body):
    entities = _extract(extractor, body)
    assert len(entities.people) == 1 and not set(entities.people) & set(entities.organizations), entities


def test_a_japanese_firm_word_makes_a_firm(extractor):
    firm = _extract(extractor, "TOKYO, April 3 - Ohta Shoji said it sold its stake to Toyota Shoji.")
    assert "Ohta Shoji" not in firm.people and "Ohta Shoji" in firm.organizations


def test_corpus_keeps_a_titled_one_word_person_named_like_a_town():
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(people=("Hamilton",)), Entities(places=("London",))]
    maps = CorpusMaps.build(local, titled=[("Hamilton",), ()])  # "Lord Hamilton"
    assert maps.apply(local[0]).people == ("Hamilton",) and maps.apply(local[0]).places == ()
    untitled = CorpusMaps.build(local, titled=[(), ()])
    assert untitled.apply(local[0]).places == ("Hamilton",)  # a town NER called a person


def test_a_headline_word_a_title_names_is_no_place(extractor):
    entities = _extract(extractor, "Carrington Offers NATO Mediation in Aegean\n\nBRUSSELS, March 27, Reuter - "
                                   "Greece and Turkey's NATO allies called for calm.\n\nSecretary-General Lord "
                                   "Carrington also offered himself as a mediator.")
    assert "Carrington" not in entities.places and "Brussels" in entities.places


@pytest.mark.parametrize(("body", "places", "not_places"), [
    pytest.param("LOS ANGELES, March 3 - Northrop will build a facility in Perry. The plant will employ 500 "
                 "people in Georgia.", {"Perry"}, {"Perry (Georgia)"}, id="the-one-state-named"),
    pytest.param("MIAMI, March 3 - The bank bought branches in Hollywood. Florida regulators approved.",
                 {"Hollywood (Florida)"}, {"Hollywood"}, id="a-town-of-several-states"),
])
def test_a_body_town_by_its_state(extractor, body, places, not_places):
    _has(_extract(extractor, body), "places", places, not_places)


def test_town_of_named_state():
    from searchapp.entities.towns import town_of_named_state

    text = "It bought branches in Deerfield Beach and Hollywood, the Florida bank said."
    assert town_of_named_state("Hollywood", ["Florida", "Miami"], text) == "Hollywood (Florida)"
    both = text + " The California thrift also sold branches."
    assert town_of_named_state("Hollywood", ["Florida", "California"], both) == "Hollywood"  # which one?
    far = "It bought branches in Hollywood." + " It said so." * 30 + " Florida regulators approved."
    assert town_of_named_state("Hollywood", ["Florida"], far) == "Hollywood"  # too far to tell
    assert town_of_named_state("Greenwich", ["London"], "in Greenwich, London") == "Greenwich"
    assert town_of_named_state("Houston", ["Texas"], "Houston, Texas") == "Houston"  # a big city is itself


def test_a_town_followed_by_its_state_without_a_comma(extractor):
    text = ("FDIC Says Oklahoma Bank Become 51st to Fail\n\nWASHINGTON, March 26 - The Federal Deposit Insurance "
            "Corp said the First State Bank in Billings, Okla, was closed by banking regulators, bringing the total "
            "number of bank failures this year to 51.\n\nFDIC said 9.4 mln dlrs of First State's deposits were "
            "assumed by First National Trust Co of Perry, in Perry Oklahoma.\n\nFirst National also will assume "
            "eight mln dlrs in assets.")  # reuters-10223
    mentions = next(iter(extractor.analyse([text])))
    assert "Perry (Oklahoma)" in mentions.places and "Perry" not in mentions.places


@pytest.mark.parametrize(("body", "org"), [
    pytest.param("BUENOS AIRES, March 3 - Yacimientos Petroliferos Fiscales said output rose.",
                 "Yacimientos Petroliferos Fiscales", id="state-oil-firm"),
    pytest.param("HAVANA, March 3 - Prensa Latina said the harvest was good.", "Prensa Latina", id="news-agency"),
])
def test_foreign_firm_words_make_no_person(extractor, body, org):
    entities = _extract(extractor, body)
    assert org not in entities.people, entities


def test_a_paper_is_no_place(extractor):
    entities = _extract(extractor, "HONG KONG, March 3 - The shipping line has offices in Busan, Seoul and Kobe, "
                                   "the South China Morning Post said.")
    assert "South China Morning Post" not in entities.places


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("WASHINGTON, March 3 - Senate Budget Chairman Lawton Chiles said the Budget Committee would meet, "
                 "and the House Ways and Means Committee agreed.", {"House Ways and Means Committee"},
                 {"U.S. Senate Budget", "Senate Budget", "Budget Committee"}, id="committees"),
    pytest.param("LONDON, March 3 - Producers said the International Coffee Agreement lapsed, and the "
                 "International Coffee Organization met.", {"International Coffee Organization"},
                 {"International Coffee Agreement"}, id="a-pact-is-no-body"),
])
def test_committees_and_pacts(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


def test_a_dateline_town_named_like_a_big_city_of_another_state():
    from searchapp.entities.towns import dateline_town

    assert dateline_town("Arlington", "Texas") == "Arlington"  # the big one
    assert dateline_town("Arlington", "Virginia") == "Arlington (Virginia)"
    assert dateline_town("Kansas City", "Kansas") == "Kansas City (Kansas)"
    assert dateline_town("Houston", "Texas") == "Houston"


@pytest.mark.parametrize(("body", "places", "not_places"), [
    pytest.param("TORONTO, March 3 - Hudson's Bay Co said sales rose in its Zellers stores.", set(), {"Hudson"},
                 id="a-firm-in-the-possessive"),
    pytest.param("Hudson's Bay to Sell Wholesale Unit\n\nTORONTO, March 27 - <Hudson's Bay Co> said it signed a "
                 "letter of intent to sell its Hudson's Bay Wholesale unit.", set(), {"Hudson"},
                 id="a-bracketed-firm-in-the-possessive"),
    pytest.param("TOKYO, March 27 - Japan's Nissan Motor Co Ltd said it agreed, with Japan's Marubeni Corp.",
                 {"Japan"}, set(), id="a-country-owns-the-firm"),
    pytest.param("NEW ORLEANS, March 3 - Barges reached the U.S. Gulf and the U.S. West Coast.",
                 {"U.S. Gulf"}, set(), id="abbreviations-are-not-shouting"),
])
def test_no_place_in_a_firms_possessive(extractor, body, places, not_places):
    _has(_extract(extractor, body), "places", places, not_places)


def test_a_glued_shouted_word_makes_no_place(extractor):
    mentions = next(iter(extractor.analyse(["ZURICH GOLD OPENING - APRIL 7 pool 420.50-423.50 (420.00-423.00)\n\n"
                                            "ZURICH GOLD OPENING - APRIL 7 pool 420.50-423.50 (420.00-423.00)"])))
    assert "Zurich GOLD" not in mentions.places and "Zurich Gold" not in mentions.places, mentions


def test_corpus_reads_a_recased_firm_as_the_firm():
    final = resolve_names(((), ("Bankamerica",), ()), ((), (), ("BankAmerica",)), ((), (), ("BankAmerica",)),
                          (("Bhp",), (), ()), ((), (), ("BHP",)), ((), (), ("BHP",)), ((), ("Murdochville",), ()))
    assert final[0].organizations == ("BankAmerica",) and final[0].places == ()
    assert final[3].organizations == ("BHP",) and final[3].people == ()
    assert final[6].places == ("Murdochville",)


def test_shouted_dateline_month_owned_bracketed_firm_and_two_committees():
    from searchapp.entities.firms import find_listed_firms
    from searchapp.entities.place_spans import find_dateline

    assert find_dateline("Diamond Shamrock raises Crude Oil Postings\n\nNEW YORK, MAR 5 - It said").places == ["New York"]
    # "Redland" is also a town: the firm keeps its legal form
    assert find_listed_firms("LONDON - <Britain's Redland Plc> and <Hudson's Bay Co> said") == [
        "Redland Plc", "Hudson's Bay"]
    assert split_firms("Interim Committee and Development Committee") == ["Interim Committee", "Development Committee"]
    assert split_firms("Ways and Means Committee") == ["Ways and Means Committee"]
    assert split_firms("House Energy and Commerce Committee") == ["House Energy and Commerce Committee"]


@pytest.mark.parametrize(("body", "places", "not_places"), [
    pytest.param("BELFAST, March 3 - Unemployment in Northern Ireland rose, officials said.", {"Northern Ireland"},
                 {"Ireland"}, id="a-cut-first-word"),
    pytest.param("GENEVA, March 3 - Ministers said the Uruguay round of trade talks should include farm goods.",
                 set(), {"Uruguay"}, id="a-round-of-talks"),
])
def test_places_cut_or_named_for_an_event(extractor, body, places, not_places):
    _has(_extract(extractor, body), "places", places, not_places)


def test_a_futures_table_of_bare_words_names_no_place():
    from searchapp.entities.tables import find_tables, table_places

    volume = ("NEW YORK, April 8 - Volume of futures.\n\nCocoa 2,345 1,234\n\nCoffee 3,456 2,345\n\nSugar 12,345 "
              "11,234\n\nCotton 4,567 3,456\n\nOrange 1,234 1,111\n\nCrude 45,678 44,567\n\nSilver 5,678 4,567")
    assert table_places(volume, find_tables(volume), lambda word: False) == []


@pytest.mark.parametrize(("body", "not_places"), [
    pytest.param("CHICAGO, March 6 - Some traders, including Norman Quinn, president of Golden Gate Futures, said "
                 "the night session of the futures market would likely be postponed.", {"Golden Gate"},
                 id="a-place-opening-a-firms-name"),
])
def test_a_place_word_before_a_firm_word_or_grade(extractor, body, not_places):
    _has(_extract(extractor, body), "places", set(), not_places)


@pytest.mark.parametrize(("body", "places", "not_places"), [
    pytest.param("NEW YORK, March 5 - Bank profits fell to 0.77 pct of assets in 1986, the ABA said. Despite the "
                 "decline, the ABA said banks' capital grew.", set(), {"Aba"}, id="an-acronym-named-like-a-town"),
    pytest.param("RALEIGH, N.C., March 2 - The Pantry Inc, which operates 477 convenience stores in five "
                 "Southeastern states, said it has engaged advisers.", set(), {"Southeastern"},
                 id="a-compass-adjective"),
    pytest.param("BEIRUT, March 20 - Israeli jets bombed Palestinian targets east of the south Lebanese port "
                 "of Sidon today, police said.", {"Lebanon", "Israel"}, {"Palestinian Territory"},
                 id="a-peoples-adjective"),
    pytest.param("PEKING, March 3 - Coal output in Inner Mongolia rose 5 pct, the official paper said.",
                 {"Inner Mongolia"}, {"Mongolia"}, id="a-part-of-a-place"),
    pytest.param("SYDNEY, March 3 - Bougainville Copper said output in Papua New Guinea rose. Papua New Guinea's "
                 "government agreed.", {"Papua New Guinea"}, {"Guinea"}, id="a-country-read-as-a-persons-name"),
    pytest.param("BELGRADE, March 3 - Floods hit the republic of Bosnia and Hercegovina, officials said.",
                 {"Bosnia and Herzegovina"}, {"Hercegovina", "Bosnia"}, id="the-spelling-of-the-time"),
    pytest.param("NEW YORK, March 3 - Licenses went to Videoco Inc for the Greensboro, Winston-Salem, Raleigh-Durham and "
                 "Highpoint, N.C. markets.", {"Winston-Salem"}, {"Salem"}, id="a-hyphened-town"),
    pytest.param("OTTAWA, March 3 - Oil exports to Saudia Arabia rose. The Province of Quebec and St. Paul, Minn., "
                 "agreed.", {"Saudi Arabia", "Quebec", "Saint Paul"}, {"Saudia Arabia", "Province of Quebec", "St. Paul"},
                 id="a-misspelt-country-a-province-of-and-st"),
    pytest.param("KANSAS CITY, Feb 26 - Price per bushel is in U.S. dollars. Sorghum is priced per CWT. The United "
                 "Nations said so. Cominco's smelter at Trail, British Columbia, reopened.", {"Trail"},
                 {"United Nations"}, id="a-body-and-a-small-town"),
])
def test_place_words_read_whole_or_not_at_all(extractor, body, places, not_places):
    _has(_extract(extractor, body), "places", places, not_places)


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("ANKARA, March 28 - Greece said it would start prospecting in disputed waters. A Foreign Ministry "
                 "statement last night hinted Turkey was ready to talk.", {"Turkish Foreign Ministry"},
                 {"Greek Foreign Ministry"}, id="the-datelines-country-the-story-names"),
    pytest.param("TOKYO, April 3 - Japan turned away fake South Korean footwear. A Ministry of Finance spokesman "
                 "said officials at the ports had begun barring them.", {"Japanese Ministry of Finance"},
                 {"South Korean Ministry of Finance"}, id="not-the-country-named-last"),
    pytest.param("TOKYO, March 20 - Japanese customs have turned away fake sneakers from South Korea. A Ministry of "
                 "Finance spokesman said officials at the ports had begun barring them.\n\nHe said customs had sent "
                 "back some pairs to South Korea, but the Finance Ministry declined to confirm this.",
                 {"Japanese Ministry of Finance"}, {"South Korean Finance Ministry", "Japanese Finance Ministry"},
                 id="one-ministry-named-two-ways"),
    pytest.param("TOKYO, March 18 - Japan's Telecommunications Ministry said two rival consortiums should merge.",
                 {"Japanese Telecommunications Ministry"}, {"Telecommunications Ministry"}, id="a-portfolio"),
    pytest.param("TOKYO, March 3 - Japan is expected to cut its base rate after the accord reached by major "
                 "industrial nations in Paris, Finance Ministry sources said.", {"Japanese Finance Ministry"},
                 {"French Finance Ministry"}, id="a-country-across-a-comma"),
    pytest.param("NEW DELHI, March 3 - India will buy wheat, and the Foreign Ministry in Ankara said Turkey "
                 "would sell it.", {"Turkish Foreign Ministry"}, {"Indian Foreign Ministry"}, id="a-city-after-it"),
    pytest.param("WIESBADEN, March 20 - West German producer prices fell 0.3 pct in February, the Federal "
                 "Statistics Office said. Prices of German farm goods rose.", {"West German Federal Statistics Office"},
                 {"German Federal Statistics Office"}, id="the-sentences-nationality"),
    pytest.param("WIESBADEN, March 26 - The cost of living in West Germany was unchanged in March against "
                 "February, the Federal Statistics Office said. German exports rose.",
                 {"West German Federal Statistics Office"}, {"German Federal Statistics Office"},
                 id="the-datelines-state-named-then"),
    pytest.param("LONDON, March 3 - Japan's current account surplus widened to 6.6 billion dlrs in February, a "
                 "spokesman for the Finance Ministry said. Britain's deficit grew.",
                 {"Japanese Finance Ministry"}, {"British Finance Ministry"}, id="the-sentences-country"),
    pytest.param("SYDNEY, April 8 - Australian markets are booming.\n\nReserve Bank policy has also reflected the "
                 "increased role of Japanese investors, analysts said.", {"Australian Reserve Bank"},
                 {"Japanese Reserve Bank"}, id="a-nationality-after-it"),
    pytest.param("MIAMI, March 25 - Brazil and its bank creditors failed to achieve any breakthrough in debt talks "
                 "here.\n\nCentral Bank governor Francisco Gros said after a meeting with the committee that Brazil "
                 "cannot pay now. Some U.S. banks will decide by March 31.", {"Brazilian Central Bank"},
                 {"U.S. Central Bank"}, id="the-us-has-the-fed"),
    pytest.param("HONG KONG, April 8 - Trade friction between the U.S. and Japan worries exporters in Hong Kong.\n\n"
                 "Makoto Kuroda, Japan's deputy minister of International Trade and Industry (MITI), will meet U.S. "
                 "officials this week.", {"Japanese Ministry of International Trade and Industry"},
                 {"Hong Kong Ministry of International Trade and Industry"}, id="a-ministry-read-from-its-minister"),
    pytest.param("HONG KONG, April 28 - Asian dealers welcomed the plan for night trading in Chicago.\n\nThey said "
                 "Japanese financial institutions were very interested in using overseas futures markets, but were "
                 "waiting for finance ministry approval to do so.", {"Japanese Finance Ministry"},
                 {"Hong Kong Finance Ministry"}, id="a-name-written-in-lower-case"),
    pytest.param("TUNIS, March 26 - Tunisia has decided to break diplomatic relations with Iran, the foreign ministry "
                 "said.", {"Tunisian Foreign Ministry"}, {"Iranian Foreign Ministry"}, id="the-source-of-its-countrys-news"),
    pytest.param("QUITO, April 9 - Ecuador is due to resume limited crude oil output when a pipeline to neighbouring "
                 "Colombia is finished, an Energy Ministry spokesman said.", {"Ecuadorean Energy Ministry"},
                 {"Colombian Energy Ministry"}, id="not-the-sentences-object"),
    pytest.param("OTTAWA, April 13 - ProGas Ltd was issued a licence to sell gas to Ocean State Power Co of Burrillville, "
                 "Rhode Island, the federal energy department said. Canada sells gas.",
                 {"Canadian Federal Energy Department"}, {"U.S. Federal Energy Department"},
                 id="a-state-says-where-not-whose"),
    pytest.param("ATHENS, March 3 - Greece will drill in the Aegean, and Turkey's own Foreign Ministry said it would "
                 "protest.", {"Turkish Foreign Ministry"}, {"Greek Foreign Ministry"}, id="a-country-beside-the-source"),
    pytest.param("LONDON, March 26 - French Finance Minister Edouard Balladur discussed public spending with British "
                 "Chancellor of the Exchequer Nigel Lawson, a Treasury spokesman said.", {"British Treasury"},
                 {"French Treasury"}, id="the-datelines-country-named-in-the-sentence"),
    pytest.param("TOKYO, March 14 - Britain and Japan agreed to operate 12 flights a week over Siberia, officials of the "
                 "Transport Ministry said.", {"Japanese Transport Ministry"}, {"British Transport Ministry"},
                 id="the-datelines-country-named-second"),
    pytest.param("PARIS, March 20 - Banque de l'Union Europeenne said it signed a cooperation agreement with the "
                 "Soviet Union's central bank Gosbank, and Foreign Trade Bank, with the aim of developing trade. France "
                 "welcomed it.",
                 {"Soviet Foreign Trade Bank"}, {"French Foreign Trade Bank"}, id="whose-not-where"),
    pytest.param("MOSCOW, March 27 - Soviet officials said foreign businessmen want joint ventures in the Soviet "
                 "Union.\n\nKamentsev, flanked by Foreign Trade Bank Chairman Yuri Ivanov, spoke.",
                 {"Soviet Foreign Trade Bank"}, {"Russian Foreign Trade Bank"}, id="the-datelines-state-then"),
])
def test_a_bare_ministry_by_its_sentence_and_dateline(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


def test_an_international_body_is_no_countrys():
    from searchapp.entities.orgs import is_bare_institution

    assert not is_bare_institution("International Court of Justice") and is_bare_institution("Finance Ministry")
    assert is_bare_institution("International Trade and Industry Ministry")  # Japan's MITI, in a Tokyo story


def test_a_pair_of_countries_is_no_organisation(extractor):
    entities = _extract(extractor, "ATHENS, March 30 - Greece scrapped its request, and U.S.-Greek talks on the "
                                   "bases resumed, officials said.")
    assert "U.S.-Greek" not in entities.organizations and "Greece" in entities.places


def test_a_lone_particle_surname_nobody_has_is_nobody():
    """ "de Havilland" (the aircraft maker) with Geoffrey de Havilland named in one article only,
    and "der Spiegel" (a magazine) that no full name has: a bare surname, as "Snow" would be."""
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(people=(name,)) for name in ("Geoffrey de Havilland", "de Havilland", "der Spiegel",
                                                    "Ronnie de Mel", "Ronnie de Mel", "de Mel")]
    maps = CorpusMaps.build(local, titled=[()] * len(local))  # no article gives any of them a title
    final = [maps.apply(ents) for ents in local]
    assert final[1].people == () and final[2].people == () and final[5].people == ("Ronnie de Mel",)


@pytest.mark.parametrize(("body", "orgs", "not_places"), [
    pytest.param("CHICAGO, March 19 - Morton Thiokol Inc said it formed a venture with the Yokohama Rubber Co "
                 "Ltd to make sealants.", {"Yokohama Rubber"}, {"Yokohama"}, id="a-town-opening-a-firm-with-its-legal-form"),
    pytest.param("Reading <RDGC> to Sell Philadelphia Properties\n\nPHILADELPHIA, March 6 - Reading Co said it agreed "
                 "to sell land near the Reading Terminal Market to the city's convention authority.",
                 {"Reading"}, {"Reading"}, id="a-town-the-wire-gives-a-ticker"),
    pytest.param("Midland Rights Issue Still Expected\n\nLONDON, March 4 - Midland Bank Plc's <MDBL.L> 1986 results "
                 "suggest a rights issue. Midland shares were up 14p and Midland said its profit rose.",
                 {"Midland Bank"}, {"Midland"}, id="a-ticker-after-the-possessive"),
])
def test_a_town_that_names_a_firm_is_no_place_of_the_story(extractor, body, orgs, not_places):
    entities = _extract(extractor, body)
    _has(entities, "organizations", orgs, set())
    _has(entities, "places", set(), not_places)


@pytest.mark.parametrize(("text", "place", "expected"), [
    ("Reading <RDGC> to Sell", "Reading", True),
    ("shares of Reading <RDGC> rose", "Reading", True),
    ("Republic New York <RNB> Calls Preferred", "New York", False),
    ("Public Service of New Mexico <PNM>", "New Mexico", False),
    ("Texaco Canada <TXC> said", "Canada", False),
])
def test_a_town_with_a_ticker_of_its_own(text, place, expected):
    from searchapp.entities.place_spans import is_firm_by_ticker

    assert is_firm_by_ticker(place, text) is expected


def test_a_ticker_firm_named_in_the_possessive():
    text = "4 - Midland Bank Plc's <MDBL.L> 1986 results suggest a rights issue"
    assert [text[start:end] for start, end in find_firm_spans(text)] == ["Midland Bank Plc"]


@pytest.mark.parametrize(("orgs", "text", "expected"), [
    pytest.param(["First National", "First National Entertainment", "American Variety"],
                 "American Variety said its pact with First National Entertainment Corp ended. First National said "
                 "it would sue.", ["First National Entertainment", "American Variety"], id="a-short-name-of-a-firm"),
    pytest.param(["TVX", "Consolidated TVX", "Consolidated TVX Mining"],
                 "Consolidated TVX Mining Corp said Consolidated TVX will buy stakes. TVX said the mines produce gold.",
                 ["Consolidated TVX Mining"], id="inside-the-name-and-a-chain"),
    pytest.param(["Allied", "Allied-Signal"], "Allied-Signal Inc said the unit's loss grew. Allied said it would "
                 "sell it.", ["Allied-Signal"], id="a-hyphened-name"),
    pytest.param(["Texaco", "Texaco Canada"], "Texaco Inc said it did not plan to sell Texaco Canada Inc.",
                 ["Texaco", "Texaco Canada"], id="a-parent-with-its-own-legal-form"),
    pytest.param(["Citicorp", "Citicorp Investment Bank"], "Citicorp Investment Bank Ltd led the issue. Citicorp "
                 "said it was pleased.", ["Citicorp", "Citicorp Investment Bank"], id="a-parent-named-as-one"),
    pytest.param(["TVX", "Houston TVX Broadcast", "TVX Broadcast Group"], "TVX Broadcast Group Inc sold Houston "
                 "TVX Broadcast Inc. TVX said it had agreed.", ["TVX", "Houston TVX Broadcast", "TVX Broadcast Group"],
                 id="two-firms-hold-it"),
    pytest.param(["Western", "Gulf and Western"], "Gulf and Western Inc said its unit was sold.",
                 ["Gulf and Western"], id="a-legal-form-after-the-longer-name-is-not-the-pieces"),
    pytest.param(["Federal Reserve", "Federal Reserve Board"], "The Federal Reserve Board met. The Federal Reserve "
                 "said rates held.", ["Federal Reserve", "Federal Reserve Board"], id="no-firm"),
])
def test_a_short_name_goes_to_the_one_firm_of_the_article_that_holds_it(orgs, text, expected):
    from searchapp.entities.firms import merge_into_firms

    assert merge_into_firms(orgs, text) == expected


def test_an_acronym_may_end_in_the_c_of_a_dropped_corp():
    from searchapp.entities.orgs import abbreviates

    assert abbreviates("CBC", "Canadian Broadcasting") and abbreviates("CBC", "Cambridge BioScience")
    assert not abbreviates("Cbc", "Canadian Broadcasting") and not abbreviates("EC", "E")


@pytest.mark.parametrize(("name", "country"), [
    ("Portland", "United States"), ("Manchester", "United Kingdom"), ("Toledo", "United States"),
    ("San Jose", "United States"), ("Charlotte", "United States"),  # not parishes of Jamaica, St Vincent...
    ("Victoria", "Australia"), ("Ontario", "Canada"),  # a state and a province bigger than the cities
])
def test_a_city_outranks_a_smaller_countrys_subdivision_of_its_name(name, country):
    from searchapp.entities.places import canonical_place, country_of
    from searchapp.gazetteer import locate

    assert country_of(canonical_place(name)) == country == locate(canonical_place(name)).country


@pytest.mark.parametrize(("span", "name"), [
    ("Britain's Cable and Wireless Plc", "Cable and Wireless"),  # the country is read apart
    ("Japan's Fujitsu Ltd", "Fujitsu"),
    ("Hudson's Bay Co", "Hudson's Bay"),  # a small town's possessive is the firm's own
    ("People's Bank of China", "People's Bank of China"),
    ("An International Monetary Fund", "International Monetary Fund"),  # "An IMF official"
    ("An Alberta Corp", None),  # "Nova, an Alberta corporation": no name
])
def test_an_org_without_its_owner_or_article(span, name):
    assert clean_org(span) == name


def test_a_firm_after_its_countrys_possessive_holds_its_short_name():
    from searchapp.entities.firms import merge_into_firms

    text = "LONDON, March 2 - Britain's Cable and Wireless Plc said Wireless profits rose."
    assert merge_into_firms(["Cable and Wireless", "Wireless"], text) == ["Cable and Wireless"]


@pytest.mark.parametrize(("body", "places", "not_places"), [
    pytest.param("PHILADELPHIA, April 8 - Philadelphia Electric Co must replace the power the Peach Bottom nuclear "
                 "power plant would have generated.", {"Philadelphia"}, {"Peach Bottom"}, id="a-plant"),
    pytest.param("DALLAS, March 9 - Diamond Shamrock Offshore Partners began drilling on West Cameron 178 block off "
                 "Louisiana.", {"Louisiana"}, {"West Cameron"}, id="an-offshore-block"),
    pytest.param("SYDNEY, March 9 - Ships will load at the Geelong refinery, officials said.", {"Geelong"}, set(),
                 id="a-known-town-stays"),
    pytest.param("ANCHORAGE, March 9 - Output at the Prudhoe Bay field fell, the state said.", {"Prudhoe Bay"}, set(),
                 id="a-name-that-says-it-is-a-place"),
])
def test_a_site_the_gazetteer_lacks_is_no_place(extractor, body, places, not_places):
    _has(_extract(extractor, body), "places", places, not_places)


def test_an_office_and_a_ticker_with_its_exchange_are_no_organisations(extractor):
    entities = _extract(extractor, "WASHINGTON, March 2 - John Poindexter, a former National Security Adviser, refused to "
                                   "testify. Metro Airlines signed an agreement with Saab-Scania AB <SABS ST> to buy planes.")
    _has(entities, "organizations", set(), {"National Security Adviser", "SABS ST", "Sabs ST"})


def test_a_surname_ner_took_for_a_town_and_a_firm_named_like_an_unknown_place(extractor):
    entities = _extract(extractor, "BRASILIA, March 3 - Industry and Trade Minister Jose Hugo Castelo Branco said "
                                   "exports would rise. Eurocapital will market products made by <Inkey SA> of Barcelona; "
                                   "Inkey will be paid later.")
    _has(entities, "people", {"Jose Hugo Castelo Branco"}, {"Jose Hugo"})
    _has(entities, "places", {"Barcelona"}, {"Castelo Branco", "Inkey"})
    _has(entities, "organizations", {"Inkey"})


def test_a_double_surname_alone_is_the_person_named_in_full():
    from searchapp.entities.aliases import merge_people

    people, orgs = merge_people(["Victor Paz Estenssoro", "Paz Estenssoro", "Fernando Santos Alvite"],
                                ["Santos Alvite", "Morgan Stanley"])
    assert people == ["Fernando Santos Alvite", "Victor Paz Estenssoro"] and orgs == ["Morgan Stanley"]


def test_a_lower_case_body_gets_its_capitals_back(extractor):
    body = ("La paz, march 4 - about 1,000 bolivian central bank employees, more than 80 per cent of the workforce, "
            "accepted management terms to quit today, a union leader said.\n\n\"none of the employees is prepared "
            "to work again in the bank,\" bank workers leader mario galindas told reuters.\n\nThe centre-right "
            "government of president victor paz estenssoro had approved a plan backed by the u.s. treasury.")
    article = Article(article_id="t", title="Most Bolivian Central Bank Employees Resign", body=body,
                      published=date(1987, 3, 4))
    entities = extract_entities(article, extractor)
    _has(entities, "people", {"Mario Galindas", "Victor Paz Estenssoro"})
    _has(entities, "places", {"La Paz", "Bolivia"}, {"Bānk"})


def test_a_story_in_proper_case_is_not_recased():
    from searchapp.entities.recase import is_lower_case_body

    assert not is_lower_case_body("TOKYO, June 2 - The Finance Ministry would raise lending limits on local non-life "
                                  "insurance companies' loans to a single borrower, ministry officials said. " * 3)
    assert not is_lower_case_body("may 228.00 230.00 nil\n\njne 228.00 230.00 nil " * 10)  # a table


def test_a_body_glued_to_the_person_after_it(extractor):
    entities = _extract(extractor, "TOKYO, March 5 - Minister of International Trade and Industry Hajime Tamura said "
                                   "exports would fall. Hajime Tamura spoke after a cabinet meeting.")
    assert "International Trade and Industry" in " ".join(entities.organizations)
    assert not any("Tamura" in org for org in entities.organizations) and "Tamura" in " ".join(entities.people)


def test_a_name_several_banks_share_is_left_out():
    """ "First Federal" alone is one of the First Federals the corpus tells apart by their place."""
    final = resolve_names(((), (), ("First Federal of Michigan",)), ((), (), ("First Federal of Maryland",)),
                          ((), (), ("First Federal",)), ((), (), ("Bank of Japan",)), ((), (), ("Bank of Japan",)))
    assert final[2].organizations == () and final[0].organizations == ("First Federal of Michigan",)
    assert final[3].organizations == ("Bank of Japan",)


def test_a_name_the_corpus_qualifies_by_several_states_is_left_out():
    """ "Public Service Commission" alone is one of the states' commissions the corpus names with their
    state; "World Bank" stays beside a glued "Toronto World Bank", and so does a name that one
    qualifier dominates ("Board of Trade": Chicago's)."""
    final = resolve_names(*[((), (), ("Georgia Public Service Commission",))] * 2,
                          ((), (), ("Arkansas Public Service Commission",)), ((), (), ("Public Service Commission",)),
                          *[((), (), ("World Bank",))] * 3, ((), (), ("Toronto World Bank",)),
                          ((), (), ("Washington World Bank",)), *[((), (), ("Chicago Board of Trade",))] * 8,
                          ((), (), ("Kansas City Board of Trade",)), ((), (), ("Board of Trade",)))
    assert final[3].organizations == () and final[0].organizations == ("Georgia Public Service Commission",)
    assert final[4].organizations == ("World Bank",) and final[-1].organizations == ("Board of Trade",)
    # A firm's own name with its legal form is no shared name: "Commodity Exchange Inc", New York's.
    exchanges = Counter({"Commodity Exchange": 3, "London Commodity Exchange": 3, "Winnipeg Commodity Exchange": 1})
    assert "Commodity Exchange" in shared_names(exchanges)
    assert "Commodity Exchange" not in shared_names(exchanges, Counter({"Commodity Exchange": 1}))


def test_a_name_the_corpus_writes_mostly_longer_is_that_longer_name():
    """ "Federated Department" (a cut) is Federated Department Stores, named in more than twice as many
    articles; "Credit Suisse" stays beside Credit Suisse First Boston (another bank, named alone often)."""
    final = resolve_names(((), (), ("Federated Department",)), *[((), (), ("Federated Department Stores",))] * 3,
                          *[((), (), ("Credit Suisse",))] * 3, *[((), (), ("Credit Suisse First Boston",))] * 5)
    assert final[0].organizations == ("Federated Department Stores",)
    assert final[4].organizations == ("Credit Suisse",)
    # Not a place NER took for a body, nor a phrase the corpus writes in lower case.
    orgs = Counter({"Santa Fe": 1, "Santa Fe Southern Pacific": 4, "Wall Street": 1, "Wall Street Journal": 4,
                    "Federated Department": 1, "Federated Department Stores": 4, "Sikorsky Aircraft": 1,
                    "Sikorsky Aircraft Division": 3})
    assert cut_at_the_end(orgs, Counter(), frozenset(), frozenset({"Wall Street"})) == {
        "Federated Department": "Federated Department Stores"}


def test_a_double_surname_across_the_corpus_is_its_person():
    """ "Leon Febres" (NER's cut) counts for Leon Febres Cordero: named 4 times, more than "Febres Cordero"."""
    final = resolve_names((("Leon Febres Cordero",), (), ()), *[(("Leon Febres",), (), ())] * 3,
                          ((), (), ("Febres Cordero",)), (("Febres Cordero",), (), ()), ((), (), ("Febres Cordero",)),
                          *[((), (), ("Morgan Stanley",))] * 3,
                          (("John Morgan Stanley",), (), ()), (("John Morgan Stanley",), (), ()))
    assert final[4].people == final[5].people == ("Leon Febres Cordero",) and final[4].organizations == ()
    assert final[7].organizations == ("Morgan Stanley",)  # named more often than the person


@pytest.mark.parametrize(("span", "junk"), [("D&P-7", True), ("P-1", True), ("MPs", True), ("IRAs", True),
                                             ("BBB+", True), ("IBM", False), ("Amex", False), ("D&P", False),
                                             ("III", True), ("IV", True), ("XII", True), ("IVAX", False),
                                             ("VIII", True), ("IIII", False)])
def test_grades_and_plural_initials_are_no_organisations(span, junk):
    from searchapp.entities.org_spans import _RATING

    assert bool(_RATING.fullmatch(span)) is junk


def test_a_roman_numeral_is_no_acronym(extractor):
    entities = _extract(extractor, "WASHINGTON, Feb 26 - The U.S. Agriculture Department reported the farmer-owned "
                        "reserve national five-day average price through February 25 as follows (Dlrs/Bu-Sorghum Cwt) -"
                        "\n\nNatl Loan Release Call\n\nAvge Rate-X Level Price Price Wheat 2.55 2.40 IV 4.65 --\n\nV "
                        "4.65 --\n\nReserves I, II and III have matured. Level IV reflects grain entered after Oct 6, "
                        "1981 for feedgrain and after July 23, 1981 for wheat.")
    _has(entities, "organizations", {"U.S. Agriculture Department"}, {"III", "II", "IV"})


def test_a_crude_named_after_a_small_place_is_no_place(extractor):
    entities = _extract(extractor, "MEXICO CITY, March 3 - The new pipeline will enable Japan to load Mexico's Maya "
                                   "crude oil at Salina Cruz rather than in the Gulf of Mexico.")
    assert "Maya" not in entities.places


def test_a_known_region_before_crude_stays(extractor):
    entities = _extract(extractor, "LONDON, March 3 - North Sea crude prices rose in thin trade, dealers said.")
    assert "North Sea" in entities.places


def test_a_paper_named_with_a_german_article_is_no_person(extractor):
    entities = _extract(extractor, "BONN, March 30 - Sony Corp <SNE.T> will increase production abroad to overcome "
                                   "falling profits, managing board chairman Akio Morita told the West German "
                                   "newspaper Die Welt.")
    assert "Die Welt" not in entities.people and "Akio Morita" in entities.people


def test_an_ampersand_is_the_and_the_corpus_spells():
    final = resolve_names(((), (), ("Standard & Poor",)), ((), (), ("Standard and Poor's",)),
                          ((), (), ("Standard and Poor's",)), ((), (), ("Marks & Spencer",)))
    assert final[0].organizations == ("Standard and Poor's",) and final[3].organizations == ("Marks & Spencer",)


@pytest.mark.parametrize(("body", "place", "cut"), [
    pytest.param("SURFERS PARADISE, Australia, March 25 - Papua New Guinea (PNG) provides the most exciting new "
                 "prospect in the Asia-Pacific region for oil production, an analyst said. \"We expect a much larger "
                 "oil search in Papua New Guinea,\" he said.", "Papua New Guinea", "Guinea", id="two-words-before"),
    pytest.param("WASHINGTON, March 31 - Widespread rain interfered with summer crop harvesting in Brazil's Rio "
                 "Grande do Sul and southern Mato Grosso do Sul in the week ended March 28. Mostly dry weather "
                 "prevailed in extreme eastern Mato Grosso do Sul, it said.", "Mato Grosso do Sul", "Mato Grosso",
                 id="a-particle-after"),
])
def test_a_place_ner_cut_is_read_whole(extractor, body, place, cut):
    entities = _extract(extractor, body)
    assert place in entities.places and cut not in entities.places


@pytest.mark.parametrize(("city", "region", "value"), [
    ("New Brunswick", "New Jersey", "New Brunswick (New Jersey)"),  # the bare name is the Canadian province
    ("Victoria", "British Columbia", "Victoria (British Columbia)"),  # ... the Australian state
    ("Kimberley", "British Columbia", "Kimberley (British Columbia)"),  # ... the South African town
    ("Hanover", "West Germany", "Hanover (West Germany)"),  # ... a Jamaican parish
    ("Cambridge", "England", "Cambridge"), ("Toronto", "Ontario", "Toronto"), ("Houston", "Texas", "Houston"),
    ("Munich", "West Germany", "Munich"),  # the same country, then
    ("Paris", "Japan", "Paris"),  # a big city: a slip of the wire, not another Paris
])
def test_a_dateline_town_keeps_a_region_the_bare_name_is_not_in(city, region, value):
    from searchapp.entities.towns import dateline_town

    assert dateline_town(city, region, abroad=True) == value


def test_a_body_list_of_places_is_no_town_and_region(extractor):
    entities = _extract(extractor, "WASHINGTON, March 3 - Winter grains in England, France, and northern Italy "
                                   "remained dormant, the agency said.")
    assert {"England", "France"} <= set(entities.places) and "England (France)" not in entities.places


def test_a_town_named_with_its_region_sits_in_it():
    from searchapp.gazetteer import locate

    def where(place):
        location = locate(place)
        return location.kind, location.region, location.country

    assert where("Springfield (Illinois)") == ("city", "Illinois", "United States")
    assert where("Victoria (British Columbia)") == ("city", "British Columbia", "Canada")
    assert where("Hamilton (Bermuda)") == ("city", None, "Bermuda")


@pytest.mark.parametrize("body", [
    "CAPE CANAVERAL, Fla, Feb 26 - An unmanned Delta rocket carrying a weather satellite blasted off here today.",
    "WASHINGTON, April 9 - Raytheon Co was awarded a contract for guidance sections for Sparrow air-to-air "
    "missiles, the Navy said.",
    "BETHESDA, Md., March 3 - Martin Marietta's Titan III commercial launch vehicle will be used for the launches.",
])
def test_a_rocket_or_missile_named_like_a_place_is_no_place(extractor, body):
    places = set(_extract(extractor, body).places)
    assert not places & {"Delta", "Sparrow", "Titan"}, places


def test_a_big_city_abroad_named_with_a_us_state_near_is_that_states_town(extractor):
    entities = _extract(extractor, "WASHINGTON, March 2 - From Dulles airport in Washington, Presidential will serve "
                                   "Albany, N.Y., Birmingham and Huntsville in Alabama, Columbus, Ohio, and Dayton.")
    assert "Birmingham (Alabama)" in entities.places and "Birmingham" not in entities.places
    assert "United Kingdom" not in entities.countries


def test_a_person_the_corpus_writes_with_a_legal_form_is_that_firm():
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(people=("Amerada Hess",)), Entities(people=("Amerada Hess",)),
             Entities(organizations=("Amerada Hess",)), Entities(people=("Leon Hess",))]
    surfaces = [[], [], [("org", "Amerada Hess", "Amerada Hess Corp", 1)], []]
    maps = CorpusMaps.build(local, surfaces=surfaces, titled=[()] * 4)
    assert maps.apply(local[0]).organizations == ("Amerada Hess",) and maps.apply(local[0]).people == ()
    assert maps.apply(local[3]).people == ("Leon Hess",)


def test_a_body_whose_name_ends_in_a_plural_office_stays(extractor):
    entities = _extract(extractor, "BRUSSELS, March 2 - The EC Council of Ministers agreed on farm prices, "
                                   "diplomats said.")
    assert any("Council of Ministers" in org for org in entities.organizations), entities


def test_the_wires_false_capitals_after_us_are_taken_away(extractor):
    from searchapp.entities.recase import lower_false_capitals

    extractor.nlp()
    lexicon = extractor._lexicon
    assert lower_false_capitals("rising Taiwan dollar and U.S. Import curbs on steel products, launched in the U.K. "
                                "And West Germany, to 13.6 billion U.S. Dlrs from 10.2 billion dlrs.", lexicon) == (
        "rising Taiwan dollar and U.S. import curbs on steel products, launched in the U.K. "
        "and West Germany, to 13.6 billion U.S. dlrs from 10.2 billion dlrs.")
    kept = ("the U.S. Agriculture Department said, the U.S. Treasury said, the U.S. Court of Appeals ruled, "
            "U.S. Home Corp said, E.F. Hutton said, U.S. Sprint said, the U.S. Food and Drug Administration approved, barges to "
            "U.S. Gulf ports, Franco-U.S. Group talks, and U.S. Steel said the Steel unit would close.")
    assert lower_false_capitals(kept, lexicon) == kept


@pytest.mark.parametrize("body, junk", [
    ("TAIPEI, April 21 - Economists said the plan was a significant step by the government to head off "
     "U.S. Protectionism. It would create opportunities for Americans and help avoid U.S. Import quotas "
     "or restrictions on Taiwanese products, officials said.", {"U.S. Protectionism", "U.S. Import"}),
    ("LONDON, April 2 - Prices of U.K. Securities rose in thin trading while U.S. Banks cut their prime "
     "rates, dealers said.", {"U.K. Securities", "U.S. Bank", "U.S. Banks"}),
])
def test_no_organisation_from_the_wires_false_capitals(extractor, body, junk):
    entities = _extract(extractor, body)
    assert not junk & set(entities.organizations), entities.organizations
    assert "United States" in entities.places or "United Kingdom" in entities.places


def test_lower_case_phrases_are_words_and_pairs_outside_stop_words():
    from searchapp.entities.surfaces import lower_case_phrases

    phrases = lower_case_phrases("Prices of soybean oil and the board of governors rose; U.S. Currencies "
                                 "fell, Mobil Corp's u.s. unit said.")
    assert {"soybean oil", "board of governors", "soybean", "oil", "rose", "fell", "unit"} <= set(phrases)
    assert not {"of", "the", "oil and", "currencies", "u.s", "mobil", "corp's"} & set(phrases)


def test_an_organisation_the_corpus_writes_in_lower_case_is_no_name():
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(organizations=("Currencies", "Soybean Oil", "Bundesbank", "Sharp")),
             Entities(organizations=("Currencies", "Soybean Oil", "Bundesbank", "Sharp")),
             Entities(), Entities()]
    lowered = [(), (), ("currencies", "soybean oil", "sharp"), ("currencies", "soybean oil", "sharp", "bundesbank")]
    surfaces = [(("org", "Sharp", "Sharp Corp", 1),), (), (), ()]
    maps = CorpusMaps.build(local, surfaces=surfaces, lowered=lowered)
    # "Bundesbank" is written in lower case once for its two articles; "Sharp" has a legal form.
    assert maps.apply(local[0]).organizations == ("Bundesbank", "Sharp")
    assert CorpusMaps.build(local, surfaces=surfaces).apply(local[0]).organizations == (
        "Bundesbank", "Currencies", "Sharp", "Soybean Oil")  # no such evidence
    # A longer name must be common pair by pair: "soybean" and "oil" alone are not enough.
    apart = [(), (), ("soybean", "oil"), ("soybean", "oil")]
    assert "Soybean Oil" in CorpusMaps.build(local, lowered=apart).apply(local[0]).organizations


def test_corpus_memory_counts_lower_case_phrases_as_the_pure_function_does():
    from searchapp.corpus_memory import CorpusMemory, Known
    from searchapp.entities.corpus import CorpusMaps
    from searchapp.rules import NO_RULES

    local = {"a": (Entities(organizations=("Currencies",)), ()), "b": (Entities(organizations=("Currencies",)), ()),
             "c": (Entities(), ("currencies",)), "d": (Entities(), ("currencies", "dealers"))}
    memory = CorpusMemory()
    for article_id, (ents, lowered) in local.items():
        memory.add(article_id, Known(ents, (), ents, (), (), lowered, acting=ents.organizations))  # vouched for
    memory.build_maps(NO_RULES)
    pure = CorpusMaps.build([e for e, _ in local.values()], lowered=[p for _, p in local.values()],
                            acting=[e.organizations for e, _ in local.values()])
    assert all(memory.maps.apply(e) == pure.apply(e) for e, _ in local.values())
    assert memory.maps.apply(local["a"][0]).organizations == ()
    memory.remove("d")  # one article writes it in lower case now, two name it
    changed = memory.build_maps(NO_RULES)
    assert ("org", "Currencies") in changed and memory.maps.apply(local["a"][0]).organizations == ("Currencies",)


@pytest.mark.parametrize("body, ministry", [
    ("TOKYO, March 31 - Japan's Minister of International Trade and Industry, Hajime Tamura, will meet "
     "representatives of 50 firms.", True),
    ("TOKYO, April 2 - Makoto Kuroda, Japan's deputy minister of International Trade and Industry, is due to "
     "meet U.S. officials.", True),
    ("TOKYO, March 13 - International Trade and Industry Minister Hajime Tamura told a parliamentary committee "
     "the yen was fine.", False),
])
def test_a_portfolio_in_a_ministers_title_is_no_organisation_of_its_own(extractor, body, ministry):
    entities = _extract(extractor, body)
    assert "International Trade and Industry" not in entities.organizations
    assert ("Japanese Ministry of International Trade and Industry" in entities.organizations) == ministry


@pytest.mark.parametrize("body, place, cut", [
    ("MADRID, April 2 - Dockers brought the Canary Island port of Las Palmas to a halt today, sources said.",
     "Las Palmas", "Palmas"),
    ("JAKARTA, March 13 - Subroto spoke at the end of a two-day meeting of South-East Asian Energy Ministers.",
     "Southeast Asia", "South East"),
    ("TOKYO, March 5 - Shipments to South-east Asia fell to 33,957 from 41,960 and those to the Middle East rose.",
     "Southeast Asia", "South East"),
])
def test_a_place_is_not_read_from_a_piece_of_its_name(extractor, body, place, cut):
    _has(_extract(extractor, body), "places", {place}, {cut})


def test_a_place_named_as_an_authority_is_that_body(extractor):
    entities = _extract(extractor, "SINGAPORE, March 13 - The Port of Singapore Authority (PSA) will spend 1.2 "
                                   "billion dlrs to develop port facilities over the next five years.")
    assert "Port of Singapore Authority" in entities.organizations
    assert "Port of Singapore Authority" not in entities.places and "Singapore" in entities.places


@pytest.mark.parametrize("body, thing", [
    ("LONDON, March 17 - Chancellor Nigel Lawson said the government would cut Petroleum Revenue Tax on new "
     "North Sea fields.", "Petroleum Revenue Tax"),
    ("MANILA, March 3 - Creditor banks will be offered Philippine Investment Notes instead of cash, central "
     "bank officials said.", "Philippine Investment Notes"),
    ("WASHINGTON, June 2 - Treasury Secretary James Baker said he expected the Venice Summit to endorse "
     "the Louvre accord.", "Venice Summit"),
])
def test_a_tax_an_instrument_or_a_meeting_is_no_organisation(extractor, body, thing):
    assert thing not in _extract(extractor, body).organizations


def test_the_acronym_of_a_tax_spelled_in_lower_case_is_no_organisation(extractor):
    from searchapp.entities.mentions import _stands_for_no_body

    body = "BUDAPEST, March 5 - Hungary will introduce a value-added tax (VAT) and a personal income tax next year."
    assert "VAT" not in _extract(extractor, body).organizations
    assert _stands_for_no_body("VAT", "to endorse a radical new tax like a VAT (value added tax), he said")
    assert not _stands_for_no_body("IMF", "the international monetary fund (IMF) said")
    assert not _stands_for_no_body("VAT", "VAT of 750 mln stg")


def test_a_headlines_short_name_with_a_ticker_is_the_firm_its_body_names_in_full(extractor):
    article = Article(article_id="t", title="Plexus <PLUSF> Sets Equity Financing",
                      body="SALT LAKE CITY, April 7 - Plexus Resources Corp said it will undertake an 11 mln "
                           "Canadian dlr equity financing. Plexus said the money would develop its gold project.",
                      published=date(1987, 4, 7))
    entities = extract_entities(article, extractor)
    assert "Plexus Resources" in entities.organizations and "Plexus" not in entities.organizations


def test_a_firm_named_after_a_sentences_the_takes_its_headline_short_name(extractor):
    article = Article(article_id="t", title="May <MA> to Sell Sycamore Division",
                      body="ST. LOUIS, March 31 - The May Department Stores Co said it has signed an agreement to "
                           "sell its Sycamore Specialty Store Division to an investment group.\n\nMay said it "
                           "expects to close the deal in April.",
                      published=date(1987, 3, 31))
    entities = extract_entities(article, extractor)
    assert "May Department Stores" in entities.organizations and "May" not in entities.organizations


@pytest.mark.parametrize("title, body, firm, short", [
    ("SCI <SCIS> Buys Fortune <FSYS> Computer Assets",
     "BELMONT, Calif., April 3 - Fortune Systems Corp and SCI Systems Inc said they signed a letter of intent "
     "covering the purchase of Fortune's microcomputer business assets.", "SCI Systems", "SCI"),
    ("<SCI Holdings Inc> Discusses Joint Venture Pact",
     "MIAMI, April 9 - SCI Holdings Inc and its unit Storer Communications Inc said they are negotiating a "
     "venture.\n\nSCI said the six stations involved include WAGA-TV, Atlanta.", "SCI Holdings", "SCI"),
])
def test_a_short_name_goes_to_the_firm_named_after_another_firms_legal_form(extractor, title, body, firm, short):
    article = Article(article_id="t", title=title, body=body, published=date(1987, 4, 3))
    entities = extract_entities(article, extractor)
    assert firm in entities.organizations and short not in entities.organizations


@pytest.mark.parametrize("body, firm, place", [
    ("LUXEMBOURG, March 5 - Banque Generale du Luxembourg said its profits rose.",
     "Banque Generale du Luxembourg", "Luxembourg"),
    ("PARIS, March 5 - The bonds were placed by Lazard Freres et Cie, the bank said.", "Lazard Freres", "Paris"),
])
def test_a_firm_named_in_another_language_is_read_whole(extractor, body, firm, place):
    _has(_extract(extractor, body), "organizations", {firm}, {"Banque Generale", "Lazard Freres et"})
    _has(_extract(extractor, body), "places", {place})


def test_a_person_the_corpus_writes_in_lower_case_is_no_name():
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(people=("Feeder Cattle", "Clayton Yeutter")), Entities(people=("Feeder Cattle", "Clayton Yeutter")),
             Entities(), Entities()]
    lowered = [(), (), ("feeder cattle", "feeder", "cattle"), ("feeder cattle", "cattle", "clayton")]
    maps = CorpusMaps.build(local, lowered=lowered)
    assert maps.apply(local[0]).people == ("Clayton Yeutter",)


def test_a_lone_word_the_corpus_writes_in_lower_case_is_no_small_town():
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(people=("Sale",)), Entities(people=("Evansville",)), Entities(), Entities()]
    lowered = [(), (), ("sale",), ("sale", "evansville")]
    maps = CorpusMaps.build(local, lowered=lowered)
    assert maps.apply(local[0]) == Entities()  # "Considering Sale of Six Flags": not Salé, Morocco
    assert maps.apply(local[1]).places == ("Evansville",)  # a town, written in lower case once


@pytest.mark.parametrize("body, site", [
    ("TORONTO, March 3 - Lac Minerals Ltd said it intersected a second hole at its jointly owned Doyon mine in "
     "Quebec.", "Doyon"),
    ("RENO, Nev., March 3 - Its main asset is a ten pct interest in Hog Ranch gold mine in Washoe County, Nevada.",
     "Hog Ranch"),
    ("SYDNEY, March 3 - TMOC operates the Mereenie oil and gas field in the Amadeus Basin.", "Mereenie"),
])
def test_a_mine_or_an_oil_field_is_no_organisation(extractor, body, site):
    assert site not in _extract(extractor, body).organizations


def test_a_tables_note_glued_to_its_year_is_no_organisation(extractor):
    article = Article(article_id="t", title="National Hmo Corp <NHMO> 2nd Qtr Jan 31",
                      body="MELBOURNE, Fla, March 20 - Shr loss nine cts vs profit nine cts\n\nNet loss 478,000 vs "
                           "profit 371,000\n\nRevs 3.4 mln vs 2.6 mln\n\nSix months\n\nNet loss 466,000 vs profit "
                           "685,000\n\nRevs 6.2 mln vs 5.0 mln\n\nNOTE:1987 net loss includes writeoff of deferred "
                           "start up costs totaling 490,000 dlrs.", published=date(1987, 3, 20))
    orgs = extract_entities(article, extractor).organizations
    assert "National Hmo" in orgs and not any("note" in org.lower() for org in orgs)


@pytest.mark.parametrize("body, place, cut", [
    ("WINSTON-SALEM, N.C., March 3 - R.J. Reynolds said sales rose in Winston-Salem and in Salem, Ore.",
     "Winston-Salem", None),
    ("NASSAU, March 3 - Tourism in the Turks and Caicos Islands rose 10 pct, officials said.",
     "Turks and Caicos Islands", "Caicos Islands"),
])
def test_a_place_after_a_word_and_a_hyphen_or_and_is_read_whole(extractor, body, place, cut):
    _has(_extract(extractor, body), "places", {place}, {cut} if cut else set())


def test_a_place_name_is_repaired_of_a_possessive_and_a_tables_reading():
    from searchapp.entities.place_spans import place_name

    assert place_name("United State") == "United States"  # "the United State's deficit"
    assert place_name("Santa Maria NIL") == "Santa Maria"  # a rainfall table's row
    assert place_name("Paris Basin") == "Paris Basin" and place_name("Ohio River") == "Ohio River"


@pytest.mark.parametrize("body, kept, gone", [
    ("NEW YORK, March 3 - The Dow Jones industrial average rose 20 points, and the Hang Seng index fell.",
     set(), {"Dow Jones", "Hang Seng"}),
    ("TORONTO, March 11 - \"We don't think that institutions buy our shares because we were one of the Dow Jones "
     "industrials,\" Inco Ltd said.", {"Inco"}, {"Dow Jones"}),
    ("NEW YORK, March 3 - Bill Sullivan of Dean Witter Reynolds Inc said the average monthly gain would slow.",
     {"Dean Witter Reynolds"}, set()),
    ("WELLINGTON, March 3 - The Reserve Bank sold 200 mln dlrs of Treasury bills at tender, the Treasury said.",
     {"New Zealand Treasury"}, set()),
    ("WELLINGTON, March 3 - The Reserve Bank sold 200 mln dlrs of Treasury bills at tender.", set(),
     {"New Zealand Treasury"}),
])
def test_an_index_or_a_treasury_bill_is_no_organisation(extractor, body, kept, gone):
    _has(_extract(extractor, body), "organizations", kept, gone)


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("AKRON, Ohio, March 30 - Gencorp urged shareholders to reject the hostile tender offer made March 18 "
                 "by General Acquisition Inc, an affiliate of Wagner and Brown and AFG Industries Inc.",
                 {"Wagner and Brown", "AFG Industries"}, {"Wagner and Brown and AFG Industries"},
                 id="a-partnership-and-a-firm"),
    pytest.param("AKRON, Ohio, March 30 - General Partners, a Texas general partnership equally owned by affiliates of "
                 "Wagner and Brown and AFG Industries Inc <AFG>, said it raised its offer.",
                 {"Wagner and Brown", "AFG Industries"}, {"Wagner and Brown and AFG Industries"},
                 id="a-partnership-and-a-firm-with-its-ticker"),
    pytest.param("PHOENIX, Ariz., March 3 - Also, Motorola said that its Microcomputer Division and Oregon Software "
                 "will be the sole supplier of the Pascal compiler.", {"Motorola"}, {"Microcomputer Division"},
                 id="a-unit-named-by-its-trade"),
])
def test_firms_parts_and_partnerships(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


@pytest.mark.parametrize(("body", "orgs", "not_people"), [
    pytest.param("NEW YORK, March 3 - \"It will be a short-lived phenomenon,\" said Carroll McEntee and McGinley "
                 "analyst Brian Singer.", {"Carroll McEntee and McGinley"}, {"Carroll McEntee"},
                 id="partners-before-a-job"),

    pytest.param("LONDON, March 7 - The ferry, owned by the British company Townsend Thoresen, capsized. A spokesman "
                 "for the owners, Townsend Thoresen, said it was possible.", {"Townsend Thoresen"},
                 {"Townsend Thoresen"}, id="after-company"),
    pytest.param("BOSTON, March 3 - Bank of New England said Morgan Stanley, Keefe Bruyette, Goldman Sachs and Merrill "
                 "Lynch will underwrite the issue.", {"Keefe Bruyette"}, set(), id="among-firms"),
])
def test_a_firm_named_like_a_person(extractor, body, orgs, not_people):
    entities = _extract(extractor, body)
    _has(entities, "organizations", orgs)
    _has(entities, "people", set(), not_people | orgs)


def test_partners_end_with_their_sentence(extractor):
    entities = _extract(extractor, "NEW YORK, April 8 - Shareholders challenged the price under consideration by "
                        "Donald Trump and Interstate Properties.\n\nAlexander's chairman Robin Farks said the suits "
                        "were without merit.")
    _has(entities, "people", {"Donald Trump"})
    _has(entities, "organizations", {"Interstate Properties"}, {"Donald Trump and Interstate Properties", "Trump"})


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("BOGOTA, April 3 - State-run oil company Ecopetrol said Colombia's main oil pipeline was bombed "
                 "again.", {"Ecopetrol"}, set(), id="an-untagged-name-after-company"),
    pytest.param("NEW YORK, April 3 - The company Chairman John Smith said the firm Friday would rise.", set(),
                 {"Chairman", "Friday", "Chairman John Smith"}, id="words-after-company"),
    pytest.param("LONDON, April 9 - Lead managers are Credit Suisse First Boston Ltd and Cazenove and Co.",
                 {"Credit Suisse First Boston", "Cazenove"}, set(), id="two-firms-each-with-its-legal-form"),
    pytest.param("HOLLISTER, Calif., March 3 - Shareholders of U.F. Genetics of Hollister, Calif., approved the merger. "
                 "Peoples Bank of Nanticoke, Pa., was sold.", {"U.F. Genetics", "Peoples Bank of Nanticoke"},
                 {"U.F. Genetics of Hollister"}, id="a-firm-of-its-town"),
    pytest.param("NEW YORK, March 3 - Sun Co cut the price of West Texas Intermediate to 16 dlrs.", set(),
                 {"West Texas Intermediate"}, id="a-crude-grade"),
    pytest.param("LISBON, March 3 - La Caixa bought a stake in Oporto-based <Banco Portugues de Investmento Sarl> "
                 "(BPI). The bank has also agreed with <Banco Portugues do Atlantico>, a state-owned bank.",
                 {"Banco Portugues de Investmento", "Banco Portugues do Atlantico"}, {"Banco Portugues"},
                 id="a-name-inside-the-wires-brackets"),
    pytest.param("NASHVILLE, Tenn., March 24 - Comdata Network Inc agreed to merge into a company formed by <Welsh, "
                 "Carson, Anderson and Stowe IV> for 16.50 dlrs in cash.", {"Welsh Carson Anderson and Stowe IV"},
                 {"Welsh"}, id="partners-inside-the-wires-brackets"),
    pytest.param("LONDON, March 3 - London trader E D and F Man said it sold two cargoes. Arthur Cherry, coffee analyst "
                 "at E.D. and F. Man, expressed doubts.", {"E.D. and F. Man"}, {"F. Man", "F Man", "E D and F Man"},
                 id="partners-by-their-initials"),
    pytest.param("NEW YORK, March 3 - The Federal Reserve Bank of New York said bank reserves rose.",
                 {"Federal Reserve Bank of New York"}, {"Federal Reserve Bank"}, id="a-bank-of-its-town"),
    pytest.param("WASHINGTON, March 3 - The Welland Canal opened. A Senate Banking Subcommittee approved the bill.",
                 set(), {"Welland Canal", "Senate Banking Subcommittee", "U.S. Senate Banking Subcommittee"},
                 id="a-waterway-and-an-unnamed-subcommittee"),
    pytest.param("WASHINGTON, March 3 - Amstutz told a House Agriculture Appropriations Subcommittee that exports "
                 "would rise, after testifying before a Senate Judiciary Committee.",
                 {"House Agriculture Appropriations Subcommittee", "Senate Judiciary Committee"}, set(),
                 id="named-committees-after-a"),
    pytest.param("WASHINGTON, March 17 - Rep. Dan Glickman, chairman of the House Agriculture subcommittee on wheat, "
                 "soybeans and feedgrains, said he would introduce the bill.", set(),
                 {"House Agriculture Subcommittee", "U.S. House Agriculture Subcommittee"},
                 id="a-subcommittee-named-in-lower-case"),
])
def test_firms_named_by_what_surrounds_them(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


@pytest.mark.parametrize("body", [
    "PHILADELPHIA, March 3 - SmithKline Beckman Corp, whose major product is the antiulcer medication Tagamet, said "
    "Tagamet sales fell.",
    "BRUSSELS, March 3 - SmithKline is selling a hepatitis B vaccine, called Engerix-B, in Belgium. Engerix-B has "
    "been approved.",
])
def test_a_product_is_no_name_of_the_facets(extractor, body):
    entities = _extract(extractor, body)
    assert not {"Tagamet", "Engerix-B"} & {*entities.people, *entities.places, *entities.organizations}, entities


def test_a_crude_grade_is_no_person(extractor):
    entities = _extract(extractor, "NEW YORK, March 3 - Sun Co raised its posted prices. Light Louisiana Sweet North "
                        "rose to 17.85 dlrs a barrel, and West Texas Intermediate to 17.50 dlrs.")
    assert not {"Louisiana Sweet North", "Light Louisiana Sweet North"} & set(entities.people), entities


def test_an_article_opening_a_firms_name_is_no_town(extractor):
    entities = _extract(extractor, "LISBON, March 3 - La Caixa bought a stake in the bank.")
    _has(entities, "places", {"Lisbon"}, {"Los Angeles"})


@pytest.mark.parametrize(("body", "places", "orgs", "not_people", "not_orgs"), [
    pytest.param("KYUSHU ELECTRIC POWER ISSUES YEN BONDS LONDON, March 24 -\n\nKyushu Electric Power Co Inc is issuing "
                 "a 20 billion yen bond, said Nomura Securities Co Ltd as lead manager.", {"London"},
                 {"Kyushu Electric Power"}, set(), set(), id="a-dateline-run-onto-a-shouted-headline"),
    pytest.param("MONTREAL, March 18 - Canadian Pacific Ltd said it retained Wood Gundy Inc to seek a buyer for Maple "
                 "Leaf Mills Ltd of Toronto.", {"Toronto"}, {"Maple Leaf Mills"}, set(), set(),
                 id="a-firm-and-its-seat"),
    pytest.param("NEW YORK, March 25 - Trading in the units of BenEquity Holdings, a California Limited Partnership, "
                 "was suspended. Burger King Limited Partnership said so.", {"California"},
                 {"Burger King Limited Partnership"}, {"Limited Partnership"}, {"California Limited"},
                 id="what-a-firm-is-and-a-title-inside-a-firm"),
])
def test_where_firms_are(extractor, body, places, orgs, not_people, not_orgs):
    entities = _extract(extractor, body)
    _has(entities, "places", places)
    _has(entities, "organizations", orgs, not_orgs)
    _has(entities, "people", set(), not_people)


def test_a_countrys_misspelling_and_a_name_one_letter_from_a_state():
    from searchapp.entities.places import misspelt_place

    assert misspelt_place("Equador") == "Ecuador" and misspelt_place("Saudia Arabia") == "Saudi Arabia"
    assert misspelt_place("Lichtenstein") == "Liechtenstein" and misspelt_place("Tennesee") == "Tennessee"
    assert misspelt_place("Kansai") is None and misspelt_place("Sumita") is None and misspelt_place("Peru") is None


def test_a_us_national_banks_legal_form():
    from searchapp.entities.orgs import strip_legal_suffix

    assert strip_legal_suffix("Bank of America NT and SA") == "Bank of America"
    assert strip_legal_suffix("Bank of America N.T.") == "Bank of America"


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("LONDON, March 3 - The issue is led by Hoare Govett (Far East) Ltd and Merrill Lynch International "
                 "(Europe) Ltd.", {"Hoare Govett (Far East)", "Merrill Lynch International (Europe)"},
                 {"Far East Ltd", "Hoare Govett", "Merrill Lynch International"}, id="a-bracketed-part-of-a-name"),
    pytest.param("HONG KONG, March 3 - Cheung Kong (Holdings) Ltd and Morgan Grenfell and Co (Pte) Ltd said they "
                 "agreed.", {"Cheung Kong", "Morgan Grenfell"},
                 {"Cheung Kong (Holdings)", "Morgan Grenfell and Co (Pte)"},
                 id="a-bracketed-word-that-says-what-a-firm-is"),
    pytest.param("NEW YORK, March 3 - Progressive Savings and Loan Association <PRSL> said it agreed to be bought. "
                 "Far West Financial Corp said its Far West Savings and Loan Association unit will buy it.",
                 {"Progressive Savings and Loan Association", "Far West Savings and Loan Association"},
                 {"Loan Association", "Progressive Savings"}, id="savings-and-loan"),
    pytest.param("WASHINGTON, March 3 - Assets of money market funds rose, the Investment Company Institute said.",
                 {"Investment Company Institute"}, {"Investment Co", "Institute"}, id="a-body-of-firms"),
    pytest.param("NEW YORK, March 3 - Transworld Corp Liquidating Trust said it paid holders.",
                 {"Transworld Corp Liquidating Trust"}, {"Liquidating Trust", "Transworld"}, id="a-firms-own-trust"),
    pytest.param("LUXEMBOURG, March 3 - The issue is co-managed by Kredietbank and Banque Internationale a Luxembourg "
                 "SA (BIL).", {"Banque Internationale a Luxembourg"}, {"Banque Internationale"},
                 id="a-french-a-in-a-name"),
    pytest.param("TOKYO, March 3 - \"It is a big step,\" said Industrial Bank of Japan Ltd economist Susumu Taketomi. "
                 "Industrial Bank's Taketomi said the cut would help.", {"Industrial Bank of Japan"},
                 {"Industrial Bank"}, id="a-name-cut-before-of-and-its-country"),
])
def test_firms_names_read_whole(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


@pytest.mark.parametrize(("body", "people", "places", "not_orgs"), [
    pytest.param("CARACAS, March 3 - Minister of Energy and Mines Arturo Hernandez Grisanti said output rose. "
                 "Hernandez said PDVSA's income fell.", {"Arturo Hernandez Grisanti"}, set(), {"Hernandez"},
                 id="the-first-of-a-double-surname"),
    pytest.param("NEW YORK, March 3 - Banks raised reserves against Third World loans.", set(), set(),
                 {"Third World"}, id="a-grouping-of-nations"),  # no place either (test below)
    pytest.param("NEW YORK, March 3 - The Collateralised Mortgage Obligation was sold under the Medium Term Financial "
                 "Strategy.", set(), set(), {"Collateralised Mortgage Obligation", "Medium Term Financial Strategy"},
                 id="an-instrument-and-a-policy"),
])
def test_not_bodies(extractor, body, people, places, not_orgs):
    entities = _extract(extractor, body)
    _has(entities, "people", people)
    _has(entities, "places", places)
    _has(entities, "organizations", set(), not_orgs)


@pytest.mark.parametrize(("body", "places", "orgs", "not_places", "not_orgs"), [
    pytest.param("WASHINGTON, April 13 - The CCC accepted a bonus on 2,750 head of dairy cattle to the Canary Islands. "
                 "The bonus was made to Holstein-Friesian, Inc.", {"Canary Islands"}, {"Holstein-Friesian"},
                 {"Holstein-Friesian"}, {"Canary Islands"}, id="an-island-group-and-a-firm-with-a-comma"),
    pytest.param("REDWOOD CITY, Calif., April 13 - <DHL Worldwide Express> added centers in the German Democratic "
                 "Republic (East Germany).", {"East Germany"}, {"DHL Worldwide Express"}, {"Germany"},
                 {"Worldwide Express"}, id="a-bracket-cut-by-ner"),
    pytest.param("CHICAGO, March 17 - The suit comes in the wake of an Illinois Commerce Commission decision.",
                 {"Illinois"}, {"Illinois Commerce Commission"}, set(), set(), id="a-body-after-an"),
    pytest.param("Kansas City Truck Prices - USDA\n\nAPRIL 7 - FOR SUPPLIES DELIVERED TO K.C. WINTER WHEAT",
                 {"Kansas City"}, set(), {"Kansas City Truck"}, set(), id="a-headlines-word-run-onto-a-town"),
    pytest.param("WASHINGTON, April 7 - Ruding backed the General Capital Increase of the World Bank. The U.S. "
                 "opposes a GCI at present. The quake measured six on the Mercalli scale.", set(), {"World Bank"},
                 set(), {"GCI", "General Capital Increase", "Mercalli"}, id="an-acronym-of-a-measure-and-a-scale"),
])
def test_names_read_whole_or_as_what_they_are(extractor, body, places, orgs, not_places, not_orgs):
    entities = _extract(extractor, body)
    _has(entities, "places", places, not_places)
    _has(entities, "organizations", orgs, not_orgs)


def test_a_firm_named_with_its_legal_form_only_outside_ners_spans_has_that_spelling(extractor):
    mentions = next(extractor.analyse(["Charter Co <QCHR> 4th Qtr Oper Loss\n\nJACKSONVILLE, Fla., March 24 - Oper "
                                       "shr loss one ct vs loss four cts"]))
    assert ("org", "Charter", "Charter Co", 0) in mentions.surfaces, mentions.surfaces


def test_islands_have_their_country():
    from searchapp.entities.places import canonical_place, country_of

    assert country_of(canonical_place("Bali")) == "Indonesia" and country_of(canonical_place("Sicily")) == "Italy"
    assert country_of(canonical_place("Canaries")) == "Spain" and country_of(canonical_place("Labrador")) == "Canada"


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("HARTFORD, Conn., March 31 - Pratt and Whitney, a unit of United Technologies Corp, said it won the "
                 "order.", {"Pratt and Whitney"}, {"Whitney"}, id="an-untagged-partner"),
    pytest.param("HAMBURG, March 4 - Vereins- und Westbank AG plans to streamline its branches.",
                 {"Vereins- und Westbank"}, {"Westbank", "Vereins-"}, id="a-partner-cut-at-its-hyphen"),
    pytest.param("HOUSTON, March 3 - Texaco and Pennzoil talked. Banks and Citicorp disagreed.",
                 {"Texaco", "Pennzoil", "Citicorp"}, {"Texaco and Pennzoil", "Banks and Citicorp"},
                 id="two-names-or-a-word-opening-a-sentence"),
    pytest.param("FRANKFURT, April 7 - In chemicals BASF lost 5.70 to 276.10, but its mostly owned subsidiary Kali "
                 "und Salz firmed 2.50 to 213.50, despite news last week it swung into a loss in 1986.",
                 {"BASF", "Kali und Salz"}, {"Salz", "Kali"}, id="a-german-partner-ner-took-for-a-person"),
])
def test_partners_cut_by_ner(extractor, body, orgs, not_orgs):
    ents = _extract(extractor, body)
    _has(ents, "organizations", orgs, not_orgs)
    assert not {"Kali", "Cali"} & set(ents.people + ents.places)  # a German firm's partner is no person, no town


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("NEWPORT BEACH, Calif., April 7 - NMR Centers Inc said its common stock has started trading on the "
                 "NASDAQ National Market System.", {"NMR Centers"}, {"Centers"}, id="initials-ner-left-out"),
    pytest.param("CAMBRIDGE, Mass., March 3 - BBN Advanced Computers Inc said it sold a computer.",
                 {"BBN Advanced Computers"}, {"Advanced Computers"}, id="initials-before-two-words"),
])
def test_a_firms_initials_belong_to_its_name(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


def test_a_word_opening_a_firms_hyphenated_name_is_that_firm_not_a_person(extractor):
    mentions = next(extractor.analyse([
        "Kohlberg Kravis Has 96 Pct Owens-Illinois <OI>\n\nNEW YORK, March 17 - OII Holdings Corp said it bought "
        "96 pct of Owens-Illinois Inc common stock. Owens shareholders who did not tender will receive cash."]))
    assert "Owens-Illinois" in mentions.organizations and "Owens" not in mentions.people, mentions


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("TOKYO, March 3 - The House of Representatives passed the budget.",
                 {"Japanese House of Representatives"}, {"House of Representatives"}, id="a-lower-house"),
    pytest.param("ROME, March 3 - The Chamber of Deputies voted.", {"Italian Chamber of Deputies"},
                 {"Chamber of Deputies"}, id="a-chamber"),
    pytest.param("NEW YORK, March 3 - Ivan F. Boesky and Co sold shares. Edward A. Viner and Co Inc bought them. "
                 "Goldman Sachs and Co advised.", {"Ivan F. Boesky and Co", "Edward A. Viner and Co", "Goldman Sachs"},
                 {"Ivan F. Boesky", "Edward A. Viner"}, id="a-firm-named-after-a-man"),
])
def test_bodies_named_like_others(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


@pytest.mark.parametrize(("body", "places", "orgs", "not_places", "not_orgs"), [
    pytest.param("FRANKFURT, April 9 - The dollar fell after the Washington IMF/World Bank meetings. Claus Koehler "
                 "said in West Berlin that German call money was steady.", {"Washington", "West Berlin"},
                 {"IMF", "World Bank"}, {"Berlin"}, {"Washington IMF/World Bank"}, id="bodies-joined-by-a-slash"),
    pytest.param("NEW DELHI, March 25 - An unnamed Norwegian firm agreed to buy alumina from a refinery in Orissa "
                 "state, a Commerce Ministry official told Reuters.", set(), {"Indian Commerce Ministry"}, set(),
                 {"Norwegian Commerce Ministry"}, id="a-nationality-of-another-actor"),
    pytest.param("LONDON, March 3 - The ministers of the U.S., Japan and the U.K. -- the Group of Five -- plus "
                 "Canada, signed an accord.", set(), {"Group of Five"}, set(), {"Group of Five --"},
                 id="a-dash-after-a-name"),
    pytest.param("NEW YORK, March 3 - The increase began with USX Corp's <X> Marathon Petroleum Corp's notification "
                 "yesterday.", set(), {"USX", "Marathon Petroleum"}, set(), set(), id="a-firm-after-its-owners-ticker"),
    pytest.param("PARIS, March 3 - Beghin-Say will finance expansion for its Kaysersberg subsidiary.", set(),
                 {"Kaysersberg"}, {"Kaysersberg"}, set(), id="a-subsidiary-named-after-its-town"),
    pytest.param("LONDON, March 3 - The new products were Statil, a treatment for diabetic complications, and "
                 "Zoladex, a treatment for cancer. The Public Sector Borrowing Requirement fell.", set(), set(),
                 {"Statil", "Zoladex"}, {"Statil", "Zoladex", "Public Sector Borrowing Requirement"},
                 id="products-introduced-after-their-name-and-a-measure"),
    pytest.param("MILAN, March 9 - Montedison SpA acquired a stake in <Plant Cell Research Institute - PCRI>.\n\n"
                 "MINNEAPOLIS, April 8 - The Brotherhood of Railway and Airline Clerks said more than 5,500 former "
                 "Republic Airlines workers will receive an average of 1,100 dlrs.", set(),
                 {"Plant Cell Research Institute", "Brotherhood of Railway and Airline Clerks"}, set(),
                 {"Airline Clerks", "Brotherhood of Railway"}, id="an-acronym-in-brackets-and-a-union-of-two-trades"),
])
def test_more_names_read_whole_or_as_what_they_are(extractor, body, places, orgs, not_places, not_orgs):
    entities = _extract(extractor, body)
    _has(entities, "places", places, not_places)
    _has(entities, "organizations", orgs, not_orgs)


def test_states_are_named_as_of_the_articles_date(extractor):
    body = "BONN, March 3 - Germany's trade surplus rose, the Finance Ministry said."
    then = _extract(extractor, body)
    _has(then, "places", {"West Germany"}, {"Germany"})
    _has(then, "organizations", {"West German Finance Ministry"}, {"German Finance Ministry"})
    later = extract_entities(Article(article_id="t", title="", body=body, published=date(1995, 3, 3),
                                     title_derived=True), extractor)
    _has(later, "places", {"Germany"}, {"West Germany"})
    _has(later, "organizations", {"German Finance Ministry"}, {"West German Finance Ministry"})


def test_a_voyage_names_its_two_ports(extractor):
    entities = _extract(extractor, "London Ore Enquiries/Fixtures\n\nLONDON, April 1 - Enquiries - South "
                        "Africa/Salvador, Brazil 15,000 long tons manganese ore.\n\nCallao/Crotone 5,000 mt minerals "
                        "4,000/2,000 spot.\n\nThe DNS/NS wheat and Shell/Esso deals were done in May/June.")
    _has(entities, "places", {"Callao", "Crotone", "South Africa", "Salvador"})
    _has(entities, "organizations", set(), {"NS", "Shell/Esso"})


def test_a_union_of_two_trades_that_ner_cut_in_two(extractor):
    article = Article(article_id="t", title="Former Republic Workers Get Stock Payout", body=(
        "MINNEAPOLIS, April 8 - The Brotherhood of Railway and Airline Clerks said more than 5,500 former Republic "
        "Airlines workers will receive an average of 10,000 dlrs each as part of a stock payout.\n\nIt said some "
        "members will receive almost 19,000 dlrs in payments."), published=date(1987, 4, 8))
    entities = extract_entities(article, extractor)
    _has(entities, "organizations", {"Brotherhood of Railway and Airline Clerks"}, {"Airline Clerks",
                                                                                    "Brotherhood of Railway"})


def test_a_place_span_cut_inside_a_bracket():
    from searchapp.entities.names import clean_place

    assert clean_place("the German Democratic Republic (East Germany") == "German Democratic Republic"
    assert clean_place("the Bank of Japan)") == "Bank of Japan"


def test_a_group_named_by_its_number_and_a_misspelt_month(extractor):
    entities = _extract(extractor, "FRANKFURT, April 9 - The dollar ended lower after the Group of Seven meeting in "
                        "Washington. Sales fell in Feburary.")
    _has(entities, "organizations", {"Group of Seven"}, {"Group of", "Group"})
    _has(entities, "places", {"Washington"}, {"Feburary"})


@pytest.mark.parametrize(("title", "body", "orgs", "not_orgs"), [
    pytest.param("Citibank Launches Currency Warrants", "NEW YORK, March 3 - Citibank NA said it launched currency "
                 "warrants, a first for the bank, in a bid to compete with other firms in the market for foreign "
                 "exchange products.", {"Citibank"}, {"Citibank Launches Currency"}, id="a-headlines-words"),
    pytest.param("", "NEW YORK, March 3 - Sales fell in Augsut, Acme Corp said.", {"Acme"}, {"Augsut"},
                 id="a-misspelt-month"),
])
def test_no_organisation_of_a_headlines_words(extractor, title, body, orgs, not_orgs):
    article = Article(article_id="t", title=title, body=body, published=date(1987, 3, 3), title_derived=not title)
    _has(extract_entities(article, extractor), "organizations", orgs, not_orgs)


def test_a_reports_headline_names_its_source_and_a_nationality_glued_after_a_name(extractor):
    article = Article(article_id="t", title="Federal Reserve Weekly Report 3 - Feb 26", body=(
        "FEDERAL RESERVE WEEKLY REPORT 3 - FEB 26\n\nOne week ended Feb 25 daily avgs-mlns\n\nGovts bought "
        "outright....193,374 down....1,342\n\nGovts repurchases............nil unch\n\nAgencies bought "
        "outright...7,719 unch\n\nMatched sales..............4,920 vs......3,788\n\nIncluding sales with "
        "cust..4,369 vs......3,788\n\nOther Fed assets..........16,806 down....1,161"), published=date(1987, 2, 26))
    _has(extract_entities(article, extractor), "organizations", {"Federal Reserve"})
    entities = _extract(extractor, "FRANKFURT, March 3 - Hamburgische Landesbank Girozentrale Canadian dollar bond "
                        "was priced.")
    _has(entities, "organizations", {"Hamburgische Landesbank Girozentrale"},
         {"Hamburgische Landesbank Girozentrale Canadian"})


def test_a_figures_headline_names_no_body_of_its_words(extractor):
    article = Article(article_id="t", title="London Eurodollar Deposits Rates Opening - April 7", body=(
        "LONDON EURODOLLAR DEPOSITS RATES OPENING - APRIL 7\n\novernight 6-1/8 SIX\n\ntom/next 6-1/4 1/8\n\n"
        "spot/next 6-1/4 1/8\n\nweek fixed 6-5/16 3/16\n\none month 6-7/16 5/16\n\ntwo 6-1/2 3/8 three 6-9/16 "
        "7/16\n\nfour 6-9/16 7/16 five 6-5/8 1/2\n\nsix 6-5/8 1/2 nine 6-3/4 5/8\n\ntwelve 6-13/16 11/16"),
        published=date(1987, 4, 7))
    entities = extract_entities(article, extractor)
    _has(entities, "organizations", set(), {"London Eurodollar"})
    _has(entities, "places", {"London"})


def test_regions_under_english_names_a_crude_and_a_body_of_banks(extractor):
    entities = _extract(extractor, "LONDON, March 3 - Dubai crude fell 10 cts. The West German Federation of Banks "
                        "said rates rose. Israel occupied the West Bank and Gaza. Unrest spread in Bavaria.")
    _has(entities, "places", {"West Bank", "Gaza Strip", "Bavaria", "London"}, {"Dubai", "Gaza",
                                                                                "West German Federation of Banks"})
    _has(entities, "organizations", {"West German Federation of Banks"})
    from searchapp.entities.places import canonical_place, country_of

    assert country_of(canonical_place("Gaza")) == "Palestinian Territory" and country_of("Bavaria") == "Germany"


def test_an_unknown_place_the_corpus_writes_in_lower_case_is_no_place():
    from searchapp.entities.corpus import CorpusMaps

    local = [Entities(places=("Sorghum", "Midwest", "Northeast")), Entities(places=("Sorghum", "Midwest", "Northeast")),
             Entities(), Entities()]
    lowered = [(), (), ("sorghum", "northeast"), ("sorghum", "wheat", "northeast")]
    maps = CorpusMaps.build(local, lowered=lowered)
    assert maps.apply(local[0]).places == ("Midwest", "Northeast")  # a region stays, as written


@pytest.mark.parametrize(("body", "not_people", "not_places"), [
    pytest.param("NEW YORK, March 3 - Revlon Group agreed to buy Germaine Monteil Cosmetics from Beecham.",
                 {"Germaine Monteil Cosmetics"}, set(), id="a-firm-by-its-trade"),
    pytest.param("MONTEVIDEO, March 3 - Uruguay had been loyal to the principles of the Cartagena group of Latin "
                 "American debtors.", set(), {"Cartagena"}, id="a-group-named-after-a-town"),
])
def test_names_that_are_no_people_or_places(extractor, body, not_people, not_places):
    entities = _extract(extractor, body)
    _has(entities, "people", set(), not_people)
    _has(entities, "places", set(), not_places)


def test_partners_named_together_a_unit_and_partners_by_commas(extractor):
    entities = _extract(extractor, "LONDON, March 3 - Allied-Lyons chairman Derrick Holden-Brown spoke of distiller "
                        "Hiram Walker-Gooderham and Worts, Allied said. Texaco and Pennzoil talked; Pennzoil said "
                        "no. Shares of Chrysler and Ford rose. Brokers Rothschild, Unterberg, Towbin Inc said so. Iraq "
                        "said the Mohammed al-Qassem forces attacked.")
    _has(entities, "organizations", {"Hiram Walker-Gooderham and Worts", "Texaco", "Pennzoil", "Chrysler", "Ford",
                                     "Rothschild Unterberg Towbin"}, {"Worts", "Towbin", "Texaco and Pennzoil"})
    _has(entities, "people", set(), {"Hiram Walker-Gooderham", "Mohammed al-Qassem"})


def test_a_us_title_a_river_named_first_and_a_railway_named_by_its_towns(extractor):
    entities = _extract(extractor, "TOKYO, March 3 - Treasury Secretary James Baker said the dollar should fall, the "
                        "Treasury said. Wheat from the River Plate and Buenos Aires to Sri Lanka received 21 dlrs. "
                        "The ICC reopened the merger of the Atchison, Topeka and Santa Fe Railway Co and the "
                        "Southern Pacific.")
    _has(entities, "organizations", {"U.S. Treasury", "Atchison Topeka and Santa Fe Railway"},
         {"Japanese Treasury", "River Plate"})
    _has(entities, "places", {"River Plate"}, {"Atchison", "Topeka"})


def test_a_treasury_named_first_by_another_title_keeps_its_country(extractor):
    entities = _extract(extractor, "LONDON, March 3 - The talks were a matter for the banks, a Treasury spokesman "
                        "said. Funaro had earlier met Treasury Secretary James Baker.")
    _has(entities, "organizations", {"British Treasury"})


def test_the_agency_told_before_a_name_and_the_yemens_of_the_time(extractor):
    entities = _extract(extractor, "WASHINGTON, March 3 - The sources told Reuters Senate Budget Committee Chairman "
                        "Lawton Chiles believes it. Exports to North Yemen and South Yemen rose.")
    _has(entities, "organizations", {"Reuters"})
    _has(entities, "places", {"North Yemen", "South Yemen"}, {"Yemen"})


def test_a_chamber_only_of_the_parliaments_that_have_one(extractor):
    entities = _extract(extractor, "OTTAWA, March 3 - Yeutter told trade leaders from Japan, the EC and Canada that a "
                        "protectionist bill reaching the House of Representatives this week would pass. The U.S. "
                        "economy needed better figures.")
    _has(entities, "organizations", {"U.S. House of Representatives"}, {"Canadian House of Representatives"})
    _has(_extract(extractor, "TOKYO, March 3 - The House of Representatives passed the budget."), "organizations",
         {"Japanese House of Representatives"})


def test_a_big_town_ner_took_for_a_people(extractor):
    entities = _extract(extractor, "NAIROBI, March 3 - The line will operate services between Mombasa and the main "
                        "ports of industrial Europe. Christian and Moslem leaders met.")
    _has(entities, "places", {"Mombasa", "Europe"}, {"Christian"})


@pytest.mark.parametrize(("body", "places", "not_places"), [
    pytest.param("Texas Instruments Plans Plant\n\nLONDON, April 1 - Texas Instruments Inc said it will build a new "
                 "chip plant.", {"London"}, {"Texas"}, id="a-state-opening-a-firms-name"),
    pytest.param("EAST ORANGE, N.J., March 2 - An offering of 1,250,000 units is under way through underwriters led "
                 "by Jersey Capital Markets Group Inc.", {"East Orange", "New Jersey"}, {"Jersey"},
                 id="beside-a-longer-place"),
    pytest.param("CLEVELAND, Feb 26 - Standard Oil Co and BP North America Inc said they plan to form a venture. "
                 "BP North America is a subsidiary of British Petroleum Co Plc.", {"Cleveland"}, {"North America"},
                 id="closing-a-firms-name"),
    pytest.param("Texas Lowers Chip Prices\n\nLONDON, April 1 - Texas Instruments Inc said it cut its chip prices.",
                 {"London"}, {"Texas"}, id="a-headline-shortening-the-firms-name"),
    pytest.param("LONDON, April 1 - Texas Instruments Inc said it will build a plant in Texas.", {"Texas"}, set(),
                 id="named-once-outside-the-firm"),
    pytest.param("Gillette Canada Issues 70 Mln Stg Bond\n\nLONDON, March 3 - Gillette Canada Inc is issuing a 70 mln "
                 "stg bond. Bank of Tokyo Ltd also issued bonds.", {"Canada", "Tokyo"}, set(),
                 id="a-country-and-a-town-after-of"),
    pytest.param("SAN MATEO, Calif., March 3 - Franklin California Tax-Free Income Fund Inc set its payout.",
                 {"California"}, set(), id="a-state-of-a-dateline-town-named-with-its-state"),
    pytest.param("HOUSTON, March 3 - Texas Air Corp said its Continental unit will add flights.", {"Texas"}, set(),
                 id="a-state-of-the-datelines-country"),
    pytest.param("TORONTO, March 3 - Canada Packers Inc said it raised its prices.", {"Canada"}, set(),
                 id="the-datelines-country"),
    pytest.param("PARIS, March 3 - The Bank of Japan bought dollars, dealers said.", {"Japan"}, set(),
                 id="a-body-that-is-no-firm"),
    pytest.param("Cincinnati Bell <CSN> to Sell 10-Year Notes\n\nNEW YORK, June 1 - Cincinnati Bell Inc said it will "
                 "sell up to 90 mln dlrs of 10-year notes to complete the financing of its acquisition of Auxton "
                 "Computer Enterprises Inc.\n\nIt said it plans to issue the notes within the next few months. "
                 "Cincinnati Bell acquired Auxton on May six.", {"New York"}, {"Cincinnati"},
                 id="a-town-of-the-datelines-country"),
    pytest.param("Cooper Basin Natural Gas Reserves Upgraded\n\nADELAIDE, April 3 - Remaining recoverable gas reserves "
                 "in the areas held by the Santos Ltd <STOS.S>-led Cooper Basin joint ventures have been upgraded to "
                 "2,721.7 billion cubic feet (bcf) from the 2,466 estimated last May, Santos said.\n\nThe upgrading "
                 "followed a re-review by consultant <Coles Nikiforuk Pennell Associates> in light of the large number "
                 "of gas finds since May 1986, Santos said in a statement.", {"Adelaide"}, {"Santos"},
                 id="the-firms-short-name-speaking"),
    pytest.param("Santos Coffee Exports Rise\n\nRIO DE JANEIRO, April 3 - Santos Ltd said it bought coffee. Coffee "
                 "exports from the port of Santos rose, Santos said.", {"Santos"}, set(),
                 id="the-short-name-beside-the-place-itself"),
])
def test_a_place_the_story_names_only_inside_its_firms_names(extractor, body, places, not_places):
    _has(_extract(extractor, body), "places", places, not_places)


def test_an_italian_firm_with_its_spa_is_no_place_nor_person(extractor):
    entities = _extract(extractor, "TREVISO, Italy, March 2 - Benetton Group Spa [BTOM.MI] said it reached agreement "
                        "with textiles concern [GFT-Gruppo Finanziario Tessile Spa] for a joint venture.\n\nA Benetton "
                        "spokeswoman said details would be outlined in Milan.\n\nIn January, Benetton acquired a "
                        "large minority stake in the Italian unit.")
    _has(entities, "organizations", {"Benetton Group", "GFT-Gruppo Finanziario Tessile"})
    _has(entities, "places", {"Milan", "Treviso"}, {"Benetton"})
    assert "Benetton" not in entities.people, entities
    entities = _extract(extractor, "ADELAIDE, March 3 - Santos Ltd <STOS.S> said profits rose.\n\nIn January, Santos "
                        "acquired a stake in a gas field.")
    _has(entities, "places", {"Adelaide"}, {"Santos"})  # the firm buys; the Brazilian port does not


def test_a_hyphenated_name_ner_cut_at_its_hyphen(extractor):
    entities = _extract(extractor, "NEW YORK, March 9 - Petro-Canada, the state-owned oil company, raised its price "
                        "64 Canadian cts a barrel.\n\nPetro-Canada's posted price for the benchmark light sweet grade "
                        "now stands at 21.95 Canadian dlrs/bbl. Dropped from the plan were the Minneapolis-St. Paul "
                        "and San Francisco airports, and Seattle-First National Bank's loans.")
    _has(entities, "places", {"New York", "Minneapolis", "Saint Paul"}, {"Petro", "Seattle"})
    _has(_extract(extractor, "LONDON, March 9 - Marcel Masse said Petro-Canada would be worth four billion dlrs."),
         "places", {"London"}, {"Petro", "Canada"})  # "[Petro]-[Canada]": neither is a place


@pytest.mark.parametrize(("body", "orgs", "not_orgs"), [
    pytest.param("BRUSSELS, March 24 - The 50 European Currency Unit gold coins go on sale tomorrow.", set(),
                 {"European Currency Unit"}, id="a-currency"),
    pytest.param("NEW YORK, March 3 - Yesterday Citicorp <CCI>, with Audio/Video Affiliates Inc <AVA> an owner of "
                 "CYACQ, said it had offered more. S and P downgraded MCorp's senior debt to BBB-minus from "
                 "BBB-plus, subordinated debt to BB-plus from BBB.", {"Audio/Video Affiliates"},
                 {"Video Affiliates", "BBB-plus", "BB-plus"}, id="a-slash-before-a-ticker-firms-name-and-ratings"),
    pytest.param("LONDON, March 3 - \"It is a storm in a teacup,\" a dealer with a U.K. Bank said. Another U.S. Bank "
                 "source agreed. The U.K. Treasury said nothing of a U.S. Navy ship.", {"British Treasury", "U.S. Navy"},
                 {"U.K. Bank", "U.S. Bank"},
                 id="one-of-a-countrys-banks"),
    pytest.param("CAIRO, March 3 - The debt was rescheduled by the Paris Club of Western creditor governments. The "
                 "League of Arab States met.", {"Paris Club", "League of Arab States"}, {"Paris Club of Western"},
                 id="of-and-an-adjective-before-lower-case-words"),
    pytest.param("BRASILIA, March 30 - Exporters need no order from the Banco do Brasil's Foreign Trade Department "
                 "(Cacex), Sarney said.", {"Banco do Brasil"}, {"Brasil's Foreign Trade Department"},
                 id="an-owner-cut-at-its-particle"),
])
def test_names_that_are_no_bodies_or_cut_ones(extractor, body, orgs, not_orgs):
    _has(_extract(extractor, body), "organizations", orgs, not_orgs)


def test_a_town_the_story_writes_as_a_grade_of_crude_is_that_grade_all_through_it(extractor):
    entities = _extract(extractor, "NEW YORK, March 26 - Energy futures were supported by April 15-day forward Brent "
                        "crude, traders said. April Brent traded as high as 19.40 dlrs, far below the official price "
                        "for the similar quality Bonny Light.")
    _has(entities, "places", {"New York"}, {"Brent"})
    _has(entities, "people", set(), {"Bonny Light"})
    _has(_extract(extractor, "LONDON, March 3 - Prices of North Sea Brent-grade crude dipped to a low of 8.50 dlrs a "
                  "barrel last July from a peak of over 30 dlrs the previous November.\n\nThey recovered to around 18 "
                  "dlrs a barrel after last December's OPEC meeting and Brent traded today around 17.15 dlrs."),
         "places", {"London"}, {"Brent"})
    _has(_extract(extractor, "LONDON, March 26 - Dubai crude rose 20 cts, traders in Dubai said. Bass Strait crude "
                  "fell."), "places", {"Dubai", "Bass Strait"})  # a town where something happened; a landmark


def test_an_owner_whose_opening_word_ner_left_untagged(extractor):
    entities = _extract(extractor, "BRASILIA, April 7 - In the media, Sarney has to contend with strong criticism.\n\n"
                        "One senior political commentator, Fernando Pedreira of the Jornal do Brasil, wrote in the "
                        "newspaper last week.")
    _has(entities, "organizations", {"Jornal do Brasil"})
    _has(entities, "people", {"Fernando Pedreira"}, {"Brasil"})


def test_firms_joined_by_the_and_of_another_language(extractor):
    entities = _extract(extractor, "AMSTERDAM, April 7 - In the underwriting syndicate are ABN bank, NMB bank, "
                        "Rabo-bank, Pierson, Heldring en Pierson, Mees en Hope, Van Haften en Co and Lazard Freres et "
                        "Cie. Exports to Saint-Pierre et Miquelon rose. The management group consists of RABO, NMB, "
                        "CLN Oyens en van Eeghen and F van Lanschot Bankiers, with l'Union de Garantie et de Placement.")
    _has(entities, "organizations", {"Pierson Heldring en Pierson", "Mees en Hope", "Van Haften", "Lazard Freres",
                                     "Rabo-bank", "CLN Oyens en van Eeghen"}, {"Pierson", "Van Haften en",
                                                                              "Lazard Freres et", "Garantie et de Placement"})
    assert not {"Cln Oyens", "CLN Oyens"} & set(entities.people), entities
    _has(entities, "places", {"Saint-Pierre-et-Miquelon"}, {"Rabo-bank"})
    entities = _extract(extractor, "PARIS, March 3 - Bidders came from France, Spain and West Germany, Duffour et Igon "
                        "Chairman Jean Igon said. BBC AG Brown Boveri und Cie rose, and so did Berliner Handels- und "
                        "Frankfurter Bank.")
    _has(entities, "organizations", {"Duffour et Igon", "Brown Boveri", "Berliner Handels- und Frankfurter Bank"},
         {"AG Brown Boveri", "Berliner Handels- und Frankfurter"})
    _has(entities, "places", {"West Germany"})


def test_an_island_ner_took_for_a_facility(extractor):
    entities = _extract(extractor, "WATERTOWN, Mass., March 26 - Ionics Inc said it won a contract from (Electrica "
                        "Maspalomas SA), a water utility in Grand Canary Island, Spain.")
    _has(entities, "places", {"Grand Canary Island", "Spain"})
    _has(_extract(extractor, "CCC Accepts Bonus on Cattle to Canary Islands\n\nWASHINGTON, April 13 - The Commodity "
                  "Credit Corporation accepted a bid for an export bonus on 2,750 head of dairy cattle to the Canary "
                  "Islands, the U.S. Agriculture Department said."), "places", {"Canary Islands"},
         {"Bonus on Cattle to Canary Islands"})


@pytest.mark.parametrize(("body", "kind", "wanted", "unwanted"), [
    pytest.param("WASHINGTON, March 3 - A U.S. Navy battle group led by the aircraft carrier Kitty Hawk is in the "
                 "Arabian Sea. The Kuwaiti tanker Al Funtas was hit.", "people", set(), {"Kitty Hawk", "Al Funtas"},
                 id="ships"),
    pytest.param("NEW YORK, March 3 - It runs at 20 MHz and has a 115 MB fixed disk drive. However, M-1-A, which "
                 "is M-1 plus daily interest chequable deposits, rose.", "organizations", set(),
                 {"MB", "However", "M-1-A"},
                 id="units-measures-and-adverbs"),
    pytest.param("NEW YORK, April 13 - Texaco was sued for illegally interferring with Pennzoil's proposed purchase of "
                 "Getty Oil Co.\n\nHowever, others were less worried.", "organizations", {"Getty Oil"}, {"However"},
                 id="an-adverb-after-a-paragraph-break"),
    pytest.param("WASHINGTON, March 5 - U.S. firms want to help build the eight billion dlr Kansai airport. The "
                 "International Finance Corp placed bonds.", "organizations", {"International Finance Corp"},
                 {"Kansai", "International Finance"}, id="an-airport-and-a-public-corporation"),
    pytest.param("SANTIAGO, March 3 - Inflation rose 1.2 pct in March, the National Statistics Institute said.",
                 "organizations", {"Chilean National Statistics Institute"}, {"National Statistics Institute"},
                 id="a-statistics-institute-every-country-has"),
    pytest.param("LONDON, March 3 - The joint bookrunners are Tokai International and Daiwa Europe Ltd.",
                 "organizations", {"Tokai International", "Daiwa Europe"}, {"Tokai International and Daiwa Europe"},
                 id="an-international-arm-and-another-firm"),
    pytest.param("LONDON, March 3 - \"It will rise,\" said Laurie Milbank and Co assistant manager Machiko Suzuki. The "
                 "bonds were priced by lead manager Morgan Stanley.", "people", {"Machiko Suzuki"}, {"Morgan Stanley"},
                 id="an-assistant-manager-and-a-lead-manager"),
    pytest.param("FORT WORTH, Texas, March 12 - The San Juan Basin Royalty Trust said proved reserves rose.", "places",
                 {"Fort Worth"}, {"San Juan Basin Royalty Trust"}, id="a-trust-ner-took-for-a-place"),
    pytest.param("BAGHDAD, March 3 - Iran said its forces overran southern Iraq's Faw peninsula in February last year.",
                 "organizations", set(), {"Faw"}, id="a-peninsula"),
    pytest.param("MILWAUKEE, Wisc., March 25 - Allis-Chalmers Corp said it sold its Swiss unit.", "places",
                 {"Milwaukee", "Wisconsin"}, {"Wisc."}, id="a-states-other-spelling"),
])
def test_ships_units_sites_and_other_spellings(extractor, body, kind, wanted, unwanted):
    _has(_extract(extractor, body), kind, wanted, unwanted)


def test_a_place_and_its_peoples_adjective(extractor):
    entities = _extract(extractor, "KHARTOUM, March 3 - Sudan hoped to receive fresh loans from Gulf Arab states and "
                        "the United States.")
    _has(entities, "places", {"Persian Gulf", "Sudan"}, {"Gulf Arab", "U.S. Gulf"})


def test_places_in_compounds_ner_leaves_untagged(extractor):
    entities = _extract(extractor, "TOKYO, March 30 - Measures are likely at the next U.S.-Japan yen-dollar committee "
                        "meeting. The U.K.-based Pergamon Media Trust and a New York-based firm agreed. Tobacco from "
                        "Winston-Salem rose.")
    _has(entities, "places", {"United States", "Japan", "United Kingdom", "New York", "Winston-Salem"},
         {"Winston", "Salem"})


def test_a_lawmakers_party_tag_names_the_state(extractor):
    entities = _extract(extractor, "WASHINGTON, March 3 - Sen. David Boren, D-Okla., said he would back the bill, "
                        "Rep. Robert Wise (D-W.Va.) agreed and Sen. Tom Daschle, D-South Dakota, did not. The "
                        "D-Mark rose.")
    _has(entities, "places", {"Oklahoma", "West Virginia", "South Dakota"}, {"D-Okla.", "Mark"})
    assert entities.people == ("David Boren", "Robert Wise", "Tom Daschle"), entities


def test_a_town_written_with_its_state_is_a_place_wherever_it_stands(extractor):
    entities = _extract(extractor, "COLUMBUS, Ga., March 26 - The board of Carrolton State Bank of Carrolton, Ga., "
                        "approved a merger. U.S. Thrift and Loan of Salt Lake City, Utah, will be a commercial bank, "
                        "and DeMotte State Bank in DeMotte, Ind, will take the deposits. Farmers of Texas, Oklahoma "
                        "and Kansas and a buyer in March, Texas said so, said Wendy Dietz, a vice-president at "
                        "Salomon Brothers Inc, New York. Trading in London, New York and Tokyo rose, as did stores in "
                        "Midland, Washington and Chicago. InterWest Savings Bank of Oak Harbour, Washington, bought it. "
                        "A pipeline crosses the Red River in Fargo, Texas, Gary Zollinger said.\n\nFed Buying Dollars "
                        "for Yen in Open Market, New York Dealers Say")
    _has(entities, "places", {"Carrolton (Georgia)", "Salt Lake City", "Utah", "DeMotte (Indiana)", "Indiana",
                              "Oak Harbour (Washington)", "Washington State", "Fargo (Texas)"},
         {"March (Texas)", "Texas (Oklahoma)", "Salomon Brothers Inc (New York)", "London (New York)",
          "Midland (Washington)", "Open Market (New York)"})


def test_a_site_ner_calls_a_body_is_a_place_or_none(extractor):
    entities = _extract(extractor, "ROTTERDAM, March 18 - The 1.4 mln tonnes capacity bauxite refinery at Paranam in "
                        "Surinam closed at the end of January.")
    _has(entities, "places", {"Paranam"})
    assert "Paranam" not in entities.organizations, entities
    entities = _extract(extractor, "LONDON, March 3 - A final decision on development of the Kittiwake and Osprey "
                        "North Sea oil fields will be made soon, Reid said.")
    assert "Kittiwake" not in entities.organizations, entities
    entities = _extract(extractor, "QUITO, March 3 - The pipeline links its jungle oil fields with the Pacific port "
                        "of Balao. Iraq said fighting continues around the strategic mountain peak of Kardamanend. "
                        "Dixons bought 54 pct of the share capital of Cyclops Corp.")
    _has(entities, "places", {"Balao", "Kardamanend"}, {"Cyclops"})
    _has(entities, "organizations", {"Cyclops"}, {"Balao", "Kardamanend"})


def test_the_words_of_a_ministers_title_are_no_body(extractor):
    entities = _extract(extractor, "MANAGUA, March 3 - Nicaraguan External Trade Minister Alejandro Martinez Cuenca "
                        "said the country would sell more coffee.")
    assert "Nicaraguan External" not in entities.organizations, entities


def test_a_firm_cut_after_its_of_is_read_whole(extractor):
    entities = _extract(extractor, "NEW YORK, March 13 - <Cablevision Industries Corp> said its Cablevision Industries "
                        "of California Inc subsidiary has entered into an agreement to buy Valley Cable TV.")
    _has(entities, "organizations", {"Cablevision Industries of California"}, {"California Inc", "California"})


def test_the_datelines_of_a_digests_items_are_places(extractor):
    entities = _extract(extractor, "Reuter World News Highlights 1800 GMT April 7\n\nBEIRUT - Scores of Syrian "
                        "troops marched into the camp, witnesses said.\n\n- - - -\n\nBAHRAIN - Iran reported launching "
                        "a new offensive east of Basra.\n\n- - - -\n\nZEEBRUGGE, Belgium - A capsized British car "
                        "ferry was winched upright.\n\n- - - -\n\nWASHINGTON - Kuwait has asked four countries for "
                        "the use of their flags.\n\nCOCOA - 1,200 tonnes 5.5 6.7")
    _has(entities, "places", {"Bahrain", "Iran", "Zeebrugge", "Belgium", "Washington", "Kuwait"}, {"Cocoa"})


def test_a_firm_named_by_common_words_keeps_its_seat_and_a_ministry_its_two_portfolios(extractor):
    entities = _extract(extractor, "NASHVILLE, March 3 - Hospital Corp of America said its profits rose. Public "
                        "Service Co of New Hampshire omitted its dividend. Maple Leaf Mills Ltd of Toronto said so.")
    _has(entities, "organizations", {"Hospital Corp of America", "Public Service Co of New Hampshire",
                                     "Maple Leaf Mills"}, {"Hospital", "Public Service", "Maple Leaf Mills Ltd of Toronto"})
    _has(_extract(extractor, "VANCOUVER, March 30 - City Resources Ltd said it will sell a stake. City Resources is "
                  "controlled by City Resources Ltd of Australia."), "organizations", {"City Resources"},
         {"City Resources Ltd of Australia"})  # the wire's way of saying whose firm it is
    entities = _extract(extractor, "JEDDAH, March 15 - Saudi Arabia's Ministry of Finance and National Economy has "
                        "started to issue an index.")
    _has(entities, "organizations", {"Saudi Ministry of Finance and National Economy"}, {"National Economy"})


def test_a_firms_possessive_or_wire_brackets_do_not_hide_its_form(extractor):
    assert is_firm_name("Gibraltar Financial Corp's") and is_firm_name("Kawasaki Motor Manufacturing Corp>")
    entities = _extract(extractor, "TOKYO, March 26 - Kawasaki Heavy Industries Ltd <KAWH.T> will increase output at "
                        "its wholly owned U.S. Subsidiary <Kawasaki Motor Manufacturing Corp> to 1985/86 levels.")
    assert "Kawasaki" not in entities.places, entities  # the firm's word, no Japanese town


def test_a_region_adjective_is_no_body(extractor):
    entities = _extract(extractor, "LONDON, March 3 - Listing Singapore as a delivery point allows Far Eastern "
                        "operators to deliver aluminium into a LME warehouse. International demand was also slow but "
                        "some inquiries from Far Eastern buyers were noted in South American producer countries.")
    assert not {"Far Eastern", "South American"} & set(entities.organizations), entities
    assert region_of_adjective("Far Eastern") == "Far East" and region_of_adjective("Eastern European") == \
        "Eastern Europe" and region_of_adjective("American") is None


def test_a_town_named_with_its_country_is_that_countrys_town(extractor):
    entities = _extract(extractor, "WASHINGTON, March 3 - GEC Avionics Limited of Rochester, England, has been awarded "
                        "a 35.4 mln dlr contract. The company has offices in New York, Frankfurt, London.")
    _has(entities, "places", {"Rochester (England)", "Frankfurt", "London"}, {"Rochester", "Frankfurt (London)"})


def test_a_body_that_lists_its_trades_is_one_name_and_an_acronym_after_and_another_body(extractor):
    assert clean_org("the Coffee, Sugar and Cocoa Exchange") == "Coffee Sugar and Cocoa Exchange"
    assert clean_org("Texaco, Exxon and Mobil") == "Texaco"  # a list: no body's head
    assert split_firms("the World Bank and IMF") == ["the World Bank", "IMF"]
    assert split_firms("Procter and Gamble") == ["Procter and Gamble"]
    entities = _extract(extractor, "LUSAKA, March 16 - Banking sources said Zambia was persuaded by the World Bank "
                        "and IMF to lift its proposed ceiling.")
    _has(entities, "organizations", {"World Bank", "IMF"}, {"World Bank and IMF"})


def test_a_well_a_partnerships_number_a_parish_and_an_initial(extractor):
    entities = _extract(extractor, "WASHINGTON, June 1 - The Energy Department said it reached proposed oil pricing "
                        "settlements with the operator and four working interest owners of A.D. LeBlanc No. 1 well, "
                        "Vermillion Parish, La.\n\nTrigon Exploration Co., Inc operated the well from June 1979 to "
                        "January 1981 for D. Bryan Ferguson, C. William Rogers, Omni Drilling Partnership No 1978-2 "
                        "and Entex Inc. John Tafaro, owner of Tafaro Brokerage, was reelected.")
    _has(entities, "places", {"Vermillion Parish", "Louisiana"}, {"Los Angeles"})
    _has(entities, "organizations", {"Omni Drilling Partnership", "Tafaro Brokerage"},
         {"A.D. LeBlanc No", "Omni Drilling Partnership No"})
    _has(entities, "people", {"D. Bryan Ferguson"}, {"Bryan Ferguson", "Vermillion Parish", "Tafaro Brokerage"})


def test_a_bracketed_firms_possessive_is_dropped_where_a_ticker_bracket_cuts_the_span():
    assert clean_org("Metromedia Co's> Metromedia Long Distance") == "Metromedia"


def test_a_trade_before_a_firms_name_is_no_first_name(extractor):
    entities = _extract(extractor, "FRANKFURT, April 7 - Leading German share prices fell. Insurer Allianz dropped "
                        "20 marks to 1,845. Retailer Kaufhof rose three marks.")
    _has(entities, "organizations", {"Allianz", "Kaufhof"}, {"Insurer Allianz", "Retailer Kaufhof"})
    assert not {"Insurer Allianz", "Retailer Kaufhof", "Allianz"} & set(entities.people), entities


def test_a_name_closed_by_a_legal_form_is_a_firm_where_ner_missed_it(extractor):
    entities = _extract(extractor, "DALLAS, March 13 - Lear Petroleum Corp said the new Lear Gas Gathering Co will "
                        "handle the gas gathering operations previously done by Producer's Gas Co, Rael Gas Co, PGC "
                        "Processing Co, Anadarko Gathering Co and LPC Energy Inc.")
    _has(entities, "organizations", {"Lear Gas Gathering", "Producer's Gas", "Rael Gas", "PGC Processing"})
    assert "Producer" not in entities.people, entities
    entities = _extract(extractor, "LONDON, March 18 - Davy McKee Ltd, a subsidiary of U.K. engineering group Davy "
                        "Corp Plc, said it won the contract. \"The Fed is quiet,\" said James McGroarty of Discount "
                        "Corp. Printon, Kane and Co will manage it.")
    _has(entities, "organizations", {"Davy McKee", "Discount"}, {"James McGroarty of Discount", "Kane"})
    entities = _extract(extractor, "TORONTO, March 3 - General Motors of Canada Ltd and Public Service Co of New "
                        "Hampshire said they agreed.")
    assert not {"Canada", "Canada Ltd", "Public Service"} & set(entities.organizations), entities
    entities = _extract(extractor, "NEW YORK, April 9 - Fitchburg Gas and Electric Light Co said its Board of "
                        "Directors authorized a filing. Budget Rent a Car Corp and Data I/O Corp said so.\n\nFirst "
                        "Quarter Anchor Financial Corp shr 31 cts vs 31 Nine Months Biomet Inc shr 49 cts vs 36")
    _has(entities, "organizations", {"Fitchburg Gas and Electric Light", "Anchor Financial", "Biomet"},
         {"Electric Light", "Car", "O", "Nine Months Biomet", "First Quarter Anchor Financial"})
    entities = _extract(extractor, "HONG KONG, April 8 - The block was sold to a joint venture between Sun Hung Kai "
                        "Properties Ltd <SHKP.HK> and <New Town (N.T.) Properties Ltd> for 138 mln dlrs.")
    assert "Properties" not in entities.organizations, entities


def test_corpus_reads_an_unknown_place_of_several_words_named_as_a_body_more_often_as_that_body():
    final = resolve_names(((), ("United Nations", "New York"), ()), ((), (), ("United Nations",)),
                          ((), (), ("United Nations",)), ((), ("Cheung Kong",), ()), ((), ("Mekong Delta",), ()),
                          ((), ("Mekong Delta",), ()), ((), (), ("Mekong Delta",)))
    assert final[0].places == ("New York",) and final[0].organizations == ("United Nations",), final[0]
    assert final[3].places == ("Cheung Kong",)  # no body of that name: the evidence is one-sided
    assert "Mekong Delta" in final[4].places  # named as a place as often


def test_nsw_is_new_south_wales(extractor):
    entities = _extract(extractor, "SYDNEY, April 8 - Unions launched strikes in New South Wales (NSW) to protest "
                        "against new laws. NSW state premier Barrie Unsworth has said workers would be hurt.")
    assert "New South Wales" in entities.places and "NSW" not in entities.organizations, entities


def test_a_headline_country_inside_a_longer_place_and_a_nationality_are_not_named_apart():
    from searchapp.entities.names import clean_person
    from searchapp.entities.place_spans import find_headline_countries

    headline = "Papua New Guinea Plans Resources Investment Agency"
    assert find_headline_countries(headline + "\n\nbody", len(headline)) == ["Papua New Guinea"]
    headline = "Nigeria, Guinea Set Up Iron Ore Firm"
    assert find_headline_countries(headline + "\n\nbody", len(headline)) == ["Nigeria", "Guinea"]
    for headline in ("North Korea Plans to Expand Trade, Output", "East Germany Announces Economic Reform Plans",
                     "Porsche Cars North America Reports Lower Sales"):  # no South Korea, West Germany, U.S.
        assert not {"South Korea", "West Germany", "United States"} & set(
            find_headline_countries(headline + "\n\nbody", len(headline))), headline
    assert clean_person("Papua New Guinean") is None and clean_person("New Zealander Bruce Judge") == "Bruce Judge"


def test_a_person_before_a_land_noun_a_people_after_in_and_a_prefixed_country_are_places(extractor):
    entities = _extract(extractor, "N'DJAMENA, March 3 - The outpost is 150 km south of the disputed Aouzou strip in "
                        "the far north. The station was 20 km from the Reventador volcano. Venezuela and non-OPEC "
                        "Mexico share it. Militants set ablaze liquor shops in Punjab in a new trial. The product is "
                        "made by Vitarine Pharmaceuticals of Springfield Gardens, N.Y, exclusively. John Smith state "
                        "senator said so.")
    _has(entities, "places", {"Aouzou Strip", "Reventador Volcano", "Mexico", "Punjab", "Springfield Gardens"},
         {"John Smith State"})
    assert not {"Aouzou", "Reventador"} & set(entities.people), entities


def test_a_body_before_a_land_noun_is_a_place_unless_its_name_is_a_bodys(extractor):
    entities = _extract(extractor, "N'DJAMENA, March 3 - Libya occupies the Aouzou strip, the government said. "
                        "Salomon Brothers sold a Federal National Mortgage Association strip to investors.")
    assert "Federal National Mortgage Association Strip" not in entities.places, entities


def test_a_body_before_province_is_that_province(extractor):
    entities = _extract(extractor, "MANILA, March 20 - Rebels ambushed soldiers in the border area around Misamis "
                        "Occidental and Davao del Sur provinces, the Philippine News Agency said.")
    _has(entities, "places", {"Misamis Occidental", "Davao del Sur"}, {"Davao"})
    _has(entities, "organizations", {"Philippine News Agency"}, {"Misamis Occidental", "Davao del Sur"})


def test_a_body_ner_cut_after_its_and_and_a_firm_named_whole_after_its_of(extractor):
    entities = _extract(extractor, "KUALA LUMPUR, March 11 - Palm oil stocks fell to 80,500 tonnes in February, the "
                        "Palm Oil Registration and Licensing Authority said.")
    _has(entities, "organizations", {"Palm Oil Registration and Licensing Authority"},
         {"Palm Oil Registration", "Licensing Authority"})
    entities = _extract(extractor, "CEDAR CITY, Utah, March 3 - Regulators closed Bank of Iron County and Summit "
                        "Savings and Loan Association, the agency said.")
    assert "Bank of Iron County and Summit Savings and Loan Association" not in entities.organizations, entities
    assert clean_org("Occidental Life Insurance Co of Australia Ltd>") == "Occidental Life Insurance Co of Australia"
    assert clean_org("Maple Leaf Mills Ltd of Toronto") == "Maple Leaf Mills"  # where it is, not its name


def test_a_town_named_as_a_benchmark_crude_or_a_months_cargo_is_the_grade(extractor):
    entities = _extract(extractor, "TOKYO, March 3 - A refiner bought 10 cargoes of May Dubai, which sent prices of "
                        "crude up, with Dubai trading up to 16.50 dlrs. A cargo of the Mideast benchmark crude Dubai "
                        "traded yesterday.")
    assert "Dubai" not in entities.places, entities
    entities = _extract(extractor, "NEW YORK, March 3 - Chemical Bank is closing its office in Dubai, where crude "
                        "traders work. Prices for the benchmark crude rose.")
    assert "Dubai" in entities.places, entities


@pytest.mark.parametrize(("body", "wanted", "unwanted"), [
    pytest.param("HOUSTON, March 3 - Amoco Corp hopes to sell the gasoline in the South, East and Midwest "
                 "by June, said Paul Collier.",
                 {"South (United States)", "East (United States)", "Midwest"}, {"South", "East"}, id="a-list"),
    pytest.param("PHILADELPHIA, March 3 - Conrail cut rates between CSX points in the South and Conrail points "
                 "in the Northeast and Midwest.",
                 {"South (United States)", "Northeast (United States)", "Midwest"}, set(), id="one-sentence"),
    pytest.param("MEMPHIS, March 3 - Higher prices should prompt many farmers in the South to plant cotton.",
                 {"South (United States)"}, set(), id="the-south-alone"),
    pytest.param("WASHINGTON, March 3 - Trade with the West grew, and the East bloc bought more grain from "
                 "the United States.", set(), {"West (United States)", "East (United States)"},
                 id="the-nations-not-the-region"),
    pytest.param("SEOUL, March 3 - The South said talks with the North could resume, Seoul officials said.",
                 set(), {"South (United States)", "North (United States)"}, id="a-korean-story"),
    pytest.param("ATLANTA, March 3 - Central Bancshares of the South said its Central Bank of the South opened "
                 "an office in the Northwest Territories.", set(),
                 {"South (United States)", "Northwest (United States)"}, id="a-name-and-a-place-after"),
    pytest.param("CHICAGO, March 3 - Taiwan bought U.S. corn for Gulf and West Coast shipment.",
                 {"West Coast (United States)", "U.S. Gulf"}, {"West Coast"}, id="the-american-west-coast"),
])
def test_a_compass_word_of_a_us_story_is_that_region_of_the_united_states(extractor, body, wanted, unwanted):
    _has(_extract(extractor, body), "places", wanted, unwanted)


def test_a_us_town_named_after_a_country_a_cut_town_a_well_and_a_grouping_of_nations(extractor):
    entities = _extract(extractor, "CLEVELAND, March 3 - Clevite said the new company will make products in its "
                        "existing Angola, Ind. plant.")
    _has(entities, "places", {"Angola (Indiana)", "Indiana"}, {"Angola"})
    entities = _extract(extractor, "Burroughs Wellcome, of Research Triangle Park, N.C., has scheduled a press "
                        "conference for Monday in New York.")
    _has(entities, "places", {"Research Triangle Park (North Carolina)"}, {"Triangle Park (North Carolina)"})
    entities = _extract(extractor, "PEKING, March 3 - Only one well has so far produced results -- Lufeng 13-1-1, "
                        "250 km south-east of Shenzhen.")
    assert not {"Lufeng", "Lüfeng"} & {*entities.people, *entities.places}, entities
    entities = _extract(extractor, "BRASILIA, March 3 - The Third World debt crisis worsened, Brazil said.")
    _has(entities, "places", {"Brazil"}, {"Third World"})
    entities = _extract(extractor, "NEW YORK, March 3 - Banks raised reserves against Third World loans.")
    _has(entities, "places", set(), {"Third World"})
    from searchapp.entities.place_spans import towns_with_states
    assert towns_with_states("Clevite makes products at its plant in Angola, Ind., it said.") \
        == ["Angola (Indiana)", "Indiana"]


def test_a_bare_institution_whose_first_mention_has_its_country_before_it_is_that_countrys(extractor):
    entities = _extract(extractor, "U.S. Treasury Official Urges Japan Open Markets\n\nWASHINGTON, March 6 - The "
                        "Treasury would like to see greater openness of Japanese markets, an official said.")
    _has(entities, "organizations", {"U.S. Treasury"}, {"Japanese Treasury"})
    entities = _extract(extractor, "BONN, March 3 - The West German Finance Ministry said it would act. The "
                        "Finance Ministry added that Japan was wrong.")
    _has(entities, "organizations", {"West German Finance Ministry"}, {"Japanese Finance Ministry"})


def test_a_firms_name_with_an_apostrophe_n_is_read_whole(extractor):
    entities = _extract(extractor, "KENT, Wash., March 30 - Pay 'N Pak Stores Inc said it intends to explore all "
                        "alternatives.")
    _has(entities, "organizations", {"Pay 'N Pak Stores"}, {"Pak Stores"})


def test_corpus_reads_a_body_run_into_a_known_persons_name_as_the_body():
    final = resolve_names(((), (), ("Bank of England Robin Leigh-Pemberton",)), (("Robin Leigh-Pemberton",), (), ()),
                          (("Robin Leigh-Pemberton",), (), ("Bank of England",)), ((), (), ("Bank of England",)),
                          ((), (), ("Credit Suisse Paul Hofer",)), (("Paul Hofer",), (), ()))
    assert final[0].organizations == ("Bank of England",), final[0]
    assert final[4].organizations == ("Credit Suisse Paul Hofer",)  # one article each: no evidence


def test_a_countrys_banks_in_the_plural_or_one_of_them_are_no_body(extractor):
    entities = _extract(extractor, "JACKSONVILLE, Fla., March 20 - Paul Volcker said Brazil's move would not "
                        "undermine U.S. Banks.")
    _has(entities, "organizations", set(), {"U.S. Bank", "U.S. Banks"})
    _has(entities, "places", {"United States"})
    entities = _extract(extractor, "ZURICH, March 3 - The dollar will drift, predicted one dealer at a major U.S. Bank.")
    _has(entities, "organizations", set(), {"U.S. Bank"})
    entities = _extract(extractor, "MADRID, March 3 - The U.S. Bank spokesman said foreign banks would wait.")
    _has(entities, "organizations", set(), {"U.S. Bank"})
    entities = _extract(extractor, "TOKYO, March 3 - A Bank of Japan official said the dollar rose. A U.S. Treasury "
                        "official agreed.")
    _has(entities, "organizations", {"Bank of Japan", "U.S. Treasury"})
    entities = _extract(extractor, "BRASILIA, March 3 - Central Bank officials said Brazil would pay.")
    _has(entities, "organizations", {"Brazilian Central Bank"})  # no "Central" of Paraguay, one of its banks
    entities = _extract(extractor, "SEATTLE, March 3 - U.S. Bancorp said its U.S. Bank of Washington unit will grow, "
                        "and U.S. Industries Inc said it would too.")
    _has(entities, "organizations", {"U.S. Bank of Washington", "U.S. Industries"})


def test_a_name_an_article_gives_to_a_product_or_a_ship_is_no_entity_anywhere(extractor):
    from searchapp.corpus_memory import CorpusMemory, Known
    from searchapp.entities.corpus import CorpusMaps
    from searchapp.rules import NO_RULES

    texts = ["DOVER, England, March 7 - The British ferry Herald of Free Enterprise capsized off Zeebrugge.",
             "SAN FRANCISCO, March 3 - Genentech Inc said its drug Activase was approved.",
             "NEW YORK, March 3 - The carrier TWA said traffic rose."]
    found = list(extractor.analyse(texts))
    assert [m.things for m in found] == [("Herald of Free Enterprise",), ("Activase",), ()], found
    assert "TWA" in found[2].organizations  # an airline, not a ship
    local = {"a": Entities(organizations=("Herald of Free Enterprise", "P and O")),
             "b": Entities(organizations=("Herald of Free Enterprise",)), "c": Entities(places=("Zeebrugge",)),
             "d": Entities(organizations=("Activase",)), "e": Entities(organizations=("Genentech",))}
    things = {"c": ("Herald of Free Enterprise",), "e": ("Activase",)}
    pure = CorpusMaps.build(local.values(), things=[things.get(key, ()) for key in local])
    assert pure.apply(local["a"]).organizations == ("P and O",)
    assert pure.apply(local["d"]).organizations == ()
    assert CorpusMaps.build(local.values()).apply(local["d"]).organizations == ("Activase",)  # no evidence
    memory = CorpusMemory()
    for key, ents in local.items():
        memory.add(key, Known(ents, (), ents, (), things=things.get(key, ())))
    memory.build_maps(NO_RULES)
    assert all(memory.maps.apply(e) == pure.apply(e) for e in local.values())
    memory.remove("e")  # the only article calling it a drug goes
    assert ("org", "Activase") in memory.build_maps(NO_RULES)
    assert memory.maps.apply(local["d"]).organizations == ("Activase",)


def test_an_arrangement_and_its_acronym_are_no_body_in_any_article(extractor):
    from searchapp.entities.corpus import CorpusMaps

    texts = ["BRUSSELS, March 9 - The European Monetary System (EMS) is eight years old, the EC Commission said.",
             "FRANKFURT, March 9 - The mark firmed within the EMS, dealers said. The London Interbank Offered "
             "Rate (LIBOR) rose.",
             "NEW YORK, March 9 - Apple Computer Inc shares trade on the NASDAQ National Market System. The "
             "Federal Reserve System said Ryder System Inc would borrow. Prices are on the Composite Information "
             "System and the Stock Exchange Automated Quotations System, and on the Automated Quotation System."]
    found = list(extractor.analyse(texts))
    assert "EMS" in found[0].things and not {"EMS", "European Monetary System"} & set(found[0].organizations), found[0]
    assert "EC Commission" in found[0].organizations
    assert "LIBOR" in found[1].things  # whatever NER made of it
    assert not {"NASDAQ National Market System", "Composite Information System",
                "Stock Exchange Automated Quotations System", "Automated Quotation System"} & set(found[2].organizations), found[2]
    assert {"Federal Reserve System", "Ryder System"} <= set(found[2].organizations), found[2]
    local = [Entities(organizations=m.organizations) for m in found]
    assert "EMS" in local[1].organizations  # no spelling out here: the corpus's other article says what it is
    pure = CorpusMaps.build(local, things=[m.things for m in found])
    assert "EMS" not in pure.apply(local[1]).organizations
    assert "EMS" in CorpusMaps.build(local).apply(local[1]).organizations  # no evidence given


def test_a_german_name_ner_cut_at_its_fuer_is_one_name(extractor):
    entities = _extract(extractor, "FRANKFURT, March 3 - Bank fuer Gemeinwirtschaft and Kreditanstalt fuer "
                        "Wiederaufbau raised their rates.")
    _has(entities, "organizations", {"Bank fuer Gemeinwirtschaft", "Kreditanstalt fuer Wiederaufbau"},
         {"Gemeinwirtschaft", "Wiederaufbau"})
    assert "Bānk" not in entities.places, entities
    entities = _extract(extractor, "LONDON, March 3 - Shares of Bank fuer Gemeinwirtschaft AG <BKFG.F> fell, and "
                        "Bank fuer Gemeinwirtschaft said so.")
    assert entities.organizations == ("Bank fuer Gemeinwirtschaft",), entities  # with its legal form too


def test_a_system_ner_cut_at_its_and_is_no_body(extractor):
    entities = _extract(extractor, "SINGAPORE, March 2 - On February 18 the SES created the Stock Exchange of "
                        "Singapore Dealing and Automated Quotation System (SESDAQ), modelled on NASDAQ.")
    _has(entities, "organizations", {"SES"}, {"Stock Exchange of Singapore Dealing", "Automated Quotation System"})
    from searchapp.entities.mentions import _opens_a_no_body

    text = "Sales by the World Bank and Export Enhancement Program, the USDA and Export Enhancement Program."
    doc = extractor.nlp()(text)
    spans = {name: doc.char_span(text.index(name), text.index(name) + len(name), label="ORG")
             for name in ("World Bank", "USDA", "Export Enhancement Program")}
    second = doc.char_span(text.rindex("Export"), len(text) - 1, label="ORG")
    assert not _opens_a_no_body(spans["World Bank"], spans["Export Enhancement Program"], text)  # a body's head
    assert not _opens_a_no_body(spans["USDA"], second, text)  # an acronym


def test_an_acronym_of_hyphenated_lower_case_words_is_a_term(extractor):
    entities = _extract(extractor, "PITTSBURGH, March 30 - USX Corp said it raised prices of high-strength "
                        "low-alloy, or HSLA, plates. HSLA prices rise by 1-1/2 cts.")
    _has(entities, "organizations", {"USX"}, {"HSLA"})


def test_a_space_shuttle_is_a_thing_not_a_body(extractor):
    texts = ["WASHINGTON, March 3 - The space shuttle Challenger exploded, and Morton Thiokol Inc said it would testify.",
             "CAPE CANAVERAL, March 3 - The launch follows the loss of the Challenger shuttle.",
             "CAPE CANAVERAL, March 3 - NASA recovered from the Challenger disaster."]
    found = list(extractor.analyse(texts))
    assert [m.things for m in found[:2]] == [("Challenger",), ("Challenger",)], found
    assert "Morton Thiokol" in found[0].organizations and "Challenger" not in found[0].organizations


def test_a_place_ner_left_untagged_after_a_where_word_an_island_and_towns_a_slash_joins(extractor):
    entities = _extract(extractor, "ATHENS, April 1 - Papandreou asked Turkey to take the dispute to the International "
                        "Court of Justice at The Hague. Turkey said it would search for oil after Greece said it "
                        "planned to drill east of Thassos island.")
    _has(entities, "places", {"The Hague", "Thassos"}, {"Thassos Island"})  # the island's name is its name
    _has(entities, "organizations", {"International Court of Justice"}, {"Thassos"})
    entities = _extract(extractor, "ST LOUIS, April 1 - Next week Mississippi (Alton/Granite City, MLA if P/O) bid "
                        "five points higher.")
    _has(entities, "places", {"Alton", "Granite City"})
    _has(entities, "organizations", set(), {"Alton/Granite City"})
    entities = _extract(extractor, "NEW YORK, March 3 - Ronald Tappmeyer is vice chairman of Reading and Bates "
                        "Drilling Co, which works in Jersey City.")
    _has(entities, "places", {"Jersey City"}, {"Reading", "Jersey"})


def test_a_sentence_opening_shares_of_is_no_part_of_the_firm(extractor):
    entities = _extract(extractor, "LONDON, March 18 - Shares of Wellcome Plc <WELL.L> fell sharply following a report.")
    _has(entities, "organizations", {"Wellcome"}, {"Shares of Wellcome"})
    entities = _extract(extractor, "BOSTON, March 3 - Bank of New England Corp <BKNE> said it rose.")
    _has(entities, "organizations", {"Bank of New England"})


def test_a_law_firm_of_two_partners_and_a_firm_of_common_words_of_north_america(extractor):
    entities = _extract(extractor, "ABILENE, Texas, March 3 - Bruce is a partner in the Washington law firm of "
                        "Butler and Binion.")
    _has(entities, "organizations", {"Butler and Binion"}, {"Butler"})
    entities = _extract(extractor, "DALLAS, March 11 - Associates Corp of North America said net rose. It is owned "
                        "by Gulf and Western Corp <GW>.")
    _has(entities, "organizations", {"Associates Corp of North America"}, {"Associates"})


def test_a_firm_spelling_a_place_the_gazetteer_names_otherwise_is_the_firm(extractor):
    entities = _extract(extractor, "DAVISON, Mich., March 25 - Genova Inc said it signed a merger agreement with "
                        "<Genova Products Inc>. Under the agreement, Genova will pay cash.")
    _has(entities, "places", set(), {"Genoa"})
    _has(entities, "organizations", set(), {"Genoa"})
    entities = _extract(extractor, "GENOA, March 3 - Italy said Genoa port was closed.")
    _has(entities, "places", {"Genoa"})
    entities = _extract(extractor, "NEW YORK, March 13 - Mobil Corp said spending fell. Earnings from Mobil's "
                        "upstream operations rose, and Mobil data show it.")
    _has(entities, "places", set(), {"Mobile"})  # the firm's possessive says nothing of a place
    entities = _extract(extractor, "NEW DELHI, March 3 - Shares on the Bombay Stock Exchange rose. Reaction in "
                        "Bombay was good.")
    _has(entities, "places", {"Mumbai"})


def test_untagged_places_after_a_where_word_and_a_firm_spelled_with_an_apostrophe_n():
    from searchapp.entities.place_spans import places_after_where

    text = "Turkey was asked to take the dispute to the court at The Hague. Ties to Reading and Bates Drilling rose."
    assert places_after_where(text, []) == ["The Hague"]
    at = text.index("The Hague")
    assert places_after_where(text, [(at, at + len("The Hague"))]) == []  # NER's span: its label decides
    assert places_after_where("Deal in Sale/Leaseback\n\nIt rose.", [], headline_end=22) == []
    text = "KENT, Wash., March 30 - Shares of Pay 'N Pak Stores Inc <PNP> rose."
    spans = find_firm_spans(text)
    assert [text[start:end] for start, end in spans] == ["Pay 'N Pak Stores Inc"], spans


def test_a_first_name_ner_left_out_a_surname_it_ran_into_a_body_and_a_nationalitys_gulf(extractor):
    entities = _extract(extractor, "WASHINGTON, April 3 - Poul Erik Moller, a Santa Monica, Calif., investor said he "
                        "raised his stake in First Western Financial Corp. In a filing with the Securities and "
                        "Exchange Commission Moller said he bought shares.")
    _has(entities, "people", {"Poul Erik Moller"}, {"Erik Moller", "Moller"})
    _has(entities, "organizations", {"Securities and Exchange Commission"}, {"Securities and Exchange Commission Moller"})
    entities = _extract(extractor, "NEW YORK, March 3 - Chairman John Reed said it rose. Prersident Jose Sarney and "
                        "Transporation Elizabeth Dole agreed.")  # the wire's typos of titles
    _has(entities, "people", {"John Reed", "Jose Sarney", "Elizabeth Dole"},
         {"Chairman John Reed", "Prersident Jose Sarney", "Transporation Elizabeth Dole"})
    entities = _extract(extractor, "BAGHDAD, March 3 - Iraq said its troops repelled an Iranian attack east of Basra, "
                        "scene of several Iranian Gulf war thrusts.")
    _has(entities, "places", {"Persian Gulf"}, {"Iranian Gulf"})


def test_a_partnerships_international_arm_and_no_firm_opening_with_a_legal_form(extractor):
    entities = _extract(extractor, "NEW YORK, March 11 - UBS, Nikko Securities Co International Inc and Yamaichi "
                        "International (America) Inc have also applied.")
    _has(entities, "organizations", {"Nikko Securities Co International", "Yamaichi International (America)"},
         {"Co International"})
    entities = _extract(extractor, "HOUSTON, March 3 - Energy Ventures said Houston-based Simmons and Co "
                        "International is a minority shareholder.")
    _has(entities, "organizations", {"Simmons and Co International"}, {"Co International", "Houston-based Simmons"})


def test_a_building_society_named_after_two_places_is_one_body(extractor):
    entities = _extract(extractor, "Bristol and West Building Society Issues CDS\n\nLONDON, March 25 - The Bristol "
                        "and West Building Society is issuing a 250 mln dlr facility.")
    _has(entities, "organizations", {"Bristol and West Building Society"}, {"West Building Society"})
    _has(entities, "places", {"London"}, {"Bristol"})
    entities = _extract(extractor, "LONDON, March 25 - The Bristol and West Building Society is issuing a 250 mln dlr "
                        "facility.")  # no headline: NER left the town untagged
    _has(entities, "organizations", {"Bristol and West Building Society"}, {"West Building Society"})


def test_two_partners_a_comma_joins_before_their_legal_form_are_one_firm(extractor):
    entities = _extract(extractor, "LONDON, March 25 - The society is issuing a 250 mln dlr facility, said Kleinwort, "
                        "Benson Ltd, one of the dealers.")
    _has(entities, "organizations", {"Kleinwort Benson"}, {"Kleinwort", "Benson"})
    entities = _extract(extractor, "NEW YORK, March 3 - Shares of Apple, IBM Corp and Digital rose.")
    _has(entities, "organizations", {"IBM"}, {"Apple IBM"})


def test_a_list_of_towns_a_state_closes_names_towns_of_that_state(extractor):
    """ "..., Jerusalem, Benton and Penn Yan, N.Y.": towns of New York, not the city in Israel, nor people; a
    list that also holds big cities of other states gives the state to its last town only."""
    entities = _extract(extractor, "Adams-Russell to Acquire Cable Systems\n\nWALTHAM, Mass., June 1 - Adams-Russell "
                        "Co Inc said it agreed to acquire cable television systems serving 10,000 subscribers. "
                        "Adams-Russell said the systems operate in Wellsville, Amity, Andover, Scio, Willing, Belmont, "
                        "Milo, Jerusalem, Benton and Penn Yan, N.Y.")
    _has(entities, "places", {"Jerusalem (New York)", "Penn Yan (New York)", "New York State"}, {"Jerusalem"})
    assert entities.people == ()
    _has(_extract(extractor, "DENVER, June 1 - The company has offices in Denver, Houston, New Orleans, and Midland, "
                  "Texas."), "places", {"Denver", "New Orleans", "Midland (Texas)"}, {"Denver (Texas)"})


def test_a_town_whose_price_moves_is_a_grade_or_a_stock(extractor):
    """ "Genoa gained 25 to 3.05", "Dubai was off 12 cts to 18.09 dlrs": a stock, a crude grade, not the town;
    a town whose trade falls by a share is still the town."""
    _has(_extract(extractor, "Australian Stocks Close Higher\n\nSYDNEY, June 1 - In the oil and gas sector Santos "
                  "dropped 26 to 5.00 and Bridge eight to 1.40, but Genoa gained 25 to 3.05."),
         "places", {"Sydney"}, {"Genoa", "Santos"})
    _has(_extract(extractor, "Crude Oil Netbacks Up\n\nNEW YORK, March 30 - Arab Heavy dropped 10 cts to 16.63 dlrs a "
                  "barrel and Dubai was off 12 cts to 18.09 dlrs."), "places", {"New York"}, {"Dubai"})
    _has(_extract(extractor, "DUBAI, March 30 - Crude prices in Dubai were steady. Dubai was off 12 cts to 18.09 "
                  "dlrs."), "places", {"Dubai"})


def test_a_place_the_article_names_as_a_rocket_is_the_rocket_all_through_it(extractor):
    entities = _extract(extractor, "U.S. Launches Weather Satellite\n\nCAPE CANAVERAL, Fla, Feb 26 - An unmanned "
                        "Delta rocket carrying a 57 mln dlr weather observation satellite blasted off here today. The "
                        "Delta was the first of six rockets scheduled for launch this year.")
    _has(entities, "places", {"Florida"}, {"Delta"})


def test_a_titles_portfolio_is_no_body(extractor):
    """ "EC External Trade Commissioner", "Resources and Energy Minister": a portfolio, no body; its ministry is one,
    and so is a body a title follows ("Argentine Treasury Secretary")."""
    entities = _extract(extractor, "KUALA LUMPUR, March 2 - EC External Trade Commissioner Willy de Clercq said the EC "
                        "would act. The Malaysian Primary Industries Ministry said exports rose. Argentine Treasury "
                        "Secretary Mario Brodersohn spoke. Australian Resources and Energy Minister Gareth Evans said "
                        "coal sales fell.")
    _has(entities, "organizations", {"EC", "Malaysian Primary Industries Ministry", "Argentine Treasury"},
         {"EC External Trade", "Malaysian Primary Industries", "Australian Resources"})


def test_a_ministry_written_in_lower_case_is_a_body(extractor):
    """ "the defence ministry" is the story's country's, "a Bangladesh commerce ministry official" names its own
    (written as Bangladesh's bodies always are, "Bangladeshi ..."); "the ministry" alone, "a political
    department" and "the department store" name none."""
    _has(_extract(extractor, "STOCKHOLM, March 3 - The central bank raised its discount rate, the finance ministry "
                  "said. The defence ministry disagreed, and the ministry said nothing."), "organizations",
         {"Swedish Finance Ministry", "Swedish Defence Ministry"})
    _has(_extract(extractor, "DHAKA, March 3 - A Bangladesh commerce ministry official said the country would buy "
                  "wheat."), "organizations", {"Bangladeshi Commerce Ministry"})
    assert lower_case_institutions("a political department, the department store and the ministry") == []
    assert lower_case_institutions("a Venezuelan energy and mines ministry official") == [
        "Venezuelan Energy and Mines Ministry"]


def test_a_firms_department_in_lower_case_is_no_ministry():
    assert lower_case_institutions("said Koichi Tsukihara of Sumitomo Bank Ltd's economics department. Director of "
                                   "the Banco do Brasil's foreign trade department. Cacex, the foreign trade "
                                   "department of the federally owned Banco do Brasil. Iraq's defence ministry "
                                   "said. The finance department said.") == ["Defence Ministry", "Finance Department"]


def test_an_untagged_name_the_corpus_attests_as_a_body_is_that_body():
    """NER left "Standard and Poor's" untagged in one article; three others name it as a body, so it is one
    there too. "Rated Triple" (untagged, no article's body) and a person's name stay out."""
    from searchapp.entities import Mentions
    from searchapp.entities.corpus import resolve_corpus

    tagged = [Mentions(organizations=("Standard and Poor's",)) for _ in range(3)]
    untagged = Mentions(organizations=("Kidder Peabody",),
                        untagged=("Standard and Poor's", "Rated Triple", "James Baker"))
    person = Mentions(people=("James Baker",), organizations=("James Baker",))
    final = resolve_corpus([(m, date(1987, 3, 3)) for m in [*tagged, untagged, person, person, person]])
    assert final[3].organizations == ("Kidder Peabody", "Standard and Poor's")
    final = resolve_corpus([(m, date(1987, 3, 3)) for m in [*tagged[:2], untagged]])
    assert final[2].organizations == ("Kidder Peabody",)  # two articles attest no body


def test_untagged_names_are_the_capitalised_runs_ner_left(extractor):
    from searchapp.entities.untagged import untagged_names

    doc = extractor.nlp()("The issue is rated a top-flight AAA by Standard and Poor's, Kidder Peabody and Co said.")
    names = untagged_names(doc)
    assert "Standard and Poor's" in names and not any("Kidder" in name for name in names if
                                                       any(ent.text.startswith("Kidder") for ent in doc.ents))


def test_a_town_several_countries_have_is_named_with_the_storys_country(extractor):
    """ "San Jose" in a story that names Costa Rica, and no US place, is San Jose (Costa Rica); beside California
    it is the Californian city, and a story naming neither keeps the bare name."""
    from searchapp.entities.places import with_their_countries

    _has(_extract(extractor, "SAN JOSE, March 19 - Costa Rica has agreed to sell more than 32,000 tonnes of sugar "
                  "this year to the Soviet Union, a spokesman for local producers said."),
         "places", {"San Jose (Costa Rica)", "Costa Rica"}, {"San Jose"})
    assert with_their_countries(["San Jose", "California"]) == ["San Jose", "California"]
    assert with_their_countries(["Valencia", "Spain"]) == ["Valencia (Spain)", "Spain"]
    assert with_their_countries(["Athens", "United States"]) == ["Athens", "United States"]  # its state unknown
    assert with_their_countries(["Córdoba", "Spain", "Argentina"])[0] == "Córdoba"  # Argentina's is the first
    assert with_their_countries(["London", "Canada"]) == ["London", "Canada"]  # London, Ontario: no rival
    assert with_their_countries(["Tripoli", "Lebanon"]) == ["Tripoli (Lebanon)", "Lebanon"]  # a sixth of Libya's


def test_a_capitalised_run_before_a_number_or_noun_is_no_untagged_name(extractor):
    from searchapp.entities.untagged import untagged_names

    doc = extractor.nlp()("The Chicago Board Options Exchange, CBOE, said it will list new Standard and Poor 500 "
                          "stock index options beginning April 20 that will be traded.")
    assert not any(name.startswith("Standard") for name in untagged_names(doc))  # an index's name


def test_an_untagged_run_gives_no_name_it_goes_on_past(extractor):
    from searchapp.entities.untagged import untagged_names

    doc = extractor.nlp()("Shares rose as the Dow Jones Industrial Average surged 19 points, dealers said.")
    names = untagged_names(doc)
    assert "Dow Jones" not in names and "Jones Industrial Average" not in names


def test_one_article_alone_gives_no_untagged_marker(extractor):
    """extract_entities is one article without its corpus: its untagged names are nobody's yet."""
    entities = _extract(extractor, "NEW YORK, March 3 - The issue is rated a top-flight AAA by Standard and Poor's, "
                        "the Foreign Minister said.")
    assert not any(name.startswith("?") for name in entities.organizations), entities


def test_a_town_before_another_countrys_province_is_named_with_it(extractor):
    """ "near Wawa, Ontario" is no Warsaw (Wawa is one of its names in geonames); "Hamilton, Ontario" stays Hamilton."""
    _has(_extract(extractor, "TORONTO, March 3 - The company bought the Krezmar gold property, near Wawa, Ontario, "
                  "from Algoma Steel Corp."), "places", {"Wawa (Ontario)", "Ontario"}, {"Warsaw"})
    _has(_extract(extractor, "TORONTO, March 3 - Stelco Inc said its plant in Hamilton, Ontario, will close."),
         "places", {"Hamilton", "Ontario"}, {"Hamilton (Ontario)"})
    _has(_extract(extractor, "LONDON, March 3 - Prices rose in London, Lawson said."), "places", {"London"},
         {"London (Lawson)"})  # a name after the comma that is no state or province


def test_a_name_going_on_after_its_particle_is_no_town(extractor):
    entities = _extract(extractor, "MEXICO CITY, March 3 - Peru president Alan Garcia said recently he spoke by "
                        "telephone with Mexican president Miguel de la Madrid. Mexico and Peru are the largest "
                        "silver producers.")
    _has(entities, "people", {"Miguel de la Madrid"})
    _has(entities, "places", {"Mexico City", "Peru"}, {"Madrid"})


def test_a_body_cut_before_its_and_or_its_state_is_read_whole(extractor):
    """ "[The Canadian Radio-Television] and Telecommunications Commission", "[Union Bancorp] of [West Virginia Inc]"."""
    _has(_extract(extractor, "OTTAWA, March 3 - The Canadian Radio-Television and Telecommunications Commission "
                  "approved the sale."), "organizations",
         {"Canadian Radio-Television and Telecommunications Commission"}, {"Canadian Radio-Television"})
    _has(_extract(extractor, "CHARLESTON, W.Va., March 3 - Key Centurion Bancshares Inc said it agreed to acquire "
                  "Union Bancorp of West Virginia Inc for stock."), "organizations",
         {"Union Bancorp of West Virginia"}, {"West Virginia Inc", "Union Bancorp"})


def test_a_persons_name_the_wire_misspelt_is_the_corpus_spelling():
    """ "George Schultz" in one article, George Shultz in five times as many: one person, spelt the corpus's way;
    "John Smyth" (too short a name to tell) stays."""
    final = resolve_names(*[(("George Shultz",), (), ())] * 5, (("George Schultz",), (), ()),
                          *[(("John Smith",), (), ())] * 5, (("John Smyth",), (), ()))
    assert final[5].people == ("George Shultz",) and final[11].people == ("John Smyth",)


def test_a_one_word_adjective_before_a_noun_is_no_body(extractor):
    """ "Congressional sources", "In Congressional testimony": no Congressional Budget Office; "Continental said"
    is the airline."""
    entities = _extract(extractor, "WASHINGTON, March 3 - Congressional sources said the bill would pass. In "
                        "Congressional testimony, Baker said the dollar was stable. Continental said fares rose.")
    _has(entities, "organizations", {"Continental"}, {"Congressional"})



@pytest.mark.parametrize("body, places, not_places", [
    pytest.param("BOSTON, March 12 - Baird Corp said the Massachusetts state court for Suffolk county has granted it a "
                 "temporary restraining order.", {"Suffolk County (Massachusetts)", "Boston"}, {"Suffolk"},
                 id="a-county-in-lower-case-with-the-storys-state"),
    pytest.param("AUGUSTA, Maine, April 10 - President Reagan declared Maine a disaster area.\n\nThe White House said "
                 "that Androscoggin, Franklin, Kennebec, Oxford, Penobscot, Piscataquis and Somerset counties would be "
                 "eligible for federal aid.",
                 {"Oxford County (Maine)", "Somerset County (Maine)", "Penobscot County (Maine)"},
                 {"Oxford", "Somerset", "Penobscot"}, id="a-list-of-counties"),
    pytest.param("LOS ANGELES, March 3 - Home prices in Los Angeles and Orange counties rose, and the Kern County "
                 "supervisors met. In Fresno, Tulare and Kings counties farmers gained. The Agricultural Stabilization and Conservation county committee met in "
                 "Oxford, England.",
                 {"Los Angeles", "Los Angeles County (California)", "Orange County (California)",
                  "Kings County (California)", "Kern County (California)", "Oxford"},
                 {"Conservation County", "In Fresno County", "Orange County", "Kings County", "Kern County"},
                 id="the-datelines-town-stays-and-its-state-names-the-county"),
    pytest.param("NEW YORK, March 3 - The company said its mill in Piscataquis county would close, and a plant in "
                 "Orange county would grow.", {"New York", "Piscataquis County (Maine)", "Orange County (New York)"},
                 {"Piscataquis County", "Orange County"}, id="a-county-of-one-state-only"),
])
def test_a_us_county_is_named_as_one(extractor, body, places, not_places):
    entities = _extract(extractor, body)
    _has(entities, "places", places, not_places)
    assert not {"Penobscot", "Androscoggin", "Franklin"} & set(entities.people + entities.organizations), entities


def test_names_ner_ran_across_a_to_are_no_body(extractor):
    entities = _extract(extractor, "QUITO, April 9 - Ecuador could resume exports after repairing a 40 km section of "
                        "the 510 km pipeline, which links jungle oil fields at Lago Agrio to Balao on the Pacific "
                        "coast.\n\nHONOLULU, March 12 - Princeville Development Corp and <Aloha Inc> agreed to terms "
                        "for the sale of Princeville Airways Inc to Aloha. Projections provided by Cyclops to Dixons "
                        "Group were lower.")
    assert not any(" to " in org for org in entities.organizations), entities
    _has(entities, "organizations", {"Princeville Development", "Princeville Airways"}, {"Lago Agrio", "Balao"})


def test_an_oil_stockpile_is_no_body(extractor):
    entities = _extract(extractor, "WASHINGTON, March 3 - The Energy Department said it would add oil to the "
                        "Strategic Petroleum Reserve (SPR) at 75,000 bpd. The SPR holds 500 mln barrels, and the Elk "
                        "Hills Naval Petroleum Reserve pumps oil. The Federal Reserve said nothing.")
    _has(entities, "organizations", {"Federal Reserve"},
         {"Strategic Petroleum Reserve", "SPR", "Elk Hills Naval Petroleum Reserve"})



def test_a_committee_named_by_its_topics_is_read_whole(extractor):
    entities = _extract(extractor, "WASHINGTON, March 13 - The entire House Agriculture Subcommittee on Livestock, "
                        "Dairy and Poultry has written U.S. Trade Representative Clayton Yeutter a letter. \"On balance, "
                        "this is the best new idea I have seen,\" said Rep. Dan Glickman (D-Kan.), Chairman of the House "
                        "Agriculture Subcommittee on Wheat, Feedgrains and Soybeans.")
    _has(entities, "organizations", {"House Agriculture Subcommittee on Livestock Dairy and Poultry",
                                     "House Agriculture Subcommittee on Wheat Feedgrains and Soybeans"},
         {"House Agriculture Subcommittee on Livestock", "House Agriculture Subcommittee on Wheat"})


def test_a_model_named_by_its_number_is_a_product(extractor):
    entities = _extract(extractor, "NEW YORK, March 3 - Cray Research Inc said it sold a Cray II supercomputer, and "
                        "CFM International said its CFM56 engine and the Ericsson AXE10 exchange sold well.")
    _has(entities, "organizations", {"Cray Research", "CFM International"}, {"Cray II", "CFM56", "AXE10"})
    entities = _extract(extractor, "Mark IV <IV> Unit to Begin Conrac <CAX> Tender\n\nNEW YORK, March 23 - Mark IV "
                        "Industries Inc said it plans to begin a tender offer at 25 dlrs a share for all outstanding "
                        "shares of Conrac Corp <CAX>.\n\nMark IV said it owns about 670,400 shares.\n\nThe offer, to be "
                        "made through Mark IV Acquisition Corp, a wholly owned subsidiary, will not be conditioned on "
                        "any minimum number of shares being tendered, the company said.")
    assert "Mark IV" in entities.organizations, entities  # the firm's short name, its ticker after it
    from searchapp.entities.org_spans import is_model_name
    assert is_model_name("Cray II", "sold a Cray II supercomputer")
    assert not is_model_name("Mark IV", "Mark IV Industries said ... Mark IV said")
    assert not is_model_name("Mark IV", "Mark IV <IV> Unit to Begin Tender")
    assert not is_model_name("Mark IV", "Mark IV, Inc said")
    assert is_model_name("Cray II", "sold a Cray II, Apple said")


def test_a_country_named_before_a_sentences_source_possessive_or_not():
    from searchapp.entities.mentions import _names_a_country
    assert _names_a_country("Japan's current account surplus widened", 0)
    assert _names_a_country("Norwegian tankers supplied", 0)
    assert not _names_a_country("Rhode Island, the federal energy department said", 0)


def _extract_titled(extractor, title: str, body: str) -> Entities:
    article = Article(article_id="t", title=title, body=body, published=date(1987, 3, 3))
    return extract_entities(article, extractor)


@pytest.mark.parametrize(("title", "body", "wanted", "unwanted"), [
    # a headline's words joined by "of"; NER's facility; a place NER cut after "Gulf of"
    ("Gulf of Mexico Rig Count Falls This Week", "HOUSTON, March 2 - Utilization of offshore mobile rigs in the "
     "Gulf of Mexico declined by 0.7 pct during the past week, Offshore Data Services said.", {"Gulf of Mexico"}, {"Mexico"}),
    ("LNG Imports Unlikely in 1987", "NEW YORK, Feb 26 - A decline in gas drilling and the time lag to bring Gulf of "
     "Mexico productions onstream will tighten gas supplies, he said.", {"Gulf of Mexico"}, {"Mexico"}),
    ("Noble <NBL> Submits High Bid for Tract", "ARDMORE, Okla., April 24 - Noble Affiliates Inc said it submitted "
     "the high bid for six tracts at the Central Gulf of Mexico sale on April 22.", {"Gulf of Mexico"}, {"Mexico"}),
    # a shouted headline's town, whose second word softening left in capitals
    ("KANSAS CITY CARLOTS AS OF April 7", "Shipments Receipts\n\nWheat 133 44 52 4", {"Kansas City"}, {"Kansas"}),
    # a town the story names with its state, and a venture named after it
    ("California Energy <CECI> Gets Financing", "SANTA ROSA, Calif., March 31 - California Energy Co Inc said it "
     "arranged financing for its China Lake Joint Venture, which will build a plant at China Lake, Calif.",
     {"China Lake (California)"}, {"China"}),
    # West Virginia as the wire abbreviates it in a body
    ("Coal Firm Sold", "ST. LOUIS, March 3 - The company has 100 mln tons of coal reserves, mostly in West Va., "
     "and some in Colorado, it said.", {"West Virginia", "Colorado"}, {"Virginia"}),
    # a basin named after its city
    ("Triton Sees Reserves Up", "DALLAS, April 13 - Triton Energy Corp is engaged in oil exploration "
     "primarily in the Paris basin of France.", {"Paris Basin", "France"}, {"Paris"}),
])
def test_a_place_cut_out_of_a_longer_place_is_the_longer_place(extractor, title, body, wanted, unwanted):
    _has(_extract_titled(extractor, title, body), "places", wanted, unwanted)


def test_a_state_a_story_abbreviates_is_kept_beside_its_longer_town(extractor):
    entities = _extract(extractor, "LONDON, March 3 - The grain moved through Kansas City, Kan., and St. Joseph, "
                        "Mo., traders said. Kansas City prices rose.")
    _has(entities, "places", {"Kansas"})


@pytest.mark.parametrize(("body", "wanted", "unwanted"), [
    ("ALBANY, March 3 - United has branches in six upstate New York cities.", {"New York State"}, {"New York"}),
    ("BOSTON, March 3 - Rains will reach from western Washington into northwest Oregon.",
     {"Washington State", "Oregon"}, {"Washington"}),
    ("BOSTON, March 3 - Another chain operates 143 stores in California, Oregon, Texas and Washington.",
     {"Washington State"}, {"Washington"}),
    ("BOSTON, March 3 - It opposes the licensing of plants in Delaware, New York and New Hampshire, said New York "
     "Governor Mario Cuomo.", {"New York State", "New Hampshire"}, {"New York"}),
    ("BOSTON, March 3 - It opposes the licensing of plants in Delaware, New York and New Hampshire.",
     {"New York State", "New Hampshire"}, {"New York"}),
    # a pair of a state and the city is as often the city
    ("BOSTON, March 3 - He promised to surrender titles to property in New York and Hawaii.",
     {"New York", "Hawaii"}, {"New York State"}),
    ("BOSTON, March 3 - Home Savings of Seattle, Washington, was sold, and so was a bank with offices in Oregon, "
     "Washington state and Utah.", {"Washington State"}, {"Washington"}),
    ("BOSTON, March 3 - The court for the Western District of the State of Washington approved it.",
     {"Washington State"}, {"Washington"}),
    # the cities, and the capital standing for its government
    ("LONDON, March 3 - After three days of talks in New York and Washington, he said trade friction between "
     "Washington and Tokyo rose. It franchised banks in Louisiana and Washington D.C.",
     {"New York", "Washington"}, {"New York State", "Washington State"}),
    # a dateline's city stays beside the state its body means
    ("NEW YORK, March 3 - Its plants in upstate New York are closed.", {"New York", "New York State"}, set()),
])
def test_a_state_named_like_its_city_is_the_state_where_the_story_means_it(extractor, body, wanted, unwanted):
    _has(_extract(extractor, body), "places", wanted, unwanted)


def test_a_firm_named_after_its_family_stays_a_firm_beside_them(extractor):
    entities = _extract(extractor, "WILLIAMSBURG, Va., March 4 - Noland Co said that when its chairman John Noland "
                        "retires, his brother Peter Noland will become chief executive. Noland said sales rose.")
    assert "Noland" in entities.organizations, entities
    entities = _extract(extractor, "TAIPEI, March 24 - Wang Chao-ming, vice chairman of the council, spoke. Wang said "
                        "the government would act. Vice Economic Minister Wang Chien-shien agreed with Wang.")
    assert entities.organizations == (), entities


def test_a_words_plural_is_no_place(extractor):
    entities = _extract(extractor, "ROME, March 3 - Sources said the Christian Democrats are likely to leave the "
                        "coalition, which also includes Republicans, Social Democrats and Liberals.")
    assert entities.places == ("Rome",), entities
    # a plural the lexicon knows as such, or a word that is no plural, stays
    entities = _extract(extractor, "ST. LOUIS, March 3 - Doe Run said its smelter at Boss, Mo., will raise lead "
                        "output. Snow fell in the Rockies and the Carolinas.")
    _has(entities, "places", {"Boss (Missouri)", "Rockies", "Carolinas"})


@pytest.mark.parametrize(("title", "body", "wanted", "unwanted"), [
    ("N.Y. COMEX ALUMINUM OFFICIAL VOLUME FOR APRIL 6", "Total 100 lots.", {"New York"}, {"New York State"}),
    ("Mitsubishi Bank's NY Branch Sets Note Program", "TOKYO, March 3 - Mitsubishi Bank Ltd said its New York "
     "branch set a note program.", {"New York", "Tokyo"}, {"New York State"}),
    ("Bank Opens Branches", "LONDON, March 3 - The bank opened a N.Y. branch and a Tokyo office.",
     {"New York", "Tokyo"}, {"New York State"}),
    # after a town or a court's district, the state
    ("Carter-Day Settles", "NEW YORK, March 3 - It reached a settlement in a suit filed in the Bankruptcy Court for "
     "the Southern District of N.Y. against five power companies.", {"New York State"}, set()),
    ("Xerox Sets Plant", "STAMFORD, Conn., March 3 - Xerox Corp said it will build a plant in Rochester, N.Y., "
     "next year.", {"New York State"}, {"New York"}),
])
def test_new_york_by_its_initials_alone_is_the_city(extractor, title, body, wanted, unwanted):
    _has(_extract_titled(extractor, title, body), "places", wanted, unwanted)


def test_a_big_us_city_named_with_another_state_is_that_states_town(extractor):
    entities = _extract(extractor, "NEW YORK, March 3 - The Fed approved its purchase of Coastal Bancorp <CSBK>, "
                        "Portland, Me. It also flies to Indianapolis, Portland, Me., and Savannah, Ga.")
    _has(entities, "places", {"Portland (Maine)"}, {"Portland"})
    entities = _extract(extractor, "NEW YORK, March 3 - Its stores in Houston, Texas, and Portland, Ore., rose. "
                        "The Chicago, Missouri will employ 625 workers.")
    _has(entities, "places", {"Houston", "Portland"}, {"Houston (Texas)", "Portland (Oregon)", "Chicago (Missouri)"})


def test_an_acronym_between_commas_or_after_a_shorter_name_is_defined_too():
    from searchapp.entities.mentions import defined_acronyms

    assert defined_acronyms("Speaking to representatives of the U.S. National Cattlemen's Association, NCA, Lyng "
                            "attacked press reports.", ["NCA", "U.S. National Cattlemen's Association"]) == (
        ("NCA", "U.S. National Cattlemen's Association"),)
    # the dateline made "Communist Party" the Portuguese one; the story writes it without the country
    assert defined_acronyms("The Socialist Party (PS), Democratic Renewal Party (PRD) and Communist Party (PCP) "
                            "voted for the motion.", ["Democratic Renewal Party", "PCP", "PRD", "PS",
                                                      "Portuguese Communist Party", "Portuguese Socialist Party"]) == (
        ("PCP", "Portuguese Communist Party"), ("PRD", "Democratic Renewal Party"),
        ("PS", "Portuguese Socialist Party"))
    # between commas the letters must be the name's initials in their order: a list is no definition
    assert defined_acronyms("Bids came from Chrysler Motors Corp, MCC, and Ford Motor Co, FM, and from General "
                            "Motors Corp, MG, said the agency.", ["Chrysler Motors", "Ford Motor", "General Motors",
                                                                  "MCC", "FM", "MG"]) == (
        ("FM", "Ford Motor"),)


@pytest.mark.parametrize(("body", "wanted", "unwanted"), [
    # an acronym spelled out in lower case is no body, whatever its first word ...
    ('WASHINGTON, April 8 - "Retrovir has improved the survival of AIDS patients with recently diagnosed PCP '
     '(Pneumocystis carinii pneumonia)," said Frank Young of the Food and Drug Administration.',
     {"Food and Drug Administration"}, {"PCP"}),
    ("WASHINGTON, March 3 - Farmers received payment-in-kind, or PIK, certificates from the U.S. Agriculture "
     "Department, and PIK values fell.", {"U.S. Agriculture Department"}, {"PIK"}),
    # ... unless its last word names a body (here the exchange, named whole: the acronym is its)
    ("TOKYO, April 8 - Shares of Sony Corp rose on the Tokyo stock exchange (TSE) today, and the TSE said "
     "volume was heavy.", {"Sony", "Tokyo Stock Exchange"}, {"TSE"}),
    # an Italian particle NER cut the name at
    ("MILAN, March 16 - Banca della Svizzera Italiana <BISZ.Z> said it planned a one-for-12 rights issue to "
     "raise about 50 mln francs new capital.", {"Banca della Svizzera Italiana"}, {"Svizzera Italiana"}),
])
def test_acronyms_spelled_in_lower_case_and_names_cut_at_della(extractor, body, wanted, unwanted):
    _has(_extract(extractor, body), "organizations", wanted, unwanted)


def test_a_town_ending_a_firms_name_is_no_short_form_of_it():
    """"Hanover" (the trade fair's, the city's) is no Manufacturers Hanover where the corpus names
    Hanover as a place; "Whitney", a town the corpus never names, is still Pratt and Whitney's."""
    bank = ((), (), ("Manufacturers Hanover",))
    engines = ((), (), ("Pratt and Whitney",))
    final = resolve_names(bank, bank, bank, ((), ("Hanover",), ()), ((), (), ("Hanover",)),
                          engines, engines, ((), (), ("Whitney",)))
    assert final[4].organizations == () and final[3].places == ("Hanover",)
    assert final[7].organizations == ("Pratt and Whitney",)
    # without the corpus naming the town, the word is the firm's, as any word of a firm's name
    assert resolve_names(bank, bank, ((), (), ("Hanover",)))[2].organizations == ("Manufacturers Hanover",)


def test_a_surname_ending_a_firms_name_is_no_short_form_of_it():
    """"Reynolds" alone, where the corpus's people are Reynoldses, is no Dean Witter Reynolds: it is
    left out, as a word of several firms is. The first word of a name stays the firm's ("Ford")."""
    broker = ((), (), ("Dean Witter Reynolds",))
    person = (("A. William Reynolds",), (), ())
    final = resolve_names(broker, broker, broker, person, person, ((), (), ("Reynolds",)))
    assert final[5].organizations == ()
    # without people of that name, the word is the firm's, as any word of a firm's name
    assert resolve_names(broker, broker, broker, ((), (), ("Reynolds",)))[3].organizations == ("Dean Witter Reynolds",)
    cars = ((), (), ("Ford Motor",))
    driver = (("Gerald Ford",), (), ())
    final = resolve_names(cars, cars, cars, driver, driver, ((), (), ("Ford",)))
    assert final[5].organizations == ("Ford Motor",)


def test_a_casing_with_the_shift_key_held_too_long_never_wins():
    from searchapp.entities.corpus import CorpusMaps

    typo, right = Entities(organizations=("Carter-Day INdustries",)), Entities(organizations=("Carter-Day Industries",))
    lowered = [("industries", "farm"), ("industries",), ()]
    maps = CorpusMaps.build([typo, right, typo], lowered=lowered)
    assert {maps.apply(ents).organizations for ents in (typo, right)} == {("Carter-Day Industries",)}
    # "MCorp" is the firm's own casing, no word held on the shift key
    mcorp, headline = Entities(organizations=("MCorp",)), Entities(organizations=("Mcorp",))
    maps = CorpusMaps.build([mcorp, mcorp, headline], lowered=[("corp",)] * 3)
    assert maps.apply(headline).organizations == ("MCorp",)


def test_a_lone_surname_named_after_a_title_is_no_firm_it_opens():
    """"President Carter" is no Carter Hawley Hale Stores, however many articles name the retailer;
    without a title anywhere, a lone word that opens a firm's name in more articles is that firm."""
    from searchapp.entities.corpus import CorpusMaps

    stores = Entities(organizations=("Carter Hawley Hale Stores",))
    carter = Entities(people=("Carter",))
    local = [stores] * 4 + [carter] * 2 + [Entities(people=("Jimmy Carter",)), Entities(people=("Dave Carter",))]
    titled = [()] * 4 + [("Carter",), ()] + [()] * 2
    maps = CorpusMaps.build(local, titled=titled)
    assert "Carter Hawley Hale Stores" not in maps.apply(carter).organizations
    untitled = CorpusMaps.build(local, titled=[()] * len(local))
    assert untitled.apply(carter).organizations == ("Carter Hawley Hale Stores",)


@pytest.mark.parametrize(("body", "wanted", "unwanted"), [
    # a body's name goes on through the region it is for, which NER tagged apart
    ("ADDIS ABABA, March 3 - Adebayo Adedeji, executive secretary of the U.N. Economic Commission for Africa, "
     "told the meeting that there was a problem.", {"U.N. Economic Commission for Africa"}, {"U.N. Economic Commission"}),
    ("BANGKOK, April 8 - The Bangkok-based U.N. Economic and Social Commission for Asia and the Pacific said "
     "in its annual report that the region grew.", {"U.N. Economic and Social Commission for Asia and the Pacific"},
     {"U.N. Economic and Social Commission", "Pacific"}),
])
def test_a_body_named_for_a_region_keeps_it(extractor, body, wanted, unwanted):
    _has(_extract(extractor, body), "organizations", wanted, unwanted)


def test_an_acronym_spelled_in_lower_case_between_commas_is_a_thing_for_the_corpus(extractor):
    """"payment-in-kind, or PIK, certificates": PIK is no body in this article, nor where another
    names it bare (Mentions.things, which the corpus reads)."""
    text = ("WASHINGTON, March 3 - Farmers received payment-in-kind, or PIK, certificates from the U.S. Agriculture "
            "Department, and PIK values fell.")
    mentions = next(iter(extractor.analyse([text])))
    assert "PIK" in mentions.things and "PIK" not in mentions.organizations


def test_a_conference_or_a_headquarters_is_no_body():
    from searchapp.entities.org_spans import is_no_body

    assert is_no_body("Offshore Technology Conference") and is_no_body("U.N. Headquarters")
    assert not is_no_body("U.N. Conference on Trade and Development")  # its head comes before "on"
    assert not is_no_body("Organisation of the Islamic Conference")


def test_a_grouping_of_nations_cut_before_its_number_is_the_grouping(extractor):
    body = ("PARIS, April 3 - The dollar has held steady since the Louvre and Washington Group of Seven (G-7) "
            "agreements, dealers said.")
    _has(_extract(extractor, body), "organizations", {"Group of Seven"}, {"Washington Group"})


@pytest.mark.parametrize(("body", "wanted", "unwanted"), [
    ("NEW YORK, April 3 - Newmont Gold Co is offering five mln shares, co-managing underwriters Kidder, "
     "Peabody and Co, Lazard Freres and Co and Salomon Brothers Inc said.",
     {"Lazard Freres", "Salomon Brothers", "Kidder Peabody"}, {"Co and Salomon Brothers"}),
    ("The offering is managed by Morgan Stanley and Co Inc and PaineWebber Inc, the company said.",
     {"PaineWebber"}, {"Inc and PaineWebber"}),
])
def test_the_legal_form_closing_a_firm_in_a_list_is_not_the_next_firms(extractor, body, wanted, unwanted):
    """In a list of underwriters, "and Co" and "Co Inc" end the firm before them: NER took the "Co"
    alone ("[Lazard Freres] and [Co] and [Salomon Brothers Inc]"), and the next firm's name must
    not start with it."""
    _has(_extract(extractor, body), "organizations", wanted, unwanted)


def test_a_name_opened_by_a_legal_form_loses_it():
    assert clean_org("Inc and Western Airlines") == "Western Airlines"
    assert clean_org("Inc Lovett Mitchell Webb and Garrison") == "Lovett Mitchell Webb and Garrison"
    assert clean_org("Co-Steel International") == "Co-Steel International"


def test_a_verbs_ing_form_opening_a_sentence_is_no_first_name(extractor):
    entities = _extract(extractor, "BOGOTA, March 12 - Colombia will export more coffee, finance minister Cesar "
                                   "Gaviria said.  Echoing Gaviria's words, Jorge Cardenas, manager of the "
                                   "national coffee growers' federation, said exports would rise.")
    _has(entities, "people", {"Cesar Gaviria", "Jorge Cardenas"}, {"Echoing Gaviria"})
    entities = _extract(extractor, "NEW YORK, April 7 - Sharon Steel Corp said Frank Brand was named acting chief "
                                   "executive and director Irving Hellman was named acting chairman.")
    _has(entities, "people", {"Irving Hellman"})


def test_one_portfolio_word_before_a_commissioner_is_no_body(extractor):
    entities = _extract(extractor, "BRUSSELS, March 17 - The European Community cereal trade lobby Coceral has written "
                                   "to Farm Commissioner Frans Andriessen asking for talks.")
    _has(entities, "organizations", {"Coceral"}, {"Farm"})
    _has(entities, "people", {"Frans Andriessen"})


def test_a_plural_acronym_of_lower_case_words_that_define_it_is_a_term(extractor):
    entities = _extract(extractor, "WASHINGTON, April 2 - Commerce Secretary Malcolm Baldrige said he supported efforts "
                                   "to persuade newly-industrialized countries (NICS) to revalue currencies.")
    _has(entities, "organizations", set(), {"NICS"})
    entities = _extract(extractor, "NEW YORK, April 2 - The American Petroleum Institute (API) said stocks fell.")
    _has(entities, "organizations", {"American Petroleum Institute"})
    # lower-case words that only happen to have its letters are no definition
    entities = _extract(extractor, "WASHINGTON, March 18 - The farm bill allowed steep cuts in loan rates, he said. "
                                   "\"We have spent hours in ASCS (Agriculture Stabilization and Conservation Service) "
                                   "offices,\" he said.")
    assert any("Stabilization and Conservation" in org or org == "ASCS" for org in entities.organizations), entities


@pytest.mark.parametrize(("body", "org", "not_org"), [
    # NER's ORG span held the generic words and the legal form only
    ("TULSA, Okla., March 19 - Tempo Enterprises Inc said it signed a letter of intent to sell seven cable "
     "television systems.", "Tempo Enterprises", "Enterprises"),
    # a firm named by common words keeps its country: without it, it is a word
    ("KINGSTON, March 3 - Lukman was in Kingston as a guest of the state-owned Petroleum Corp of Jamaica.",
     "Petroleum Corp of Jamaica", "Petroleum"),
])
def test_a_firm_is_not_its_generic_words_alone(extractor, body, org, not_org):
    _has(_extract(extractor, body), "organizations", {org}, {not_org})


def test_names_a_plural_rivers_follows_are_rivers(extractor):
    entities = _extract(extractor, "ST. LOUIS, March 3 - Barge freight rates rose on the Missouri and Mississippi Rivers, "
                                   "brokers said.")
    _has(entities, "places", {"Missouri River", "Mississippi River", "St. Louis"}, {"Missouri", "Mississippi"})
    entities = _extract(extractor, "ST. LOUIS, March 3 - Barge rates rose on the Illinois and Mississippi rivers. "
                                   "Illinois farmers sold corn, brokers said.")
    _has(entities, "places", {"Illinois River", "Mississippi River", "Illinois"}, {"Mississippi"})  # the state too


@pytest.mark.parametrize(("body", "org", "not_orgs"), [
    # the first partner named with initials: NER read "L.F. Rothschild" as a person's name
    ("NEW YORK, April 2 - The notes were priced at par, said sole manager L.F. Rothschild, Unterberg, Towbin Inc.",
     "L.F. Rothschild Unterberg Towbin", {"Towbin", "L.F. Rothschild"}),
    # NER read the end of the name as the firm, the start as a person
    ("VANCOUVER, April 2 - Pancontinental Oil Ltd said it arranged a private financing with Pemberton Houston "
     "Willoughby Bell Gouinlock Inc.  The placement consists of special warrants.",
     "Pemberton Houston Willoughby Bell Gouinlock", {"Bell Gouinlock", "Pemberton Houston"}),
])
def test_a_partnership_is_read_whole_where_ner_split_it(extractor, body, org, not_orgs):
    entities = _extract(extractor, body)
    _has(entities, "organizations", {org}, not_orgs)
    assert not set(entities.people) & {"Unterberg", "Pemberton Houston"}, entities


@pytest.mark.parametrize(("body", "org"), [
    ("NEW YORK, March 9 - New York-based Mutual Shares Corp said it holds 5.1 pct of the stock.", "Mutual Shares"),
    ("PARAMARIBO, March 9 - The alumina refinery, owned jointly by Suralco and Billiton NV, a Royal Dutch Shell "
     "subsidiary, was reopened.", "Billiton"),
    ("NEW YORK, March 9 - Last December Nomura Securities International Inc became a primary dealer.",
     "Nomura Securities International"),
])
def test_words_before_a_firm_ner_read_whole_stay_out_of_its_name(extractor, body, org):
    organizations = _extract(extractor, body).organizations
    assert org in organizations and not any(name.endswith(" " + org) for name in organizations), organizations


def test_the_places_of_a_list_a_plural_division_follows(extractor):
    entities = _extract(extractor, "KUALA LUMPUR, April 7 - Malaysia plans an undersea cable to link Peninsula Malaysia "
                                   "with eastern Sabah and Sarawak states, the national news agency Bernama reported.")
    _has(entities, "places", {"Sabah", "Sarawak"})
    # one known name is no list of places: "Burdekin" is no place the gazetteer knows
    entities = _extract(extractor, "SYDNEY, April 7 - Cane crushing in the Burdekin and Mackay regions was delayed.")
    assert "Mackay" not in entities.places or "Burdekin" not in entities.places, entities




def test_a_name_before_oilfield_is_a_site_not_a_body(extractor):
    entities = _extract(extractor, "BOGOTA, March 12 - Repeated bombings of a vital pipeline from the Cano Limon "
                                   "oilfield to the Caribbean led to a loss of 51,000 barrels of crude, Ecopetrol said.")
    _has(entities, "organizations", {"Ecopetrol"}, {"Cano Limon"})
    _has(entities, "places", {"Caribbean"}, {"Kano"})




def test_a_titled_person_is_no_firm_of_the_same_name():
    local = [Entities(people=("John Wiley",)), Entities(organizations=("John Wiley and Sons",)),
             Entities(organizations=("John Wiley and Sons",))]
    legal = [[], [("org", "John Wiley and Sons", "John Wiley and Sons Inc", 1)],
             [("org", "John Wiley and Sons", "John Wiley and Sons Inc", 1)]]
    titled = [["John Wiley"], [], []]
    maps = CorpusMaps.build(local, surfaces=legal, titled=titled)
    assert maps.apply(local[0]).people == ("John Wiley",)
    untitled = CorpusMaps.build(local, surfaces=legal, titled=[[], [], []])
    assert untitled.apply(local[0]).organizations == ("John Wiley and Sons",)


def test_an_abbreviated_first_name_belongs_to_the_firm(extractor):
    entities = _extract(extractor, "NEW YORK, March 30 - Service Resources Corp said its Chas. P. Young Co subsidiary "
                                   "agreed to acquire Atwell Fleming Printing Ltd.")
    _has(entities, "organizations", {"Chas. P. Young", "Service Resources"}, {"P. Young"})
    _has(entities, "places", set(), {"Chas"})


def test_a_subcommittee_keeps_its_listed_topics(extractor):
    entities = _extract(extractor, "WASHINGTON, April 2 - Farm reorganizations cost the Agriculture Department "
                                   "payment rolls, Crowley told the House Agriculture Subcommittee on Wheat, Soybeans "
                                   "and Feedgrains.")
    values = set(entities.organizations)
    assert "Wheat Soybeans and Feedgrains" not in values and any(
        value.endswith("Subcommittee on Wheat Soybeans and Feedgrains") for value in values), entities



@pytest.mark.parametrize(("body", "kind", "wanted", "unwanted"), [
    # a preposition opening a sentence is no first name
    ("WASHINGTON, April 1 - United Press International said Milton Benjamin had resigned and its chairman, Mario "
     "Vazquez-Rana, would take over.  Besides Benjamin and Vazquez-Rana, the other presidents have been Luis "
     "Nogales and Maxwell McCrohon.", "people", {"Milton Benjamin", "Luis Nogales"}, {"Besides Benjamin"}),
    # an acronym the article also writes in the plural is a common noun's initials
    ("WASHINGTON, March 17 - Texas Eastern Corp said it is committed to cleaning up polychlorinated biphenyls PCBs "
     "from its pipeline system.  The EPA knew about PCB contamination at sites along the pipeline, the "
     "Environmental Protection Agency said.", "organizations", {"Texas Eastern", "Environmental Protection Agency"},
     {"PCB"}),
    # "KK" is a Japanese firm's legal form
    ("SEOUL, March 19 - Minolta Camera Co Ltd <MNLT.T>, <Asahi Optical Co Ltd> and Nippon Kogaku KK <GAKU.T> "
     "already assemble 35-mm cameras with South Korean partners.", "organizations",
     {"Minolta Camera", "Asahi Optical", "Nippon Kogaku"}, set()),
    # a numbered unit is a reactor
    ("WINTERSBURG, Ariz., March 30 - Fuel loading of the Palo Verde Unit 3 nuclear power plant began Saturday, El "
     "Paso Electric Co said.", "organizations", {"El Paso Electric"}, {"Palo Verde Unit", "Palo Verde"}),
    # a hyphenated short name is the article's firm that holds it
    ("LOS ANGELES, April 9 - CalFed Inc said it has entered the property-casualty insurance business through the "
     "formation of Anglo-American Insurance Co Ltd, a London-based subsidiary initially capitalized at 80 mln "
     "dlrs.\n\nThe company said <London United Investment PLC> will share equally in all risks, premiums and "
     "reinsurance with Anglo-American and perform all underwriting activities for Anglo-American.",
     "organizations", {"Anglo-American Insurance", "CalFed"}, {"Anglo-American"}),
    # a body that lists its portfolios with commas is one name, where the words are English words
    ("BERNE, March 13 - Swiss wholesale prices fell 0.3 pct in February, giving a drop of 4.3 pct from February "
     "1986, the Federal Office of Industry, Trade and Labour said.", "organizations",
     {"Swiss Federal Office of Industry Trade and Labour"},
     {"Swiss Federal Office of Industry", "Federal Office of Industry"}),
    ("TOKYO, March 3 - Loans from the Bank of Tokyo, Fuji and Mitsubishi rose, the Finance Ministry said.",
     "organizations", {"Bank of Tokyo"}, {"Bank of Tokyo Fuji and Mitsubishi"}),
    # words the article writes in lower case are no partners' names; surnames are
    ("WASHINGTON, March 17 - Dry weather covered most of Europe, and crop prospects improved, the Joint "
     "Agricultural Weather Facility said.\n\nIn its International Weather and Crop summary, the agency said mixed "
     "rain and snow covered Greece.", "organizations", set(), {"Weather and Crop", "Crop"}),
    ("NEW YORK, March 3 - The accounting firm Coopers and Lybrand said it audited the accounts.", "organizations",
     {"Coopers and Lybrand"}, set()),
    # a bare Bourse is the one its story names in full, else its dateline town's
    ("PARIS, March 17 - Gillette Co has given an undertaking to intervene on the Bourse until April 7, Bourse "
     "officials said.", "organizations", {"Paris Bourse"}, {"Bourse"}),
    ("AMSTERDAM, April 2 - Turnover on the Amsterdam Bourse rose 38 pct in March, the Bourse said.", "organizations",
     {"Amsterdam Bourse"}, {"Bourse", "Paris Bourse"}),
    ("THE HAGUE, April 8 - A year ago, the Amsterdam Bourse announced its own rules.  In the meantime the Bourse's "
     "Share Trading Association has acted.", "organizations", {"Amsterdam Bourse"}, {"Bourse", "The Hague Bourse"}),
    # a rule is no body, whoever made it
    ("TOKYO, March 3 - Banks must report their positions under the Finance Ministry Ordinance, Bank of Japan "
     "officials said.", "organizations", {"Bank of Japan"},
     {"Finance Ministry Ordinance", "Japanese Finance Ministry Ordinance"}),
    # a ministry of several portfolios is its country's
    ("PEKING, March 2 - China's wheat crop is threatened by pests, the New China News Agency said.  China's "
     "Ministry of Agriculture, Animal Husbandry and Fisheries has called for measures including spraying.",
     "organizations", {"Chinese Ministry of Agriculture Animal Husbandry and Fisheries"},
     {"Ministry of Agriculture Animal Husbandry and Fisheries", "Chinese Ministry of Agriculture"}),
])
def test_names_read_whole_and_of_the_right_kind(extractor, body, kind, wanted, unwanted):
    """Cases from the labelled set dev11 and the judged facet values of the twenty-third pass."""
    _has(_extract(extractor, body), kind, wanted, unwanted)


def test_an_exchange_written_in_lower_case_is_the_citys_exchange(extractor):
    entities = _extract(extractor, "TOKYO, March 3 - Kyushu Electric Power Co will issue 100 mln dlrs of bonds through "
                                   "Nomura Securities Co Ltd, which will be listed on the Luxembourg stock exchange.  "
                                   "Shares of Heineken rose on the Amsterdam bourse, and the Thai stock exchange was shut.")
    _has(entities, "organizations", {"Luxembourg Stock Exchange", "Amsterdam Bourse", "Nomura Securities"},
         {"Thai Stock Exchange"})



@pytest.mark.parametrize(("body", "wanted", "unwanted"), [
    ("WINNIPEG, March 3 - The Canadian Wheat Board said East Coast and West Coast prices for wheat rose.",
     {"East Coast (Canada)", "West Coast (Canada)"}, {"East Coast", "West Coast"}),
    ("NEW YORK, March 3 - Heating oil stocks on the East Coast fell, and Japan bought more.",
     {"East Coast (United States)"}, {"East Coast"}),
    ("LONDON, March 3 - A tanker was fixed from the East Coast of Mexico to Canada.", set(), {"East Coast"}),
])
def test_a_bare_coast_is_its_articles_countrys(extractor, body, wanted, unwanted):
    _has(_extract(extractor, body), "places", wanted, unwanted)


@pytest.mark.parametrize(("body", "kind", "wanted", "unwanted"), [
    # a firm's possessive before the surname of someone the article names in full: the firm, then him
    ("TOKYO, March 31 - Nikko Securities' top analyst Kasuhiza Okamoto said stocks would rise.\n\n\"The themes this "
     "year are very clear,\" said Nikko Securities' Okamoto.", "organizations", {"Nikko Securities"},
     {"Nikko Securities' Okamoto", "Nikko Securities Okamoto"}),
    # the Swedish legal form inside a name, before the initials of its founder
    ("STOCKHOLM, April 7 - Sweden's Telefon AB L.M. Ericsson <ERIC.ST> said it has won a contract from U.S. West Co "
     "Inc <WST>. It will replace older exchanges with Ericsson's AXE system.", "organizations",
     {"Telefon AB L.M. Ericsson"}, {"Telefon", "Telefon AB", "L.M. Ericsson"}),
    # a ticker symbol is no body
    ("NEW YORK, April 28 - The American Stock Exchange said the trust, known as the Americus Trust for Kodak shares, "
     "trades under the ticker symbol KDUWI.", "organizations", {"American Stock Exchange"}, {"KDUWI"}),
    # a site its owner names in the possessive is no body
    ("LONDON, March 24 - A new catalytic cracker at Shell's Stanlow refinery will now come on stream by the end of "
     "first quarter 1988, Shell U.K. Ltd said.", "organizations", {"Shell U.K."}, {"Stanlow"}),
    # a country's possessive says whose a department is, though the U.S. names its departments so too
    ("CALGARY, Alberta, April 29 - \"Canadian producers may end up subsidizing the cost of transportation services "
     "incurred on behalf of U.S. customers,\" said Robert Skinner, an assistant deputy minister in Canada's energy "
     "department.", "organizations", {"Canadian Energy Department"}, {"U.S. Energy Department"}),
    # "Worldwide" ends a firm's name
    ("NEW YORK, March 3 - The company recognized expenses for restructuring the combined operations of BBDO, Doyle "
     "Dane Bernbach and Needham Harper Worldwide in August 1986.", "organizations", {"Needham Harper Worldwide"},
     set()),
    ("NEW YORK, March 3 - The company recognized expenses for restructuring the combined operations of BBDO, Doyle "
     "Dane Bernbach and Needham Harper Worldwide in August 1986.", "people", set(), {"Needham Harper Worldwide"}),
    # a chain of stores named after its founder
    ("LOS ANGELES, March 5 - Carter Hawley Hale Stores Inc said sales rose 7.6 pct. Sales for the prior year exclude "
     "John Wanamaker stores, sold at the end of 1986.", "organizations", {"John Wanamaker"}, set()),
    ("LOS ANGELES, March 5 - Carter Hawley Hale Stores Inc said sales rose 7.6 pct. Sales for the prior year exclude "
     "John Wanamaker stores, sold at the end of 1986.", "people", set(), {"John Wanamaker"}),
    ("HOUSTON, March 17 - The company said it was operating 188 Oshman's stores and 27 Abercrombie and Fitch "
     "stores.", "organizations", set(), {"Fitch"}),  # a partnership NER cut is no founder's chain
    # fields in a sea are sites, not places of their own
    ("LONDON, March 24 - A final decision on development of the Kittiwake and Osprey North Sea oil fields will be "
     "made in the next 12 months, Reid said. Costs for the Tern and Eider North Sea fields, which were approved last "
     "year, fell.", "places", set(), {"Osprey North Sea", "Eider North Sea"}),
    ("NEW YORK, March 3 - Output from the Prudhoe Bay field in Alaska fell, the company said.", "places",
     {"Prudhoe Bay"}, set()),  # a place that ends in a landmark word stays the place
    # judged rounds x139 and x140: a union's local is named by its number
    ("DETROIT, March 5 - General Motors failed to reach an agreement on local issues with UAW Local 594 by the "
     "union's deadline, causing a strike by 9,000 workers.", "organizations", {"UAW Local 594"}, {"UAW Local"}),
    # a first and a last name that hold a title written in lower case are a person
    ("LONDON, March 11 - The issue will be used to fund short-term borrowings, Storehouse Plc corporate treasurer "
     "Lance Moir told Reuters.", "people", {"Lance Moir"}, set()),
    ("LONDON, March 11 - \"The market gave us the chance,\" Lance Moir, corporate treasurer at Storehouse Plc told "
     "Reuters.", "organizations", {"Storehouse"}, {"Lance Moir"}),
    # depositary shares and receipts are securities
    ("NEW YORK, March 3 - The company said it will offer 2.5 mln American Depositary Shares in the United States.",
     "organizations", set(), {"American Depositary Shares"}),
    ("NEW YORK, March 3 - The company said it will offer 2.5 mln American Depositary Shares (ADS) in the United "
     "States. Each ADS represents ten shares.", "organizations", set(), {"American Depositary Shares", "ADS"}),
])
def test_names_of_the_twenty_fourth_pass(extractor, body, kind, wanted, unwanted):
    """Cases from the labelled set dev12, read for causes after it was scored unseen."""
    _has(_extract(extractor, body), kind, wanted, unwanted)


def test_a_dateline_month_written_in_mixed_case():
    from searchapp.entities.place_spans import find_dateline

    assert find_dateline("ATLANTA, MArch 25 - Shr six cts vs five cts").places == ["Atlanta"]  # a typo


def test_a_treasury_its_washington_story_titles_bare_is_the_us_treasury(extractor):
    """Judged round x140: "Treasury's Mulford Sees Brazil Lending Progress" had been Brazil's Treasury."""
    article = Article(article_id="t", title="Treasury's Mulford Sees Brazil Lending Progress",
                      body="WASHINGTON, March 3 - Assistant Treasury Secretary David Mulford said rapid progress was "
                           "being made in talks with commercial banks for loans to Argentina, the Philippines and Brazil.",
                      published=date(1987, 3, 3))
    _has(extract_entities(article, extractor), "organizations", {"U.S. Treasury"}, {"Brazilian Treasury"})
    article = Article(article_id="t", title="Argentina Says Near Deal with Creditor Banks",
                      body="BUENOS AIRES, April 13 - Argentine Treasury Secretary Mario Brodersohn said the country is "
                           "near accord with creditor banks. The Treasury said talks went on.", published=date(1987, 3, 3))
    _has(extract_entities(article, extractor), "organizations", {"Argentine Treasury"}, {"U.S. Treasury"})
