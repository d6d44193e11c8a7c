"""Referee: the numpy query evaluator (scoring.TextIndex.run, as run_search uses it) against Whoosh's own searcher.search.

The app never lets Whoosh run a text query: `scoring.TextIndex` evaluates the parsed query over
numpy arrays of postings and scores it with Whoosh's BM25F formula. Here Whoosh (its matchers
and its BM25F scorer, over the very same RamStorage index) referees it, on a few hundred real and
random articles and on random queries of the query language (words, stop words, phrases, OR,
AND, NOT and `-`, `person:`/`place:`/`org:`/`title:`, fuzzy `~`/`~2`, `prefix*`, and the last
half-typed word). For every query:

- the matched documents are the ones Whoosh matches;
- every matched document's score is Whoosh's BM25F score (relative tolerance 1e-4: float32 here);
- the 10 hits of run_search's first page are Whoosh's top 10, where ties (equal scores) are
  broken by the app's documented rule: the newer article first, then the lower docnum
  (search.page_docnums; Whoosh itself keeps docnum order).

Where the two differ on purpose, Whoosh referees the query rewritten into what the app
documents (`referee_query`), and the test checks the difference itself precisely:

1. `prefix*` and `word~` stand for at most MAX_EXPANSION (50) indexed words, the most frequent
   (ties: alphabetical order); Whoosh ORs every word. With 50 or fewer, the matches are Whoosh's.
2. They are scored as if each of those words had been typed (BM25 summed over the words);
   Whoosh gives a multi-word expansion a frequency-only score (constantscore=True).
3. Fuzzy terms stand for the words Whoosh's generic IndexReader.terms_within documents: within
   maxdist Damerau-Levenshtein edits (a swap of neighbouring letters is one edit: `cocao~` finds
   "cocoa") and sharing the first letter. Whoosh's segment reader replaces that method with an
   automaton that counts a swap as two edits and ignores the shared first letter (`aove~2`
   finds "won" and "co" there).
4. A phrase matches and scores as in Whoosh: the sum of its words' BM25 in the documents where
   the words stand in order (no difference any more; the check below keeps it so).
5. A NOT clause adds nothing to a score; Whoosh adds its boost (1.0) for each document it keeps.
6. The last half-typed word also matches the 24 (PREFIX_EXPANSIONS) most frequent unstemmed
   words that start with it, stop words left out (README, "Searching"); this widening is part of
   the query both engines evaluate, so only the list of words is checked here, against the
   index's own lexicon.
7. Not a difference, a Whoosh bug: its AndNot matcher can keep a document that the excluded part
   matches (`-was hig` keeps reuters-900001, which says "was"; test_whoosh_andnot_...); its
   And(a, Not(b)) is right, so the referee states `a -b` that way.

Real bugs this referee found are at the end, each with its cause, all fixed since: scores
differed after deletions, and in a field whose average length is below 1; a page picked any of
the documents whose equal scores straddle its end (so paging repeated and lost articles); a
bracketed `(-word)` next to other words crashed the parser (HTTP 500); `(-word)` alone browsed
everything.
"""
from __future__ import annotations

import math
import random
from array import array
import string
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from whoosh import matching, query
from whoosh.analysis import STOP_WORDS
from whoosh.filedb.filestore import RamStorage
from whoosh.reading import IndexReader
from whoosh.support.levenshtein import damerau_levenshtein, levenshtein
from werkzeug.datastructures import MultiDict

from searchapp import config, schema
from searchapp.articles import Article, Entities
from searchapp.corpus import read_file
from searchapp.snapshot import build_index_data
from searchapp.request import Limits, SearchRequest
from searchapp.scoring import MAX_EXPANSION
from searchapp.querytext import build_query
from searchapp.search import PREFIX_EXPANSIONS, expand_prefix, run_search
from tests.conftest import require

CORPUS = Path(__file__).parent / "data" / "corpus"
REUTERS_ARTICLES = 150
RANDOM_ARTICLES = 150
REL_TOL = 1e-4  # the app scores in float32, Whoosh in float64
TIE_TOL = 1e-6
TOP = 10

PEOPLE = ["Vladimir Putin", "Wang Yi", "Xi Jinping", "Angela Merkel", "Olaf Scholz",
          "Emmanuel Macron", "Joe Biden", "Lula", "Fumio Kishida", "Ursula von der Leyen"]
