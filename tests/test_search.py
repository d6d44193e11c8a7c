"""build_query, run_search and facet counting over a small in-memory index built from known entities."""
import re
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict
from whoosh.filedb.filestore import RamStorage

from searchapp import schema
from searchapp.articles import Article, Entities
from searchapp import scoring, textpostings
from searchapp.facets import MAX_MENTIONED_YEARS
from searchapp.snapshot import build_index_data
from searchapp.request import Limits, SearchRequest
from searchapp.querytext import build_query, last_word_prefix
from searchapp.search import expand_prefix, run_search

ARTICLES = [
    (Article("a1", "Putin meets Wang Yi in Moscow", "Vladimir Putin met Wang Yi in Moscow on "
             "Wednesday. The president praised cooperation.", date(2023, 2, 22)),
     Entities(("Vladimir Putin", "Wang Yi"), ("Moscow", "Russia"), ("Kremlin",), ("2023-02-22",))),
    (Article("a2", "Sanctions on Russia widen", "The European Union agreed new sanctions on Russia. "
             "Presidential aides in Washington welcomed the sanction.", date(2023, 2, 24)),
     Entities((), ("Russia", "Washington"), ("European Union",), ("2023-02",))),
    (Article("a3", "Xi Jinping to visit Moscow", "Chinese President Xi Jinping will visit Moscow, "
             "Wang Yi said, after talks with Vladimir Putin.", date(2023, 3, 1)),
     Entities(("Vladimir Putin", "Wang Yi", "Xi Jinping"), ("China", "Moscow"), (), ("2023-03",))),
    (Article("a4", "Cocoa prices rise", "Showers continued in the Bahia cocoa zone. <script>alert(1)"
             "</script> Prices rose in New York.", date(1987, 2, 26)),
     Entities((), ("Brazil", "New York"), (), ("1987",))),
    (Article("a5", "Undated note", "A note about cocoa without a date.", None),
     Entities((), (), (), ())),
]


@pytest.fixture(scope="module")
def index():
    ix = RamStorage().create_index(schema.build_schema())
    with ix.writer() as writer:
        for article, entities in ARTICLES:
            writer.add_document(**schema.to_document(article, entities))
    return ix


def search(index, **kwargs):
    rename = {"date_from": "from", "date_to": "to"}
    pairs = [(rename.get(k, k), v) for k, vs in kwargs.items() for v in (vs if isinstance(vs, list) else [vs])]
    req = SearchRequest.from_args(MultiDict(pairs))
    with index.searcher() as searcher:
        data = build_index_data(searcher.reader(), 1)
        return run_search(searcher, data, req, Limits())


def ids(results):
    return [h.article_id for h in results.hits]


def test_empty_query_browses_newest_first_with_undated_last(index):
    assert ids(search(index)) == ["a3", "a2", "a1", "a4", "a5"]
    assert ids(search(index, sort="oldest")) == ["a4", "a1", "a2", "a3", "a5"]


def test_words_are_anded(index):
    assert set(ids(search(index, q="putin moscow"))) == {"a1", "a3"}


def test_stemming_finds_singular_from_plural(index):
    assert set(ids(search(index, q="sanctions"))) == {"a2"}


def test_half_typed_last_word_matches_as_prefix(index):
    assert set(ids(search(index, q="presiden"))) == {"a1", "a2", "a3"}
    assert last_word_prefix("putin presid") == "presid"
    assert last_word_prefix("putin presid ") == ""
    assert last_word_prefix('"putin presid') == ""
    assert last_word_prefix("person:putin") == ""


# Every article has the stop words "the", "that" and "this"; "three" is in 4, "third" in 3,
# "thursday" in 2 and "thanks" in 1.
TH_BODIES = [
    "The three ministers said that this third round on Thursday brought thanks.",
    "The three envoys said that this third meeting on Thursday went well.",
    "The three sides said that this third offer was fair.",
    "The three parties said that this was final.",
]


@pytest.fixture(scope="module")
def th_index():
    ix = RamStorage().create_index(schema.build_schema())
    with ix.writer() as writer:
        for i, body in enumerate(TH_BODIES):
            article = Article(f"th{i}", f"Talks {i}", body, date(2023, 1, i + 1))
            writer.add_document(**schema.to_document(article, Entities((), (), (), ())))
    return ix


