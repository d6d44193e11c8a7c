"""Hostile requests: fuzzed parameters never cause a server error; bad ones get a precise 400."""
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

PARAMS = ["q", "person", "place", "org", "not_person", "not_place", "not_org", "from", "to",
          "sort", "page", "mentioned", "more", "fq"]
ATTACKS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
           "' OR 1=1 --", "../../etc/passwd", "%00", "\x00", "*", "*ab", "a~9", "((((", '"""',
           "NOT", "person:", "9" * 30, "-1", "0", "1e9", "2023-02-30", "\u202e\u0000\ufeff"]
values = st.one_of(st.sampled_from(ATTACKS), st.text(max_size=60))
query_args = st.lists(st.tuples(st.sampled_from(PARAMS), values), max_size=8)
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(args=query_args, api=st.booleans())
def test_search_never_errors(client, args, api):
    response = client.get("/api/search" if api else "/", query_string=args)
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code == 400 and api:
        assert response.get_json()["message"]


@FUZZ
@given(article_id=st.one_of(st.sampled_from(ATTACKS), st.text(min_size=1, max_size=80)),
       q=st.text(max_size=40))
def test_article_pages_never_error(client, article_id, q):
    quoted = quote(article_id, safe="")
    for path in (f"/articles/{quoted}", f"/api/articles/{quoted}"):
        response = client.get(path, query_string={"q": q})
        assert response.status_code in (200, 404, 308), (path, response.status_code)


@FUZZ
@given(param=st.sampled_from(["person", "place", "org"]), fq=values, args=query_args)
def test_facet_search_never_errors(client, param, fq, args):
    response = client.get(f"/facets/{param}", query_string=[("fq", fq)] + args)
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("query, message", [
    ("page=1000000000", "'page' must be at most 1000"),
    ("q=" + "x" * 5000, "'q' is too long"),
    ("&".join(f"person=p{i}" for i in range(2000)), "too many filters"),
])
def test_huge_requests_are_refused_with_a_message(client, query, message):
    response = client.get("/api/search?" + query)
    assert response.status_code == 400
    assert message in response.get_json()["message"]


@pytest.mark.parametrize("q", ["*oscow", "m*", "the~2", "a~2 b~2 c~2 d~2", "*"])
def test_wildcards_and_fuzzy_terms_on_common_words_answer(client, q):
    assert client.get("/api/search", query_string={"q": q}).status_code == 200


@pytest.mark.parametrize("path", ["/static/../pyproject.toml", "/static/%2e%2e/pyproject.toml",
                                  "/static/..%2fpyproject.toml", "/articles/..%2f..%2fetc%2fpasswd",
                                  "/index/MAIN_WRITELOCK", "/../pyproject.toml"])
