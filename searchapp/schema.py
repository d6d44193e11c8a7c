"""The Whoosh schema: field names, the FACETS registry, and to_document(article, entities)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from whoosh import columns
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from searchapp.analysis import PlainAnalyzer, StemmingAnalyzer
from searchapp.articles import Article, Entities

# Field names: the only place they are spelled out.
ARTICLE_ID = "article_id"
TITLE = "title"
TITLE_DERIVED = "title_derived"
BODY = "body"
WORDS = "words"  # unstemmed title + body, for as-you-type prefixes ("presiden" must match "president")
PUBLISHED = "published"  # ISO date string, stored
DAY = "day"  # publication day as date.toordinal(); 0 when unknown; sortable column
SOURCES = "sources"
URL = "url"
AUTHOR = "author"
ORIGIN = "origin"
FILE_SIG = "file_sig"  # "size:mtime_ns" of the origin file, so an unchanged file is not re-read
CONTENT_HASH = "content_hash"
SUBHEADINGS = "subheadings"
PEOPLE = "people"
PLACES = "places"
ORGANIZATIONS = "organizations"
COUNTRIES = "countries"
DATES = "dates"  # mentioned dates, ISO strings of day, month or year precision
# The Entities attributes in order, and the field that stores each.
ENTITY_FIELDS = (PEOPLE, PLACES, ORGANIZATIONS, DATES, COUNTRIES)
# Tokenised copies of the entity names, so `person:putin` matches "Vladimir Putin".
PEOPLE_TEXT = "people_text"
PLACES_TEXT = "places_text"
ORGANIZATIONS_TEXT = "organizations_text"
# How the article names each of its people, places and organisations: stored records
# (kind, name, mentions, other spellings), see entities.surfaces. Indexed twice for the entity
# pages: MENTIONED holds "kind:name" with the mentions as its term frequency (the articles that
# name someone most are the heaviest postings); SPELLINGS holds "kind:name|spelling".
MENTIONS = "mentions"
MENTIONED = "mentioned"
SPELLINGS = "spellings"
MENTION_KINDS = ("person", "place", "org")
# A Mention record: (kind, name, mentions, other spellings).
Mention = tuple[str, str, int, tuple[str, ...]]
MAX_MENTIONS = 255  # the term frequency kept; no article names anyone more often in practice


@dataclass(frozen=True)
class Facet:
    """One facet: its URL parameter, its exact-valued index field, and its label."""

    param: str
    field: str
    label: str
    text_field: str  # the tokenised field the query language's `param:` prefix searches


# The single table that maps URL param <-> field <-> label.
FACETS: tuple[Facet, ...] = (
    Facet("person", PEOPLE, "People", PEOPLE_TEXT),
    Facet("place", PLACES, "Places", PLACES_TEXT),
    Facet("org", ORGANIZATIONS, "Organisations", ORGANIZATIONS_TEXT),
)
FACET_BY_PARAM = {facet.param: facet for facet in FACETS}

# Values of multi-valued fields are joined with commas, so a name may not contain one.
_SEPARATOR = ","


def _keyword() -> KEYWORD:
    return KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)


def build_schema() -> Schema:
    """Return the schema of the index."""
    plain = PlainAnalyzer()
    return Schema(
        **{
            ARTICLE_ID: ID(unique=True, stored=True),
            TITLE: TEXT(stored=True, field_boost=2.0, analyzer=StemmingAnalyzer()),
            TITLE_DERIVED: STORED(),
            BODY: TEXT(stored=True, analyzer=StemmingAnalyzer()),
            # Only prefixes are looked up here, never phrases: no positions, a third less to write.
            WORDS: TEXT(analyzer=plain, phrase=False),
            PUBLISHED: STORED(),
            # A column only: dates are filtered and counted in numpy (facets.IndexData), never
            # searched through the index, so no postings (8 terms per article as a NUMERIC).
            DAY: COLUMN(columns.NumericColumn("I")),
            SOURCES: _keyword(),
            URL: STORED(),
            AUTHOR: STORED(),
            ORIGIN: ID(stored=True),
            FILE_SIG: STORED(),
            CONTENT_HASH: STORED(),
            SUBHEADINGS: STORED(),
            PEOPLE: _keyword(),
            PLACES: _keyword(),
            ORGANIZATIONS: _keyword(),
            COUNTRIES: _keyword(),
            DATES: _keyword(),
            PEOPLE_TEXT: TEXT(analyzer=plain),
            PLACES_TEXT: TEXT(analyzer=plain),
            ORGANIZATIONS_TEXT: TEXT(analyzer=plain),
            **added_fields(),
        }
    )


def added_fields() -> dict:
    """The fields added since the first index format, with their types: an index made before
    gets them from add_missing_fields(), its old articles when they are written again."""
    return {
        MENTIONS: STORED(),
        MENTIONED: KEYWORD(commas=True, lowercase=False, scorable=True),
        SPELLINGS: KEYWORD(commas=True, lowercase=False, scorable=False),
    }


def add_missing_fields(ix) -> bool:
    """Add to an existing index the fields its schema lacks (one commit); tell whether it did."""
    missing = {name: field for name, field in added_fields().items() if name not in ix.schema}
    if not missing:
        return False
    writer = ix.writer()
    try:
        for name, field in missing.items():
            writer.add_field(name, field)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return True


def join_values(values: tuple[str, ...]) -> str:
    """Join canonical values for a KEYWORD(commas=True) field, dropping commas inside a value."""
    return _SEPARATOR.join(v.replace(_SEPARATOR, " ").strip() for v in values if v.strip())


def split_values(stored: str | None) -> tuple[str, ...]:
    """Split a stored KEYWORD value back into its values."""
    return tuple(v for v in (stored or "").split(_SEPARATOR) if v)


def to_day(published: date | None) -> int:
    """Turn a publication date into the DAY column value (0 = unknown)."""
    return published.toordinal() if published else 0


def from_stored(fields: dict) -> Article:
    """Rebuild the Article a document was made from, from its stored fields (to_document's inverse)."""
    published = fields.get(PUBLISHED) or ""
    return Article(
        article_id=fields[ARTICLE_ID],
        title=fields.get(TITLE, ""),
        body=fields.get(BODY, ""),
        published=date.fromisoformat(published) if published else None,
        title_derived=bool(fields.get(TITLE_DERIVED, False)),
        sources=split_values(fields.get(SOURCES)),
        url=fields.get(URL, ""),
        author=fields.get(AUTHOR, ""),
        origin=fields.get(ORIGIN, ""),
        subheadings=tuple(fields.get(SUBHEADINGS) or ()),
    )


def stored_entities(fields: dict) -> Entities:
    """Return the Entities a document was written with."""
    return Entities(*(split_values(fields.get(name)) for name in ENTITY_FIELDS))


def stored_mentions(fields: dict) -> tuple[Mention, ...]:
    """Return the Mention records a document was written with (() before they were kept)."""
    return tuple((kind, name, count, tuple(spellings))
                 for kind, name, count, spellings in fields.get(MENTIONS) or ())


def _term(kind: str, name: str) -> str:
    return f"{kind}:{name}".replace(_SEPARATOR, " ")


def mentioned_term(kind: str, name: str) -> str:
    """The MENTIONED term of an entity ("person:James Baker")."""
    return _term(kind, name)


def spelling_prefix(kind: str, name: str) -> str:
    """What every SPELLINGS term of an entity starts with ("person:James Baker|")."""
    return _term(kind, name) + "|"


def to_document(article: Article, entities: Entities, file_sig: str = "",
                mentions: tuple[Mention, ...] = ()) -> dict:
    """Turn an article, its entities and how it names them into the fields of one Whoosh document."""
    doc = {
        ARTICLE_ID: article.article_id,
        TITLE: article.title,
        TITLE_DERIVED: article.title_derived,
        BODY: article.body,
        WORDS: f"{article.title}\n{article.body}",
        PUBLISHED: article.published.isoformat() if article.published else "",
        DAY: to_day(article.published),
        SOURCES: join_values(article.sources),
        URL: article.url,
        AUTHOR: article.author,
        ORIGIN: article.origin,
        FILE_SIG: file_sig,
        CONTENT_HASH: article.content_hash(),
        SUBHEADINGS: list(article.subheadings),
        PEOPLE: join_values(entities.people),
        PLACES: join_values(entities.places),
        ORGANIZATIONS: join_values(entities.organizations),
        COUNTRIES: join_values(entities.countries),
        DATES: join_values(entities.dates),
        PEOPLE_TEXT: " ".join(entities.people),
        PLACES_TEXT: " ".join(entities.places),
        ORGANIZATIONS_TEXT: " ".join(entities.organizations),
        MENTIONS: [list(record) for record in mentions] if mentions else "",
        MENTIONED: _SEPARATOR.join(_SEPARATOR.join([_term(kind, name)] * min(count, MAX_MENTIONS))
                                   for kind, name, count, _spellings in mentions),
        SPELLINGS: _SEPARATOR.join(_term(kind, name) + "|" + spelling.replace(_SEPARATOR, " ")
                                   for kind, name, _count, spellings in mentions
                                   for spelling in spellings),
    }
    # Whoosh rejects empty strings in some field types less gracefully than a missing field.
    return {name: value for name, value in doc.items() if value != ""}
