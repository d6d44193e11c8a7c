"""create_app(overrides=None): assembles the Flask app and nothing else."""
from __future__ import annotations

from flask import Flask
from htmx_flask import Htmx

from searchapp import config


def create_app(overrides: dict | None = None) -> Flask:
    """Create the app: defaults, then SEARCHAPP_* variables, then overrides; open the index.

    Raises:
        store.IndexMissing: there is no index in INDEX_DIR.
    """
    app = Flask(__name__, template_folder=str(config.TEMPLATES_DIR),
                static_folder=str(config.STATIC_DIR))
    app.config.from_mapping(config.defaults())
    app.config.from_prefixed_env("SEARCHAPP")
    if overrides:
        app.config.from_mapping(overrides)
    Htmx(app)

    from searchapp import auth, curation_views, store, views

    store.init_app(app)
    views.init_app(app)
    auth.init_app(app)
    curation_views.init_app(app)
    from searchapp import metrics

    metrics.init_app(app, lambda: store.get_store_of(app).current)
    return app
