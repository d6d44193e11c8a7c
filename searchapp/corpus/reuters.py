"""Read Reuters-21578 SGML files: one Article per <REUTERS> block, streamed block by block."""
from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from searchapp.articles import Article
from searchapp.corpus.dates import DateError, parse_day_month_year
from searchapp.corpus.decoding import SNIFF_BYTES, is_binary
from searchapp.corpus.problems import CorpusError, Found, Problem
from searchapp.corpus.prose import clean_line, shorten

_NEWID_RE = re.compile(r'\bNEWID="(\d+)"')
_TEXT_TYPE_RE = re.compile(r'\bTYPE="(\w+)"')
_TAG_RE = re.compile(r"</?[A-Z]+[^<>]*>")
# Control characters written as references (&#2; starts a text, &#3; ends it); "&#9;" and
# "&#10;" are whitespace and are kept.
_CONTROL_REF_RE = re.compile(r"&#(?:[0-8]|1[1-9]|2[0-9]|3[01]|12[7-9]|1[3-5][0-9]);")
_RAW_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The sign-off: "Reuter", "REUTER", "reuter...", "REUTER^M" on the last line, or after the last
# sentence on the same line ("... a tenth of an ounce. REUTER"); a few stories have it twice.
_SIGN_OFF_RE = re.compile(r"(?:(?:\n[ \t]*|(?<=[.!?\")\d])[ \t]+)reuter(?:\.{2,}|\^M)*)+\s*$", re.IGNORECASE)
_AUTHOR_CLEAN_RE = re.compile(r"^by\s+|,?\s*reuters?$", re.IGNORECASE)
_PARAGRAPH_START_RE = re.compile(r"^(?:\t| {2,})")

# Headline words kept in capitals. Titles are ALL CAPS on the wire; we title-case them but keep
# acronyms. Most acronyms have no vowel (GNP, CBT, RJR) and are kept by that rule; these are
# the ones that do have one, taken from the most frequent capitalised title words in the corpus.
ACRONYMS = frozenset("""
    ADR AMEX ASEAN CIA CPI EC ECU EEC EMS EPA EU FAA FDIC GATT GE IBM ICCO ICO IEA IMF IPO IRA IRS ITC
    ITT LDC LIBOR LME NASA NASD NASDAQ NATO NYSE OECD OPEC OTC SEC TASS UAE UK UN UPI US USA USDA USSR
    COMEX ESOP ICI ADP AG SA NV OY OAS FAO GOP PSE CME CBOE CBOT KCBOT LIFFE OAPEC UNCTAD UNESCO AIDS
""".split())
# Wire abbreviations without vowels that are ordinary words, title-cased like them: "Mln Dlrs".
WIRE_WORDS = frozenset("QTR QTLY MLN BLN PCT DLR DLRS CTS STG SHR SHRS MTH MTHS LTD ST MR MRS DR JR BBL BBLS LBS "
                       "RPT WK WKLY YR YRS FY VS".split())
SPECIAL_WORDS = {"FED": "Fed"}  # a clipped word, not an acronym: the wire's own body text writes "the Fed"
SMALL_WORDS = frozenset("a an and as at but by for from in into of on or per the to via vs with".split())
_TICKER_RE = re.compile(r"(<[^<>\s]*>)")  # <SRD>, <BP.L>
_WORD_PARTS_RE = re.compile(r"([-/])")
_AFFIXES_RE = re.compile(r"^([^A-Z0-9]*)(.*?)([^A-Z0-9.]*)$")  # '"(OPEC),' -> '"(', 'OPEC', '),'
_ORDINAL_RE = re.compile(r"\d+(?:ST|ND|RD|TH|S)")
_KEEP_RE = re.compile(r"[.&0-9]|^[IVX]{2,4}$")  # U.S., AT&T, 747, F-16, roman numerals
_VOWEL_RE = re.compile(r"[AEIOUY]")
_BODY_WORD_RE = re.compile(r"[A-Za-z]+")
_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april "
                    "june july august september october november december".split())


def read_reuters(path: Path) -> Iterator[Found | Problem]:
    """Read a Reuters-21578 .sgm file: Latin-1, about 1,000 <REUTERS> blocks, each tag on its own line.

    Raises:
        CorpusError: binary, or no <REUTERS> block at all.
        OSError: the file cannot be read.
    """
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
    if not head.strip():
        raise CorpusError(path, "empty file")
    if is_binary(head):
        raise CorpusError(path, "binary file (not text)")
    block: list[str] = []
    start = 0
    blocks = 0
    with path.open(encoding="latin-1", newline="") as stream:  # Latin-1: one 0xFC byte in reut2-017
        for number, line in enumerate(stream, start=1):
            if "<REUTERS" in line:
                if block:
                    yield Problem(str(path), "article not closed: <REUTERS> without </REUTERS>; skipped", start)
                block, start = [], number
                blocks += 1
            if start:
                block.append(line)
                if "</REUTERS>" in line:
                    yield from _read_block("".join(block), path, start)
                    block, start = [], 0
    if block:
        yield Problem(str(path), "truncated article: the file ends before </REUTERS>; skipped", start)
    if not blocks:
        raise CorpusError(path, "no <REUTERS> articles in this SGML file")


