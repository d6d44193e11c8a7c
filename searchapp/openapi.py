"""The OpenAPI 3.1 description of the JSON API (/api/*), built from the same limits the API enforces."""
from __future__ import annotations

from searchapp import schema
from searchapp.request import SORTS

_DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_NULLABLE_STRING = {"type": ["string", "null"]}
_STRINGS = {"type": "array", "items": {"type": "string"}}


def _list_param(name: str, description: str, items: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False, "style": "form", "explode": True,
            "description": description,
            "schema": {"type": "array", "items": items or {"type": "string", "maxLength": 200}}}


def _search_parameters(limits) -> list[dict]:
    params = [{
        "name": "q", "in": "query", "required": False,
        "description": "The query text (see the README's query language). Free text is never "
                       "an error; spaces are collapsed before the length is checked.",
        "schema": {"type": "string", "maxLength": limits.max_query_length},
    }]
    for facet in schema.FACETS:
        params.append(_list_param(facet.param, f"Keep articles with this {facet.param} "
                                               "(repeatable; all must match)."))
        params.append(_list_param("not_" + facet.param, f"Leave out articles with this "
                                                        f"{facet.param} (repeatable)."))
    params += [
        _list_param("mentioned", "Articles that mention a date in this period.",
                    {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}),
        {"name": "from", "in": "query", "required": False,
         "description": "Published on or after this day (not after 'to').", "schema": _DATE},
        {"name": "to", "in": "query", "required": False,
         "description": "Published on or before this day.", "schema": _DATE},
        {"name": "sort", "in": "query", "required": False,
         "schema": {"type": "string", "enum": list(SORTS)}},
        {"name": "page", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 1, "maximum": limits.max_page}},
        _list_param("more", "Facets shown with more values.",
                    {"type": "string", "enum": [f.param for f in schema.FACETS]}),
    ]
    return params


def _histogram() -> dict:
    bucket = {"type": "object", "required": ["label", "start", "end", "count", "selected"],
              "properties": {"label": {"type": "string"}, "start": {"type": "string"},
                             "end": {"type": "string"}, "count": {"type": "integer"},
                             "selected": {"type": "boolean"}}}
    return {"type": "object", "required": ["level", "buckets"],
            "properties": {"level": {"type": "string"},
                           "buckets": {"type": "array", "items": bucket}}}


def _results() -> dict:
    hit = {"type": "object",
           "required": ["id", "title", "published", "url", "sources", "snippet", "people",
                        "places", "organizations"],
           "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                          "published": _NULLABLE_STRING, "url": _NULLABLE_STRING,
                          "sources": _STRINGS, "snippet": {"type": "string"},
                          "people": _STRINGS, "places": _STRINGS, "organizations": _STRINGS}}
    value = {"type": "object", "required": ["value", "count", "selected", "excluded"],
             "properties": {"value": {"type": "string"}, "count": {"type": "integer"},
                            "selected": {"type": "boolean"}, "excluded": {"type": "boolean"}}}
    facet_list = {"type": "array", "items": value}
    return {
        "type": "object",
        "required": ["query", "total", "page", "page_count", "sort", "hits", "facets", "dates",
                     "mentioned_dates", "did_you_mean", "notice", "timed_out", "index_version",
                     "corpus_size"],
        "properties": {
            "query": {"type": "object", "description": "The canonical URL arguments."},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_count": {"type": "integer", "minimum": 1},
            "sort": {"type": "string", "enum": list(SORTS)},
            "hits": {"type": "array", "items": hit},
            "facets": {"type": "object", "properties": {
                "people": facet_list, "places": facet_list, "organizations": facet_list}},
            "dates": _histogram(),
            "mentioned_dates": _histogram(),
            "did_you_mean": {"oneOf": [{"type": "null"}, {
                "type": "object", "required": ["q", "total"],
                "properties": {"q": {"type": "string"}, "total": {"type": "integer"}}}]},
            "notice": {**_NULLABLE_STRING, "description": "What was narrowed or cut short, "
                                                          "in words (null when nothing was)."},
            "timed_out": {"type": "boolean", "description": "The search deadline stopped part "
                                                            "of the search: results may be "
                                                            "incomplete."},
            "index_version": {"type": "integer"},
            "corpus_size": {"type": "integer", "minimum": 0},
        },
    }


