"""build_query, run_search and facet counting over a small in-memory index built from known entities."""
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict
from whoosh.filedb.filestore import RamStorage

from searchapp import schema
from searchapp.articles import Article, Entities
from searchapp.facets import build_index_data
from searchapp.request import Limits, SearchRequest
from searchapp.search import build_query, last_word_prefix, run_search

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


@pytest.mark.parametrize("q", ['"', "((", "))", "AND OR", "a:", "*", "title:", '"unclosed', "~", "-", "NOT"])
def test_stray_syntax_never_errors(index, q):
    results = search(index, q=q)
    assert results.total >= 0


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
