"""Name a wire dateline's US town with its state when the gazetteer cannot place it alone.

"SPRINGFIELD, Ill." is one of eight Springfields: as a facet value the bare name would stand for
all of them ("Jackson, Miss." and "Jackson, Mich." were one place), so the value keeps the state,
"Springfield (Illinois)" (no comma: facet fields join their values with commas).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from searchapp.gazetteer import HISTORIC_STATES, geonames
from searchapp.entities.spots import bounded_spots, compiled, spots
from searchapp.entities.places import (canonical_place, country_of, gazetteer, is_major_place, is_us_state, place_key,
                                       state_display, us_states_named_like_cities)


# Regions as wire datelines abbreviate them, read only there ("Man", "Me", "Ont" are words or names
# elsewhere): Canadian provinces ("MURDOCHVILLE, Que."), and "Me.", "Ia." and "W. Va." (the
# gazetteer has AP's "WVa." without the space, and leaves out "Me", the pronoun).
_DATELINE_REGIONS = {"que": "Quebec", "ont": "Ontario", "alta": "Alberta", "man": "Manitoba",
                     "sask": "Saskatchewan", "bc": "British Columbia", "ns": "Nova Scotia",
                     "nb": "New Brunswick", "pei": "Prince Edward Island", "me": "Maine",
                     "w va": "West Virginia", "ia": "Iowa",
                     # and the wire's other spellings of states: "MILWAUKEE, Wisc.", "Dela.", "P.R."
                     "wisc": "Wisconsin", "dela": "Delaware", "il": "Illinois", "ken": "Kentucky", "ok": "Oklahoma",
                     "pr": "Puerto Rico", "cal": "California"}


def dateline_region(region: str) -> str | None:
    """Return the canonical place of a dateline's region: "Mass." -> Massachusetts, "Que." ->
    Quebec, "La." -> Louisiana (AP style; elsewhere "LA" is Los Angeles, so the gazetteer
    keeps that), "Washington" -> Washington State (a region after a town is no city)."""
    key = place_key(region)
    if key in _DATELINE_REGIONS:
        return canonical_place(_DATELINE_REGIONS[key])
    if key == "la":
        return "Louisiana"
    place = canonical_place(region)
    if place is not None and not is_us_state(place) and is_us_state(state := canonical_place(f"{region} State") or "-"):
        return state  # "Oak Harbour, Washington": after a town, the state, not the capital
    return place


# How near a town its state must be spelled out to name it (town_of_named_state): a sentence or two.
NEAR = 200


@functools.cache
def _us_states() -> dict[str, str]:
    """Map the canonical name of each US state to its own name ("New York State" -> "New York")."""
    cities_named = us_states_named_like_cities()
    return {state_display(info["name"], cities_named): info["name"]
            for info in geonames().get_us_states().values()}


@functools.cache
def _us_towns() -> dict[str, tuple[str, ...]]:
    """Map a folded US town name to the states of the geonames towns of that name, and to "" for each
    one abroad: "springfield" -> ("Illinois", "Missouri", ...), "plymouth" -> ("", "", "Minnesota")."""
    cache = geonames()
    states = {code: info["name"] for code, info in cache.get_us_states().items()}
    towns: dict[str, tuple[str, ...]] = {}
    for city in cache.get_cities().values():
        state = states.get(city.get("admin1code", ""), "") if city["countrycode"] == "US" else ""
        key = place_key(city["name"])
        towns[key] = (*towns.get(key, ()), state)
    return towns


def dateline_town(city: str, region: str | None, abroad: bool = False) -> str:
    """Name a dateline's town with its US state unless the gazetteer pins it down alone.

    "SPRINGFIELD, Ill." -> "Springfield (Illinois)" (eight Springfields), "ALPINE, Utah" -> "Alpine
    (Utah)" (unknown), "PLYMOUTH, Minn." -> "Plymouth (Minnesota)" (also in England); "BOXBOROUGH" with
    no state, "HOUSTON, Texas" (a major city) and "SANTA CLARA, Calif." (one, in California) stay
    as they are. The value then says which town it is in every article, where the bare name
    would be one facet value for all of them ("Jackson, Miss." and "Jackson, Mich."). With abroad
    (a dateline: in a body "England, France" is a list), a region of another country than the
    bare name's names the town too ("VICTORIA, British Columbia" -> "Victoria (British Columbia)").
    """
    where = canonical_place(region) if region else None
    state = _us_states().get(where)  # "New York State" is New York in town names
    canonical = canonical_place(city)
    if state is None:
        return f"{city} ({where})" if abroad and _is_abroad(canonical, where, city) else canonical or city
    if canonical and is_major_place(canonical) and country_of(canonical) == "United States" \
            and _biggest_us_town_state().get(place_key(city), state) == state:
        return canonical  # not "SALEM, Ore.": the big Salem is in India;
        # "ARLINGTON, Va." is not Arlington, Texas, the big one
    if _us_towns().get(place_key(city), ()) == (state,) \
            and (canonical is None or country_of(canonical) == "United States"):
        return canonical or city  # the one town of that name, in that state ("NEW BRUNSWICK, N.J." is
        # not the Canadian province the bare name is)
    return f"{city} ({state})"  # no comma: facet fields join values with commas


def bare_towns(places: Iterable[str]) -> set[str]:
    """The bare names of the towns among places that are named with their state: "Springfield
    (Illinois)" -> Springfield (and "San José" for "San Jose (California)"), which in the same
    article stand for that town."""
    return {name for town in places if town.endswith(")")
            for name in (town.split(" (")[0], canonical_place(town.split(" (")[0]))}


def _is_abroad(town: str | None, region: str | None, written: str = "") -> bool:
    """Tell whether a dateline's region is in another country than the town the gazetteer names
    by the bare name, and the town is no big city (or the gazetteer also has one of its name
    there): "VICTORIA, British Columbia" is not the Australian state; "CAMBRIDGE, England",
    "MUNICH, West Germany" (the same country, then) and "PARIS, Japan" (a wire slip) are not abroad; a
    town written otherwise than the big city of that name ("Wawa, Ontario": Warsaw's other name in
    geonames) is."""
    if not town or not region or not (there := country_of(region)) or not (home := country_of(town)):
        return False
    same = there == home or home in HISTORIC_STATES.get(there, ()) or there in HISTORIC_STATES.get(home, ())
    return not same and (not is_major_place(town) or there in gazetteer().candidates.get(town, ())
                         or bool(written) and place_key(written) != place_key(town))


def has_town(state: str, town: str) -> bool:
    """Tell whether the gazetteer has a town of that name in that US state (canonical names):
    Portland in Maine; no Chicago in Missouri (the "Chicago, Missouri and Western Railway")."""
    return _us_states().get(state, state) in _us_towns().get(place_key(town), ())


def biggest_town_state(town: str) -> str | None:
    """The US state of the most populous US town of a name ("Denver" -> Colorado), or None."""
    return _biggest_us_town_state().get(place_key(town))


@functools.cache
def _biggest_us_town_state() -> dict[str, str]:
    """Map a folded US town name to the state of the most populous US town of that name."""
    cache = geonames()
    states = {code: info["name"] for code, info in cache.get_us_states().items()}
    biggest: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] == "US" and (state := states.get(city.get("admin1code", ""))):
            key = place_key(city["name"])
            if city["population"] > biggest.get(key, (-1, ""))[0]:
                biggest[key] = (city["population"], state)
    return {key: state for key, (_, state) in biggest.items()}


def town_of_named_state(town: str, places: list[str], text: str = "") -> str:
    """Name a bare town of the body by the one US state of that name its article spells out near it
    (within NEAR characters): "bought branches in Deerfield Beach and Hollywood ... Florida" is
    Hollywood (Florida), not Hollywood, California; "Birmingham and Huntsville in Alabama" is
    Birmingham (Alabama), not the English city. A big US city, a town with no such state near, or
    with two, stays as it is (a list of airports in a story about Texas Air is no Texas list)."""
    if "(" in town or is_major_place(town) and country_of(town) == "United States" or town in _us_states():
        return town  # a big US city is the big one; a big city abroad may be a US town ("Melbourne ... Florida")
    written = list(bounded_spots(text, town))
    named = {_us_states()[place] for place in places if place in _us_states()
             and any(abs(at - spot) <= NEAR for spot in written for at in bounded_spots(text, _us_states()[place]))}
    states = named & set(_us_towns().get(place_key(town), ()))
    if len(states) != 1:
        return town
    return dateline_town(town, canonical_place(next(iter(states))))


# Counties a story names as such, which NER tags by their bare names (also towns and English
# counties: Suffolk, Oxford, Somerset): "the state court for Suffolk county", "Androscoggin, Franklin,
# Kennebec, Oxford, Penobscot, Piscataquis and Somerset counties", "Los Angeles and Orange counties".
_COUNTY_NAME = r"[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?"
_COUNTIES = re.compile(rf"(?<![\w.'\-])((?:{_COUNTY_NAME},[ ])*{_COUNTY_NAME},?[ ](?:and|&)[ ]{_COUNTY_NAME})"
                       r"[ ][Cc]ounties\b"
                       rf"|(?<![\w.'\-])({_COUNTY_NAME})[ ]county\b")
_LIST_JOINS = re.compile(r",?[ ](?:and|&)[ ]|,[ ]")


@functools.cache
def _us_counties() -> dict[str, tuple[str, ...]]:
    """Map a folded county name to the US states that have a county of that name:
    "suffolk county" -> ("Massachusetts", "New York"); "jefferson davis parish" -> ("Louisiana",)."""
    cache = geonames()
    states = {code: info["name"] for code, info in cache.get_us_states().items()}
    counties: dict[str, tuple[str, ...]] = {}
    for county in cache.get_us_counties():
        if (state := states.get(county["state"])) and county["name"].endswith((" County", " Parish")):
            key = place_key(county["name"])
            counties[key] = (*counties.get(key, ()), state)
    return counties


def _states_named(places: Iterable[str]) -> set[str]:
    """The US states an article's places name: alone, after a town ("Warren (Michigan)"), or as
    the state of a US town of theirs ("Los Angeles": California)."""
    places = list(places)
    states = {_us_states()[place] for place in places if place in _us_states()}
    states |= {state for place in places if country_of(place) == "United States"
               and (state := biggest_town_state(place) or biggest_town_state(f"{place} City"))}  # geonames' "New York City"
    return states | {place[place.index(" (") + 2: -1] for place in places
                     if place.endswith(")") and place[place.index(" (") + 2: -1] in _us_states().values()}


def county_name(county: str, places: Iterable[str]) -> str:
    """Name a US county ("Suffolk County") with its state when the article names one state that
    has a county of that name, or only one state has it: "Suffolk County (Massachusetts)" in a
    Boston story naming Massachusetts, "Androscoggin County (Maine)"; bare when it cannot tell
    (Suffolk County of New York or of Massachusetts?)."""
    if county.endswith(")"):
        return county
    states = _us_counties().get(place_key(county), ())
    named = _states_named(places) & set(states)
    if len(named) == 1 or len(named) == 0 and len(states) == 1:
        return f"{county} ({next(iter(named or states))})"
    return county


def counties_named(text: str, places: Iterable[str]) -> tuple[list[str], set[str]]:
    """Return the US counties the text names as such with a lower-case "county" or in a list
    before "counties" (county_name), and the bare names it writes only there: "Suffolk" of "the
    state court for Suffolk county" is that county, no town (not a name the gazetteer has no
    county of: "the Agricultural Stabilization and Conservation county committee")."""
    found, spans = [], []
    for match in _COUNTIES.finditer(text):
        names = _LIST_JOINS.split(match[1]) if match[1] else [match[2]]
        names[0] = " ".join(word for word in names[0].split() if word.lower() not in STOP_WORDS) or names[0]
        if all(place_key(f"{name} County") in _us_counties() for name in names):
            found.extend(names)
            spans.append(match.span())
    bare = {name for name in found  # (a dateline's "LOS ANGELES" is the town)
            if all(any(start <= hit < end for start, end in spans)
                   for form in {name, name.upper()} for hit in spots(text, form, not_before="-", not_after="-"))}
    others = [place for place in places if place not in bare]  # "Somerset", the town, says no state
    return [county_name(f"{name} County", others) for name in found], bare


# Words before a state's name that make it the state, not the city of that name: "upstate New
# York", "western Washington".
_STATE_PARTS = re.compile(r"\b(?:up|down)state[ ]$|\b(?:north|south|east|west|central|mid)(?:ern|-?(?:north|south)?"
                          r"(?:east|west)(?:ern)?)?[ ]$", re.IGNORECASE)
_LIST_JOIN_BEFORE = re.compile(r"(?:,[ ]|,?[ ](?:and|or)[ ])$")
_LIST_JOIN_AFTER = re.compile(r",?[ ](?:and|or)[ ]|,[ ]")
_LIST_NAME_BEFORE = re.compile(r"(?<![\w.'\-])[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}$")
_LIST_NAME_AFTER = re.compile(r"[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}(?![\w'\-]|\.\w)")


def states_meant(places: list[str], text: str, keep: Iterable[str] = ()) -> list[str]:
    """Read a state named like its big city ("New York", "Washington") as the state where the story
    means it: after "upstate" or a compass word ("upstate New York", "western Washington"), as "the
    State of Washington", "Washington state", "New York Governor", after a town of the state
    ("Seattle, Washington"), or in a list of two other US states or more ("in Delaware, New York and
    New Jersey"; not the pair "property in New York and Hawaii"). The city stays where any mention
    of it reads otherwise ("talks in New York and Washington", "between Washington and Tokyo",
    "Louisiana and Washington D.C."), and so does one in keep (the dateline's)."""
    out = list(places)
    for state, city in ((state, canonical_place(own)) for state, own in _us_states().items()
                        if state != own and state.startswith(own + " ")):  # "New York State", "New York"
        if city not in places:
            continue
        written = list(compiled(r"(?<![\w.\-])" + re.escape(city) + r"(?![\w\-])").finditer(text))
        meant = [spot for spot in written if _reads_as_state(spot, text)]
        if not meant:
            continue
        if state not in out:
            out.append(state)
        if len(meant) == len(written) and city not in keep:
            out = [place for place in out if place != city]
    return out


def _reads_as_state(spot: re.Match, text: str) -> bool:
    """Tell whether one mention of a state named like a city means the state (states_meant)."""
    if re.match(r",?[ ]?D\.?C\b|[ ]City\b", text[spot.end():]):
        return False
    before = text[max(0, spot.start() - 40): spot.start()]
    if _STATE_PARTS.search(before) or re.search(r"\bState of[ ]$", before, re.IGNORECASE) \
            or re.match(r"[ ](?:state|State|Gov\.|Governor|governor)\b", text[spot.end():]):
        return True  # "upstate New York", "the State of Washington", "Washington state", "New York Governor"
    town = re.search(r"(?<![\w.'\-])([A-Z][a-z]+(?:[ ][A-Z][a-z]+)?),[ ]$", before)
    if town and spot.group() in _us_towns().get(place_key(town[1]), ()):
        return True  # "Seattle, Washington": a town of that state before it
    others, start, end = [], spot.start(), spot.end()
    while (join := _LIST_JOIN_BEFORE.search(text[max(0, start - 6): start])) \
            and (name := _LIST_NAME_BEFORE.search(text[max(0, start - 6 - 40): start - len(join[0])])):
        others.append(name[0])
        start = name.start() + max(0, start - 6 - 40)
    while (join := _LIST_JOIN_AFTER.match(text, end)) and (name := _LIST_NAME_AFTER.match(text, join.end())):
        others.append(name[0])
        end = name.end()
    # Two other states at least: a pair is as often the city ("property in New York and Hawaii",
    # "stores in the New York and New Jersey area") as the state.
    return len(others) >= 2 and all(_plain_state(name) for name in others)


def _plain_state(name: str) -> bool:
    """Tell whether a listed name is a US state, by its longest tail of words that is a place:
    "Oregon", "In Maine" (a sentence's first word), "New Jersey"; not "New York", the city."""
    words = name.split()
    for start in range(len(words)):
        if place := canonical_place(" ".join(words[start:])):
            return place in _us_states()  # (the bare "Washington" is the city's)
    return False
