"""Corpus-wide resolution: the stored names are a pure function of the corpus, whatever the history.

The corpus is ~300 generated articles whose NER output is given by a deterministic stand-in
extractor (names written in the text), so that what is tested is everything after NER: the
indexer's chunks, commits, incremental runs, removals, and the re-resolution of stored articles.
"""
from __future__ import annotations

import json
import random
from collections import Counter
import shutil
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from searchapp import indexer, schema
from searchapp.articles import Entities
from searchapp.corpus import read_file
from searchapp.entities import Mentions, extract_corpus, resolve, resolve_corpus
from searchapp.entities.corpus import resolve_corpus_mentions
from searchapp.resolution import STATE_FILE

# Full names and their bare surnames; "Baker" needs the corpus: James Baker must be found in at
# least 4 times the articles of Howard Baker (orgs.DOMINANCE) before a bare "Baker" is his.
PEOPLE = ["James Baker", "Howard Baker", "Paul Volcker", "Helmut Schlesinger", "Karl Otto Poehl",
          "Nigel Lawson", "Kiichi Miyazawa", "Jacques Delors"]
ORGS = [("European Community", "EC"), ("General Agreement on Tariffs and Trade", "GATT"),
        ("Federal Reserve", "Fed"), ("General Motors", "GM"), ("Grand Metropolitan", "GM")]
PLACES = ["Tokyo", "Bonn", "Washington", "London", "Brussels", "Paris"]


class NamesInTextExtractor:
    """Stands in for spaCy: each "NAMES person=..|org=..|place=..|acronym=EC:European Community|untagged=.."
    line of a text is its NER (an acronym item: the text defines that acronym for that body; an untagged
    item: a capitalised name NER left untagged, Mentions.untagged)."""

    version = "names-in-text-1"

    def __init__(self) -> None:
        self.calls = 0

    def analyse(self, texts, n_process=1, batch_size=64):
        for text in texts:
            self.calls += 1
            found = {"person": [], "org": [], "place": [], "acronym": [], "untagged": []}
            for line in text.splitlines():
                if line.startswith("NAMES "):
                    for item in line[6:].split("|"):
                        kind, _, name = item.partition("=")
                        found[kind].append(name)
            acronyms = tuple(sorted({tuple(item.split(":", 1)) for item in found.pop("acronym")}))
            untagged = tuple(sorted(set(found.pop("untagged"))))
            surfaces = Counter((kind, name, name) for kind, names in found.items() for name in names)
            yield Mentions(tuple(sorted(set(found["person"]))), tuple(sorted(set(found["place"]))),
                           tuple(sorted(set(found["org"]))), ("March 2",),
                           tuple(sorted((*key, n) for key, n in surfaces.items())), acronyms=acronyms,
                           untagged=untagged)

    def close(self) -> None:
        pass


def make_articles(n: int = 300, seed: int = 7) -> list[dict]:
    """Generate articles whose bare names need the corpus to resolve."""
    rng = random.Random(seed)
    weights = [40, 3, 25, 12, 10, 8, 8, 6]  # James Baker dominates Howard Baker only overall
    articles = []
    for i in range(n):
        names = []
        for person in rng.choices(PEOPLE, weights, k=rng.randint(1, 4)):
            names.append("person=" + (person.split()[-1] if rng.random() < 0.35 else person))
        for long, short in rng.sample(ORGS, rng.randint(0, 2)):
            names.append("org=" + (short if rng.random() < 0.4 else long))
            if names[-1] == "org=" + long and i % 3 == 0 and short.isupper():
                names.append(f"acronym={short}:{long}")  # "the European Community (EC)"
        names.append("place=" + rng.choice(PLACES))
        # Early articles mention Howard Baker more, so a run that counted only what it had seen
        # so far would leave "Baker" unresolved (or resolve it differently) in the first chunks.
        if i < 40 and rng.random() < 0.25:
            names.append("person=Howard Baker")
        # A name NER left untagged: a body only once enough articles name it as one ("Grand Metropolitan",
        # named as a body in a few articles), never a phrase no article names ("Story Number").
        if i % 7 == 0:
            names.append("untagged=" + ("Story Number" if i % 2 else "Grand Metropolitan"))
        articles.append({"id": f"art-{i:03d}", "title": f"Story {i}",
                         "text": f"Story number {i}.\n\nNAMES " + "|".join(names),
                         "date": f"1987-03-{1 + i % 28:02d}"})
    return articles


