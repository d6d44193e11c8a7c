"""Entity pages and the country filter, checked against brute-force counts over a generated corpus.

The corpus is made here with a fixed seed: 400 articles whose people, places and organisations
are drawn from small pools (hostile names included), so every count the pages show can be
recounted from the lists the index was built from, without reading the index back.
"""
from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup
from whoosh import index as whoosh_index

from searchapp import create_app, entity_pages, gazetteer, schema
from searchapp.articles import Article, Entities
from searchapp.facets import build_index_data
from searchapp.request import Limits, SearchRequest
from searchapp.search import run_search
from tests.conftest import close_app

HOSTILE_PERSON = 'Eve "<script>alert(1)</script>" O\'Neil'
HOSTILE_ORG = "<img src=x onerror=alert(2)> & Co"
PEOPLE = ["Helmut Schlesinger", "Karl Otto Pohl", "James Baker", "Yasuhiro Nakasone",
          "Mikhail Gorbachev", "Ronald Reagan", "Snake_Case Person", HOSTILE_PERSON]
PLACES = ["Tokyo", "Osaka", "Japan", "Houston", "Texas", "Dallas", "United States", "Bonn",
          "West Germany", "Frankfurt", "Germany", "Moscow", "Soviet Union", "Kyiv", "Middle East",
          "<b>Nowhere</b>"]
ORGS = ["Bundesbank", "Federal Reserve", "OPEC", "Bank of Japan", HOSTILE_ORG]
N_ARTICLES = 400


def mention_records(article: Article, entities: Entities) -> tuple:
    """How often the article's text names each entity, and the other spellings it uses: what
    the indexer stores (schema.MENTIONS), counted here by brute force."""
    text = f"{article.title} {article.body}"
    records = []
    for kind, values in (("person", entities.people), ("place", entities.places),
                         ("org", entities.organizations)):
        for value in values:
            count, spellings = max(1, text.count(value)), ()
            surname = value.split()[-1]
            if kind == "person" and f"{surname} agreed" in text:
                count, spellings = count + text.count(f"{surname} agreed"), (surname,)
            records.append((kind, value, count, spellings))
    return tuple(records)


def make_corpus(seed: int = 12) -> list[tuple[Article, Entities]]:
    rng = random.Random(seed)
    start = date(1985, 1, 1)
    corpus = []
    for i in range(N_ARTICLES):
        people = tuple(sorted(rng.sample(PEOPLE, rng.randint(0, 3))))
        places = tuple(sorted(rng.sample(PLACES, rng.randint(0, 4))))
        orgs = tuple(sorted(rng.sample(ORGS, rng.randint(0, 2))))
        published = None if i % 37 == 0 else start + timedelta(days=rng.randint(0, 3 * 365))
        title = f"{people[0] if people else 'Markets'} story {i}"
        body = " ".join(people + places + orgs) + f". Article number {i} about money."
        if people and i % 3 == 0:
            body += f" {people[0]} said. {people[0]} added."
        if people and " " in people[-1] and i % 5 == 0:  # a surname alone, as wire copy writes it
            body += f" {people[-1].split()[-1]} agreed."
        corpus.append((Article(f"gen-{i}", title, body, published, origin="/gen.txt"),
                       Entities(people, places, orgs, (), ())))
    return corpus


CORPUS = make_corpus()


@pytest.fixture(scope="module")
def gen_index_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("entity-index")
    ix = whoosh_index.create_in(str(path), schema.build_schema())
    with ix.writer() as writer:
        for article, entities in CORPUS:
            writer.add_document(**schema.to_document(article, entities, "",
                                                     mention_records(article, entities)))
    ix.close()
    return path


@pytest.fixture(scope="module")
def snapshot(gen_index_dir):
    ix = whoosh_index.open_dir(str(gen_index_dir))
    searcher = ix.searcher()
    data = build_index_data(searcher.reader(), 1)
    ids = [searcher.stored_fields(d)[schema.ARTICLE_ID] for d in range(data.doc_count_all)]
    yield searcher, data, ids
    searcher.close()
    ix.close()


@pytest.fixture(scope="module")
def gen_client(gen_index_dir):
    app = create_app({"INDEX_DIR": str(gen_index_dir), "TESTING": True})
    yield app.test_client()
    close_app(app)


def fake_url(segment: str, name: str) -> str:
    return f"/{segment}/{name}"