def _read_block(block: str, path: Path, line: int) -> Iterator[Found | Problem]:
    try:
        yield from _to_article(block, path, line)
    except CorpusError as error:
        yield Problem.from_error(error)


def _to_article(block: str, path: Path, line: int) -> Iterator[Found | Problem]:
    newid = _NEWID_RE.search(block[: block.find(">") + 1])
    if not newid:
        raise CorpusError(path, "article without a NEWID attribute; skipped", line)
    article_id = f"reuters-{int(newid.group(1))}"
    text_tag = _element(block, "TEXT")
    if text_tag is None:
        raise CorpusError(path, f"{article_id}: no <TEXT> element; skipped", line)
    attributes, content = text_tag
    kind = _TEXT_TYPE_RE.search(attributes)
    kind = kind.group(1).upper() if kind else "NORM"

    published = None
    try:
        published = parse_day_month_year(_field(block, "DATE"))
    except DateError as error:
        yield Problem(str(path), f"{article_id}: {error}; the article is kept without a date", line)

    author = _AUTHOR_CLEAN_RE.sub("", _field(content, "AUTHOR")).strip()
    body = _field(content, "BODY", keep_lines=True)
    title_derived = False
    running_text = ""  # what tells acronyms in the title (see readable_title)
    if body:
        dateline = _field(content, "DATELINE")
        paragraphs = _reflow(_strip_sign_off(body))
        # Taken before the dateline joins: "RIO DE JANEIRO, MARCH 18" holds no acronyms.
        running_text = "\n".join(paragraphs)
        if dateline and paragraphs:
            paragraphs[0] = f"{dateline} {paragraphs[0]}"  # "NEW YORK, Feb 26 - Showers continued ..."
        paragraphs = paragraphs or ([dateline] if dateline else [])
    elif kind == "UNPROC":
        # Raw wire text (often a table) directly in <TEXT>: keep its lines.
        raw = _strip_sign_off(_unescape(_TAG_RE.sub("", content)))
        paragraphs = [clean_line(row) for row in raw.split("\n") if clean_line(row)]
    else:
        paragraphs = []  # a BRIEF: the headline is the whole story ("Blah blah blah." follows it)
    title = readable_title(_field(content, "TITLE"), running_text)
    if not paragraphs:
        if not title:
            raise CorpusError(path, f"{article_id}: empty article (no title, no text); skipped", line)
        paragraphs, title_derived = [title], True
    if not title:
        title, title_derived = readable_title(shorten(paragraphs[0])), True
    yield Found(Article(
        article_id=article_id,
        title=title,
        title_derived=title_derived,
        body="\n\n".join(paragraphs),
        published=published,
        sources=("Reuters",),
        author=author,
        origin=str(path),
    ), line)


def _strip_sign_off(text: str) -> str:
    """Remove the closing "Reuter" sign-off(s)."""
    text = "\n" + text.rstrip()
    # Searching only the tail: a regex anchored at the end still tries every position before it.
    match = _SIGN_OFF_RE.search(text, max(0, len(text) - 80))
    return text[: match.start()] if match else text


def _unescape(text: str) -> str:
    """Drop control characters (&#3; or raw) and decode entities: "&lt;SRD>" -> "<SRD>"."""
    return _RAW_CONTROL_RE.sub("", html.unescape(_CONTROL_REF_RE.sub("", text)))


def _element(text: str, tag: str) -> tuple[str, str] | None:
    """Find <TAG attributes>content</TAG> with str.find (several times faster than a regex here).

    An element left open runs to the end of the text, as in a truncated article.
    """
    start = text.find(f"<{tag}")
    while start >= 0 and text[start + len(tag) + 1: start + len(tag) + 2] not in (">", " ", "\t", "\n"):
        start = text.find(f"<{tag}", start + 1)  # <TEXT ...> must not match <TEXTS>
    if start < 0:
        return None
    open_end = text.find(">", start)
    if open_end < 0:
        return None
    close = text.find(f"</{tag}>", open_end)
    return text[start + len(tag) + 1: open_end], text[open_end + 1: close if close >= 0 else len(text)]


