"""Clean entity spans into display names: no titles, possessives, junk or SHOUTED case.

"Russian President Vladimir Putin" -> "Vladimir Putin"; "China‘s" -> "China" (any apostrophe,
including the wrong curly quote ‘ U+2018); "REAGAN" -> "Reagan"; "Reuter", "3.5", "a" -> None.
"""
from __future__ import annotations

import calendar
import functools
import itertools
import re

from searchapp.entities.orgs import LEGAL_SUFFIXES, drop_legal_form, strip_legal_suffix
from searchapp.entities.places import (AP_STATES, canonical_place, country_of_nationality, is_country, is_major_place,
                                       is_region)

# Words that precede a name without being part of it: "Treasury Secretary James Baker".
# Lower-cased and without dots; a name loses them only from its start.
TITLE_WORDS = frozenset("""
mr mrs ms miss dr prof professor sir dame lord lady king queen prince princess sheikh sheik emir
pope cardinal archbishop bishop rev reverend father brother sister imam ayatollah rabbi
president presidents vice prime premier minister ministers secretary secretaries general chancellor
governor gov sen senator senators rep reps representative congressman congresswoman speaker
mayor judge justice chief executive chairman chairwoman chair director manager spokesman
spokeswoman spokesperson ambassador envoy deputy undersecretary under assistant acting former
late then new leader commissioner governor-general lt col colonel maj major capt captain gen
adm admiral sgt cmdr commander marshal field foreign finance trade treasury defence defense
economy economics agriculture energy interior home justice commerce labor labour industry
oil petroleum health education transport budget state party central bank bundesbank fed
analyst economist dealer dealers officer official officials president-elect senior top treasurer
mines mining
""".split())
# Lower-case words that belong inside names: "Jacques de Larosiere", "Ludwig van Beethoven".
NAME_PARTICLES = frozenset({"de", "da", "das", "do", "dos", "du", "del", "della", "der", "den",
                            "di", "la", "le", "van", "von", "y", "bin", "ibn", "al", "el", "ter",
                            "ten", "zu", "st"})
# First names the wire abbreviates with a period ("Chas. P. Young Co", "Wm. Wrigley Jr"): one token
# each for the tokenizer (pipeline.py), which would end a sentence there, and part of the name after them.
ABBREVIATED_GIVEN_NAMES = ("Chas.", "Wm.", "Geo.", "Jas.", "Thos.", "Robt.", "Benj.", "Saml.")
# Agencies and wire words that NER mistakes for people ("Reuter" signs off 1987 wire stories).
NOT_PEOPLE = frozenset({"reuter", "reuters", "ap", "afp", "upi", "dpa", "tass", "xinhua"})
# Wire-table abbreviations that NER tags as names ("Revs 12.3 mln vs 11.1 mln", "Avg shrs").
WIRE_WORDS = frozenset({"shr", "shrs", "revs", "avg", "net", "qtr", "qtly", "cts", "dlr", "dlrs",
                        "mln", "bln", "pct", "vs", "oper", "div", "mths", "mth", "stg", "prior", "std",
                        "unch", "unchgd"})
# An ORG made only of these is a fragment, not a name ("Co Inc", "Sons Inc", "Commission").
ORG_FILLER = WIRE_WORDS | LEGAL_SUFFIXES | {
    "bank", "commission", "group", "board", "committee", "council", "ministry", "department",
    "agency", "fund", "exchange", "party", "sons", "brothers", "holdings", "industries", "and", "&"}
# Last words of an organisation's name, never of a person's: "Edwin L. Cox School".
ORG_HEADS = ORG_FILLER | {"school", "university", "college", "institute", "foundation", "association",
                          "authority", "federation", "organisation", "organization", "bureau", "cooperative",
                          "works",
                          "union", "society", "center", "centre", "hospital", "church", "airlines",
                          "airways", "holdings", "industries", "p.c",
                          # sectors that end firms' names, never people's: "Champlin Refining"
                          "refining", "mining", "resources", "bancorp", "savings", "insurance",
                          "investments", "properties", "realty", "pharmaceuticals", "electronics",
                          "communications", "technologies", "laboratories", "chemicals", "motors",
                          "securities", "finance",
                          # the same in Japanese firms' names: "Ohta Shoji" (trading), "Nomura Shoken",
                          # "Mitsubishi Jukogyo", "Nihon Sangyo"
                          "shoji", "sangyo", "kogyo", "jukogyo", "shoken", "ginko", "kaisha", "bussan",
                          "tsusho", "denki", "seiyaku", "kensetsu", "seitetsu"}
