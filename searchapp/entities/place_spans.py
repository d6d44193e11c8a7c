"""Read the places of an article: its dateline, place spans and the words that look like places.

A dateline gives the story's town (with its US state when the gazetteer cannot place it alone);
a body town written with its state is named the same way; a span is cleaned to a canonical
place, or found to be junk (a code, a word, a compass word, a month), a firm's word, a crude grade;
a bare "Gulf" is named by the states the story names. mentions.py decides which spans are places.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Span

from searchapp.entities.firms import starts_a_name
from searchapp.entities.names import (CRUDE_GRADES, CURRENCY_WORDS, FACILITY_NOUNS, FIRM_LAST_WORDS, LANDMARK_WORDS,
                                      ORG_HEADS, WIRE_WORDS, clean_place, fix_case, strip_possessive)
from searchapp.entities.article_text import ArticleText
from searchapp.entities.people import HOLIDAYS, MONTHS
from searchapp.entities.places import (canonical_place, countries_in_context, country_of, country_of_nationality,
                                       is_country, is_country_or_state, is_major_place, is_misspelt_month, is_region,
                                       is_subdivision, is_us_state, misspelt_place, place_key)
from searchapp.entities.orgs import LEGAL_SUFFIXES, is_bare_institution
from searchapp.entities.spots import occurs, spots
from searchapp.entities.towns import biggest_town_state, dateline_region, dateline_town, has_town

# Nouns for a country or region that stand for one named before ("banks in the Kingdom").
GEO_NOUNS = frozenset({"kingdom", "republic", "emirate", "emirates", "state", "states", "province",
                       "region", "territory", "country", "nation", "capital", "city", "island",
                       "north", "south", "east", "west"})
# Words that say where within a place, never its name alone: "the Northern District".
COMPASS_WORDS = frozenset({"northern", "southern", "eastern", "western", "central", "middle", "district",
                            "upper", "lower", "northeastern", "southeastern", "northwestern",
                            "southwestern", "midwestern"})
# Oceans and continents (the gazetteer knows them), which firms are named after ("Pacific Petroleum").
WORLD_REGIONS = frozenset({"pacific", "atlantic", "mediterranean", "caribbean", "arctic", "antarctic",
                           "baltic", "gulf", "europe", "africa", "asia", "america", "americas",
                           "oceania", "scandinavia", "orient"})
# The states on the Persian Gulf: a bare "Gulf" in a story naming one of them is that Gulf.
GULF_STATES = frozenset({"Iran", "Iraq", "Kuwait", "Saudi Arabia", "Qatar", "Bahrain",
                          "United Arab Emirates", "Oman"})
# A wire dateline opening the body: "NEW YORK, Feb 26 - ", "BOXBOROUGH, Mass., March 9 - ",
# "MOSCOW (Reuters) - ". The city is in capitals by wire convention.
_DATELINE = re.compile(
    r"(?:^|\n\n)[ \t]*(?P<city>[A-Z][A-Z.'\- ]{1,40}?)(?:,\s*(?P<region>[A-Z][A-Za-z.\- ]{1,25}?))?"
    r"(?:,\s+(?:[A-Z][a-z]{2,8}|JAN|FEB|MARCH|MAR|APRIL|APR|MAY|JUNE|JUN|JULY|JUL|AUG|SEPT|SEP|OCT|NOV|DEC"
    r"|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zA-Z]{0,6})\.?\s+\d{1,2}"  # and "MArch": a typo
    r"(?:,\s*Reuter)?|\s+\((?:Reuters|AP|AFP|UPI|dpa)\))\s+[-—–]+\s")


# The same in Title Case, as some bodies come ("Toronto, March 20 - Shr 52 cts"): a month must follow.
_TITLE_DATELINE = re.compile(
    r"(?:^|\n\n)[ \t]*(?P<city>[A-Z][a-z]+(?:[ .'\-]{1,2}[A-Z][a-z]*\.?){0,3})(?:,\s*(?P<region>[A-Z][A-Za-z.\- ]{1,25}?))?"
    r",\s+(?:Jan|Feb|March|Mar|April|Apr|May|June|Jun|July|Jul|Aug|Sept|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s+[-—–]+\s")


# A dateline the wire ran onto a shouted headline: "KYUSHU ELECTRIC POWER ISSUES YEN BONDS LONDON, March 24 -".
_GLUED_DATELINE = re.compile(
    r"\A[^\n]*?(?P<words>[A-Z][A-Za-z.'\-]*(?:[ ][A-Z][A-Za-z.'\-]*){0,2}),[ ]+"
    r"(?:Jan|Feb|March|Mar|April|Apr|May|June|Jun|July|Jul|Aug|Sept|Sep|Oct|Nov|Dec)[a-z]*\.?[ ]+\d{1,2}[ ]*(?:[-—–]+[ ]*)?$",
    re.MULTILINE)  # (the dash gone where the headline was softened)


class Dateline(NamedTuple):
    """A wire dateline: where it ends, its places, where it starts (after any headline)."""
    end: int
    places: list[str]
    start: int


def find_dateline(text: str) -> Dateline | None:
    """Return the wire dateline of a text and its places: "BOXBOROUGH, Mass., March 9 - ",
    "Toronto, March 20 - "."""
    match = _DATELINE.search(text, 0, 800) or _TITLE_DATELINE.search(text, 0, 800)
    if match is not None and match.start() == 0 and not match["region"] and len(match["city"].split()) > 2 \
            and canonical_place(match["city"]) is None:
        match = None  # "AUSTRALIAN WHEAT QUOTES NEW YORK, April 8 -": a headline, then its dateline
    if match is None and (glued := _GLUED_DATELINE.match(text)):
        words = glued["words"].split()
        for size in range(len(words), 0, -1):  # the longest known place that ends the headline
            city = " ".join(words[-size:])
            if (place := canonical_place(city)) and (size > 1 or is_major_place(place)):
                return Dateline(glued.end(), [place], glued.end("words") - len(city))
    if match is None:
        return None
    places = []
    for part, lookup in ((match["city"], canonical_place), (match["region"], dateline_region)):
        if part and (name := clean_place(part.strip())):
            places.append(lookup(name) or " ".join(fix_case(w) for w in name.split()))
    if len(places) == 2:
        town = clean_place(match["city"].strip())
        places[0] = dateline_town(" ".join(fix_case(w) for w in town.split()), places[1], abroad=True)
    return Dateline(match.end(), places, match.start("city"))


# The datelines of a digest's items, each opening a paragraph: "BAHRAIN - Iran reported ...",
# "ZEEBRUGGE, Belgium - A capsized ferry ...", and the word opening the item after it.
_ITEM_DATELINE = re.compile(r"\n\n[ \t]*(?P<city>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2})"
                            r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][a-z]+)?))?[ ]+[-—–][ ]+"
                            r"(?P<first>[A-Z][a-z]+\b)?(?=[^\n]{0,40}?\b[a-z]{3,} [a-z]{3,})")


# A capitalised name after a word that says where: "the International Court of Justice at The Hague".
_AFTER_WHERE = re.compile(r"\b(?:in|at|to|from|near|outside|via)[ ]+((?:The[ ])?[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})"
                          r"(?![\w\-/&]|[ ][A-Z]|['’]s|[ ](?:and|&)[ ][A-Z])")


def places_after_where(text: str, tagged: list[tuple[int, int]], headline_end: int = 0) -> list[str]:
    """Return the countries, US states and big cities written after "in", "at", "to" ... where NER
    tagged nothing ("dispute to the International Court of Justice at The Hague", "launched at
    Punta del Este in Uruguay"): a place a reader sees, which NER missed in its sentence. Not in a
    Title Case headline (before headline_end: "Deal in Sale/Leaseback"), not a name that goes on
    ("at Reading and Bates Drilling Co", "in Jersey City"), not after "of" (a firm's seat)."""
    out = []
    for match in _AFTER_WHERE.finditer(text, headline_end):
        start, end = match.span(1)
        if any(first < end and start < last for first, last in tagged):
            continue  # NER read it; the rules for its label decide
        if (place := canonical_place(match[1])) and (is_major_place(place) or is_country_or_state(place)):
            out.append(place)
    return out


def item_datelines(text: str) -> list[str]:
    """Return the places of the datelines that open the items of a digest ("Reuter World News
    Highlights": "BAHRAIN - Iran reported ...", "CHANDIGARH, India - Sikh extremists ..."), which
    NER leaves untagged in capitals, and a country that opens the item ("Iran reported"): a big
    place or one given its region, before a sentence (not a table's "COCOA - 1,200 tonnes")."""
    out = []
    for match in _ITEM_DATELINE.finditer(text):
        city = " ".join(fix_case(word) for word in match["city"].split())
        place = canonical_place(city)
        if match["region"] and (region := dateline_region(match["region"])):
            out.extend([dateline_town(city, region, abroad=True) if place is None or not is_country(place)
                        else place, region])
        elif place and (is_major_place(place) or is_country_or_state(place)):
            out.append(place)
        else:
            continue
        if match["first"] and (country := canonical_place(match["first"])) and is_country(country):
            out.append(country)  # "BAHRAIN - Iran reported launching a new offensive"
    return out


# A town written with its US state in the body: "Medford, N.Y.,", "New Haven, Conn."
STATE_AFTER = re.compile(r",[ ]?([A-Z][A-Za-z]{0,5}\.(?:[ ]?[A-Z][a-z]{0,3}\.)?|[A-Z][a-z]{3,12}(?:[ ][A-Z][a-z]+)?)"
                         r"|[ ]([A-Z][a-z]{3,12}(?:[ ][A-Z][a-z]+)?)(?=[.,;]|$)")  # "in Perry Oklahoma."


def with_state(name: str, ent: Span, text: str) -> str:
    """A body town followed by its US state is named as a dateline town is ("Medford (New York)"):
    one value per town, not one for Medford, N.Y. and Medford, Ore. (towns.dateline_town)."""
    match = STATE_AFTER.match(text, ent.end_char)
    if match is not None and is_country(name) and not is_us_state(name) and _is_state_abbreviation(match[1]):
        return dateline_town(clean_place(ent.text) or name, dateline_region(match[1]))  # "Angola, Ind.": a US
        # town named after a country (by its own spelling: "[Holland], Pa." is no Netherlands)
    if match is None or is_country_or_state(name) \
            or "." not in match[0] and re.match(r",?[ ]+(?:and[ ]+|&[ ]+)?[A-Z]", text[match.end():]):
        return name  # not "the Carolinas, Georgia, Tennessee and Virginia": a list (of states
        # written out; "Newark, Del., Sterling Heights, Mich." lists towns with their states)
    region = match[1] or match[2]
    state = dateline_region(region) if match[1] else canonical_place(region)
    if is_major_place(name) and country_of(name) == "United States":
        # a big US city is the big one, unless the state after it is another's: "Coastal Bancorp,
        # Portland, Me." is Portland (Maine), as the dateline "PORTLAND, Maine" is
        return dateline_town(name, state) if state and is_us_state(state) and has_town(state, name) else name
    if match[2] and not (state and is_country_or_state(state) and not is_country(state)):
        return name  # without a comma only a state's full name: not "Perry Ellis."
    # A country or another country's province after the comma names the town as a dateline's does:
    # "GEC Avionics Limited of Rochester, England" is no Rochester, N.Y. (a town after it is a list:
    # "Frankfurt, London.")
    abroad = state is not None and (is_country(state) or state in _NATIONS or not is_us_state(state)
                                    and is_subdivision(state)) \
        and name not in _NATIONS and not is_region(name)  # not "England, France": a list of countries
    if abroad:  # by its own spelling: "near Wawa, Ontario" (Warsaw's other name in geonames)
        return dateline_town(clean_place(ent.text) or name, state, abroad=True)
    return dateline_town(name, state) if state else name


def _is_state_abbreviation(region: str | None) -> bool:
    """Tell whether a region after a town's comma is a US state's abbreviation ("Ind.", "N.J.")."""
    return bool(region) and "." in region and is_us_state(dateline_region(region) or "-")


# The nations of a country, which a town's name may be followed by: "Perth, Scotland".
_NATIONS = frozenset({"England", "Scotland", "Wales", "Northern Ireland"})


# Articles that open places' names in other languages: "Las Palmas", "El Aaiun", "Le Havre".
_NAME_ARTICLES = frozenset({"la", "las", "los", "el", "le", "les", "al", "l'"})


# Words that open the name of a part or a neighbour of a place: "Inner Mongolia", "Greater London".
_PART_WORDS = frozenset({"inner", "outer", "upper", "lower", "greater", "new"})


def place_name(text: str) -> str | None:
    name = clean_place(text)
    if not name:
        return None
    if place := canonical_place(name):
        return place
    if country := country_of_nationality(name):
        return country  # "Kuwaiti" tagged GPE: Kuwait
    if (place := canonical_place(name + "s")) and is_country_or_state(place):
        return place  # "United State's": the possessive ate the name's "s"
    words = name.split()
    if len(words) > 2 and words[0].lower() in ("province", "state", "prefecture", "canton") and words[1] == "of" \
            and (place := canonical_place(" ".join(words[2:]))):
        return place  # "the Province of Quebec": Quebec
    if len(words) > 1 and words[-1].isupper() and words[-1].isalpha() \
            and (place := canonical_place(" ".join(words[:-1]))):
        return place  # "Santa Maria NIL": a table's reading after a known town
    for start in range(1, len(words)):
        # "Intense United States", "Outgoing United States": a headline word ran into the name
        # (not an article of the name: "Las Palmas" is not Palmas, Brazil).
        if words[start - 1].lower() in _NAME_ARTICLES or start == 1 and words[0].lower() in _PART_WORDS:
            break  # "Inner Mongolia", "New Guinea": another place than Mongolia, Guinea
        if (place := canonical_place(" ".join(words[start:]))) and is_major_place(place):
            return place
    return misspelt_place(name) or name  # "Equador", "Saudia Arabia": the wire's typos of countries


def find_headline_countries(text: str, headline_end: int) -> list[str]:
    """Countries a Title Case headline names, which NER misses there ("Japan Sets Aside Yen Funds"); a
    word of a longer place is none apart ("Papua New Guinea Plans ...": no Guinea)."""
    words = re.findall(r"[A-Z][\w.'\-]*", text[:headline_end])
    found, used = [], set()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            if used & set(range(start, start + size)):
                continue
            place = canonical_place(strip_possessive(" ".join(words[start:start + size])))
            if place and (is_country(place) or size > 1):
                used.update(range(start, start + size))
                if is_country(place):
                    found.append(place)
    return found


def is_unknown_junk(place: str, article: ArticleText) -> bool:
    """Tell whether a place the gazetteer lacks is a code or a word: "NE", "MM", "Central", "East".

    Small towns the gazetteer lacks stay ("Moonachie"); wire datelines never come here.
    """
    if canonical_place(place) is not None:
        return False
    letters = place.replace(".", "")
    lexicon = article.lexicon
    return letters.isupper() and len(letters) <= 4 or article.is_common_noun(place) \
        or " " not in place and lexicon is not None and lexicon.is_verb_form(place.lower()) \
        or " " not in place and place.endswith("s") and lexicon is not None \
        and lexicon.is_common_word(place[:-1].lower()) and not lexicon.is_common_word(place.lower()) \
        or letters.lower() in CURRENCY_WORDS or letters.lower() in WIRE_WORDS \
        or letters.lower() in LANDMARK_WORDS and letters.lower() != "gulf" \
        or letters.lower() in GEO_NOUNS or letters.lower() in HOLIDAYS or letters.lower() in MONTHS \
        or re.match(r"[DR]-[A-Z]", place) is not None or is_bare_institution(place) \
        or " " in place and any(w.isalpha() and w.isupper() and len(w) > 2 for w in place.split()) \
        and any(w[:1].isupper() and w[1:].islower() for w in place.split()) \
        or all(word in GEO_NOUNS or word in COMPASS_WORDS for word in letters.lower().split()) \
        or is_misspelt_month(letters)
    # "Stg", "Processed", "the Kingdom", "Jul", "D-Kans.", "Parliament", "Northern District" (of a court),
    # "Liberals", "Silkworms" (a word's plural: a party's members, missiles; not "Rockies", "Boss"),
    # "Feburary" (a month misspelt),
    # "Zurich GOLD" (a shouted headline's words glued to a town)


def place_and_words(place: str, article: ArticleText) -> str | None:
    """Return the known place that opens an unknown "place" whose other words are English words
    (a headline's or a table's, run onto the name): "Kansas City Truck [Prices]", "Hong Kong Term
    [Money]", "Santa Maria Nil", "Rio de Janeiro Port"; else None."""
    words = place.split()
    if canonical_place(place) is not None or len(words) < 2:
        return None
    for size in range(len(words) - 1, 0, -1):
        if (known := canonical_place(" ".join(words[:size]))) is not None:
            rest = words[size:]
            return known if is_major_place(known) and all(
                article.is_english_word(word) and word.lower() not in _PLACE_PART_WORDS for word in rest) else None
    return None


# Words that go on a place's name as part of another place's: "Mississippi River", "Orange County",
# "Pacific Rim", "Rio Grande Valley", "New York Harbor".
_PLACE_PART_WORDS = GEO_NOUNS | COMPASS_WORDS | LANDMARK_WORDS | WORLD_REGIONS | frozenset({
    "county", "valley", "basin", "harbor", "harbour", "coast", "rim", "northwest", "northeast", "southwest",
    "southeast", "canal", "seaway", "delta", "plain", "plains", "mountains", "hills", "heights", "park", "beach",
    "falls", "springs", "township", "borough", "area", "parish", "peninsula", "desert", "creek", "field",
    "fields", "reef", "highlands", "lowlands", "shelf", "slope", "channel", "sound", "range", "glen", "corners"})


# Two places joined by a slash, as shipping fixtures give a voyage: "Callao/Crotone 5,000 mt
# minerals", "Itea/Dunkirk 20,000 mt bauxite" (NER reads few of them).
_SLASHED_PLACES = re.compile(r"(?<![\w/.\-])([A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)/([A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
                             r"(?![\w/\-])")


def slashed_places(text: str, is_word: Callable[[str], bool]) -> list[str]:
    """Return the places of every "A/B" of the text whose both sides are known places, neither
    a word (is_word) that names no big place ("Shell/Esso", "May/June" are no voyage)."""
    out = []
    for match in _SLASHED_PLACES.finditer(text):
        pair = [canonical_place(side) for side in match.groups()]
        if all(pair) and not any(is_word(side) and not is_major_place(place) or side.lower() in MONTHS
                                 for side, place in zip(match.groups(), pair)):
            out.extend(pair)
    return out


_PLACE_WORD = r"(?:U\.S\.|U\.K\.|[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
# Places NER leaves untagged in a compound: "the U.S.-Japan yen-dollar committee", "The U.K.-based
# Pergamon Media Trust", "the Iran-Iraq war".
# "-based" and the participles that say what a place did to a thing: made, built, owned there.
_HYPHENED_PLACES = re.compile(rf"(?<![\w.\-])({_PLACE_WORD})-(?:({_PLACE_WORD})(?![\w\-])|(based|made|produced|"
                              r"built|grown|owned|manufactured|registered|flagged|origin)\b)")


def hyphened_places(text: str) -> list[str]:
    """Return the places of every "A-B" of two countries and every "A-based" of a country or big
    city in the text ("U.S.-Japan talks", "U.K.-based", "a New York-based firm"; not
    "Winston-Salem", whose parts are small towns, nor "Hamburg-Amerika"), and of every "A-made"
    ("U.S.-made", "U.S.-produced HFCS", "Peking-owned"), not a nationality's ("Japanese-made":
    a people's doing, which names no place, as "Japanese" alone does not)."""
    out = []
    for match in _HYPHENED_PLACES.finditer(text):
        first = canonical_place(match[1])
        if match[3] not in (None, "based"):
            out.extend([first] if first and (is_country_or_state(first) or is_major_place(first)) else [])
            continue
        first = first or country_of_nationality(match[1])
        if match[2] is None:
            out.extend([first] if first and (is_country_or_state(first) or is_major_place(first)) else [])
        elif (second := canonical_place(match[2]) or country_of_nationality(match[2])) and first \
                and is_country(first) and is_country(second):
            out.extend([first, second])
    return out


# A firm's home after its legal form: "<Qintex Ltd> of Brisbane said", "Monier Ltd of Australia",
# "Pacific Western Airlines Ltd of Calgary, Alberta". A form that always ends a name ("Ltd", not
# "Corp" or "Co": "Hospital Corp of America", "Petroleum Corp of Jamaica" are names).
_FIRM_HOME = re.compile(r"\b(?:Ltd|Inc|Plc|PLC|AG|SA|NV|Bhd|Pty|GmbH|SpA|BV|AB|Ltda|Limited|Incorporated)\.?>?,?"
                        r"[ ]of[ ]([A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})")


def firm_homes(text: str) -> list[str]:
    """Return the countries, US states and big towns the text names as a firm's home after its
    legal form ("<Qintex Ltd> of Brisbane" -> Brisbane, "Sapporo Breweries Ltd of Japan" -> Japan),
    the longest known place of the words after "of"; not one that goes on into a name ("Ltd of
    Canada Ltd", "Inc of New York Bank"), nor a town before a comma and more names ("Inc of Salem,
    Ore.": which Salem, its state says; towns_with_states reads those), nor a small town."""
    out = []
    for match in _FIRM_HOME.finditer(text):
        words = match[1].split()
        for size in range(len(words), 0, -1):
            if place := canonical_place(" ".join(words[:size])):
                rest = text[match.start(1) + len(" ".join(words[:size])):]
                if not re.match(r"[ ]?(?:[A-Z]|&)", rest) and (
                        is_country_or_state(place) or is_major_place(place) and not re.match(r",[ ]?[A-Z]", rest)):
                    out.append(place)
                break
    return out


# A US lawmaker's party and state after the name: "Sen. David Boren, D-Okla., said", "(R-Iowa)".
_PARTY_STATE = re.compile(r"(?:,|\()\s*[RDI]-([A-Z][a-z]+ [A-Z][a-z]+|(?:[A-Z][a-z]*\.?){1,2})(?=[\s,;)]|$)")


def party_states(text: str) -> list[str]:
    """Return the US states of the party tags after lawmakers' names ("Sen. David Boren, D-Okla.,"
    -> Oklahoma, "Rep. Robert Wise, D-W.Va." -> West Virginia, "(D-Texas)"): the place a reader
    sees named there, which NER leaves inside its person or untagged."""
    out = []
    for match in _PARTY_STATE.finditer(text):
        for region in (match[1], match[1].split()[0]):  # "D-South Dakota", "R-Iowa Governor"
            if (state := dateline_region(region)) and is_us_state(state):
                out.append(state)
                break
    return out


# A town after "in", "of", "at" or "near" and its US state: "DeMotte State Bank in DeMotte, Ind",
# "Savings Bank of Oak Harbour, Washington", "U.S. Thrift and Loan of Salt Lake City, Utah".
_TOWN_AND_STATE = re.compile(r"\b(?:in|of|at|near)\s+([A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[ \-][A-Z][a-z]+){0,2}),[ ]?"
                             r"((?:[A-Z][a-z]{0,4}\.[ ]?){1,2}|[A-Z]\.[A-Z](?=,)|[A-Z][a-z]{1,3}(?=,)"
                             r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
                             r"(?=[\s.,;)]|$)")


def _list_goes_on(after: str) -> bool:
    """Tell whether the name goes on ("in Open Market, New York Dealers Say": a headline's words) or
    another place follows a comma or "and" ("..., New York and Tokyo": a list of places; not "in
    Fargo, Texas, Zollinger said")."""
    if re.match(r"[ ]+[A-Z]", after):
        return True
    following = re.match(r",?[ ]+(?:and[ ]+|&[ ]+)?([A-Z][\w'\-]*(?:[ ][A-Z][\w'\-]*)*)", after)
    return following is not None and canonical_place(following[1]) is not None  # (not "Gary" of "Gary Zollinger")


def towns_with_states(text: str) -> list[str]:
    """Return the towns the text writes with their US state after "in", "of", "at" or "near", and
    the states; the towns named as datelines name them ("of Carrolton, Ga." -> Carrolton (Georgia)
    and Georgia, "of Salt Lake City, Utah" -> Salt Lake City and Utah). They are places wherever
    they stand, also where NER leaves them untagged or inside a firm's name ("Carrolton State
    Bank of Carrolton, Ga."). Not a state, a country or a big town abroad before the comma, nor
    a state written out before more names ("of Texas, Oklahoma and Kansas", "in London, New York
    and Tokyo": lists), nor a month or a firm ("at Salomon Brothers Inc, New York")."""
    out = []
    for match in _TOWN_AND_STATE.finditer(text):
        town, region = match[1], match[2].strip()
        state = dateline_region(region)  # "Oak Harbour, Washington": the state
        if (known := canonical_place(town)) and is_country(known) and not is_us_state(known) \
                and _is_state_abbreviation(region):
            out.extend([dateline_town(town, state), state])  # "in Angola, Ind.": a US town named after a country
            continue
        if not state or not is_us_state(state) or town.lower() in MONTHS \
                or town.split()[-1].lower() in LEGAL_SUFFIXES | FIRM_LAST_WORDS | ORG_HEADS \
                or (known := canonical_place(town)) and (
                    is_country_or_state(known) or is_major_place(known) and country_of(known) != "United States") \
                or "." not in region and _list_goes_on(text[match.end():]):
            continue  # not "at Salomon Brothers Inc, New York" (a firm), "in London, New York and Tokyo" (a list)
        out.extend([dateline_town(town, state), state])
    return out


# A list of towns that a US state closes: "Danville, San Ramon and Alamo, Calif.", "Wellsville, Amity,
# ..., Jerusalem, Benton and Penn Yan, N.Y." (the state written short, with its dot).
_TOWN = r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2}"
_LISTED_TOWNS = re.compile(rf"\b((?:{_TOWN},[ ])+{_TOWN},?[ ]and[ ]{_TOWN}),[ ]((?:[A-Z][a-z]{{0,4}}\.[ ]?){{1,2}})"
                           r"(?=[\s.,;)]|$)")


def listed_towns_with_state(text: str) -> list[str]:
    """Return the towns of a list that a US state closes, each named with that state as a dateline's
    town is ("Wellsville, ..., Jerusalem, Benton and Penn Yan, N.Y." -> Jerusalem (New York), not the
    city in Israel; "Springfield, Centralia and Decatur, Ill." -> Springfield (Illinois)), and the
    state. When the list also holds a country, a state or a big US city of another state, the state
    is only the last town's ("Denver, Houston, New Orleans, and Midland, Texas"; "Pittsburgh,
    Baltimore and Washington, D.C."), which towns_with_states and NER read."""
    out = []
    for match in _LISTED_TOWNS.finditer(text):
        state = dateline_region(match[2].strip())
        if not state or not is_us_state(state):
            continue  # "..., Harris Upham and Co Inc, E.F. Hutton": no state
        towns = [town for town in re.split(r",[ ](?:and[ ])?|[ ]and[ ]", match[1]) if town]
        if any(_not_of_state(town, state) for town in towns):
            continue
        out.extend([*(dateline_town(town, state) for town in towns), state])
    return out


def _not_of_state(town: str, state: str) -> bool:
    """Tell whether a listed name cannot be a town of the state: a country, a state or region, a month,
    or a big US city of another state ("Denver" in a Texas list)."""
    known = canonical_place(town)
    return town.lower() in MONTHS or known is not None and (
        is_country_or_state(known) or is_region(known)
        or is_major_place(known) and country_of(known) == "United States" and biggest_town_state(town) != state)


def is_firm_word(place: str, orgs: list[str]) -> bool:
    """Tell whether a one-word place is a word of one of the article's firms, and no big place:
    "Capel" of "James Capel" ("Capel's Murtha"), "Newmont" of "Newmont Mining"; not "Houston"
    of "Houston Industries"."""
    return " " not in place and not is_major_place(place) and place.lower() not in WORLD_REGIONS \
        and any(place in org.split() for org in orgs if " " in org)


def is_firms_spelling(place: str, orgs: list[str], text: str) -> bool:
    """Tell whether a town the gazetteer knows by another name, which the text never writes, is
    spelled as the first word of one of the article's firms and never after "in", "at", "to" ...:
    "Genova Inc ... Genova will pay" is no Genoa (which "Genova" is in geonames), "Mobil Corp" no
    Mobile; the story's "place" is the firm. Not a country or state ("Korea First Bank"), an
    abbreviation ("U.S. Steel"), the name without its accents ("Montreal Trustco": Montréal), or a
    name the story also gives a place ("the Bombay Stock Exchange ... reaction in Bombay")."""
    if is_country_or_state(place) or occurs(text, place, not_before="."):
        return False
    return any(re.fullmatch(r"[A-Z][a-z]{3,}", first := org.split()[0]) and canonical_place(first) == place
               and place_key(first) != place_key(place)
               and not re.search(r"\b(?:in|at|to|from|near|outside)[ ]+" + first + r"\b(?!['’]s)", text) for org in orgs)
    # ("Earnings from Mobil's upstream operations": the firm's possessive says nothing of a place)


# What follows a site's name: "the Peach Bottom nuclear power plant", "the Hope Creek nuclear unit",
# "West Cameron 178 block", "the Greens Creek mine".
_SITE_AFTER = re.compile(r"\s+(?:(?:nuclear|power|atomic|generating|gold|silver|copper|zinc|uranium|oil|gas|coal|"
                         r"\d+)\s+){0,3}(?:(?:" + "|".join(sorted(FACILITY_NOUNS)) +
                         r")s?|units?|stations?|reactors?|blocks?|deposits?|prospects?|propert(?:y|ies)|wells?)\b")


def is_unknown_site(place: str, text: str, end: int) -> bool:
    """Tell whether a place the gazetteer lacks is named as a site: a plant, a mine, an offshore
    block ("Peach Bottom nuclear power plant", "West Cameron 178 block"); a known town before such
    a word stays the town ("the Geelong refinery"), and so does a name that says it is a place
    ("the Prudhoe Bay field", "the Kharg Island terminal")."""
    return canonical_place(place) is None and (place.split()[-1].lower() not in LANDMARK_WORDS or in_a_known_place(place)) \
        and _SITE_AFTER.match(text, end) is not None  # ("the Tern and Eider North Sea fields": sites in a sea)


def in_a_known_place(name: str) -> bool:
    """Tell whether a name the gazetteer lacks ends in a known place of two words or more: "Eider North
    Sea" (a field in the North Sea; not "Prudhoe Bay", whose "Bay" is no place of its own)."""
    words = name.split()
    return canonical_place(name) is None \
        and any(canonical_place(" ".join(words[start:])) for start in range(1, len(words) - 1))


# What follows a product's name: "Delta rocket", "Titan III commercial launch vehicle", "Sparrow
# air-to-air missiles".
_PRODUCT_AFTER = re.compile(r"\s+(?:[IVX]{1,4}\s+|\d{1,4}\s+)?(?:[a-z][a-z\-]+\s+){0,2}"
                            r"(?:rockets?|missiles?|launch vehicles?|launchers?|boosters?|satellites?|fighters?|"
                            r"jets?|aircraft|helicopters?|submarines?|tanks?)\b")


def is_product(place: str, text: str, end: int) -> bool:
    """Tell whether a place that is no big one names a product here: a rocket, a missile, an aircraft
    ("an unmanned Delta rocket", "Sparrow air-to-air missiles"); "Chicago jets" would stay."""
    return not is_major_place(canonical_place(place) or place) and _PRODUCT_AFTER.match(text, end) is not None


def is_firm_by_ticker(place: str, text: str) -> bool:
    """Tell whether a town (no country or US state) is a firm's whole name somewhere in the text:
    a ticker follows it and no name word comes before it ("Reading <RDGC> to Sell ...", "said
    Reading <RDGC>"; not "Republic New York <RNB>", "Public Service of New Mexico <PNM>")."""
    if is_country_or_state(place):
        return False
    return any(starts_a_name(text, at) for at in spots(text, place, not_before=".", then=_TICKER_NEXT))


# A ticker right after a name: "Reading <RDGC>".
_TICKER_NEXT = re.compile(r"\s*<[A-Z][A-Z0-9.]{0,9}>")


# The regions of the United States the wire names by a compass word or a landform ("prices in the
# Northeast and West", "farmers in the South", "the Plains states"). Those named so in other
# countries too are named with the country ("South (United States)"), the others as they are.
_US_REGION_NAMES = {"north": "North (United States)", "south": "South (United States)",
                    "east": "East (United States)", "west": "West (United States)",
                    "northeast": "Northeast (United States)", "northwest": "Northwest (United States)",
                    "southeast": "Southeast (United States)", "southwest": "Southwest (United States)",
                    "midwest": "Midwest", "mid-west": "Midwest", "mid-atlantic": "Mid-Atlantic",
                    "plains": "Great Plains", "great plains": "Great Plains",
                    "northern plains": "Northern Plains", "southern plains": "Southern Plains"}
_US_REGION = re.compile(r"(?<![\w\-])(North|South|East|West|Northeast|Northwest|Southeast|Southwest|Mid-?west"
                        r"|Mid-Atlantic|(?:Northern |Southern |Great )?Plains)(?![\w\-])(?!'s|’s| [A-Z]| bloc)")
_REGION_LIST_GAP = re.compile(r"(?:,[ ]|,?[ ](?:and|or|&)[ ])(?:the[ ])?$")
# A compass word alone that may stand for the West (the Western nations) or the East bloc: a
# region only in the company of a region that is nothing else ("the East and Midwest").
_BLOC_WORDS = frozenset({"east", "west"})
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"])|\n\s*\n")


