"""The OpenAPI 3.1 description at /api/openapi.json, and schemathesis fuzzing the API against it."""
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)

from searchapp.request import Limits

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def test_description_is_openapi_3_1_of_every_api_route(app, client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    spec = response.get_json()
    assert spec["openapi"] == "3.1.0"
    # Flask's <converter:name> is OpenAPI's {name} (the converter's values are the schema's).
    api_rules = {re.sub(r"<(?:[^<>]*:)?(\w+)>", r"{\1}", rule.rule)
                 for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")}
    assert set(spec["paths"]) == api_rules
    params = {p["name"]: p for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert params["q"]["schema"]["maxLength"] == Limits().max_query_length
    assert params["page"]["schema"]["maximum"] == Limits().max_page
    assert set(params["sort"]["schema"]["enum"]) == {"relevance", "newest", "oldest"}


def test_every_url_parameter_of_the_search_is_described(client):
    spec = client.get("/api/openapi.json").get_json()
    described = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert described == {"q", "person", "place", "org", "not_person", "not_place", "not_org",
                         "from", "to", "mentioned", "sort", "page", "more"}


@pytest.mark.parametrize("path", ["/api/search", "/api/articles/{article_id}"])
def test_api_conforms_to_its_description(app, path):
    # schemathesis's pytest plugin (from_fixture) fails under pytest 9 (no Function._nodeid), so
    # each operation's hypothesis strategy is run here directly.
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operation = next(result.ok() for result in schema.get_all_operations()
                     if result.ok().path == path)

    @settings(max_examples=150, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(case=operation.as_strategy())
    def call_and_validate(case):
        case.call_and_validate(checks=CHECKS)

    call_and_validate()
