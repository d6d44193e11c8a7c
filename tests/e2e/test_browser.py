"""The search page in a real browser: typing, facets, history, permalinks, no-JS, XSS, a11y.

Every test drives Debian's chromium against the live server of conftest.py, which serves the
toy index of tests/conftest.py (5 articles with known entities, PAGE_SIZE=3). The expected
counts below are hand-counted from TOY_ARTICLES.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.conftest import require
from tests.e2e.conftest import PAGE_SIZE, SLOW_QUERY, SLOW_SECONDS

pytestmark = pytest.mark.e2e

PROJECT_DIR = Path(__file__).resolve().parents[2]
AXE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
HTMX_SRC = "/static/vendor/htmx.min.js"
TYPING_DELAY = 60  # ms between keystrokes: faster than the 250 ms debounce, like a person

MOSCOW_TITLES = ["Xi Jinping to visit Moscow", "Putin meets Wang Yi in Moscow"]
COCOA_TITLES = ["Bahia Cocoa Review",
                'Hostile <script>alert("x")</script><img src=x onerror=alert(1)> title']


# ---------------------------------------------------------------- helpers

def count_text(n: int | None, q: str = "") -> re.Pattern:
    """The #result-count text for n hits (None: "No articles") and query q, whole text."""
    head = "No articles" if not n else f"{n} article{'s' if n != 1 else ''}"
    tail = rf"\s+for\s+{re.escape(q)}" if q else ""
    return re.compile(rf"^\s*{head}{tail}(\s*· page \d+ of \d+)?\s*$")


def expect_count(page: Page, n: int | None, q: str = "") -> None:
    expect(page.locator("#result-count")).to_have_text(count_text(n, q))


def hit_titles(page: Page) -> list[str]:
    return page.locator(".hit-title a").all_inner_texts()


def selected_facets(page: Page) -> list[str]:
    return page.locator(".facet-value.is-selected .facet-name").all_inner_texts()


def chips(page: Page) -> list[str]:
    return [t.strip() for t in page.locator(".chip > span").all_inner_texts()]


def facet_link(page: Page, param: str, value: str):
    """The toggle link of one value in one facet group (person, place, org)."""
    group = page.locator(f'section.facet[aria-labelledby="facet-{param}"]')
    return group.locator(".facet-toggle").filter(
        has=page.locator(".facet-name", has_text=re.compile(rf"^{re.escape(value)}$")))


def history_length(page: Page) -> int:
    return page.evaluate("history.length")


def url(base: str, query: str = "") -> str:
    return f"{base}/{'?' + query if query else ''}"


def query_of(address: str) -> dict[str, list[str]]:
    parts = urlsplit(address)
    return {k: sorted(v) for k, v in parse_qs(parts.query, keep_blank_values=True).items()}


def expect_query(page: Page, base: str, **params: str | list[str]) -> None:
    """Wait until the address is base + "/" with exactly these params, in any order.

    The server's links are canonical (sorted, so compared as exact strings elsewhere); a URL the
    browser builds from a form lists the fields in document order, so compare those as sets.
    """
    want = {k: sorted([v] if isinstance(v, str) else v) for k, v in params.items()}

    def matches(address: str) -> bool:
        return address.split("?")[0] == base + "/" and query_of(address) == want

    try:
        page.wait_for_url(matches, wait_until="commit", timeout=5000)
    finally:
        assert page.url.split("?")[0] == base + "/" and query_of(page.url) == want, \
            f"{page.url} does not carry {want}"


def wait_idle(page: Page) -> None:
    """Wait until htmx has no request in flight (it marks the indicator while one is)."""
    # A locator, not wait_for_function: the app's CSP forbids the eval that one needs.
    expect(page.locator(".htmx-request")).to_have_count(0)


def type_in_box(page: Page, text: str) -> None:
    box = page.locator("#q")
    box.click()
    page.keyboard.type(text, delay=TYPING_DELAY)


# ---------------------------------------------------------------- 1. typing