def th_expansions(index, limit):
    with index.searcher() as searcher:
        return expand_prefix(build_index_data(searcher.reader(), 1), "th", limit)


def test_prefix_expansions_leave_out_stop_words(th_index):
    assert th_expansions(th_index, 24) == ("three", "third", "thursday", "thanks")


def test_prefix_expansions_still_give_limit_words_after_stop_words(th_index):
    # The three stop words are the most frequent "th" words, so taking 3 and then filtering gives none.
    assert th_expansions(th_index, 3) == ("three", "third", "thursday")


def test_half_typed_stop_word_prefix_finds_and_marks_content_words(th_index):
    results = search(th_index, q="th")
    assert set(ids(results)) == {"th0", "th1", "th2", "th3"}
    marked = {m.lower() for h in results.hits for m in re.findall(r"<mark[^>]*>(.*?)</mark>", str(h.snippet))}
    assert "three" in marked and not marked & {"the", "that", "this"}


def test_stop_word_typed_whole_browses_and_typed_last_expands_nothing(th_index):
    results = search(th_index, q="the")
    assert results.total == 4 and "very common words" in results.notice
    text_query = build_query("envoys the", th_index.schema, lambda p: ("there", "then", "three"))
    assert text_query.expansions == ()
    assert ids(search(th_index, q="envoys the")) == ["th1"]


def test_phrase_or_and_exclusion(index):
    assert ids(search(index, q='"cocoa zone"')) == ["a4"]
    assert set(ids(search(index, q="cocoa OR sanctions"))) == {"a2", "a4", "a5"}
    assert set(ids(search(index, q="moscow -xi"))) == {"a1"}
    assert set(ids(search(index, q="-cocoa"))) == {"a1", "a2", "a3"}


def test_field_prefixes_search_entities(index):
    assert set(ids(search(index, q="person:xi"))) == {"a3"}
    assert set(ids(search(index, q="place:washington"))) == {"a2"}
    assert set(ids(search(index, q="title:cocoa"))) == {"a4"}


def test_fuzzy_term(index):
    assert "a4" in ids(search(index, q="cocia~"))
    assert "a4" in ids(search(index, q="cocao~2"))


@pytest.mark.parametrize("q", ['"', "((", "))", "AND OR", "a:", "*", "~", "-", "NOT"])
def test_stray_syntax_never_errors_and_operators_alone_browse_everything(index, q):
    results = search(index, q=q)
    assert results.total == len(ARTICLES)
    assert ids(results) == ["a3", "a2", "a1", "a4", "a5"]  # newest first, as when browsing
    assert "only operators" in results.notice


@pytest.mark.parametrize("q", ["title:", '"unclosed'])
def test_stray_syntax_never_errors_and_a_left_over_word_is_searched(index, q):
    # "title:" with nothing after it is the word "title"; an unclosed quote is dropped.
    results = search(index, q=q)
    assert (results.total, results.notice) == (0, "")
    assert str(build_query(q, index.schema).query) == \
        {"title:": "(title:titl OR body:titl)", '"unclosed': "(title:unclos OR body:unclos)"}[q]


def test_facet_counts_cover_all_matches_and_toggle(index):
    results = search(index, q="moscow")
    people = {v.value: v.count for v in results.facets[0].values}
    assert people == {"Vladimir Putin": 2, "Wang Yi": 2, "Xi Jinping": 1}
    wang = next(v for v in results.facets[0].values if v.value == "Wang Yi")
    assert wang.toggle_args == {"person": ["Wang Yi"], "q": "moscow"}
    assert not wang.selected


def test_filters_intersect_within_and_across_facets(index):
    assert set(ids(search(index, person=["Vladimir Putin", "Xi Jinping"]))) == {"a3"}
    assert set(ids(search(index, person="Wang Yi", place="Russia"))) == {"a1"}
    selected = search(index, person="Xi Jinping").facets[0].values[0]
    assert (selected.value, selected.selected, selected.count) == ("Xi Jinping", True, 1)


def test_exclusion_filter(index):
    assert set(ids(search(index, not_person="Xi Jinping", q="moscow"))) == {"a1"}


def test_date_range_and_histogram(index):
    results = search(index, date_from="2023-01-01", date_to="2023-12-31")
    assert set(ids(results)) == {"a1", "a2", "a3"}
    assert results.published.level == "month"
    months = {b.label: b.count for b in results.published.buckets if b.count}
    assert months == {"Feb 2023": 2, "Mar 2023": 1}
    years = {b.label: b.count for b in search(index).published.buckets if b.count}
    assert years == {"1987": 1, "2023": 3}


