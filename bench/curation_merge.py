"""How long an editor's merge takes to show in search: a merge touching ~500 articles of Reuters 18k.

Copies a built index (read-only source) to OUT, opens the app on it (a running server), merges
the value whose article count is nearest TARGET into the most frequent other value of its kind
(the CLI's code path: keep the rule, re-resolve, commit), then polls /api/search on the app until
the facet shows the union and the old value is gone. Prints the seconds, and the load average.

    python bench/curation_merge.py --source /work/benchdata/reuters-base --out /work/benchdata/h11/reuters
"""
from __future__ import annotations

import argparse
import os
import shutil
import time
from pathlib import Path

from searchapp import create_app
from searchapp.curation import Change
from searchapp.edits import apply_change, undo_change
from searchapp.entity_values import list_values
from searchapp.facets import build_index_data
from searchapp.store import open_index


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=Path("/work/benchdata/reuters-base"))
    parser.add_argument("--out", type=Path, default=Path("bench/out/curation-index"))
    parser.add_argument("--target", type=int, default=500, help="articles the merge should touch")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(args.source, args.out, ignore=shutil.ignore_patterns("indexing.lock", "curation.sqlite3*"))
    ix = open_index(args.out)
    with ix.reader() as reader:
        values = list_values(build_index_data(reader, reader.generation()))
    ix.close()
    source = min(values, key=lambda v: abs(v.count - args.target))
    into = next(v for v in values if v.kind == source.kind and v.value != source.value)
    param = source.kind
    app = create_app({"INDEX_DIR": str(args.out)})
    client = app.test_client()

    def ids(value: str) -> int:
        return client.get("/api/search", query_string={param: value}).get_json()["total"]

    union = client.get("/api/search", query_string={"q": ""}).get_json()["total"]  # warm the worker
    before_into, before_source = ids(into.value), ids(source.value)
    print(f"merge {source.kind} {source.value!r} ({source.count} articles) into {into.value!r} "
          f"({into.count}); index {args.out}")
    started = time.perf_counter()
    result = apply_change(args.out, Change("merge", source.kind, source.value, into.value), "bench")
    rewritten = time.perf_counter() - started
    while ids(source.value) != 0:
        time.sleep(0.05)
    visible = time.perf_counter() - started
    union = ids(into.value)
    print(f"rewrote {result.entry.articles} articles in {rewritten:.2f} s; visible in search after "
          f"{visible:.2f} s; {into.value!r}: {before_into} + {before_source} -> {union} articles")
    started = time.perf_counter()
    undone = undo_change(args.out, result.entry.id, "bench")
    while ids(source.value) != before_source:
        time.sleep(0.05)
    print(f"undo: rewrote {undone.entry.articles} articles, visible after {time.perf_counter() - started:.2f} s")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