def test_typing_updates_results_and_replaces_the_url(page: Page, base_url: str):
    page.goto("/")
    expect_count(page, 5)
    before = history_length(page)

    type_in_box(page, "mosc")

    expect_count(page, 2, "mosc")
    expect(page).to_have_url(url(base_url, "q=mosc"))
    assert hit_titles(page) == MOSCOW_TITLES
    box = page.locator("#q")
    expect(box).to_have_value("mosc")
    expect(box).to_be_focused()
    # The URL follows the box by replaceState: no history entry per keystroke (or at all).
    assert history_length(page) == before


# ---------------------------------------------------------------- 2. slow older response

@pytest.mark.parametrize("then, final_q, final_titles", [
    pytest.param(["o", "w"], "moscow", MOSCOW_TITLES, id="longer-query"),
    pytest.param(["Control+A", "coc", "oa"], "cocoa", COCOA_TITLES, id="other-query"),
])
def test_a_slow_older_response_never_wins(context: BrowserContext, slow_server, then, final_q,
                                          final_titles):
    page = context.new_page()
    page.goto(url(slow_server.url))
    delayed_before = slow_server.middleware.delayed

    def is_slow(request) -> bool:
        return parse_qs(urlsplit(request.url).query).get("q") == [SLOW_QUERY]

    with page.expect_request(is_slow):
        type_in_box(page, SLOW_QUERY)
    slow_sent = time.monotonic()
    # The slow response is on its way. Type on in two bursts, each one a request of its own
    # (the pause outlasts the 250 ms debounce): a queue would run the first and drop the last.
    for i, keys in enumerate(then):
        if keys == "Control+A":
            page.keyboard.press(keys)
            continue
        if i:
            page.wait_for_timeout(400)
        page.keyboard.type(keys, delay=TYPING_DELAY)

    expect_count(page, 2, final_q)
    expect(page).to_have_url(url(slow_server.url, f"q={final_q}"))

    # Wait past the slow response (a fixed wait: the delay is what is under test).
    page.wait_for_timeout(max(0.0, slow_sent + SLOW_SECONDS + 0.5 - time.monotonic()) * 1000)
    assert slow_server.middleware.delayed > delayed_before, "the slow request never reached the server"
    assert re.match(count_text(2, final_q), page.locator("#result-count").inner_text())
    assert page.url == url(slow_server.url, f"q={final_q}")
    assert hit_titles(page) == final_titles
    assert page.locator("#q").input_value() == final_q


# ---------------------------------------------------------------- 3. facet click keeps q

def test_facet_click_keeps_q_and_typing_keeps_the_facet(page: Page, base_url: str):
    page.goto("/?q=moscow")
    expect_count(page, 2, "moscow")
    before = history_length(page)

    facet_link(page, "person", "Xi Jinping").click()

    expect(page).to_have_url(url(base_url, "person=Xi+Jinping&q=moscow"))
    expect_count(page, 1, "moscow")
    assert hit_titles(page) == ["Xi Jinping to visit Moscow"]
    assert chips(page) == ["person: Xi Jinping"]
    assert selected_facets(page) == ["Xi Jinping"]
    assert history_length(page) == before + 1, "a facet click should push a history entry"
    # The filter is also a hidden field of the search form...
    expect(page.locator('input[type=hidden][form=search-form][name=person]')).to_have_value("Xi Jinping")

    # ...so typing more keeps it: "moscow putin" is 2 articles, 1 of them about Xi Jinping.
    type_in_box(page, " putin")
    expect(page.locator("#result-count")).to_contain_text("moscow putin")
    wait_idle(page)
    expect_query(page, base_url, q="moscow putin", person="Xi Jinping")
    expect_count(page, 1, "moscow putin")
    assert chips(page) == ["person: Xi Jinping"]
    assert hit_titles(page) == ["Xi Jinping to visit Moscow"]


