"""Load one article for its permalink page: paragraphs, entities, highlights, related articles."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from whoosh import collectors, query

from searchapp import schema
from searchapp.deadline import Deadline
from searchapp.querytext import ParsedQuery
from searchapp.search import safe_link
from searchapp.snippets import mark

RELATED = 5


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the body; text is escaped Markup when query words are highlighted."""

    text: Markup | str
    is_subheading: bool


@dataclass(frozen=True)
class Related:
    article_id: str
    title: str
    published: str


@dataclass(frozen=True)
class ArticlePage:
    """Everything the permalink page and /api/articles/<id> show."""

    article_id: str
    title: str
    title_derived: bool
    published: str
    sources: tuple[str, ...]
    url: str
    author: str
    origin: str
    paragraphs: tuple[Paragraph, ...]
    people: tuple[str, ...]
    places: tuple[str, ...]
    organizations: tuple[str, ...]
    dates: tuple[str, ...]
    related: tuple[Related, ...]
    q: str
    body: str
    notice: str = ""  # what had to be cut short (related articles found before the deadline)


class _DeadlineCollector(collectors.WrappingCollector):
    """Stops collecting when the deadline passes, keeping what was found (as TimeLimitCollector
    does, but on the request's injectable clock instead of a timer thread and SIGALRM)."""

    def __init__(self, child, deadline: Deadline) -> None:
        super().__init__(child)
        self.deadline = deadline

    def collect_matches(self):
        for sub_docnum in self.child.matches():
            if self.deadline.expired():
                raise collectors.TimeLimit
            self.child.collect(sub_docnum)


def find_related(searcher, docnum: int, stored: dict,
                 deadline: Deadline | None = None) -> tuple[Related, ...]:
    """Return articles like this one: sharing its people and places, and its key words
    (the best found before the deadline)."""
    # More-like-this on the words alone misses the obvious link in news: the same people and
    # places. So both count, the entities more.
    terms = [query.Term(field, value, boost=2.0)
             for field in (schema.PEOPLE, schema.PLACES, schema.ORGANIZATIONS)
             for value in schema.split_values(stored.get(field))]
    key_words = searcher.key_terms_from_text(schema.BODY, stored.get(schema.BODY, ""), numterms=10)
    terms += [query.Term(schema.BODY, word) for word, _score in key_words]
    if not terms:
        return ()
    collector = _DeadlineCollector(searcher.collector(limit=RELATED + 1),
                                   deadline or Deadline.none())
    try:
        searcher.search_with_collector(query.Or(terms), collector)
    except collectors.TimeLimit:
        pass  # the collector keeps the best hits found until then
    hits = collector.results()
    return tuple(Related(hit[schema.ARTICLE_ID], hit.get(schema.TITLE, ""),
                         hit.get(schema.PUBLISHED, ""))
                 for hit in hits if hit.docnum != docnum)[:RELATED]


def load(searcher, article_id: str, parsed: ParsedQuery | None,
         deadline: Deadline | None = None) -> ArticlePage | None:
    """Return the article's page with the words of the parsed query (search.parse_query) marked
    as in the search's snippets, or None when no article has that id."""
    deadline = deadline or Deadline.none()
    docnum = searcher.document_number(**{schema.ARTICLE_ID: article_id})
    if docnum is None:
        return None
    stored = searcher.stored_fields(docnum)
    body = stored.get(schema.BODY, "")
    subheadings = set(stored.get(schema.SUBHEADINGS) or ())
    words = parsed.highlights if parsed is not None else frozenset()
    paragraphs = tuple(
        Paragraph(mark(p, words), p in subheadings)
        for p in body.split("\n\n") if p.strip()
    )
    related = find_related(searcher, docnum, stored, deadline)
    return ArticlePage(
        article_id=article_id, title=stored.get(schema.TITLE, ""),
        title_derived=bool(stored.get(schema.TITLE_DERIVED)),
        published=stored.get(schema.PUBLISHED, ""),
        sources=schema.split_values(stored.get(schema.SOURCES)),
        url=safe_link(stored.get(schema.URL, "")), author=stored.get(schema.AUTHOR, ""),
        origin=stored.get(schema.ORIGIN, ""), paragraphs=paragraphs,
        people=schema.split_values(stored.get(schema.PEOPLE)),
        places=schema.split_values(stored.get(schema.PLACES)),
        organizations=schema.split_values(stored.get(schema.ORGANIZATIONS)),
        dates=schema.split_values(stored.get(schema.DATES)),
        related=tuple(related), q=parsed.text if parsed is not None else "", body=body,
        notice=deadline.notice,
    )
