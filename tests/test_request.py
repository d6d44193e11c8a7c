"""SearchRequest: parsing URL args, canonical serialisation, toggles, precise 400 messages."""
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from searchapp.request import BadRequest, Limits, SearchRequest


def parse(**kwargs) -> SearchRequest:
    pairs = []
    for key, value in kwargs.items():
        key = {"date_from": "from", "date_to": "to"}.get(key, key)
        for v in value if isinstance(value, list) else [value]:
            pairs.append((key, v))
    return SearchRequest.from_args(MultiDict(pairs))


def test_defaults_are_left_out_of_args():
    assert parse().to_args() == {}
    assert parse(q="putin", sort="relevance", page="1").to_args() == {"q": "putin"}
    assert parse(sort="newest").to_args() == {}


def test_repeated_values_and_keys_are_sorted():
    req = parse(place=["Moscow", "Beijing"], person=["Xi Jinping", "Wang Yi"], q="talks")
    assert list(req.to_args()) == ["person", "place", "q"]
    assert req.to_args()["person"] == ["Wang Yi", "Xi Jinping"]
    assert req.to_args()["place"] == ["Beijing", "Moscow"]


def test_round_trip_gives_the_same_state():
    req = parse(q="a b", person=["Wang Yi"], not_place=["Taiwan"], mentioned=["2023-02"],
                date_from="2023-01-01", date_to="2023-12-31", sort="oldest", page="3")
    again = SearchRequest.from_args(MultiDict(
        [(k, v) for k, vs in req.to_args().items() for v in (vs if isinstance(vs, list) else [vs])]))
    assert again == req


def test_whitespace_in_q_is_normalised():
    assert parse(q="  putin   wang ").q == "putin wang"


def test_toggle_adds_then_removes_a_person_and_resets_the_page():
    req = parse(q="x", page="4")
    added = req.toggle("person", "Wang Yi")
    assert added.values("person") == ("Wang Yi",)
    assert added.page == 1
    assert added.toggle("person", "Wang Yi").values("person") == ()


def test_exclude_replaces_an_include_of_the_same_value():
    req = parse(person="Putin").toggle_exclude("person", "Putin")
    assert req.values("person") == () and req.excluded("person") == ("Putin",)
    assert req.to_args() == {"not_person": ["Putin"]}


def test_with_sort_drops_the_default_for_the_state():
    assert parse(q="x").with_sort("relevance").to_args() == {"q": "x"}
    assert parse().with_sort("newest").to_args() == {}
    assert parse().with_sort("oldest").to_args() == {"sort": "oldest"}


def test_dates_are_parsed():
    req = parse(date_from="2023-02-01", date_to="2023-02-28")
    assert (req.date_from, req.date_to) == (date(2023, 2, 1), date(2023, 2, 28))


@pytest.mark.parametrize("args, message", [
    ({"page": "abc"}, "'page' must be a whole number from 1, not 'abc'"),
    ({"page": "0"}, "'page' must be a whole number from 1, not '0'"),
    ({"page": "-2"}, "'page' must be a whole number from 1, not '-2'"),
    ({"page": "1000001"}, "'page' must be at most 1000, not 1000001"),
    ({"sort": "best"}, "'sort' must be one of relevance, newest, oldest, not 'best'"),
    ({"date_from": "22.02.2023"}, "'from' must be a date like 2023-02-22, not '22.02.2023'"),
    ({"date_to": "2023-02-30"}, "'to' is not a real date: '2023-02-30'"),
    ({"date_from": "2023-03-01", "date_to": "2023-02-01"}, "'from' (2023-03-01) is after 'to' (2023-02-01)"),
    ({"mentioned": "Feb 2023"}, "'mentioned' must be YYYY, YYYY-MM or YYYY-MM-DD, not 'Feb 2023'"),
    ({"q": "x" * 501}, "'q' is too long: 501 characters, at most 500"),
    ({"person": [f"p{i}" for i in range(21)]}, "too many filters: 21, at most 20"),
])
def test_bad_parameters_raise_precise_messages(args, message):
    with pytest.raises(BadRequest) as err:
        parse(**args)
    assert str(err.value) == message


def test_limits_are_settings():
    with pytest.raises(BadRequest):
        SearchRequest.from_args(MultiDict([("q", "abcdef")]), Limits(max_query_length=5))


def test_unknown_params_are_ignored_so_old_links_keep_working():
    assert parse(year="2023", utm_source="x").to_args() == {}


def test_more_only_keeps_known_facets():
    assert parse(more=["person", "bogus"]).more == ("person",)


def test_limits_take_their_defaults_from_config():
    from searchapp import config
    from searchapp.request import Limits

    cfg = config.defaults()
    assert Limits() == Limits.from_config({**cfg})
    assert Limits().page_size == cfg["PAGE_SIZE"] and Limits().max_page == cfg["MAX_PAGE"]


def test_one_sort_table_and_one_default_rule():
    from searchapp.request import SORT_ORDERS, SORTS, default_sort

    assert SORTS == tuple(s.name for s in SORT_ORDERS) == ("relevance", "newest", "oldest")
    assert (default_sort("oil"), default_sort("")) == ("relevance", "newest")
    assert SearchRequest.from_args(MultiDict({"q": "oil", "sort": "relevance"})).sort == ""
    assert SearchRequest.from_args(MultiDict({"sort": "newest"})).sort == ""
    assert SearchRequest(q="oil").with_changes(q="").effective_sort == "newest"