def test_wang_yi_facet_in_moscow_results(page: Page, base_url: str):
    """Wang Yi is in both Moscow articles: the count stays 2, the chip and the URL change."""
    page.goto("/?q=moscow")
    facet_link(page, "person", "Wang Yi").click()
    expect(page).to_have_url(url(base_url, "person=Wang+Yi&q=moscow"))
    expect(page.locator(".chip > span")).to_have_text(["person: Wang Yi"])
    expect_count(page, 2, "moscow")
    assert selected_facets(page) == ["Wang Yi"]
    # The selected value's link removes the filter again and keeps q.
    facet_link(page, "person", "Wang Yi").click()
    expect(page).to_have_url(url(base_url, "q=moscow"))
    expect(page.locator(".chips")).to_have_count(0)


# ---------------------------------------------------------------- 4. histogram

def test_histogram_bar_filters_by_published_date(page: Page, base_url: str):
    page.goto("/")
    histogram = page.locator('section.histogram[aria-labelledby="hist-published"]')
    # Browsing everything, the bars are years (1987 .. 2023).
    histogram.locator('svg a[aria-label^="2023:"]').click()
    expect(page).to_have_url(url(base_url, "from=2023-01-01&to=2023-12-31"))
    expect_count(page, 3)
    assert chips(page) == ["published 2023-01-01 – 2023-12-31"]
    assert sorted(hit_titles(page)) == ["Putin meets Wang Yi in Moscow",
                                        "Sanctions on Russia widen", "Xi Jinping to visit Moscow"]
    # Within one year the bars are months; February has the two February articles.
    histogram.locator('svg a[aria-label^="Feb 2023:"]').click()
    expect(page).to_have_url(url(base_url, "from=2023-02-01&to=2023-02-28"))
    expect_count(page, 2)
    assert sorted(hit_titles(page)) == ["Putin meets Wang Yi in Moscow", "Sanctions on Russia widen"]


def test_histogram_bar_names_agree_with_their_counts(page: Page):
    """A screen reader reads the bar's aria-label: "1 articles" is wrong where <title> is right."""
    page.goto("/?q=moscow")
    bars = page.locator('section.histogram[aria-labelledby="hist-published"] svg a')
    labels = bars.evaluate_all("bars => bars.map(a => [a.getAttribute('aria-label'),"
                               " a.querySelector('title').textContent.trim()])")
    assert labels, "expected histogram bars"
    wrong = [(label, title) for label, title in labels if label != title]
    assert not wrong, f"aria-label differs from the bar's title: {wrong}"


# ---------------------------------------------------------------- 5. back and forward

def test_back_restores_the_previous_state_and_forward_returns(page: Page, base_url: str):
    page.goto("/")
    type_in_box(page, "moscow")
    expect_count(page, 2, "moscow")
    expect(page).to_have_url(url(base_url, "q=moscow"))

    facet_link(page, "person", "Xi Jinping").click()
    expect(page).to_have_url(url(base_url, "person=Xi+Jinping&q=moscow"))
    expect_count(page, 1, "moscow")

    page.go_back()
    expect(page).to_have_url(url(base_url, "q=moscow"))
    expect(page.locator("#q")).to_have_value("moscow")
    expect_count(page, 2, "moscow")
    assert hit_titles(page) == MOSCOW_TITLES
    assert chips(page) == [] and selected_facets(page) == []

    page.go_forward()
    expect(page).to_have_url(url(base_url, "person=Xi+Jinping&q=moscow"))
    expect(page.locator("#q")).to_have_value("moscow")
    expect_count(page, 1, "moscow")
    assert chips(page) == ["person: Xi Jinping"]

    # The restored page is live: htmx still drives the box and the facets.
    type_in_box(page, " putin")
    expect(page.locator("#result-count")).to_contain_text("moscow putin")


# ---------------------------------------------------------------- 6. copied URL

def snapshot(page: Page) -> dict:
    """What a person sees of the search state."""
    return {
        "count": " ".join(page.locator("#result-count").inner_text().split()),
        "box": page.locator("#q").input_value(),
        "titles": hit_titles(page),
        "selected": selected_facets(page),
        "chips": chips(page),
        "sort": page.locator(".sort .is-current").all_inner_texts(),
    }