PLACES = ["Moscow", "Beijing", "Berlin", "Paris", "Washington", "Brasilia", "Tokyo",
          "New York", "Brussels", "Kyiv"]
ORGS = ["OPEC", "European Union", "United Nations", "Kremlin", "World Bank", "IMF",
        "Bank of Japan", "Federal Reserve", "NATO", "Reuters"]
# Random articles draw from families of words sharing prefixes ("pri..."), near-misses one swap
# or one letter apart ("cocoa"/"cocao"/"cocia"), stop words, and enough common words that
# lengths and term frequencies vary.
FAMILIES = ["price", "prices", "priced", "prime", "prince", "print", "prior", "private",
            "cocoa", "cocao", "cocia", "coca", "cocoon", "trade", "trader", "trading", "traded",
            "oil", "oilseed", "oils", "minister", "ministry", "mine", "miner", "sanction",
            "sanctions", "santa", "talks", "talk", "tall", "market", "marker", "bank", "banks",
            "bankers", "grain", "grains", "gain", "wheat", "what", "rate", "rates", "rated"]
STOPS = ["the", "a", "of", "and", "to", "in", "that", "this", "on", "was", "is", "by"]


def random_article(rng: random.Random, i: int) -> Article:
    def sentence() -> str:
        words = [rng.choice(FAMILIES) if rng.random() < 0.6 else rng.choice(STOPS)
                 for _ in range(rng.randint(3, 14))]
        return " ".join(words).capitalize() + "."

    title = " ".join(rng.choice(FAMILIES) for _ in range(rng.randint(1, 5))).title()
    body = "\n\n".join(" ".join(sentence() for _ in range(rng.randint(1, 4)))
                       for _ in range(rng.randint(1, 3)))
    published = date(1987 + rng.randint(0, 36), rng.randint(1, 12), rng.randint(1, 28)) \
        if rng.random() < 0.9 else None
    return Article(f"random-{i}", title, body, published)


def random_entities(rng: random.Random, dense: bool = True) -> Entities:
    """One to three names per field: every field averages more than one word per article.

    Not dense: one article in seven names an organisation, always "OPEC".
    """
    def some(pool):
        return tuple(sorted(rng.sample(pool, rng.randint(1, 3))))

    orgs = some(ORGS) if dense else ("OPEC",) if rng.random() < 1 / 7 else ()
    return Entities(some(PEOPLE), some(PLACES), orgs, ())


def referee_articles() -> list[Article]:
    """The test corpus, the first Reuters articles (when the shared data is present), random ones."""
    articles = [a for path in sorted(CORPUS.iterdir()) for a in read_file(path).articles]
    reuters = config.data_dir() / "reuters21578" / "reut2-000.sgm"
    if reuters.exists():
        articles += read_file(reuters).articles[:REUTERS_ARTICLES]
    rng = random.Random(13)
    articles += [random_article(rng, i) for i in range(RANDOM_ARTICLES)]
    return articles


def build_ram_index(articles: list[Article], rng: random.Random, dense: bool = True):
    ix = RamStorage().create_index(schema.build_schema())
    with ix.writer() as writer:
        for article in articles:
            writer.add_document(**schema.to_document(article, random_entities(rng, dense)))
    return ix


class Engines:
    """One index version seen by both engines: a Whoosh searcher and the app's snapshot arrays."""

    def __init__(self, ix) -> None:
        self.searcher = ix.searcher()
        self.reader = self.searcher.reader()
        self.data = build_index_data(self.reader, self.reader.generation())
        self.ids = [self.searcher.stored_fields(d)[schema.ARTICLE_ID]
                    for d in range(self.reader.doc_count_all())]
        self.docnum = {article_id: d for d, article_id in enumerate(self.ids)}
        self.vocabulary = sorted({w.decode() for w in self.reader.lexicon(schema.WORDS)
                                  if w.isalpha() and 3 <= len(w) <= 12})
        self.common = [w for w in self.vocabulary
                       if self.reader.doc_frequency(schema.WORDS, w) >= 5]
        self.bodies = [self.searcher.stored_fields(d).get(schema.BODY, "").split()
                       for d in range(self.reader.doc_count_all())]

    def close(self) -> None:
        self.searcher.close()