# Words of firms', papers' and agencies' names in other languages, never of a person's name:
# "Yacimientos Petroliferos Fiscales", "Prensa Latina", "NRC Handelsblad", "Banco do Brasil".
FOREIGN_ORG_WORDS = frozenset({"banco", "banca", "banque", "bancaria", "caisse", "caja", "cassa", "credito",
                               "compania", "compagnie", "companhia", "societe", "sociedad", "societa",
                               "sociedade", "empresa", "empresas", "grupo", "groupe", "gruppo", "prensa",
                               "handelsblad", "zeitung", "allgemeine", "yacimientos", "petroleos",
                               "petroliferos", "fiscales", "nacional", "nationale", "nazionale",
                               "industrias", "aktiengesellschaft", "gesellschaft", "kreditanstalt",
                               "landesbank", "girozentrale", "ministerio", "ministere", "agencia", "agence",
                               "instituto", "corporacion", "assicurazioni", "finanziaria", "financiera",
                               "minas", "banka", "banken", "gazeta", "gazzetta", "jornal", "folha", "diario",
                               "corriere", "estado", "tageszeitung", "shimbun", "kurier", "bao", "ribao"})
# Those of them that say what a body is, in the way "Bank" and "Company" do, and open many bodies'
# names: alone, one of them names no one body ("the Caisse", "Banco").
FOREIGN_ORG_HEADS = frozenset({"banco", "banca", "banque", "caisse", "caja", "cassa", "credito", "compania",
                               "compagnie", "companhia", "societe", "sociedad", "societa", "sociedade", "empresa",
                               "grupo", "groupe", "gruppo", "ministerio", "ministere", "agencia", "agence",
                               "instituto", "corporacion", "banka"})
# ORG spans that are clock times or money: "1530 GMT", "U.S. Dollar", "the yen".
TIME_ZONES = frozenset({"gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst",
                        "cet", "cest"})
CURRENCY_WORDS = frozenset({"dollar", "dollars", "dlr", "dlrs", "yen", "mark", "marks", "franc",
                            "francs", "pound", "pounds", "sterling", "lira", "peso", "pesos",
                            "guilder", "guilders", "rupee", "rupees", "ecu",
                            "cruzado", "cruzados", "austral", "yuan", "rouble", "ruble",
                            # the wire's currency codes: "DMK", "DKR", "Stg"
                            "dmk", "dkr", "nkr", "skr", "sfr", "ffr", "bfr", "hfl", "stg", "lit",
                            # units of account and reference rates: "SDR", "Libor"
                            "sdr", "sdrs", "libor"})
# A person span starting with these is a landmark ("Mount Tai"), not a person.
LANDMARK_WORDS = frozenset({"mount", "mt", "lake", "river", "cape", "gulf", "port", "fort",
                            "bay", "sea", "strait", "straits", "island", "islands", "ocean",
                            "st", "saint"})  # "St George" (Utah) is no person's name