def articles_with(kind: str, value: str) -> list[tuple[Article, Entities]]:
    attr = {"people": "people", "places": "places", "orgs": "organizations"}[kind]
    return [(a, e) for a, e in CORPUS if value in getattr(e, attr)]


def in_country(entities: Entities, country: str) -> bool:
    return any(gazetteer.locate(p).country == country for p in entities.places)


def brute_co_mentions(subject_docs, kind_attr: str, skip: set[str]) -> Counter:
    counts = Counter()
    for _a, e in subject_docs:
        for value in getattr(e, kind_attr):
            if value not in skip:
                counts[value] += 1
    return counts


# ---- counts -------------------------------------------------------------------------------

@pytest.mark.parametrize("segment, values", [("people", PEOPLE), ("places", PLACES), ("orgs", ORGS)])
def test_page_count_equals_the_facet_count_of_the_same_filter(snapshot, segment, values):
    searcher, data, _ids = snapshot
    kind = entity_pages.KINDS[segment]
    for value in values:
        if entity_pages.is_country_page(data, kind, value):
            continue  # country pages count the roll-up: see the next test
        page = entity_pages.build_page(searcher, data, kind, value, fake_url)
        req = SearchRequest.from_args({kind.param: [value]})
        results = run_search(searcher, data, req, Limits())
        group = next(g for g in results.facets if g.param == kind.param)
        facet_count = next(v.count for v in group.values if v.value == value)
        assert page.count == results.total == facet_count == len(articles_with(segment, value)), value
        dated = [a.published for a, _e in articles_with(segment, value) if a.published]
        assert page.first == min(dated).isoformat() and page.last == max(dated).isoformat()


@pytest.mark.parametrize("country", ["Japan", "United States", "Germany", "Soviet Union", "Ukraine"])
def test_country_page_count_equals_the_country_facet_and_filter(snapshot, country):
    searcher, data, _ids = snapshot
    kind = entity_pages.KINDS["places"]
    assert entity_pages.is_country_page(data, kind, country)
    page = entity_pages.build_page(searcher, data, kind, country, fake_url)
    landing = run_search(searcher, data, SearchRequest(), Limits(facet_size=50))
    facet_count = next(c.count for c in landing.countries if c.value == country)
    filtered = run_search(searcher, data, SearchRequest.from_args({"country": [country]}), Limits())
    expected = sum(1 for _a, e in CORPUS if in_country(e, country))
    assert page.count == facet_count == filtered.total == expected
    assert page.country.own_count == len(articles_with("places", country)) if country in PLACES \
        else page.country.own_count == 0


def test_country_filter_is_the_union_of_its_places(snapshot):
    searcher, data, ids = snapshot
    for country in ("Japan", "United States", "Germany", "Russia", "Ukraine", "Soviet Union"):
        results = run_search(searcher, data, SearchRequest.from_args({"country": [country]}), Limits())
        found = {ids[d] for d in np.flatnonzero(results.mask)}
        members = {p for p in PLACES if gazetteer.locate(p).country == country}
        union = {a.article_id for a, e in CORPUS if members & set(e.places)}
        assert found == union, country
    # Japan also finds the articles that only say Tokyo or Osaka.
    only_cities = {a.article_id for a, e in CORPUS
                   if {"Tokyo", "Osaka"} & set(e.places) and "Japan" not in e.places}
    japan = run_search(searcher, data, SearchRequest.from_args({"country": ["Japan"]}), Limits())
    assert only_cities and only_cities <= {ids[d] for d in np.flatnonzero(japan.mask)}
    # West Germany rolls up to Germany; the Soviet Union is its own country, Moscow is Russia's.
    assert gazetteer.locate("West Germany").country == "Germany"
    assert "Moscow" not in {p for p in PLACES if gazetteer.locate(p).country == "Soviet Union"}


def test_country_filter_combines_with_other_filters(snapshot):
    searcher, data, ids = snapshot
    req = SearchRequest.from_args({"country": ["Japan"], "person": ["James Baker"]})
    results = run_search(searcher, data, req, Limits())
    expected = {a.article_id for a, e in CORPUS
                if in_country(e, "Japan") and "James Baker" in e.people}
    assert {ids[d] for d in np.flatnonzero(results.mask)} == expected
    both = SearchRequest.from_args({"country": ["Japan", "Germany"]})
    expected = {a.article_id for a, e in CORPUS if in_country(e, "Japan") and in_country(e, "Germany")}
    assert {ids[d] for d in np.flatnonzero(run_search(searcher, data, both, Limits()).mask)} == expected