def _field(text: str, tag: str, keep_lines: bool = False) -> str:
    """Return an element's text: tags removed, references decoded, whitespace collapsed unless keep_lines."""
    found = _element(text, tag)
    if found is None:
        return ""
    value = _unescape(_TAG_RE.sub("", found[1]))
    return value.strip("\n") if keep_lines else clean_line(value)


def _reflow(body: str) -> list[str]:
    """Join hard-wrapped wire lines into paragraphs; a paragraph starts with an indent."""
    paragraphs: list[list[str]] = []
    for line in body.split("\n"):
        if not line.strip():
            if paragraphs and paragraphs[-1]:
                paragraphs.append([])
            continue
        if not paragraphs or _PARAGRAPH_START_RE.match(line):
            paragraphs.append([])
        paragraphs[-1].append(line)
    return [text for text in (clean_line(" ".join(lines)) for lines in paragraphs) if text]


def readable_title(title: str, body: str = "") -> str:
    """Title-case an ALL CAPS wire headline, keeping acronyms and tickers.

    "U.S. OIL OUTPUT FALLS - OPEC" -> "U.S. Oil Output Falls - OPEC";
    "DU PONT CO <DD> 4TH QTR" -> "Du Pont Co <DD> 4th Qtr". Besides the known ones, a word the
    body writes in capitals is an acronym: "(IBC)" in the body keeps "IBC PRESIDENT ..." as
    "IBC President ...".
    """
    if title != title.upper():
        return title  # already mixed case
    acronyms = _body_acronyms(body)
    return " ".join(_title_word(word, position == 0, acronyms)
                    for position, word in enumerate(title.split(" ")))


def _body_acronyms(body: str) -> set[str]:
    """Words the body writes in capitals inside running text: "Coffee Institute (IBC) said".

    Not in a run of capitals (a shouted phrase or a table heading), and not a word the body
    also writes in lower case ("CORN" in a grain report that speaks of corn)."""
    words = _BODY_WORD_RE.findall(body)
    lower = {w.lower() for w in words if not w.isupper()}
    found: set[str] = set()
    for i, word in enumerate(words):
        if len(word) > 1 and word.isupper() and word.lower() not in lower \
                and not (i and words[i - 1].isupper()) \
                and not (i + 1 < len(words) and (words[i + 1].isupper()
                                                  or words[i + 1].lower() in _MONTHS)):
            found.add(word)  # (a word before a month is a dateline's city: "CHICAGO, March 3")
    return found


def _title_word(word: str, first: bool, acronyms: set[str]) -> str:
    lead, core, trail = _AFFIXES_RE.match(word).groups()
    plain = core.replace("'S", "")
    # Not the wire's abbreviations ("CTS") or small words ("TO"): a shouted word in the body.
    if plain in acronyms and plain not in WIRE_WORDS and plain.lower() not in SMALL_WORDS:
        return lead + core.replace("'S", "'s") + trail
    return _readable_word(word, first)


@lru_cache(maxsize=8192)
def _readable_word(word: str, first: bool) -> str:
    if "<" in word and _TICKER_RE.search(word):
        # A ticker symbol stays as it is: "<SRD>", "INC<BIGI>" -> "Inc<BIGI>".
        return "".join(part if part.startswith("<") else _readable_word(part, first and index == 0)
                       for index, part in enumerate(_TICKER_RE.split(word)) if part)
    if "/" in word or "-" in word.strip("-"):
        return "".join(part if part in "-/" else _readable_word(part, first and index == 0)
                       for index, part in enumerate(_WORD_PARTS_RE.split(word)))
    lead, core, trail = _AFFIXES_RE.match(word).groups()
    plain = core.replace("'S", "").replace("'", "")
    if not plain:
        return word
    if plain in SPECIAL_WORDS:
        core = SPECIAL_WORDS[plain] + core[len(plain):].lower()
    elif _ORDINAL_RE.fullmatch(core):
        core = core.lower()  # 1ST -> 1st, 1980S -> 1980s
    elif plain in ACRONYMS or _KEEP_RE.search(core) or (
            plain not in WIRE_WORDS and len(plain) > 1 and not _VOWEL_RE.search(plain)):
        core = core.replace("'S", "'s")  # OPEC'S -> OPEC's
    elif not first and plain.lower() in SMALL_WORDS:
        core = core.lower()
    else:
        core = _capitalise(core)
    return lead + core + trail


def _capitalise(word: str) -> str:
    """Capitalise one word: "REAGAN'S" -> "Reagan's", "O'NEILL" -> "O'Neill", "MCDONALD" -> "McDonald"."""
    result = word[:1] + word[1:].lower()
    if len(word) > 3 and word[1] == "'":
        result = result[:2] + result[2].upper() + result[3:]
    elif len(word) > 3 and word.startswith("MC"):
        result = "Mc" + result[2].upper() + result[3:]
    return result