# Last words of crude oil grades named after their field ("West Texas Intermediate"): no places.
CRUDE_GRADES = frozenset({"intermediate", "sour", "sweet", "blend"})
# Terms of delivery in price tables, never part of a name: "ANS CIF L.A", "FOB Gulf", "Dutch fob Ex-Mill".
_TRADE_TERMS = frozenset({"cif", "fob", "c&f", "nil", "ex-mill", "ex-works", "ex-tank", "ex-warehouse"})
# The words of a market report's headline: "FRANKFURT EXCHS OPG ONE", "Madrid Exchanges Opg" (opening,
# closing); an ORG of them alone is none.
_REPORT_WORDS = frozenset({"opg", "clsg", "exchs", "fwds"})
_APOSTROPHES = "'’‘`´"
_POSSESSIVE = re.compile(rf"(?:[{_APOSTROPHES}]s|(?<=s)[{_APOSTROPHES}])$", re.IGNORECASE)
_PERSON_TOKEN = re.compile(rf"^[^\W\d_][^\W\d_{_APOSTROPHES}.\-]*(?:[{_APOSTROPHES}.\-][^\W\d_]*)*$")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "de", "du", "des", "la", "le", "et", "in",
                          "on", "at", "to", "y", "von", "van", "der", "del", "und", "fuer", "en"})


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace (wire text wraps lines inside names) into single spaces."""
    return " ".join(text.split())


def strip_possessive(text: str) -> str:
    """Drop a trailing possessive: "China‘s" -> "China", "Xi Jinping’s" -> "Xi Jinping"."""
    return _POSSESSIVE.sub("", text).rstrip(_APOSTROPHES)


def is_shouted(text: str) -> bool:
    """Tell whether text is ALL CAPS (a wire headline), judging only its letters."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def fix_case(word: str) -> str:
    """Title-case one SHOUTED word, keeping its inner capitals: "MCDONALD" -> "McDonald", "O'NEILL" ->
    "O'Neill", "MOODY'S" -> "Moody's"."""
    if not is_shouted(word) or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?|[IVX]{2,4}", word):
        return word  # mixed case, initials ("J.P."), or a roman numeral ("John Paul II")
    parts = re.split(r"([\-'’])", word.lower())
    out = "".join(part if part == "s" and index == len(parts) - 1 and parts[index - 1] in "'’" else part.capitalize()
                  for index, part in enumerate(parts))
    return "Mc" + out[2:].capitalize() if out.startswith("Mc") and len(out) > 3 else out


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


def clean_person(text: str) -> str | None:
    """Return the display name of a PERSON span, or None when it is junk."""
    if "\n\n" in text:
        return None
    words = strip_possessive(normalize_space(text).strip(" ,.;:-\"“”()")).split()
    words = re.sub(r"\b([A-Z]\.)(?=[A-Z][a-z])", r"\1 ", " ".join(words)).split()  # "H.Onno Ruding": an initial
    # the wire glued to the name
    if len(words) > 1 and country_of_nationality(" ".join(words)) is not None:
        return None  # "Papua New Guinean" (officials): a nationality
    if len(words) > 1 and words[0].endswith(".") and words[0].replace(".", "").lower() in AP_STATES:
        words = words[1:]  # "Fairfax County, [Va. Carteret] said": the state ended the sentence before
    # Titles and nationality words lead ("U.S. Trade Representative Clayton Yeutter"); a place
    # only when a title follows it, so "Jordan" stays in "Jordan Smith".
    while len(words) > 1 and (_is_title(words[0]) or country_of_nationality(words[0]) is not None
                              or canonical_place(words[0]) is not None and _is_title(words[1])) \
            and canonical_place(" ".join(words)) is None:  # not "Papua New Guinea's"
        words.pop(0)
    if len(words) > 2 and country_of_nationality(" ".join(words[:2])) is not None:
        words = words[2:]  # "New Zealander Bruce Judge", "Sri Lankan ..."
    kept: list[str] = []
    for word in words:
        if word.islower() and word not in NAME_PARTICLES:
            break  # "Putin praised": the name ended
        kept.append(word)
    while kept and kept[-1].lower() in NAME_PARTICLES:
        kept.pop()
    if not kept or len(kept) > 5 or kept[0].lower() in NAME_PARTICLES and len(kept) == 1:
        return None
    if not all(_PERSON_TOKEN.match(word) for word in kept):
        return None  # digits, "&", "/" and brackets are not in names
    if max(len(word.strip(".")) for word in kept) < 2 or not kept[0][0].isupper():
        return None
    name = " ".join(fix_case(word) if word.lower() not in NAME_PARTICLES or word.lower().startswith("st")
                    else word.lower()
                    for word in kept)
    if name.lower() in NOT_PEOPLE or name.lower().strip(".") in TITLE_WORDS or name.lower() in CURRENCY_WORDS:
        return None  # "Reuter", "Minister", "Yen"
    if any(word.lower().strip(".") in WIRE_WORDS for word in kept):
        return None
    return name


def _is_title(word: str) -> bool:
    return word.lower().strip(".") in TITLE_WORDS


# The same words ending a name: "Bass Strait", "Hudson River" (not "port": "Freeport").
_LANDMARK_LAST_WORDS = frozenset({"strait", "straits", "sea", "ocean", "river", "island", "islands",
                                  "gulf", "bay", "canal", "peninsula", "falls", "parish"})


