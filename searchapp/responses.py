"""App-wide response policy: error pages (page, fragment or JSON), cache and security headers."""
from __future__ import annotations

import re

from flask import Response, current_app, g, jsonify, render_template, request
from jinja2_fragments.flask import render_block
from werkzeug.exceptions import HTTPException, SecurityError

from searchapp import metrics
from searchapp.view_context import CACHE_PUBLIC, VARY, requested_block

# Characters XML 1.0 does not allow anywhere, not even escaped (C0 controls but tab, CR, LF;
# surrogates; U+FFFE and U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def note_endpoint() -> None:
    # The request metrics (a WSGI middleware, outside Flask) label each request by its route.
    request.environ[metrics.ENDPOINT_KEY] = request.endpoint


def error_response(exc: HTTPException):
    """Answer an HTTP error: JSON under /api/, else error.html as a page or its results block."""
    if isinstance(exc, SecurityError):
        # A Host outside TRUSTED_HOSTS: no URL can be built for it, so no page either.
        response = current_app.response_class(f"{exc.code} {exc.name}: {exc.description}\n",
                                              status=exc.code, mimetype="text/plain")
        return response
    if request.path.startswith("/api/"):
        response = jsonify({"error": exc.name, "status": exc.code, "message": exc.description})
        response.status_code = exc.code
    else:
        block = requested_block()
        context = {"status": exc.code, "title": exc.name, "message": exc.description}
        if block:
            body = render_block("error.html", "results", **context)
        else:
            body = render_template("error.html", **context)
        response = current_app.make_response((body, exc.code))
        response.headers["Vary"] = VARY  # a fragment for htmx, a page otherwise
    for name, value in exc.get_headers():
        if name.lower() == "allow":  # 405 says which methods would do
            response.headers[name] = value
    return response


def cache_headers(response: Response) -> Response:
    # Reads are anonymous: the same URL gives everyone the same page. Errors and results cut
    # short by the deadline are not kept.
    if "Cache-Control" not in response.headers and request.endpoint != "static":
        keep = response.status_code < 400 and not g.get("timed_out")
        response.headers["Cache-Control"] = CACHE_PUBLIC if keep else "no-store"
    return response


def xml_text(value) -> str:
    """Remove the characters XML cannot hold (control characters), so a feed stays valid XML."""
    return _NOT_XML.sub("", str(value))


def security_headers(response: Response) -> Response:
    # No inline script or style anywhere, so the policy can be strict.
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response
