"""The query language: Whoosh's parser with our plugins, and the bounds put on what it parses (depth, phrases)."""
from __future__ import annotations

import re

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.qparser import syntax

from searchapp import schema

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
    parser.add_plugin(BracketedPlusMinusPlugin())
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    return parser


class BracketedPlusMinusPlugin(qparser.PlusMinusPlugin):
    """`+word` and `-word` inside brackets too ("grain (-oil)").

    Whoosh's plugin sorts the signs of the top-level group only: a sign in brackets stayed a
    marker no query can be made of, and the parser raised NotImplementedError.
    """

    def do_plusminus(self, parser, group):
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.do_plusminus(parser, node)
        return super().do_plusminus(parser, group)


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
    "-NOT a": IndexError on an empty group; "TO] ANDMAYBE ANDMAYBE x": a failed assert in a
    binary group). Found by tests/test_query_grammar.py.
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