def is_landmark(name: str) -> bool:
    """Tell whether a name is a landmark mistaken for a person: "Mount Tai", "Lake Geneva", "Bass Strait"."""
    words = name.split()
    return len(words) > 1 and (words[0].lower().strip(".") in LANDMARK_WORDS
                               or words[-1].lower() in _LANDMARK_LAST_WORDS)


def ends_in_legal_form(name: str) -> bool:
    """Tell whether a name ends with a legal form: "PaineWebber Inc" (so "... and Advest Inc" is another
    firm), "Occidental Life Insurance Co of Australia Ltd>"."""
    return bool(name.split()) and name.split()[-1].lower().strip(".,>") in LEGAL_SUFFIXES


# A legal form opening a name, with the "and" after it: the end of the firm before it in a list. Not
# "Limited", "Company" or "Corporation", which open names ("The Limited Inc").
_LEGAL_FORM_FIRST = re.compile(r"^(?:Inc|Corp|Co|Cos|Ltd|Plc|PLC)\.?,?\s+(?:(?:and|&)\s+)?(?=[A-Z])")


@functools.lru_cache(maxsize=16384)
def clean_org(text: str) -> str | None:
    """Return the canonical name of an ORG span, or None when it is junk (cached: a story repeats
    its bodies' names, and a corpus its big ones).

    "EXXON CORP's" -> "Exxon"; "Goldman, Sachs and Co" -> "Goldman Sachs"; "1530 GMT" -> None.
    """
    if "\n\n" in text or re.search(r"\w[:;]\w", text):
        return None  # "NOTE:1987 net loss includes ...": a table's note, glued to its year
    if (match := re.match(r"(?:An?|AN?)\s+(.+)", normalize_space(text))) \
            and canonical_place(drop_legal_form(match[1])) is not None:
        return None  # "An Alberta Corp": a description ("Nova, an Alberta corporation"), no name
    name = _strip_the(strip_possessive(normalize_space(text).strip(" ,.;:-\"“”()<>")).strip(" <>"))
    name = re.sub(r"^(?:[Aa]n?|AN?)\s+(?=[A-Z][a-z])", "", name)  # "An International Monetary Fund [official]",
    # "an Illinois Commerce Commission [decision]"
    name = _LEGAL_FORM_FIRST.sub("", name)  # "Inc and PaineWebber", "Inc Lovett Mitchell Webb and Garrison": the
    # legal form that closed the firm before it in a list ("Smith Barney, Harris Upham and Co Inc and PaineWebber")
    name = re.sub(r"^[\w.'\-]+-(?:based|owned|controlled|run|backed)\s+(?=[A-Z])", "", name, flags=re.IGNORECASE)
    # "Dallas-based Diamond Shamrock", "French-controlled Schlumberger", "Wholly-owned Mobil": what the
    # body is, glued to its name
    name = re.sub(r"^(?:Opposition|Ruling|Governing)\s+(?=(?:[A-Z][\w'\-]*\s+)+Party$)", "", name)  # "[the] ruling
    # Liberal Democratic Party", capitalised at a sentence's start: what the party is, not its name
    if "<" in name or ">" in name:  # "OXY> and Shell Petroleum": a ticker's bracket inside the span
        pieces = [re.sub(r"^(?:and|&)\s+", "", piece) for piece in re.split(r"\s*[<>]\s*", name) if piece]
        name = strip_possessive(next((piece for piece in pieces if any(c.islower() for c in piece)),
                                     pieces[0] if pieces else ""))  # "<Metromedia Co's> Metromedia Long Distance"
    name = re.sub(r"\s*\([^()]*\)?$", "", name) or name  # "European Community (EC)": the acronym goes
    name = re.sub(r"(?<=\w)\s+A/S$", "", name)  # the Danish and Norwegian legal form (its "/" is no code's)
    if name.count("(") != name.count(")"):
        name = re.sub(r"\s*[()]\s*", " ", name).strip()  # "Holdings) Ltd": NER cut inside brackets
    head, comma, _ = name.partition(",")
    if comma and (strip_legal_suffix(name) != name or _is_one_body_listing(name)):
        name = name.replace(",", "")  # one firm: "Goldman, Sachs and Co"; one body: "the Coffee, Sugar and
        # Cocoa Exchange"
    else:
        name = head.strip()  # index values are comma-separated; a list is cut to its first name
    owner, possessive, rest = re.sub(r"[‘’`´]", "'", name).partition("'s ")
    if possessive and " " in owner and " " in rest and all(w[:1].isupper() for w in owner.split()) \
            and canonical_place(owner) is None \
            or possessive and rest[:1].isupper() and is_major_place(canonical_place(owner) or "-"):
        name = rest  # "Robert Maxwell's British Printing and Communications Corp", "Sun Co's Sun Refining",
        # "Britain's Cable and Wireless" (its country: the place is read apart)
    name = re.sub(r"(?:\s+(?:and|&|of|the|for))+$", "", name)  # "PaineWebber Inc and": NER's cut
    if not ends_in_legal_form(name.split(" of ")[-1]):
        name = re.sub(r"(\s(?:Inc|Corp|Co|Ltd|Plc|Limited)\.?)\s+of\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)*$", r"\1", name)
    # "Maple Leaf Mills Ltd of Toronto": where it is, not its name ("Occidental Life Insurance Co of
    # Australia Ltd" is the firm's whole name: its own legal form closes it)
    words = name.split()
    for n, word in enumerate(words[1:], 1):
        if word.islower() and word not in _SMALL_WORDS and word not in NAME_PARTICLES \
                and not (word == "a" and n + 1 < len(words) and canonical_place(words[n + 1])
                         and all(rest.lower().strip(".") in LEGAL_SUFFIXES for rest in words[n + 2:])):
            name = " ".join(words[:n]).rstrip(" -,;:")  # "Smith Barney thinks Cyprus": the name ended (not "Banque
            # Internationale a Luxembourg": French "à")
            break
    words = name.split()
    if len(words) > 2 and country_of_nationality(words[-1]) and canonical_place(words[-1]) is None \
            and not country_of_nationality(" ".join(words[-2:])):
        name = " ".join(words[:-1])  # "Hamburgische Landesbank Girozentrale Canadian [dollar bond]"
    letters = sum(c.isalpha() for c in name)
    if letters < 2 or not (name[0].isupper() or name[0].isdigit()) or name.lower() in ("reuter",) \
            or name.lower() in _PRONOUNS and not name.isupper():
        return None  # ("Its (Korea Fund) runaway success": a pronoun opening a quote; "ITS Inc" is a name)
    name = re.sub(r"[ ]-[ ][A-Z]{2,6}$", "", name)  # "<Plant Cell Research Institute - PCRI>": its acronym
    if "/" in name and not is_slashed_name(name) \
            or " - " in name or " " in name and any(c.isdigit() for c in name) \
            or any(word.lower().strip(".") in _TRADE_TERMS for word in name.split()):
        return None  # "U.S./USSR" (not "Audio/Video Affiliates", "Royal Dutch/Shell Group"), "Stockton
        # 2.78", "Block Q5c", "Correction - London - Citibank", "CIF Euro"
    words = [word.lower().strip(".") for word in name.split()]
    if all(word in ORG_FILLER or word.replace(".", "") in ORG_FILLER or word in _REPORT_WORDS for word in words) \
            or words[-1] in TIME_ZONES or words[-1] in _SMALL_WORDS \
            or words[-1] in CURRENCY_WORDS and all(canonical_place(w) or country_of_nationality(w)
                                                   for w in name.split()[:-1]):
        return None
    if is_shouted(name) and (" " in name or len(name) > 5):
        name = " ".join(w.lower() if w.lower() in _SMALL_WORDS and i else
                        (w if len(w) <= 3 and w.lower() not in LEGAL_SUFFIXES
                         else fix_case(w)) for i, w in enumerate(name.split()))
    return strip_legal_suffix(name)