@pytest.fixture(scope="module")
def engines():
    reuters = config.data_dir() / "reuters21578" / "reut2-000.sgm"
    require(reuters.exists(), f"the referee's real articles need Reuters-21578 at {reuters} "
                              "(set SEARCHAPP_DATA_DIR)")
    articles = referee_articles()
    assert len(articles) == 15 + REUTERS_ARTICLES + RANDOM_ARTICLES
    found = Engines(build_ram_index(articles, random.Random(2026)))
    yield found
    found.close()


# ---- the referee -------------------------------------------------------------------------

def documented_words(reader, q: query.MultiTerm) -> list[bytes]:
    """Every word the app documents a prefix or fuzzy term stands for, most frequent first.

    A prefix: every word that starts with it. A fuzzy term: Whoosh's generic
    IndexReader.terms_within, as its docstring says: the words within maxdist
    Damerau-Levenshtein edits that share the first prefixlength letters (at least one).
    Equal frequencies in alphabetical order.
    """
    if isinstance(q, query.FuzzyTerm):
        words = [w.encode("utf-8") for w in IndexReader.terms_within(
            reader, q.fieldname, q.text, q.maxdist, prefix=max(q.prefixlength, 1))]
    else:
        words = list(reader.expand_prefix(q.fieldname, q.text))
    return sorted(words, key=lambda w: (-reader.doc_frequency(q.fieldname, w), w))


def documented_expansion(reader, q: query.MultiTerm) -> list[bytes]:
    """The words the app evaluates for a prefix or fuzzy term: the MAX_EXPANSION most frequent."""
    return documented_words(reader, q)[:MAX_EXPANSION]


class Unscored(query.WrappingQuery):
    """Whoosh's matches of the wrapped query, each scoring 0 (ConstantScoreQuery turns 0 into 1)."""

    def matcher(self, searcher, context=None):
        ids = list(self.child.matcher(searcher, context).all_ids())
        return matching.ListMatcher(ids, weights=array("f", [0.0] * len(ids))) if ids \
            else matching.NullMatcher()


def with_union_tree(q: query.Query) -> query.Query:
    """Make an Or sum its parts with Whoosh's tree of UnionMatchers.

    On a small index Whoosh's Or of three or more parts preloads scores into an array
    (ArrayUnionMatcher), which drops documents whose score is 0: the Unscored ones.
    """
    if isinstance(q, query.Or):
        q.matcher_type = query.Or.DEFAULT_MATCHER
    return q


def referee_query(q: query.Query, reader) -> query.Query:
    """Rewrite q into what scoring.TextIndex documents it computes, in Whoosh's own queries."""
    if isinstance(q, query.Phrase):
        return q  # 4.
    if isinstance(q, (query.Prefix, query.FuzzyTerm)):
        words = documented_expansion(reader, q)  # 1. and 3.
        # 2.: each word a Term scored by BM25, as if typed.
        return with_union_tree(query.Or([query.Term(q.fieldname, w, boost=q.boost)
                                         for w in words])) if words else query.NullQuery
    if isinstance(q, query.Not):
        return Unscored(query.Not(referee_query(q.query, reader)))  # 5.
    if isinstance(q, query.AndNot):
        # 7.: Whoosh's AndNot matcher is wrong, its And with a Not is right.
        return query.And([referee_query(q.a, reader),
                          Unscored(query.Not(referee_query(q.b, reader)))])
    if isinstance(q, query.AndMaybe):
        return query.AndMaybe(referee_query(q.a, reader), referee_query(q.b, reader))
    if isinstance(q, query.compound.CompoundQuery):
        return with_union_tree(q.__class__([referee_query(sub, reader) for sub in q.subqueries],
                                           boost=q.boost))
    assert isinstance(q, (query.Term, query.NullQuery.__class__)), f"unexpected query {q!r}"
    return q


def expansion_words(reader, q: query.MultiTerm) -> set[bytes]:
    """The words Whoosh's own prefix or fuzzy query ORs (its _btexts gives str or bytes)."""
    return {w.encode("utf-8") if isinstance(w, str) else w for w in q._btexts(reader)}


def whoosh_own(q: query.Query) -> query.Query:
    """q as Whoosh would run it, with AndNot(a, b) stated as And(a, Not(b)) (7.)."""
    if isinstance(q, query.AndNot):
        return query.And([whoosh_own(q.a), query.Not(whoosh_own(q.b))])
    return q.apply(whoosh_own)


