"""Canonical organisation names: corporate suffixes, acronyms and clippings, wire agencies.

One organisation has many names in news: "Exxon Corp", "EXXON CORP", "Exxon Corporation",
"Exxon"; "European Community" and "EC"; "Federal Reserve" and "Fed". Facet counts only add up when
every article gives the same string, so the rules here are about choosing one.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from searchapp.articles import Entities
from searchapp.entities.places import canonical_place

# Legal-form suffixes, dropped from the canonical name: the common name ("Exxon") is what the
# body says after the first mention, what readers type, and the same whichever legal form
# ("Corp", "Corporation", "Co Inc") one story spells out. Compared lower-cased, dots removed.
LEGAL_SUFFIXES = frozenset({
    "corp", "corporation", "inc", "incorporated", "co", "cos", "company", "ltd", "limited", "plc",
    "llc", "lp", "ag", "sa", "nv", "bv", "spa", "ab", "asa", "oy", "oyj", "gmbh", "kk", "bhd",
    "pty", "pte", "sarl", "cie", "na",  # "Citibank N.A." (national association)
    "nt",  # "Bank of America NT and SA" (national trust and savings association)
})
# A legal form as the wire writes it, for the patterns that look for one after a name ("Sterling Drug
# Inc", "Norsk Hydro A/S", "Hudson's Bay Co"): the capitalised forms of LEGAL_SUFFIXES and "A/S".
LEGAL_FORM = (r"(?:Inc|Incorporated|Corp|Corporation|Co|Company|Cos|Ltd|Limited|Plc|PLC|LLC|LP|AG|SA|NV|N\.V|BV|"
              r"SpA|AB|ASA|Oyj?|GmbH|KK|Bhd|Berhad|Pty|Pte|SARL|Cie|A/S)")
# What follows a firm's name somewhere in a story: its legal form or its ticker ("Norsk Hydro A/S",
# "Hamilton Oil <HAML>", "Sterling Drug Inc"; not "and Co": "Ivan F. Boesky and Co" is his firm).
FIRM_AFTER = r",?\s+(?:<[A-Z0-9.]{1,8}>|(?:" + LEGAL_FORM + r"|Group|Holdings?)(?![\w/]))"
FIRM_AFTER_AT = re.compile(FIRM_AFTER)  # matched right after a name (spots.follows)
# Words an acronym does not take a letter from: "Organization of Petroleum Exporting Countries".
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "de", "du", "des", "la", "le", "&"})
# Wire agencies. Named in a credit line, a dateline or "told Reuters", an agency is where the
# story came from (Article.sources), not what it is about; see mentions._read_org.
AGENCIES = {"AP": "Associated Press", "AFP": "Agence France-Presse",
            "UPI": "United Press International", "DPA": "Deutsche Presse-Agentur"}
AGENCY_NAMES = frozenset({"reuters", "reuter", "associated press", "ap", "agence france-presse",
                          "agence france presse", "afp", "united press international", "upi",
                          "deutsche presse-agentur", "dpa", "tass", "xinhua", "kyodo", "ansa",
                          "efe", "jiji", "yonhap", "bernama", "antara", "interfax", "pti"})
# How many times more articles the leading long form of a short one needs than the runner-up
# before the short form is mapped to it across a corpus: "GM" is General Motors (57 articles)
# and not Grand Metropolitan (6); "Baker" is James Baker (115) rather than Howard Baker (12).
DOMINANCE = 4
# Articles a one-word clipping needs before it is mapped across a corpus ("Fed"): one-off
# words that start a longer name ("Block", "Westin") are not clippings of it.
MIN_CLIPPING_ARTICLES = 5


# Words that describe what a public corporation does, which leave nothing distinctive without
# the "Corp": "Federal Deposit Insurance Corp", "Commodity Credit Corp" keep it.
_FUNCTION_WORDS = frozenset({"federal", "deposit", "insurance", "credit", "commodity", "guaranty", "investment",
                             "benefit", "pension", "mortgage", "housing", "loan", "export", "import",
                             "resolution", "private", "overseas", "trust", "savings", "and", "of",
                             "international", "finance"})  # "International Finance Corp" (the World Bank's)


# The short spelling of a legal form a name keeps: one value for "Corporation" and "Corp".
SHORT_FORMS = {"corporation": "Corp", "corp": "Corp", "incorporated": "Inc", "inc": "Inc", "company": "Co",
                "co": "Co", "limited": "Ltd", "ltd": "Ltd"}


def drop_legal_form(name: str) -> str:
    """Drop the legal-form words at the end of a name, whatever remains: "Mobil Corp" -> "Mobil",
    "Goldman Sachs and Co" -> "Goldman Sachs", "Morgan Grenfell and Co (Pte) Ltd" -> "Morgan Grenfell",
    "Cheung Kong (Holdings) Ltd" -> "Cheung Kong" (strip_legal_suffix decides whether to)."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().replace(".", "").strip("()") in LEGAL_SUFFIXES:
        words.pop()
        if len(words) > 1 and words[-1].lower() in ("and", "&", "en", "et", "und"):
            words.pop()  # "Goldman Sachs and Co", "Lazard Freres et Cie", "Van Haften en Co"
        words[-1] = words[-1].rstrip(",")
        if len(words) > 2 and (bracketed := re.fullmatch(r"\(([A-Z][\w.]*)\)", words[-1])) \
                and canonical_place(bracketed[1]) is None:
            words.pop()  # "Cheung Kong (Holdings) Ltd"; not "Bache Securities (Japan)", a firm of its own
    return " ".join(words)