def test_a_copied_url_reloads_the_same_state(context: BrowserContext, page: Page, base_url: str):
    page.goto("/")
    type_in_box(page, "russia")
    expect_count(page, 2, "russia")
    page.locator(".sort a", has_text="Oldest").click()
    expect(page).to_have_url(url(base_url, "q=russia&sort=oldest"))
    facet_link(page, "place", "Russia").click()
    expect(page).to_have_url(url(base_url, "place=Russia&q=russia&sort=oldest"))
    expect(page.locator(".chip")).to_have_count(1)
    wait_idle(page)
    state = snapshot(page)
    assert state["titles"] == ["Putin meets Wang Yi in Moscow", "Sanctions on Russia widen"]
    assert state["sort"] == ["Oldest"] and state["selected"] == ["Russia"]

    copied = context.new_page()
    copied.goto(page.url)
    expect(copied.locator("#result-count")).to_be_visible()
    assert snapshot(copied) == state


def test_the_tab_title_follows_the_search(page: Page):
    """The title names the search on a full page; it must not go stale after an htmx swap."""
    page.goto("/?q=cocoa")
    expect(page).to_have_title("cocoa · searchapp")
    page.locator("#q").fill("")
    type_in_box(page, "moscow")
    expect_count(page, 2, "moscow")
    expect(page).to_have_title("moscow · searchapp")


def test_enter_sends_one_request_and_pushes_history(page: Page):
    """Typing replaces the URL; Enter is a deliberate act: one request, one new history entry."""
    page.goto("/")
    type_in_box(page, "moscow")
    expect_count(page, 2, "moscow")
    wait_idle(page)
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.headers.get("hx-source", "?"))
            if r.headers.get("hx-request") else None)
    before = page.evaluate("history.length")
    page.keyboard.press("Enter")
    expect_count(page, 2, "moscow")
    wait_idle(page)
    assert len(sent) == 1, f"Enter sent {len(sent)} search requests, from {sent}"
    assert page.evaluate("history.length") == before + 1


# ---------------------------------------------------------------- 7. permalink

def test_hit_title_opens_the_permalink_page(page: Page, base_url: str):
    page.goto("/?q=moscow")
    page.locator(".hit-title a", has_text="Putin meets Wang Yi in Moscow").click()
    expect(page).to_have_url(re.compile(re.escape(base_url) + r"/articles/wang-putin(/[\w-]+)?\?q=moscow$"))
    expect(page.locator("h1")).to_have_text("Putin meets Wang Yi in Moscow")
    expect(page.locator(".article-meta time")).to_have_attribute("datetime", "2023-02-22")
    expect(page.locator(".article-body mark").first).to_have_text(re.compile("moscow", re.I))
    people = page.locator(".article-side section", has=page.locator("h2", has_text="People"))
    expect(people.locator("a")).to_have_text(["Lavrov", "Vladimir Putin", "Wang Yi"])
    expect(people.locator("a", has_text="Wang Yi")).to_have_attribute("href", "/?person=Wang+Yi")

    back = page.locator(".back a")
    expect(back).to_contain_text("Back to results")
    back.click()
    expect(page).to_have_url(url(base_url, "q=moscow"))
    expect_count(page, 2, "moscow")

    # An entity on the article page is a search for it.
    page.go_back()
    page.locator(".article-side a", has_text="Wang Yi").click()
    expect(page).to_have_url(url(base_url, "person=Wang+Yi"))
    expect_count(page, 2)
    assert chips(page) == ["person: Wang Yi"]


def test_unknown_article_is_a_404_page_with_a_search_form(page: Page, base_url: str):
    response = page.goto("/articles/nope")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Not Found")
    expect(page.locator(".error-message")).to_contain_text("nope")
    page.locator("form[role=search] input[name=q]").fill("cocoa")
    page.keyboard.press("Enter")
    expect(page).to_have_url(url(base_url, "q=cocoa"))
    expect_count(page, 2, "cocoa")


# ---------------------------------------------------------------- 8. no JavaScript

