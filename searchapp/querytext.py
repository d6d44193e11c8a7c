"""Parse the user's query text once into a ParsedQuery: the Whoosh query, the half-typed last word, what to highlight and what to correct."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from whoosh import qparser, query
from whoosh.fields import Schema

from searchapp import schema
from searchapp.snippets import stem

MIN_PREFIX = 2
_LAST_WORD = re.compile(r"(?:^|\s)([^\W_][\w'’.-]*)$")
# A word "did you mean" may correct: letters only, at least three.
_CORRECTABLE = re.compile(r"[^\W\d_]{3,}")
FALLBACK_NOTICE = "Some operators of your query could not be read together, so its words were searched."
BROWSE_NOTICE = "Your query has only operators or very common words, so everything is shown."
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
# Phrases and proximity ("a b"~N) are checked document by document (scoring.Evaluation._phrase),
# at a cost that grows with repeated words, length and slop (Whoosh's own matcher took 9 s for
# two 40-word phrases of one word, ~99999): the same word in a row counts once, and slop and
# length are capped.
MAX_SLOP = 20
MAX_PHRASE_WORDS = 8
# Whoosh's parser takes time with the depth of nested groups (60 levels: 0.15 s): deeper
# brackets are dropped (their words stay).
MAX_GROUP_DEPTH = 8




@dataclass(frozen=True)
class Word:
    """A plain word as typed, with where it stands in the text ("presidnet" at 6..15)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ParsedQuery:
    """The user's text parsed once: the Whoosh query (None = browse everything) and what it searched for.

    Search evaluates `query`; snippets and the article page highlight `highlights`; "did you
    mean" corrects `words` in the tree (`corrected`), never re-reading the text.
    """

    query: query.Query | None
    prefix: str = ""  # the half-typed last word, if it was expanded
    expansions: tuple[str, ...] = ()
    notice: str = ""
    text: str = ""  # the text as parsed (deep brackets dropped)
    words: tuple[Word, ...] = ()  # the plain words a spelling correction may replace

    @cached_property
    def highlights(self) -> frozenset[str]:
        """The stemmed words the query looks for, for highlighting (expansions included)."""
        words: set[str] = set()
        if self.query is None:
            return frozenset()
        for fieldname, text in self.query.iter_all_terms(phrases=True):
            if fieldname in (schema.TITLE, schema.BODY) and isinstance(text, str):
                words.add(text)
            elif fieldname == schema.WORDS:
                words.add(stem(text))
            elif isinstance(text, bytes):
                words.add(text.decode("utf-8", "replace"))
        for word in self.expansions:
            words.add(stem(word))
        return frozenset(words)

    def corrected(self, corrections: list[tuple[Word, str]], index_schema,
                  expand_prefix: Callable[[str], tuple[str, ...]] | None = None) -> ParsedQuery:
        """Return this query with each word replaced by its correction, in the tree and in the text.

        A corrected last word is widened by its own expansions, as if typed so.
        """
        text, new = self.text, {}
        for word, replacement in sorted(corrections, key=lambda c: -c[0].start):
            text = text[:word.start] + replacement + text[word.end:]
            new[(word.start, word.end)] = replacement
        last = next(((w.start, w.end) for w, _r in corrections if w.end == len(self.text)), None)
        prefix = new[last].lower() if last and len(new[last]) >= MIN_PREFIX else ""
        expansions = tuple(w for w in expand_prefix(prefix) if w != prefix) \
            if prefix and expand_prefix is not None else ()

        def replace(node):
            span = (getattr(node, "startchar", None), getattr(node, "endchar", None))
            if isinstance(node, query.Term) and span in new and node.fieldname in (schema.TITLE, schema.BODY):
                tokens = list(index_schema[node.fieldname].process_text(new[span], mode="query"))
                terms = [query.Term(node.fieldname, t, boost=node.boost) for t in tokens]
                if node.fieldname == schema.BODY and span == last and expansions:
                    terms = [query.Or(terms + [query.Or([query.Term(schema.WORDS, w) for w in expansions])])]
                return terms[0] if len(terms) == 1 else query.And(terms) if terms else query.NullQuery
            return node.apply(replace)

        fixed = replace(self.query).normalize()
        if fixed is query.NullQuery:
            return ParsedQuery(None, notice=BROWSE_NOTICE, text=text)
        return ParsedQuery(fixed, prefix=prefix, expansions=expansions if prefix else (),
                           text=text)


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
        return keep_lone_exclusions(parser.parse(q, normalize=False)).normalize(), ""
    except (IndexError, NotImplementedError, AssertionError):
        # Lower case: AND/OR/NOT are operators only in capitals.
        words = " ".join(re.findall(r"[^\W_]+", q)).lower()
        return parser.parse(words), FALLBACK_NOTICE


def keep_lone_exclusions(node: query.Query) -> query.Query:
    """Read exclusions with nothing else to match ("-oil", "(-oil)", "the -oil") as everything but them.

    Whoosh's PlusMinusPlugin makes them AndNot(<nothing>, excluded), which normalizes to
    NullQuery (match nothing); the query language documents `-word` alone as every article
    without the word, as `NOT word` already is.
    """
    if isinstance(node, query.AndNot) and node.a.normalize() is query.NullQuery \
            and node.b.normalize() is not query.NullQuery:
        return query.Not(keep_lone_exclusions(node.b))
    return node.apply(keep_lone_exclusions)


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




def build_query(q: str, index_schema, expand_prefix: Callable[[str], tuple[str, ...]] | None = None
                ) -> ParsedQuery:
    """Parse user text into a ParsedQuery; the last word also matches as a prefix.

    expand_prefix(prefix) returns the indexed words to try for a half-typed last word.
    """
    if not q.strip():
        return ParsedQuery(None, text=q)
    parser = make_parser(index_schema)
    q, depth_notice = flatten_deep_groups(q)
    parsed, notice = parse_text(parser, q)
    if parsed is query.NullQuery:
        return ParsedQuery(None, notice=BROWSE_NOTICE, text=q)
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
    # The words were read from other text than q when the parser failed: no corrections then.
    words = typed_words(parsed, q) if notice != FALLBACK_NOTICE and '"' not in q else ()
    return ParsedQuery(parsed, prefix=prefix, expansions=expansions, notice=notice, text=q,
                       words=words)


def typed_words(parsed: query.Query, q: str) -> tuple[Word, ...]:
    """The plain words of q the query searches in title and body (not excluded, not fielded,
    not prefixes or fuzzy), in the order typed: what a spelling correction may replace."""
    spans: set[tuple[int, int]] = set()

    def visit(node):
        if isinstance(node, query.Not):
            return
        if isinstance(node, query.AndNot):
            visit(node.a)
            return
        if isinstance(node, query.Term) and node.fieldname in (schema.TITLE, schema.BODY):
            start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
            if start is not None and end is not None and _CORRECTABLE.fullmatch(q[start:end]):
                spans.add((start, end))
        for child in node.children():
            visit(child)

    visit(parsed)
    return tuple(Word(q[s:e], s, e) for s, e in sorted(spans))


def widen_last_word(parsed: query.Query, end: int, expansions: tuple[str, ...]) -> query.Query:
    """Let the body term of the word that ends at `end` also match any of the expansions."""
    extra = query.Or([query.Term(schema.WORDS, w) for w in expansions])

    def widen(node):
        if (isinstance(node, query.Term) and node.fieldname == schema.BODY
                and getattr(node, "endchar", None) == end):
            return query.Or([node, extra])
        return node.apply(widen)

    return widen(parsed)


