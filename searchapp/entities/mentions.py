"""Turn a spaCy Doc into Mentions: decide which entity spans are people, organisations, places, dates.

NER labels are a first guess that the article itself corrects (people.py for PERSON spans,
org_spans.py for ORG spans, place_spans.py for datelines and place spans, firms.py for names the
wire marks as firms, tables.py for tables).
Here: a wire agency named as the source of the story is a credit, not an organisation ("told
Reuters", "(AFP, AP, Reuters)"); a Title Case wire headline is not read for people when a body
follows that repeats them ("Exxon Cuts Heating Oil Barge Price"); bare institutions get their
country ("Japanese Finance Ministry").
"""
from __future__ import annotations

import calendar
import functools
import json
import re
from dataclasses import dataclass, fields

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from searchapp.entities.aliases import merge_people
from searchapp.entities.firms import (BRACKETED_FIRM, find_firm_spans, find_listed_firms, generic_firm_start,
                                      initials_name, legal_form_spans, merge_into_firms)
from searchapp.entities.headlines import Lexicon
from searchapp.entities.names import (ABBREVIATED_GIVEN_NAMES, FIRM_LAST_WORDS, FOREIGN_ORG_WORDS, LAND_NOUNS,
                                      NAME_PARTICLES, ORG_HEADS, PORTFOLIO_LISTING,
                                      clean_org, clean_person, ends_in_legal_form,
                                      is_firm_name, is_landmark,
                                      clean_place, normalize_space, split_firms)
from searchapp.entities.org_spans import (GOVERNMENT_WORDS, NAMED_BY_TOWN, NOT_ORG_LAST_WORDS, is_no_body, joins,
                                          joins_by_particle, lower_case_exchanges, lower_case_institutions, NAME_HEADS,
                                          places_in_org,
                                          read_orgs)  # corpus.py imports GOVERNMENT_WORDS from here
from searchapp.entities.orgs import (FIRM_AFTER_AT, LEGAL_FORM, LEGAL_SUFFIXES, SHORT_FORMS, abbreviates, country_form,
                                     is_bare_institution, is_institution_word, is_one_of_many, qualify_institution)
from searchapp.entities.surfaces import count_surfaces, lower_case_phrases
from searchapp.entities.article_text import ArticleText, doc_text, is_firm_by_what_follows
from searchapp.entities.acting import acting_names
from searchapp.entities.people import (MONTHS, find_titled_names, in_firm_list, is_org_as_person,
                                      is_person_by_apposition, is_titled,
                                      partners_end, places_in_person, read_person)
from searchapp.entities.places import (EARLIER_STATES, GROUPINGS, canonical_place, countries_in_context, country_of,
                                       country_of_nationality, is_country, is_country_or_state,
                                       city_of_state_initials, is_major_place, is_region, is_us_state,
                                       with_their_countries)
from searchapp.entities.towns import (bare_towns, counties_named, county_name, dateline_region, states_meant,
                                      town_of_named_state)
from searchapp.entities.parties import currency_country, is_political, party_names, party_of, party_written_at
from searchapp.entities.place_spans import (CRUDE_GRADES, GEO_NOUNS, WORLD_REGIONS, find_dateline,
                                            find_headline_countries, firm_homes, hyphened_places, is_firm_by_ticker, is_firm_word,
                                            in_a_known_place, is_firms_spelling, is_product, is_unknown_junk, is_unknown_site,
                                            item_datelines, listed_towns_with_state, party_states, place_and_words, place_name,
                                            places_after_where, slashed_places, towns_with_states, which_gulf,
                                            with_state, with_us_regions)
from searchapp.entities.spots import WORD_EDGE, bounded_spots, compiled, follows, occurs, spots
from searchapp.entities.untagged import untagged_names
from searchapp.entities.tables import find_tables, in_table, table_places

PLACE_LABELS = frozenset({"GPE", "LOC"})
DAYS = frozenset(name.lower() for name in calendar.day_name)
# Bodies the U.S. government does not have: a bare "Foreign Ministry" is never the United States'.
_NOT_US_WORDS = frozenset({"ministry", "parliament", "central"})  # the U.S. central bank is the Fed
# The U.S. parties (of the time): any other party in a bare name is another country's.
_US_PARTIES = frozenset({"democratic party", "republican party"})
# Legislatures: a bare one is most often the one of the country the story is filed from.
LEGISLATURE_WORDS = frozenset({"senate", "house", "congress", "parliament", "diet"})


@dataclass(frozen=True)
class Mentions:
    """The cacheable NER result for one text; independent of the publication date."""

    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    date_expressions: tuple[str, ...] = ()  # DATE spans as written, resolved later by resolve()
    # (kind, name, spelling, count): how often the text names each entity, and how (surfaces.py)
    surfaces: tuple[tuple[str, str, str, int], ...] = ()
    # One-word people the text names after a title ("President Suharto", "Oil Minister Subroto"):
    # the corpus keeps a lone word as a person on such evidence (corpus_evidence.retypes_of).
    titled: tuple[str, ...] = ()
    # The words and word pairs the text writes in lower case: the corpus's evidence that a
    # capitalised such phrase is no name (corpus_evidence.lower_case_phrases, common_phrases).
    lowered: tuple[str, ...] = ()
    # The acronyms the text defines for its organisations, "the European Community (EC)": (acronym,
    # organisation) pairs, the corpus's evidence of what an acronym stands for (corpus_evidence).
    acronyms: tuple[tuple[str, str], ...] = ()
    # The names the text gives to a product or a ship ("the drug Activase", "the ferry Herald of Free
    # Enterprise") and the acronyms it spells out as no body ("the European Monetary System (EMS)"):
    # no entity here, and the corpus's evidence that they are none where an article names them bare
    # (CorpusMaps.things).
    things: tuple[str, ...] = ()
    # Names of two capitalised words or more that NER left untagged ("rated AAA by Standard and Poor's"):
    # the corpus gives the article those it attests as organisations (untagged.py, CorpusMaps.attested).
    untagged: tuple[str, ...] = ()
    # The people and organisations the text shows acting as a body ("Glaxo said", "a Sematech
    # spokesman", "shares of Snecma"): the corpus's evidence that an organisation is one (acting.py).
    acting: tuple[str, ...] = ()
    # Why extraction failed on this text ("KeyError: 'x' (org_spans.py:120)"); empty when it did
    # not. A failed text has no names, is reported, and is never cached: the next run tries again.
    error: str = ""

    def to_json(self) -> str:
        """Serialise to compact JSON."""
        # Not dataclasses.asdict, which deep-copies every nested tuple: 5 s of a Reuters 18k build.
        return json.dumps({f.name: getattr(self, f.name) for f in fields(self)},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, s: str) -> Mentions:
        """Parse what to_json wrote."""
        data = json.loads(s)
        return cls(**{key: tuple(data.get(key, ())) for key in
                      ("people", "places", "organizations", "date_expressions")},
                   surfaces=tuple(tuple(record) for record in data.get("surfaces", ())),
                   titled=tuple(data.get("titled", ())), lowered=tuple(data.get("lowered", ())),
                   acronyms=tuple(tuple(pair) for pair in data.get("acronyms", ())),
                   things=tuple(data.get("things", ())), untagged=tuple(data.get("untagged", ())),
                   acting=tuple(data.get("acting", ())),
                   error=data.get("error", ""))


# An acronym in brackets after a name: "the European Community (EC)", "General Motors Corp (GM)"; or
# between commas: "the U.S. National Cattlemen's Association, NCA, said".
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Z&.]{1,7})\)")
_APPOSITIVE_ACRONYM = re.compile(r",[ ]([A-Z][A-Z&.]{1,7}),")
# Or after a dash inside the angle brackets the wire puts around a firm it has no ticker for:
# "<Societa Meridionale Finanziaria Spa - SME>", the wire's own word that this is the firm's short
# name, whatever its letters (SME's E is of an older name).
_ANGLED_ACRONYM = re.compile(r"(?<=[\w.])[ ]-[ ]([A-Z][A-Z&.]{1,7})>")
# A legal form right after a name, for the initial it gives an acronym ("Data Resources Inc", DRI).
_LEGAL_FORM_WORD = re.compile(r",?[ ]([A-Z][A-Za-z]*)\.?(?!\w)")


def _shorter_spellings(org: str) -> list[str]:
    """An organisation's name and the shorter forms an article may write it in before its acronym:
    the name without its first words ("Communist Party (PCP)" of the Portuguese Communist Party,
    which the story's dateline qualified)."""
    words = org.split()
    return [org, *(" ".join(words[i:]) for i in range(1, len(words) - 1) if words[i][:1].isupper())]


def _initials(org: str) -> str:
    """The capital initials of a name's words, each part of a hyphenated word's too: "Amsterdam-Rotterdam
    Bank" -> "ARB"."""
    return "".join(word[0] for word in re.findall(r"[A-Za-z]+", org) if word[0].isupper())


def _initials_in_order(acronym: str, org: str) -> bool:
    """Tell whether an acronym's letters are initials of an organisation's words, in their order:
    "NCA" of "U.S. National Cattlemen's Association"."""
    initials = iter(_initials(org))
    return all(letter in initials for letter in acronym)


def defined_acronyms(text: str, orgs: list[str]) -> tuple[tuple[str, str], ...]:
    """Return the (acronym, organisation) pairs the text defines: an acronym in brackets right
    after one of its organisations' names (with its legal form and ticker, within a few characters), made
    of its words' initials, in their order or in another language's ("the European Community
    (EC)", "Irving Bank Corp (IBC)", "the Brazilian Coffee Institute (IBC)"); or between commas
    after it, of its initials in their order ("the U.S. National Cattlemen's Association, NCA,").
    The name may be written without its first words ("Communist Party (PCP)")."""
    pairs = set()
    for pattern in (_BRACKETED_ACRONYM, _APPOSITIVE_ACRONYM, _ANGLED_ACRONYM):
        for match in pattern.finditer(text):
            acronym = match[1].replace(".", "")
            before = normalize_space(re.sub(r"<[^<>\n]{1,16}>", "",  # and without a ticker: "Holdings Ltd <NBHA.ME> (NBH)"
                                            text[max(0, match.start() - 120): match.start()].replace(",", "")))  # as names are
            for org in orgs:
                at, spelled = max((before.rfind(spelling), spelling) for spelling in _shorter_spellings(org))
                if at >= 0 and len(before) - at - len(spelled) <= 12 and (
                        abbreviates(acronym, org, strict=True) or _initials_in_order(acronym, org)
                        or pattern is _BRACKETED_ACRONYM and set(acronym) <= set(_initials(org))
                        or pattern is _ANGLED_ACRONYM and "<" + org in before[-len(org) - 13:]):
                    pairs.add((acronym, org))
    # An acronym of a firm's initials and its legal form's, where the text writes the firm with that
    # form: "Data Resources Inc" ... "DRI" (not "Amsterdam-Rotterdam Bank NV" for ABN: _initials). Not
    # over a bracket's definition, nor for an acronym with a legal form of its own ("FMC Corp" beside
    # "Ford Motor Co").
    bracketed = {acronym for acronym, _org in pairs}
    acronyms = [acronym for acronym in orgs if acronym.isalpha() and acronym.isupper() and 3 <= len(acronym) <= 5
                and acronym not in bracketed and not _has_legal_form(text, acronym)]
    if acronyms:
        with_form = {}
        for org in orgs:
            if len(org.split()) > 1 and (form := _has_legal_form(text, org)):
                with_form.setdefault(_initials(org) + form[0], []).append(org)
        pairs.update((acronym, org) for acronym in acronyms for org in with_form.get(acronym, ()))
    return tuple(sorted(pairs))


