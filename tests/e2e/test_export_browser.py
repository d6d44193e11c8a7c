"""Export and cite in a real browser: the Export menu downloads the page's search, the Cite box copies.

Drives Debian's chromium against the live server of conftest.py (the toy index, PAGE_SIZE=3).
"""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

CSP_WATCH = ("window.__csp = [];"
             "document.addEventListener('securitypolicyviolation',"
             " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


def api_ids(page: Page, query: str) -> list[str]:
    ids, number = [], 1
    while True:
        data = page.request.get(f"/api/search?{query}&page={number}").json()
        ids += [h["id"] for h in data["hits"]]
        if number >= data["page_count"]:
            return ids
        number += 1


def download_csv(page: Page, label: str = "CSV (spreadsheet)") -> tuple[str, list[dict]]:
    page.locator("details.export-menu summary").click()
    link = page.locator("details.export-menu a", has_text=label)
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    download = info.value
    with open(download.path(), encoding="utf-8-sig") as file:
        text = file.read()
    return download.suggested_filename, list(csv.DictReader(io.StringIO(text)))


def test_export_menu_downloads_the_csv_of_the_current_search(page: Page, base_url: str):
    page.goto("/")
    page.locator("#q").press_sequentially("moscow", delay=60)
    expect(page).to_have_url(f"{base_url}/?q=moscow")
    expect(page.locator("#result-count")).to_contain_text("2 articles")
    name, rows = download_csv(page)
    assert re.fullmatch(r"searchapp-moscow-\d{4}-\d\d-\d\d\.csv", name)
    assert [r["id"] for r in rows] == api_ids(page, "q=moscow")
    assert rows[0]["search_url"] == f"{base_url}/?q=moscow"
    assert rows[0]["permalink"].startswith(f"{base_url}/articles/")
    # A facet click (an htmx swap) changes the search, and the menu follows it.
    page.locator('section.facet[aria-labelledby="facet-person"] .facet-toggle',
                 has_text="Xi Jinping").click()
    expect(page.locator("#result-count")).to_contain_text("1 article")
    _, rows = download_csv(page)
    assert [r["id"] for r in rows] == api_ids(page, "person=Xi+Jinping&q=moscow") == ["xi-visit"]


def test_export_works_without_javascript_and_holds_every_page(new_context, base_url: str):
    page = new_context(java_script_enabled=False, accept_downloads=True).new_page()
    page.goto("/?sort=oldest")
    expect(page.locator(".hit")).to_have_count(3)  # one page of three ...
    name, rows = download_csv(page)
    assert name.startswith("searchapp-all-articles-")
    assert [r["id"] for r in rows] == api_ids(page, "sort=oldest")  # ... the file has all five
    assert len(rows) == 5
    assert rows[0]["title"] == "Bahia Cocoa Review"


def test_article_page_json_ld_and_cite_script_break_no_csp(page: Page):
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(CSP_WATCH)
    page.goto("/articles/wang-putin")
    # cite.js ran (script-src 'self'): it showed the copy buttons.
    expect(page.locator("button.copy-citation")).to_have_count(3)
    expect(page.locator("button.copy-citation").first).to_be_visible()
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]')"
                         ".textContent)")
    assert data["@type"] == "NewsArticle" and data["headline"] == "Putin meets Wang Yi in Moscow"
    page.wait_for_timeout(300)
    assert page.evaluate("window.__csp") == []
    assert not [m for m in console if "Content Security Policy" in m], console
    page.goto("/articles/hostile")
    expect(page.locator("h1")).to_contain_text("Hostile <script>")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__csp") == []
    assert not [m for m in console if "Content Security Policy" in m], console


def test_copy_button_copies_the_citation(new_context, base_url: str):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/articles/reuters-1")
    apa = page.locator("#cite-apa")
    expected = apa.get_attribute("data-copy-text")
    assert expected.startswith("Reuters. (1987, February 26). Bahia Cocoa Review.")
    button = page.locator("button[data-copy-from=cite-apa]")
    button.click()
    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_cite_box_without_javascript_is_selectable_text(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/articles/reuters-1")
    expect(page.locator("button.copy-citation").first).to_be_hidden()
    mla = page.locator("#cite-modern-language-association")
    expect(mla).to_have_text(re.compile(r"^Reuters\. “Bahia Cocoa Review”\. Reuters, 26 Feb\. 1987, "))
    mla.click()  # user-select: all selects the whole citation with one click
    selected = page.evaluate("window.getSelection().toString()")
    assert selected == mla.inner_text()
    assert json.loads(page.locator('script[type="application/ld+json"]').text_content())["identifier"] == "reuters-1"
