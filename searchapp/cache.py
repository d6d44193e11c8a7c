"""The extraction cache: NER results keyed by text hash and extractor version, in SQLite."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

if TYPE_CHECKING:
    from searchapp.entities.mentions import Mentions

CACHE_FILE = "extraction-cache.sqlite3"


class ExtractionCache:
    """Map (text hash, extractor version) to the JSON of a Mentions; survives --rebuild."""

    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir) / CACHE_FILE
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS mentions ("
            " text_hash TEXT NOT NULL, version TEXT NOT NULL, json TEXT NOT NULL,"
            " PRIMARY KEY (text_hash, version))"
        )

    def get_many(self, hashes: Iterable[str], version: str) -> dict[str, str]:
        """Return {text hash: mentions JSON} for the hashes that are cached."""
        found: dict[str, str] = {}
        wanted = list(dict.fromkeys(hashes))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT text_hash, json FROM mentions WHERE version = ? AND text_hash IN ({marks})",
                [version, *chunk],
            )
            found.update(rows)
        return found

    def put_many(self, items: dict[str, str], version: str) -> None:
        """Store {text hash: mentions JSON}."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO mentions (text_hash, version, json) VALUES (?, ?, ?)",
                [(h, version, j) for h, j in items.items()],
            )

    def put_mentions(self, results: Mapping[str, Mentions], version: str) -> dict[str, str]:
        """Store {text hash: Mentions} that NER just made; return all of them as JSON. A text
        extraction failed on (Mentions.error) is not stored: the next run tries it again."""
        fresh = {h: mentions.to_json() for h, mentions in results.items()}
        self.put_many({h: fresh[h] for h, mentions in results.items() if not mentions.error}, version)
        return fresh

    def close(self) -> None:
        """Close the database."""
        self._db.close()