# Pronouns and determiners, which NER sometimes tags at a quote's or sentence's start.
_PRONOUNS = frozenset({"its", "it", "this", "these", "those", "their", "our", "his", "her", "they", "we", "he", "she",
                       "that", "which", "there", "theirs", "ours"})


# A body named by its portfolios, listed with commas: "Federal Office of Industry, Trade and Labour",
# "Ministry of Finance, Economic Affairs and Planning" (not "Bank of Tokyo, Fuji and Mitsubishi"; a
# committee's topics after "on" are read in org_spans: "Subcommittee on Wheat, Soybeans and Feedgrains").
PORTFOLIO_LISTING = re.compile(r"\b(?:Ministry|Department|Office|Board|Council|Bureau|Commission|Committee)[ ](?:of|for)[ ]"
                               r"(?P<list>(?:[A-Z][a-z]+[ ])?[A-Z][a-z]+(?:,[ ](?:[A-Z][a-z]+[ ])?[A-Z][a-z]+)+,?[ ]and[ ]"
                               r"[A-Z][a-z]+)\b")


def _is_one_body_listing(name: str) -> bool:
    """Tell whether a name with commas is one body's that lists what it deals in: single capitalised
    words, the last joined by "and" to a body's head ("Coffee, Sugar and Cocoa Exchange"), or after its
    head's "of" ("Federal Office of Industry, Trade and Labour"); not "Texaco, Exxon and Mobil" (no
    head), nor "Chrysler, Ford and General Motors Corp" (a legal form is read above)."""
    if (listing := PORTFOLIO_LISTING.search(name)) and listing.end() == len(name):
        return True
    listed, and_, last = name.rpartition(" and ")
    words = last.split()
    return bool(and_) and len(words) == 2 and words[0][:1].isupper() and words[1].lower() in ORG_HEADS \
        and words[1].lower() not in LEGAL_SUFFIXES and all(
            re.fullmatch(r"[A-Z][a-z]+", item.strip()) for item in listed.split(","))


