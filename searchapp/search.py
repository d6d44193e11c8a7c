"""build_query() and run_search(): the only code that turns a SearchRequest into Whoosh queries and results."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np
from markupsafe import Markup
from whoosh import qparser, query
from whoosh.analysis import STOP_WORDS
from whoosh.fields import Schema

from searchapp import schema
from searchapp.deadline import Deadline
from searchapp.snippets import make_snippet, stem

# At most this many indexed words stand in for a half-typed last word ("pr" -> "president",
# "price", ...): the most frequent ones, so short prefixes stay cheap and still find the likely word.
PREFIX_EXPANSIONS = 24
MIN_PREFIX = 2
# "Did you mean": a word in fewer articles than RARE_WORD may be a typo, and is corrected to a
# word within two edits that is in CORRECTION_RATIO times more articles.
RARE_WORD = 3
CORRECTION_RATIO = 10
_LAST_WORD = re.compile(r"(?:^|\s)([^\W_][\w'’.-]*)$")
# Query-language prefixes users type; the tokenised fields they search.
FIELD_ALIASES = {
    schema.PEOPLE_TEXT: ["person", "people"],
    schema.PLACES_TEXT: ["place", "places"],
    schema.ORGANIZATIONS_TEXT: ["org", "orgs", "organization", "organisation"],
}
# The only fields a query may name (`title:cocoa`, `person:putin`): indexed, tokenised, with
# positions. Any other `name:` (stored-only fields such as the file path, ids, the unstemmed
# prefix field) is read as plain words, so the index answers no question about the server.
SEARCHABLE_FIELDS = (schema.TITLE, schema.BODY, *FIELD_ALIASES)
# Phrases and proximity ("a b"~N) are checked document by document (scoring.TextIndex._phrase),
# at a cost that grows with repeated words, length and slop (Whoosh's own matcher took 9 s for
# two 40-word phrases of one word, ~99999): the same word in a row counts once, and slop and
# length are capped.
MAX_SLOP = 20
MAX_PHRASE_WORDS = 8
# Whoosh's parser takes time with the depth of nested groups (60 levels: 0.15 s): deeper
# brackets are dropped (their words stay).
MAX_GROUP_DEPTH = 8


# ---- query building ----------------------------------------------------------------------

def make_parser(index_schema) -> qparser.QueryParser:
    """Return the parser for user text: title and body, with the query language's plugins."""
    parser = qparser.MultifieldParser([schema.TITLE, schema.BODY],
                                      searchable_schema(index_schema))
    # Leading wildcards scan the whole vocabulary; prefixes ("presid*") are all users need.
    parser.remove_plugin_class(qparser.WildcardPlugin)
    # Ranges ("[a TO z]") are not part of the query language: the words are searched.
    parser.remove_plugin_class(qparser.RangePlugin)
    parser.add_plugin(qparser.PrefixPlugin())
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.PlusMinusPlugin())
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    return parser


def searchable_schema(index_schema) -> Schema:
    """Return the part of the schema a query may name: the SEARCHABLE_FIELDS the index has."""
    part = Schema()  # a few microseconds: the field objects are shared, not copied
    for name in SEARCHABLE_FIELDS:
        if name in index_schema:
            part.add(name, index_schema[name])
    return part


def parse_text(parser: qparser.QueryParser, q: str) -> tuple[query.Query, str]:
    """Parse q; when Whoosh's parser fails on a combination of operators, search its words.

    Whoosh's parser is lenient with most input but raises on some operator chains ("NOT NOT x",
    "-NOT a": IndexError on an empty group; "title:(-)": NotImplementedError for a lone minus;
    "TO] ANDMAYBE ANDMAYBE x": a failed assert in a binary group). Found by tests/test_query_grammar.py.
    """
    try:
        return parser.parse(q), ""
    except (IndexError, NotImplementedError, AssertionError):
        # Lower case: AND/OR/NOT are operators only in capitals.
        words = " ".join(re.findall(r"[^\W_]+", q)).lower()
        return parser.parse(words), ("Some operators of your query could not be read "
                                     "together, so its words were searched.")


def flatten_deep_groups(q: str, max_depth: int = MAX_GROUP_DEPTH) -> tuple[str, str]:
    """Drop the brackets nested deeper than max_depth (outside quotes); return (text, notice)."""
    if q.count("(") <= max_depth:
        return q, ""
    out, depth, quoted, dropped = [], 0, False, False
    for char in q:
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
            if depth > max_depth:
                dropped = True
                out.append(" ")
                continue
        elif not quoted and char == ")":
            depth -= 1
            if depth >= max_depth:
                out.append(" ")
                continue
        out.append(char)
    if not dropped:
        return q, ""
    return "".join(out), f"Brackets nested deeper than {max_depth} levels were left out."