def _has_legal_form(text: str, name: str) -> str | None:
    """The legal form the text first writes right after a name ("Inc" of "Data Resources Inc"), if
    that word is one; else None."""
    found = follows(text, name, _LEGAL_FORM_WORD)
    return found[1] if found and found[1].lower() in LEGAL_SUFFIXES else None


def _is_qualifier(words: str) -> bool:
    """Tell whether words before an institution say whose it is: a country ("U.S."), a nationality
    ("Japanese") or a region's adjective ("European"); not "White" of the White House."""
    return canonical_place(words) is not None or country_of_nationality(words) is not None \
        or any(is_region(canonical_place(words[:-cut]) or "-") for cut in (1, 2) if len(words) > cut + 2)


def _qualify_institutions(orgs: list[str], places: list[str], dateline: list[str], text: str,
                          country_at: list[tuple[int, str]]) -> list[str]:
    """Give bare institutions their country: the one named nearest in their sentence, else the
    dateline's if the story names it too, else the last one named before them, else the article's
    only one.

    "Finance Ministry" in a Tokyo story is "Japanese Finance Ministry"; "applications submitted
    to the Ministry of Economic Affairs" after "offshore The Netherlands" is the Netherlands'.
    Without a country to tell, a bare name would be one facet value for every country's
    ministry, so it is left out. A legislature ("Senate", "House", "Parliament") is the dateline's
    country's. A bare name the article gave in full before is that one ("the Parliament" after "the
    European Parliament", "the Supreme Court" after "the U.S. Supreme Court").
    """
    if not any(is_bare_institution(org) for org in orgs):
        return orgs
    default = filed_from = next((c for c in map(country_of, dateline) if c), None)
    if filed_from in EARLIER_STATES and EARLIER_STATES[filed_from] in {c for _, c in country_at}:
        default = filed_from = EARLIER_STATES[filed_from]  # Moscow's state, where the story names the Soviet Union
    if default is None:
        countries = set(countries_in_context(places))
        default = next(iter(countries)) if len(countries) == 1 else None
    out = set()
    found: dict[str, tuple[int, str | None]] = {}  # bare institution -> (first mention, its country)
    for org in orgs:
        if not is_bare_institution(org):
            out.add(org)
            continue
        if is_one_of_many(org):
            continue  # "the District Court", "the Ministry": which one, the name does not say
        named = [other for other in orgs if other.endswith(" " + org) and not is_bare_institution(other)
                 and _is_qualifier(other[: -len(org) - 1])]
        bare_at = next((start for start in bounded_spots(text, org)
                        if not any(text[:start].endswith(other[: -len(org)]) for other in named)), -1)
        fuller = [other for other in named if 0 <= text.find(other) < bare_at]
        if fuller:
            if len(fuller) == 1:
                out.add(fuller[0])  # "the Parliament" after "the European Parliament": that one
            continue
        at = text.find(org)
        if at < 0 and (written := compiled(re.escape(org), re.IGNORECASE).search(text)):
            at = written.start()  # "waiting for finance ministry approval": a name the story writes in lower case
        if at < 0 and " of " in org:  # "Ministry of International Trade and Industry", read from
            at = text.find(org[org.index(" of "):])  # "Japan's deputy minister of International ..."
        party = org.lower().endswith(" party")
        if at < 0 and party:
            at = party_written_at(text, org)  # "the ruling Conservatives"
        not_us = any(word in _NOT_US_WORDS for word in org.lower().split()) \
            or party and org.lower() not in _US_PARTIES  # "Foreign Ministry", "Liberal Democratic Party ...
        # Miyazawa's departure for Washington"
        named_before = [c for position, c in reversed(country_at) if 0 <= position < at
                        and not (not_us and c == "United States") and not _OTHER_ACTOR.match(text, position)
                        and (not party or _names_a_country(text, position))]  # whose a party is, a town
        # named before does not say ("the discussions in Paris ... the ruling Liberal Democratic Party")
        start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
        end = min((i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0), default=len(text))
        beside = [(position, c) for position, c in country_at
                  if start <= position < end and _beside(text, position, at, len(org))]
        said = [(position, c) for position, c in country_at if start <= position < at
                and not _is_where(text, position) and not _OTHER_ACTOR.match(text, position)]
        in_sentence = sorted((abs(position - at), c) for position, c in {*beside, *said}
                             if not (not_us and c == "United States"))
        if lead := _country_before(text, at):
            country = lead  # "U.S. Treasury Official Urges Japan ...": its first mention says whose it is
            # (and "Canada's energy department" is Canada's, though the U.S. names departments so too)
        elif in_sentence and not beside and _SAID_AFTER.match(text, at + len(org)):
            # "Tunisia has decided to break relations with Iran, the foreign ministry said": the source of
            # a sentence about its country, the dateline's if the sentence names it ("French Finance
            # Minister Balladur met British Chancellor Lawson, a Treasury spokesman said" in London), else
            # the one it names first (not the nearest, its object); a town or state says where ("... of
            # Burrillville, Rhode Island, the federal energy department said" in an Ottawa story)
            named = sorted((position, c) for position, c in said if not (not_us and c == "United States")
                           and _names_a_country(text, position))
            country = filed_from if filed_from in {c for _, c in named} \
                else named[0][1] if named else filed_from or in_sentence[0][1]
        elif in_sentence:
            country = in_sentence[0][1]  # "the Foreign Ministry in Ankara"
        elif party and (money := currency_country(text[start:end])):
            country = money  # "sterling rose as the ruling Conservatives kept their lead" in a Tokyo story
        elif filed_from and not (not_us and filed_from == "United States") \
                and filed_from in {c for _, c in country_at}:
            country = filed_from  # "A Foreign Ministry statement" in an Ankara story that names Turkey,
            # whoever was named before (not Russia for a Moscow story: the story names the Soviet Union)
        else:
            country = next(iter(named_before), default)
        if filed_from and org.split()[-1].lower() in LEGISLATURE_WORDS:
            # "the Senate" in a Washington story about Japan is the U.S. Senate; in a Peking story
            # that names the United States, "Congress" is still the U.S. Congress
            us_named = "United States" in {c for _, c in country_at}
            country = "United States" if us_named and org.split()[-1].lower() == "congress" else filed_from
        if country == "United States" and not_us:
            continue  # the U.S. has departments and a Congress, no ministries or parliament
        if (chambers := _CHAMBERS.get(org.lower())) is not None and country not in chambers:
            # "the House of Representatives ... the Senate" in an Ottawa or Tokyo story about a U.S. bill:
            # Canada has no House of Representatives, Japan no Senate
            country = "United States" if "United States" in {c for _, c in country_at} else None
        if org.lower() == "state department" or len(org.split()) == 2 and org.endswith(" Department") \
                and "United States" in {c for _, c in country_at} and not lead:
            country = "United States"  # "<Portfolio> Department" is how the U.S. names its (Japan's are ministries)
        if org == "Treasury" and (text.startswith("Treasury Secretary", at) or filed_from == "United States"
                                  and _bare_treasury_title(text)):
            country = "United States"  # "Treasury Secretary James Baker" in a Tokyo story: a U.S. title
            # (not "a Treasury spokesman said" first, in London, whatever follows); and in a Washington story
            # that titles someone so, "Treasury's Mulford Sees Brazil Lending Progress" is the U.S.'s
        found[org] = (at, country)
    # One institution named two ways ("A Ministry of Finance spokesman" ... "the Finance Ministry
    # declined"): its first mention says whose it is, and names it.
    first: dict[frozenset[str], str] = {}
    for org in sorted(found, key=lambda name: found[name][0]):
        first.setdefault(_institution_key(org), org)
    for org in found:
        leader = first[_institution_key(org)]
        if found[leader][1]:
            out.add(qualify_institution(leader, found[leader][1]))
    return sorted(out)


# A Treasury title: "Assistant Treasury Secretary David Mulford", "Argentine Treasury Secretary Mario Brodersohn".
_TREASURY_TITLE = re.compile(r"([\w.]+)?[ ]?Treasury[ ](?:Secretary|Undersecretary)")


def _bare_treasury_title(text: str) -> bool:
    """Tell whether the text titles someone Treasury Secretary (or Undersecretary) with no country's
    name or adjective before it: how the U.S. wire names the U.S. Treasury's officials."""
    return any(not (title[1] and _country_named(title[1])) for title in _TREASURY_TITLE.finditer(text))


# Last words of a report's source named in its headline: "Federal Reserve Weekly Report".
_SOURCE_HEADS = ORG_HEADS | NAME_HEADS
# Nouns after a firm's name that make it one of a group's: "its Kaysersberg subsidiary".
_UNIT_NOUNS = frozenset({"subsidiary", "subsidiaries", "unit", "affiliate", "affiliates"})
# A nationality that says whose firm or buyer it is, not whose ministry: "An unnamed Norwegian firm
# agreed to buy alumina ..., a Commerce Ministry official told Reuters" (in a New Delhi story).
_OTHER_ACTOR = re.compile(r"(?:[A-Z][\w.'’\-]*[ ]){1,3}(?:firms?|compan(?:y|ies)|buyers?|importers?|exporters?"
                          r"|traders?|concerns?|consortium|investors?|shipowners?|owners?)\b")
# What follows a body that a sentence ends by naming as its source: "..., the foreign ministry said",
# "..., an energy ministry spokesman said".
_SAID_AFTER = re.compile(r"(?:[ ](?:spokesman|spokeswoman|spokesmen|officials?|sources?|statement))?"
                         r"[ ](?:said|says|told|announced|reported)\b")
# The countries of 1987 whose parliament has a chamber of that name.
_CHAMBERS = {
    "house of representatives": frozenset({"United States", "Japan", "Australia", "New Zealand", "Philippines",
                                           "Belgium", "Colombia", "Nigeria", "Thailand", "Indonesia", "Malaysia",
                                           "Egypt", "Liberia", "Jamaica", "Cyprus"}),
    "senate": frozenset({"United States", "Canada", "Australia", "France", "Italy", "Philippines", "Brazil",
                         "Mexico", "Spain", "Belgium", "Netherlands", "Argentina", "Chile", "Colombia", "Venezuela",
                         "Ireland", "Malaysia", "Thailand", "Jamaica", "Bolivia", "Uruguay", "Paraguay",
                         "Dominican Republic", "Liberia", "Nigeria"}),
}
# What a ship's name follows: "the aircraft carrier Kitty Hawk", "the Liberian-flagged tanker Atlantic Lady".
_SHIP_NOUNS = frozenset({"tanker", "supertanker", "ship", "vessel", "frigate", "destroyer", "cruiser",
                         "freighter", "liner", "submarine", "battleship", "steamer", "trawler", "ferry"})
