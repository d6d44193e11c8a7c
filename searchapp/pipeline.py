"""NER for the indexer's chunks of articles, in the background, and the names they are first written with.

Each chunk's texts are looked up in the extraction cache and the rest sent to NER worker
processes at once, so the indexer writes the previous chunk meanwhile. The names a new article
is first written with come from the corpus maps of the index version the run started from when
the run has them (`index --watch` keeps them, see CorpusMemory), else from maps over the counts
seen so far; either way the corpus-wide pass after the run (resolution.py) makes them final,
rewriting only the articles whose names differ.
"""
from __future__ import annotations

from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from searchapp import schema
from searchapp.articles import Article, Entities, text_hash
from searchapp.cache import ExtractionCache
from searchapp.entities import CorpusMaps, Extractor, Mentions, build_org_map, build_surname_map, resolve
from searchapp.entities.corpus import final_mentions

# Below this many texts to analyse, a second NER process costs more to start than it saves.
PARALLEL_MIN_TEXTS = 400


@dataclass
class Job:
    """A chunk on its way through extraction: cache hits now, NER results later."""

    articles: list[Article]
    hashes: list[str]
    cached: dict[str, str]
    todo: list[str]  # text hashes sent to NER, in order
    future: Future | None


def known_counts(ix, field: str) -> Counter:
    """In how many indexed articles each value of field appears."""
    counts: Counter = Counter()
    with ix.reader() as reader:
        # Segment by segment, from the term infos read in order: the same counts as
        # reader.doc_frequency() per term, which looks each term up in every segment (7.3 s for
        # people and organisations at 18k in 5 segments on a loaded machine; this: 0.7 s).
        for leaf, _offset in reader.leaf_readers():
            if field in leaf.indexed_field_names():
                for term, info in leaf.iter_field(field):
                    counts[term.decode("utf-8")] += info.doc_frequency()
    return counts


class Pipeline:
    """Extraction of chunks for one indexing run: start(chunk), then finish(job) in order."""

    def __init__(self, ix, extractor: Extractor, cache: ExtractionCache, n_process: int,
                 maps: CorpusMaps | None = None) -> None:
        self.extractor = extractor
        self.cache = cache
        self.n_process = n_process
        self.maps = maps
        self.analysed = 0
        # Articles whose text extraction failed on, and why: indexed without names, reported.
        self.failures: list[tuple[Article, str]] = []
        if maps is None:
            # Corpus-wide counts for alias merging ("Baker" -> James Baker, "EC" -> European
            # Community), seeded from what is indexed already.
            self.people = known_counts(ix, schema.PEOPLE)
            self.orgs = known_counts(ix, schema.ORGANIZATIONS)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="searchapp-ner")

    def start(self, articles: list[Article]) -> Job:
        """Look the texts up in the cache and start NER on the rest in the background."""
        hashes = [text_hash(a.text) for a in articles]
        cached = self.cache.get_many(hashes, self.extractor.version)
        todo: dict[str, str] = {}
        for article, h in zip(articles, hashes):
            if h not in cached:
                todo.setdefault(h, article.text)
        future = None
        if todo:
            n_process = self.n_process if len(todo) >= PARALLEL_MIN_TEXTS else 1
            # NER runs in worker processes; this thread only collects their results, so the
            # main thread can write the previous chunk to the index meanwhile. analyse() is
            # called here: a ClusterExtractor sends the chunk to its cluster at once.
            mentions = self.extractor.analyse(list(todo.values()), n_process=n_process)
            future = self.executor.submit(list, mentions)
        return Job(articles, hashes, cached, list(todo), future)

    def finish(self, job: Job) -> list[tuple[Entities, tuple]]:
        """Wait for a chunk's NER; return each article's entities and mention records."""
        cached = job.cached
        if job.future is not None:
            results = dict(zip(job.todo, job.future.result()))
            fresh = self.cache.put_mentions(results, self.extractor.version)
            cached.update(fresh)
            self.analysed += len(fresh)
            self.failures += [(a, results[h].error) for a, h in zip(job.articles, job.hashes)
                              if h in results and results[h].error]
        mentions = [Mentions.from_json(cached[h]) for h in job.hashes]
        local = [resolve(m, a.published, untagged=True) for m, a in zip(mentions, job.articles)]
        maps = self.maps or self._running_maps(local)
        out = []
        for ents, m in zip(local, mentions):
            final = maps.apply(ents, m.acronyms, m.surfaces)
            out.append((final, final_mentions(maps, final, m.surfaces, m.acronyms)))
        return out

    def _running_maps(self, local: list[Entities]) -> CorpusMaps:
        for ents in local:
            self.people.update(ents.people)
            self.orgs.update(ents.organizations)
        surnames = build_surname_map(self.people, self.orgs)
        # Only this chunk's names need an entry: the whole corpus's took 6 s at 180k per chunk.
        org_map = build_org_map(self.orgs, only={o for ents in local for o in ents.organizations})
        return CorpusMaps(surnames, org_map, {})

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
