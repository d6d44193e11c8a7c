"""Re-resolve stored articles: recompute every article's names from the cached mentions of the whole
index, and rewrite the articles whose names changed (no NER unless the cache lacks a text).

The indexer calls resolve_stored() after writing what a run changed: a new article can make
"Baker" resolvable in articles indexed long ago, and a removed one can take the last evidence
for a merge away. An editor's change of the rules calls reresolve_index(), which does the same
under the indexing lock. The state file remembers for which index generation, resolution version,
extractor version and rules the stored names are final, so a run that changed nothing skips it.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import filelock
from whoosh.writing import MERGE_SMALL

from searchapp import postings, schema
from searchapp.articles import Entities, text_hash
from searchapp.cache import ExtractionCache
from searchapp.entities import RESOLUTION_VERSION, CorpusMaps, Extractor, Mentions, resolve
from searchapp.entities.places import countries_in_context
from searchapp.rules import KIND_FIELDS, Rules, load_rules

STATE_FILE = "resolution.json"
# Every value of each kind that some article has before the editors' rules (known_values()).
VALUES_FILE = "resolution-values.json"
# Whoosh sorts postings in memory up to this size (see indexer.WRITER_MB).
WRITER_MB = 1024
# Below this many texts to analyse, a second NER process costs more than it saves.
PARALLEL_MIN_TEXTS = 400


def merge_small_drop_empty(writer, segments):
    """Whoosh's MERGE_SMALL, after dropping segments whose articles were all deleted.

    MERGE_SMALL keeps an emptied segment until it is merged, and the snapshot arrays are sized
    by every document, live or not: an archive that adds and removes a folder now and then
    would keep growing them.
    """
    return MERGE_SMALL(writer, [segment for segment in segments if segment.doc_count() > 0])


@dataclass
class ResolveStats:
    """What a re-resolution did."""

    articles: int = 0  # articles looked at
    rewritten: int = 0  # articles whose names changed and were written again
    analysed: int = 0  # texts the cache lacked, sent through NER
    seconds: float = 0.0
    skipped: bool = False  # the stored names were already final for this state


def state_key(extractor_version: str, rules: Rules) -> str:
    """What the stored names depend on besides the articles themselves."""
    return f"r{RESOLUTION_VERSION}|{extractor_version}|{rules.fingerprint}"


def read_state(index_dir: Path) -> dict:
    """Return the saved state ({} when missing or unreadable)."""
    try:
        return json.loads((Path(index_dir) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: object) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def write_state(index_dir: Path, key: str, generation: int) -> None:
    """Record that the stored names are final for this key and index generation (atomically)."""
    _write_json(Path(index_dir) / STATE_FILE, {"key": key, "generation": generation})


def is_final(index_dir: Path, ix, key: str) -> bool:
    """Tell whether the stored names are final: same key, and no commit since they were made so."""
    state = read_state(index_dir)
    return state.get("key") == key and state.get("generation") == ix.latest_generation()


def _as_stored(entities: Entities) -> Entities:
    """Entities as the index gives them back (a comma inside a value becomes a space)."""
    return Entities(*(schema.split_values(schema.join_values(values)) for values in
                      (entities.people, entities.places, entities.organizations, entities.dates,
                       entities.countries)))


def _local(mentions: Mentions, published, stored: Entities, analysed: bool) -> Entities:
    """An article's local entities. Its mentioned dates depend on its own text and date only
    (no corpus step touches them), so a stored article keeps the dates it was written with and
    the costly date parsing (two thirds of a pass) runs only for texts NER just analysed; the
    dates' rules are part of extraction (EXTRACTION_VERSION), which makes every text new."""
    if analysed:
        return resolve(mentions, published)
    return Entities(mentions.people, mentions.places, mentions.organizations, stored.dates,
                    countries_in_context(mentions.places))


