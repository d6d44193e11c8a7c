"""Citable article pages: meta tags, JSON-LD, and the APA/Chicago/MLA strings of the Cite box."""
from __future__ import annotations

import json
from datetime import date

import pytest
from bs4 import BeautifulSoup

from searchapp import citation
from searchapp.citation import Reference
from tests.conftest import HOSTILE

ACCESSED = date(2026, 11, 29)
PERMALINK = "http://localhost/articles/wang-putin/putin-meets-wang-yi-in-moscow"


def page(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def metas(soup: BeautifulSoup, name: str) -> list[str]:
    return [m["content"] for m in soup.select(f'meta[name="{name}"]')]


def test_article_page_has_highwire_and_dublin_core_tags(client):
    soup = page(client, "/articles/wang-putin")
    assert metas(soup, "citation_title") == ["Putin meets Wang Yi in Moscow"]
    assert metas(soup, "citation_author") == ["AFP", "Reuters"]  # the agencies wrote it
    assert metas(soup, "citation_publication_date") == ["2023/02/22"]
    assert metas(soup, "citation_journal_title") == ["AFP, Reuters"]
    assert metas(soup, "citation_public_url") == [PERMALINK]
    assert metas(soup, "DC.title") == ["Putin meets Wang Yi in Moscow"]
    assert metas(soup, "DC.date") == ["2023-02-22"]
    assert metas(soup, "DC.identifier") == [PERMALINK]
    assert metas(soup, "DC.subject") == ["Lavrov", "Vladimir Putin", "Wang Yi", "China", "Moscow",
                                         "Russia", "Kremlin"]
    assert soup.select_one('link[rel="schema.DC"]')["href"] == "http://purl.org/dc/elements/1.1/"
    assert soup.select_one('link[rel="canonical"]')["href"] == (
        "/articles/wang-putin/putin-meets-wang-yi-in-moscow")


def test_article_page_has_news_article_json_ld_as_data(client):
    soup = page(client, "/articles/wang-putin")
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1 and not scripts[0].get("src")
    data = json.loads(scripts[0].string)
    assert data["@type"] == "NewsArticle" and data["@context"] == "https://schema.org"
    assert data["headline"] == "Putin meets Wang Yi in Moscow"
    assert data["datePublished"] == "2023-02-22"
    assert data["url"] == PERMALINK and data["identifier"] == "wang-putin"
    assert {"@type": "Person", "name": "Wang Yi"} in data["mentions"]
    assert {"@type": "Place", "name": "Moscow"} in data["mentions"]
    assert data["publisher"] == [{"@type": "Organization", "name": "AFP"},
                                 {"@type": "Organization", "name": "Reuters"}]
    # Every other script is an external file: the CSP allows no inline script.
    for script in soup.select("script"):
        assert script.get("type") == "application/ld+json" or script.get("src")


def test_hostile_text_in_json_ld_and_meta_stays_text(client):
    response = client.get("/articles/hostile")
    body = response.get_data(as_text=True)
    soup = BeautifulSoup(body, "html.parser")
    block = soup.select_one('script[type="application/ld+json"]').string
    assert "<" not in block and "=" not in block
    data = json.loads(block)
    assert data["headline"] == f"Hostile {HOSTILE} title"
    assert metas(soup, "citation_title") == [f"Hostile {HOSTILE} title"]
    assert "javascript:" not in body
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    for quote in soup.select(".citation-text"):
        assert not quote.find_all(lambda tag: tag.name not in ("i",))
        assert HOSTILE in quote.get_text() or HOSTILE.replace("src=x onerror", "Src=x Onerror") in quote.get_text()


def test_cite_box_shows_apa_chicago_and_mla(client):
    soup = page(client, "/articles/reuters-1")
    box = soup.select_one("section#cite")
    labels = [f.get_text() for f in box.select("figcaption")]
    assert labels == ["APA", "Chicago", "MLA"]
    texts = {f.select_one("figcaption").get_text(): f.select_one(".citation-text")
             for f in box.select("figure")}
    link = "http://localhost/articles/reuters-1/bahia-cocoa-review"
    assert texts["APA"].get_text() == f"Reuters. (1987, February 26). Bahia Cocoa Review. Reuters. {link}"
    assert texts["Chicago"].get_text() == (
        f"Reuters. “Bahia Cocoa Review”. Reuters, February 26, 1987. {link}.")
    assert texts["MLA"].get_text() == f"Reuters. “Bahia Cocoa Review”. Reuters, 26 Feb. 1987, {link}."
    assert texts["APA"].select_one("i").get_text() == "Reuters"  # the paper in italics
    assert texts["APA"]["data-copy-text"] == texts["APA"].get_text()
    # The copy button needs JavaScript, so it starts hidden; cite.js shows it.
    buttons = box.select("button[data-copy-from]")
    assert len(buttons) == 3 and all(b.has_attr("hidden") for b in buttons)
    assert soup.select_one('script[src="/static/cite.js"]')


@pytest.mark.parametrize("author, expected", [
    ("Jane Smith", [{"family": "Smith", "given": "Jane"}]),
    ("By Jane Smith and Li Wei", [{"family": "Smith", "given": "Jane"},
                                  {"family": "Wei", "given": "Li"}]),
    ("Smith, Jane; O'Brien, Zoë", [{"family": "Smith", "given": "Jane"},
                                   {"family": "O'Brien", "given": "Zoë"}]),
    ("Reuters staff in 3 cities", [{"literal": "Reuters staff in 3 cities"}]),
    ("Madonna", [{"literal": "Madonna"}]),
])
def test_bylines_become_csl_names(author, expected):
    ref = Reference("a", "T", "", ("AFP",), author, "http://x/articles/a")
    assert citation.csl_authors(ref) == expected


def test_personal_names_in_each_style():
    ref = Reference("a", "Sanctions on Russia widen", "2023-02-24", ("Reuters",),
                    "Jane Smith and Jürgen Müller", "http://x/articles/a")
    texts = {c.label: c.text for c in citation.format_citations(ref, ACCESSED)}
    assert texts["APA"].startswith("Smith, J., & Müller, J. (2023, February 24). ")
    assert texts["Chicago"].startswith("Smith, Jane, and Jürgen Müller. “Sanctions on Russia Widen”.")
    assert texts["MLA"].startswith("Smith, Jane, and Jürgen Müller. “Sanctions on Russia Widen”.")


def test_no_author_and_no_source_prints_the_title_once():
    ref = Reference("s", "Sanctions on Russia widen", "2023-02-24", (), "",
                    "http://x/articles/s")
    for c in citation.format_citations(ref, ACCESSED):
        assert c.text.lower().count("sanctions on russia widen") == 1, c.text
    texts = {c.label: c.text for c in citation.format_citations(ref, ACCESSED)}
    assert texts["APA"] == "Sanctions on Russia widen. (2023, February 24). http://x/articles/s"


def test_citation_html_escapes_everything_but_italics():
    ref = Reference("h", f"<i>x</i> {HOSTILE} \x0e", "2022-05-01", ("<b>AFP</b>",), "",
                    "http://x/articles/h?a=1&b=2")
    for c in citation.format_citations(ref, ACCESSED):
        html = str(c.html)
        soup = BeautifulSoup(html, "html.parser")
        assert [t.name for t in soup.find_all()] in (["i"], ["i", "i"], [])
        assert "<script" not in html and "<b>" not in html and "\x0e" not in c.text
        assert soup.get_text() == c.text
