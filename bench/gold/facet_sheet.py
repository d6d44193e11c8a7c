"""Write the sheet for judging facet values by hand: the top 100 and 100 random values per facet.

Usage:
    .venv/bin/python bench/gold/facet_sheet.py --index-dir bench/out/reuters-index --out sheet.jsonl
    .venv/bin/python bench/gold/facet_sheet.py --count sheet-judged.jsonl   # tally the verdicts
    .venv/bin/python bench/gold/facet_sheet.py --index-dir DIR --lookup places Wilmington  # its articles

Random values are drawn among those in at least 2 articles, with random.Random(--seed, default
SEED). The same seed draws much the same values from two similar indexes: a sheet whose errors
were read to find causes is no longer a fair measure, and the next one takes another seed. Each line
of the sheet is one value with its facet, its article count, whether it is in the top or the
random set, and two example articles (title and the sentences naming it, or the first sentence),
so a reader can tell what the value stands for. A judge adds "ok": true|false and a "why" when
false (the value is not a correct name of the right kind, or it stands for different entities
in different articles), and --count prints the tally.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from whoosh import index as whoosh_index

from searchapp import schema

SEED = 1987
SIZE = 100
KINDS = ("people", "places", "organizations")


def sentences_naming(text: str, value: str, limit: int = 2) -> list[str]:
    """Return up to limit sentences of text that contain a word of value (else the first one)."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+|\n\n", text) if p.strip()]
    words = [w for w in re.findall(r"[A-Za-z]{3,}", value)] or [value]
    found = [p for p in parts if any(w.lower() in p.lower() for w in words)]
    return [p[:300] for p in (found or parts)[:limit]]


def write_sheet(index_dir: Path, out: Path, seed: int = SEED) -> None:
    ix = whoosh_index.open_dir(str(index_dir))
    counts = {kind: Counter() for kind in KINDS}
    examples: dict[tuple[str, str], list[int]] = defaultdict(list)
    with ix.searcher() as searcher:
        for docnum, fields in searcher.reader().iter_docs():
            for kind in KINDS:
                for value in schema.split_values(fields.get(kind)):
                    counts[kind][value] += 1
                    if len(examples[(kind, value)]) < 2:
                        examples[(kind, value)].append(docnum)
        rng = random.Random(seed)
        with out.open("w", encoding="utf-8") as sheet:
            for kind in KINDS:
                top = [value for value, _n in counts[kind].most_common(SIZE)]
                pool = sorted(value for value, n in counts[kind].items() if n >= 2 and value not in top)
                for which, values in (("top", top), ("random", rng.sample(pool, min(SIZE, len(pool))))):
                    for value in values:
                        shown = []
                        for docnum in examples[(kind, value)]:
                            fields = searcher.stored_fields(docnum)
                            shown.append({"title": fields.get(schema.TITLE, ""),
                                          "sentences": sentences_naming(fields.get(schema.BODY, ""), value)})
                        sheet.write(json.dumps({"kind": kind, "set": which, "value": value,
                                                "count": counts[kind][value], "examples": shown},
                                               ensure_ascii=False) + "\n")
    ix.close()


def lookup(index_dir: Path, kind: str, value: str, limit: int = 8) -> None:
    """Print the articles carrying value in facet kind (how many, then up to limit of them)."""
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        found = [fields for _docnum, fields in searcher.reader().iter_docs()
                 if value in schema.split_values(fields.get(kind))]
        print(f"{len(found)} articles carry {kind} {value!r}")
        for fields in found[:limit]:
            print(f"\n== {fields.get(schema.ARTICLE_ID)}: {fields.get(schema.TITLE, '')}")
            for sentence in sentences_naming(fields.get(schema.BODY, ""), value, limit=3):
                print(f"   {sentence}")
    ix.close()


def tally(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    print(f"{'facet':14} {'top 100 ok':>11} {'random 100 ok':>14}")
    for kind in KINDS:
        cells = []
        for which in ("top", "random"):
            judged = [r for r in rows if r["kind"] == kind and r["set"] == which]
            cells.append(f"{sum(bool(r.get('ok')) for r in judged)}/{len(judged)}")
        print(f"{kind:14} {cells[0]:>11} {cells[1]:>14}")
    for r in rows:
        if not r.get("ok"):
            print(f"  {r['kind']:13} {r['set']:6} {r['count']:5}  {r['value']}: {r.get('why', '')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--count", type=Path, help="a judged sheet to tally")
    parser.add_argument("--seed", type=int, default=SEED, help=f"the random draw's seed (default {SEED})")
    parser.add_argument("--lookup", nargs=2, metavar=("KIND", "VALUE"),
                        help="print the articles of --index-dir carrying a facet value")
    args = parser.parse_args(argv)
    if args.count:
        tally(args.count)
    elif args.index_dir and args.lookup:
        lookup(args.index_dir, *args.lookup)
    elif args.index_dir and args.out:
        write_sheet(args.index_dir, args.out, args.seed)
    else:
        parser.error("give --index-dir and --out, or --count")
    return 0


if __name__ == "__main__":
    sys.exit(main())
