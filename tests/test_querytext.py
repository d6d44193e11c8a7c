"""querytext.ParsedQuery: the user's text parsed once, then used by search, did-you-mean and highlights."""
import re
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict
from whoosh.filedb.filestore import RamStorage

from searchapp import queryparser, schema
from searchapp.articles import Article, Entities
from searchapp.querytext import Word, build_query
from searchapp.request import Limits, SearchRequest
from searchapp.search import expand_prefix, parse_query, run_search
from searchapp.snapshot import build_index_data

ARTICLES = [
    Article("c1", "Cocoa zone", "Showers continued in the Bahia cocoa zone; cocoa prices rose.",
            date(1987, 2, 26)),
    Article("c2", "Cocoa exports", "Cocoa exports grew, and cocoa cooperation widened.",
            date(1987, 3, 2)),
    Article("c3", "Coffee talks", "Coffee producers met for talks on quotas, cocoanuts and cooperation.",
            date(1987, 3, 5)),
    Article("o1", "Oil prices", "Oil prices fell as the cartel met.", date(1987, 4, 1)),
]


@pytest.fixture(scope="module")
def engine():
    ix = RamStorage().create_index(schema.build_schema())
    with ix.writer() as writer:
        for article in ARTICLES:
            writer.add_document(**schema.to_document(article, Entities((), (), (), ())))
    searcher = ix.searcher()
    yield searcher, build_index_data(searcher.reader(), 1)
    searcher.close()


def search(engine, q):
    searcher, data = engine
    return run_search(searcher, data, SearchRequest.from_args(MultiDict([("q", q)])), Limits())


def test_the_words_a_correction_may_replace_are_the_plain_words_typed(engine):
    searcher, _data = engine
    parsed = build_query("cocao  prices", searcher.schema)
    assert parsed.words == (Word("cocao", 0, 5), Word("prices", 7, 13))
    # Not excluded, fielded, fuzzy, prefixed, short or numeric words; none at all with a quote.
    parsed = build_query("oil -cocao title:cocao NOT zone cocao~ coc* ab 1987", searcher.schema)
    assert parsed.words == (Word("oil", 0, 3),)
    assert build_query('oil "cocoa zone"', searcher.schema).words == ()


def test_a_corrected_query_is_the_tree_a_fresh_parse_of_the_corrected_text_gives(engine):
    searcher, data = engine
    expand = lambda p: expand_prefix(data, p)  # noqa: E731
    assert build_query("zone cocoa", searcher.schema, expand).expansions == ("cocoanuts",)
    for typed, fixes, text in (("cocao zone", {"cocao": "cocoa"}, "cocoa zone"),
                               ("zone cocao", {"cocao": "cocoa"}, "zone cocoa"),
                               ("cocao OR cofee", {"cocao": "cocoa", "cofee": "coffee"},
                                "cocoa OR coffee")):
        parsed = build_query(typed, searcher.schema, expand)
        fixed = parsed.corrected([(w, fixes[w.text]) for w in parsed.words if w.text in fixes],
                                 searcher.schema, expand)
        fresh = build_query(text, searcher.schema, expand)
        assert fixed.text == text
        assert (fixed.query, fixed.prefix, fixed.expansions) == \
            (fresh.query, fresh.prefix, fresh.expansions), typed


def test_did_you_mean_comes_from_the_parsed_query_and_parses_once(engine, monkeypatch):
    parses = []
    parse = queryparser.qparser.QueryParser.parse
    monkeypatch.setattr(queryparser.qparser.QueryParser, "parse",
                        lambda self, *a, **k: parses.append(a[0]) or parse(self, *a, **k))
    results = search(engine, "cocao zone")
    assert results.total == 0
    assert results.did_you_mean is not None
    assert (results.did_you_mean.q, results.did_you_mean.total) == ("cocoa zone", 1)
    assert parses == ["cocao zone"]  # the correction was made in the tree, not by parsing its text


def test_a_half_typed_word_being_expanded_is_not_corrected(engine):
    # "coo" is rare as a word but is being typed: it matches "cooperation" as a prefix.
    results = search(engine, "coo")
    assert results.total == 2 and results.did_you_mean is None


def test_highlights_include_the_half_typed_words_expansions(engine):
    searcher, data = engine
    parsed = parse_query(searcher, data, "cocoa coop")
    assert parsed.prefix == "coop" and parsed.expansions == ("cooperation",)
    assert {"cocoa", "cooper"} <= parsed.highlights  # "cooperation" stems to "cooper"
    marked = {m.lower() for h in search(engine, "cocoa coop").hits
              for m in re.findall(r"<mark[^>]*>(.*?)</mark>", str(h.snippet))}
    assert marked == {"cocoa", "cooperation"}


@pytest.mark.parametrize("q", ["-cocoa", "(-cocoa)", "the -cocoa", "((-cocoa))"])
def test_exclusions_alone_are_everything_but_them(engine, q):
    results = search(engine, q)
    assert sorted(h.article_id for h in results.hits) == ["c3", "o1"], q
    assert results.notice == ""


def test_an_excluded_stop_word_alone_still_browses(engine):
    results = search(engine, "-the")
    assert results.total == len(ARTICLES) and "only operators" in results.notice