def write_corpus(folder: Path, articles: list[dict], per_file: int = 10, reverse: bool = False) -> Path:
    """Write articles as JSON Lines files; reverse=True puts them in the opposite file order."""
    folder.mkdir(parents=True, exist_ok=True)
    order = list(reversed(articles)) if reverse else articles
    for n, start in enumerate(range(0, len(order), per_file)):
        (folder / f"part-{n:03d}.jsonl").write_text(
            "".join(json.dumps(a) + "\n" for a in order[start:start + per_file]), encoding="utf-8")
    return folder


def stored(index_dir: Path) -> dict[str, Entities]:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        result = {f[schema.ARTICLE_ID]: schema.stored_entities(f) for f in searcher.all_stored_fields()}
    ix.close()
    return result


def stored_mentions(index_dir: Path) -> dict[str, tuple]:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        result = {f[schema.ARTICLE_ID]: schema.stored_mentions(f) for f in searcher.all_stored_fields()}
    ix.close()
    return result


@pytest.fixture()
def small_chunks(monkeypatch):
    """Chunks of 16 articles and a commit every 40, so a run has many of both."""
    monkeypatch.setattr(indexer, "CHUNK_SIZE", 16)
    monkeypatch.setattr(indexer, "COMMIT_EVERY", 40)


@pytest.fixture(scope="module")
def articles():
    return make_articles()


@pytest.fixture(scope="module")
def expected(articles, tmp_path_factory):
    """What extraction gives for the whole corpus at once (what `searchapp extract` prints)."""
    folder = write_corpus(tmp_path_factory.mktemp("expected"), articles)
    read = [a for path in sorted(folder.iterdir()) for a in read_file(path).articles]
    return {a.article_id: e for a, e in zip(read, extract_corpus(read, NamesInTextExtractor()))}


@pytest.fixture(scope="module")
def expected_mentions(articles, tmp_path_factory):
    """Every article's mention records as the pure function gives them for the whole corpus."""
    folder = write_corpus(tmp_path_factory.mktemp("expected-mentions"), articles)
    read = [a for path in sorted(folder.iterdir()) for a in read_file(path).articles]
    items = [(m, a.published) for m, a in zip(NamesInTextExtractor().analyse([a.text for a in read]), read)]
    return {a.article_id: mentions for a, (_e, mentions) in zip(read, resolve_corpus_mentions(items))}


def test_corpus_needs_the_corpus(articles, expected):
    """The corpus is a real test: bare names resolve only across articles."""
    merged = sum("Baker" in [p.split()[-1] for p in e.people] and "Baker" not in e.people
                 for e in expected.values())
    assert merged > 20
    assert not any("Baker" in e.people for e in expected.values())
    assert any("European Community" in e.organizations for e in expected.values())
    assert not any("EC" in e.organizations for e in expected.values())
    # An untagged "Grand Metropolitan" is the body the corpus names, "Story Number" no body; in the first
    # 40 articles alone, Grand Metropolitan is not yet named in enough of them.
    texts = {a["id"]: a["text"] for a in articles}
    given = [i for i, e in expected.items() if "untagged=Grand Metropolitan" in texts[i]
             and "org=Grand Metropolitan" not in texts[i]]
    assert given and all("Grand Metropolitan" in expected[i].organizations for i in given)
    assert not any("Story Number" in e.organizations or any(o.startswith("?") for o in e.organizations)
                   for e in expected.values())
    naming = [a["text"] for a in articles if "org=Grand Metropolitan" in a["text"]]
    assert len(naming) >= 3
    few = resolve_corpus([(next(NamesInTextExtractor().analyse([text])), None)
                          for text in [texts[given[0]], *naming[:2]]])
    assert "Grand Metropolitan" not in few[0].organizations  # two articles attest no body
    # The first 40 articles alone would not make "Baker" James Baker: there he is not dominant
    # over Howard Baker, and a bare surname two full names share is left out.
    early = resolve_corpus([(Mentions(people=("Baker",)), None)] + [
        (next(NamesInTextExtractor().analyse([a["text"]])), None) for a in articles[:40]])
    assert early[0].people == ()
    first = [next(NamesInTextExtractor().analyse([a["text"]])) for a in articles[:40]]
    assert {"James Baker", "Howard Baker"} <= {p for m in first for p in m.people}


