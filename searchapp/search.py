"""run_search(): match a SearchRequest's parsed query and filters over the snapshot, rank, and make its results."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np
from markupsafe import Markup
from whoosh.analysis import STOP_WORDS

from searchapp import schema
from searchapp.deadline import Deadline
from searchapp.querytext import ParsedQuery, build_query
from searchapp.snippets import make_snippet

# At most this many indexed words stand in for a half-typed last word ("pr" -> "president",
# "price", ...): the most frequent ones, so short prefixes stay cheap and still find the likely word.
PREFIX_EXPANSIONS = 24
# "Did you mean": a word in fewer articles than RARE_WORD may be a typo, and is corrected to a
# word within two edits that is in CORRECTION_RATIO times more articles.
RARE_WORD = 3
CORRECTION_RATIO = 10


@dataclass(frozen=True)
class Hit:
    """One search result as the page and the API show it."""

    article_id: str
    title: str
    published: str  # ISO date or ""
    sources: tuple[str, ...]
    url: str
    snippet: Markup | str
    people: tuple[str, ...]
    places: tuple[str, ...]
    organizations: tuple[str, ...]


@dataclass(frozen=True)
class Correction:
    """A "did you mean" suggestion that would match more articles."""

    q: str
    total: int


@dataclass(frozen=True)
class RelaxedFilter:
    """For zero results: what removing one active filter would give."""

    label: str
    args: dict  # the search args without this filter
    total: int


@dataclass(frozen=True)
class Matches:
    """Which documents match: the text query's matches intersected with the filters, and scores."""

    text_query: ParsedQuery
    text_mask: np.ndarray  # documents matching the text alone
    mask: np.ndarray  # ... and every filter
    scores: np.ndarray | None  # relevance per docnum (None when browsing without text)
    notes: tuple[str, ...] = ()  # parts of the query that had to be narrowed

    @property
    def total(self) -> int:
        return int(self.mask.sum())


def expand_prefix(data, prefix: str, limit: int = PREFIX_EXPANSIONS) -> tuple[str, ...]:
    """Return the `limit` most frequent indexed words that start with prefix, stop words left out.

    Title and body drop stop words, so "th" -> "the", "that", "this" would match nearly every
    article and be marked in every snippet. Asking for len(STOP_WORDS) more words than needed
    leaves `limit` after filtering whenever the index has that many.
    """
    words = data.text.lexicon.most_frequent_with_prefix(schema.WORDS, prefix, limit + len(STOP_WORDS))
    return tuple(w for w in words if w not in STOP_WORDS)[:limit]


def parse_query(searcher, data, q: str) -> ParsedQuery:
    """Parse q once for everything a request does with it: its last word widened by the snapshot's words."""
    return build_query(q, searcher.schema, lambda p: expand_prefix(data, p))


def match(searcher, data, req, text_query: ParsedQuery, deadline: Deadline | None = None) -> Matches:
    """Find every document that matches req (what is found in time, past the deadline)."""
    notes: tuple[str, ...] = ()
    if text_query.query is None:
        text_mask, scores = data.all_mask(), None
    else:
        text_mask, scores, notes = data.text.run(text_query.query, searcher, deadline)
        text_mask &= data.live
    return Matches(text_query, text_mask, text_mask & data.mask_for(req), scores, notes)


def page_docnums(searcher, data, req, matches: Matches, page_size: int) -> list[int]:
    """Return the docnums of the requested page in the requested order."""
    start = (req.page - 1) * page_size
    if start >= matches.total:
        return []
    candidates = np.flatnonzero(matches.mask)
    days = data.day[candidates].astype(np.int64)
    if req.effective_sort == "relevance" and matches.scores is not None:
        scores = matches.scores[candidates]
        wanted = start + page_size
        if wanted < len(candidates):
            # Only the best `wanted` need sorting: partition first (O(n)), then sort those, with
            # every article that ties the last one kept: which of equal scores make the page is
            # the sort's (newer first), not the partition's arbitrary pick (pages repeated and
            # skipped articles of equal scores: tests/test_engine_referee.py).
            threshold = scores[np.argpartition(-scores, wanted - 1)[wanted - 1]]
            keep = np.flatnonzero(scores >= threshold)
            candidates, scores, days = candidates[keep], scores[keep], days[keep]
        # Best score first; among equals, the newer article, then the lower docnum.
        order = np.lexsort((candidates, -days, -scores))
        return candidates[order[start:start + page_size]].tolist()
    if req.effective_sort == "oldest":
        # Undated articles last, then by day, then by docnum for a stable order.
        keys = np.where(days > 0, days, np.iinfo(np.int64).max)
    else:
        keys = -days
    order = np.lexsort((candidates, keys))
    return candidates[order[start:start + page_size]].tolist()


def safe_link(url: str) -> str:
    """Return url when it is a web address that can be a link, else "" (no javascript: URLs)."""
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else ""


def to_hit(stored: dict, words: frozenset[str]) -> Hit:
    """Turn a document's stored fields into a Hit with a highlighted snippet."""
    return Hit(
        article_id=stored[schema.ARTICLE_ID],
        title=stored.get(schema.TITLE, ""),
        published=stored.get(schema.PUBLISHED, ""),
        sources=schema.split_values(stored.get(schema.SOURCES)),
        url=safe_link(stored.get(schema.URL, "")),
        snippet=make_snippet(stored.get(schema.BODY, ""), words),
        people=schema.split_values(stored.get(schema.PEOPLE)),
        places=schema.split_values(stored.get(schema.PLACES)),
        organizations=schema.split_values(stored.get(schema.ORGANIZATIONS)),
    )


