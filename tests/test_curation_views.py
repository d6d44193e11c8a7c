"""The editors' web side: sign-in, the write endpoints' guards, edits in the page, history, review."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from bs4 import BeautifulSoup
from whoosh import index as whoosh_index

from searchapp import create_app, schema
from searchapp.accounts import Accounts
from searchapp.articles import Article, Entities
from searchapp.curation import CurationStore
from searchapp.rulefile import write_rules
from tests.conftest import HOSTILE, build_toy_index, close_app, resolve_as_given

SECRET = "test-secret-key-0123456789abcdef"
PASSWORD = "correct horse battery"


@pytest.fixture()
def index_dir(tmp_path):
    index_dir = build_toy_index(tmp_path / "index", resolved=True)
    accounts = Accounts(index_dir)
    accounts.add("ed", PASSWORD, "editor")
    accounts.add("rita", PASSWORD, "reader")
    accounts.close()
    return index_dir


@pytest.fixture()
def app(index_dir):
    app = create_app({"INDEX_DIR": str(index_dir), "TESTING": True, "SECRET_KEY": SECRET})
    yield app
    close_app(app)  # the snapshot's open segment files


@pytest.fixture()
def client(app):
    return app.test_client()


def csrf_from(html: str) -> str:
    return BeautifulSoup(html, "html.parser").select_one("input[name=csrf_token]")["value"]


def sign_in(client, name="ed", password=PASSWORD):
    page = client.get("/login")
    response = client.post("/login", data={"name": name, "password": password,
                                           "csrf_token": csrf_from(page.text), "next": "/"})
    return response


def token(client) -> str:
    """A CSRF token of the signed-in session, as the pages carry it."""
    return csrf_from(client.get("/history").text)


def facet(client, kind: str, q: str = "") -> dict[str, int]:
    data = client.get("/api/search", query_string={"q": q}).get_json()
    return {v["value"]: v["count"] for v in data["facets"][kind]}


def ids(client, person: str) -> set[str]:
    data = client.get("/api/search", query_string={"person": person}).get_json()
    return {h["id"] for h in data["hits"]}


def merge_form(csrf: str, **extra) -> dict:
    return {"kind": "person", "value": "Lavrov", "target": "Wang Yi", "next": "/", "csrf_token": csrf, **extra}


def test_anonymous_writes_are_401_and_reads_stay_anonymous(client):
    for url in ("/entities/merge", "/entities/hide", "/history/1/undo", "/review/accept", "/review/dismiss"):
        response = client.post(url, data=merge_form("x"))
        assert response.status_code == 401, url
    assert client.get("/entities/merge").status_code == 405  # POST only
    page = client.get("/")
    assert page.status_code == 200 and "private" not in page.headers.get("Cache-Control", "")
    assert "Set-Cookie" not in page.headers  # anonymous reads start no session
    assert not BeautifulSoup(page.text, "html.parser").select(".entity-edit")
    assert client.get("/history").status_code == 302  # to the sign-in page
    assert "/login?next=/history" in client.get("/history").headers["Location"]


def test_csrf_token_missing_or_wrong_is_400(client, index_dir):
    assert sign_in(client).status_code == 303
    assert client.post("/entities/merge", data=merge_form("")).status_code == 400
    response = client.post("/entities/merge", data=merge_form("not-the-token"))
    assert response.status_code == 400 and "CSRF" in response.text
    assert CurationStore(index_dir).rules().is_empty()


def test_a_reader_may_read_history_but_not_edit(client, index_dir):
    assert sign_in(client, "rita").status_code == 303
    response = client.post("/entities/merge", data=merge_form(token(client)))
    assert response.status_code == 403 and "editor role" in response.text
    assert client.get("/review").status_code == 403
    assert client.get("/entities/edit", query_string={"kind": "person", "value": "Lavrov"}).status_code == 403
    assert CurationStore(index_dir).rules().is_empty()


def test_editor_merges_without_js_counts_are_the_union(client):
    union = ids(client, "Wang Yi") | ids(client, "Lavrov")
    assert len(union) == 2 and facet(client, "people")["Lavrov"] == 1
    sign_in(client)
    page = client.get("/")
    assert page.headers["Cache-Control"] == "private"
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.select(".facet-value .entity-edit") and soup.select(".hit .entity-edit")
    edit = client.get(soup.select_one(".facet-value .entity-edit")["href"])
    assert edit.status_code == 200 and edit.headers["Cache-Control"] == "private, no-store"
    response = client.post("/entities/merge", data=merge_form(token(client), next="/?q=moscow"))
    assert response.status_code == 303 and response.headers["Location"] == "/?q=moscow"
    shown = client.get("/?q=moscow").text
    assert "1 article updated" in shown
    people = facet(client, "people")
    assert people["Wang Yi"] == len(union) and "Lavrov" not in people
    assert ids(client, "Wang Yi") == union and not ids(client, "Lavrov")
    article = client.get("/articles/wang-putin").text
    names = [a.text for a in BeautifulSoup(article, "html.parser").select(".entity-list a:not(.entity-edit)")]
    assert "Lavrov" not in names and "Wang Yi" in names
    assert "Lavrov" not in facet(client, "people", "talks")


def test_htmx_post_answers_a_fragment(client):
    sign_in(client)
    response = client.post("/entities/hide", data={"kind": "place", "value": "Moscow", "next": "/",
                                                   "csrf_token": token(client)},
                           headers={"HX-Request": "true", "HX-Target": "div#edit-result"})
    assert response.status_code == 200 and "<html" not in response.text
    assert "hide place &#39;Moscow&#39;" in response.text and "3 articles updated" in response.text
    assert "Moscow" not in facet(client, "places")
    # The word is still found where the text has it (not where only the entity list had it).
    hits = client.get("/api/search", query_string={"q": "moscow"}).get_json()["hits"]
    assert {h["id"] for h in hits} == {"wang-putin", "xi-visit"}


@pytest.mark.parametrize("name, message", [
    ("x" * 201, "at most 200"),
    ("bad\x1bname", "control character (U+001B)"),
    ("  ", "new name is empty"),
])
def test_bad_names_are_400_with_a_message(client, index_dir, name, message):
    sign_in(client)
    response = client.post("/entities/rename", data={"kind": "person", "value": "Lavrov", "target": name,
                                                     "next": "/", "csrf_token": token(client)})
    assert response.status_code == 400 and message in response.text
    unknown = client.post("/entities/merge", data=merge_form(token(client), kind="animal"))
    assert unknown.status_code == 400 and "unknown kind" in unknown.text
    itself = client.post("/entities/merge", data=merge_form(token(client), target="Lavrov"))
    assert itself.status_code == 400 and "into itself" in itself.text
    assert CurationStore(index_dir).rules().is_empty()


def test_a_merge_cycle_is_400(client):
    sign_in(client)
    assert client.post("/entities/merge", data=merge_form(token(client))).status_code == 303
    back = client.post("/entities/merge", data=merge_form(token(client), value="Wang Yi", target="Lavrov"))
    assert back.status_code == 400 and "cycle" in back.text


def test_script_in_a_new_name_stays_text_everywhere(client, index_dir):
    evil = HOSTILE
    sign_in(client)
    response = client.post("/entities/rename", data={"kind": "person", "value": "Wang Yi", "target": evil,
                                                     "next": "/", "csrf_token": token(client)})
    assert response.status_code == 303
    for url in ("/", "/?q=moscow", "/articles/wang-putin", "/history",
                "/entities/edit?kind=person&value=" + evil):
        soup = BeautifulSoup(client.get(url).text, "html.parser")
        # Only scripts with a src (htmx, cite.js), and the article page's JSON-LD data block,
        # which holds no "<" a browser could read as markup.
        assert all(script.get("src") or script.get("type") == "application/ld+json"
                   and "<" not in script.string for script in soup.select("script")), url
        assert not soup.select("img[onerror]"), url
        assert evil in soup.get_text(), url
    feed = client.get("/feed.atom").text
    assert "<script>" not in feed and "&lt;script&gt;" in feed
    fragment = client.get("/", headers={"HX-Request": "true", "HX-Target": "section#results"}).text
    assert "<script>alert" not in fragment and "&lt;script&gt;" in fragment
    assert evil in facet(client, "people")
    assert evil in client.get("/api/articles/wang-putin").get_json()["people"]
    with CurationStore(index_dir) as store:
        exported = write_rules(store.table())
    assert ["rename", "person", "Wang Yi", evil] in list(csv.reader(io.StringIO(exported)))


def test_sign_in_starts_a_new_session_and_sign_out_ends_it(app, client):
    client.get("/login")
    before = client.get_cookie("session").value
    response = sign_in(client)
    assert response.status_code == 303
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies and all("HttpOnly" in c and "SameSite=Lax" in c and "Secure" not in c for c in cookies)
    signed_in = client.get_cookie("session").value
    assert signed_in != before
    attacker = app.test_client()
    attacker.set_cookie("session", before)  # the pre-sign-in cookie gives no account
    assert attacker.get("/history").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", signed_in)
    assert replay.get("/history").status_code == 200
    csrf = token(client)
    assert client.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert replay.get("/history").status_code == 302  # the copied cookie died with the session


def test_the_session_cookie_is_secure_over_https(client):
    page = client.get("/login", base_url="https://localhost")
    response = client.post("/login", base_url="https://localhost", data={
        "name": "ed", "password": PASSWORD, "csrf_token": csrf_from(page.text)})
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies and all("Secure" in c and "HttpOnly" in c for c in cookies)


def test_failed_sign_ins_are_throttled_per_account(app):
    client = app.test_client()
    statuses = [sign_in(client, "ed", "wrong password").status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    other = app.test_client()
    assert sign_in(other, "rita").status_code == 303  # another account is not locked out


def test_without_a_secret_key_reads_work_and_sign_in_says_how(index_dir, monkeypatch, make_app):
    monkeypatch.delenv("SEARCHAPP_SECRET_KEY", raising=False)
    app = make_app({"INDEX_DIR": str(index_dir), "TESTING": True})
    client = app.test_client()
    assert client.get("/").status_code == 200
    login = client.get("/login")
    assert login.status_code == 503 and "SEARCHAPP_SECRET_KEY" in login.text
    assert client.post("/entities/merge", data=merge_form("x")).status_code == 401


def test_history_page_and_undo_button(client, index_dir):
    sign_in(client)
    client.post("/entities/merge", data=merge_form(token(client)))
    client.post("/entities/hide", data={"kind": "place", "value": "Moscow", "next": "/", "csrf_token": token(client)})
    page = BeautifulSoup(client.get("/history").text, "html.parser")
    rows = page.select(".history-table tbody tr")
    assert [r.select("td")[2].text for r in rows] == ["ed", "ed"]
    assert "merge person 'Lavrov' into 'Wang Yi'" in rows[1].text and rows[1].select("td")[4].text == "1"
    response = client.post("/history/1/undo", data={"csrf_token": token(client)})
    assert response.status_code == 303
    assert facet(client, "people")["Lavrov"] == 1 and "Moscow" not in facet(client, "places")
    again = client.post("/history/1/undo", data={"csrf_token": token(client)}, follow_redirects=True)
    assert "already undone by change #3" in again.text


REVIEW_ARTICLES = [
    (Article("r1", "Bundesbank", "Helmut Schlesinger of the Bundesbank spoke.", date(1987, 1, 2)),
     Entities(("Helmut Schlesinger",), ("Frankfurt",), ("Bundesbank",))),
    (Article("r2", "Bundesbank", "The Bundesbank's Schlesinger said rates would hold.", date(1987, 1, 3)),
     Entities(("Helmut Schlesinger", "Karl Otto Poehl"), ("Frankfurt",), ("Bundesbank", "European Community"))),
    (Article("r3", "Typo", "Vice-President Schelsinger of the Bundesbank.", date(1987, 1, 4)),
     Entities(("Schelsinger",), ("Frankfurt",), ("Bundesbank",))),
    (Article("r4", "EC", "The EC ministers met.", date(1987, 1, 5)),
     Entities((), ("Brussels",), ("EC",))),
]


def test_review_suggests_ranked_merges_accept_and_dismiss(tmp_path, make_app):
    index_dir = tmp_path / "review"
    index_dir.mkdir()
    ix = whoosh_index.create_in(str(index_dir), schema.build_schema())
    with ix.writer() as writer:
        for article, entities in REVIEW_ARTICLES:
            writer.add_document(**schema.to_document(article, entities))
    ix.close()
    resolve_as_given(index_dir, REVIEW_ARTICLES)
    with_accounts = Accounts(index_dir)
    with_accounts.add("ed", PASSWORD)
    with_accounts.close()
    review_app = make_app({"INDEX_DIR": str(index_dir), "TESTING": True, "SECRET_KEY": SECRET})
    client = review_app.test_client()
    sign_in(client)
    def suggested():
        rows = BeautifulSoup(client.get("/review").text, "html.parser").select(".review-table tbody tr")
        return [tuple(td.text.split(" (")[0].strip() for td in r.select("td")[:4]) for r in rows]

    found = suggested()
    assert ("person", "Schelsinger", "Helmut Schlesinger", "spelling, 2 shared co-mentions") in found
    assert ("organisation", "EC", "European Community", "acronym") in found
    csrf = csrf_from(client.get("/review").text)
    form = {"kind": "org", "value": "EC", "target": "European Community", "csrf_token": csrf}
    assert client.post("/review/dismiss", data=form).status_code == 303
    assert not any(row[1] == "EC" for row in suggested())  # dismissed stays dismissed
    accept = {"kind": "person", "value": "Schelsinger", "target": "Helmut Schlesinger", "csrf_token": csrf}
    assert client.post("/review/accept", data=accept).status_code == 303
    assert facet(client, "people")["Helmut Schlesinger"] == 3
    assert not any(row[1] in ("EC", "Schelsinger") for row in suggested())


def test_a_change_during_an_indexing_run_is_503_and_keeps_nothing(client, index_dir):
    import filelock

    from searchapp.indexer import LOCK_FILE

    sign_in(client)
    csrf = token(client)
    with filelock.FileLock(str(index_dir / LOCK_FILE)):
        response = client.post("/entities/merge", data=merge_form(csrf))
    assert response.status_code == 503 and "indexing run" in response.text
    assert CurationStore(index_dir).rules().is_empty()
    assert client.post("/entities/merge", data=merge_form(csrf)).status_code == 303


def test_a_merged_name_s_entity_page_moves_to_the_name_it_was_merged_into(client):
    """Entity pages follow the editors' rules: the old name answers 301 to the new page."""
    assert client.get("/people/Lavrov").status_code == 200
    sign_in(client)
    assert client.post("/entities/merge", data=merge_form(token(client))).status_code == 303
    moved = client.get("/people/Lavrov")
    assert moved.status_code == 301 and moved.headers["Location"].endswith("/people/Wang_Yi")
    api = client.get("/api/people/Lavrov")
    assert api.status_code == 301 and api.headers["Location"].endswith("/api/people/Wang_Yi")
    assert client.get("/people/Nobody_Here").status_code == 404