def strip_legal_suffix(name: str) -> str:
    """Drop legal-form suffixes: "Exxon Corp" -> "Exxon", "Merrill Lynch and Co Inc" -> "Merrill Lynch".

    The name is kept whole when nothing distinctive would remain ("Co Inc", "The Limited",
    "Federal Deposit Insurance Corp").
    """
    short = drop_legal_form(name)
    words = short.split()
    if len(words) == len(name.split()) or words[-1].lower() in _ACRONYM_SKIP \
            or words[-1].lower().replace(".", "") in LEGAL_SUFFIXES \
            or sum(c.isalpha() for c in short) < 2 or canonical_place(short) is not None:
        return name  # "Co Inc", "The Limited", "Texas Co": the suffix is all that tells it apart
    if re.fullmatch(r"[A-Z][a-z]+[ ](?:[A-Z]\.[ ]?)+[A-Z][a-z]+", short):
        # "Ivan F. Boesky and Co": without its "Co", the firm would read as the man
        kept = re.match(r".*?[ ](?:and|&)[ ]Co\b\.?", name)
        return kept[0].rstrip(".") if kept else name
    if len(words) > 1 and all(word.lower() in _FUNCTION_WORDS for word in words):
        # "Federal Deposit Insurance Corporation" and "... Corp" are one name
        return " ".join([short, *(SHORT_FORMS.get(w.lower().strip(".,"), w) for w in name.split()[len(words):])])
    return short


def is_agency(name: str) -> bool:
    """Tell whether an organisation name is a news agency's: "Reuters", "AFP", "Associated Press"."""
    return name.lower() in AGENCY_NAMES


# An agency named in a story ("told Reuters", "the AP reported") is one of its organisations,
# under its full name; its credit lines are Article.sources, which NER never sees.
_AGENCY_FULL = {**AGENCIES, "Reuter": "Reuters", "REUTERS": "Reuters", "REUTER": "Reuters"}


def agency_name(name: str) -> str:
    """Return an agency's full name ("AFP" -> "Agence France-Presse"), other names as they are."""
    return _AGENCY_FULL.get(name, name)