def test_mentioned_dates_filter_by_period(index):
    assert set(ids(search(index, mentioned="2023-02"))) == {"a1", "a2"}
    assert set(ids(search(index, mentioned="1987"))) == {"a4"}
    assert ids(search(index, mentioned="2023-02-22")) == ["a1"]


# 40 mentioned years, in a shuffled order of popularity: article j mentions the years YEARS[:j + 1],
# so YEARS[i] is mentioned by 40 - i articles, and only the last article mentions YEARS[-1].
YEARS = [str(1950 + (i * 7) % 40) for i in range(40)]


@pytest.fixture(scope="module")
def many_years_index():
    ix = RamStorage().create_index(schema.build_schema())
    with ix.writer() as writer:
        for j in range(len(YEARS)):
            article = Article(f"y{j}", f"Retrospective {j}", "Looking back at the decades.", date(2020, 1, 1))
            writer.add_document(**schema.to_document(article, Entities((), (), (), tuple(YEARS[:j + 1]))))
    return ix


def test_mentioned_histogram_shows_the_most_mentioned_years_in_order(many_years_index):
    histogram = search(many_years_index).mentioned
    labels = [b.label for b in histogram.buckets]
    assert histogram.level == "year" and len(labels) == MAX_MENTIONED_YEARS == 30
    assert labels == sorted(YEARS[:30])
    assert min(b.count for b in histogram.buckets) == 40 - 29


def test_mentioned_histogram_keeps_a_selected_year_outside_the_top(many_years_index):
    # Only the last article mentions both, so all 40 years tie at 1 and the earliest 30 win the tie.
    rare, common = YEARS[-1], YEARS[0]
    assert rare not in sorted(YEARS)[:30]
    histogram = search(many_years_index, mentioned=[rare, common]).mentioned
    labels = [b.label for b in histogram.buckets]
    assert labels == sorted(YEARS)[:30] + [rare]
    assert [b.label for b in histogram.buckets if b.selected] == sorted([rare, common])


def test_zero_results_explain_which_filter_to_remove(index):
    results = search(index, q="cocoa", person="Wang Yi")
    assert results.total == 0
    assert [(r.label, r.total) for r in results.relaxed] == [("person: Wang Yi", 2)]
    assert results.relaxed[0].args == {"q": "cocoa"}


def test_snippets_escape_article_text_and_mark_terms(index):
    hit = search(index, q="bahia").hits[0]
    assert "<script>" not in str(hit.snippet)
    assert "&lt;script&gt;" in str(hit.snippet)
    assert '<mark class="hl' in str(hit.snippet)


def test_did_you_mean_offers_a_correction_that_matches_more(index):
    results = search(index, q="cocao")
    assert results.total == 0
    assert results.did_you_mean is not None and results.did_you_mean.q == "cocoa"


def test_pagination_past_the_end_is_empty(index):
    results = search(index, page="9")
    assert results.total == 5 and results.hits == ()


def test_build_query_of_blank_is_browse(index):
    assert build_query("   ", index.schema).query is None


def test_snapshot_reads_postings_of_frequent_words_but_not_stop_words(th_index, monkeypatch):
    monkeypatch.setattr(textpostings, "WARM_MIN_DOCS", 2)
    with th_index.searcher() as searcher:
        text = build_index_data(searcher.reader(), 1).text
        warmed = {word.decode() for field, word in text.postings._cache if field == schema.WORDS}
        assert {"three", "said"} <= warmed  # in every article
        assert not warmed & {"the", "that", "this"}  # stop words: never a prefix expansion
        assert "thanks" not in warmed  # in one article only: read when asked for


def test_snapshot_postings_warming_stays_within_its_budget(th_index, monkeypatch):
    monkeypatch.setattr(textpostings, "WARM_MIN_DOCS", 1)
    with th_index.searcher() as searcher:
        text = scoring.TextIndex(searcher.reader())
        text.warm(schema.WORDS, (), postings_bytes=3 * 8, skip=frozenset())
        assert 0 < text.nbytes() <= 3 * 8 + sum(a.nbytes for a in text.postings._lengths.values())
