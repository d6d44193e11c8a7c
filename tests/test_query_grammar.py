"""Grammar-aware fuzzing: queries built from the query language's own grammar, sent to every endpoint.

Random text rarely forms a field prefix, a phrase with slop or a range; these strategies build
them on purpose (fields that exist, are stored-only, or don't; phrases with any slop; ranges;
nested groups; NOT/AND/OR chains; prefixes; fuzzy terms; unicode) and check that every endpoint
answers 200 (or a precise 400), never a 5xx, and never stalls: each response must come within the
deadline plus a wide margin (the toy index answers in milliseconds, so only a stall fails it).
"""
import time
from xml.etree import ElementTree

from hypothesis import HealthCheck, given, settings, strategies as st

from searchapp import config

HTMX = {"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "section#results"}
# The deadline plus a margin wide enough for a loaded CI machine: only a stall exceeds it.
STALL_SECONDS = config.defaults()["SEARCH_DEADLINE_MS"] / 1000 + 10

WORDS = st.one_of(
    st.sampled_from(["putin", "moscow", "wang", "yi", "cocoa", "sanctions", "presid", "the", "a",
                     "x", "said", "Москва", "北京", "naïve", "straße", "o'neil", "1987", "e\u0301",
                     "AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE", "\u202e", "🙂", "ǅ"]),
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=6),
)
FIELDS = st.sampled_from(["title", "body", "person", "people", "place", "places", "org",
                          "organisation", "words", "origin", "day", "published", "url", "author",
                          "article_id", "dates", "sources", "countries", "file_sig",
                          "title_derived", "people_text", "*", "nosuchfield", "TITLE"])
SUFFIXES = st.sampled_from(["", "*", "~", "~1", "~2", "~9", "~0", "^2", "^0.5", "^", "?", "**"])
SLOPS = st.sampled_from(["", "~1", "~3", "~20", "~21", "~99999", "~-1", "~x", "~1.5"])

term = st.builds(lambda w, s: w + s, WORDS, SUFFIXES)
phrase = st.builds(lambda ws, slop: '"' + " ".join(ws) + '"' + slop,
                   st.lists(WORDS, max_size=14), SLOPS)
repeated_phrase = st.builds(lambda w, n, slop: '"' + " ".join([w] * n) + '"' + slop,
                            WORDS, st.integers(2, 40), SLOPS)
term_range = st.builds(lambda a, b, lo, hi: f"{lo}{a} TO {b}{hi}", WORDS, WORDS,
                       st.sampled_from("[{"), st.sampled_from("]}"))
open_range = st.builds(lambda a, lo: f"{lo}{a} TO]", WORDS, st.sampled_from("[{"))
atom = st.one_of(term, phrase, repeated_phrase, term_range, open_range)
fielded = st.one_of(atom, st.builds(lambda f, a: f"{f}:{a}", FIELDS, atom))
OPERATORS = st.sampled_from(["AND", "OR", "ANDNOT", "ANDMAYBE", "NOT", "", "&&", "||"])
PREFIX_OPERATORS = st.sampled_from(["NOT ", "NOT NOT ", "-", "+", "-NOT ", "- ", "NOT -", "--"])


def _extend(children):
    return st.one_of(
        st.builds(lambda xs, op: f" {op} ".join(xs), st.lists(children, min_size=2, max_size=4),
                  OPERATORS),
        st.builds(lambda x: f"({x})", children),
        st.builds(lambda op, x: op + x, PREFIX_OPERATORS, children),
        st.builds(lambda f, x: f"{f}:({x})", FIELDS, children),
        st.builds(lambda x, junk: x + junk, children, st.sampled_from(['"', "(", ")", "[", "]",
                                                                        ":", "~", "^", " TO"])),
    )


queries = st.recursive(fielded, _extend, max_leaves=16).map(lambda q: q[:500])

FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def check(client, path, q, headers=None):
    started = time.monotonic()
    response = client.get(path, query_string={"q": q}, headers=headers or {})
    seconds = time.monotonic() - started
    assert response.status_code < 500, (path, q, response.status_code)
    assert seconds < STALL_SECONDS, (path, q, seconds)
    return response


@FUZZ
@given(q=queries)
def test_every_endpoint_answers_grammar_built_queries(client, q):
    page = check(client, "/", q)
    assert page.status_code in (200, 302, 400)
    assert check(client, "/", q, HTMX).status_code in (200, 400)
    api = check(client, "/api/search", q)
    if api.status_code == 200:
        data = api.get_json()
        assert isinstance(data["timed_out"], bool) and data["total"] >= 0
    else:
        assert api.status_code == 400 and api.get_json()["message"]
    feed = check(client, "/feed.atom", q)
    if feed.status_code == 200:
        ElementTree.fromstring(feed.get_data())  # valid XML whatever q holds
    assert check(client, "/facets/place", q).status_code in (200, 400)
    assert check(client, "/articles/wang-putin", q).status_code == 200
    assert check(client, "/api/articles/wang-putin", q).status_code == 200


@FUZZ
@given(q=queries)
def test_grammar_built_queries_through_the_search_function(app, q):
    from werkzeug.datastructures import MultiDict

    from searchapp.request import BadRequest, Limits, SearchRequest
    from searchapp.search import run_search
    from searchapp.store import get_searcher, get_snapshot

    with app.test_request_context():
        try:
            req = SearchRequest.from_args(MultiDict([("q", q)]))
        except BadRequest:
            return
        results = run_search(get_searcher(), get_snapshot().data, req, Limits())
        assert results.total >= 0 and len(results.hits) <= results.total


def test_a_bare_boost_in_a_fielded_group_searches_nothing(client):
    """The fuzzer's find: "title:(-^2)" parsed as Not(Term(None, "^2")), which the scorer could not
    look up (a 500). A term without a field is dropped: the query browses, as operators alone do."""
    from searchapp.querytext import build_query
    from searchapp.schema import build_schema

    assert build_query("title:(-^2)", build_schema()).query is None
    assert build_query("putin title:(^2)", build_schema()).query is not None
    for q in ("title:(-^2)", "title:(^2)", "putin title:(^2)"):
        check(client, "/", q)
        check(client, "/api/search", q)