@pytest.mark.parametrize("segment, name", [("people", "Helmut Schlesinger"), ("places", "Tokyo"),
                                           ("orgs", "Bundesbank"), ("people", HOSTILE_PERSON),
                                           ("places", "Japan"), ("places", "United States")])
def test_co_mention_counts_equal_a_brute_force_count(snapshot, segment, name):
    searcher, data, _ids = snapshot
    kind = entity_pages.KINDS[segment]
    page = entity_pages.build_page(searcher, data, kind, name, fake_url)
    if page.is_country:
        subject_docs = [(a, e) for a, e in CORPUS if in_country(e, name)]
        skip_places = {p for p in PLACES if gazetteer.locate(p).country == name}
    else:
        subject_docs = articles_with(segment, name)
        skip_places = set()
    for group in page.appears_with:
        attr = {"people": "people", "places": "places", "orgs": "organizations"}[group.kind]
        skip = ({name} if group.kind == segment else set()) | (skip_places if group.kind == "places" else set())
        expected = brute_co_mentions(subject_docs, attr, skip)
        shown = {c.value: c.count for c in group.values}
        assert all(shown[v] == expected[v] for v in shown), group.kind
        top = sorted(expected.values(), reverse=True)[:entity_pages.APPEARS_WITH]
        assert sorted(shown.values(), reverse=True) == top, group.kind
        for c in group.values:  # each links to the search filtered by both
            assert c.args[entity_pages.KINDS[c.kind].param] and (
                c.value in c.args[entity_pages.KINDS[c.kind].param])


def test_neighbourhood_lines_count_articles_shared_among_the_entity_articles(snapshot):
    searcher, data, _ids = snapshot
    kind = entity_pages.KINDS["people"]
    page = entity_pages.build_page(searcher, data, kind, "James Baker", fake_url)
    nodes = page.picture.nodes
    assert nodes[0].is_center and len(nodes) == 1 + entity_pages.NEIGHBOURS
    subject_docs = articles_with("people", "James Baker")

    def values_of(e: Entities) -> set[str]:
        return set(e.people) | set(e.places) | set(e.organizations)

    for node in nodes[1:]:
        assert node.shared == sum(1 for _a, e in subject_docs if node.value in values_of(e))
    by_point = {(n.x, n.y): n.value for n in nodes}
    for edge in page.picture.edges:
        a, b = by_point[(edge.x1, edge.y1)], by_point[(edge.x2, edge.y2)]
        if edge.to_center:
            continue
        expected = sum(1 for _a, e in subject_docs if {a, b} <= values_of(e))
        assert edge.shared == expected > 0
    again = entity_pages.build_page(searcher, data, kind, "James Baker", fake_url)
    assert again.picture == page.picture  # fixed seed: the same picture every time


def test_timeline_bars_add_up_and_link_to_their_dates(snapshot):
    searcher, data, _ids = snapshot
    kind = entity_pages.KINDS["orgs"]
    page = entity_pages.build_page(searcher, data, kind, "OPEC", fake_url)
    timeline = page.timeline
    assert timeline.level == "month"  # three years of dates
    assert sum(b.count for b in timeline.bars) + timeline.undated == page.count
    for bar in timeline.bars[:6]:
        req = entity_pages.request_from(bar.args)
        assert run_search(searcher, data, req, Limits()).total == bar.count
        assert bar.args["org"] == ["OPEC"] and bar.args["from"] == bar.start


def test_latest_and_most_mentioning_articles(snapshot):
    searcher, data, _ids = snapshot
    kind = entity_pages.KINDS["people"]
    page = entity_pages.build_page(searcher, data, kind, "Ronald Reagan", fake_url)
    mine = articles_with("people", "Ronald Reagan")
    newest = sorted((a.published for a, _e in mine if a.published), reverse=True)[:entity_pages.ARTICLES]
    assert [date.fromisoformat(a.published) for a in page.latest] == newest
    # The articles that name him most often come first (counts as stored), newest first on ties.
    def mentions(article, entities):
        return next(c for k, v, c, _s in mention_records(article, entities) if v == "Ronald Reagan")

    order = sorted(mine, key=lambda ae: (-mentions(*ae), -(ae[0].published or date.min).toordinal(),
                                         CORPUS.index(ae)))
    assert [a.article_id for a in page.most] == [a.article_id for a, _e in order[:entity_pages.ARTICLES]]
    assert [ref.mentions for ref in page.most] == [mentions(*ae) for ae in order[:entity_pages.ARTICLES]]
    top = next(a for a, _e in mine if a.article_id == page.most[0].article_id)
    assert top.title.startswith("Ronald Reagan") and top.body.count("Ronald Reagan") >= 3