def multiterms(q: query.Query):
    if isinstance(q, (query.Prefix, query.FuzzyTerm)):
        yield q
    for child in q.children():
        yield from multiterms(child)


def expands_like_whoosh(q: query.Query, reader) -> bool:
    """Whether every prefix or fuzzy term of q stands for exactly the words Whoosh ORs (1., 3.)."""
    return all(set(documented_expansion(reader, m)) == expansion_words(reader, m)
               for m in multiterms(q))


def whoosh_scores(searcher, q: query.Query) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}


def tied(scores: dict[int, float], a: int, b: int) -> bool:
    """Whether two documents score the same, in Whoosh's float64 (the app's float32 differs less)."""
    return math.isclose(scores[a], scores[b], rel_tol=TIE_TOL, abs_tol=1e-9)


def tie_key(data, docnum: int) -> tuple[int, int]:
    """The app's rule among equal scores (search.page_docnums): the newer article, then the lower docnum."""
    return (-int(data.day[docnum]), docnum)


def expected_top(scores: dict[int, float], data, k: int) -> list[int]:
    """Whoosh's best k documents, equal scores in the app's documented order."""
    groups: list[list[int]] = []
    for d in sorted(scores, key=lambda d: (-scores[d], d)):
        if groups and tied(scores, d, groups[-1][-1]):
            groups[-1].append(d)
        else:
            groups.append([d])
    return [d for group in groups for d in sorted(group, key=lambda d: tie_key(data, d))][:k]


def check_against_whoosh(engines: Engines, q: str) -> str:
    """Referee one user query; return which case it was (for hypothesis' statistics)."""
    searcher, reader, data = engines.searcher, engines.reader, engines.data
    req = SearchRequest.from_args(MultiDict([("q", q)]))
    text_query = build_query(req.q, searcher.schema, lambda p: expand_prefix(data, p))
    if text_query.query is None:
        return "browse"
    parsed = text_query.query

    # 6. The half-typed last word's expansions: the 24 most frequent words of the unstemmed
    # field that start with it, stop words left out, the typed word itself left out.
    if text_query.expansions:
        prefix = text_query.prefix
        words = sorted((w.decode("utf-8") for w in reader.lexicon(schema.WORDS)
                        if w.decode("utf-8").startswith(prefix)),
                       key=lambda w: (-reader.doc_frequency(schema.WORDS, w), w))
        documented = [w for w in words if w not in STOP_WORDS][:PREFIX_EXPANSIONS]
        assert list(text_query.expansions) == [w for w in documented if w != prefix], q

    mask, scores, notes = data.text.run(parsed, searcher)
    mask &= data.live
    ours = {int(d): float(scores[d]) for d in np.flatnonzero(mask)}
    refereed = referee_query(parsed, reader)
    theirs = whoosh_scores(searcher, refereed)

    # Matches: Whoosh's, for the query as the app documents it ...
    assert set(ours) == set(theirs), (q, str(parsed), sorted(set(ours) ^ set(theirs))[:10])
    # ... and for Whoosh's own query whenever no expansion was narrowed (1.) or widened (3.).
    plain = expands_like_whoosh(parsed, reader)
    if plain:
        assert set(ours) == set(whoosh_scores(searcher, whoosh_own(parsed))), q
    # The app says so when it narrowed an expansion (1.).
    too_many = any(len(documented_words(reader, m)) > MAX_EXPANSION for m in multiterms(parsed))
    assert bool(notes) == too_many, (q, notes)

    # Scores: BM25F as Whoosh computes it.
    wrong = [(engines.ids[d], ours[d], theirs[d]) for d in ours
             if not math.isclose(ours[d], theirs[d], rel_tol=REL_TOL, abs_tol=1e-5)]
    assert not wrong, (q, str(refereed), wrong[:5])

    # The first page: Whoosh's top 10, ties by the documented rule.
    results = run_search(searcher, data, req, Limits())
    assert results.total == len(theirs)
    page = [engines.docnum[h.article_id] for h in results.hits]
    ranking = expected_top(theirs, data, len(theirs))
    assert len(page) == min(TOP, len(ranking))
    # Each hit has the score of the same rank in Whoosh's ranking, and equal scores are in the
    # documented order ...
    assert all(tied(theirs, a, b) for a, b in zip(page, ranking)), q
    for a, b in zip(page, page[1:]):
        assert theirs[a] > theirs[b] or (tied(theirs, a, b) and tie_key(data, a) < tie_key(data, b)), q
    # ... and they are Whoosh's 10 unless equal scores straddle the end of the page, where
    # search.page_docnums picks any of them (test_a_page_shows_the_newest_of_equal_scores).
    if not (len(ranking) > TOP and tied(theirs, ranking[TOP - 1], ranking[TOP])):
        assert page == ranking[:TOP], q
    return "matches none" if not theirs else "plain" if plain else "documented difference"