# A firm's legal form inside an ORG span, followed by another capitalised name: two firms that
# NER ran together ("PaineWebber Inc and Advest", "American Centennial Insurance Co Beneficial
# International Insurance"). Not "Merrill Lynch and Co Inc", where the legal forms follow each other,
# nor "Swiss Bank Corporation International", where one word continues the name.
_GLUED_FIRMS = re.compile(r"(?<=\S)\s+(?:(?:and|&)\s+(?:the\s+)?)?(?=[A-Z])")


# A firm's own trust or fund after its legal form: "Transworld Corp Liquidating Trust".
_FIRMS_OWN_FUNDS = frozenset({"liquidating", "pension", "retirement", "employees", "employee"})
def _names_a_region(words: list[str]) -> bool:
    """Tell whether the words after a legal form name the country or region of the firm's unit,
    its own legal form after them or not: "Swiss Bank Corp Int Holland", "Monsanto Chemical Co
    Europe-Africa", "Exxon Co USA", "Swiss Bank Corp International Asia Inc" are one firm each (not
    "Texaco Inc Chevron Corp"; nor "Berliner Bank AG Berlin", a firm and its town)."""
    pieces = [piece.strip(",()") for word in words for piece in re.split(r"[-/]", word)]
    while len(pieces) > 1 and pieces[-1].lower().strip(".") in LEGAL_SUFFIXES:
        pieces.pop()  # "... International Asia Inc": the unit's own legal form
    return all(piece.lower() in ("int", "international")
               or (place := canonical_place(piece)) and (is_country(place) or is_region(place)) for piece in pieces)


# A body of firms, named after the kind of firm it gathers: "the Investment Company Institute".
_BODIES_OF_FIRMS = frozenset({"institute", "association", "council", "federation", "foundation"})


def split_firms(text: str, at_and: bool = True) -> list[str]:
    """Split an ORG span that holds several firms at the legal forms that end all but the last
    (not "Investment Company Institute", a body of firms, nor the Swedish "AB" after a name's first
    word, "Forsakrings AB Skandia", "Telefon AB L.M. Ericsson"), and, with at_and, two names joined by "and" (_split_at_and; not
    in a name one legal form closes: "Fitchburg Gas and Electric Light Co")."""
    parts, start = [], 0
    for match in _GLUED_FIRMS.finditer(text):
        before = text[start: match.start()].split()
        after = re.sub(r"[ ]\([^()]*\)", "", text[match.end():]).split()  # "Co International (Hong Kong) Ltd"
        if len(before) > 1 and before[-1].lower().strip(".,") in LEGAL_SUFFIXES \
                and not (len(before) == 2 and before[-1] == "AB" and re.fullmatch(r"[A-Z][a-z]{2,}|(?:[A-Z]\.){1,3}", after[0])
                         and not any(word.lower().strip(".,") in LEGAL_SUFFIXES for word in after)) \
                and after and after[0].lower().strip(".,") not in LEGAL_SUFFIXES \
                and after[0].lower() not in ("sons", "brothers", "partners", "partnership") \
                and not (after[0].lower() in ("international", "overseas", "holdings", "group")
                         and all(word.lower().strip(".,") in LEGAL_SUFFIXES for word in after[1:])) \
                and not (len(after) == 1 and after[0].lower().strip(".,") in _BODIES_OF_FIRMS) \
                and not _partnership_goes_on(before, after) \
                and after[0].lower() not in _FIRMS_OWN_FUNDS and not _names_a_region(after):
            parts.append(text[start: match.start()])
            start = match.end()
    parts.append(text[start:])
    return [piece for part in parts if part.strip() for piece in (_split_at_and(part) if at_and else [part])]


