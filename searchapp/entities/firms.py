"""Find firms by the wire's own marks: partnerships, tickers, angle brackets, "the firm X and Y".

Also courts named with their district ("Court for the Southern District of New York").

NER cuts such names into people and fragments ("Dillon, Read and Co Inc" -> "Dillon", "Read";
"Cyprus Minerals Co <CYPM>" -> the place "Cyprus"); the marks around them say what they are.
find_firm_spans gives the spans read whole (NER's entities inside them are not read again);
find_listed_firms gives names the wire marks but NER may miss altogether.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from searchapp.entities.dates import MONTHS, WEEKDAYS
from searchapp.entities.names import FIRM_LAST_WORDS, clean_org, ends_in_legal_form, is_firm_name
from searchapp.entities.orgs import FIRM_AFTER, LEGAL_SUFFIXES, agency_name
from searchapp.entities.places import canonical_place, is_major_place

# A private company in angle brackets, and a company with its ticker opening the headline.
BRACKETED_FIRM = re.compile(r"<([A-Z][^<>\n]{1,60}?)>")
_NAME_WORD = r"(?:[A-Z][\w&'.\-]*|'[Nn]'?|and|&|of|de|du|do)"  # "Pay 'N Pak Stores Inc <PNP>"
_HEADLINE_TICKER = re.compile(rf"\A\s*({_NAME_WORD}(?:,?[ ]{_NAME_WORD}){{0,7}}),?[ ]+<[A-Z][A-Z0-9.]{{0,9}}>")
# A partnership's name, which NER cuts into people and fragments: "Dillon, Read and Co Inc",
# "Ryan, Beck and Co", "Prescott Ball and Turben Inc" (one name after the "and", then a legal form).
_PARTNERSHIP = re.compile(
    r"(?<![\w&])((?:[A-Z][\w'.\-]*,?[ ]){1,4}(?:and|&)[ ]"
    r"(?:Co\b\.?(?:[ ](?:International|Finance|Securities|Capital|Holdings)\b)?(?:,?[ ](?:Inc|Corp|Ltd|Plc)\b\.?)?"
    r"|[A-Z][\w'\-]+(?:,?[ ](?:Inc|Corp|Co|Cos|Ltd|Plc|LP)\b\.?){1,2}))")
# A partnership named by three to five surnames alone, as law firms and brokers are: "Cleary,
# Gottlieb, Steen and Hamilton", "Robertson, Colman and Stephens", "Spear, Leeds and Kellogg".
# People are named with their first names (a list of bare surnames is rare outside headlines).
_SURNAME = r"[A-Z][a-z][\w'\-]*"
_SURNAME_LIST = re.compile(rf"(?<![\w&.'\-])({_SURNAME}(?:,[ ]{_SURNAME}){{1,3}},?[ ](?:and|&)[ ]{_SURNAME})(?![\w'\-]|[ ][A-Z])")
# Names joined by the "and" of another language, in an English story a firm's: "Mees en Hope",
# "Pierson, Heldring en Pierson", "Van Haften en Co", "Moet et Chandon", "CLN Oyens en van Eeghen"
# (a Dutch or German surname's particle after the "and", not a Romance "de": "Union de Garantie et de
# Placement"; the leftmost start that matches: in "Rabo-bank, Pierson, Heldring en Pierson" the firm
# is the last three).
_FOREIGN_WORD = r"[A-Z][\w']*(?:-[A-Z][\w']*)*-?"  # "Heldring", "Vereins-"; not "Hamburg-based"
_FOREIGN_PARTNERS = re.compile(rf"(?<![\w&.'\-])((?:{_FOREIGN_WORD}(?:[ ]{_FOREIGN_WORD}){{0,2}}"
                               rf"|{_FOREIGN_WORD},[ ]{_FOREIGN_WORD})"
                               rf"[ ](?:en|et|und)[ ](?:(?:van|von|der|den|ter)[ ])?{_FOREIGN_WORD}"
                               r"(?:[ ](?:Bank|Bankverein|Cie))?)(?![\w'\-])")
_FOREIGN_PARTS = re.compile(r",[ ]|[ ](?:en|et|und)[ ]")
# A name twice, joined by "and": "Johnson and Johnson" is a firm, never two people.
_SAME_NAME_TWICE = re.compile(r"(?<![\w&.'\-])(([A-Z][a-z]+)[ ](?:and|&)[ ]\2)(?![\w'\-])")
# A firm with its legal form and ticker anywhere in the text: "Cyprus Minerals Co <CYPM>",
# "Midland Bank Plc's <MDBL.L>".
_TICKER_FIRM = re.compile(
    rf"(?<![\w&.'/])({_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,6}}[ ]"  # not from "Video" of "Audio/Video ..."
    r"(?:Inc|Corp|Co|Cos|Ltd|Plc|AG|SA|NV|SpA)\.?)(?:['’]s)?[ ]<[A-Z][A-Z0-9.]{0,9}>")
# A court named with its district, which NER cuts at "for": "the U.S. Bankruptcy Court for the
# Southern District of New York" (its places are part of its name, not places of the story).
_COURT = re.compile(r"\b((?:the[ ])?(?:[A-Z][\w.]*[ ]){0,3}Court[ ]for[ ]the[ ](?:[A-Z][a-z]+[ ]){0,2}"
                    r"District[ ]of[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)")
# A firm with a bracketed part before its legal form, which NER cuts at the bracket: "Hoare Govett
# (Far East) Ltd", "Merrill Lynch International (Europe) Ltd", "Bangladesh Shilpa (Industrial) Bank".
_BRACKETED_PART_FIRM = re.compile(
    rf"(?<![\w&.'])({_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,5}}[ ]\([A-Z][\w.]*(?:[ ][A-Z][\w.]*){{0,2}}\)[ ]"
    r"(?:Inc|Corp|Co|Ltd|Plc|AG|SA|NV|BV|Pty|Pte|Limited|Bank)\b\.?(?:[ ](?:Inc|Corp|Co|Ltd|Plc|SA|Limited)\b\.?)?)")
# A firm named in a Romance language or German, cut by NER at its particle: "Banque Internationale a
# Luxembourg SA", "Banco di Sicilia International SA", "Cie de Saint-Gobain SA", "Bank fuer
# Gemeinwirtschaft AG".
_PARTICLE_FIRM = re.compile(
    r"(?<![\w&.'])([A-Z][\w'\-]*(?:[ ][A-Z][\w'\-]*){0,3}[ ](?:a|du|de|des|do|da|di|della|del|fuer|für)[ ]"
    r"(?:[A-Z][\w'\-]*[ ]){1,3}(?:SA|SpA|Sarl|AG|GmbH)\b\.?)")
# A firm named right after another's ticker, in the wire's chain of owners: "USX Corp's <X>
# Marathon Petroleum Corp's notification", "Allegheny International Inc's <AG> Sunbeam Corp unit".
_AFTER_TICKER_FIRM = re.compile(r"<[A-Z][A-Z0-9.]{0,9}>[ ]((?:[A-Z][\w&'.\-]*[ ]){1,5}(?:Inc|Corp|Co|Ltd|Plc)\b\.?)")
# Partners listed by commas, ending in a legal form: "Rothschild, Unterberg, Towbin Inc", and the
# initials of the first: "L.F. Rothschild, Unterberg, Towbin Inc".
_COMMA_PARTNERS = re.compile(r"(?<![\w&.'\-])((?:(?:[A-Z]\.){1,3}[ ]?)?(?:[A-Z][a-z]+,[ ]){2,3}[A-Z][a-z]+[ ]"
                             r"(?:Inc|Corp|Co|Ltd)\b\.?)")
# A railway named by the towns it joins: "the Atchison, Topeka and Santa Fe Railway Co" (NER reads
# the towns as places of the story).
_RAILWAY = re.compile(r"(?<![\w&.'\-])((?:[A-Z][a-z]+,[ ])+[A-Z][a-z]+[ ]and[ ](?:[A-Z][a-z]+[ ]){1,3}"
                      r"(?:Railway|Railroad)(?:[ ](?:Co|Corp|Inc)\b\.?)?)")
# Sentence words that may open a match before the name: "But Asarco Inc <AR>" (not "First City").
_LEADING_WORDS = frozenset({"but", "and", "or", "the", "a", "an", "in", "on", "at", "for", "with", "as",
                            "while", "after", "before", "when", "if", "also", "then", "so", "by",
                            "from", "to", "of", "that", "this", "its", "their", "his", "her"})
# Where a firm is based, before its name: "Houston-based Simmons and Co International".
_BASED = re.compile(r"[A-Z][\w.]*(?:[ ][A-Z][\w.]*)?-based[ ]")
# Legal forms, which open no firm's name.
_LEGAL_FORM_WORDS = frozenset({"Co", "Cos", "Inc", "Corp", "Ltd", "Plc"})
# What opens a sentence before a firm's name and "of": "Shares of Wellcome Plc <WELL.L> fell".
_HOLDINGS_OF = frozenset({"shares", "stock", "units", "holders", "shareholders", "stockholders", "creditors",
                          "sale", "purchase", "control", "subsidiaries", "officials", "executives", "directors"})
# "the investment banking firm Matthews and Wright", "the law firm of Butler and Binion": a firm noun,
# then two names joined by "and".
_NAMED_FIRM = re.compile(
    r"\b(?:firm|brokerage|partnership|house)[ ](?:of[ ])?([A-Z][\w'\-]+[ ](?:and|&)[ ][A-Z][\w'\-]+)(?![ ][A-Z])")


# Partners named by their initials: "E.D. and F. Man", "E D and F Man" (NER cuts it at "and"); not
# "S and P Options" (one initial first), "J and J Snack Foods" (a name goes on after).
_INITIALS_FIRM = re.compile(r"(?<![\w.])((?:[A-Z]\.[ ]?|[A-Z][ ]){2,3}(?:and|And|&)[ ]?(?:[A-Z]\.[ ]?|[A-Z][ ]){1,3}"
                            r"[A-Z][a-z]{2,})(?![\w'])(?![ ](?!(?:Ltd|Inc|Corp|Co|Plc)\b)[A-Z][a-z])")


_AND = re.compile(r"[ ]?(?:and|And|&)[ ]?")


def initials_name(text: str) -> str:
    """Write a firm named by initials one way: "E D and F Man", "E.D.And F. Man" -> "E.D. and F. Man"."""
    match = _INITIALS_FIRM.fullmatch(text)
    if match is None:
        return text
    first, second = _AND.split(text, maxsplit=1)
    *initials, surname = second.split()
    letters = [re.findall(r"[A-Z]", part) for part in (first, " ".join(initials))]
    return f"{'.'.join(letters[0])}. and {'.'.join(letters[1])}. {surname}"


def _lead_trimmed(text: str, start: int, end: int, person_ends: set[int]) -> tuple[int, int]:
    """Drop what opens a matched name without being part of it: a sentence word ("But Asarco
    Inc" -> "Asarco Inc") or a person and "of" ("Daniel Roling of Merrill Lynch and Co")."""
    for at in sorted(person_ends):
        if start < at < end and text.startswith(" of ", at):
            start = at + 4
    words = text[start:end].split(" ")
    while len(words) > 2 and (words[0].lower() in _LEADING_WORDS or not words[0][:1].isupper()):
        start += len(words.pop(0)) + 1
    if len(words) > 2 and words[0].lower() in _HOLDINGS_OF and words[1] == "of":
        start += len(words[0]) + len(" of ")  # "Shares of Wellcome Plc <WELL.L> fell": the firm
    return start, end


def find_firm_spans(text: str, person_ends: set[int] = frozenset(),
                    is_name: Callable[[str], bool] = lambda word: True,
                    is_town: Callable[[str], bool] = lambda word: False) -> list[tuple[int, int]]:
    """Return the spans of firms' names to read whole: partnerships, ticker firms, "firm X and Y",
    firms with a bracketed part ("Hoare Govett (Far East) Ltd") or a particle ("Banque Internationale a
    Luxembourg SA").

    person_ends are where NER's PERSON spans end: a ticker firm's name starts after "<person> of".
    is_name tells a word that may be a surname from a nationality, a portfolio or a common word
    ("Industry, Trade and Labour" is no partnership); is_town a town's name or a nationality, which
    one partner may bear ("Cleary, Gottlieb, Steen and Hamilton", "Welsh, Carson, Anderson and
    Stowe"), and not two ("London, Tokyo and Zurich", "British, French and Dutch").
    """
    spans = [(match.start(1) + len(based[0]) if (based := _BASED.match(match[1])) else match.start(1), match.end(1))
             for match in _PARTNERSHIP.finditer(text)
             if not ends_in_legal_form(match[1].split(" and ")[0].split(" & ")[0])]  # ("Houston-based Simmons and Co")
    for match in [*_BRACKETED_PART_FIRM.finditer(text), *_PARTICLE_FIRM.finditer(text),
                  *_AFTER_TICKER_FIRM.finditer(text), *_RAILWAY.finditer(text),
                  *(match for match in _COMMA_PARTNERS.finditer(text)  # three surnames at least, no months
                    if _are_comma_partners(match[1], is_name, is_town))]:
        first, last = _lead_trimmed(text, *match.span(1), person_ends)
        if text[first:last].split(" ")[0] in _LEGAL_FORM_WORDS:
            continue  # "[Nikko Securities] Co International Inc and ...": the tail of a name read otherwise
        if not any(start < last and first < end for start, end in spans):
            spans.append((first, last))
    for match in _SURNAME_LIST.finditer(text):
        before = text[:match.start(1)].rstrip(" ").rpartition(" ")[2]
        if before[:1].isupper() and not before.endswith((".", ",", ":")) and before.lower() not in _LEADING_WORDS \
                or before.lower() in ("the", "in") or _TOPICS_OF.search(text, max(0, match.start(1) - 20),
                                                                          match.start(1)) or \
                not _is_partners(re.split(r",?[ ](?:and[ ]|&[ ])?", match[1]), is_name, is_town):
            continue  # "James Baker, Shultz and Weinberger": people; "in the South, East and Midwest"; a
            # committee's topics ("the House Agriculture Subcommittee on Wheat, Soybeans and Feedgrains")
        if not any(start < match.end(1) and match.start(1) < end for start, end in spans):
            spans.append(match.span(1))
    for match in _TICKER_FIRM.finditer(text):
        first, last = _lead_trimmed(text, *match.span(1), person_ends)
        if not any(start < last and first < end for start, end in spans):
            spans.append((first, last))
    spans.extend(match.span(1) for match in _NAMED_FIRM.finditer(text))
    spans.extend(match.span(1) for match in [*_SAME_NAME_TWICE.finditer(text), *_foreign_partners(text)]
                 if not any(start <= match.start(1) < end for start, end in spans))
    spans.extend(match.span(1) for match in _COURT.finditer(text))
    spans.extend(match.span(1) for match in _INITIALS_FIRM.finditer(text)
                 if canonical_place(_AND.split(match[1])[0]) is None  # not "U.S. and U.K."
                 and not any(start < match.end(1) and match.start(1) < end for start, end in spans))
    return spans


# A body's "on" before a list: its topics follow, no partnership ("Subcommittee on Wheat, Soybeans and ...").
_TOPICS_OF = re.compile(r"\b(?:Committee|Subcommittee|Commission|Council|Conference|Board)[ ]on[ ]$")
_INITIALS_BEFORE = re.compile(r"(?:[A-Z]\.){1,3}[ ]?")


def _are_comma_partners(name: str, is_name: Callable[[str], bool], is_town: Callable[[str], bool]) -> bool:
    """Tell whether "A, B, C Inc" lists partners (_is_partners). A first partner named with initials
    ("L.F. Rothschild, Unterberg, Towbin Inc") is a person's name the article has whole, which
    is_name refuses as a piece of a longer name: the others say it is a partnership."""
    initials = _INITIALS_BEFORE.match(name)
    partners = re.split(r",[ ]", name[initials.end():] if initials else name)
    partners[-1] = partners[-1].rsplit(" ", 1)[0]  # the legal form
    return _is_partners(partners[1:] if initials else partners, is_name, is_town)


def _foreign_partners(text: str) -> Iterator[re.Match]:
    """The firms of _FOREIGN_PARTNERS, each tried from every word on: a match that opens with a
    place or a legal form ("West Germany, Duffour et Igon", "BBC AG Brown Boveri und Cie") is tried
    again from its next word."""
    position = 0
    while match := _FOREIGN_PARTNERS.search(text, position):
        if canonical_place(match[1]) is None and match[1].split()[0].strip(".").lower() not in LEGAL_SUFFIXES \
                and not any(canonical_place(part) for part in _FOREIGN_PARTS.split(match[1])):
            yield match  # not "Saint-Pierre et Miquelon"
            position = match.end()
        else:
            position = match.start() + 1


def _is_partners(words: list[str], is_name: Callable[[str], bool], is_town: Callable[[str], bool]) -> bool:
    towns = sum(map(is_town, words))
    return towns <= 1 and all(is_name(word) or is_town(word) for word in words)


_PARTNERS = re.compile(r"[A-Z][a-z]+(?:,[ ][A-Z][a-z]+)+,?[ ](?:and|&)[ ][A-Z]")


def find_listed_firms(text: str) -> list[str]:
    """Firms the wire marks as such: "<Ain Leasing Corp>", and "Riggs National Corp <RIGS.O>"
    opening a headline (NER often misses names in a headline, and a table may follow); clean_org
    drops a country's possessive ("<Britain's Redland Plc>" is Redland)."""
    names = [match[1].replace(",", "") if _PARTNERS.match(match[1]) else match[1]  # "<Welsh, Carson,
             for match in BRACKETED_FIRM.finditer(text)  # Anderson and Stowe IV>": one name, commas and all
             if (" " in match[1] or any(c.islower() for c in match[1]))
             and not re.fullmatch(r"[A-Z0-9.]{1,8} [A-Z]{1,2}", match[1])]  # "<SABS ST>": a ticker and its exchange
    if match := _HEADLINE_TICKER.match(text):
        names.append(re.sub(r"^[A-Z][\w.]*(?:[ ][A-Z][\w.]*)?['’]s[ ]", "", match[1]))  # "Japan's Fujitsu <ITSU.T>"
    return [agency_name(name) for name in map(clean_org, names) if name]


# Capitalised words closed by a legal form: "Davy McKee Ltd", "Producer's Gas Co", "J and J Snack Foods
# Corp", "Nippon Kokan K.K.", "Benetton Group Spa" (not "Kane and Co": a partnership's "and Co", read
# with its partners).
_LEGAL_FORM_RUN = re.compile(r"(?<![\w&.'\-])((?:(?:[A-Z][\w&'.\-]*|'[Nn]'?)[ ](?:(?:and|&)[ ](?=[A-Z]))?){1,5}"
                             r"(?:Inc|Corp|Co|Ltd|Plc|K\.K|KK|AG|NV|Bhd|GmbH|SpA|Spa)\b\.?)(?![\w\-/])")


# A table's period before a firm's name: "First Quarter Anchor Financial Corp shr 31 cts".
_PERIOD = re.compile(r"(?:(?:First|Second|Third|Fourth|1st|2nd|3rd|4th) (?:Quarter|Qtr|Half)|(?:Three|Six|Nine|Twelve) "
                     r"Months|Year|Qtr) ")


def legal_form_spans(text: str, org_spans: list[tuple[int, int]], read: list[tuple[int, int]],
                     person_ends: set[int] = frozenset(), headline_end: int = 0) -> list[tuple[int, int]]:
    """Spans of firms NER left out but the wire names with a legal form: a run of capitalised words
    closed by "Inc", "Corp", "Ltd" ... that overlaps none of NER's ORG spans (org_spans) and no
    firm already read (read); NER took "Producer's Gas Co" for a person, "Lear Gas Gathering
    Co" for a product, and missed "Canadian Marconi Co" and "Davy McKee Ltd" after a dateline. Sentence
    words and "<person> of" opening the run are dropped ("said James McGroarty of Discount Corp"), and
    so is a table's period ("Nine Months Biomet Inc shr 49 cts"). A Title Case headline (before
    headline_end) capitalises every word, so its runs say nothing ("S/P Upgrades Union Carbide Corp")."""
    spans = []
    for match in _LEGAL_FORM_RUN.finditer(text, headline_end):
        first, last = _lead_trimmed(text, *match.span(1), person_ends)
        if period := _PERIOD.match(text, first, last):
            first = period.end()
        words = text[first:last].split(" ")
        if len(words) < 2 or words[-2] in ("and", "&") or any(c.isdigit() for c in text[first:last]) \
                or any(start < last and first < end for start, end in read) \
                or any(start < last and first < end for start, end in org_spans) \
                and not _split_by_ner(text, first, last, org_spans) \
                or text[:first].endswith(("of ", ") ")) or re.match(r" of [A-Z]", text[last:]) \
                or len(words[0]) < 2 and words[1] not in ("and", "&") \
                or re.search(r"[A-Z][\w'.\-]* (?:a|to|the|for|on|in|de|du|da|and) $", text[max(0, first - 30):first]):
            continue  # a name that goes on before its bracket ("New Town (N.T.) Properties Ltd"), its "of"
            # ("General Motors of Canada Ltd", "Public Service Co of New Hampshire") or its small word
            # ("Budget Rent a Car Corp", "Stars to Go Inc"); one NER read in part ("[Moore Corp] Ltd");
            # a lone letter ("Data I/O Corp")
        spans.append((first, last))
    return spans


# The name words before a firm's generic words: "Tempo [Enterprises Inc]", "Flanigan's [Enterprises Inc]".
_NAME_BEFORE = re.compile(r"(?<![\w&.'\-])((?:[A-Z][\w&'.\-]*[ ]){1,3})$")


def generic_firm_start(text: str, start: int, end: int) -> int | None:
    """Where a firm's name begins when NER's ORG span holds only its generic words and legal form
    ("Enterprises Inc", "Holdings Ltd") and capitalised name words stand right before it: "Tempo
    Enterprises Inc said" (NER read "Tempo" apart). None when the span has a word of a name of its
    own or no such words precede it (a sentence word, a month or a dateline's dash ends them)."""
    words = [word.strip(".,") for word in text[start:end].split()]
    firm = [word for word in words if word.lower() not in LEGAL_SUFFIXES]
    if not firm or len(firm) == len(words) or not all(word.lower() in FIRM_LAST_WORDS for word in firm):
        return None
    before = _NAME_BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        return None
    names = before[1].split()
    while names and (names[0].lower() in _LEADING_WORDS or names[0].lower() in MONTHS):
        names.pop(0)
    if not names or any(name.lower() in MONTHS for name in names):
        return None
    return start - len(" ".join(names)) - 1


def _split_by_ner(text: str, first: int, last: int, org_spans: list[tuple[int, int]]) -> bool:
    """Tell whether NER read a run of capitalised words closed by a legal form as a name of its end
    only, with name words before it: "Pemberton Houston Willoughby [Bell Gouinlock Inc]" (NER's
    person, a word, then the ORG); not "[Moore Corp] Ltd" (NER read the start), nor an owner's
    possessive before the firm ("Ivan Boesky's [Seemala Corp]"), a list ("Suralco and [Billiton]"),
    a place's adjective ("New York-based [Mutual Shares]"), a sentence's end or a date before it."""
    inside = [(start, end) for start, end in org_spans if start < last and first < end]
    if not all(first < start and end <= last for start, end in inside) or max(end for _start, end in inside) < last - 1:
        return False
    before = text[first:min(start for start, _end in inside)]
    return not re.search(r"['’]s\b|s['’]|[ ](?:and|&)[ ]|-[a-z]|[a-z]{2}\.[ ]", before) \
        and not any(word.lower() in MONTHS or word.lower() in WEEKDAYS for word in before.split())


def _holds(longer: str, short: str) -> bool:
    """Tell whether a name holds another as whole words or parts of a hyphened word:
    "Consolidated TVX Mining" holds "TVX", "Allied-Signal" holds "Allied", "Anglo-American Insurance"
    holds "Anglo-American"."""
    return longer != short and f" {short.replace('-', ' ')} " in f" {longer.replace('-', ' ')} "


def starts_a_name(text: str, start: int) -> bool:
    """Tell whether a name at start opens a name, with no name word before it: "said Reading",
    "shares of Reading", "The May Department Stores Co", "Britain's Cable and Wireless", "Fortune
    Systems Corp and SCI Systems"; not "Republic [New York]", "Public
    Service of [New Mexico]", "Gulf and [Western]", "Gulf/[Western]"."""
    if start and text[start - 1] in "/-&":
        return False
    before = re.split(r"\s", text[:start].rstrip(" "))
    if before[-1].lower() in ("of", "and", "&", "de", "du", "do") and len(before) > 1:
        joiner = before.pop()  # "Public Service of": a name goes on; "shares of": none
        if joiner.lower() in ("and", "&") and before[-1].lower().strip(".,") in LEGAL_SUFFIXES:
            return True  # "Fortune Systems Corp and [SCI Systems] Inc": the name before it ended
    owner = re.sub(r"['’]s$", "", before[-1])
    return not before[-1][:1].isupper() or before[-1] in ("The", "A", "An") \
        or owner != before[-1] and is_major_place(canonical_place(owner) or "-")
    # "The May Department Stores Co" at a sentence start; "Britain's Cable and Wireless": a
    # country's possessive opens no name; "Allison's Place" does


_NAMED_AS_FIRM = re.compile(r"(?:" + FIRM_AFTER + r"|,?\s+(?:and|&)\s+Co\b)")


def is_named_as_firm(name: str, text: str) -> bool:
    """Tell whether the text gives a name a legal form or ticker of its own: "Texaco Inc",
    "Merrill Lynch and Co", "First National Corp <FTNC>"; not "Western Inc" of "Gulf and Western Inc"."""
    if not name:
        return False
    start = text.find(name)
    while start >= 0:  # str.find and one compiled pattern: a pattern per name cost 12% of extraction
        if (not start or not re.match(r"[\w.']", text[start - 1])) and _NAMED_AS_FIRM.match(text, start + len(name)) \
                and starts_a_name(text, start):
            return True
        start = text.find(name, start + 1)
    return False


def merge_into_firms(orgs: list[str], text: str) -> list[str]:
    """Give an organisation's short name to the one firm of the article whose name holds it:
    "First National" to First National Entertainment (named "First National Entertainment Corp"),
    "TVX" to Consolidated TVX Mining (beside "Consolidated TVX", which goes there too). The short
    name stays where the text or its form makes it a firm of its own ("Texaco Inc" beside "Texaco
    Canada", "Citicorp" beside "Citicorp Investment Bank": a parent beside its unit) or where two
    firms hold it ("Houston TVX Broadcast", "TVX Broadcast Group"): across articles one short name
    stands for different firms, so an article that names the long one is the best evidence of
    which it is. A headline's ticker does not make a firm of its own: the wire heads a story with
    a short name and the ticker of the firm its body names in full ("Plexus <PLUSF> Sets Equity
    Financing" over "Plexus Resources Corp said")."""
    _head, separator, body = text.partition("\n\n")
    body = body if separator else text
    own = {org: is_firm_name(org) or is_named_as_firm(org, text) for org in orgs}  # each text scan once
    firms = [org for org in orgs if " " in org.replace("-", " ") and own[org]]
    merged = []
    for org in orgs:
        holders = [firm for firm in firms if _holds(firm, org)]
        widest = [firm for firm in holders if not any(_holds(other, firm) for other in holders)]
        alone = len(widest) == 1 and (is_firm_name(org) or org.lower().endswith("corp")  # "Citicorp"
                                      or own[org] and is_named_as_firm(org, body.replace(widest[0], "")))
        # (not "SCI" of "SCI Holdings Inc": the long name is no evidence for the short one)
        merged.append(widest[0] if len(widest) == 1 and not alone else org)
    return list(dict.fromkeys(merged))