def test_aliases_are_the_spellings_live_articles_use(snapshot, gen_client):
    searcher, data, _ids = snapshot
    for name in PEOPLE:
        users = [a for a, e in articles_with("people", name)
                 if any(v == name and s for _k, v, _c, s in mention_records(a, e))]
        page = entity_pages.build_page(searcher, data, entity_pages.KINDS["people"], name, fake_url)
        assert page.aliases == ((name.split()[-1],) if users else ()), name
    body = gen_client.get("/api/people/James_Baker").get_json()
    assert body["aliases"] == ["Baker"]
    assert body["aliases"] == list(entity_pages.build_page(
        searcher, data, entity_pages.KINDS["people"], "James Baker", fake_url).aliases)


def test_an_index_without_spellings_says_it_does_not_know(tmp_path):
    old = schema.build_schema()
    for name in schema.added_fields():
        old.remove(name)
    ix = whoosh_index.create_in(str(tmp_path), old)
    with ix.writer() as writer:
        for article, entities in CORPUS[:50]:
            doc = schema.to_document(article, entities)
            writer.add_document(**{k: v for k, v in doc.items() if k in old})
    ix.close()
    client = create_app({"INDEX_DIR": str(tmp_path), "TESTING": True}).test_client()
    name = next(p for a, e in CORPUS[:50] for p in e.people)
    body = client.get(f"/api/people/{entity_pages.to_slug(name)}").get_json()
    assert body["aliases"] is None
    assert len(body["mentions_most"]) == min(body["count"], entity_pages.ARTICLES) > 0


# ---- URLs and views -------------------------------------------------------------------------

def test_slugs_read_back_to_the_name(snapshot):
    _searcher, data, _ids = snapshot
    people = entity_pages.KINDS["people"]
    places = entity_pages.KINDS["places"]
    for name in PEOPLE:
        assert entity_pages.canonical_name(data, people, entity_pages.to_slug(name)) == name
    assert entity_pages.to_slug("Helmut Schlesinger") == "Helmut_Schlesinger"
    assert entity_pages.to_slug("Snake_Case Person") == "Snake_Case Person"
    assert entity_pages.canonical_name(data, people, "helmut schlesinger") == "Helmut Schlesinger"
    assert entity_pages.canonical_name(data, places, "Russia") == "Russia"  # a country, no place value
    assert entity_pages.canonical_name(data, people, "Nobody Atall") is None


def test_entity_page_renders_and_redirects(gen_client):
    response = gen_client.get("/people/Helmut_Schlesinger")
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.select_one("h1").get_text() == "Helmut Schlesinger"
    assert page.select("svg.timeline a") and page.select("svg.neighbourhood a.node")
    all_link = page.select_one("a.all-articles")["href"]
    assert all_link == "/?person=Helmut+Schlesinger"
    moved = gen_client.get("/people/Helmut%20Schlesinger")
    assert moved.status_code == 301 and moved.headers["Location"] == "/people/Helmut_Schlesinger"
    assert gen_client.get("/people/helmut_schlesinger").headers["Location"] == "/people/Helmut_Schlesinger"
    assert gen_client.get("/api/people/helmut_schlesinger").headers["Location"] == \
        "/api/people/Helmut_Schlesinger"
    assert gen_client.get("/people/Nobody").status_code == 404
    assert gen_client.get("/api/people/Nobody").get_json()["status"] == 404


def test_country_page_lists_its_places_by_region(gen_client):
    page = BeautifulSoup(gen_client.get("/places/United_States").get_data(as_text=True), "html.parser")
    regions = {s.select_one("h3").get_text(): [a.get_text() for a in s.select("a")]
               for s in page.select("section.region")}
    assert set(regions["Texas"]) == {"Texas", "Houston", "Dallas"}
    houston = BeautifulSoup(gen_client.get("/places/Houston").get_data(as_text=True), "html.parser")
    assert [li.get_text(strip=True) for li in houston.select(".breadcrumb li")] == \
        ["Houston", "Texas", "United States"]
    germany = gen_client.get("/api/places/Germany").get_json()
    listed = {p["name"] for r in germany["regions"] for p in r["places"]}
    assert {"Bonn", "Frankfurt", "West Germany"} <= listed
    soviet = gen_client.get("/api/places/Soviet_Union").get_json()
    assert soviet["kind"] == "country" and "Russia" in soviet["historic_successors"]