def us_regions(text: str) -> list[str]:
    """Return the US regions the text names after "the" or "in", or in a list that began so ("in
    the South, East and Midwest"), for an article whose places are all in the United States (the
    caller's check: "the North" of a Korean story is North Korea, Brazil's "Northeast" is not
    this). Not a compass word before a name ("the Northwest Territories", "the South's Central
    Bank"), after a name's "of" ("Central Bancshares of the South"), or a lone "the West" or "the
    East", which in news stand for the Western nations and the East bloc more often than not; a
    lone "the North" or "the South" is one unless the sentence names both (North and South)."""
    found: list[tuple[int, str, str]] = []  # (sentence start, key, name)
    previous_end = -1
    for match in _US_REGION.finditer(text):
        before = text[max(0, match.start() - 40): match.start()]
        listed = previous_end >= 0 and _REGION_LIST_GAP.fullmatch(text[previous_end: match.start()]) is not None
        if not listed and not re.search(r"(?<![A-Za-z])(?:the|in)[ ]$", before) \
                or not listed and re.search(r"[A-Z][a-z]+ of the $", before):
            previous_end = -1
            continue
        key = match[1].lower()
        sentence = max((end.end() for end in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
        found.append((sentence, key, _US_REGION_NAMES[key]))
        previous_end = match.end()
    out = []
    for sentence, key, name in found:
        companions = {other for start, other, _ in found if start == sentence and other != key}
        if key in _BLOC_WORDS and not companions - {"north", "south", "east", "west"}:
            continue  # "the West", "between the East and West": the nations, not the region
        if key in ("north", "south") and companions & {"north", "south"} \
                and not companions - {"north", "south", "east", "west"}:
            continue  # "talks between the North and the South": rich and poor nations
        out.append(name)
    return out


def with_us_regions(places: list[str], text: str, countries: set[str]) -> list[str]:
    """Add the US regions of the text (us_regions) to the places of an article whose places and
    nationalities are all in the United States, and name its "West Coast" (a region of New
    Zealand in the gazetteer) as the American one where the story names the United States and not
    New Zealand ("for Gulf and West Coast shipment" of US corn)."""
    if "West Coast" in places:
        countries = countries - {"New Zealand"}  # the gazetteer's, counted among the places named
    context = countries | set(countries_in_context([place for place in places if place != "West Coast"]))
    if "West Coast" in places and "United States" in context and "New Zealand" not in context:
        places = [place for place in places if place != "West Coast"] + ["West Coast (United States)"]
    places = [coast for place in places for coast in _coast_of_its_country(place, context)]
    return places + us_regions(text) if context == {"United States"} else places


# Coasts every country on an ocean has: a bare one is one value for several ("East Coast" shipments of
# US grain, of Canadian wheat, "East Coast Mexico").
_COASTS = frozenset({"East Coast", "West Coast", "Gulf Coast", "Pacific Coast", "Atlantic Coast"})


def _coast_of_its_country(place: str, countries: set[str]) -> list[str]:
    """Name a bare coast by the one country of its article ("East Coast (Canada)" in a Canadian Wheat
    Board table), or by the United States where the article names no neighbour of theirs (the coast
    US grain ships from, to buyers the story names); else leave it out: which coast, the name does
    not say."""
    if place not in _COASTS:
        return [place]
    if len(countries) == 1:
        return [f"{place} ({next(iter(countries))})"]
    if "United States" in countries and not countries & {"Canada", "Mexico"}:
        return [f"{place} (United States)"]
    return []


def which_gulf(places: list[str], countries: set[str]) -> list[str]:
    """Name a bare "Gulf" by its article: the Persian Gulf where a Gulf state is named, the U.S.
    Gulf (the coast the grain barges sail to) where only the United States is; else leave it out
    (one "Gulf" value for both would mix tanker attacks with barge freight)."""
    if "Gulf" not in places:
        return places
    countries = countries | set(countries_in_context(places))
    gulf = "Persian Gulf" if countries & GULF_STATES else "U.S. Gulf" if "United States" in countries else None
    return [place for place in places if place != "Gulf"] + ([gulf] if gulf else [])
