"""Entity pages in a real browser: reached from the search page, without JS, by keyboard, axe, hostile names.

The live server serves the toy index of tests/conftest.py (5 articles with known entities).
"""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from searchapp.entity_pages import to_slug
from tests.conftest import HOSTILE, require
from tests.e2e.test_browser import AXE, assert_no_script_ran, axe_violations

pytestmark = pytest.mark.e2e

HOSTILE_PERSON = f"Evil {HOSTILE}"
HOSTILE_PATH = "/people/" + quote(to_slug(HOSTILE_PERSON), safe="")


@pytest.mark.parametrize("path", ["/people/Vladimir_Putin", "/places/Russia", "/places/Moscow",
                                  "/orgs/Kremlin", "/people/Nobody", "/?country=Russia"])
def test_entity_pages_have_no_serious_axe_violations(new_context, path: str):
    require(AXE.exists(), f"axe-core is not installed at {AXE} (npm ci)")
    # bypass_csp: axe is injected as an inline script, which script-src 'self' forbids.
    page = new_context(bypass_csp=True).new_page()
    page.goto(path)
    serious = axe_violations(page)
    assert serious == [], f"axe on {path}:\n" + json.dumps(serious, indent=1)


def test_a_name_in_a_hit_opens_its_page_and_the_facet_keeps_filtering(page: Page, base_url: str):
    page.goto("/?q=moscow")
    page.locator(".hit a.entity", has_text=re.compile(r"^Wang Yi$")).first.click()
    expect(page).to_have_url(f"{base_url}/people/Wang_Yi")
    expect(page.locator("h1")).to_have_text("Wang Yi")
    expect(page.locator(".entity-facts")).to_contain_text("2 articles")
    # Vladimir Putin appears with Wang Yi in both: his count links to the search filtered by both.
    row = page.locator("#with-people + ul li", has_text="Vladimir Putin")
    row.locator("a.co-count").click()
    expect(page).to_have_url(f"{base_url}/?person=Vladimir+Putin&person=Wang+Yi")
    expect(page.locator("#result-count")).to_contain_text("2 articles")
    # On the search page the facet value still toggles the filter; its circled i opens the page.
    page.goto("/")
    page.locator('section[aria-labelledby="facet-person"] .facet-about[aria-label="About Xi Jinping"]').click()
    expect(page).to_have_url(f"{base_url}/people/Xi_Jinping")


def test_entity_page_works_without_javascript(new_context, base_url: str):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/places/Russia")
    expect(page.locator("h1")).to_have_text("Russia")
    expect(page.locator(".entity-facts")).to_contain_text("4 articles")
    page.locator("svg.timeline a").first.click()  # May 2022: the hostile article
    expect(page).to_have_url(f"{base_url}/?country=Russia&from=2022-05-01&to=2022-05-31")
    expect(page.locator("#result-count")).to_contain_text("1 article")
    page.goto("/places/Russia")
    page.locator("section.region a", has_text="Moscow").click()
    expect(page.locator(".breadcrumb li")).to_have_text(["Moscow", "Russia"])


def test_keyboard_reaches_a_neighbour_in_the_picture(page: Page, base_url: str):
    page.goto("/people/Xi_Jinping")
    target = page.locator("svg.neighbourhood a.node").first
    name = target.get_attribute("aria-label").split(":")[0]
    page.locator("#q").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if target.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first node of the picture")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(name)


def test_hostile_entity_page_runs_no_script(new_context, base_url: str):
    page = new_context(bypass_csp=True).new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(HOSTILE_PATH)
    expect(page.locator("h1")).to_have_text(HOSTILE_PERSON)
    expect(page.locator("svg.neighbourhood .node-center text")).to_have_text(re.compile(r"^Evil <script>"))
    assert_no_script_ran(page, dialogs)
    page.goto("/places/Moscow")
    expect(page.locator("svg.neighbourhood")).to_contain_text("Evil <script>")
    assert_no_script_ran(page, dialogs)