def _partnership_goes_on(before: list[str], after: list[str]) -> bool:
    """Tell whether a partnership's "and Co" is part of a longer name its firm's words and legal form
    close: "McDonald and Co Investments Inc", "Alex. Brown and Co Securities Ltd" (one firm, not
    McDonald and Co and an "Investments Inc"); not another firm's name ("... and Co Salomon Brothers Inc")."""
    words = [word.strip(".,") for word in after]
    firm = [word for word in words if word.lower() not in LEGAL_SUFFIXES]
    return len(before) > 2 and before[-2] in ("and", "&") and before[-1].strip(".,") == "Co" \
        and 1 <= len(firm) <= 2 and words[:len(firm)] == firm \
        and all(word[:1].isupper() and word.lower() in FIRM_LAST_WORDS for word in firm)


# Words that go on a name after "and": "Federal Savings and Loan Insurance Corp", "Bank and Trust Co".
SECOND_OF_COMPOUND = frozenset({"loan", "trust", "investment", "investments", "savings", "insurance"})
# Words a compound's "and" follows: "Savings and Loan", "Bank and Trust", "Building and Loan".
FIRST_OF_COMPOUND = frozenset({"savings", "bank", "building", "loan"})


def _split_at_and(text: str) -> list[str]:
    """Split "Merrill Lynch Capital Markets and Salomon Brothers", "Interim Committee and Development
    Committee": two names of two words or more joined by "and", each ending in a firm's word or
    "Committee" (not "Minnesota Power and Light", "Sun Refining and Marketing", "Victor Federal
    Savings and Loan Association", "Ways and Means Committee": one body each)."""
    if text.count(" and ") == 2:
        # "Wagner and Brown and AFG Industries": a partnership and a firm
        first, _, last = text.rpartition(" and ")
        words = strip_legal_suffix(last).split()  # "AFG Industries INc."
        if len(words) > 1 and words[-1].lower() in FIRM_LAST_WORDS and words[0][:1].isupper() \
                and all(part[:1].isupper() and " " not in part for part in first.split(" and ")):
            return [first, last]
    before, and_, after = text.partition(" and ")
    lasts = {part.split()[-1].lower() for part in (before, after) if part.split()}
    heads = {"committee"} if "committee" in lasts else FIRM_LAST_WORDS | {"markets"}  # not "House Energy
    # and Commerce Committee"
    if and_ and " and " not in after and after.split()[0].lower() not in SECOND_OF_COMPOUND and all(
            len(words := part.split()) > 1 and words[0][:1].isupper()
            and (words[-1].lower() in heads or words[-1].lower().strip(".") in LEGAL_SUFFIXES
                 and len(strip_legal_suffix(part).split()) > 1)
            for part in (before, after)):
        return [before, after]  # and "Hotel Investors Trust and Hotel Investors Corp" (not "... and Gas Corp")
    if and_ and re.fullmatch(r"[A-Z]{2,6}", after) and len(words := _strip_the(before).split()) > 1 \
            and words[0][:1].isupper() and words[-1].lower() in FIRM_LAST_WORDS | ORG_HEADS:
        return [before, after]  # "the World Bank and IMF": a body, and another by its acronym
    if and_ and " and " not in after and len(before.split()) > 1 and before.split()[-1] == "International" \
            and len(words := strip_legal_suffix(after).split()) > 1 and all(word[:1].isupper() for word in words):
        return [before, after]  # "Tokai International and Daiwa Europe Ltd", "Morgan Stanley International and
        # Svenska Handelsbanken": a firm's international arm ends its name
    return [text]