# Words of an institution's bare name, which every country has: "Finance Ministry", "Treasury",
# "Central Bank", "House", "Reserve Bank", "Navy", "District Court", "Statistics Bureau", and its
# parties ("Labour", "Communist Party"). Such a name says which institution only with its country.
_INSTITUTION_WORDS = frozenset("""
finance trade foreign economy economic economics agriculture agricultural energy interior home
justice commerce labor labour industry industries defence defense health transport transportation
treasury central bank ministry ministries department office parliament parliamentary senate house
lower upper congress cabinet government national assembly council supreme court customs
statistics statistical budget planning petroleum oil mines mining fisheries environment education
international affairs monetary federal state of and the for public works development
reserve navy army district bureau party conservative liberal socialist communist air force high
telecommunications posts information tourism culture science technology social welfare employment
forestry aviation food irrigation water shipping marine power railways representatives deputies
animal husbandry livestock
commons lords councillors chamber institute superior circuit
democratic christian republican green
""".split())
# Words of the bare names of the boards, banks, guards and courts every country has ("Coffee Board",
# "Export-Import Bank", "Coast Guard", "Appellate Court"), which are no portfolio's words
# (is_institution_word: "Sugar and [Cocoa Exchange]" is no "[Energy] and [Mines Ministry]").
_KIND_WORDS = _INSTITUTION_WORDS | frozenset("""
appellate coast guard export-import board coffee cocoa tea sugar wheat grain cotton rubber wool meat
dairy tobacco marketing
""".split())  # not words that name banks ("Construction Bank", "Land Bank", "Housing Bank")
_INSTITUTION_HEADS = frozenset({"treasury", "ministry", "department", "bank", "parliament", "senate",
                                "house", "congress", "cabinet", "government", "assembly", "council",
                                "court", "office", "customs", "navy", "army", "force", "bureau", "party",
                                "labour", "conservative", "liberal", "socialist", "communist", "chamber",
                                "institute", "guard", "board"})
INSTITUTION_HEADS = _INSTITUTION_HEADS  # the words that say a name is a body's (acting.names_a_body)
# How a country qualifies its institutions: "U.S. Treasury", "Japanese Finance Ministry"; other
# countries by their name ("Netherlands Finance Ministry").
_COUNTRY_ADJECTIVES = {
    "United States": "U.S.", "United Kingdom": "British", "Japan": "Japanese", "China": "Chinese",
    "West Germany": "West German", "East Germany": "East German", "Germany": "German",
    "France": "French", "Italy": "Italian", "Spain": "Spanish", "Canada": "Canadian",
    "Australia": "Australian", "Brazil": "Brazilian", "Mexico": "Mexican", "Argentina": "Argentine",
    "Soviet Union": "Soviet", "India": "Indian", "Indonesia": "Indonesian", "Malaysia": "Malaysian",
    "Philippines": "Philippine", "Thailand": "Thai", "South Korea": "South Korean",
    "Taiwan": "Taiwan", "Switzerland": "Swiss", "Sweden": "Swedish", "Norway": "Norwegian",
    "Denmark": "Danish", "Finland": "Finnish", "Belgium": "Belgian", "Austria": "Austrian",
    "Portugal": "Portuguese", "Greece": "Greek", "Turkey": "Turkish", "Egypt": "Egyptian",
    "Saudi Arabia": "Saudi", "Iran": "Iranian", "Iraq": "Iraqi", "Kuwait": "Kuwaiti",
    "Israel": "Israeli", "Pakistan": "Pakistani", "Nigeria": "Nigerian", "Kenya": "Kenyan",
    "Russia": "Russian", "Ukraine": "Ukrainian", "Czechoslovakia": "Czechoslovak",
    "Vietnam": "Vietnamese", "Cuba": "Cuban", "Singapore": "Singapore", "Hong Kong": "Hong Kong",
    "South Africa": "South African", "New Zealand": "New Zealand", "Ireland": "Irish",
    "Venezuela": "Venezuelan", "Colombia": "Colombian", "Chile": "Chilean", "Peru": "Peruvian",
    "Ecuador": "Ecuadorean", "Poland": "Polish", "Hungary": "Hungarian", "Yugoslavia": "Yugoslav",
    "Netherlands": "Dutch", "Luxembourg": "Luxembourg", "Bangladesh": "Bangladeshi", "Sri Lanka": "Sri Lankan",
    "Jordan": "Jordanian", "Syria": "Syrian", "Lebanon": "Lebanese", "Libya": "Libyan", "Algeria": "Algerian",
    "Morocco": "Moroccan", "Tunisia": "Tunisian", "Ghana": "Ghanaian", "Zimbabwe": "Zimbabwean",
    "Zambia": "Zambian", "Bolivia": "Bolivian", "Uruguay": "Uruguayan", "Paraguay": "Paraguayan",
    "Costa Rica": "Costa Rican", "Panama": "Panamanian", "Nicaragua": "Nicaraguan", "Honduras": "Honduran",
    "Guatemala": "Guatemalan", "Romania": "Romanian", "Bulgaria": "Bulgarian", "Qatar": "Qatari",
    "Bahrain": "Bahraini", "Oman": "Omani", "Iceland": "Icelandic",
    "Cyprus": "Cypriot", "Jamaica": "Jamaican", "Dominican Republic": "Dominican",
}


