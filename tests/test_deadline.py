"""The search deadline and query bounds: cut-offs tested with a hand-moved clock, never with timing."""
import itertools
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict
from whoosh.filedb.filestore import RamStorage

from searchapp import schema
from searchapp.articles import Article, Entities
from searchapp.deadline import OUT_OF_TIME, Deadline
from searchapp.snapshot import build_index_data
from searchapp.permalink import load
from searchapp.request import Limits, SearchRequest
from searchapp.queryparser import MAX_PHRASE_WORDS, MAX_SLOP
from searchapp.querytext import build_query
from searchapp.search import run_search

# Twelve articles with "oil prices" as a phrase, four more with both words apart.
ARTICLES = [Article(f"p{i}", f"Report {i}", f"Oil prices rose again in week {i}.", date(2023, 1, 1 + i))
            for i in range(12)]
ARTICLES += [Article(f"s{i}", f"Split {i}", f"Oil was cheap; prices of gold rose {i}.",
                     date(2023, 2, 1 + i)) for i in range(4)]


@pytest.fixture(scope="module")
def index():
    ix = RamStorage().create_index(schema.build_schema())
    with ix.writer() as writer:
        for article in ARTICLES:
            writer.add_document(**schema.to_document(article, Entities((), (), (), ())))
    return ix