# Words before "carrier" that make it a ship: not "the carrier TWA", an airline.
_SHIP_CARRIERS = frozenset({"aircraft", "bulk", "ore", "oil", "crude", "lng", "lpg", "car", "container"})


def _is_ship(ent: Span) -> bool:
    """Tell whether a span is a ship's name: after a ship's noun ("the tanker [Al Funtas]", "the
    aircraft carrier [Kitty Hawk]", "the British ferry [Herald of Free Enterprise]")."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start else ""
    return before in _SHIP_NOUNS or before == "carrier" and ent.start > 1 and doc[ent.start - 2].lower_ in _SHIP_CARRIERS


# A well's code after its field's name: "Lufeng 13-1-1", "Tableland 4-36-2".
_WELL_CODE = re.compile(r"[ ]\d{1,3}-\d{1,3}-\d{1,3}\b")
# Words before a place that say where: "in Paris", "from Japan", "to the United States".
_WHERE_WORDS = frozenset({"in", "at", "near", "outside", "around", "across", "throughout", "to", "from", "via",
                          "into", "through", "toward", "towards", "visiting"})


_MONTH_NAMES = "(?:" + "|".join(calendar.month_name[1:]) + ")"
# Around a crude's grade: "Brent-grade", "Brent crude", "Bonny Light" after the name; "benchmark
# Dubai", "grades such as Dubai", "May Dubai" before it.
_GRADE_AFTER = re.compile(r"(?:-grade\b|[ ](?:crudes?|blend|grades?)\b|[ ](?:[Ll]ight|[Hh]eavy)\b(?![ ][A-Z]))")
_GRADE_BEFORE = re.compile(r"\b(?:(?:crudes?|benchmark|grades?)(?:[ ]such[ ]as)?|" + _MONTH_NAMES + r")[ ]\Z")


# A price's move from the name it follows: "Dubai was off 12 cts to 18.09 dlrs", "Genoa gained 25 to 3.05" (a
# stock's cents); not a share of something ("Rouen fell 6.4 pct to 725": its exports).
_PRICE_MOVE = (r"(?:'s)?[ ](?:was[ ]|were[ ])?(?:up|off|down|rose|fell|gained|dropped|eased|added|lost|firmed|slipped|"
               r"climbed|jumped|declined|advanced|shed|surged|improved)(?:[ ]by)?[ ][\d./]+"
               r"(?:[ ](?:cts|cents|dlrs?|pence|yen|points?))?[ ]to[ ][\d./]+")


_PRICE_MOVE_AT = re.compile(_PRICE_MOVE)


@functools.lru_cache(maxsize=8)
def _price_moves(text: str) -> tuple[int, ...]:
    """Where the price moves of a text begin (one search per text, not one per name)."""
    return tuple(match.start() for match in _PRICE_MOVE_AT.finditer(text))


def _is_grade_in_article(name: str, text: str) -> bool:
    """Tell whether the article writes a name as a grade of crude oil, or a priced stock, somewhere: "Brent crude",
    "Brent-grade", "Bonny Light" (then "April Brent traded" is the grade too; not "Kawasaki Heavy
    Industries"); in a story about crude, also "the Mideast benchmark crude Dubai" and a month's
    cargoes, "10 cargoes of May Dubai"."""
    if any(text[:start].endswith(name) and not re.match(r"[\w.]", text[start - len(name) - 1: start - len(name)])
           for start in _price_moves(text)):
        return True  # "Dubai was off 12 cts to 18.09 dlrs", "Genoa gained 25 to 3.05": a grade's, a stock's price
    return follows(text, name, _GRADE_AFTER, not_before=".") is not None \
        or "crude" in text and any(_GRADE_BEFORE.search(text, max(0, start - 20), start)
                                   for start in spots(text, name, then=WORD_EDGE))


def _is_grade_place(place: str, text: str) -> bool:
    """Tell whether a town is named only as a grade of crude: "Brent crude ... Brent traded" (not a
    country, a state, a region or a landmark, "North Sea crude", "Bass Strait crude"; not "Dubai
    crude ... talks in Dubai")."""
    name = place.split(" (")[0]
    if is_country_or_state(place) or is_region(place) or is_landmark(name) or not _is_grade_in_article(name, text):
        return False
    return not any(_is_where(text, start) for start in spots(text, name, not_before=".", then=WORD_EDGE))


def _named_by_town(org: Span, place: Span) -> str | None:
    """Return the whole name of a body named after its town that NER cut before "of": "[the Federal
    Reserve Bank] of [New York]", "[Peoples Bank] of [Nanticoke]"; not a country's bare institution
    ("the Central Bank of Brazil" is Brazil's Central Bank, qualified with the others)."""
    name = clean_org(org.text)
    if place.label_ not in PLACE_LABELS or doc_text(org.doc)[org.end_char: place.start_char] != " of " \
            or not name or name.split()[-1].lower() not in NAMED_BY_TOWN or is_bare_institution(name) \
            or not (town := place_name(place.text)) or is_country(canonical_place(town) or "-"):
        return None
    return clean_org(f"{name} of {normalize_space(place.text)}")


# What a product's name follows when the article introduces it: "the antiulcer medication Tagamet",
# "a hepatitis B vaccine, called Engerix-B", "a new bullion coin called the \"Britannia\"", "the space
# shuttle Challenger".
_PRODUCT_NOUN = r"\b(?:drugs?|medication|medicine|vaccine|coins?|cigarettes?|software|product|brand|treatment|shuttles?)"
_PRODUCT_BEFORE = re.compile(_PRODUCT_NOUN + r"(?:,?[ ]called)?(?:[ ]the)?[ ]+[\"“]?$")
# ... or what it is, right after it: "Statil, a treatment for diabetic complications".
_PRODUCT_AFTER = re.compile(r",[ ]an?[ ](?:[a-z\-]+[ ]){0,2}(?:drug|medication|medicine|vaccine|treatment)\b"
                            r"|[ ](?:space[ ])?shuttles?\b")  # "the Challenger shuttle"


def _products(text: str, names: list[str]) -> set[str]:
    """Return the names the article introduces as products: no firm, place or person there."""
    if not re.search(_PRODUCT_NOUN, text):
        return set()  # most articles name no product: one search, not one per name
    return {name for name in names
            if any(_PRODUCT_BEFORE.search(text, max(0, start - 40), start)
                   or _PRODUCT_AFTER.match(text, start + len(name))
                   for start in spots(text, name, not_before="-", not_after="-"))}


# Nouns after which an untagged name is a firm's: "the state-run oil company Ecopetrol said".
_FIRM_NOUNS_BEFORE = frozenset({"company", "firm", "concern", "conglomerate", "brokerage", "utility", "airline",
                                "insurer", "carrier"})


def _firms_after_nouns(article: ArticleText) -> list[str]:
    """Names NER left untagged after a company noun: "oil company Ecopetrol" (words the lexicon
    does not know, so not "the company Chairman" or "the firm Friday")."""
    doc, found = article.doc, []
    for token in doc[:-1]:
        if token.lower_ not in _FIRM_NOUNS_BEFORE or token.idx < article.headline_end:
            continue
        words = []
        for word in doc[token.i + 1: token.i + 4]:
            if word.ent_type_ or not (word.is_title or word.is_upper and len(word) > 2) or not word.is_alpha \
                    or article.is_english_word(word.text):
                break
            words.append(word.text)
        if words and (name := clean_org(" ".join(words))):
            found.append(name)
    return found


def _beside(text: str, position: int, at: int, length: int) -> bool:
    """Tell whether a place named at position says whose the institution at `at` is: a few
    words from it with no comma between ("Japan's Finance Ministry", "the Foreign Ministry in
    Ankara"); not "talks in Paris, Finance Ministry sources said" in a Tokyo story."""
    between = text[position:at] if position < at else text[at + length:position]
    return len(between.split()) <= 4 and not re.search(r"[,;:()]", between)


def _names_a_country(text: str, position: int) -> bool:
    """Tell whether the name at position is a country's or its people's ("Tunisia", "Japan's",
    "Norwegian"), not a town's or a state's ("Rhode Island")."""
    words = re.match(r"[\w.\-'’]+(?:[ ][A-Z][\w.\-'’]*){0,3}", text[position:])
    pieces = words[0].split() if words else []
    return any(_country_named(" ".join(pieces[:size])) for size in range(len(pieces), 0, -1))


def _country_named(lead: str) -> str | None:
    """The country a name or its people's adjective names, possessive or not ("Japan's", "West
    German", "U.S."); None for a town, a state or no place."""
    lead = re.sub(r"['’]s$", "", lead)
    country = country_of_nationality(lead) or canonical_place(lead) if lead[:1].isupper() else None
    return country if country and is_country(country) else None


def _is_where(text: str, position: int) -> bool:
    """Tell whether the place named at position says where something happened ("the accord reached
    in Paris", "shipments to Japan"), not whose the sentence's matter is ("West German producer
    prices fell", "West Germany's surplus widened", "with the Soviet Union's central bank")."""
    before = re.search(r"(\w+)\s+(?:the\s+)?$", text[max(0, position - 30): position])
    return before is not None and before[1].lower() in _WHERE_WORDS


def _first_name_left_out(ent: Span, article: ArticleText) -> bool:
    """Tell whether the word before a person's span of two words or more is a first name NER left
    out ("Poul [Erik Moller]", "Chee [Kheng Hoy]"): capitalised, untagged, after no other
    capitalised word, and no English word (nor one misspelt: "Prersident Jose Sarney"), place,
    month or stop word; not in a Title Case headline."""
    doc = ent.doc
    if len(ent) < 2 or not ent.start or article.in_headline(ent):
        return False
    word = doc[ent.start - 1]
    return re.fullmatch(r"[A-Z][a-z]{2,}", word.text) is not None and bool(word.whitespace_) and not word.ent_type_ \
        and not (ent.start > 1 and doc[ent.start - 2].text[:1].isupper()) \
        and word.lower_ not in MONTHS and word.lower_ not in STOP_WORDS and canonical_place(word.text) is None \
        and not article.is_english_word(word.text) and not _misspelt_word(word.lower_, article)


def _misspelt_word(word: str, article: ArticleText) -> bool:
    """Tell whether a long lower-case word is one letter away from an English word: the wire's typo
    of a title ("Prersident Jose Sarney", "Transporation Elizabeth Dole"), no first name (short
    names are one letter from many words: "Poul", "Chee")."""
    if len(word) < 8 or article.lexicon is None:
        return False
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b} | {a + c + b[1:] for a, b in splits if b for c in letters} \
        | {a + c + b for a, b in splits for c in letters}
    return any(article.lexicon.is_common_word(candidate) for candidate in edits - {word})


def _country_before(text: str, at: int) -> str | None:
    """The country a qualifier right before position at names ("U.S. [Treasury]", "Japan's
    [Finance Ministry]", "the Japanese [Finance Ministry]"), where NER left it out of the body's span
    or the span was a headline's; None when no country's name or people's adjective is there."""
    words = text[max(0, at - 40): at].split(" ")[:-1] if text[at - 1: at] == " " else []
    for size in (2, 1):  # "West German [Finance Ministry]": West Germany's
        if country := _country_named(" ".join(words[-size:])):
            return country
    return None


def _institution_key(name: str) -> frozenset[str]:
    """The words of an institution's name, whatever their order: "Ministry of Finance" is "Finance Ministry"."""
    return frozenset(word.lower() for word in name.split()) - {"of", "the", "for", "and"}


# A possessive that a firm's name goes on after: "[Hudson]'s Bay Co".
_POSSESSIVE_FIRM = re.compile(r"['’]s[ ]+(?:[A-Z][a-z]+[ ]+){1,3}" + LEGAL_FORM + r"(?![\w/])")


def _stands_for_no_body(org: str, text: str) -> bool:
    """Tell whether an acronym is that of a programme, law, pact or policy the article spells out:
    "EEP" after "Export Enhancement Program (EEP)", "ITA" after "the International Tin Agreement,
    ITA," or "GCI" in a story of the "General Capital Increase" are no more bodies than what
    they stand for."""
    if not (org.isupper() and org.isalpha() and 2 <= len(org) <= 6):
        return False
    spelled = compiled(r"((?:[A-Z][\w'\-]*|of|and|on|for|the)(?:\s+(?:[A-Z][\w'\-]*|of|and|on|for|the)){0,7})"
                       r"(?:\s+\(" + re.escape(org) + r"\)|,\s+" + re.escape(org) + r",)").search(text)
    if spelled is not None and is_no_body(re.sub(r"^(?:(?:of|and|on|for|the)\s+)+", "", spelled[1].strip())):
        return True
    # Spelled out anywhere in the article, word by word: "the General Capital Increase ... a GCI".
    if any(is_no_body(match[0]) for match in compiled(r"\b" + r"\s+".join(f"{letter}[a-z]+" for letter in org)
                                                      + r"\b").finditer(text)):
        return True
    # In lower case (its first word may be a capitalised name), before or after it, or between commas
    # after it: "a value added tax (VAT)", "a VAT (value added tax)", "PCP (Pneumocystis carinii
    # pneumonia)", "payment-in-kind, or PIK, certificates". A body's name is written in capitals; one
    # in lower case is a body only where its last word says so ("the multilateral investment
    # guarantee agency (MIGA)", "the Tokyo stock exchange (TSE)").
    words = r"((?:[A-Za-z][a-z]*[ \-])(?:[a-z]+[ \-]){%d}[a-z]+)" % (len(org) - 2)
    found = compiled(r"\b" + words + r"\s+\(" + re.escape(org) + r"\)").findall(text) \
        + compiled(r"\b" + re.escape(org) + r"\s+\(" + words + r"\)").findall(text) \
        + compiled(r"\b" + words + r",\s+(?:or\s+)?" + re.escape(org) + r",").findall(text)  # "payment-in-kind, or PIK,"
    return any("".join(word[0] for word in re.split(r"[ \-]", spelled)).lower() == org.lower()
               and (spelled.split()[-1] not in ORG_HEADS or is_no_body(spelled.replace("-", " ").title()))
               for spelled in found)


def _portfolios_listed(ent: Span, article: ArticleText) -> int | None:
    """The end of a body's name that lists its portfolios with commas, where NER's ORG stopped
    before it: "the Federal Office of Industry, Trade and Labour"; None when it did not, or when
    the list holds a name that is no English word."""
    text = article.text
    for match in PORTFOLIO_LISTING.finditer(text, ent.start_char, min(len(text), ent.end_char + 80)):
        if match.start() < ent.end_char < match.end() \
                and all(map(article.is_english_word, re.findall(r"[A-Z][a-z]+", match["list"]))):
            return match.end()
    return None


# An exchange named by its kind alone, which every financial centre has.
_BARE_EXCHANGES = frozenset({"Bourse", "Stock Exchange"})


def _exchanges_of_the_dateline(orgs: list[str], dateline: list[str]) -> list[str]:
    """Name a bare "Bourse" or "Stock Exchange" by its story: the one exchange of that kind the story
    names in full ("the Amsterdam Bourse announced ... the Bourse's Share Trading Association" in a
    story from The Hague), else the dateline town's ("the Bourse said" in a PARIS story is the Paris
    Bourse; "Bourse" alone is the Amsterdam, Brussels, Milan ... one in other stories). With neither
    it stays bare, and the corpus leaves it out."""
    town = next((place for place in dateline if not is_country_or_state(place) and " (" not in place), None)

    def named(org: str) -> str:
        if org not in _BARE_EXCHANGES:
            return org
        full = [other for other in orgs if other.endswith(" " + org)]
        return full[0] if len(full) == 1 else f"{town} {org}" if town and not full else org

    return list(dict.fromkeys(map(named, orgs)))


def _written_in_the_plural(org: str, text: str) -> bool:
    """Tell whether the article writes an acronym in the plural too: a common noun's initials
    ("PCB contamination ... burying PCBs", "ADRs"), which no body's acronym is."""
    return org.isupper() and org.isalpha() and 2 <= len(org) <= 6 \
        and compiled(r"\b" + re.escape(org) + r"s\b").search(text) is not None


# Singular nouns before a name that make what follows one firm: "distiller Hiram Walker-Gooderham and Worts".
_ONE_FIRM_NOUNS = _FIRM_NOUNS_BEFORE | {"producer", "distiller", "maker", "manufacturer", "retailer", "publisher",
                                        "distributor", "auditor", "auditors", "accountants", "broker", "subsidiary"}


def _partners_named_together(ents: list[Span], text: str, firms: list[tuple[int, int]],
                             surnames: set[str]) -> list[tuple[int, int]]:
    """Spans of a name and a one-word ORG after its "and" that the article never writes apart, twice
    or more or after a singular firm's noun: one firm NER cut at "and" ("distiller [Hiram
    Walker-Gooderham] and [Worts]", "the accounting firm [Coopers] and [Lybrand]"); not "Texaco and
    Pennzoil", where Pennzoil stands alone too, nor "shares of [Chrysler] and [Ford]", nor after
    the surname of someone the article names in full ("[Trump] and [Interstate] Properties")."""
    spans = []
    for first, second in zip(ents, ents[1:]):
        if first.label_ not in ("PERSON", "ORG") or second.label_ != "ORG" or len(second) != 1 \
                or text[first.end_char: second.start_char] != " and " or not second.text.istitle() \
                or any(start <= first.start_char < end for start, end in firms) or first.text in surnames:
            continue
        together = sum(1 for _ in spots(text, f"{first.text} and {second.text}", not_before="-", not_after="-"))
        alone = sum(1 for _ in spots(text, second.text, not_before="-", not_after="-"))
        noun = re.search(r"(\w+)[ ]+\Z", text[max(0, first.start_char - 30): first.start_char])
        if alone == together and (together >= 2 or noun is not None and noun[1].lower() in _ONE_FIRM_NOUNS):
            spans.append((first.start_char, second.end_char))
    return spans


# A body's name going on after an ORG span: "and", capitalised words NER left untagged, a body's head
# ("[the Canadian Radio-Television] and Telecommunications Commission").
_BODY_GOES_ON = re.compile(r"[ ](?:and|&)[ ]((?:[A-Z][a-z]+[ ]){0,2}(?:Commission|Committee|Council|Board|Authority|"
                           r"Association|Federation|Institute|Agency|Bureau|Organisation|Organization|Union))\b")


# The untagged head of a German name before its "fuer" ("for"): "[Bank] fuer [Gemeinwirtschaft]".
_HEAD_BEFORE_FUER = re.compile(r"(?<![\w-])[A-Z][\w-]+(?:[ ][A-Z][\w-]+)?[ ](?:fuer|für)[ ]$")


def _head_before_fuer(ent: Span, text: str) -> int | None:
    """Where a German body's name NER cut after its "fuer" starts: "Bank fuer [Gemeinwirtschaft]"
    (NER tagged "Bank" in none of the corpus's four articles); None when it starts with the span."""
    match = _HEAD_BEFORE_FUER.search(text, max(0, ent.start_char - 60), ent.start_char)
    return match.start() if match else None


def _body_goes_on(ent: Span, following: Span | None, text: str) -> int | None:
    """Where a body's name NER cut before its "and" ends, when untagged capitalised words and a
    body's head follow ("Telecommunications Commission"); None when the name ends with the span, or
    the words after "and" are another entity NER tagged ("the EC and [the U.S. Trade Commission]").
    Or where a body's name NER cut before the region it is "for" ends: "the [U.N. Economic Commission]
    for [Africa]", "[... Social Commission] for [Asia] and the [Pacific]" (a commission for any region)."""
    if ent.text.split()[-1].lower() in _BODIES_FOR_REGIONS and (match := _FOR_REGION.match(text, ent.end_char)) \
            and all(canonical_place(region) is not None for region in re.split(r"[ ]and[ ](?:the[ ])?", match[1])):
        return match.end()
    match = _BODY_GOES_ON.match(text, ent.end_char)
    if match is None or following is not None and following.start_char < match.end():
        return None
    return match.end()


# The number of a grouping of nations, after its "Group": "Group of Seven", "Group of 77".
_GROUP_OF_NATIONS = re.compile(r"[ ]of[ ](Two|Three|Five|Six|Seven|Eight|Ten|24|77)\b")


# Heads of bodies named for a region, and the region after them: "Economic Commission for Africa".
_BODIES_FOR_REGIONS = frozenset({"commission", "council", "committee", "fund", "bank", "institute", "centre",
                                 "center", "organisation", "organization", "office", "agency", "board"})
_FOR_REGION = re.compile(r"[ ]for[ ](?:the[ ])?((?:Western[ ]|Eastern[ ]|Latin[ ])?[A-Z][a-z]+"
                         r"(?:[ ]and[ ](?:the[ ])?[A-Z][a-z]+)?)\b(?![ ][A-Z])")


def _opens_a_no_body(ent: Span, following: Span, text: str) -> bool:
    """Tell whether an ORG span is the first half of a no body's name that NER cut at its "and": the
    next span, right after "and", is a system, programme or law ("the Stock Exchange of Singapore
    Dealing and Automated Quotation System"); not a body before a firm ("Sabena and Scandinavian
    Airlines System"), nor a name that ends as a body's does ("the World Bank and Export Enhancement
    Program")."""
    last = ent.text.split()[-1]
    return following.label_ == "ORG" and text[ent.end_char:following.start_char] == " and " \
        and is_no_body(clean_org(following.text) or "-") and not last.isupper() \
        and last.lower() not in ORG_HEADS | FIRM_LAST_WORDS | NAME_HEADS


def _names_a_group(ent: Span) -> bool:
    """Tell whether a town names a group of countries after it: "the Cartagena group" of debtors."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].text == "group" and ent.start > 0 and doc[ent.start - 1].lower_ == "the"


def _is_headline_place(text: str) -> bool:
    """Tell whether a place span of a headline is a country, a US state, a region or a big city."""
    place = canonical_place(place_name(text) or "-")
    return place is not None and (is_major_place(place) or is_region(place))


def _names_a_firm(person: str, orgs: list[str]) -> bool:
    """Tell whether a "person" is one of the article's firms or the start of one's name.

    "Cyacq" (Cyacq Corp), "Outboard Marine" (Outboard Marine Corp), "Jardine Matheson" (Jardine
    Matheson Holdings); not "Reagan" of a "Reagan Administration". A founder loses out when
    the article names his firm after him ("Ivan F. Boesky and Co"): rarer than firms that NER
    takes for people.
    """
    return person in orgs or any(org.startswith(person + " ") and org.split()[-1].lower()
                                 not in GOVERNMENT_WORDS for org in orgs)


# An abbreviated state or province as datelines write them: "Kan.", "W. Va.", "N.Y.".
_ABBREVIATED_REGION = re.compile(r"(?<![\w.])(?:[A-Z]\.[ ]?){1,2}(?:[A-Z][a-z]{0,2}\.)?|(?<![\w.])[A-Z][a-z]{1,4}\.")


# A nationality standing alone: "an Australian dlr bond"; not "South Australian", a state's.
_ADJECTIVE = re.compile(r"(?<!North )(?<!South )(?<!East )(?<!West )(?<!Western )(?<!Eastern )(?<!Northern )"
                        r"(?<!Southern )(?<!Central )\b([A-Z][a-z]+)\b")


def _only_inside_longer_names(place: str, orgs: list[str], places: list[str], article: ArticleText) -> bool:
    """Tell whether the article writes a place only inside longer names: its firms' ("Texas" of
    "Texas Instruments Inc" ("Texas Lowers Chip Prices": a Title Case headline shortens the firm's
    name), "Jersey" of "Jersey Capital Markets Group Inc" beside "New Jersey", "North America" of
    "BP North America Inc". A place written once outside them stays ("Texas Instruments Inc ... a
    plant in Texas"), and so does one of a body that is no firm ("Bank of Japan"). So does a state
    the article also abbreviates ("Kansas City, Kan."). The same goes for a place written only in
    the article's longer places: "China" of "China Lake, Calif." and "China Lake Joint Venture"
    (but not a country the article also names by its people: "Australian dlrs")."""
    name = place.split(" (")[0]
    text = article.text
    firms = [org for org in orgs if org != name and (at := next(spots(org, name, not_before="."), -1)) >= 0
             and not org[:at].endswith("of ")  # "Bank of Tokyo": where the firm is
             and (is_firm_name(org) or follows(text, org, FIRM_AFTER_AT, not_before=None))]
    # Longer places: known ones ("New Jersey") and towns the article names with their state.
    longer = [town for other in places if (town := other.split(" (")[0]) != name and occurs(town, name, not_before=".")
              and (canonical_place(town) or " (" in other)]
    if not firms and not longer or any(dateline_region(abbreviation) == place
                                       for abbreviation in _ABBREVIATED_REGION.findall(text)):
        return False
    if is_country(place) and any(country_of_nationality(adjective[1]) == place
                                 for adjective in _ADJECTIVE.finditer(text)):
        return False  # "an Australian dlr eurobond" beside "State Bank of South Australia"
    size = len(name.split())
    # The firms, their short forms ("Jersey Central" of "Jersey Central Power and Light Co") and
    # the longer places.
    holders = [*(" ".join(firm.split()[:cut]) for firm in firms if firm.startswith(name + " ")
                 for cut in range(size + 1, len(firm.split()))),
               *firms, *longer, *(org for org in orgs if longer and org != name
                                  and (at := next(spots(org, name, not_before="."), -1)) >= 0
                                  and not org[:at].endswith("of "))]
    spans = [(start, start + len(holder)) for holder in holders if occurs(holder, name, not_before=".")
             for start in spots(text, holder, not_before=".")]
    # A firm of the place's name with its legal form or ticker makes the bare name its short form
    # where the firm speaks or owns ("Santos Ltd ... Santos said", "Phoenix chairman").
    short = any(firm.startswith(name + " ") and (ends_in_legal_form(firm) or follows(text, firm, FIRM_AFTER_AT, not_before=None))
                for firm in firms)
    occurrences = list(spots(text, name, not_before="."))
    return bool(occurrences) and all(
        any(start <= at and at + len(name) <= end for start, end in spans)
        or firms and at < article.headline_end and not _is_where(text, at)
        or short and _SHORT_FORM_AFTER.match(text, at + len(name)) is not None and not _is_where(text, at)
        for at in occurrences)


# What follows a firm's short name where it speaks, owns or deals: "Santos said", "Phoenix chairman
# Martin Ackerman", "the Santos stake", "Benetton acquired" (not "Tokyo stock prices", "the Paris
# meeting": a place's matters).
_SHORT_FORM_AFTER = re.compile(r"(?:'s)?\s+(?:said|says|added|reported|announced|chairman|president|shares|"
                               r"stake|group|unit|subsidiary|spokesman|spokeswoman|acquired|bought|sold|owns)\b")
# What follows a firm's name where the wire says its seat: "Maple Leaf Mills Ltd of Toronto".
_SEAT_AFTER = re.compile(r"\s+(Corporation|Corp|Company|Co|Incorporated|Inc|Limited|Ltd)"
                         r"\.?\s+of\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})")


# A list of names a plural noun follows: "the Missouri and Mississippi Rivers", "Sabah and Sarawak states".
_NAME = r"[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?"
_LIST_GAP = r",[ ]|,?[ ](?:and|or)[ ]"
_RIVERS = re.compile(rf"\b((?:{_NAME},[ ])*{_NAME},?[ ]and[ ]{_NAME})[ ][Rr]ivers\b")
_DIVISIONS = re.compile(rf"\b((?:{_NAME},[ ])*{_NAME},?[ ](?:and|or)[ ]{_NAME})[ ]"
                        r"(?:states|provinces|regions|prefectures)\b")  # (counties: counties_named)


def _listed_names(pattern: re.Pattern, text: str) -> list[list[str]]:
    """The names of each list the pattern finds, in order: [["Missouri", "Mississippi"], ...]."""
    return [re.split(_LIST_GAP, match[1]) for match in pattern.finditer(text)]


def _listed_divisions(text: str) -> list[str]:
    """The places of a list a plural "states", "provinces" ... follows, where two of its names at
    least are places the gazetteer knows: NER reads one ("Sabah") and misses the next ("Sarawak")."""
    out = []
    for names in _listed_names(_DIVISIONS, text):
        known = [place for name in names if (place := canonical_place(name))]
        if len(known) >= 2:
            out.extend(place for place in known if place not in out)
    return out


def _rivers_named_together(places: list[str], text: str) -> list[str]:
    """Name the rivers a plural "Rivers" follows as rivers: "barges on the Missouri and Mississippi
    Rivers" are on the Missouri River and the Mississippi River, not in the two states, unless the
    article names the state elsewhere."""
    lists = _listed_names(_RIVERS, text)
    rivers: dict[str, str] = {}
    for names in lists:
        for name in names:
            if (place := canonical_place(name)) in places:
                rivers[place] = name
    if not rivers:
        return places
    out = []
    for place in places:
        if place not in rivers:
            out.append(place)
            continue
        name = rivers[place]
        out.append(f"{name} River")
        if len(list(spots(text, name))) > sum(names.count(name) for names in lists):
            out.append(place)  # the state, named elsewhere too
    return out


def _with_its_seat(org: str, article: ArticleText) -> str:
    """Give a firm named by common words its legal form and place back: "Hospital Corp of America",
    "Aluminum Co of America", "Public Service Co of New Hampshire" (one of several Public Service
    Cos), as North American firms are named, and elsewhere a firm's generic word ("Petroleum Corp of
    Jamaica"). Without them the name is a phrase ("Hospital", "Petroleum") or stands for several
    firms; a firm with a name of its own is that name, and the place where it is ("Maple Leaf Mills
    Ltd of Toronto")."""
    if not all(article.is_english_word(word) and not word.isupper() for word in org.split()):
        return org
    seat = follows(article.text, org, _SEAT_AFTER, not_before=".")
    if seat is None or (place := canonical_place(seat[2])) is None or place != "North America" and (
            not is_country_or_state(place) or _country_of_town(place) not in ("United States", "Canada")
            and not (" " not in org and org.lower() in FIRM_LAST_WORDS)):
        return org  # "City Resources Ltd of Australia", "NEC Corp of Japan": the wire's way of saying
        # whose firm (but "Petroleum Corp of Jamaica": "Petroleum" alone is no name)
    return f"{org} {SHORT_FORMS[seat[1].lower()]} of {seat[2]}"


def _joined_places(name: str) -> list[str]:
    """The places a dash or slash joins, when every part is one ("U.S.-Canada", "U.S./Japan",
    "Minneapolis-St. Paul"); none otherwise ("Petro-Canada")."""
    parts = [canonical_place(part) for part in re.split(r"[-/]", name)] if re.search(r"[-/]", name) else []
    return parts if parts and all(parts) else []


def _in_longer_place(place: str, places: list[str]) -> bool:
    """Tell whether another known place of the article, or a town it names with its state, has the
    place's name in it ("Jersey": "New Jersey"; "China": "China Lake (California)"; not "Canada":
    "Petro-Canada", which NER took for a place)."""
    return any(other != place and occurs(other.split(" (")[0], place, not_before=".")
               and (canonical_place(other.split(" (")[0]) or " (" in other) for other in places)


def _cut_from_longer_town(place: str, places: list[str]) -> bool:
    """Tell whether a town named with its state or country is the end of another town of the article
    with the same state: NER cut the name ("Triangle Park (North Carolina)" of "Research Triangle
    Park (North Carolina)", "[Holland], Pa." of "New Holland, Pa."). Bare names are left to
    _in_longer_place ("Jersey" beside "New Jersey"; "Gulf" beside "Persian Gulf" is which_gulf's)."""
    return "(" in place and any(other.endswith(" " + place) for other in places)


def _country_of_town(place: str) -> str:
    """The country of a canonical place, or the place itself ("San Mateo (California)": the United States)."""
    town, _, state = place.partition(" (")
    name = state.rstrip(")") if state else town
    return "United States" if is_us_state(name) else country_of(name) or country_of(place) or place


def _longer_place(ent: Span) -> str | None:
    """Return the known place a place span is a cut piece of: a capitalised word before it
    ("Northern [Ireland]", "Papua New [Guinea]": "New Guinea" is Papua New Guinea) or a word and a
    hyphen or "and" ("Winston-[Salem]", "Turks and [Caicos Islands]"), a particle
    and a word after it ("[Mato Grosso] do Sul"), or a word after it or its adjective ("[South-east]
    Asia", "[South-East] Asian"); None when the span is the whole name."""
    doc = ent.doc
    short = canonical_place(ent.text)
    before = doc[ent.start - 1] if ent.start else None
    if before is not None and before.is_alpha and before.text[:1].isupper() \
            and (longer := canonical_place(f"{before.text} {ent.text}")) and longer != short:
        return longer
    text = doc_text(doc)
    lead = re.search(r"\b([A-Z][a-z]+)(-| and | of )$", text[max(0, ent.start_char - 20): ent.start_char])
    if lead and (longer := canonical_place(f"{lead[1]}{lead[2]}{ent.text}")) and longer != short:
        return longer  # "Winston-[Salem]", "Turks and [Caicos Islands]", "the Central Gulf of [Mexico]"
    after = doc[ent.end: ent.end + 2]
    if len(after) == 2 and after[0].lower_ in ("do", "da", "de", "del", "dos", "das") and after[1].text[:1].isupper() \
            and (longer := canonical_place(f"{ent.text} {after.text}")) and longer != short:
        return longer
    follower = after[0].text if len(after) else ""
    if follower.isupper():
        follower = follower.title()  # "[Kansas] CITY Carlots": a shouted headline's word softening left
    for word in ((follower, follower[:-1]) if re.fullmatch(r"[A-Z][a-z]+", follower) else ()):
        if (longer := canonical_place(f"{ent.text} {word}")) and longer != short:
            return longer  # "[South-east] Asia", "[South-East] Asian": Southeast Asia; "[Kansas] City"
    return None


def mentions_from_doc(doc: Doc, lexicon: Lexicon | None = None, *, headline_end: int | None = None,
                      nationalities_as_places: bool = True) -> Mentions:
    """Turn a Doc's entities into Mentions: cleaned names, aliases merged, places canonical.

    headline_end is where a Title Case headline ends, as prepare_text tells (None: guess from
    the text). With the lexicon, a one-word place in such a headline that is also an English word
    ("Sale" -> Salé, Morocco; "Split") is dropped unless it is a country, a US state or a
    continent, sea or world region ("Europe": the lexicon lists proper nouns too).
    """
    article = ArticleText(doc, lexicon, headline_end)
    people: list[str] = []
    orgs: list[str] = []
    places: list[str] = []
    dates: list[str] = []
    titled: set[str] = set()
    dateline = find_dateline(article.text)
    skip_from = skip_until = 0
    if dateline:
        skip_from, skip_until = dateline.start, dateline.end
        places.extend(dateline.places)
    country_at: list[tuple[int, str]] = []  # (offset, country) of the places and nationalities named
    ents = list(doc.ents)
    firms = find_firm_spans(article.text, {ent.end_char for ent in ents if ent.label_ == "PERSON"},
                            is_town=lambda word: (place := canonical_place(word)) is not None and not is_country_or_state(place)
                            or country_of_nationality(word) is not None,  # "Welsh, Carson, Anderson and Stowe"
                            is_name=lambda word: canonical_place(word) is None and not article.is_common_noun(word)
                            and country_of_nationality(word) is None and word.lower() not in MONTHS
                            and word.lower() not in DAYS and word.lower() not in STOP_WORDS
                            and word.lower() not in GEO_NOUNS and word.lower() not in WORLD_REGIONS
                            and not is_institution_word(word)
                            and word not in article.longer_names[1])  # "Reagan" of "Ronald Reagan"
    firms.extend(_partners_named_together(ents, article.text, firms, article.longer_names[1]))
    firms.extend((start, ent.end_char) for ent in ents if ent.label_ == "ORG"
                 and (start := generic_firm_start(article.text, ent.start_char, ent.end_char)) is not None
                 and start >= (article.headline_end or 0))  # "Tempo [Enterprises Inc]": the name NER left out
    legal = legal_form_spans(article.text, [(ent.start_char, ent.end_char) for ent in ents if ent.label_ == "ORG"],
                             firms, {ent.end_char for ent in ents if ent.label_ == "PERSON"}, article.headline_end or 0)
    firms.extend(legal)
    bracketed = [match.span(1) for match in BRACKETED_FIRM.finditer(article.text)]
    # One name each, commas and all ("Cleary, Gottlieb, Steen and Hamilton").
    orgs.extend(name for name in (clean_org(initials_name(part)) for start, end in firms
                                  for part in split_firms(article.text[start:end].replace(",", ""),
                                                          at_and=(start, end) not in legal)) if name)
    tables = find_tables(article.text)
    glued: set[int] = set()  # ents read with the ORG before them ("Banco do [Brasil]")
    ships: list[str] = []
    for index, ent in enumerate(ents):
        label = ent.label_
        if index in glued:
            continue
        if label in ("PERSON", "ORG") and ent.start and doc[ent.start - 1].text in ABBREVIATED_GIVEN_NAMES:
            ent = Span(doc, ent.start - 1, ent.end, label=label)  # "Chas. [P. Young Co]": NER left the first name out
        if label == "ORG" and (listed := _portfolios_listed(ent, article)):
            ent = doc.char_span(ent.start_char, listed, label="ORG", alignment_mode="expand") or ent
            glued.update(later for later in range(index + 1, len(ents)) if ents[later].start_char < listed)
            # "the [Federal Office of Industry, Trade and] [Labour]": NER cut the list of portfolios
        if label in PLACE_LABELS | {"PERSON", "NORP"} and index + 1 < len(ents) and ents[index + 1].label_ == "ORG" \
                and article.text[ent.end_char: ents[index + 1].start_char] == " und ":
            continue  # "[Kali] und [Salz]": German names alone join words by "und", read whole as the firm's
        if ent.start_char < skip_until and label in ("DATE", "GPE", "LOC", "ORG", "PERSON") and not (
                ent.start_char < skip_from and label in PLACE_LABELS and _is_headline_place(ent.text)):
            continue  # the dateline: its places are taken above, its date is the publication date;
            # a headline above it is Title Case, where NER sees names everywhere: only its countries,
            # states, regions and big cities are read ("Debentures in Europe")
        if tables and in_table(ent.start_char, ent.end_char, tables) and (
                label == "PERSON" or label == "ORG" and (len(ent) == 1 or ent.text.isupper())
                or label in PLACE_LABELS and canonical_place(clean_place(ent.text) or "-") is None):
            continue  # a table's abbreviations ("St Lo", "KC", "Cinci"): its places are read below
        if label in ("PERSON", "ORG", "GPE", "LOC") and any(
                start <= ent.start_char and ent.end_char <= end for start, end in firms):
            continue  # a piece of a firm's name (partnership, ticker), read whole above
        if label in ("PERSON", "ORG") and any(start <= ent.start_char and ent.end_char <= end + 1
                                              and ent.end_char - ent.start_char < end + 1 - start
                                              and " " in article.text[start:end] for start, end in bracketed):
            continue  # "<[Banco Portugues] de Investmento Sarl>", "<DHL [Worldwide Express>]": the wire's
            # firm, read whole below
        if label in ("PERSON", "ORG", "GPE", "LOC") and _is_ship(ent):
            ships.extend(filter(None, [clean_org(ent.text)]))
            continue  # "the aircraft carrier [Kitty Hawk]", "the tanker [Al Funtas]": a ship
        if label in ("PERSON", "GPE", "LOC") and _WELL_CODE.match(article.text, ent.end_char):
            continue  # "[Lufeng] 13-1-1", "[Tableland] 4-36-2": a well, named by its field and its code
        if label in ("PERSON", "ORG", "GPE") and len(ent) <= 2 and (opening := re.search(
                r"\b([A-Z][a-z]+) (?:do|da|dos|das|de|du|del|des|di|della|delle|dello|degli|dei) $",
                article.text[max(0, ent.start_char - 30): ent.start_char])) \
                and opening[1].lower() in FOREIGN_ORG_WORDS:
            # "the Jornal do [Brasil]" ("Brasil" PERSON), "Banca della [Svizzera Italiana]": NER left the
            # opening word untagged
            joined = clean_org(opening[0] + ent.text)
            orgs.extend(filter(None, [joined]))
            places.extend(places_in_org(joined or "", firm=True))
            continue
        if label in PLACE_LABELS and (tail := re.match(r"-[A-Z][\w.]*(?: [A-Z][\w.]*)?", article.text[ent.end_char:])):
            # "[Petro]-[Canada]'s", "[Petro]-Canada no longer": NER cut a hyphenated name at its
            # hyphen. Whole, it is a place, or places joined ("U.S.-Canada", "[Minneapolis]-St. Paul"),
            # or else a name of another kind: no place.
            end = ents[index + 1].end_char if index + 1 < len(ents) and ents[index + 1].label_ in PLACE_LABELS \
                and ents[index + 1].start_char == ent.end_char + 1 else ent.end_char + tail.end()
            glued.update(later for later in range(index + 1, len(ents)) if ents[later].start_char < end)
            whole = article.text[ent.start_char: end]
            places.extend([known] if (known := canonical_place(whole)) else _joined_places(whole))
            continue
        if label == "PERSON" and index + 1 < len(ents) and ents[index + 1].label_ in PLACE_LABELS | {"PERSON"} \
                and article.text[ent.end_char: ents[index + 1].start_char] == " " and not article.in_headline(ent) \
                and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", ents[index + 1].text) \
                and not is_major_place(canonical_place(ents[index + 1].text) or "-"):
            glued.add(index + 1)  # "[Jose Hugo] [Castelo Branco]": NER cut the name, took its end for a town
            ent = Span(doc, ent.start, ents[index + 1].end, label="PERSON")
        if label == "PERSON" and ent[-1].lower_ in NAME_PARTICLES and index + 1 < len(ents) and index + 1 not in glued \
                and ents[index + 1].label_ in PLACE_LABELS | {"PERSON"} and len(ents[index + 1]) == 1 \
                and article.text[ent.end_char: ents[index + 1].start_char] == " ":
            glued.add(index + 1)  # "[Miguel de la] [Madrid]": the name goes on after its particle, no town
            ent = Span(doc, ent.start, ents[index + 1].end, label="PERSON")
        if label == "PERSON" and ent.start and re.fullmatch(r"[A-Z]\.", doc[ent.start - 1].text) \
                and doc[ent.start - 1].whitespace_ and not (ent.start > 1 and doc[ent.start - 2].text[:1].isupper()):
            ent = Span(doc, ent.start - 1, ent.end, label="PERSON")  # "D. [Bryan Ferguson]": NER left the initial out
        if label == "PERSON" and _first_name_left_out(ent, article):
            ent = Span(doc, ent.start - 1, ent.end, label="PERSON")  # "Poul [Erik Moller]"
        if label == "PERSON" and ent.end < len(doc) and doc[ent.end].lower_ in LAND_NOUNS and doc[ent.end].is_lower \
                and (name := clean_place(ent.text)) and not article.in_headline(ent):
            places.append(canonical_place(name) or f"{name} {doc[ent.end].text.title()}")
            continue  # "the disputed [Aouzou] strip", "the [Reventador] volcano": NER's person is a place
        if label == "PERSON" or label == "ORG" and is_org_as_person(ent):
            kind, name = read_person(ent, article) or ("", "")
            if kind == "org" and (end := partners_end(ent)):
                glued.update(later for later in range(index + 1, len(ents)) if ents[later].end_char <= end)
            if kind == "place" and (longer := _longer_place(ent)):
                name = longer  # "[Mato Grosso] do Sul", which NER took for a person
            places.extend(places_in_person(ent))
            if kind == "place" and in_a_known_place(name) and is_unknown_site(name, article.text, ent.end_char):
                continue  # "the Kittiwake and [Osprey North Sea] oil fields" (NER's person): a site
            if kind == "person" and is_titled(ent):
                titled.add(name)  # "Lord Carrington"; "Environmental Affairs Minister John Wiley", no firm
            if kind == "person" and ent.end < len(doc) and doc[ent.end].lower_ in ("forces", "brigade", "division"):
                continue  # "the Mohammed al-Qassem forces": a unit named after someone
            if kind == "person" and ent.end < len(doc) and doc[ent.end].text == "stores" and len(ent) > 1 \
                    and not (ent.start and doc[ent.start - 1].lower_ in ("and", "&")):
                orgs.extend(filter(None, [clean_org(ent.text)]))
                continue  # "John Wanamaker stores": a chain named after its founder (not "Abraham and [Strauss]
                # stores": a partnership NER cut)
            if kind == "place" and _names_a_group(ent):
                continue  # "the Cartagena group" (NER's person)
            if kind == "person" and article.in_headline(ent) and article.has_body:
                continue  # Title Case makes NER see names everywhere; the body repeats the real ones
            {"person": people, "org": orgs, "place": places}.get(kind, []).append(name)
        elif label == "ORG":
            if (end := _body_goes_on(ent, ents[index + 1] if index + 1 < len(ents) else None, article.text)) \
                    and (longer := doc.char_span(ent.start_char, end, label="ORG", alignment_mode="expand")):
                ent = longer  # "[The Canadian Radio-Television] and Telecommunications Commission"
                glued.update(later for later in range(index + 1, len(ents)) if ents[later].start_char < end)
                # and the region the body is for, which NER tagged apart: "... for [Asia] and the [Pacific]"
            if ent.text.split()[-1] == "Group" and (nations := _GROUP_OF_NATIONS.match(article.text, ent.end_char)):
                # "the Louvre and [Washington Group] of Seven agreements", "[Group of Five and Group] of
                # Seven": NER cut the grouping of nations before its number
                before = re.sub(r"\s+(?:and|&)$", "", ent.text[: -len("Group")].strip())
                orgs.extend(filter(None, ["Group of " + nations[1],
                                          clean_org(before) if before.startswith("Group of ") else None]))
                continue
            if (start := _head_before_fuer(ent, article.text)) is not None \
                    and (longer := doc.char_span(start, ent.end_char, label="ORG", alignment_mode="expand")):
                ent = longer  # "Bank fuer [Gemeinwirtschaft]"
            if index + 1 < len(ents) and joins(ent, ents[index + 1]):
                continue  # read with the next span, as one firm
            if index + 1 < len(ents) and _opens_a_no_body(ent, ents[index + 1], article.text):
                continue  # "[The Stock Exchange of Singapore Dealing] and [Automated Quotation System]": one system
            if index + 1 < len(ents) and joins_by_particle(ent, ents[index + 1], article):
                glued.add(index + 1)
                joined = clean_org(article.text[ent.start_char: ents[index + 1].end_char])
                orgs.extend(filter(None, [joined]))
                places.extend(places_in_org(joined or "", firm=True))  # "Banque Generale du Luxembourg"
                continue
            if index + 1 < len(ents) and (joined := _named_by_town(ent, ents[index + 1])):
                glued.add(index + 1)
                orgs.append(joined)
                places.append(place_name(ents[index + 1].text) or ents[index + 1].text)
                continue
            if is_person_by_apposition(ent):
                people.append(clean_person(ent.text))  # "Rei Shiratori, a political science professor"
                continue
            if article.in_headline(ent) and article.has_body and " " in (heading := clean_org(ent.text) or "") \
                    and not (article.is_mostly_figures and heading.split()[-1].lower() in _SOURCE_HEADS) \
                    and heading.casefold() not in article.body_in_lower_case \
                    and not is_firm_by_what_follows(ent):
                places.extend(places_in_org(heading))
                continue  # "Citibank Launches Currency [Warrants]", "Lacklustre Frankfurt": a Title Case
                # headline's words; the body names its bodies again (a table's headline may name its
                # source: "Federal Reserve Weekly Report", "Canadian Wheat Board for April 7"; not
                # "London Eurodollar [Deposits]")
            if place := article.place_for_org(ent):
                places.append(place)  # "at the port of Geelong": NER took the town for a body
                continue
            if len(ent) >= 3 and ent[-1].is_title and ent[-2].lower_ in ORG_HEADS \
                    and any(" " in person and person.rsplit(" ", 1)[1] == ent[-1].text for person in people):
                people.append(ent[-1].text)  # "the [Securities and Exchange Commission Moller] said" after
                ent = Span(doc, ent.start, ent.end - 1, label="ORG")  # "Poul Erik Moller": the body, the man
            if "/" in ent.text and all(canonical_place(part) == part and len(part) > 3 for part in ent.text.split("/")) \
                    and not is_firm_by_what_follows(ent):
                places.extend(ent.text.split("/"))  # "Mississippi (Alton/Granite City, ...)": towns a slash
                continue  # joins, by their own names (not "San/Bar Corp <SBAR.O>", "Akron/Canton, Ohio")
            heading = clean_org(ent.text) or ""
            if article.is_table and ent.start_char < article.text.find("\n\n") and not is_firm_by_what_follows(ent) \
                    and " " in heading and heading.split()[-1].lower() not in ORG_HEADS:
                places.extend(places_in_org(heading))
                continue  # "Midwest Grain Futures 10:50 Edt" over a price table: its heading, no name
                # (not "Chicago Board of Trade", "Tokyo Stock Exchange": a table's market)
            orgs.extend(read_orgs(ent, ents[index - 1] if index else None, places, article))
        elif label in PLACE_LABELS:
            name = place_name(ent.text)
            if ent.text.endswith(".") and article.text[max(0, ent.start_char - 2): ent.start_char] == ", " \
                    and (state := dateline_region(ent.text)) and is_us_state(state):
                name = state  # "Vermillion Parish, La.": Louisiana, where the bare "La" would be Los Angeles
            if name and (city := city_of_state_initials(name, ent.text)) and not re.search(
                    r",[ ]?$|\b(?:District|State) of[ ]$", article.text[max(0, ent.start_char - 12): ent.start_char]):
                name = city  # "N.Y. COMEX Aluminum", "N.Y. Business Loans", "Mitsubishi Bank's Ny Branch": the
                # city's markets and banks; after a town ("Rochester, N.Y.") or in "the Southern District of
                # N.Y." the state
            if name and re.fullmatch(r"[A-Z]{3,6}", ent.text) and not is_country_or_state(name) \
                    and sum(other.text == ent.text for other in ents if other.label_ == "ORG") \
                    > sum(other.text == ent.text for other in ents if other.label_ in PLACE_LABELS):
                continue  # "Yield Falls on 30-Day SAMA Deposits": the story's SAMA (three times a body), no
                # Sanya; not a shouted table's TOLEDO, a place more often than not
            if name and " " in name and canonical_place(name) is None \
                    and ((people_word := name.rsplit(" ", 1)[1]) == "Arab" or country_of_nationality(people_word)) \
                    and ((rest := name.rsplit(" ", 1)[0]) == "Gulf" or canonical_place(rest)):
                name = canonical_place(rest) or "Persian Gulf"  # "[Gulf Arab] states": the Persian Gulf's
            if name and re.fullmatch(r"(\w+) Gulf", name) and country_of_nationality(name.split()[0]):
                name = "Gulf"  # "[Iranian Gulf] war thrusts", "the [Iranian Gulf] coast": the Gulf (which_gulf names it)
            if name and " " not in name and is_titled(ent) and not article.in_headline(ent):
                people.append(name)  # "Lord Carrington", "Mr Jordan": a person after a title
                titled.add(name)
                continue
            if index + 1 < len(ents) and ents[index + 1].label_ in ("GPE", "LOC", "ORG", "PERSON") \
                    and article.text[ent.end_char: ents[index + 1].start_char] in (" and ", " & ") \
                    and (joined := canonical_place(f"{ent.text} and {ents[index + 1].text}")):
                name = joined  # "[Trinidad] and [Tobago]": one country
                glued.add(index + 1)
            if re.match(r"(?:St\.?|Saint)\s", ent.text) and ent.end < len(doc) and doc[ent.end].text in ("'s", "’s"):
                name = place_name(ent.text + "'s")  # "St. John's": the name, not a possessive
            if ent.end < len(doc) and doc[ent.end].is_lower and doc[ent.end].is_alpha \
                    and (longer := canonical_place(f"{ent.text} {doc[ent.end].text}")):
                name = longer  # "Kuala lumpur rubber": a lower-cased headline cut the name
            if name and (longer := _longer_place(ent)):
                name = longer  # "Northern [Ireland]", "Papua New [Guinea]", "[Mato Grosso] do Sul": NER cut the name
            elif name and ent.end < len(doc) and doc[ent.end].lower_ == "basin" and ent.text[:1].isupper():
                name = f"{ent.text.title()} Basin"  # "in the [Paris] basin of France": the basin, not the city
            if ent.end < len(doc) and doc[ent.end].lower_ in ("round", "rounds") or _names_a_group(ent):
                continue  # "the Uruguay round" (of trade talks): an event; "the Cartagena group" of debtors
                # (a body named after the town where it met)
            after = doc[ent.end] if ent.end < len(doc) else None
            small = not is_major_place(canonical_place(name or "-") or "-")
            if name and small and after is not None and after.lower_ in _UNIT_NOUNS and ent.start \
                    and doc[ent.start - 1].lower_ in ("its", "their", "the"):
                orgs.extend(filter(None, [clean_org(name)]))
                continue  # "its Kaysersberg subsidiary": a firm named after its town
            if after is not None and (after.lower_ in CRUDE_GRADES
                                      or after.lower_ in ("crude", "crudes") and not is_country_or_state(
                                          known := canonical_place(name or "-") or "-") and not is_region(known)
                                      or small and after.ent_type_ == "PERSON" and after.ent_iob_ == "B"
                                      and (after.i + 1 == len(doc) or doc[after.i + 1].ent_iob_ != "I")
                                      or small and after.text.lower() in FIRM_LAST_WORDS and after.text[:1].isupper()):
                continue  # "Suez blend", "Maya crude", "Dubai crude" (crudes; a region stays: "North Sea
                # crude"), "Salvador [Allende]", "Golden Gate Futures" (a firm)
            if name and (is_unknown_site(name, article.text, ent.end_char)
                         or is_product(name, article.text, ent.end_char)):
                continue  # "the Peach Bottom nuclear power plant": a site; "a Delta rocket": a product
            if name and name.split()[-1].lower() in CRUDE_GRADES:
                continue  # "West Texas Intermediate", "West Texas Sour": grades of crude oil
            if name and " " in name and name.split()[-1].lower() in NOT_ORG_LAST_WORDS:
                places.extend(places_in_org(name))
                continue  # "Uruguay Round" (of trade talks): Uruguay
            if name and (country := country_of(name)):
                country_at.append((ent.start_char, country))
            word = ent.text.strip().lower()
            if name and article.in_headline(ent) and " " not in word and " " not in name \
                    and lexicon.is_common_word(word) and not is_country_or_state(name) and not is_region(name):
                continue  # "2-for-1 Split": a word
            if _POSSESSIVE_FIRM.match(article.text, ent.end_char) \
                    and not is_major_place(canonical_place(name or "-") or "-"):
                continue  # "Hudson's Bay Co": a firm named in the possessive (not "Japan's Marubeni Corp")
            if name and article.names_someone_else(ent, canonical_place(name) or name):
                continue  # "Jordan" after "Jerry Jordan"; "Delhi said" of "Delhi Petroleum Pty Ltd"
            if name and not is_major_place(canonical_place(name) or "-") and is_firm_by_what_follows(ent) \
                    or name and canonical_place(name) is None and " of " in name \
                    and name.split(" of ")[0].split()[-1].lower() in ORG_HEADS \
                    or name and canonical_place(name) is None and (
                        in_firm_list(ent) or re.search(r"[ -]", name)  # "Rabo-bank"
                        and re.split(r"[ -]", name)[-1].lower() in ORG_HEADS | NAME_HEADS | {"nations"}
                        or any(word.lower() in FOREIGN_ORG_WORDS for word in name.split())
                        or len(name.split()) > 2 and name.split()[-1].lower() in FIRM_LAST_WORDS):
                # ("San Juan Basin Royalty Trust": a firm's last word ends a "place" of three words)
                orgs.extend(filter(None, [clean_org(name)]))  # "newspapers, Cumhuriyet and Milliyet"
            elif name and name != canonical_place(name) and (joined := _joined_places(name)):  # not "Winston-Salem"
                places.extend(joined)  # "U.S.-Canada", "U.S./Japan"
            elif name and (known := place_and_words(name, article)):
                places.append(known)  # "Kansas City Truck [Prices]": a headline's word run onto the town
            elif name and not is_unknown_junk(name, article):
                places.append(with_state(name, ent, article.text))
        elif label == "FAC":
            if (name := clean_place(ent.text)) and name.split()[-1] in ("Island", "Islands", "Isle") \
                    and 1 < len(name.split()) <= 3 and all(word[:1].isupper() for word in name.split()):
                places.append(canonical_place(name) or name)  # "a water utility in [Grand Canary Island]"
                continue
            if (name := clean_place(ent.text)) and " " in name and (known := canonical_place(name)) and is_landmark(known):
                places.append(known)  # "to bring [Gulf of Mexico] productions onstream": the gulf, not Mexico
                continue
            places.extend(places_in_org(normalize_space(ent.text)))  # "the U.S. Market": the U.S.
        elif label == "NORP":
            if country := country_of_nationality(normalize_space(ent.text)):
                country_at.append((ent.start_char, country))
                if nationalities_as_places:
                    places.append(country)
            elif (town := canonical_place(word := normalize_space(ent.text))) == word and not article.in_headline(ent) \
                    and (_is_where(article.text, ent.start_char)
                         or is_major_place(town) and not is_country_or_state(town)):
                places.append(town)  # "shops in [Punjab]", "services between [Mombasa] and ...": a place NER took
                # for a people, after "in" or a big town (by its own name: not "Sale" of a headline, which is
                # Salé only in geonames)
        elif label == "DATE" and "\n\n" not in ent.text:
            dates.append(normalize_space(ent.text))
    places.extend(table_places(article.text, tables, article.is_common_noun))
    places.extend(slashed_places(article.text, article.is_english_word))
    places.extend(hyphened_places(article.text))
    places.extend(firm_homes(article.text))
    places.extend(party_states(article.text))
    places.extend(towns_with_states(article.text))
    listed = listed_towns_with_state(article.text)
    places.extend(listed)
    places.extend(item_datelines(article.text))
    places.extend(places_after_where(article.text, [(ent.start_char, ent.end_char) for ent in ents],
                                     article.headline_end or 0))
    found = find_titled_names(article)  # each after its title
    people.extend(found)
    titled.update(name for name in found if " " not in name)
    if article.headline_end:
        places.extend(find_headline_countries(article.text, article.headline_end))
    known = {org.casefold() for org in orgs}
    orgs.extend(firm for firm in find_listed_firms(article.text) + _firms_after_nouns(article)
                + lower_case_institutions(article.text) + lower_case_exchanges(article.text)
                if firm.casefold() not in known)
    # NER reads some surnames as places ("Petriccioli"): one unknown word that ends a person's name.
    unknown = [place for place in places if " " not in place and canonical_place(place) is None]
    # A "person" a legal form or ticker follows somewhere ("Norsk Hydro A/S <NHY.O>") is that firm.
    firms_named = [person for person in people if person not in orgs and " " in person
                   and follows(article.text, person, FIRM_AFTER_AT, not_before=None)]
    orgs.extend(firms_named)
    listed_names = {town.split(" (")[0] for town in listed}  # "..., Benton and Penn Yan, N.Y.": towns
    people = [person for person in people if not _names_a_firm(person, orgs) and person not in listed_names]
    named = set(orgs)  # an unknown "place" the article names as a body too is that body ("<Inkey SA>")
    # A one-word body the article writes with a legal form or ticker is a firm, even where people of its
    # name are in the story ("Noland Co said ... Lloyd U. Noland Jr", "Derose <DRI> Chairman").
    people, orgs = merge_people(people, orgs + unknown, firms={
        org for org in orgs if " " not in org and follows(article.text, org, FIRM_AFTER_AT, not_before=".")})
    places = [place for place in places if place not in unknown or place in orgs and place not in named]
    unknown = [place for place in unknown if place not in named]
    # The dateline's town named with its state stands for the bare name in the body too.
    towns = bare_towns((dateline.places[:1] if dateline else []) + places)
    places = [place for place in places if place not in towns]
    places = [town_of_named_state(place, places, article.text) for place in places]  # "Hollywood ... Florida"
    # "Suffolk county", "Kennebec, Oxford and Somerset counties": US counties, not the towns or English
    # counties of their bare names; a county with the one state of the story that has it.
    counties, in_counties = counties_named(article.text, places)
    places = [county_name(place, places) if place.endswith((" County", " Parish")) else place for place in places
              if place not in in_counties]
    places.extend(county for county in counties if county not in places)
    people, orgs = ([name for name in names if name not in in_counties] for names in (people, orgs))  # "Penobscot"
    # "Capel's Murtha" beside "James Capel": the firm's short name, not the town.
    # A town the wire gives a ticker ("Reading <RDGC> to Sell ...") is that firm all through its story.
    firm_words = {place for place in places if is_firm_word(place, orgs) or is_firm_by_ticker(place, article.text)} \
        - set(dateline.places if dateline else [])
    places = [place for place in places if place not in firm_words
              and (not is_firms_spelling(place, orgs, article.text) or dateline and place in dateline.places)]
    # A town the story writes as a grade of crude ("Brent crude", "Bonny Light") is the grade all
    # through it ("April Brent traded"), unless the story also says that something happened there.
    places = [place for place in places if not _is_grade_place(place, article.text)
              or dateline and place in dateline.places]
    # A place (no country) that the story names only inside its firms' names, or as their short name,
    # is the firm's word, not where the story is: "Jersey Capital Markets Group Inc" and "BP North
    # America Inc" in a US story, "Cincinnati Bell Inc" in a New York one, "Santos Ltd ... Santos said";
    # not the dateline's town, "Texas Air Corp" in Houston (a state of the dateline's country),
    # "Canada Packers" in Toronto, "Gillette Canada" or "Bank of Tokyo" in London: a country (unless a
    # longer place has its name: "Jersey" beside "New Jersey"), and a town after "of", say where the
    # firm is.
    home = _country_of_town(dateline.places[0]) if dateline else None
    places = [place for place in places if is_country(place) and not _in_longer_place(place, places)
              or dateline and place in dateline.places
              or is_country_or_state(place) and _country_of_town(place) == home
              or not _only_inside_longer_names(place, orgs, places, article)]
    # Parties the wire names by their members or in lower case ("the ruling Conservatives"), and a
    # bare "Labour" by the party's name: the country qualifies them as any bare institution.
    # A bare party word in a story about no party is a piece of a longer name ("Industry, Trade and
    # Labour") or of a common phrase ("Labour leaders said", unions'): left out.
    political = is_political(article.text)
    orgs = [party_of(org) if political else org for org in orgs if political or party_of(org) == org]
    orgs += [party for party in party_names(article.text) if party not in orgs]
    orgs = _qualify_institutions([org for org in orgs if org not in unknown], places,
                                 dateline.places if dateline else [], article.text, country_at)
    orgs = sorted({country_form(org, _country_named) for org in orgs})  # "U.K. Government": the British Government
    orgs = [*orgs, *sorted(firm_words - set(orgs))]
    no_bodies = {org for org in orgs
                 if _stands_for_no_body(org, article.text) or _written_in_the_plural(org, article.text)}
    orgs = [org for org in orgs if org not in no_bodies]
    # and the acronyms in brackets it spells out as no body, which NER may have tagged as anything
    no_bodies.update(acronym for acronym in {match[1] or match[2] for match in re.finditer(
                         r"\(([A-Z]{2,6})\)|,[ ](?:or[ ])?([A-Z]{2,6}),", article.text)}  # "(VAT)", ", or PIK,"
                     if _stands_for_no_body(acronym, article.text))
    orgs = merge_into_firms(orgs, article.text)  # "First National" beside "First National Entertainment Corp"
    orgs = _exchanges_of_the_dateline(orgs, dateline.places if dateline else [])  # "the Bourse" of a Paris story
    orgs = [_with_its_seat(org, article) for org in orgs]  # "Hospital Corp of America"
    # A one-word "place" that the article also names after a title is that person ("Lord Carrington").
    places = [place for place in places if place not in titled or is_country_or_state(place)]
    # An unknown "place" of several words that the article also names as a firm is that firm:
    # "Georgia Gulf" beside "<Georgia Gulf Corp>".
    places = [place for place in places if " " not in place or place not in orgs or canonical_place(place)]
    # "Triangle Park (North Carolina)" beside "Research Triangle Park (North Carolina)": NER cut the
    # name; a grouping of nations is no place.
    places = [place for place in places if not _cut_from_longer_town(place, places) and place not in GROUPINGS]
    places = which_gulf(places, {country for _, country in country_at})
    places = _rivers_named_together(places, article.text)  # "the Missouri and Mississippi Rivers"
    places += [place for place in _listed_divisions(article.text) if place not in places]  # "Sabah and Sarawak states"
    places = states_meant(places, article.text, dateline.places if dateline else ())  # "upstate New York"
    places = sorted(set(with_their_countries(with_us_regions(places, article.text,
                                                             {country for _, country in country_at}))))
    products = _products(article.text, [*people, *places, *orgs])
    people, places, orgs = ([name for name in names if name not in products] for names in (people, places, orgs))
    # A place the article names as a rocket or an aircraft somewhere is that product all through it: "an
    # unmanned Delta rocket ... The Delta was the first of six rockets" (in this article only: Delta Air Lines
    # is "Delta" elsewhere, so no Mentions.things).
    places = [place for place in places if " (" in place or not any(
        is_product(place, article.text, start + len(place))
        for start in spots(article.text, place, not_before="-", not_after="-"))]
    # A lone word that opens one of the article's firms' hyphenated names is that firm ("Owens" beside
    # "Owens-Illinois", NER's person): the surfaces count it as a spelling of the firm.
    people = [person for person in people if " " in person or not any(org.startswith(person + "-") for org in orgs)]
    things = tuple(sorted(products | set(ships) | no_bodies))
    surfaces = count_surfaces(doc, people, places, orgs, lexicon)
    return Mentions(tuple(people), tuple(places), tuple(orgs), tuple(sorted(set(dates))),
                    surfaces, tuple(sorted(titled & set(people))),
                    lower_case_phrases(doc.text), defined_acronyms(article.text, orgs), things,
                    untagged_names(doc, article.headline_end or 0), acting_names(article.text, surfaces))
