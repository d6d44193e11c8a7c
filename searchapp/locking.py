"""The indexing lock: one writer per index folder (LOCK_FILE), and IndexBusy when another holds it.

Its own module so the web app can check the lock without importing the indexer (and spaCy).
"""
from __future__ import annotations

LOCK_FILE = "indexing.lock"


class IndexBusy(Exception):
    """Another `searchapp index` holds the lock on this index."""