def test_one_run_stores_what_extract_prints(tmp_path, articles, expected, expected_mentions,
                                            small_chunks):
    corpus = write_corpus(tmp_path / "corpus", articles)
    stats = indexer.build_index([corpus], tmp_path / "index", NamesInTextExtractor())
    assert stats.added == len(articles) and stats.reresolved > 0
    assert stored(tmp_path / "index") == expected
    assert stored_mentions(tmp_path / "index") == expected_mentions
    # The re-resolution's commit is recorded like the indexer's: `searchapp check` finds
    # checksums for every segment.
    from searchapp.check import check_index

    report = check_index(tmp_path / "index")
    assert not report.damaged and not report.findings, report.findings


def test_mentions_follow_the_corpus_names(expected, expected_mentions):
    """A bare "Baker" the corpus makes James Baker is one of his spellings, its count added."""
    spelled = [m for ms in expected_mentions.values() for m in ms if m[:2] == ("person", "James Baker")]
    assert any("Baker" in spellings for _k, _n, _c, spellings in spelled)
    assert any(count >= 2 for _k, _n, count, _s in spelled)
    for article_id, ents in expected.items():  # one record per final name, nothing else
        names = {(k, n) for k, n, _c, _s in expected_mentions[article_id]}
        assert names == {("person", p) for p in ents.people} | {("place", p) for p in ents.places} \
            | {("org", o) for o in ents.organizations}


def test_reversed_order_gives_the_same_names(tmp_path, articles, expected, small_chunks):
    corpus = write_corpus(tmp_path / "corpus", articles, reverse=True)
    indexer.build_index([corpus], tmp_path / "index", NamesInTextExtractor())
    assert stored(tmp_path / "index") == expected


@pytest.mark.parametrize("watching", [False, True], ids=["runs", "one-process"])
def test_three_incremental_runs_give_the_same_names(tmp_path, articles, expected, expected_mentions,
                                                    small_chunks, watching):
    """Separate runs re-read the whole index; one process (`index --watch`) keeps a RunState,
    whose resolution reads only what each run wrote: both store the pure function's names."""
    corpus = tmp_path / "corpus"
    third = len(articles) // 3
    extractor = NamesInTextExtractor()
    state = indexer.RunState() if watching else None
    reresolved, incremental = [], []
    for k in range(3):
        part = articles[k * third: (k + 1) * third if k < 2 else len(articles)]
        write_corpus(corpus / f"batch{k}", part)
        stats = indexer.build_index([corpus], tmp_path / "index", extractor, state=state)
        reresolved.append(stats.reresolved)
        incremental.append(stats.resolved_incrementally)
    assert stored(tmp_path / "index") == expected
    assert stored_mentions(tmp_path / "index") == expected_mentions
    assert reresolved[1] + reresolved[2] > 0  # later batches changed earlier articles' names
    assert incremental == [False, watching, watching]


@pytest.mark.parametrize("watching", [False, True], ids=["runs", "one-process"])
def test_remove_a_third_and_add_it_back(tmp_path, articles, expected, expected_mentions, small_chunks,
                                        watching):
    corpus = write_corpus(tmp_path / "corpus", articles)
    extractor = NamesInTextExtractor()
    state = indexer.RunState() if watching else None
    indexer.build_index([corpus], tmp_path / "index", extractor, state=state)
    files = sorted(corpus.iterdir())
    aside = tmp_path / "aside"
    aside.mkdir()
    for path in files[::3]:
        shutil.move(path, aside / path.name)
    removed = indexer.build_index([corpus], tmp_path / "index", extractor, state=state)
    assert removed.removed > 0 and removed.resolved_incrementally == watching
    kept = [a for path in sorted(corpus.iterdir()) for a in read_file(path).articles]
    assert stored(tmp_path / "index") == dict(zip(
        (a.article_id for a in kept), extract_corpus(kept, NamesInTextExtractor())))
    for path in aside.iterdir():
        shutil.move(path, corpus / path.name)
    calls = extractor.calls
    back = indexer.build_index([corpus], tmp_path / "index", extractor, state=state)
    assert back.added == removed.removed and back.resolved_incrementally == watching
    assert extractor.calls == calls  # everything came from the cache: no NER
    assert stored(tmp_path / "index") == expected
    assert stored_mentions(tmp_path / "index") == expected_mentions


def test_nothing_changed_skips_re_resolution(tmp_path, articles, small_chunks):
    corpus = write_corpus(tmp_path / "corpus", articles[:60])
    index_dir = tmp_path / "index"
    indexer.build_index([corpus], index_dir, NamesInTextExtractor())
    state = (index_dir / STATE_FILE).read_text()
    generation = whoosh_index.open_dir(str(index_dir)).latest_generation()
    again = indexer.build_index([corpus], index_dir, NamesInTextExtractor())
    assert (again.added, again.updated, again.removed, again.reresolved) == (0, 0, 0, 0)
    assert whoosh_index.open_dir(str(index_dir)).latest_generation() == generation
    assert (index_dir / STATE_FILE).read_text() == state