def is_institution_word(word: str) -> bool:
    """Tell whether a word names a government's portfolio or body: "Trade", "Labour", "Ministry"."""
    return word.lower().strip(".,") in _INSTITUTION_WORDS


def is_bare_institution(name: str) -> bool:
    """Tell whether an organisation's name is one every country has: "Finance Ministry", "Treasury"."""
    words = [word.lower().strip(".,") for word in name.split()]
    if "federal reserve" in " ".join(words) \
            or words[:1] == ["international"] and not {"ministry", "department"} & set(words):
        return False  # the Federal Reserve is one institution; "Reserve Bank" is many countries'
        # ("International Court of Justice" is one body of all of them; a country's "International
        # Trade and Industry Ministry" is its own)
    if "institute" in words and words[-1] != "institute":
        return False  # "Institute for International Economics": a name; "Statistics Institute" is a kind
    if "board" in words and words[-1] != "board":
        return False  # "Board of Trade" is Chicago's (the wire's short form); "Coffee Board" is a kind
    return all(word in _KIND_WORDS for word in words) \
        and any(word in _INSTITUTION_HEADS for word in words)


# Bare heads a country has one of ("the Treasury", "the House"); "Ministry", "Court", "Office"
# alone, or a "District Court", are one of many in any country.
_ONE_PER_COUNTRY = frozenset({"treasury", "parliament", "senate", "house", "congress", "cabinet",
                              "government", "navy", "army", "customs",
                              # its parties: "Labour" is British Labour in a London story
                              "labour", "conservative", "liberal", "socialist", "communist"})


def is_one_of_many(name: str) -> bool:
    """Tell whether a bare institution stands for different bodies of one country: "Ministry",
    "Court", "District Court", "Office" (qualified with a country they would still be many)."""
    words = [word.lower().strip(".,") for word in name.split()]
    return len(words) == 1 and words[0] not in _ONE_PER_COUNTRY \
        or words[-1] == "court" and not {"supreme", "high"} & set(words) and len(words) <= 2


def qualify_institution(name: str, country: str) -> str:
    """Name a bare institution with its country: ("Finance Ministry", "Japan") -> "Japanese Finance Ministry"."""
    return f"{_COUNTRY_ADJECTIVES.get(country, country)} {name}"


# The heads of a country's government bodies, whose name the country's word only qualifies: "U.K.
# Government" is the "British Government" of another story. Not a bank or a board of any other
# name ("American National Bank" is a Chicago bank, no "U.S. National Bank").
_STATE_HEADS = frozenset({"treasury", "ministry", "department", "parliament", "senate", "house", "congress",
                          "cabinet", "government", "navy", "army", "force", "customs", "party", "guard"})


def country_form(name: str, country_of_lead: Callable[[str], str | None]) -> str:
    """Write a country's government body the one way qualify_institution writes it, whatever word
    the story used for the country: "U.K. Government" -> "British Government", "Japan Finance
    Ministry" -> "Japanese Finance Ministry", "United States Navy" -> "U.S. Navy", "Kuwait Central
    Bank" -> "Kuwaiti Central Bank"; one body, one facet value. country_of_lead gives the country
    a leading word names ("U.K.", "Japanese"), else None. Other names as given."""
    words = name.split()
    for size in (1, 2, 3):
        lead, rest = " ".join(words[:size]), " ".join(words[size:])
        if rest and (country := country_of_lead(lead)):
            last = rest.split()[-1].lower()
            if is_bare_institution(rest) and (last in _STATE_HEADS or rest.lower() in ("central bank", "reserve bank")):
                return qualify_institution(rest, country)
            return name
    return name