def bound_phrases(parsed: query.Query) -> tuple[query.Query, tuple[str, ...]]:
    """Cap every phrase: runs of one word count once, at most MAX_PHRASE_WORDS, slop MAX_SLOP."""
    notes: set[str] = set()

    def bound(node):
        if isinstance(node, query.Phrase):
            words = [w for i, w in enumerate(node.words) if i == 0 or w != node.words[i - 1]]
            if len(words) < len(node.words):
                notes.add("Repeated words in a phrase were counted once.")
            if len(words) > MAX_PHRASE_WORDS:
                words = words[:MAX_PHRASE_WORDS]
                notes.add(f"Phrases were cut to their first {MAX_PHRASE_WORDS} words.")
            slop = node.slop
            if slop > MAX_SLOP:
                slop = MAX_SLOP
                notes.add(f"Words of a phrase may be at most {MAX_SLOP} apart (“~{MAX_SLOP}”).")
            if len(words) == 1:
                return query.Term(node.fieldname, words[0], boost=node.boost)
            if (words, slop) != (node.words, node.slop):
                bounded = query.Phrase(node.fieldname, words, slop=slop, boost=node.boost)
                bounded.startchar = getattr(node, "startchar", None)
                bounded.endchar = getattr(node, "endchar", None)
                return bounded
            return node
        return node.apply(bound)

    return bound(parsed), tuple(sorted(notes))


@dataclass(frozen=True)
class TextQuery:
    """The parsed user text: a Whoosh query (None = browse everything) and what it searched for."""

    query: query.Query | None
    prefix: str = ""  # the half-typed last word, if it was expanded
    expansions: tuple[str, ...] = ()
    notice: str = ""


def last_word_prefix(q: str) -> str:
    """Return the half-typed last word of q, when it can be one ("putin presid" -> "presid")."""
    if not q or q != q.rstrip() or q.count('"') % 2:
        return ""
    match = _LAST_WORD.search(q)
    if not match:
        return ""
    word = match.group(1)
    if ":" in word or word.upper() in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"):
        return ""
    return word.lower().rstrip(".'’") if len(word) >= MIN_PREFIX else ""


def build_query(q: str, index_schema, expand_prefix=None) -> TextQuery:
    """Parse user text into a Whoosh query; the last word also matches as a prefix.

    expand_prefix(prefix) returns the indexed words to try for a half-typed last word.
    """
    if not q.strip():
        return TextQuery(None)
    parser = make_parser(index_schema)
    q, depth_notice = flatten_deep_groups(q)
    parsed, notice = parse_text(parser, q)
    if parsed is query.NullQuery and re.search(r"(?:^|\s)-\w", q):
        # Only exclusions ("-putin"): everything except them.
        parsed, notice = parse_text(parser, re.sub(r"(?:^|\s)-(?=\w)", " NOT ", q))
    if parsed is query.NullQuery:
        return TextQuery(None, notice="Your query has only operators or very common words, so "
                                      "everything is shown.")
    parsed, phrase_notes = bound_phrases(parsed)
    notice = " ".join(filter(None, (depth_notice, notice, *phrase_notes)))
    prefix = last_word_prefix(q)
    expansions: tuple[str, ...] = ()
    if prefix and expand_prefix is not None:
        expansions = tuple(w for w in expand_prefix(prefix) if w != prefix)
    if expansions:
        widened = widen_last_word(parsed, len(q), expansions)
        # A stop word typed last ("putin the") is not in the query, so nothing was widened:
        # its expansions match nothing and must not be marked in snippets either.
        expansions = expansions if widened != parsed else ()
        parsed = widened
    return TextQuery(parsed, prefix=prefix, expansions=expansions, notice=notice)


def widen_last_word(parsed: query.Query, end: int, expansions: tuple[str, ...]) -> query.Query:
    """Let the body term of the word that ends at `end` also match any of the expansions."""
    extra = query.Or([query.Term(schema.WORDS, w) for w in expansions])

    def widen(node):
        if (isinstance(node, query.Term) and node.fieldname == schema.BODY
                and getattr(node, "endchar", None) == end):
            return query.Or([node, extra])
        return node.apply(widen)

    return widen(parsed)


def query_words(text_query: TextQuery) -> set[str]:
    """Return the stemmed words a query looks for, for highlighting."""
    words: set[str] = set()
    if text_query.query is None:
        return words
    for fieldname, text in text_query.query.iter_all_terms(phrases=True):
        if fieldname in (schema.TITLE, schema.BODY) and isinstance(text, str):
            words.add(text)
        elif fieldname == schema.WORDS:
            words.add(stem(text))
        elif isinstance(text, bytes):
            words.add(text.decode("utf-8", "replace"))
    for word in text_query.expansions:
        words.add(stem(word))
    return words


