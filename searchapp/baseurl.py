"""The app's public address: absolute URLs and the path prefix come from settings, never from request headers.

Feeds, the OpenSearch description and redirects need the app's own address. The `Host` header and
a `SCRIPT_NAME` passed through by a proxy are whatever the client sent; trusting them lets anyone
make the app print links to another site. So the origin comes from `SEARCHAPP_BASE_URL` (or
from Flask's `TRUSTED_HOSTS`, which rejects other hosts), and the path prefix from the same base
URL, whatever SCRIPT_NAME the server was handed.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

# Without a base URL or trusted hosts, absolute URLs use this origin: right for a server on one's
# own machine, and never the address a client claims.
DEFAULT_ORIGIN = "http://localhost"


class BadBaseUrl(ValueError):
    """The BASE_URL setting is not an http(s) URL with a host."""


@dataclass(frozen=True)
class BaseUrl:
    """Where the app is reached: origin ("https://news.example.org") and path prefix ("/search")."""

    origin: str
    prefix: str = ""

    @classmethod
    def parse(cls, text: str) -> "BaseUrl":
        """Read a base URL like https://news.example.org/search.

        Raises:
            BadBaseUrl: not an http(s) URL with a host, or it has a query or fragment.
        """
        parts = urlsplit(text.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BadBaseUrl(f"SEARCHAPP_BASE_URL must look like https://example.org/path, "
                             f"not {text!r}")
        if parts.query or parts.fragment or "@" in parts.netloc:
            raise BadBaseUrl(f"SEARCHAPP_BASE_URL takes no query, fragment or user: {text!r}")
        prefix = "/" + "/".join(p for p in parts.path.split("/") if p) if parts.path.strip("/") else ""
        return cls(f"{parts.scheme}://{parts.netloc.lower()}", prefix)


class TrustedPrefix:
    """WSGI middleware: SCRIPT_NAME is the configured prefix, whatever the request said.

    The SCRIPT_NAME the server was handed (a header some servers pass through) is dropped. A
    path that starts with the prefix has it moved from PATH_INFO to SCRIPT_NAME; one that does
    not (a proxy stripped it) keeps its path, and links still get the prefix.
    """

    def __init__(self, wsgi_app, prefix: str) -> None:
        self.wsgi_app = wsgi_app
        self.prefix = prefix

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if self.prefix and (path == self.prefix or path.startswith(self.prefix + "/")):
            path = path[len(self.prefix):]
        environ["SCRIPT_NAME"] = self.prefix
        environ["PATH_INFO"] = path
        return self.wsgi_app(environ, start_response)