def _significant_words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-/]+", name) if w and w.lower() not in _ACRONYM_SKIP]


def abbreviates(short: str, long: str, strict: bool = False) -> bool:
    """Tell whether short is an acronym or clipping of long, letter for letter.

    An acronym takes the first letter of each word of long: "EC"/"European Community",
    "GATT"/"General Agreement on Tariffs and Trade"; strictly, not "EC"/"EC Commission", and a
    last "C" may stand for a stripped "Corp" ("FDIC"). Unless strict, each word may give a longer
    leading piece ("Amex"/"American Express"), and a clipping of 3+ letters, not all capitals,
    may be the start of the first word alone ("Fed"/"Federal Reserve").
    """
    words = [w.lower().strip(".") for w in _significant_words(long)]
    letters = short.lower().replace(".", "")
    if len(words) < 2 or len(letters) < 2 or not letters.isalpha() or " " in short:
        return False
    if strict:  # "FDIC": the C of the "Corp" that strip_legal_suffix took off
        initials = "".join(w[:1] for w in words)
        return short.isupper() and letters in (initials, initials + "c") and short not in long.split()
    if not short.isupper() and len(letters) >= 3 and words[0].startswith(letters) \
            and words[0] != letters:
        return True

    def match(i: int, j: int) -> bool:  # letters[i:] from words[j:], each word giving 1+ letters
        if j == len(words):  # a last "C" of capitals may stand for a stripped "Corp": "CBC"
            return i == len(letters) or i >= 2 and short.isupper() and letters[i:] == "c"
        if i == len(letters) or not words[j] or letters[i] != words[j][0]:
            return False
        return any(match(i + n, j + 1) for n in range(1, len(words[j]) + 1)
                   if letters[i:i + n] == words[j][:n])
    return match(0, 0)


def merge_orgs(orgs: Iterable[str]) -> list[str]:
    """Map each short form to the one long form of the article it abbreviates; return sorted names.

    ["EC", "European Community", "Fed", "Federal Reserve"] -> ["European Community", "Federal Reserve"];
    an agency's initials become its name ("AFP" -> "Agence France-Presse"). A short form with two
    possible long forms in the article ("Fed": Federal Reserve, Federal Express) stays as it is. A
    name cut before "of" and its place is the name the article gives whole ("Industrial Bank" ->
    "Industrial Bank of Japan").
    """
    orgs = sorted(set(orgs))
    long_forms = [org for org in orgs if len(_significant_words(org)) > 1]
    merged = []
    for org in orgs:
        owners = [long for long in long_forms if abbreviates(org, long)] if " " not in org else [
            long for long in long_forms if long.startswith(org + " of ")
            and canonical_place(long[len(org) + 4:]) is not None]  # "Industrial Bank" of "Industrial Bank of Japan"
        merged.append(owners[0] if len(owners) == 1 else AGENCIES.get(org, org))
    return sorted(set(merged))