def test_everything_works_without_javascript(new_context, base_url: str):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    expect(page.locator("[data-htmx-powered]")).to_have_count(0)  # htmx really is off
    expect_count(page, 5)

    page.locator("#q").fill("moscow")
    page.keyboard.press("Enter")
    expect(page).to_have_url(url(base_url, "q=moscow"))
    expect_count(page, 2, "moscow")

    facet_link(page, "person", "Xi Jinping").click()
    expect(page).to_have_url(url(base_url, "person=Xi+Jinping&q=moscow"))
    expect_count(page, 1, "moscow")
    assert chips(page) == ["person: Xi Jinping"]

    # The form carries the filter: a new query keeps it.
    page.locator("#q").fill("putin")
    page.keyboard.press("Enter")
    expect_query(page, base_url, q="putin", person="Xi Jinping")
    expect_count(page, 1, "putin")

    # Sorting and paging are plain links.
    page.goto("/")
    page.locator(".sort a", has_text="Oldest").click()
    expect(page).to_have_url(url(base_url, "sort=oldest"))
    assert hit_titles(page)[0] == "Bahia Cocoa Review"
    page.locator(".pagination a[rel=next]").click()
    expect(page).to_have_url(url(base_url, "page=2&sort=oldest"))
    expect(page.locator("#result-count")).to_contain_text("page 2 of 2")
    assert len(hit_titles(page)) == 5 - PAGE_SIZE

    # The date form applies a range.
    page.locator(".date-range input[name=from]").fill("2023-01-01")
    page.locator(".date-range input[name=to]").fill("2023-02-28")
    page.locator(".date-range button").click()
    expect_query(page, base_url, sort="oldest", **{"from": "2023-01-01", "to": "2023-02-28"})
    expect_count(page, 2)

    # And an article opens.
    page.locator(".hit-title a").first.click()
    expect(page).to_have_url(re.compile(r"/articles/"))
    expect(page.locator("h1")).to_have_text("Putin meets Wang Yi in Moscow")


def test_page_two_numbers_its_hits_from_page_size(page: Page):
    """<ol start> must continue the numbering of page 1: with 3 a page, page 2 starts at 4."""
    page.goto("/?page=2")
    expect(page.locator("ol.hits")).to_have_attribute("start", str(PAGE_SIZE + 1))


# ---------------------------------------------------------------- 9. hostile content

PAYLOADS = {
    "q": '<script>alert("q")</script>',
    "person": '"><img src=x onerror=alert("person")>',
    "place": "javascript:alert('place')",
    "org": "<svg onload=alert('org')>",
}


# An article page also has its JSON-LD (a data block, never run) and the Cite box's copy script.
ARTICLE_SCRIPTS = ("type=application/ld+json", "/static/cite.js", HTMX_SRC)


def assert_no_script_ran(page: Page, dialogs: list[str], scripts: tuple[str, ...] = (HTMX_SRC,)) -> None:
    assert dialogs == [], f"a dialog was opened: {dialogs}"
    dom = page.evaluate("""() => ({
        scripts: [...document.querySelectorAll('script')].map(
            s => s.getAttribute('src') || 'type=' + s.getAttribute('type')),
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
            .filter(a => a.name.startsWith('on')).map(a => e.tagName + '[' + a.name + ']')),
        images: document.querySelectorAll('img, image, iframe, object, embed').length,
        jsLinks: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
            .flatMap(e => ['href', 'src', 'action', 'formaction'].map(n => e.getAttribute(n)))
            .filter(v => v && /^\\s*javascript:/i.test(v)),
    })""")
    assert dom["scripts"] == list(scripts), dom
    assert dom["handlers"] == [], dom
    assert dom["images"] == 0, dom
    assert dom["jsLinks"] == [], dom