# Words around a slash that make it two names or a table's cell: "Fund/World Bank", "May/Jul", "Cts/Bbl".
_SLASH_BREAKS = frozenset({"fund", "bank", "times", "exchange", "mine", "mines", "dlrs", "cts", "bbl", "bu",
                           "cwt", "san"}) | {month.lower() for month in calendar.month_abbr[1:]}


def is_slashed_name(name: str) -> bool:
    """Tell whether a name of several words holds a slash between two words of it, as in "Audio/Video
    Affiliates", "Royal Dutch/Shell Group"; not "U.S./USSR", "IMF/World Bank", "May/Jul"."""
    return " " in name and all(
        (left_word := re.search(r"\b([A-Z][a-z]+)$", left)) and (right_word := re.match(r"([A-Z][a-z]+)\b", right))
        and left_word[1].lower() not in _SLASH_BREAKS and right_word[1].lower() not in _SLASH_BREAKS
        for left, right in itertools.pairwise(name.split("/")))


def clean_place(text: str) -> str | None:
    """Return the surface name of a GPE/LOC span, or None when it is junk."""
    if "\n\n" in text:
        return None
    name = normalize_space(text).strip(" ,;:-\"“”()")
    if "(" in text and ")" not in text:
        name = name.split("(")[0].strip()  # "the German Democratic Republic (East Germany": NER cut the bracket
    if not re.match(r"(?:St\.?|Saint)\s", name, re.IGNORECASE):  # "St. John's" is the town's name
        name = strip_possessive(name)
    name = _strip_the(name)
    name = re.sub(r"^(?:[a-z]+-[\w\-]+\s+)+(?=[A-Z])", "", name)  # "non-OPEC Mexico", "oil-rich Kuwait"
    name = name.split(",")[0].strip()
    name = re.sub(r"(?:\s+[a-z]+)+$", "", name)  # "Guangdong province": the name ends at the noun
    if sum(c.isalpha() for c in name) < 2 or not name[0].isupper() or any(c.isdigit() for c in name):
        return None
    return " ".join(fix_case(w) if len(w) > 3 or " " in name else w for w in name.split()) \
        if is_shouted(name) and len(name) > 4 else name


# Lower-case land nouns after a name that make it a place, whatever NER called it: "southern Iraq's Faw
# peninsula", "the Mekong delta", "the disputed Aouzou strip", "the Reventador volcano".
LAND_NOUNS = frozenset({"peninsula", "delta", "valley", "basin", "plateau", "archipelago", "strip", "volcano",
                        "desert", "mountains", "island", "islands"})  # (not "state", "county": "Smith state senator")
# Last words of a firm's name (institutions end in "Exchange", "Board", "Ministry": not these).
# Facilities named after their town: "Sonora's Jamestown mine", "the Norwood plant" (the town).
FACILITY_NOUNS = frozenset({"mine", "mines", "plant", "plants", "refinery", "field", "smelter", "mill",
                            "terminal", "facility", "factory", "works", "project"})
FIRM_LAST_WORDS = frozenset({"airlines", "airways", "holdings", "industries", "refining", "mining", "mines",
                             "resources", "bancorp", "bank", "savings", "insurance", "investments", "worldwide",
                             "properties", "realty", "pharmaceuticals", "electronics", "communications",
                             "technologies", "laboratories", "chemicals", "motors", "securities",
                             "partnership", "partners", "brokerage", "trust", "group", "society", "petroleum", "oil",
                             "gas", "energy", "steel", "brothers", "sons", "fund", "futures",
                             "cosmetics", "foods", "products", "systems", "services", "enterprises",
                             "shipping"})


def is_firm_name(name: str) -> bool:
    """Tell whether an organisation's name is a firm's by its form: a legal form ("Delhi Petroleum
    Pty Ltd") or a firm's last word ("Bell Resources", "Saitama Bank"); not "London Gasoil" or
    "New York Stock Exchange", markets named after their city. A span's possessive and the wire's
    brackets do not hide the form ("Gibraltar Financial Corp's", "<Kawasaki Motor Manufacturing Corp>")."""
    name = strip_possessive(name.replace("<", " ").replace(">", " ").strip())
    last = name.split()[-1].lower().strip(".,") if name.split() else ""
    return strip_legal_suffix(name) != name or last in FIRM_LAST_WORDS