def test_no_request_reads_a_file_outside_static_and_the_index(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"[build-system]" not in response.data


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/", "/api/search", "/articles/wang-putin", "/feed.atom"])
def test_no_endpoint_accepts_writes(client, method, path):
    assert client.open(path, method=method).status_code == 405


# ---- issue 17: inputs that answered 500, headers and URLs -----------------------------------

HTMX = {"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "section#results"}
SEARCH_PATHS = ["/", "/api/search", "/feed.atom", "/facets/person", "/articles/wang-putin"]


@pytest.mark.parametrize("q", ["day:5", "published:2020", "url:http", "origin:/data/*",
                               "[a TO z]", "title:[a TO z]", "{a TO z}", "NOT NOT x", "-NOT a",
                               "NOT -moscow", 'words:"mln dlrs"', "article_id:hostile",
                               "file_sig:1", "subheadings:talks", "title_derived:true"])
@pytest.mark.parametrize("path", SEARCH_PATHS)
def test_field_names_ranges_and_doubled_operators_never_error(client, path, q):
    response = client.get(path, query_string={"q": q})
    assert response.status_code == 200, (path, q, response.status_code)


@pytest.mark.parametrize("q", ["origin:/data/*", 'origin:"/data/a.txt"', "origin:data",
                               "url:javascript", "article_id:hostile"])
def test_stored_only_fields_answer_no_question(client, q):
    # Every toy article's origin starts with /data/: a searchable path would match all five.
    assert client.get("/api/search", query_string={"q": q}).get_json()["total"] == 0


@pytest.mark.parametrize("page", ["²", "١", "٣", "𝟙", "1\u0660", "9" * 5000])
def test_page_takes_ascii_digits_only(client, page):
    response = client.get("/api/search", query_string={"page": page})
    assert response.status_code == 400
    assert "'page' must be" in response.get_json()["message"]


def test_htmx_request_for_a_page_without_results_block_gets_the_page(client):
    response = client.get("/facets/person?fq=wang", headers=HTMX)
    assert response.status_code == 200
    assert "Wang Yi" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/opensearch.xml", "/feed.atom?q=moscow", "/api/openapi.json"])
def test_absolute_urls_ignore_the_host_header(client, path):
    body = client.get(path, headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in body
    assert "http://localhost" in body


def test_absolute_urls_come_from_the_base_url(toy_index_dir, make_app):
    app = make_app({"INDEX_DIR": str(toy_index_dir), "TESTING": True,
                      "BASE_URL": "https://news.example.org/archive/"})
    client = app.test_client()
    body = client.get("/archive/opensearch.xml", headers={"Host": "evil.example"}).get_data(
        as_text=True)
    assert 'template="https://news.example.org/archive/?q={searchTerms}"' in body
    assert "evil.example" not in body
    feed = client.get("/feed.atom?q=moscow").get_data(as_text=True)  # a proxy stripped the prefix
    assert "<id>https://news.example.org/archive/articles/" in feed


def test_trusted_hosts_refuse_other_hosts(toy_index_dir, make_app):
    app = make_app({"INDEX_DIR": str(toy_index_dir), "TESTING": True,
                      "TRUSTED_HOSTS": ["news.example.org"]})
    client = app.test_client()
    assert client.get("/opensearch.xml", headers={"Host": "evil.example"}).status_code == 400
    body = client.get("/opensearch.xml", headers={"Host": "news.example.org"}).get_data(
        as_text=True)
    assert "http://news.example.org/?q={searchTerms}" in body


def test_bad_base_url_fails_at_start(toy_index_dir):
    from searchapp import create_app
    from searchapp.baseurl import BadBaseUrl

    with pytest.raises(BadBaseUrl, match="SEARCHAPP_BASE_URL"):
        create_app({"INDEX_DIR": str(toy_index_dir), "BASE_URL": "javascript:alert(1)"})


@pytest.mark.parametrize("script_name", ["//evil.com", "/\\evil.com", "https://evil.com", "/x"])
def test_script_name_from_the_request_is_not_trusted(client, script_name):
    # A non-canonical URL redirects to the canonical one: it must stay on this site.
    response = client.get("/?page=1&q=moscow", environ_overrides={"SCRIPT_NAME": script_name})
    assert response.status_code == 302
    assert response.headers["Location"] == "/?q=moscow"


@pytest.mark.parametrize("q", ["a\x01b", "x\x1b[31m", "\ufffe", "\uffff", "moscow\x00", "\x0b\x0c"])
def test_feed_is_valid_xml_whatever_q_holds(client, q):
    from xml.etree import ElementTree

    response = client.get("/feed.atom", query_string={"q": q})
    assert response.status_code == 200
    ElementTree.fromstring(response.get_data())


@pytest.mark.parametrize("path, htmx", [("/?page=abc", False), ("/?page=abc", True),
                                        ("/articles/missing", False), ("/nope", True),
                                        ("/facets/bogus", True)])
def test_error_responses_vary_on_htmx_headers(client, path, htmx):
    response = client.get(path, headers=HTMX if htmx else {})
    assert response.status_code in (400, 404)
    assert "HX-Request" in response.headers.get("Vary", "")
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/", "/?q=moscow", "/api/search?q=moscow", "/feed.atom",
                                  "/articles/wang-putin", "/facets/person?fq=wang",
                                  "/opensearch.xml", "/api/openapi.json"])
def test_dynamic_pages_say_how_to_cache_them(client, path):
    assert client.get(path).headers["Cache-Control"] == "public, max-age=60"


def test_405_says_which_methods_are_allowed(client):
    response = client.post("/api/search")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]


def test_gunicorn_trusts_no_forwarding_headers_and_reads_long_lines():
    from searchapp.server import default_base_url, gunicorn_options

    options = gunicorn_options("127.0.0.1", 5000, 2)
    assert options["forwarded_allow_ips"] == ""
    assert options["limit_request_line"] == 8190
    assert gunicorn_options("127.0.0.1", 5000, 2, "10.0.0.1")["forwarded_allow_ips"] == "10.0.0.1"
    assert default_base_url("0.0.0.0", 8000) == "http://localhost:8000"
    assert default_base_url("::1", 8000) == "http://[::1]:8000"


def test_a_long_url_within_gunicorns_limit_gets_the_apps_own_400(client):
    # 600 characters of q: over MAX_QUERY_LENGTH, well under gunicorn's request-line limit.
    response = client.get("/?q=" + "x" * 600)
    assert response.status_code == 400
    assert response.headers["Content-Security-Policy"]