# ---- running a search --------------------------------------------------------------------

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

    text_query: "TextQuery"
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
    words = data.text.most_frequent_with_prefix(schema.WORDS, prefix, limit + len(STOP_WORDS))
    return tuple(w for w in words if w not in STOP_WORDS)[:limit]


def filter_mask(data, req) -> np.ndarray:
    """Return the mask of live documents that pass every filter of req (the text aside)."""
    from searchapp.facets import FieldPostings  # noqa: F401  (type only)
    from searchapp.facets import country_mask

    mask = data.all_mask()
    for facet in schema.FACETS:
        postings = data.fields[facet.field]
        for value in req.values(facet.param):
            keep = np.zeros(data.doc_count_all, dtype=bool)
            keep[postings.docs_of(value)] = True
            mask &= keep
        for value in req.excluded(facet.param):
            mask[postings.docs_of(value)] = False
    for country in req.countries:
        mask &= country_mask(data, country)
    for period in req.mentioned:
        source = {4: data.mentioned_years, 7: data.mentioned_months}.get(
            len(period), data.fields[schema.DATES])
        keep = np.zeros(data.doc_count_all, dtype=bool)
        keep[source.docs_of(period)] = True
        mask &= keep
    if req.date_from:
        mask &= data.day >= req.date_from.toordinal()
    if req.date_to:
        mask &= (data.day <= req.date_to.toordinal()) & (data.day > 0)
    return mask


def match(searcher, data, req, text_query: "TextQuery", deadline: Deadline | None = None) -> Matches:
    """Find every document that matches req (what is found in time, past the deadline)."""
    notes: tuple[str, ...] = ()
    if text_query.query is None:
        text_mask, scores = data.all_mask(), None
    else:
        text_mask, scores, notes = data.text.run(text_query.query, searcher, deadline)
        text_mask &= data.live
    return Matches(text_query, text_mask, text_mask & filter_mask(data, req), scores, notes)


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


def to_hit(stored: dict, words: set[str]) -> Hit:
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


def suggest_correction(searcher, data, req, text_query: "TextQuery", total: int,
                       deadline: Deadline | None = None) -> Correction | None:
    """Return a spelling correction of q (over the indexed words) that matches more articles.

    Only while there is time: past the deadline there is no suggestion.
    """
    deadline = deadline or Deadline.none()
    words = re.findall(r"(?<![\w:-])([^\W\d_]{3,})(?![\w:*~])", req.q)
    if not words or '"' in req.q:
        return None
    reader = searcher.reader()
    corrected = req.q
    changed = False
    for word in words:
        if deadline.expired():
            return None
        lower = word.lower()
        if lower == text_query.prefix and text_query.expansions:
            continue  # still being typed, and it already matches as a prefix
        freq = reader.doc_frequency(schema.WORDS, lower)
        if freq >= RARE_WORD:
            continue
        # A word the archive (nearly) never uses: a typo, unless a close word is far more common.
        # Real archives contain typos too ("presidnet" once in Reuters), hence "rare", not "absent".
        best = data.text.closest_common_word(schema.WORDS, lower, 2,
                                             min_freq=max(2, CORRECTION_RATIO * freq),
                                             deadline=deadline)
        if best:
            corrected = re.sub(rf"(?<![\w]){re.escape(word)}(?![\w])", best, corrected, count=1)
            changed = True
    if not changed:
        return None
    alt_query = build_query(corrected, searcher.schema,
                            lambda p: expand_prefix(data, p))
    if deadline.expired():
        return None
    alt = match(searcher, data, req, alt_query, deadline)
    return Correction(corrected, alt.total) if alt.total > total and not deadline.hit else None


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
        total = int((text_mask & filter_mask(data, without)).sum())
        relaxed.append(RelaxedFilter(label, without.to_args(), total))
    return tuple(sorted(relaxed, key=lambda r: -r.total))


def run_search(searcher, data, req, limits, deadline: Deadline | None = None) -> SearchResults:
    """Run req against the searcher: hits of the page, total, facets, histograms, suggestions.

    What would run past the deadline stops there: the results are what was found in time,
    with a notice (and timed_out) saying so.
    """
    deadline = deadline or Deadline.none()
    text_query = build_query(req.q, searcher.schema, lambda p: expand_prefix(data, p))
    matches = match(searcher, data, req, text_query, deadline)
    total = matches.total
    words = query_words(text_query)
    hits = tuple(to_hit(searcher.stored_fields(d), words)
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
