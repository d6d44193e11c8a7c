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
from dataclasses import dataclass, field, replace
from pathlib import Path

import filelock
from whoosh.writing import MERGE_SMALL

from searchapp import checksums, postings, schema
from searchapp.articles import Entities, text_hash
from searchapp.cache import ExtractionCache
from searchapp.corpus_memory import CorpusMemory, Known
from searchapp.entities import RESOLUTION_VERSION, Extractor, Mentions, resolve
from searchapp.entities.corpus import as_of, local_organizations
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
    """Whoosh's MERGE_SMALL, after dropping segments whose articles were all deleted and merging
    those with more deleted articles than live ones.

    MERGE_SMALL keeps an emptied segment until it is merged, and the snapshot arrays are sized
    by every document, live or not: an archive that adds and removes a folder now and then
    would keep growing them. A re-resolution that rewrote most of a large segment (new rules, a
    new resolution version) would leave it mostly dead, and MERGE_SMALL never merges a large
    segment; merging copies only the live articles, so it costs what they are.
    """
    from whoosh.reading import SegmentReader

    kept = []
    for segment in segments:
        if segment.doc_count() == 0:
            continue
        if segment.doc_count() * 2 < segment.doc_count_all():
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            kept.append(segment)
    return MERGE_SMALL(writer, kept)


@dataclass
class ResolveStats:
    """What a re-resolution did."""

    articles: int = 0  # articles looked at
    rewritten: int = 0  # articles whose names changed and were written again
    analysed: int = 0  # texts the cache lacked, sent through NER
    seconds: float = 0.0
    skipped: bool = False  # the stored names were already final for this state
    incremental: bool = False  # only the run's articles were read (a CorpusMemory was given)
    # Articles whose text extraction failed on: (article id, origin, why). They keep no names,
    # and the pass is not recorded as final, so the next run tries their texts again.
    failed: list[tuple[str, str, str]] = field(default_factory=list)


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
        return resolve(mentions, published, untagged=True)
    return Entities(mentions.people, mentions.places, local_organizations(mentions), stored.dates,
                    countries_in_context(mentions.places))


def _docs_by_id(reader, article_ids) -> dict[str, tuple[int, dict]]:
    """Find the live documents of some article ids: id -> (docnum, stored fields)."""
    out = {}
    for article_id in article_ids:
        docnum = reader.first_id(schema.ARTICLE_ID, article_id)
        if docnum is not None and not reader.is_deleted(docnum):
            out[article_id] = (docnum, reader.stored_fields(docnum))
    return out


def _read(reader, written: set[str] | None) -> dict:
    """The stored documents a pass must look at, id -> fields: every one (a full pass), or only
    those the run wrote (an incremental one)."""
    if written is not None:
        return {i: fields for i, (_n, fields) in _docs_by_id(reader, written).items()}
    return {fields[schema.ARTICLE_ID]: fields for _n, fields in reader.iter_docs()}


def _learn(memory: CorpusMemory, docs: dict, cache: ExtractionCache, extractor: Extractor,
           n_process: int, stats: ResolveStats) -> None:
    """Put the articles of docs into memory with their cached mentions (NER for the texts the
    cache lacks); count in stats the texts NER analysed and the articles it failed on."""
    items = []
    for article_id, fields in docs.items():
        article = schema.from_stored(fields)
        items.append((article_id, article, text_hash(article.text), fields))
    cached = cache.get_many([h for _i, _a, h, _f in items], extractor.version)
    todo = {}
    for _i, article, h, _f in items:
        if h not in cached:
            todo.setdefault(h, article.text)
    if todo:
        n = n_process if len(todo) >= PARALLEL_MIN_TEXTS else 1
        fresh = cache.put_mentions(dict(zip(todo, extractor.analyse(list(todo.values()), n_process=n))),
                                   extractor.version)
        cached.update(fresh)
    for article_id, article, h, fields in items:
        mentions = as_of(Mentions.from_json(cached[h]), article.published)  # its time's names
        if mentions.error:
            stats.failed.append((article_id, article.origin, mentions.error))
        stored = schema.stored_entities(fields)
        memory.add(article_id, Known.of(_local(mentions, article.published, stored, h in todo),
                                        mentions, stored, schema.stored_mentions(fields)))
    stats.analysed = len(todo)