def test_interrupted_run_is_finished_by_the_next(tmp_path, articles, expected, small_chunks):
    """A run killed between its last commit and the re-resolution leaves names the next run fixes."""
    corpus = write_corpus(tmp_path / "corpus", articles)
    index_dir = tmp_path / "index"
    indexer.build_index([corpus], index_dir, NamesInTextExtractor())
    # As if the run had stopped before re-resolving: stored names are the local ones.
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher, ix.writer() as writer:
        for fields in searcher.all_stored_fields():
            article = schema.from_stored(fields)
            local = resolve(next(NamesInTextExtractor().analyse([article.text])), article.published)
            writer.update_document(**schema.to_document(article, local, fields[schema.FILE_SIG]))
    ix.close()
    assert stored(index_dir) != expected
    stats = indexer.build_index([corpus], index_dir, NamesInTextExtractor())
    assert stats.added == stats.updated == 0 and stats.reresolved > 20
    assert stored(index_dir) == expected


def test_from_stored_rebuilds_the_article(tmp_path, articles, small_chunks):
    corpus = write_corpus(tmp_path / "corpus", articles[:20])
    indexer.build_index([corpus], tmp_path / "index", NamesInTextExtractor())
    read = {a.article_id: a for path in sorted(corpus.iterdir()) for a in read_file(path).articles}
    ix = whoosh_index.open_dir(str(tmp_path / "index"))
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            article = schema.from_stored(fields)
            assert article == read[article.article_id]
            assert article.content_hash() == fields[schema.CONTENT_HASH]
    ix.close()


def test_a_mostly_rewritten_segment_is_merged_away(tmp_path):
    """A pass that rewrote most of a segment leaves no mostly dead segment behind: the snapshot
    arrays are sized by every document, live or deleted."""
    from searchapp.articles import Article
    from searchapp.resolution import merge_small_drop_empty

    def doc(i: int, words: str) -> dict:
        return schema.to_document(Article(f"a{i}", f"Title {i}", f"{words} {i}", None, origin="/x"),
                                  Entities((), (), (), (), ()))

    ix = whoosh_index.create_in(str(tmp_path), schema.build_schema())
    with ix.writer() as writer:
        for i in range(50):
            writer.add_document(**doc(i, "first"))
    with ix.writer() as writer:
        for i in range(50, 60):
            writer.add_document(**doc(i, "second"))
    writer = ix.writer()
    for i in range(40):
        writer.update_document(**doc(i, "rewritten"))
    writer.commit(mergetype=merge_small_drop_empty)
    with ix.reader() as reader:
        assert reader.doc_count() == 60
        assert reader.doc_count_all() == 60  # the 50-article segment, 40 of them dead, was merged
    ix.close()



def test_an_incremental_pass_sees_a_reading_only_an_article_uses_move():
    """An organisation the corpus makes a person ("Baker": James Baker) is the firm it opens in an
    article naming such a firm (CorpusMaps.article_final_of); when new articles move that firm reading
    but not the person, the memory still reports the value as changed, so its articles are rewritten."""
    from searchapp.articles import Entities
    from searchapp.corpus_memory import CorpusMemory, Known
    from searchapp.entities import Mentions
    from searchapp.rules import NO_RULES

    def known(people=(), orgs=()):
        return Known.of(Entities(people=people, organizations=orgs),
                        Mentions(people=people, organizations=orgs, acting=orgs))  # "Baker International said"

    memory = CorpusMemory()
    memory.reset("k")
    articles = [known(people=("James Baker",))] * 80 + [known(orgs=("Baker International",))] * 8 + [
        known(orgs=("Baker", "Baker Oil Tools"))]
    for number, article in enumerate(articles):
        memory.add(f"a{number}", article)
    memory.build_maps(NO_RULES)
    before = memory.resolve(memory.articles["a88"])[0].organizations
    for number in range(8):
        memory.add(f"h{number}", known(orgs=("Baker Hughes",)))
    changed = memory.build_maps(NO_RULES)
    assert memory.maps.final_of("org", "Baker") == ("person", "James Baker")  # the person is unmoved ...
    assert memory.resolve(memory.articles["a88"])[0].organizations != before  # ... the firm reading moved
    assert ("org", "Baker") in changed and "a88" in memory.holding(changed)