def _article() -> dict:
    related = {"type": "object", "required": ["id", "title", "published"],
               "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                              "published": _NULLABLE_STRING}}
    return {
        "type": "object",
        "required": ["id", "title", "title_derived", "published", "sources", "url", "author",
                     "body", "people", "places", "organizations", "dates", "related"],
        "properties": {
            "id": {"type": "string"}, "title": {"type": "string"},
            "title_derived": {"type": "boolean"}, "published": _NULLABLE_STRING,
            "sources": _STRINGS, "url": _NULLABLE_STRING, "author": _NULLABLE_STRING,
            "body": {"type": "string"}, "people": _STRINGS, "places": _STRINGS,
            "organizations": _STRINGS, "dates": _STRINGS,
            "related": {"type": "array", "items": related},
        },
    }


def _json(ref: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def describe(limits, server_url: str) -> dict:
    """Return the OpenAPI 3.1 document of /api/* for a server at server_url."""
    error = _json("Error", "A parameter is malformed or over a limit; the message says which.")
    return {
        "openapi": "3.1.0",
        "info": {"title": "searchapp", "version": "1",
                 "description": "Search a news archive: the search page's results as JSON."},
        "servers": [{"url": server_url or "/"}],
        "paths": {
            "/api/search": {"get": {
                "operationId": "search",
                "summary": "Search the articles: hits, facets, date histograms, suggestions.",
                "parameters": _search_parameters(limits),
                "responses": {"200": _json("SearchResults", "One page of results."),
                              "400": error},
            }},
            "/api/articles/{article_id}": {"get": {
                "operationId": "article",
                "summary": "One article, its entities and related articles.",
                "parameters": [{"name": "article_id", "in": "path", "required": True,
                                "schema": {"type": "string", "minLength": 1}}],
                "responses": {"200": _json("Article", "The article."),
                              "404": _json("Error", "No article has that id.")},
            }},
            "/api/{segment}/{name}": {"get": {
                "operationId": "entity",
                "summary": "A person, place or organisation: count, first and last mention, "
                           "timeline, who and what appears with it.",
                "parameters": [
                    {"name": "segment", "in": "path", "required": True,
                     "schema": {"type": "string", "enum": ["people", "places", "orgs"]}},
                    {"name": "name", "in": "path", "required": True,
                     "description": "The name, spaces written as _ (/people/Helmut_Schlesinger).",
                     "schema": {"type": "string", "minLength": 1}}],
                "responses": {"200": _json("Entity", "The entity."),
                              "301": {"description": "Another spelling of a name: the Location "
                                                     "header is its canonical URL."},
                              "404": _json("Error", "No article names it.")},
            }},
            "/api/openapi.json": {"get": {
                "operationId": "openapi",
                "summary": "This description.",
                "responses": {"200": {"description": "OpenAPI 3.1",
                                      "content": {"application/json": {
                                          "schema": {"type": "object"}}}}},
            }},
        },
        "components": {"schemas": {
            "SearchResults": _results(),
            "Article": _article(),
            "Entity": {"type": "object",
                       "required": ["name", "kind", "count", "first", "last", "aliases",
                                    "timeline", "appears_with"],
                       "properties": {"name": {"type": "string"}, "kind": {"type": "string"},
                                      "count": {"type": "integer"},
                                      "first": {"type": ["string", "null"]},
                                      "last": {"type": ["string", "null"]},
                                      "aliases": {"type": ["array", "null"]},
                                      "timeline": {"type": "object"},
                                      "appears_with": {"type": "object"}}},
            "Error": {"type": "object", "required": ["error", "status", "message"],
                      "properties": {"error": {"type": "string"}, "status": {"type": "integer"},
                                     "message": {"type": "string"}}},
        }},
    }
