"""The fused indexing analyzers give exactly the tokens of Whoosh's own chains."""
from __future__ import annotations

import whoosh.analysis as wa
from hypothesis import given, settings, strategies as st

from searchapp import analysis
from searchapp.corpus import read_file

PAIRS = [(analysis.StemmingAnalyzer(), wa.StemmingAnalyzer()),
         (analysis.PlainAnalyzer(), wa.RegexTokenizer() | wa.LowercaseFilter())]


def tokens(analyzer, text: str, **kwargs) -> list[tuple]:
    """(text, pos, boost, stopped) of every token; Whoosh reuses one Token object."""
    return [(t.text, getattr(t, "pos", None), t.boost, t.stopped)
            for t in analyzer(text, **kwargs)]


def assert_same(text: str) -> None:
    for ours, theirs in PAIRS:
        for positions in (True, False):
            assert tokens(ours, text, positions=positions, mode="index") \
                == tokens(theirs, text, positions=positions, mode="index"), (ours, positions)


def test_fast_path_is_used_for_indexing(monkeypatch):
    calls = []
    monkeypatch.setattr(analysis.StemmingAnalyzer, "_index_tokens",
                        lambda self, value, positions: calls.append(value) or iter(()))
    list(analysis.StemmingAnalyzer()("Prices rose", positions=True, mode="index"))
    list(analysis.StemmingAnalyzer()("Prices rose", mode="query"))
    assert calls == ["Prices rose"]


def test_seed_article_same_tokens(shared_data):
    for article in read_file(next((shared_data / "seed").iterdir())).articles:
        assert_same(article.title)
        assert_same(article.body)


def test_reuters_articles_same_tokens(shared_data):
    articles = read_file(shared_data / "reuters21578" / "reut2-000.sgm").articles
    assert len(articles) > 900
    for article in articles:
        assert_same(f"{article.title}\n{article.body}")


def test_query_mode_keeps_whoosh_behaviour():
    ours, theirs = PAIRS[0]
    for kwargs in ({"mode": "query"}, {"mode": "query", "removestops": False},
                   {"mode": "index", "chars": True}, {"mode": "index", "start_pos": 3}):
        text = "The prices of the oil, and the U.S. dollar's fall"
        assert tokens(ours, text, positions=True, **kwargs) \
            == tokens(theirs, text, positions=True, **kwargs)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,'İıßé\n-_1Ǆ")) | st.characters(), max_size=80))
def test_random_text_same_tokens(text):
    assert_same(text)
