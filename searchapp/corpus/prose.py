"""Shape article text the same way for every format: paragraphs, subheadings, agency lines, titles."""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TITLE_CHARS = 100  # a derived title is cut at a word boundary near this length
MAX_GIVEN_TITLE_CHARS = 300  # a title given by the source is kept whole up to this length
MAX_SUBHEADING_CHARS = 100
_WRAPPED_LINE_CHARS = 120  # hard-wrapped text never has lines longer than this

# Control characters other than tab and newline; some wire texts and broken files carry them.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
_BLANK_LINES_RE = re.compile(r"\n[ \t\xa0\u3000]*\n")
_INDENT_RE = re.compile(r"^(?:\t| {2,})")
# Ends a sentence or a heading: ". ! ? : ; , …", maybe followed by closing quotes or brackets.
_END_PUNCTUATION_RE = re.compile(r"[.!?:;,…][\"”’»)\]]*$")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"”’»)\]]*(?=\s+[\"“‘«(\[]?[A-Z0-9])")
# A word ending in "." that does not end a sentence: initials (U.S., J.), titles and months.
_ABBREVIATION_RE = re.compile(
    r"^[\"“‘(]?(?:(?:[A-Za-z]\.)+|(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|Rev|Hon"
    r"|No|Nos|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs|approx)\.)$"
)
# A closing agency line: "(AFP, AP, Reuters)", "(dpa/AFP)".
_SOURCES_LINE_RE = re.compile(r"^\(([^()]{1,80})\)$")
_SOURCE_SPLIT_RE = re.compile(r"\s*[,;/]\s*")
# Agencies taken whatever their shape, compared case-folded: the shape rule of is_agency_name
# would miss "dpa" (lower case) or "Dow Jones" (not ending in an agency word).
KNOWN_AGENCIES = frozenset({
    "afp", "ap", "dpa", "reuters", "upi", "ansa", "efe", "tass", "itar-tass", "ria novosti", "interfax",
    "xinhua", "kyodo", "jiji", "yonhap", "pti", "ians", "aap", "anadolu", "bernama", "antara", "apa",
    "dow jones", "bloomberg", "al jazeera", "thomson reuters", "press trust of india",
})
# The last word of a multi-word agency: "Associated Press", "Kyodo News", "Anadolu Agency". Other
# short names in parentheses are companies or table labels: "(Electro Scientific Industries)",
# "(ALL DISCS)" in Reuters.
_AGENCY_WORDS = {"press", "presse", "news", "agency", "agence", "agencia", "agenzia", "agentur",
                 "newswire", "wire", "service"}
# Wire notes in parentheses start with one of these: "(Corrects figure)", "(Adds quote)", "(END)".
_NOTE_WORDS = {"adds", "corrects", "corrected", "correcting", "correction", "updates", "updated",
               "recasts", "repeats", "refiles", "changes", "changing", "fixes", "clarifies", "removes",
               "inserts", "amends", "note", "see", "please", "end", "ends", "more", "continued"}


@dataclass(frozen=True)
class Body:
    """A body shaped for an Article: its text, its subheadings and the agencies named at its end."""

    text: str
    subheadings: tuple[str, ...]
    sources: tuple[str, ...]


def clean_line(text: str) -> str:
    """Collapse whitespace and drop control characters: "  Wang\tYi \n" -> "Wang Yi"."""
    return " ".join(_CONTROL_RE.sub("", text).split())


def to_paragraphs(text: str) -> list[str]:
    """Split text into clean one-line paragraphs at blank lines (and indents in hard-wrapped text)."""
    text = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[str] = []
    for block in _BLANK_LINES_RE.split(text):
        lines = [line for line in block.split("\n") if line.strip()]
        if any(len(line) > _WRAPPED_LINE_CHARS for line in lines):
            # One paragraph per line: the text is not hard-wrapped.
            paragraphs.extend(clean_line(line) for line in lines)
            continue
        current: list[str] = []
        for line in lines:
            if current and _INDENT_RE.match(line):
                paragraphs.append(clean_line(" ".join(current)))
                current = []
            current.append(line)
        if current:
            paragraphs.append(clean_line(" ".join(current)))
    return [paragraph for paragraph in paragraphs if paragraph]