def resolve_stored(ix, index_dir: Path, cache: ExtractionCache, extractor: Extractor,
                   rules: Rules | None = None, *, force: bool = False,
                   n_process: int = 1) -> ResolveStats:
    """Make every stored article's names the corpus-wide resolution of the current index.

    Reads each article's text from its stored fields, its mentions from the cache (analysing
    the texts the cache lacks), builds the corpus maps over all of them, and rewrites in one
    commit the articles whose names differ from what is stored.
    """
    started = time.monotonic()
    rules = load_rules(index_dir) if rules is None else rules
    key = state_key(extractor.version, rules)
    stats = ResolveStats()
    if not force and is_final(index_dir, ix, key):
        stats.skipped = True
        return stats
    with ix.reader() as reader:
        ids, hashes, dates, stored, texts = [], [], [], [], {}
        for _docnum, fields in reader.iter_docs():
            article = schema.from_stored(fields)
            h = text_hash(article.text)
            ids.append(article.article_id)
            hashes.append(h)
            dates.append(article.published)
            stored.append(schema.stored_entities(fields))
            texts.setdefault(h, article.text)
        cached = cache.get_many(hashes, extractor.version)
        todo = {h: texts[h] for h in texts if h not in cached}
        del texts
        if todo:
            n = n_process if len(todo) >= PARALLEL_MIN_TEXTS else 1
            fresh = {h: m.to_json() for h, m in
                     zip(todo, extractor.analyse(list(todo.values()), n_process=n))}
            cache.put_many(fresh, extractor.version)
            cached.update(fresh)
            stats.analysed = len(fresh)
        analysed = set(todo)
        local = [_local(Mentions.from_json(cached[h]), published, old, h in analysed)
                 for h, published, old in zip(hashes, dates, stored)]
        maps = CorpusMaps.build(local, rules)
        changed = {}
        before_rules: dict[str, set[str]] = {kind: set() for kind in KIND_FIELDS}
        for article_id, ents, old in zip(ids, local, stored):
            corpus = maps.apply_corpus(ents)
            for kind, attribute in KIND_FIELDS.items():
                before_rules[kind].update(getattr(corpus, attribute))
            final = _as_stored(maps.apply(ents))
            if final != old:
                changed[article_id] = final
        stats.articles = len(ids)
        if changed:
            writer = ix.writer(limitmb=WRITER_MB, compound=False)
            try:
                for docnum, fields in reader.iter_docs():
                    final = changed.get(fields[schema.ARTICLE_ID])
                    if final is not None:
                        writer.update_document(**schema.to_document(
                            schema.from_stored(fields), final, fields.get(schema.FILE_SIG, "")))
                writer.commit(mergetype=merge_small_drop_empty)
            except BaseException:
                writer.cancel()
                raise
            stats.rewritten = len(changed)
    if changed:
        postings.write_missing(ix)
    _write_json(Path(index_dir) / VALUES_FILE, {kind: sorted(values) for kind, values in before_rules.items()})
    write_state(index_dir, key, ix.latest_generation())
    stats.seconds = time.monotonic() - started
    return stats


def reresolve_index(index_dir: Path) -> int:
    """Re-resolve an index after its rules changed, under the indexing lock; return how many
    articles were rewritten (from the cached mentions; NER only for texts the cache lacks)."""
    from searchapp.indexer import LOCK_FILE, open_or_create  # the indexer imports this module

    index_dir = Path(index_dir)
    with filelock.FileLock(str(index_dir / LOCK_FILE)):
        ix = open_or_create(index_dir)
        cache = ExtractionCache(index_dir)
        try:
            with Extractor() as extractor:
                return resolve_stored(ix, index_dir, cache, extractor).rewritten
        finally:
            cache.close()
            ix.close()


def known_values(index_dir: Path) -> dict[str, set[str]]:
    """Every value of each kind that some article has, before or after the editors' rules."""
    from searchapp.indexer import open_or_create

    field_of = {"person": schema.PEOPLE, "place": schema.PLACES, "org": schema.ORGANIZATIONS}
    out: dict[str, set[str]] = {kind: set() for kind in KIND_FIELDS}
    ix = open_or_create(Path(index_dir))
    try:
        with ix.reader() as reader:
            for kind, field in field_of.items():
                if field in reader.indexed_field_names():
                    out[kind].update(term.decode("utf-8") for term in reader.lexicon(field))
    finally:
        ix.close()
    try:
        saved = json.loads((Path(index_dir) / VALUES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    for kind in out:
        out[kind].update(saved.get(kind, ()))
    return out