class SteppingClock:
    """A clock that moves on by `step` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def search(index, q, deadline=None):
    req = SearchRequest.from_args(MultiDict([("q", q)]))
    with index.searcher() as searcher:
        data = build_index_data(searcher.reader(), 1)
        return run_search(searcher, data, req, Limits(), deadline)


def test_deadline_counts_on_its_clock():
    clock = SteppingClock(0.1)
    deadline = Deadline(0.35, clock)  # starts at 0.1, ends at 0.45
    assert [deadline.expired() for _ in range(4)] == [False, False, False, True]
    assert deadline.hit and deadline.notice == OUT_OF_TIME
    assert deadline.remaining() == 0.0


def test_no_deadline_never_expires():
    deadline = Deadline.none()
    assert not deadline.expired() and deadline.remaining() == float("inf") and not deadline.notice


def test_phrase_finds_all_matches_in_time(index):
    results = search(index, '"oil prices"', Deadline(10.0, SteppingClock(0.001)))
    assert results.total == 12 and not results.timed_out
    assert OUT_OF_TIME not in results.notice


def test_phrase_past_the_deadline_keeps_what_it_confirmed_and_says_so(index):
    # Each step (a part of the query, a document checked) reads the clock once: 1 s per read,
    # 12.5 s allowed, 16 candidate documents.
    results = search(index, '"oil prices"', Deadline(12.5, SteppingClock(1.0)))
    assert results.timed_out and OUT_OF_TIME in results.notice
    assert 0 < results.total < 12
    assert all(h.article_id.startswith("p") for h in results.hits)  # only confirmed phrases


def test_a_deadline_already_past_answers_with_nothing_found_yet(index):
    results = search(index, '"oil prices"', Deadline(0.0, SteppingClock(1.0)))
    assert results.total == 0 and results.timed_out


def test_past_the_deadline_or_keeps_the_parts_it_has_and_and_confirms_nothing(index):
    assert search(index, "report OR gold").total == 16
    passed = search(index, "report OR gold", Deadline(0.0, SteppingClock(1.0)))
    assert passed.total == 12 and passed.timed_out  # title:report only: a subset, never more
    assert search(index, "oil prices", Deadline(0.0, SteppingClock(1.0))).total == 0
    assert search(index, "oil prices", Deadline(100.0, SteppingClock(1.0))).total == 16


def test_fuzzy_words_stop_at_the_deadline(index):
    assert search(index, "prises~1").total == 16
    results = search(index, "prises~1", Deadline(0.0, SteppingClock(1.0)))
    assert results.total == 0 and results.timed_out


def test_did_you_mean_is_skipped_past_the_deadline(index):
    assert search(index, "prises").did_you_mean is not None
    results = search(index, "prises", Deadline(0.0, SteppingClock(1.0)))
    assert results.did_you_mean is None


def test_related_articles_stop_at_the_deadline(index):
    with index.searcher() as searcher:
        assert load(searcher, "p0", None).related
        page = load(searcher, "p0", None, Deadline(0.0, SteppingClock(1.0)))
    assert page.related == () and page.notice == OUT_OF_TIME


def test_repeated_words_huge_slop_and_long_phrases_are_bounded():
    index_schema = schema.build_schema()
    text_query = build_query('"said said said mln mln"~99999', index_schema)
    phrases = [q for q in text_query.query.leaves()]
    assert {tuple(p.words) for p in phrases} == {("said", "mln")}
    assert {p.slop for p in phrases} == {MAX_SLOP}
    assert "counted once" in text_query.notice and f"~{MAX_SLOP}" in text_query.notice
    long = build_query('"' + " ".join(f"w{i}" for i in range(20)) + '"', index_schema)
    assert {len(p.words) for p in long.query.leaves()} == {MAX_PHRASE_WORDS}
    assert f"first {MAX_PHRASE_WORDS} words" in long.notice


def test_phrase_positions_match_whoosh_with_slop(index):
    from whoosh import query

    with index.searcher() as searcher:
        data = build_index_data(searcher.reader(), 1)
        for words, slop in itertools.product([["oil", "price"], ["price", "oil"], ["oil", "gold"],
                                              ["oil", "rose"]], [1, 2, 4]):
            phrase = query.Phrase(schema.BODY, words, slop=slop)
            expected = sorted(searcher.docs_for_query(phrase))
            mask, _scores, _notes = data.text.run(phrase, searcher)
            assert sorted(mask.nonzero()[0].tolist()) == expected, (words, slop)


def test_app_deadline_setting_and_injected_clock(toy_index_dir, make_app):
    app = make_app({"INDEX_DIR": str(toy_index_dir), "TESTING": True,
                      "SEARCH_CLOCK": SteppingClock(1.0), "SEARCH_DEADLINE_MS": 500})
    client = app.test_client()
    response = client.get("/api/search", query_string={"q": '"wang yi"'})
    data = response.get_json()
    assert data["timed_out"] is True and OUT_OF_TIME in data["notice"]
    assert response.headers["Cache-Control"] == "no-store"  # incomplete: not for caches
    # Without JS too: the page says it.
    page = client.get("/", query_string={"q": '"wang yi"'}).get_data(as_text=True)
    assert "took too long" in page


def test_deadline_default_is_in_config():
    from searchapp import config

    assert config.defaults()["SEARCH_DEADLINE_MS"] == 250


def test_facet_values_and_article_pages_show_the_notice(toy_index_dir, make_app):
    app = make_app({"INDEX_DIR": str(toy_index_dir), "TESTING": True,
                      "SEARCH_CLOCK": SteppingClock(1.0), "SEARCH_DEADLINE_MS": 500})
    client = app.test_client()
    facet_page = client.get("/facets/person", query_string={"q": '"wang yi"', "fq": "w"})
    assert facet_page.status_code == 200 and "took too long" in facet_page.get_data(as_text=True)
    article = client.get("/articles/wang-putin")
    assert article.status_code == 200 and "took too long" in article.get_data(as_text=True)


def test_deeply_nested_groups_are_flattened_with_a_notice():
    from searchapp.queryparser import MAX_GROUP_DEPTH, flatten_deep_groups

    shallow = "(" * MAX_GROUP_DEPTH + "a OR b" + ")" * MAX_GROUP_DEPTH
    assert flatten_deep_groups(shallow) == (shallow, "")
    deep = "(" * 30 + 'oil OR "(gold)"' + ")" * 30
    text, notice = flatten_deep_groups(deep)
    assert len(text) == len(deep) and text.count("(") == MAX_GROUP_DEPTH + 1  # one is quoted
    assert text.count(")") == MAX_GROUP_DEPTH + 1 and "nested deeper" in notice
    text_query = build_query(deep, schema.build_schema())
    assert "nested deeper" in text_query.notice and text_query.query is not None
