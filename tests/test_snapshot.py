"""snapshot.IndexData.mask_for: the documents that pass a request's filters, from the snapshot's arrays alone."""
import pytest
from werkzeug.datastructures import MultiDict
from whoosh import index as whoosh_index

from searchapp import schema
from searchapp.request import SearchRequest
from searchapp.snapshot import build_index_data

# conftest.TOY_ARTICLES: wang-putin 2023-02-22 (Moscow, Russia), sanctions 2023-02-24 (Russia,
# Washington), xi-visit 2023-03-01 (China, Moscow), reuters-1 1987-02-26 (Brazil, Salvador),
# hostile 2022-05-01 (Moscow).


@pytest.fixture(scope="module")
def data(toy_index_dir):
    ix = whoosh_index.open_dir(str(toy_index_dir))
    with ix.reader() as reader:
        snapshot = build_index_data(reader, reader.generation())
        ids = [reader.stored_fields(d)[schema.ARTICLE_ID] for d in range(reader.doc_count_all())]
    ix.close()
    return snapshot, ids


@pytest.mark.parametrize("args, expected", [
    ([], {"wang-putin", "sanctions", "xi-visit", "reuters-1", "hostile"}),
    ([("place", "Moscow")], {"wang-putin", "xi-visit", "hostile"}),
    ([("place", "Moscow"), ("person", "Xi Jinping")], {"xi-visit"}),
    ([("place", "Moscow"), ("not_person", "Xi Jinping")], {"wang-putin", "hostile"}),
    ([("country", "Brazil")], {"reuters-1"}),
    ([("mentioned", "2023")], {"wang-putin", "sanctions", "xi-visit"}),
    ([("mentioned", "2023-02")], {"wang-putin", "sanctions"}),
    ([("from", "2023-01-01"), ("to", "2023-02-28")], {"wang-putin", "sanctions"}),
    ([("place", "Moscow"), ("from", "2023-01-01")], {"wang-putin", "xi-visit"}),
    ([("person", "Nobody")], set()),
])
def test_mask_for_keeps_the_documents_that_pass_every_filter(data, args, expected):
    snapshot, ids = data
    req = SearchRequest.from_args(MultiDict(args + [("q", "ignored by the mask")]))
    mask = snapshot.mask_for(req)
    assert {ids[d] for d in mask.nonzero()[0]} == expected
    assert not (mask & ~snapshot.live).any()