def test_hostile_content_runs_no_script(new_context, base_url: str):
    # bypass_csp: the CSP would block an injected inline script anyway; this test checks that
    # the escaping holds on its own, so a dialog would show if it did not.
    page = new_context(bypass_csp=True).new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto("/?q=hostile")
    expect_count(page, 1, "hostile")
    assert_no_script_ran(page, dialogs)
    expect(page.locator(".hit-title a")).to_contain_text('<script>alert("x")</script>')

    # The hostile person as a facet, through htmx (a fragment swap runs scripts if any).
    facet_link(page, "person", 'Evil <script>alert("x")</script><img src=x onerror=alert(1)>').click()
    expect(page.locator(".chip")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"person=Evil"))
    assert_no_script_ran(page, dialogs)

    page.locator(".hit-title a").first.click()
    expect(page).to_have_url(re.compile(r"/articles/hostile"))
    expect(page.locator("h1")).to_contain_text("<img src=x onerror=alert(1)>")
    expect(page.locator(".source-link")).to_have_count(0)  # its javascript: URL is no link
    assert_no_script_ran(page, dialogs, ARTICLE_SCRIPTS)

    page.goto(f"/?{urlencode(PAYLOADS)}")
    expect(page.locator("#q")).to_have_value(PAYLOADS["q"])
    expect(page.locator(".chip")).to_have_count(3)
    assert_no_script_ran(page, dialogs)

    # Put into the box (one input event), the payload comes back in an htmx fragment.
    page.goto("/")
    page.locator("#q").fill('<img src=x onerror=alert("typed")>')
    expect(page.locator("#result-count q")).to_have_text('<img src=x onerror=alert("typed")>')
    assert_no_script_ran(page, dialogs)


# ---------------------------------------------------------------- 10. accessibility

def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run()).violations.map(v => ({id: v.id,"
                           " impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 6)"
                           ".map(n => n.target.join(' ') + ' :: ' + (n.any[0] || n.all[0] || {}).message)}))")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", ["/?q=moscow&person=Xi+Jinping", "/articles/wang-putin?q=moscow",
                                  "/articles/nope"])
def test_no_serious_axe_violations(new_context, path: str):
    require(AXE.exists(), f"axe-core is not installed at {AXE} (npm ci)")
    # bypass_csp: axe is injected as an inline script, which script-src 'self' forbids.
    page = new_context(bypass_csp=True).new_page()
    page.goto(path)
    serious = axe_violations(page)
    assert serious == [], f"axe on {path}:\n" + json.dumps(serious, indent=1)


def test_keyboard_reaches_and_activates_the_first_facet(page: Page, base_url: str):
    page.goto("/?q=moscow")
    page.locator("#q").focus()
    first = page.locator(".facet-toggle").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if first.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("60 Tabs from the search box never reached the first facet link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(url(base_url, "person=Vladimir+Putin&q=moscow"))
    expect(page.locator(".chip > span")).to_have_text(["person: Vladimir Putin"])


def test_keyboard_reaches_the_exclude_link_of_a_facet(page: Page, base_url: str):
    """Each facet value has an "Exclude" link; a keyboard user must be able to Tab to it."""
    page.goto("/?q=moscow")
    facet_link(page, "person", "Wang Yi").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')"
                            " || document.activeElement.textContent.trim()")
    assert focused == "Exclude Wang Yi"
    page.keyboard.press("Enter")
    expect(page).to_have_url(url(base_url, "not_person=Wang+Yi&q=moscow"))
    expect_count(page, None, "moscow")


# ---------------------------------------------------------------- 11. screenshots

SCREENSHOTS = PROJECT_DIR / "test-results" / "screenshots"  # git-ignored
SHOTS = {
    "search": "/?q=moscow&person=Xi+Jinping",
    "browse": "/",
    "article": "/articles/wang-putin?q=moscow",
    "hostile": "/articles/hostile",
    "no-results": "/?q=cocoa&person=Wang+Yi",
    "not-found": "/articles/nope",
}


@pytest.mark.parametrize("screen, width", [("desktop", 1280), ("mobile", 390)])
def test_screenshots(new_context, screen: str, width: int):
    """Full-page screenshots to look at; and no page may be wider than the screen."""
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name, path in SHOTS.items():
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / f"{name}-{screen}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            too_wide[path] = overflow
    assert not too_wide, f"pages wider than the {width}px screen (px too wide): {too_wide}"