# ---- random queries of the query language ------------------------------------------------

def query_text(draw, engines: Engines) -> str:
    word = (st.sampled_from(engines.common) | st.sampled_from(engines.vocabulary)
            | st.sampled_from(FAMILIES))
    names = st.sampled_from([n.split()[-1].lower() for n in PEOPLE + PLACES + ORGS])

    def typo(w: str) -> str:
        i = draw(st.integers(1, max(1, len(w) - 2)))
        kind = draw(st.sampled_from(["swap", "change", "drop"]))
        if kind == "swap" and len(w) > i + 1:
            return w[:i] + w[i + 1] + w[i] + w[i + 2:]
        if kind == "change":
            return w[:i] + draw(st.sampled_from(string.ascii_lowercase)) + w[i + 1:]
        return w[:i] + w[i + 1:]

    def atom() -> str:
        kind = draw(st.sampled_from(["word", "word", "word", "stop", "phrase", "field", "title",
                                     "fuzzy", "prefix"]))
        if kind == "word":
            return draw(word)
        if kind == "stop":
            return draw(st.sampled_from(STOPS))
        if kind == "phrase":
            text = draw(st.sampled_from(engines.bodies))
            start = draw(st.integers(0, max(0, len(text) - 3)))
            n = draw(st.integers(2, 3))
            phrase = " ".join(w.strip(".,;:()\"'") for w in text[start:start + n])
            return f'"{phrase}"'
        if kind == "field":
            return f"{draw(st.sampled_from(['person', 'place', 'org']))}:{draw(names)}"
        if kind == "title":
            return f"title:{draw(word)}"
        if kind == "fuzzy":
            base = draw(word)
            return f"{typo(base) if draw(st.booleans()) else base}~{draw(st.sampled_from(['', '2']))}"
        return f"{draw(word)[:draw(st.integers(1, 4))]}*"

    def clause() -> str:
        sign = draw(st.sampled_from(["", "", "", "-", "NOT "]))
        return sign + atom()

    parts = [clause()]
    for _ in range(draw(st.integers(0, 2))):
        parts.append(draw(st.sampled_from([" ", " OR ", " OR ", " AND "])) + clause())
    text = "".join(parts)
    if draw(st.booleans()):
        # A group, alone or next to another clause: signs inside brackets are read
        # (test_a_group_of_one_signed_word_next_to_other_words_parses).
        text = f"({text})"
        if draw(st.booleans()):
            text += " " + clause()
    elif draw(st.integers(0, 1)) == 0:  # a half-typed last word
        text += " " + draw(word)[:draw(st.integers(2, 5))]
    return text


@pytest.mark.slow
@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_random_queries_match_and_rank_as_whoosh(engines, data):
    q = data.draw(st.composite(lambda draw: query_text(draw, engines))(), label="q")
    from hypothesis import event
    event(check_against_whoosh(engines, q))


# Each case of the query language at least once, whatever hypothesis draws.
LANGUAGE = ["oil", "oil prices", "cocoa OR sanctions", "oil -prices", "oil NOT prices",
            "-oil", "NOT oil", '"oil prices"', '"the price"', "person:putin", "place:moscow",
            "org:opec", "title:cocoa", "pri*", "p*", "t*", "cocoa~", "cocao~", "cocao~2",
            "prince~2", "trade AND NOT japan", "(oil OR grain) AND prices", "oil pri",
            "the", "oil the", "grain th", "talks AND (price OR cocao~) -the", "xyzzy", "(-oil)",
            "the -oil", "-putin -oil"]


