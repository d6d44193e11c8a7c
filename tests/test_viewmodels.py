"""viewmodels, search_page, page_models: the pages' URLs are computed in Python, and printed as is."""
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from werkzeug.datastructures import MultiDict

from searchapp import search_page
from searchapp.request import Limits, SearchRequest
from searchapp.search import run_search
from searchapp.store import get_searcher, get_snapshot
from searchapp.viewmodels import Urls, hidden_fields

HTMX = {"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "section#results"}


def _search(args: dict) -> str:
    items = [(k, v) for k, vs in args.items() for v in ([vs] if isinstance(vs, str) else vs)]
    return "/s?" + urlencode(items) if items else "/s"


# Recognisable spellings, so a test sees which route each URL came from.
URLS = Urls(search=_search,
            entity=lambda kind, name: f"/e/{kind}/{name}",
            article=lambda item, args=None: f"/a/{item.article_id}?{urlencode(args or {}, True)}",
            feed=lambda args: "/feed" + _search(args)[2:],
            facet_values=lambda param: f"/f/{param}")


def soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.fixture()
def results_for(app):
    def run(**args):
        req = SearchRequest.from_args(MultiDict(args))
        with app.test_request_context("/"):
            return run_search(get_searcher(), get_snapshot().data, req, Limits())
    return run


def test_hidden_fields_spell_out_every_value_in_order():
    args = {"more": ["place"], "person": ["Wang Yi", "Xi Jinping"], "q": "moscow", "sort": "oldest"}
    assert hidden_fields(args) == (("more", "place"), ("person", "Wang Yi"),
                                   ("person", "Xi Jinping"), ("q", "moscow"), ("sort", "oldest"))
    assert hidden_fields(args, skip=("q", "sort")) == (("more", "place"), ("person", "Wang Yi"),
                                                       ("person", "Xi Jinping"))


def test_facet_values_carry_their_toggle_exclude_and_page_urls(results_for):
    results = results_for(q="moscow", person="Wang Yi")
    page = search_page.from_results(results, URLS)
    people = next(box for box in page.facets if box.param == "person")
    assert people.label == "People" and people.find_url == "/f/person"
    assert people.find_fields == (("person", "Wang Yi"), ("q", "moscow"))
    wang = next(v for v in people.values if v.value == "Wang Yi")
    assert wang.selected and wang.toggle_url == "/s?q=moscow"
    assert wang.exclude_url == "/s?not_person=Wang+Yi&q=moscow"
    assert wang.about_url == "/e/person/Wang Yi"
    putin = next(v for v in people.values if v.value == "Vladimir Putin")
    assert not putin.selected
    assert putin.toggle_url == "/s?person=Vladimir+Putin&person=Wang+Yi&q=moscow"
    assert people.more_url is None  # every value fits


def test_sort_links_offer_relevance_only_with_text(results_for):
    with_text = search_page.sort_links(results_for(q="moscow").request, URLS)
    assert [(s.label, s.url, s.current) for s in with_text] == [
        ("Relevance", "/s?q=moscow", True), ("Newest", "/s?q=moscow&sort=newest", False),
        ("Oldest", "/s?q=moscow&sort=oldest", False)]
    browse = search_page.sort_links(results_for(sort="oldest").request, URLS)
    assert [(s.label, s.url, s.current) for s in browse] == [
        ("Newest", "/s", False), ("Oldest", "/s?sort=oldest", True)]


def test_chips_remove_one_filter_each_and_clear_keeps_the_text():
    req = SearchRequest.from_args(MultiDict([
        ("q", "moscow"), ("person", "Wang Yi"), ("not_place", "China"), ("country", "Russia"),
        ("mentioned", "2023"), ("from", "2023-01-01")]))
    chips = search_page.chips(req, URLS)
    assert [(c.text, c.remove_label, c.excluded, c.edit_kind) for c in chips] == [
        ("person: Wang Yi", "Remove filter person Wang Yi", False, "person"),
        ("not place: China", "Remove exclusion China", True, ""),
        ("country: Russia", "Remove filter country Russia", False, ""),
        ("mentions 2023", "Remove filter mentions 2023", False, ""),
        ("published 2023-01-01 – …", "Remove the date range", False, "")]
    assert chips[0].remove_url == _search(req.toggle("person", "Wang Yi").to_args())
    assert "not_place" not in chips[1].remove_url and "person=Wang+Yi" in chips[1].remove_url
    assert chips[4].remove_url == _search(req.with_dates(None, None).to_args())


def test_pager_links_around_the_page_and_stops_at_max_page(results_for):
    results = results_for()
    assert search_page.pager(results, URLS) is None  # 5 articles: one page
    from dataclasses import replace

    many = replace(results, page=5, page_count=20, max_page=7,
                   request=results.request.with_page(5))
    pager = search_page.pager(many, URLS)
    assert [(p.number, p.current) for p in pager.pages] == [
        (2, False), (3, False), (4, False), (5, True), (6, False), (7, False)]
    assert pager.prev_url == "/s?page=4" and pager.pages[0].url == "/s?page=2"
    assert pager.next_url == "/s?page=6"
    last = replace(many, page=7, request=results.request.with_page(7))
    assert search_page.pager(last, URLS).next_url is None  # past max_page no URL may go


def test_hits_link_to_their_permalink_with_the_search_and_their_names(results_for):
    results = results_for(q="moscow", person="Wang Yi")
    page = search_page.from_results(results, URLS)
    item = next(h for h in page.hits if h.hit.article_id == "wang-putin")
    assert item.url == "/a/wang-putin?person=Wang+Yi&q=moscow"
    assert [(g.label, g.param) for g in item.entities] == [
        ("People", "person"), ("Places", "place"), ("Organisations", "org")]
    assert item.entities[0].links[0] == search_page.EntityLink("Lavrov", "/e/person/Lavrov")


def test_the_page_links_exactly_what_the_view_models_carry(app, client):
    """Every facet, sort, chip and page link of the rendered page is a view model's URL."""
    response = client.get("/?person=Wang+Yi&q=moscow&sort=oldest", headers=HTMX)
    html = soup(response)
    req = SearchRequest.from_args(MultiDict({"person": "Wang Yi", "q": "moscow",
                                             "sort": "oldest"}))
    with app.test_request_context("/"):
        from searchapp import view_context

        results = run_search(get_searcher(), get_snapshot().data, req, Limits())
        view = search_page.from_results(results, view_context.urls())
    toggles = {a.select_one(".facet-name").get_text(): a["href"]
               for a in html.select(".facet-toggle") if a.select_one(".facet-name")}
    expected = {v.value: v.toggle_url for box in view.facets for v in box.values}
    assert toggles == expected and toggles["Wang Yi"] == "/?q=moscow&sort=oldest"
    excludes = [a["href"] for a in html.select(".facet:not(.countries) .facet-exclude")]
    assert excludes == [v.exclude_url for box in view.facets for v in box.values]
    countries = [a["href"] for a in html.select(".countries .facet-toggle")]
    assert countries == [c.toggle_url for c in view.countries]
    sorts = [a["href"] for a in html.select("nav.sort a:not(.feed-link)")]
    assert sorts == [s.url for s in view.sorts if not s.current]
    assert html.select_one("nav.sort .feed-link")["href"] == view.feed_url
    chips = [a["href"] for a in html.select(".chips .chip a[aria-label]")]
    assert chips == [c.remove_url for c in view.chips] == ["/?q=moscow&sort=oldest"]
    assert html.select_one(".chip-clear a")["href"] == view.clear_url == "/?q=moscow"  # only q stays
    hits = [a["href"] for a in html.select(".hit-title a")]
    assert hits == [h.url for h in view.hits]
    state = [(i["name"], i["value"]) for i in html.select("input[type=hidden][form=search-form]")]
    assert tuple(state) == view.state_fields == (("person", "Wang Yi"), ("sort", "oldest"))
    date_form = [(i["name"], i["value"]) for i in html.select("form.date-range input[type=hidden]")]
    assert tuple(date_form) == view.date_fields


def test_facet_values_page_links_what_its_view_model_carries(client):
    html = soup(client.get("/facets/person?q=moscow&fq=wang"))
    assert html.select_one(".back a")["href"] == "/?q=moscow"
    assert html.select_one("form.facet-search")["action"] == "/facets/person"
    assert [(i["name"], i["value"]) for i in html.select("form.facet-search input[type=hidden]")] \
        == [("q", "moscow")]
    toggle = html.select_one(".facet-toggle")
    assert "Wang Yi" in toggle.get_text() and toggle["href"] == "/?person=Wang+Yi&q=moscow"
    assert html.select_one(".facet-exclude")["href"] == "/?not_person=Wang+Yi&q=moscow"
    assert html.select_one(".facet-about")["href"] == "/people/Wang_Yi"


def test_article_view_links_names_dates_and_the_way_back(app, client):
    html = soup(client.get("/articles/wang-putin?person=Wang+Yi&q=moscow"))
    back = html.select_one("p.back a")
    assert back["href"] == "/?person=Wang+Yi&q=moscow" and "Back to results" in back.get_text()
    sections = {s.select_one("h2").get_text(): [a["href"] for a in s.select("ul a")]
                for s in html.select(".article-side section.facet")}
    assert sections["People"] == ["/?person=Lavrov", "/?person=Vladimir+Putin",
                                  "/?person=Wang+Yi"]
    assert sections["Organisations"] == ["/?org=Kremlin"]
    assert sections["Dates mentioned"] == ["/?mentioned=2023-02-22"]
    pages = [a["href"] for a in html.select("nav.entity-pages a")]
    assert "/people/Wang_Yi" in pages and "/orgs/Kremlin" in pages
    home = soup(client.get("/articles/wang-putin"))
    assert home.select_one("p.back a")["href"] == "/"
    assert "All articles" in home.select_one("p.back a").get_text()


def test_entity_page_links_what_its_view_model_carries(client):
    html = soup(client.get("/people/Wang_Yi"))
    assert html.select_one("link[rel=canonical]")["href"] == "/people/Wang_Yi"
    assert html.select_one("p.back a")["href"] == "/"
    assert {a["href"] for a in html.select("a.all-articles")} == {"/?person=Wang+Yi"}
    latest = [a["href"] for a in html.select("#latest-title + ul a")]
    assert latest == ["/articles/xi-visit/xi-jinping-to-visit-moscow",
                      "/articles/wang-putin/putin-meets-wang-yi-in-moscow"]
    both = {a["aria-label"]: a["href"] for a in html.select("a.co-count")}
    assert both["2 articles with both Wang Yi and Vladimir Putin"] == \
        "/?person=Vladimir+Putin&person=Wang+Yi"
    bars = [a["href"] for a in html.select("svg.timeline a")]
    assert bars and all(h.startswith("/?from=") and "person=Wang+Yi" in h for h in bars)