def suggest_correction(searcher, data, req, parsed: ParsedQuery, total: int,
                       deadline: Deadline | None = None) -> Correction | None:
    """Return a spelling correction of the parsed query's words that matches more articles.

    Only while there is time: past the deadline there is no suggestion.
    """
    deadline = deadline or Deadline.none()
    reader = searcher.reader()
    corrections = []
    for word in parsed.words:
        if deadline.expired():
            return None
        lower = word.text.lower()
        if lower == parsed.prefix and parsed.expansions:
            continue  # still being typed, and it already matches as a prefix
        freq = reader.doc_frequency(schema.WORDS, lower)
        if freq >= RARE_WORD:
            continue
        # A word the archive (nearly) never uses: a typo, unless a close word is far more common.
        # Real archives contain typos too ("presidnet" once in Reuters), hence "rare", not "absent".
        best = data.text.lexicon.closest_common_word(schema.WORDS, lower, 2,
                                                     min_freq=max(2, CORRECTION_RATIO * freq),
                                                     deadline=deadline)
        if best:
            corrections.append((word, best))
    if not corrections:
        return None
    alt_query = parsed.corrected(corrections, searcher.schema, lambda p: expand_prefix(data, p))
    if deadline.expired():
        return None
    alt = match(searcher, data, req, alt_query, deadline)
    return Correction(alt_query.text, alt.total) if alt.total > total and not deadline.hit else None


@dataclass(frozen=True)
class SearchResults:
    """Everything a results page or the API shows for one SearchRequest."""

    request: "SearchRequest"
    total: int
    page: int
    page_count: int
    hits: tuple[Hit, ...]
    facets: tuple
    published: object  # facets.DateHistogram
    mentioned: object  # facets.DateHistogram
    did_you_mean: Correction | None
    relaxed: tuple[RelaxedFilter, ...]  # only when there are no results
    notice: str
    corpus_size: int
    index_version: int = 0  # the index generation every number here was computed on
    page_size: int = 10
    max_page: int = 1000
    mask: np.ndarray = field(repr=False, compare=False, default=None)  # every matching docnum
    timed_out: bool = False  # the deadline stopped part of the search: results may be incomplete
    countries: tuple = ()  # facets.CountryValue: the place facet rolled up to countries

    @property
    def first_rank(self) -> int:
        """The rank of the first hit on this page (1 on page 1)."""
        return (self.page - 1) * self.page_size + 1


def _relaxations(searcher, data, req, text_mask: np.ndarray) -> tuple[RelaxedFilter, ...]:
    """For each active filter, how many results there would be without it."""
    options = []
    for facet in schema.FACETS:
        for value in req.values(facet.param):
            options.append((f"{facet.param}: {value}", facet.param, value,
                            req.toggle(facet.param, value)))
        for value in req.excluded(facet.param):
            options.append((f"not {facet.param}: {value}", "not_" + facet.param, value,
                             req.toggle_exclude(facet.param, value)))
    for country in req.countries:
        options.append((f"country: {country}", "country", country, req.toggle_country(country)))
    for period in req.mentioned:
        options.append((f"mentions {period}", "mentioned", period, req.toggle_mentioned(period)))
    if req.date_from or req.date_to:
        label = f"{req.date_from or '…'} to {req.date_to or '…'}"
        options.append((f"published {label}", "dates", "", req.with_dates(None, None)))
    relaxed = []
    for label, _param, _value, without in options:
        total = int((text_mask & data.mask_for(without)).sum())
        relaxed.append(RelaxedFilter(label, without.to_args(), total))
    return tuple(sorted(relaxed, key=lambda r: -r.total))


def run_search(searcher, data, req, limits, deadline: Deadline | None = None) -> SearchResults:
    """Run req against the searcher: hits of the page, total, facets, histograms, suggestions.

    What would run past the deadline stops there: the results are what was found in time,
    with a notice (and timed_out) saying so.
    """
    deadline = deadline or Deadline.none()
    text_query = parse_query(searcher, data, req.q)
    matches = match(searcher, data, req, text_query, deadline)
    total = matches.total
    hits = tuple(to_hit(searcher.stored_fields(d), text_query.highlights)
                 for d in page_docnums(searcher, data, req, matches, limits.page_size))
    from searchapp import facets as facet_views

    did_you_mean = None
    if req.q and total < limits.page_size:
        did_you_mean = suggest_correction(searcher, data, req, text_query, total, deadline)
    relaxed = _relaxations(searcher, data, req, matches.text_mask) if total == 0 else ()
    return SearchResults(
        request=req, total=total, page=req.page,
        page_count=max(1, -(-total // limits.page_size)),
        hits=hits,
        facets=facet_views.build_groups(data, matches.mask, req, limits.facet_size,
                                        limits.more_size),
        published=facet_views.published_histogram(data, matches.mask, req),
        mentioned=facet_views.mentioned_histogram(data, matches.mask, req),
        did_you_mean=did_you_mean, relaxed=relaxed,
        notice=" ".join(filter(None, (text_query.notice, *matches.notes, deadline.notice))),
        corpus_size=int(data.live.sum()), index_version=data.generation,
        page_size=limits.page_size, max_page=limits.max_page,
        mask=matches.mask, timed_out=deadline.hit,
        countries=facet_views.country_values(data, matches.mask, req, limits.facet_size),
    )
