"""TEMPORARY (branch h11 only; the lead's corpus-wide resolution replaces this module): re-resolve stored articles with the current rules.

What it does, so the real one can take its place: under the indexing lock, read the stored
articles a rule may touch (those with a value some rule names, and those it rewrote before); take its entities BEFORE rules (from the `pre_rules` table of curation.sqlite3 when
this module rewrote the article earlier and nothing else has rewritten it since, else the
stored values, which the indexer on this branch writes without rules); apply
load_rules(index_dir); rewrite (update_document) the articles whose people, places or
organisations change (countries recomputed from the places), remembering their pre-rule
values; commit, write the postings files. Returns how many articles it rewrote. The real
implementation recomputes the pre-rule values from the cached mentions instead, so the
`pre_rules` table is only this module's.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path

import filelock
from whoosh.reading import TermNotFound

from searchapp import postings, schema
from searchapp.articles import Article, Entities
from searchapp.curation import STORE_FILE
from searchapp.entities.places import countries_in_context
from searchapp.indexer import LOCK_FILE, open_or_create
from searchapp.rules import KIND_FIELDS, load_rules

_FIELDS = {"people": schema.PEOPLE, "places": schema.PLACES, "organizations": schema.ORGANIZATIONS,
           "countries": schema.COUNTRIES}


def _entities(fields: dict) -> Entities:
    return Entities(**{attr: schema.split_values(fields.get(name)) for attr, name in _FIELDS.items()},
                    dates=schema.split_values(fields.get(schema.DATES)))


def _article(fields: dict) -> Article:
    published = fields.get(schema.PUBLISHED) or ""
    return Article(
        article_id=fields[schema.ARTICLE_ID], title=fields.get(schema.TITLE, ""),
        body=fields.get(schema.BODY, ""), published=date.fromisoformat(published) if published else None,
        title_derived=bool(fields.get(schema.TITLE_DERIVED, False)),
        sources=schema.split_values(fields.get(schema.SOURCES)), url=fields.get(schema.URL, ""),
        author=fields.get(schema.AUTHOR, ""), origin=fields.get(schema.ORIGIN, ""),
        subheadings=tuple(fields.get(schema.SUBHEADINGS) or ()),
    )


def _key(ents: Entities) -> str:
    return json.dumps([ents.people, ents.places, ents.organizations, ents.countries], ensure_ascii=False)


def _same(a: Entities, b: Entities) -> bool:
    return all(set(getattr(a, f)) == set(getattr(b, f))
               for f in ("people", "places", "organizations", "countries"))


def _candidates(searcher, rules, pre: dict):
    """The stored fields of every article a rule may touch: those with a value some rule names,
    and those rewritten before (whose rule may be gone)."""
    reader = searcher.reader()
    docnums: set[int] = set()
    keys = set(rules.merges) | set(rules.renames) | set(rules.hidden) | set(rules.retypes)
    for kind, value in keys:
        field = _FIELDS[KIND_FIELDS[kind]]
        try:
            docnums.update(reader.postings(field, value).all_ids())
        except TermNotFound:
            continue
    for article_id in pre:
        docnum = searcher.document_number(**{schema.ARTICLE_ID: article_id})
        if docnum is not None:
            docnums.add(docnum)
    for docnum in sorted(docnums):
        if not reader.is_deleted(docnum):
            yield reader.stored_fields(docnum)


def _open_pre(index_dir: Path) -> sqlite3.Connection:
    db = sqlite3.connect(Path(index_dir) / STORE_FILE, timeout=30)
    db.execute("CREATE TABLE IF NOT EXISTS pre_rules (article_id TEXT PRIMARY KEY, "
               "content_hash TEXT NOT NULL, pre TEXT NOT NULL, post TEXT NOT NULL)")
    return db


def reresolve_index(index_dir: Path) -> int:
    """Rewrite the stored articles whose entities the current rules change; return how many."""
    index_dir = Path(index_dir)
    lock = filelock.FileLock(str(index_dir / LOCK_FILE))
    with lock:
        rules = load_rules(index_dir)
        ix = open_or_create(index_dir)
        try:
            with closing(_open_pre(index_dir)) as db:
                pre = {row[0]: row[1:] for row in db.execute(
                    "SELECT article_id, content_hash, pre, post FROM pre_rules")}
                rewrites = []
                with ix.searcher() as searcher:
                    for fields in _candidates(searcher, rules, pre):
                        current = _entities(fields)
                        base = current
                        known = pre.get(fields[schema.ARTICLE_ID])
                        if known and known[0] == fields.get(schema.CONTENT_HASH) and known[2] == _key(current):
                            stored = json.loads(known[1])
                            base = Entities(*map(tuple, stored[:3]), dates=current.dates,
                                            countries=tuple(stored[3]))
                        new = rules.apply(base)
                        if set(new.places) != set(base.places):
                            new = replace(new, countries=countries_in_context(new.places))
                        else:
                            new = replace(new, countries=base.countries)
                        if not _same(new, current):
                            rewrites.append((fields, base, new))
                if not rewrites:
                    return 0
                writer = ix.writer()
                try:
                    for fields, _base, new in rewrites:
                        writer.update_document(**schema.to_document(
                            _article(fields), new, fields.get(schema.FILE_SIG, "")))
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit()
                postings.write_missing(ix)
                with db:
                    db.executemany("INSERT OR REPLACE INTO pre_rules VALUES (?, ?, ?, ?)", [
                        (fields[schema.ARTICLE_ID], fields.get(schema.CONTENT_HASH, ""), _key(base), _key(new))
                        for fields, base, new in rewrites])
                return len(rewrites)
        finally:
            ix.close()


def known_values(index_dir: Path) -> dict[str, set[str]]:
    """Every value of each kind that some article has, before or after rules."""
    out: dict[str, set[str]] = {kind: set() for kind in KIND_FIELDS}
    ix = open_or_create(Path(index_dir))
    try:
        with ix.reader() as reader:
            for kind, attr in KIND_FIELDS.items():
                field = _FIELDS[attr]
                if field in reader.indexed_field_names():
                    out[kind].update(t.decode("utf-8") for t in reader.lexicon(field))
    finally:
        ix.close()
    if (Path(index_dir) / STORE_FILE).exists():
        with closing(_open_pre(index_dir)) as db:
            for (pre,) in db.execute("SELECT pre FROM pre_rules"):
                values = json.loads(pre)
                for i, kind in enumerate(KIND_FIELDS):
                    out[kind].update(values[i])
    return out
