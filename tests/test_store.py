"""The store: index updates become visible without a restart, and large rebuilds never stall requests."""
import threading
from datetime import date

from whoosh import index as whoosh_index

from searchapp import create_app, schema, store
from searchapp.articles import Article, Entities
from tests.conftest import TOY_ARTICLES, build_toy_index, close_app


def add_article(index_dir, article_id: str) -> None:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.writer() as writer:
        writer.add_document(**schema.to_document(
            Article(article_id, "New cocoa report", "Cocoa prices fell.", date(2023, 5, 5)),
            Entities((), ("Ghana",), (), (), ("Ghana",))))
    ix.close()


def total(client) -> int:
    return client.get("/api/search").get_json()["total"]


def test_the_next_request_sees_an_index_update(tmp_path):
    index_dir = build_toy_index(tmp_path / "index")
    app = create_app({"INDEX_DIR": str(index_dir)})
    try:
        client = app.test_client()
        assert total(client) == 5
        add_article(index_dir, "new-1")
        assert total(client) == 6
        assert client.get("/api/articles/new-1").status_code == 200
    finally:
        close_app(app)


def test_a_slow_rebuild_runs_in_the_background_and_then_swaps(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "SYNC_BUILD_SECONDS", 0.0)
    release = threading.Event()
    real_build = store.build_index_data

    def slow_build(reader, generation):
        if threading.current_thread().name == "searchapp-snapshot":
            assert release.wait(10)
        return real_build(reader, generation)

    monkeypatch.setattr(store, "build_index_data", slow_build)
    index_dir = build_toy_index(tmp_path / "index")
    app = create_app({"INDEX_DIR": str(index_dir)})
    try:
        client = app.test_client()
        assert total(client) == 5
        add_article(index_dir, "new-2")
        # This request is answered from the previous snapshot: consistent, and not kept waiting.
        assert total(client) == 5
        builder = app.extensions[store.EXTENSION]._builder
        assert builder is not None and builder.is_alive()
        release.set()
        builder.join(10)
        assert total(client) == 6
    finally:
        release.set()
        close_app(app)


def build_separate_files_index(index_dir):
    """The toy index with its segment in separate files, as `searchapp index` writes them (a
    compound segment is one file, mapped whole when a reader opens it)."""
    index_dir.mkdir(parents=True)
    ix = whoosh_index.create_in(str(index_dir), schema.build_schema())
    with ix.writer(compound=False) as writer:
        for article, entities in TOY_ARTICLES:
            writer.add_document(**schema.to_document(article, entities))
    ix.close()
    return index_dir


def merge_all(index_dir) -> None:
    """Add an article and merge every segment into one: Whoosh deletes the old segments' files."""
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.writer(compound=False) as writer:
        writer.add_document(**schema.to_document(
            Article("merged-1", "Cocoa talks", "Cocoa talks resumed.", date(2023, 5, 6)),
            Entities((), ("Ghana",), (), (), ("Ghana",))))
    with ix.writer(compound=False) as writer:
        writer.optimize = True
    ix.close()
    assert not list(index_dir.glob("*.seg"))


def test_a_snapshot_still_reads_its_hits_after_a_merge_deletes_their_files(tmp_path):
    index_dir = build_separate_files_index(tmp_path / "index")
    opened = store.Store(index_dir)
    try:
        snap = opened.current
        n = snap.searcher.reader().doc_count_all()
        merge_all(index_dir)
        assert opened.ix.latest_generation() != snap.generation
        # A request still holding the old snapshot reads every hit's stored fields and lengths.
        ids = {snap.searcher.stored_fields(d)[schema.ARTICLE_ID] for d in range(n)}
        assert len(ids) == n == 5
        assert snap.searcher.reader().doc_field_length(0, schema.BODY) > 0
    finally:
        opened.close()


def test_a_merge_during_a_snapshot_build_is_read_again_not_served_empty(tmp_path, monkeypatch):
    index_dir = build_separate_files_index(tmp_path / "index")
    real_build = store.build_index_data
    merges = []

    def build_racing_a_merge(reader, generation):
        if not merges:
            merges.append(generation)
            merge_all(index_dir)  # between the listing of the segments and the reading of them
        return real_build(reader, generation)

    monkeypatch.setattr(store, "build_index_data", build_racing_a_merge)
    opened = store.Store(index_dir)
    try:
        snap = opened.current
        assert merges and snap.generation != merges[0]
        assert snap.data.doc_count_all == 6
        assert (snap.data.day > 0).all()  # the days read, not Whoosh's default column of zeros
    finally:
        opened.close()
