"""Editors in a real browser: sign in, merge two people from a facet, see every list follow; with and without JavaScript."""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from searchapp import create_app
from searchapp.accounts import Accounts
from tests.conftest import build_toy_index, close_app
from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


@pytest.fixture()
def editor_server(tmp_path) -> Iterator[LiveServer]:
    """A fresh toy index (the test changes it) with an editor account, served with a secret key."""
    index_dir = build_toy_index(tmp_path / "index", resolved=True)
    accounts = Accounts(index_dir)
    accounts.add("ed", PASSWORD, "editor")
    accounts.close()
    app = create_app({"INDEX_DIR": str(index_dir), "SECRET_KEY": "e2e-secret-key-0123456789abcdef"})
    try:
        with LiveServer(app) as server:
            yield server
    finally:
        close_app(app)


def people_facet(page: Page) -> dict[str, int]:
    group = page.locator('section.facet[aria-labelledby="facet-person"] .facet-value')
    names = group.locator(".facet-name").all_inner_texts()
    counts = group.locator(".facet-count").all_inner_texts()
    return {n.strip(): int(c.replace(",", "")) for n, c in zip(names, counts)}


def sign_in(page: Page, url: str) -> None:
    page.goto(url + "/login")
    page.fill("input[name=name]", "ed")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stack-form button[type=submit]")
    expect(page.locator(".account-name")).to_contain_text("ed")


def merge_lavrov_into_wang_yi(page: Page, url: str, javascript: bool) -> None:
    page.goto(url + "/?person=Lavrov")
    before = people_facet(page)
    assert before["Lavrov"] == 1
    page.goto(url + "/")
    lavrov = page.locator('section.facet[aria-labelledby="facet-person"] .facet-value').filter(
        has=page.locator(".facet-name", has_text="Lavrov"))
    lavrov.locator(".entity-edit").click()
    expect(page.locator("#edit-title")).to_have_text("Person: Lavrov")
    if javascript:
        assert page.locator("#merge-options option").count() > 1  # the most frequent, before typing
        page.locator("#merge-target").press_sequentially("Wan", delay=60)
        expect(page.locator("#merge-options option")).to_have_count(1)  # type-ahead narrowed them
        expect(page.locator('#merge-options option[value="Wang Yi"]')).to_have_count(1)
        page.fill("#merge-target", "Wang Yi")
        page.locator("form.edit-form", has=page.locator("#merge-target")).locator("button").click()
        expect(page.locator("#edit-result")).to_contain_text("1 article updated")
        page.locator("#edit-result a").click()
    else:
        page.fill("#merge-target", "Wang Yi")
        page.locator("form.edit-form", has=page.locator("#merge-target")).locator("button").click()
        expect(page.locator(".flashes")).to_contain_text("1 article updated")


def check_merged(page: Page, url: str) -> None:
    page.goto(url + "/")
    people = people_facet(page)
    assert people["Wang Yi"] == 2 and "Lavrov" not in people  # the union: wang-putin, xi-visit
    page.goto(url + "/?person=" + quote("Wang Yi"))
    expect(page.locator(".chip > span").first).to_have_text("person: Wang Yi")
    assert "Lavrov" not in page.locator(".hit .entity").all_inner_texts()
    assert len(page.locator(".hit").all()) == 2
    page.goto(url + "/articles/wang-putin")
    names = [n.strip() for n in page.locator(".entity-list li > a:not(.entity-edit)").all_inner_texts()]
    assert "Wang Yi" in names and "Lavrov" not in names


def test_editor_merges_two_people_with_javascript(editor_server, new_context):
    page = new_context().new_page()
    sign_in(page, editor_server.url)
    merge_lavrov_into_wang_yi(page, editor_server.url, javascript=True)
    check_merged(page, editor_server.url)
    page.goto(editor_server.url + "/history")
    page.locator("#change-1 button").click()
    expect(page.locator("#edit-result")).to_contain_text("undo change #1")
    page.goto(editor_server.url + "/")
    assert people_facet(page)["Lavrov"] == 1


def test_editor_merges_two_people_without_javascript(editor_server, new_context):
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, editor_server.url)
    merge_lavrov_into_wang_yi(page, editor_server.url, javascript=False)
    check_merged(page, editor_server.url)
    anonymous = new_context().new_page()
    anonymous.goto(editor_server.url + "/")
    assert "Lavrov" not in people_facet(anonymous)
    assert anonymous.locator(".entity-edit").count() == 0
