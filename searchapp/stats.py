"""read_stats(): a summary of an index: article count, date range, top entities."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from searchapp import schema
from searchapp.store import IndexMissing, open_index

__all__ = ["IndexMissing", "read_stats"]


def read_stats(index_dir: Path, top: int = 10) -> dict:
    """Return the summary of the index in index_dir.

    Raises:
        IndexMissing: the folder holds no index.
    """
    ix = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            reader = searcher.reader()
            days = [d for d in reader.column_reader(schema.DAY)] if reader.doc_count_all() else []
            live_days = [d for n, d in enumerate(days) if d and not reader.is_deleted(n)]
            summary = {
                "index_dir": str(index_dir),
                "articles": reader.doc_count(),
                "first_published": date.fromordinal(min(live_days)).isoformat() if live_days else None,
                "last_published": date.fromordinal(max(live_days)).isoformat() if live_days else None,
            }
            for key, field in (("people", schema.PEOPLE), ("places", schema.PLACES),
                               ("organizations", schema.ORGANIZATIONS)):
                terms = reader.most_frequent_terms(field, number=top) \
                    if field in reader.indexed_field_names() else []
                summary[key] = [{"value": t.decode("utf-8"), "count": int(c)} for c, t in terms]
                summary[f"distinct_{key}"] = len(list(reader.lexicon(field))) \
                    if field in reader.indexed_field_names() else 0
            return summary
    finally:
        ix.close()
