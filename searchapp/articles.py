"""Article and Entities: the frozen value types that flow from the readers to the index; no I/O."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

# A URL-safe id: letters, digits, '-', '_' and '.', at most 120 characters.
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")


@dataclass(frozen=True)
class Article:
    """One news article as a reader found it, before entity extraction."""

    article_id: str
    title: str
    body: str  # paragraphs separated by one blank line ("\n\n")
    published: date | None = None
    title_derived: bool = False  # True when the title was made from the first sentence
    sources: tuple[str, ...] = ()  # news agencies, e.g. ("AFP", "AP", "Reuters")
    url: str = ""
    author: str = ""
    origin: str = ""  # where it came from: a file path, plus "#NEWID" or ":row" inside a file
    subheadings: tuple[str, ...] = ()  # paragraphs of the body that are subheadings

    @property
    def text(self) -> str:
        """The text entity extraction reads: title (unless derived from the body) and body."""
        if self.title and not self.title_derived:
            return f"{self.title}\n\n{self.body}"
        return self.body

    def content_hash(self) -> str:
        """Hash everything that ends up in the index, so a changed article is re-indexed."""
        parts = [
            self.article_id, self.title, str(self.title_derived), self.body,
            self.published.isoformat() if self.published else "",
            "|".join(self.sources), self.url, self.author, "|".join(self.subheadings),
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Entities:
    """What extraction found in one article: canonical names and ISO dates, each sorted and unique."""

    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    # Mentioned dates as ISO strings whose length is their precision:
    # "2023-02-22" (day), "2023-02" (month), "2023" (year).
    dates: tuple[str, ...] = ()
    # The countries of the places (a city's country, and a country itself), so a search for a
    # country can include its cities.
    countries: tuple[str, ...] = field(default=())


def text_hash(text: str) -> str:
    """Hash the text extraction reads; the extraction cache is keyed on it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def slugify(value: str, max_length: int = 80) -> str:
    """Make a lowercase ASCII slug: "Wang Yi meets Putin!" -> "wang-yi-meets-putin"."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:max_length].rstrip("-")


def make_article_id(*, source_id: str = "", url: str = "", filename: str = "", text: str = "") -> str:
    """Choose a stable, URL-safe id: the source's own id, else a URL slug, else the file name, else a hash.

    >>> make_article_id(filename="000_5cd5df0be4793570.txt")
    '000_5cd5df0be4793570'
    """
    if source_id:
        candidate = re.sub(r"[^A-Za-z0-9._-]+", "-", source_id).strip("-.")
        if candidate and ID_RE.match(candidate):
            return candidate
    if url:
        path = re.sub(r"^[a-z]+://[^/]+", "", url.strip()).rstrip("/")
        last = path.rsplit("/", 1)[-1] or path
        last = re.sub(r"\.(html?|php|aspx?)$", "", last)
        slug = slugify(last, 100)
        if slug:
            # A slug alone could collide across sites; a short hash of the whole URL keeps it unique.
            return f"{slug}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"
    if filename:
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", filename.rsplit("/", 1)[-1])
        candidate = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")
        if candidate and ID_RE.match(candidate):
            return candidate
    return "h-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