def build_org_map(orgs: Iterable[str] | Mapping[str, int],
                  only: Iterable[str] | None = None) -> dict[str, str]:
    """Map a corpus's short organisation names to their long forms: {"EC": "European Community"}.

    orgs is every article's organisations (repeats count) or a Counter of them. A short name
    maps to the dominant() one of its candidates, counting a long form together with the longer
    names that start with it ("Federal Reserve" with "Federal Reserve Board"). Candidates are:
    for an acronym, the long forms whose initials it is; for a one-word name, those that start
    with its possessive ("Moody" -> "Moody's Investors Service") or, for a clipping found in
    MIN_CLIPPING_ARTICLES and used less often than they are, with a longer word ("Fed" ->
    "Federal Reserve"). Clippings in several pieces ("Amex") are left to the articles that spell
    the long form out (merge_orgs): in a corpus "Amex" is American Express and the American
    Stock Exchange.

    With only, just those short names are looked at: the same entries for them, at a fraction of
    the cost (a small indexing batch needs the names of its own articles, not all 17,000).
    """
    counts = Counter(orgs) if not isinstance(orgs, Mapping) else Counter(dict(orgs))
    # The long forms, looked up by what each test needs, so a call is linear in the names (the
    # indexer calls this after every chunk; scanning all long forms per short one took 190 s of
    # a 255 s Reuters build): by initials (acronyms), by possessive first word ("Moody's ..."),
    # and by first word (clippings; abbreviates() below looks at that word only).
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_possessor: dict[str, list[str]] = defaultdict(list)
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        words = _significant_words(name)
        if len(words) < 2:
            continue
        by_initials["".join(w.lower().strip(".")[:1] for w in words)].append(name)
        first = name.split()[0]
        possessor = re.match(r"(.+)['’]s$", first)
        if possessor:
            by_possessor[possessor.group(1)].append(name)
        by_first_word[first].append(name)
    # A clipping's first two letters come from the first word's start, or one from its start and
    # one from the next word's (abbreviates() matching letter for letter): index both keys.
    clip_keys: dict[str, list[str]] = defaultdict(list)
    for first in by_first_word:
        words = [w.lower().strip(".") for w in _significant_words(first + " x")]
        clip_keys[words[0][:2]].append(first)
        if len(words) > 1:
            clip_keys[words[0][:1] + words[1][:1]].append(first)
    mapping = {}
    for short in (counts if only is None else [name for name in set(only) if name in counts]):
        if " " in short or len(short) > 12:
            continue
        if short.isupper():
            letters = short.lower().replace(".", "")
            longs = by_initials.get(letters, []) + (
                by_initials.get(letters[:-1], []) if letters.endswith("c") else [])
            candidates = [long for long in longs if abbreviates(short, long, strict=True)]
        else:
            candidates = list(by_possessor.get(short, ()))
            if not candidates and len(short) >= 3 and counts[short] >= MIN_CLIPPING_ARTICLES:
                firsts = dict.fromkeys(clip_keys.get(short.lower().replace(".", "")[:2], ()))
                candidates = [long for first in firsts if abbreviates(short, first + " x")
                              and not _one_letter_short(short, first)
                              for long in by_first_word[first]]
        families = _families(candidates, counts)
        best = dominant(families, families)
        if best and (short.isupper() or "'" in best or families[best] > counts[short]):
            mapping[short] = best  # a clipping rarer than its long form: not "Mobil" -> "Mobile ..."
    return mapping


def _one_letter_short(short: str, word: str) -> bool:
    """Tell whether a name is a word with its last letter off: another word, or another firm's
    name ("Transamerica" of "TransAmerican Natural Gas"), not a clipping ("Fed" of "Federal")."""
    return len(word) == len(short) + 1 and word.lower().startswith(short.lower())


def _families(names: Iterable[str], counts: Mapping[str, int]) -> Counter:
    """Count names together with the longer names that start with them, under the most used one.

    {"Federal Reserve": 64, "Federal Reserve Board": 45} -> {"Federal Reserve": 109}.
    """
    members: dict[str, list[str]] = {}
    for name in sorted(names, key=len):
        root = next((r for r in members if name.startswith(r + " ")), name)
        members.setdefault(root, []).append(name)
    return Counter({max(group, key=lambda n: (counts[n], n)): sum(counts[n] for n in group)
                    for group in members.values()})


def dominant(candidates: Iterable[str], counts: Mapping[str, int], min_count: int = 2) -> str | None:
    """Return the candidate with DOMINANCE times the articles of any other (and min_count), if one has."""
    ranked = sorted(candidates, key=lambda name: (-counts[name], name))
    if not ranked or counts[ranked[0]] < min_count:
        return None
    runner_up = counts[ranked[1]] if len(ranked) > 1 else 0
    return ranked[0] if counts[ranked[0]] >= DOMINANCE * runner_up else None


def apply_org_map(entities: Entities, org_map: Mapping[str, str]) -> Entities:
    """Replace short organisation names by their corpus long form from build_org_map."""
    orgs = sorted({org_map.get(org, org) for org in entities.organizations})
    return replace(entities, organizations=tuple(orgs))