def resolve_stored(ix, index_dir: Path, cache: ExtractionCache, extractor: Extractor,
                   rules: Rules | None = None, *, force: bool = False, n_process: int = 1,
                   memory: CorpusMemory | None = None, written: set[str] | None = None,
                   deleted: set[str] = frozenset()) -> ResolveStats:
    """Make every stored article's names the corpus-wide resolution of the current index.

    A full pass reads each article's text from its stored fields, its mentions from the cache
    (analysing the texts the cache lacks), builds the corpus maps over all of them, and rewrites
    in one commit the articles whose names differ from what is stored. Given the memory of the
    version the run started from (and what the run wrote and deleted), only the written articles
    are read; the articles rewritten are those and the ones naming a value whose final name the
    new maps changed. The memory passed is updated in place for the next run.
    """
    started = time.monotonic()
    rules = load_rules(index_dir) if rules is None else rules
    key = state_key(extractor.version, rules)
    stats = ResolveStats()
    # A caller that keeps a memory (`index --watch`) gets it filled by a full pass even when the
    # stored names are final, so that its later runs need not read every article.
    remembering = memory is not None and memory.maps is None
    if not force and not remembering and is_final(index_dir, ix, key):
        stats.skipped = True
        return stats
    memory = memory if memory is not None else CorpusMemory()
    incremental = (written is not None and not force and memory.key == key
                   and memory.maps is not None)
    if not incremental:
        memory.reset(key)
    with ix.reader() as reader:
        docs = _read(reader, written if incremental else None)
        for article_id in deleted:
            memory.remove(article_id)
        _learn(memory, docs, cache, extractor, n_process, stats)
        changed_values = memory.build_maps(rules)
        look = set(docs) | (memory.holding(changed_values) if incremental else set())
        changed = {}
        for article_id in look:
            known = memory.articles[article_id]
            final, mentions = memory.resolve(known)
            final = _as_stored(final)
            if final != known.final or mentions != known.mentions:
                changed[article_id] = (final, mentions)
        stats.articles = len(look)
        if changed:
            missing = [i for i in changed if i not in docs]
            docs.update({i: fields for i, (_n, fields) in _docs_by_id(reader, missing).items()})
            writer = ix.writer(limitmb=WRITER_MB, compound=False)
            try:
                for article_id, (final, mentions) in changed.items():
                    fields = docs[article_id]
                    writer.update_document(**schema.to_document(
                        schema.from_stored(fields), final, fields.get(schema.FILE_SIG, ""), mentions))
                    memory.articles[article_id] = replace(memory.articles[article_id],
                                                          final=final, mentions=mentions)
                writer.commit(mergetype=merge_small_drop_empty)
            except BaseException:
                writer.cancel()
                memory.maps = None  # what is stored is not known any more: a full pass next time
                raise
            stats.rewritten = len(changed)
    if changed:
        # As after the indexer's commits: the new segment's sizes and CRC-32s while they are as
        # written (`searchapp check`, backups), then its postings files.
        checksums.write_missing(ix)
        postings.write_missing(ix)
    _write_json(Path(index_dir) / VALUES_FILE,
                {kind: sorted(values) for kind, values in memory.before_rules().items()})
    if stats.failed:
        memory.maps = None  # a full pass next time, which analyses the failed texts again
    else:
        write_state(index_dir, key, ix.latest_generation())
    stats.incremental = incremental
    stats.seconds = time.monotonic() - started
    return stats


def reresolve_index(index_dir: Path) -> int:
    """Re-resolve an index after its rules changed, under the indexing lock; return how many
    articles were rewritten (from the cached mentions; NER only for texts the cache lacks)."""
    from searchapp.indexer import LOCK_FILE, open_or_create  # the indexer imports this module

    index_dir = Path(index_dir)
    with filelock.FileLock(str(index_dir / LOCK_FILE)):
        ix = open_or_create(index_dir)
        schema.add_missing_fields(ix)
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