def test_api_twin_has_the_documented_keys(gen_client, snapshot):
    body = gen_client.get("/api/orgs/Bundesbank").get_json()
    assert {"count", "first", "last", "aliases", "timeline", "appears_with"} <= body.keys()
    assert body["count"] == len(articles_with("orgs", "Bundesbank"))
    assert body["aliases"] == []  # the generated articles name organisations one way only
    assert set(body["appears_with"]) == {"people", "places", "organizations"}
    assert sum(b["count"] for b in body["timeline"]["buckets"]) + body["timeline"]["undated"] == body["count"]


@pytest.mark.parametrize("path", ["/people/" + entity_pages.to_slug(HOSTILE_PERSON).replace("/", "%2F"),
                                  "/orgs/%3Cimg%20src=x%20onerror=alert(2)%3E%20%26%20Co",
                                  "/places/%3Cb%3ENowhere%3C%2Fb%3E",
                                  "/people/James_Baker", "/orgs/OPEC"])
def test_hostile_names_stay_text_in_the_page_and_the_svg(gen_client, path):
    response = gen_client.get(path, follow_redirects=True)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<script>" not in body and "<img" not in body and "<b>Nowhere" not in body
    page = BeautifulSoup(body, "html.parser")
    texts = {t.get_text() for t in page.select("svg text")} | {t.get_text() for t in page.select("svg title")}
    hostile = [t for t in texts if "<" in t]
    assert hostile, "a hostile name should be in the picture, as text"
    for node in page.select("svg.neighbourhood a.node"):
        assert node["href"].startswith("/")
        assert "<" not in node["href"] and '"' not in node["href"]
    # Every link to an entity page reads back to an entity that has a page.
    for link in page.select("svg.neighbourhood a.node"):
        assert gen_client.get(link["href"]).status_code == 200


def test_search_page_links_names_to_their_pages_and_keeps_the_filters(gen_client):
    page = BeautifulSoup(gen_client.get("/?person=James+Baker").get_data(as_text=True), "html.parser")
    about = [a["href"] for a in page.select("#facet-values-person .facet-about")]
    assert "/people/James_Baker" in about
    assert page.select("#facet-values-person .facet-toggle")  # the filter links stay
    assert page.select(".hit a.entity[href^='/people/']")
    countries = page.select("section.countries .facet-toggle")
    assert countries and all("country=" in a["href"] for a in countries)
    japan = gen_client.get("/api/search?country=Japan").get_json()
    assert japan["query"] == {"country": ["Japan"]}
    assert next(c for c in japan["countries"] if c["value"] == "Japan")["count"] == japan["total"]


def test_cli_search_takes_a_country(gen_index_dir):
    import json

    from click.testing import CliRunner

    from searchapp.cli import cli

    result = CliRunner().invoke(cli, ["search", "", "--index-dir", str(gen_index_dir),
                                      "--country", "Japan", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["query"] == {"country": ["Japan"]}
    assert body["total"] == sum(1 for _a, e in CORPUS if in_country(e, "Japan"))


def test_article_page_links_its_names_to_their_pages(gen_client):
    article, entities = next((a, e) for a, e in CORPUS if e.people and e.places and e.organizations)
    page = BeautifulSoup(gen_client.get(f"/articles/{article.article_id}").get_data(as_text=True),
                         "html.parser")
    links = {a.get_text(): a["href"] for a in page.select("nav.entity-pages a")}
    for name in entities.people:
        assert gen_client.get(links[name]).status_code == 200
    assert set(links) == set(entities.people) | set(entities.places) | set(entities.organizations)
    # The names beside the article still search for their articles.
    side = {a.get_text(): a["href"] for a in page.select(".article-side a")}
    assert all(side[name].startswith("/?person=") for name in entities.people)


def test_counting_by_document_equals_counting_by_value():
    from searchapp.facets import FieldPostings

    rng = np.random.default_rng(0)
    for _ in range(300):
        n, n_values, k = int(rng.integers(1, 300)), int(rng.integers(1, 40)), int(rng.integers(0, 2000))
        postings = FieldPostings([f"v{i}" for i in range(n_values)],
                                 rng.integers(0, n, k).astype(np.int32),
                                 rng.integers(0, n_values, k).astype(np.int32))
        mask = rng.random(n + 5) < rng.random() * 0.3
        assert (postings.count_docs(np.flatnonzero(mask), mask) == postings.count(mask)).all()