def is_subheading(paragraph: str) -> bool:
    """Tell whether a paragraph reads as a subheading: short, a few words, no closing punctuation."""
    words = paragraph.split()
    first = paragraph.lstrip("\"“‘«")[:1]
    return (
        len(paragraph) <= MAX_SUBHEADING_CHARS
        and 2 <= len(words) <= 16
        and (first.isupper() or first.isdigit())
        and not _END_PUNCTUATION_RE.search(paragraph)
    )


def is_agency_name(name: str) -> bool:
    """Tell whether one part of a closing line names an agency: "AFP", "dpa", "Kyodo News".

    Not: "Reporting by John Smith", "Corrects figure", "PREVIOUS CLOSE 72.4", "cts per lb".
    """
    if name.casefold() in KNOWN_AGENCIES:
        return True
    words = name.split()
    if not 1 <= len(words) <= 3 or any(c.isdigit() for c in name) or not all(w[0].isupper() for w in words):
        return False
    if words[0].casefold() in _NOTE_WORDS:
        return False
    return len(words) == 1 or words[-1].casefold() in _AGENCY_WORDS


def parse_sources_line(paragraph: str) -> tuple[str, ...]:
    """Read a closing agency line: "(AFP, AP, Reuters)" -> ("AFP", "AP", "Reuters"); else ()."""
    match = _SOURCES_LINE_RE.match(paragraph)
    if not match:
        return ()
    names = [name for name in _SOURCE_SPLIT_RE.split(match.group(1).strip()) if name]
    return tuple(names) if names and all(is_agency_name(name) for name in names) else ()


def split_sources(value: str) -> tuple[str, ...]:
    """Split a sources field: "AFP; AP, Reuters" -> ("AFP", "AP", "Reuters")."""
    return tuple(name for name in (clean_line(part) for part in re.split(r"[,;]", value)) if name)


def merge_sources(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """Join source lists, keeping the first spelling of each name and the order."""
    seen: dict[str, str] = {}
    for group in groups:
        for name in group:
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def shape_body(paragraphs: list[str]) -> Body:
    """Take the closing agency line off the paragraphs and find the subheadings between them."""
    sources: tuple[str, ...] = ()
    if len(paragraphs) > 1:
        sources = parse_sources_line(paragraphs[-1])
        if sources:
            paragraphs = paragraphs[:-1]
    # A subheading sits between paragraphs: never the first or the last one.
    subheadings = tuple(dict.fromkeys(p for p in paragraphs[1:-1] if is_subheading(p)))
    return Body("\n\n".join(paragraphs), subheadings, sources)


def first_sentence(paragraph: str) -> str:
    """Return the first sentence of a paragraph, not fooled by "U.S." or "Mr."."""
    for match in _SENTENCE_END_RE.finditer(paragraph):
        words = paragraph[: match.start() + 1].split()
        if words and _ABBREVIATION_RE.match(words[-1]):
            continue
        return paragraph[: match.end()]
    return paragraph


def shorten(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """Cut text at a word boundary at most `limit` characters in, adding "…" when cut."""
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit + 1)
    if space < limit * 0.6:  # one very long word: cut inside it
        space = limit
    return text[:space].rstrip(" ,;:-–—") + "…"


def derive_title(body: str) -> str:
    """Make a title from the first sentence of a body, without a final full stop."""
    sentence = first_sentence(clean_line(body.split("\n\n", 1)[0]))
    if sentence.endswith(".") and not sentence.endswith("..") and len(sentence) > 1:
        sentence = sentence[:-1].rstrip()  # "date date ." -> "date date"
    return shorten(sentence)


def clean_title(title: str) -> str:
    """Make a given title one line of reasonable length."""
    return shorten(clean_line(title), MAX_GIVEN_TITLE_CHARS)
