"""Print entity-extraction quality and speed: the seed article's gold, and Reuters-21578 PEOPLE/PLACES recall.

Usage:
    .venv/bin/python bench/extraction_quality.py                  # full run (~3 min)
    .venv/bin/python bench/extraction_quality.py --sample 10      # every 10th article
    .venv/bin/python bench/extraction_quality.py --files reut2-000.sgm --n-process 1
    .venv/bin/python bench/extraction_quality.py --index-dir bench/out/reuters-index  # what an index stores

Reuters gold tags are evaluation data, not article text: they are read here with a regex over
the SGML and joined to the reader's articles ("reuters-<NEWID>"). A gold person is found when
its surname (the tag's last hyphen-separated part) is a word of an extracted person; a gold place
when its canonical country is among the article's countries or places. Only articles with at
least one tag of that kind count. Scores are printed per article (what resolve() gives), then
after the corpus-wide merges (build_surname_map and build_org_map with counts), whose top values
are what the facets show.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from searchapp import config
from searchapp.articles import Article, Entities
from searchapp.corpus import read_file
from searchapp.entities import (Extractor, apply_org_map, apply_surname_map, build_org_map,
                                build_surname_map, resolve)
from searchapp.entities.places import canonical_place, place_key

# Reuters place codes that name no place under their own words ("yemen-demo-republic").
PLACE_CODE_EXCEPTIONS = {"yemen-demo-republic": "Yemen", "yemen-arab-republic": "Yemen",
                         "trinidad-tobago": "Trinidad and Tobago", "antigua": "Antigua and Barbuda",
                         "us-virgin-islands": "U.S. Virgin Islands", "ivory-coast": "Ivory Coast"}
_ARTICLE = re.compile(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)


def read_gold(path: Path) -> dict[str, dict[str, list[str]]]:
    """Return {article id: {"people": [...], "places": [...]}} from one Reuters SGML file."""
    gold = {}
    for newid, body in _ARTICLE.findall(path.read_text(encoding="latin-1")):
        tags = {}
        for kind in ("PEOPLE", "PLACES"):
            field = re.search(rf"<{kind}>(.*?)</{kind}>", body, re.S)
            tags[kind.lower()] = re.findall(r"<D>(.*?)</D>", field.group(1)) if field else []
        gold[f"reuters-{newid}"] = tags
    return gold


def place_of_code(code: str) -> str | None:
    """Map a Reuters place code to our canonical name: "west-germany" -> "West Germany"."""
    return PLACE_CODE_EXCEPTIONS.get(code) or canonical_place(code.replace("-", " "))


def surname_words(person: str) -> set[str]:
    """Return the folded words of an extracted name, hyphenated parts included."""
    return set(place_key(person).replace("-", " ").split()) | set(place_key(person).split())


def run_seed(extractor: Extractor) -> None:
    """Print how the sample article compares with its hand-made gold annotation."""
    gold_path = config.gold_dir() / "seed.json"
    if not gold_path.exists():
        print("seed: gold file missing, skipped")
        return
    gold = json.loads(gold_path.read_text())
    article = read_file(config.data_dir().parent / gold["file"]).articles[0]
    entities = resolve(next(extractor.analyse([article.text])), article.published)
    print("== seed article", article.article_id)
    for kind in ("people", "places", "organizations"):
        wanted = [item["name"] for item in gold[kind]]
        got = getattr(entities, kind)
        missed = [name for name in wanted if name not in got]
        print(f"{kind}: {len(wanted) - len(missed)}/{len(wanted)} found; missed {missed}; "
              f"extra {[name for name in got if name not in wanted]}")
    print("not_people among people:", [n for n in gold["not_people"] if n in entities.people])
    wanted_dates = [item["date"] for item in gold["dates"]]
    print(f"dates: {entities.dates} (gold {wanted_dates})")


def load_reuters(files: list[str], sample: int) -> tuple[list[Article], dict[str, dict[str, list[str]]]]:
    """Read the Reuters articles (every sample-th) and the gold tags of all of them."""
    folder = config.data_dir() / "reuters21578"
    paths = [folder / name for name in files] if files else sorted(folder.glob("reut2-*.sgm"))
    articles, gold = [], {}
    for path in paths:
        articles.extend(read_file(path).articles)
        gold.update(read_gold(path))
    return articles[::sample], gold


def run_reuters(extractor: Extractor, files: list[str], sample: int, n_process: int,
                batch_size: int) -> None:
    """Print Reuters PEOPLE/PLACES recall, a precision proxy, frequent values and speed."""
    articles, gold = load_reuters(files, sample)
    print(f"== Reuters: {len(articles)} articles (every {sample})")
    started = time.perf_counter()
    list(extractor.analyse(["Warm-up: start the workers."] * n_process, n_process=n_process))
    print(f"worker start-up: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    mentions = list(extractor.analyse([a.text for a in articles], n_process=n_process,
                                      batch_size=batch_size))
    analysed = time.perf_counter() - started
    started = time.perf_counter()
    entities = [resolve(m, a.published) for m, a in zip(mentions, articles)]
    resolved = time.perf_counter() - started
    print(f"analyse: {len(articles) / analysed:.1f} articles/s (n_process={n_process}); "
          f"resolve: {1000 * resolved / len(articles):.3f} ms/article (cold cache)")
    print_recall("per article, before corpus aliases: ", score(articles, entities, gold)["counts"])
    print("-- with corpus aliases (people and organisations counted across the corpus):")
    print_scores(articles, apply_corpus_aliases(entities), gold)


def apply_corpus_aliases(entities: list[Entities]) -> list[Entities]:
    """Merge names across the corpus: bare surnames to full names, acronyms to long forms.

    Counts of people and organisations are passed, not sets: they are what tells that "Baker"
    is James Baker and that "Volcker" opening a headline is a person.
    """
    surnames = build_surname_map([p for ents in entities for p in ents.people],
                                 [o for ents in entities for o in ents.organizations])
    entities = [apply_surname_map(ents, surnames) for ents in entities]
    org_map = build_org_map(o for ents in entities for o in ents.organizations)
    return [apply_org_map(ents, org_map) for ents in entities]


def score(articles: list[Article], entities: list[Entities], gold: dict[str, dict[str, list[str]]]) -> dict:
    """Count gold people/places found, extracted ones that match gold, and the misses."""
    found = Counter()
    missed_people, missed_places = Counter(), Counter()
    for article, ents in zip(articles, entities):
        tags = gold.get(article.article_id, {"people": [], "places": []})
        words = set().union(*(surname_words(p) for p in ents.people)) if ents.people else set()
        if tags["people"]:
            gold_surnames = {tag.split("-")[-1] for tag in tags["people"]}
            for tag in tags["people"]:
                hit = tag.split("-")[-1] in words
                found["people"] += hit
                found["people_total"] += 1
                missed_people[tag] += not hit
            found["extracted_people"] += len(ents.people)
            found["matching_people"] += sum(bool(surname_words(p) & gold_surnames) for p in ents.people)
        if tags["places"]:
            known = set(ents.countries) | set(ents.places)
            gold_places = {place_of_code(tag) for tag in tags["places"]}
            for tag in tags["places"]:
                hit = place_of_code(tag) in known
                found["places"] += hit
                found["places_total"] += 1
                missed_places[tag] += not hit
            found["extracted_countries"] += len(ents.countries)
            found["matching_countries"] += len(set(ents.countries) & gold_places)
    return {"counts": found, "missed_people": missed_people, "missed_places": missed_places}


def print_recall(label: str, counts: Counter) -> None:
    """Print people and places recall and precision proxies on one line each."""
    print(f"{label}people recall {counts['people'] / max(counts['people_total'], 1):.3f} "
          f"({counts['people']}/{counts['people_total']}); precision proxy "
          f"{counts['matching_people'] / max(counts['extracted_people'], 1):.3f} (extracted people "
          f"whose surname is a gold tag, {counts['extracted_people']} on tagged articles)")
    print(f"{label}places recall {counts['places'] / max(counts['places_total'], 1):.3f} "
          f"({counts['places']}/{counts['places_total']}); precision proxy "
          f"{counts['matching_countries'] / max(counts['extracted_countries'], 1):.3f} (extracted "
          f"countries that are gold places, {counts['extracted_countries']} on tagged articles)")


def print_scores(articles: list[Article], entities: list[Entities],
                 gold: dict[str, dict[str, list[str]]], top: int = 40) -> None:
    """Print recall and precision proxies against the gold tags, and the most frequent values."""
    scores = score(articles, entities, gold)
    print_recall("", scores["counts"])
    print("most missed people:", [(t, n) for t, n in scores["missed_people"].most_common(15) if n])
    print("most missed places:", [(t, n) for t, n in scores["missed_places"].most_common(15) if n])
    print("unmapped place codes:",
          sorted({t for t in scores["missed_places"] if place_of_code(t) is None}))
    for kind in ("people", "places", "organizations", "countries", "dates"):
        counts = Counter(value for ents in entities for value in getattr(ents, kind))
        print(f"top {kind}:", ", ".join(f"{name} {n}" for name, n in counts.most_common(top)))


def run_index(index_dir: Path) -> None:
    """Score what an index of the Reuters corpus stores (names resolved across all of it)."""
    from whoosh import index as whoosh_index

    from searchapp import schema

    articles, gold = load_reuters([], 1)
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        stored = {f[schema.ARTICLE_ID]: schema.stored_entities(f) for f in searcher.all_stored_fields()}
    ix.close()
    articles = [a for a in articles if a.article_id in stored]
    print(f"== Reuters, as stored in {index_dir}: {len(articles)} articles")
    print_scores(articles, [stored[a.article_id] for a in articles], gold)


def main(argv: list[str] | None = None) -> int:
    """Run the seed and Reuters benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=1, help="take every Nth Reuters article")
    parser.add_argument("--files", nargs="*", default=[], help="Reuters file names (default: all)")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", default=None)
    parser.add_argument("--index-dir", type=Path, help="score this Reuters index's stored entities "
                        "instead of extracting (the seed is still extracted)")
    args = parser.parse_args(argv)
    extractor = Extractor(args.model)
    print("extractor", extractor.version)
    run_seed(extractor)
    if args.index_dir:
        run_index(args.index_dir)
        return 0
    with extractor:
        run_reuters(extractor, args.files, args.sample, args.n_process, args.batch_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
