"""The store: index updates become visible without a restart, and large rebuilds never stall requests."""
import threading
from datetime import date

from whoosh import index as whoosh_index

from searchapp import create_app, schema, store
from searchapp.articles import Article, Entities
from tests.conftest import build_toy_index, close_app


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