@pytest.mark.parametrize("q", LANGUAGE)
def test_each_part_of_the_query_language_matches_and_ranks_as_whoosh(engines, q):
    check_against_whoosh(engines, q)


# ---- the documented differences, one by one ----------------------------------------------

def test_a_prefix_with_more_than_50_words_stands_for_the_50_most_frequent(engines):
    reader, data = engines.reader, engines.data
    parsed = build_query("p*", engines.searcher.schema).query
    body_prefix = next(m for m in multiterms(parsed) if m.fieldname == schema.BODY)
    everything = expansion_words(reader, body_prefix)
    assert len(everything) > MAX_EXPANSION  # the case under test
    mask, _scores, notes = data.text.run(parsed, engines.searcher)
    assert any("most common" in note for note in notes)
    ours = set(np.flatnonzero(mask & data.live).tolist())
    assert ours == set(whoosh_scores(engines.searcher, referee_query(parsed, reader)))
    # Fewer matches than Whoosh's every-word prefix, never other ones.
    whoosh = {hit.docnum for hit in engines.searcher.search(parsed, limit=None)}
    assert ours <= whoosh


@pytest.mark.parametrize("q", ["cocao~", "cocao~2", "aove~2", "prince~2", "minstre~2"])
def test_fuzzy_words_are_whoosh_generic_ones_not_its_automaton_ones(engines, q):
    reader = engines.reader
    parsed = build_query(q, engines.searcher.schema).query
    for term in multiterms(parsed):
        ours = set(documented_words(reader, term))
        automaton = expansion_words(reader, term)
        assert automaton - ours == {w for w in automaton if w[:1] != term.text[:1].encode()}
        assert ours - automaton == {w for w in ours
                                    if levenshtein(w.decode(), term.text) > term.maxdist}
        assert all(w.decode().startswith(term.text[:1])
                   and damerau_levenshtein(w.decode(), term.text) <= term.maxdist for w in ours)
    if q == "cocao~":  # one swap away: one edit here, two for the automaton
        body = next(m for m in multiterms(parsed) if m.fieldname == schema.BODY)
        assert b"cocoa" in set(documented_words(reader, body)) - expansion_words(reader, body)


def test_prefix_and_phrase_and_not_scores_differ_from_whoosh_as_documented(engines):
    searcher, reader, data = engines.searcher, engines.reader, engines.data
    for q, whoosh_gives in (("pri*", "frequency"), ('"oil prices"', "bm25"), ("-oil", "boost")):
        parsed = build_query(q, searcher.schema).query
        _mask, scores, _notes = data.text.run(parsed, searcher)
        theirs = whoosh_scores(searcher, parsed)
        assert theirs
        ours = {d: float(scores[d]) for d in theirs}
        if whoosh_gives == "boost":  # 5.: Whoosh 1.0 for every kept document, the app 0.
            assert set(theirs.values()) == {1.0} and set(ours.values()) == {0.0}
        elif whoosh_gives == "bm25":  # 4.: both the sum of the words' BM25 where the phrase is.
            assert all(math.isclose(ours[d], theirs[d], rel_tol=REL_TOL) for d in theirs)
        else:  # 2.: Whoosh a frequency-only score, the app BM25 summed over the words.
            assert any(not math.isclose(ours[d], theirs[d], rel_tol=REL_TOL) for d in theirs)
        refereed = whoosh_scores(searcher, referee_query(parsed, reader))
        assert all(math.isclose(ours[d], refereed[d], rel_tol=REL_TOL, abs_tol=1e-5) for d in theirs)


def test_whoosh_andnot_keeps_an_excluded_document_and_its_and_not_does_not(engines):
    searcher, data = engines.searcher, engines.data
    parsed = build_query("-was hig", searcher.schema, lambda p: expand_prefix(data, p)).query
    assert isinstance(parsed, query.AndNot)
    doc = engines.docnum["reuters-900001"]
    assert "was" in engines.bodies[doc]
    assert doc in whoosh_scores(searcher, parsed.b)  # "was" (stemmed "wa") is excluded ...
    assert doc in whoosh_scores(searcher, parsed)  # ... yet Whoosh's AndNot keeps it,
    assert doc not in whoosh_scores(searcher, whoosh_own(parsed))  # its And(a, Not(b)) does not,
    mask, _scores, _notes = data.text.run(parsed, searcher)
    assert not mask[doc]  # nor does the app.


