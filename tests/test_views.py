"""The web app: full pages and htmx fragments, permalinks, API, feeds, errors and headers."""
import json

import pytest
from bs4 import BeautifulSoup

HTMX = {"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "section#results"}


def soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_plain_get_returns_the_full_page(client):
    response = client.get("/?q=moscow")
    assert response.status_code == 200
    page = soup(response)
    assert page.find("html") and page.select_one("form#search-form")
    assert page.select_one("input#q")["value"] == "moscow"
    assert page.select_one("#result-count").get_text(" ", strip=True).startswith("2 articles")
    assert "HX-Request" in response.headers["Vary"]


def test_htmx_request_returns_only_the_results_block(client):
    response = client.get("/?q=moscow", headers=HTMX)
    page = soup(response)
    assert page.find("html") is None
    assert page.select_one("section#results") is not None
    assert "HX-Request" in response.headers["Vary"]


def test_history_restore_gets_the_full_page(client):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert soup(client.get("/?q=moscow", headers=headers)).find("html") is not None


def test_facet_links_toggle_and_keep_q(client):
    page = soup(client.get("/?q=moscow"))
    link = next(a for a in page.select(".facet-toggle") if "Wang Yi" in a.get_text())
    assert link["href"] == "/?person=Wang+Yi&q=moscow"
    page = soup(client.get(link["href"]))
    selected = page.select_one(".facet-value.is-selected .facet-toggle")
    assert "Wang Yi" in selected.get_text() and selected["href"] == "/?q=moscow"
    assert page.select_one("#result-count").get_text(" ", strip=True).startswith("2 articles")
    # The filter travels with the form, so typing keeps it.
    hidden = page.select('input[type=hidden][form=search-form]')
    assert [(i["name"], i["value"]) for i in hidden] == [("person", "Wang Yi")]


def test_histogram_links_filter_by_date(client):
    page = soup(client.get("/"))
    bars = page.select(".histogram svg a")
    assert bars, "expected a published-date histogram"
    href = next(a["href"] for a in bars if "2023" in a["aria-label"])
    assert "from=2023-01-01" in href and "to=2023-12-31" in href
    page = soup(client.get(href))
    assert page.select_one("#result-count").get_text(" ", strip=True).startswith("3 articles")


def test_zero_results_name_the_filter_to_remove(client):
    page = soup(client.get("/?person=Wang+Yi&q=cocoa"))
    text = page.select_one(".no-results").get_text(" ", strip=True)
    assert "person: Wang Yi" in text and "2 articles" in text


def test_bad_page_is_a_400_with_message_on_page_and_api(client):
    response = client.get("/?page=abc")
    assert response.status_code == 400
    assert "'page' must be a whole number" in soup(response).select_one(".error-message").get_text()
    api = client.get("/api/search?page=abc")
    assert api.status_code == 400
    assert api.get_json()["message"].startswith("'page' must be a whole number")


def test_error_fragment_for_htmx(client):
    response = client.get("/?page=abc", headers=HTMX)
    assert response.status_code == 400
    page = soup(response)
    assert page.find("html") is None and page.select_one("section#results.error-page")


def test_permalink_page_shows_article_with_entities_and_highlights(client):
    response = client.get("/articles/wang-putin?q=president")
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("h1").get_text() == "Putin meets Wang Yi in Moscow"
    assert page.select_one("h2.subheading").get_text() == "Talks with Minister Lavrov"
    assert page.select_one(".article-body mark").get_text().lower() == "president"
    people = [a.get_text() for a in page.select(".article-side a") if "person=" in a["href"]]
    assert people == ["Lavrov", "Vladimir Putin", "Wang Yi"]
    related = [a["href"] for a in page.select(".related a")]
    assert any("/articles/xi-visit" in h for h in related)


def test_permalink_with_slug_and_unknown_id(client):
    assert client.get("/articles/wang-putin/putin-meets-wang-yi-in-moscow").status_code == 200
    response = client.get("/articles/nope")
    assert response.status_code == 404
    assert soup(response).select_one("form[role=search]") is not None


def test_api_search_shape(client):
    data = client.get("/api/search?q=moscow&person=Wang+Yi").get_json()
    assert data["total"] == 2 and data["page"] == 1
    assert {h["id"] for h in data["hits"]} == {"wang-putin", "xi-visit"}
    assert set(data["hits"][0]) >= {"id", "title", "published", "url", "snippet", "people", "places"}
    assert {"value": "Wang Yi", "count": 2, "selected": True, "excluded": False} in data["facets"]["people"]
    assert set(data["facets"]) == {"people", "places", "organizations"}
    assert "dates" in data and "did_you_mean" in data


def test_api_article(client):
    data = client.get("/api/articles/sanctions").get_json()
    assert data["organizations"] == ["European Union"] and data["published"] == "2023-02-24"
    assert client.get("/api/articles/missing").status_code == 404


def test_feed_and_opensearch(client):
    feed = client.get("/feed.atom?q=moscow")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    assert feed.get_data(as_text=True).count("<entry>") == 2
    osd = client.get("/opensearch.xml")
    assert "{searchTerms}" in osd.get_data(as_text=True)


def test_facet_value_search_page(client):
    page = soup(client.get("/facets/person?fq=wang"))
    names = [s.get_text() for s in page.select(".facet-name")]
    assert names == ["Wang Yi"]
    assert client.get("/facets/bogus").status_code == 404


@pytest.mark.parametrize("path", ["/", "/?q=hostile", "/articles/hostile", "/feed.atom?q=hostile",
                                  "/facets/person?fq=evil"])
def test_hostile_content_is_escaped(client, path):
    body = client.get(path).get_data(as_text=True)
    assert "<script>alert" not in body and "onerror=alert" not in body.replace("onerror=alert(1)&gt;", "")
    assert "<img" not in body


def test_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_javascript_url_is_not_a_link(client):
    page = soup(client.get("/articles/hostile"))
    assert not [a for a in page.select("a[href]") if a["href"].lower().startswith("javascript:")]


def test_non_canonical_urls_redirect_to_the_canonical_one(client):
    response = client.get("/?q=moscow&person=Wang+Yi&sort=relevance&page=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/?person=Wang+Yi&q=moscow"
    assert client.get("/?person=Wang+Yi&q=moscow").status_code == 200


def test_htmx_gets_the_canonical_url_in_a_header(client):
    typing = client.get("/?q=moscow&person=Wang+Yi", headers={**HTMX, "HX-Source": "input#q"})
    assert typing.status_code == 200
    assert typing.headers["HX-Replace-Url"] == "/?person=Wang+Yi&q=moscow"
    clicked = client.get("/?q=moscow&person=Wang+Yi", headers={**HTMX, "HX-Source": "a"})
    assert clicked.headers["HX-Push-Url"] == "/?person=Wang+Yi&q=moscow"
    assert "HX-Push-Url" not in client.get("/?person=Wang+Yi&q=moscow", headers=HTMX).headers


def test_fragment_carries_the_title(client):
    page = soup(client.get("/?q=moscow", headers=HTMX))
    assert page.find("title").get_text() == "moscow · searchapp"


def test_article_page_links_back_to_the_full_search_state(client):
    page = soup(client.get("/articles/wang-putin?person=Wang+Yi&q=moscow"))
    assert page.select_one(".back a")["href"] == "/?person=Wang+Yi&q=moscow"
    assert page.select_one("link[rel=canonical]")["href"] == "/articles/wang-putin/putin-meets-wang-yi-in-moscow"


def test_feed_is_well_formed_and_carries_hostile_text_as_text(client):
    import xml.etree.ElementTree as ET

    body = client.get("/feed.atom?q=hostile").get_data(as_text=True)
    root = ET.fromstring(body)  # well-formed: nothing the article said broke out of its element
    tags = {element.tag.split("}")[-1] for element in root.iter()}
    assert tags <= {"feed", "title", "id", "link", "updated", "entry", "author", "name", "summary"}
    ns = {"a": "http://www.w3.org/2005/Atom"}
    title = root.find("a:entry/a:title", ns).text
    assert '<script>alert("x")</script>' in title  # shown as text, never as markup