# ---- real disagreements this referee found (bugs of the engine), fixed ----------------------

# Whoosh's PlusMinusPlugin leaves a bracketed group holding only `-word` or `+word` as a bare
# Minus/Plus node, and QueryParser.parse raises NotImplementedError (these answered 500 once,
# then were read as their words, "(-oil) grain" finding oil); queryparser.BracketedPlusMinusPlugin
# now sorts the signs of every group: "(-oil) grain" is grain without oil.
@pytest.mark.parametrize("q", ["(-oil) grain", "grain (-oil)", "(+oil) grain", "(about -about) ab"])
def test_a_group_of_one_signed_word_next_to_other_words_parses(engines, q):
    check_against_whoosh(engines, q)
    assert not build_query(q, engines.searcher.schema).notice  # read as typed, not as words


# Fixed: N counted live documents only, where Whoosh counts deleted ones too.
def test_scores_after_deletions_are_whoosh_scores():
    rng = random.Random(5)
    articles = [random_article(rng, i) for i in range(120)]
    ix = RamStorage().create_index(schema.build_schema())
    with ix.writer() as writer:
        for article in articles[:60]:
            writer.add_document(**schema.to_document(article, random_entities(rng)))
    with ix.writer() as writer:  # a second segment, and an update that deletes 20 articles
        for article in articles[60:]:
            writer.add_document(**schema.to_document(article, random_entities(rng)))
        for article in articles[:20]:
            writer.delete_by_term(schema.ARTICLE_ID, article.article_id)
    engines = Engines(ix)
    try:
        assert engines.reader.doc_count() < engines.reader.doc_count_all()
        for q in ("price", "cocoa OR trade", "minister talks"):
            check_against_whoosh(engines, q)
    finally:
        engines.close()


# Fixed: the average field length was clamped to at least 1 (sparse entity fields).
def test_scores_in_a_sparse_field_are_whoosh_scores():
    rng = random.Random(6)
    articles = [random_article(rng, i) for i in range(120)]
    engines = Engines(build_ram_index(articles, rng, dense=False))
    try:
        lengths = engines.reader.field_length(schema.ORGANIZATIONS_TEXT)
        assert lengths / engines.reader.doc_count() < 1  # the case under test
        for q in ("org:opec", "org:bank OR price"):
            check_against_whoosh(engines, q)
    finally:
        engines.close()


# Fixed: search.page_docnums kept the best start+page_size scores with np.argpartition, which
# picked ANY of the documents whose equal score straddled the end of the page; paging through
# `-oil` (206 matches, every score 0) showed 53 articles twice and 53 never.
@pytest.mark.parametrize("q", ["-oil", "title:cocoa"])
def test_a_page_shows_the_newest_of_equal_scores_and_pages_cover_every_match(engines, q):
    req = SearchRequest.from_args(MultiDict([("q", q)]))
    text_query = build_query(req.q, engines.searcher.schema)
    theirs = whoosh_scores(engines.searcher, referee_query(text_query.query, engines.reader))
    ranking = expected_top(theirs, engines.data, len(theirs))
    assert tied(theirs, ranking[TOP - 1], ranking[TOP])  # the case under test
    seen = []
    for page in range(1, len(theirs) // TOP + 2):
        req = SearchRequest.from_args(MultiDict([("q", q), ("page", str(page))]))
        seen += [engines.docnum[h.article_id]
                 for h in run_search(engines.searcher, engines.data, req, Limits()).hits]
    assert seen[:TOP] == ranking[:TOP]
    assert sorted(seen) == sorted(theirs)


# Fixed: search.build_query turned exclusions alone into `NOT word` only when `-` started the text
# or followed a space (a regex over the text, then a second parse): `(-oil)` parsed to nothing and
# browsed everything, oil articles included. querytext.keep_lone_exclusions reads the parse tree.
def test_a_bracketed_exclusion_alone_excludes(engines):
    searcher, data = engines.searcher, engines.data
    plain = build_query("-oil", searcher.schema).query
    assert plain is not None
    bracketed = build_query("(-oil)", searcher.schema).query
    assert bracketed is not None, "(-oil) browses everything"
    assert (data.text.run(bracketed, searcher)[0] == data.text.run(plain, searcher)[0]).all()
