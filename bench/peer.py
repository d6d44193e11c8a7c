"""Compare searchapp with Datasette (SQLite FTS5 + JSON-array facets) on the same articles and typing log.

Usage:
    .venv/bin/pip install datasette==0.65.5          # bench-only; not a dependency of searchapp
    .venv/bin/python bench/peer.py --index-dir bench/out/reuters-index
    .venv/bin/python bench/peer.py --index-dir bench/out/index10x --sessions 100

The SQLite database (built once, next to the index as bench/out/<index name>.sqlite) holds the
articles that searchapp.corpus.read_articles reads from the index's own source files, with the
people, places and organisations taken from the index's stored fields, so both servers facet
identical data: articles(id, title, body, published, year, people, places, organizations) with
the three entity columns as JSON arrays, indexes on published and year, and an FTS5 table on
title and body (porter stemming, as our index stems title and body).

Both servers get the same log (typing_log.py), one request at a time, each server alone on the
machine (ours first, then Datasette). Each request asks for 10 results, the total, the top 10 of
people, places and organisations over all matches, and a publication-date facet:

    ours        GET /?q=..&person=.. (htmx fragment)   and   GET /api/search?q=..&person=..
    Datasette   GET /db/articles.json?_search=..&_searchmode=raw&_size=10
                    &_facet_array=people&_facet_array=places&_facet_array=organizations&_facet=year
                    &people__arraycontains=..&published__gte=..&published__lte=..

Fair equivalents, and what differs:
- the half-typed last word: ours expands it to its 24 most frequent words; Datasette gets the FTS5
  prefix query "word"* (every word). Whole words are quoted FTS5 terms, ANDed, as ours ANDs them.
- the date facet: ours draws a histogram whose level fits the matches (years, else months, else
  days); Datasette counts the matches per year (a column computed at build time, as our year is).
- order: ours ranks by BM25 (newest first without a query); Datasette 0.65's table view sorts a
  search by rowid (no ranking), and we ask for newest first (_sort_desc=published) without one.
- ours also highlights snippets and counts mentioned dates; Datasette returns the rows as they are.
Datasette runs with facet_time_limit_ms and sql_time_limit_ms at 10 s, one SQL thread,
default_facet_size 10 and suggest_facets off; a response whose facets are missing or timed out
fails the run. Landing requests (no query) must give identical totals and facet counts on both.
"""
from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (OUT_DIR, Client, format_table, free_port, load_average,  # noqa: E402
                     read_json, report_problems, start_datasette, summarise, wait_for_quiet)
from typing_latency import goals_for, run_ours  # noqa: E402
from typing_log import KINDS, make_log, read_vocabulary  # noqa: E402

FACET_COLUMNS = ("people", "places", "organizations")
DATE_FACET = "year"
FILTER_COLUMNS = {"person": "people__arraycontains", "place": "places__arraycontains",
                  "org": "organizations__arraycontains", "from": "published__gte",
                  "to": "published__lte"}
MIN_PREFIX = 2  # as searchapp.search.MIN_PREFIX
# Datasette's maximum wait for a first answer while it opens a large database.
READY_TIMEOUT = 600


# ---- the database ------------------------------------------------------------------------

def read_index_entities(index_dir: Path) -> tuple[dict[str, tuple], list[str]]:
    """Return {article id: (people, places, organizations)} from the index, and its source files."""
    from whoosh import index as whoosh_index

    from searchapp import schema

    entities, origins = {}, set()
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        for _docnum, fields in reader.iter_docs():
            entities[fields[schema.ARTICLE_ID]] = tuple(
                list(schema.split_values(fields.get(f)))
                for f in (schema.PEOPLE, schema.PLACES, schema.ORGANIZATIONS))
            origins.add(fields.get(schema.ORIGIN, ""))
    ix.close()
    return entities, sorted(o for o in origins if o)


def build_database(index_dir: Path, db_path: Path) -> dict:
    """Write the SQLite database of the index's articles; return what was written."""
    from searchapp.corpus import read_articles

    started = time.monotonic()
    entities, origins = read_index_entities(index_dir)
    tmp = db_path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript("""
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT, body TEXT,
            published TEXT, year INTEGER, people TEXT, places TEXT, organizations TEXT);
    """)
    rows, seen = 0, set()
    for result in read_articles([Path(o) for o in origins]):
        batch = []
        for a in result.articles:
            if a.article_id not in entities or a.article_id in seen:
                continue  # not in the index (a duplicate the indexer refused)
            seen.add(a.article_id)
            people, places, orgs = entities[a.article_id]
            published: date | None = a.published
            batch.append((a.article_id, a.title, a.body,
                          published.isoformat() if published else None,
                          published.year if published else None,
                          json.dumps(people, ensure_ascii=False),
                          json.dumps(places, ensure_ascii=False),
                          json.dumps(orgs, ensure_ascii=False)))
        db.executemany("INSERT INTO articles (id, title, body, published, year, people, places, "
                       "organizations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)
        rows += len(batch)
    missing = set(entities) - seen
    if missing:
        raise SystemExit(f"{len(missing)} indexed articles not found in {len(origins)} source "
                         f"files, e.g. {sorted(missing)[:3]}")
    db.executescript("""
        CREATE INDEX articles_published ON articles (published);
        CREATE INDEX articles_year ON articles (year);
        CREATE VIRTUAL TABLE articles_fts USING fts5 (
            title, body, content="articles", content_rowid="rowid",
            tokenize="porter unicode61");
        INSERT INTO articles_fts (rowid, title, body) SELECT rowid, title, body FROM articles;
        INSERT INTO articles_fts (articles_fts) VALUES ('optimize');
        ANALYZE;
    """)
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(db_path)
    return {"rows": rows, "seconds": time.monotonic() - started,
            "mb": db_path.stat().st_size / 1e6}


# ---- the requests ------------------------------------------------------------------------

def fts_query(q: str) -> str:
    """Turn box text into an FTS5 query: quoted words ANDed, the last one a prefix like ours."""
    words = re.findall(r"\w+", q)
    if not words:
        return ""
    terms = ['"' + w + '"' for w in words]
    if len(words[-1]) >= MIN_PREFIX:
        terms[-1] += "*"
    return " ".join(terms)


def datasette_params(params: list[list[str]]) -> list[tuple[str, str]]:
    """Translate our URL params into the Datasette table query that asks for the same things."""
    out: list[tuple[str, str]] = [("_size", "10")]
    out += [("_facet_array", c) for c in FACET_COLUMNS] + [("_facet", DATE_FACET)]
    searched = False
    for key, value in params:
        if key == "q":
            match = fts_query(value)
            if match:
                out += [("_search", match), ("_searchmode", "raw")]
                searched = True
        else:
            out.append((FILTER_COLUMNS[key], value))
    if not searched:
        out.append(("_sort_desc", "published"))
    return out


def check_datasette(status: int, body: bytes) -> tuple[list[str], dict | None]:
    """Return (problems, the facts to cross-check) for one Datasette JSON response."""
    problems, data = read_json(status, body)
    if problems:
        return problems, None
    problems = []
    count = data.get("filtered_table_rows_count")
    if not isinstance(count, int):
        return ["no count"], None
    if len(data.get("rows", [])) != min(10, count):
        problems.append(f"{len(data.get('rows', []))} rows for count {count}")
    if data.get("facets_timed_out"):
        problems.append(f"facets timed out: {data['facets_timed_out']}")
    results = data.get("facet_results") or {}
    facets = {}
    for name in (*FACET_COLUMNS, DATE_FACET):
        facet = results.get(name)
        if facet is None:
            problems.append(f"facet {name} missing")
            continue
        values = facet.get("results", [])
        if len(values) > 10:
            problems.append(f"facet {name}: {len(values)} values")
        facets[name] = [(v["value"], v["count"]) for v in values]
    return problems, {"total": count, "facets": facets}


def replay_datasette(client: Client, log: list[dict], path: str) -> tuple[list[dict], list[str]]:
    records, problems = [], []
    for i, entry in enumerate(log):
        ms, status, body, _ = client.get(path, datasette_params(entry["params"]))
        bad, facts = check_datasette(status, body)
        records.append({"i": i, "kind": entry["kind"], "ms": ms, "facts": facts,
                        "params": entry["params"]})
        problems += [f"datasette #{i} {entry['params']}: {p}" for p in bad]
    return records, problems


def cross_check(ours: dict, peer: dict, params) -> list[str]:
    """Landing requests must agree: same total, same top counts in every entity facet."""
    problems = []
    if ours["total"] != peer["total"]:
        problems.append(f"{params}: total {ours['total']} here, {peer['total']} in Datasette")
    for column in FACET_COLUMNS:
        mine = sorted((c for v, c in ours["facets"][column]), reverse=True)[:10]
        theirs = sorted((c for v, c in peer["facets"][column]), reverse=True)[:10]
        if mine != theirs:
            problems.append(f"{params}: {column} counts {mine} here, {theirs} in Datasette")
    return problems


# ---- the run -----------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, default=OUT_DIR / "reuters-index")
    parser.add_argument("--db", type=Path, help="default: bench/out/<index folder name>.sqlite")
    parser.add_argument("--rebuild-db", action="store_true")
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--max-load", type=float, default=1.5)
    parser.add_argument("--wait-quiet", type=float, default=0.0,
                        help="wait up to this many seconds for the load average to drop")
    parser.add_argument("--time-limit-ms", type=int, default=10_000,
                        help="Datasette's facet_time_limit_ms and sql_time_limit_ms")
    parser.add_argument("--code", type=Path,
                        help="serve searchapp from this copy of the project (to measure a patch)")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args(argv)

    db_path = args.db or OUT_DIR / f"{args.index_dir.name}.sqlite"
    if args.rebuild_db or not db_path.exists():
        built = build_database(args.index_dir, db_path)
        print(f"built {db_path}: {built['rows']} articles, {built['mb']:.0f} MB, "
              f"{built['seconds']:.0f} s", flush=True)
    vocab = read_vocabulary(args.index_dir)
    log = make_log(vocab, args.sessions, args.seed)
    warmup = make_log(vocab, args.warmup, args.seed + 10_000)
    print(f"{vocab.doc_count} articles; {args.sessions} sessions, seed {args.seed}: {len(log)} "
          f"requests per endpoint", flush=True)
    problems: list[str] = []
    results: dict[str, list[dict]] = {}
    rss: dict[str, dict] = {}
    load: dict[str, tuple[float, float]] = {}

    # Ours, alone: a fresh server for each endpoint.
    for mode in ("html", "api"):
        run = run_ours(args.index_dir, free_port(), args.code, warmup, log, mode, args.max_load,
                       args.wait_quiet)
        results[f"ours {mode}"] = run["records"]
        problems += run["problems"]
        rss[f"ours ({mode} run)"] = run["rss_mb"]
        load[f"ours {mode}"] = run["load"]
    landing_facts = {json.dumps(r["params"]): r.get("facts") for r in results["ours api"]
                     if r["kind"] == "landing"}

    # Datasette, alone.
    port = free_port()
    server = start_datasette(db_path, port, args.time_limit_ms)
    path = f"/{db_path.stem}/articles.json"
    try:
        server.wait_ready(path + "?_size=1", READY_TIMEOUT)
        client = Client(port)
        replay_datasette(client, warmup, path)
        if args.wait_quiet:
            wait_for_quiet(args.max_load, args.wait_quiet)
        before = load_average()
        results["datasette"], bad = replay_datasette(client, log, path)
        problems += bad
        load["datasette"] = (before, load_average())
        rss["datasette"] = server.rss_mb()
        client.close()
    finally:
        server.stop()

    checked = 0
    for record in results["datasette"]:
        if record["kind"] == "landing" and record["facts"]:
            if not landing_facts.get(json.dumps(record["params"])):
                continue
            problems += cross_check(landing_facts[json.dumps(record["params"])], record["facts"],
                                    record["params"])
            checked += 1

    goals = goals_for(vocab.doc_count)
    summary = {name: {k: summarise([r["ms"] for r in recs if r["kind"] == k]) for k in KINDS}
               for name, recs in results.items()}
    rows = []
    for kind in KINDS:
        h, a, d = (summary[n][kind] for n in ("ours html", "ours api", "datasette"))
        rows.append([kind, str(h["n"]),
                     f"{h['p50']:.1f} / {h['p95']:.1f} / {h['p99']:.1f}",
                     f"{a['p50']:.1f} / {a['p95']:.1f} / {a['p99']:.1f}",
                     f"{d['p50']:.1f} / {d['p95']:.1f} / {d['p99']:.1f}",
                     f"{d['p95'] / h['p95']:.1f}x", f"{d['p95'] / a['p95']:.1f}x",
                     f"≤ {goals[kind]}"])
    print(f"\n{vocab.doc_count} articles, p50 / p95 / p99 in ms per request, one at a time:")
    print(format_table(rows, ["kind", "requests", "ours: htmx fragment", "ours: JSON API",
                              "Datasette JSON", "peer p95 / ours p95 (fragment)",
                              "(API)", "our p95 goal"]))
    for name, pids in rss.items():
        print(f"{name} RSS after the run: "
              + ", ".join(f"{pid}: {mb:.0f} MB" for pid, mb in pids.items()))
    for name, (a, b) in load.items():
        quiet = "" if a < args.max_load else f"  (NOT QUIET: above {args.max_load})"
        print(f"{name}: load average {a:.2f} before, {b:.2f} after{quiet}")
    print(f"landing requests cross-checked (same totals and facet counts): {checked}")

    out = args.json_out or OUT_DIR / f"peer-{vocab.doc_count}.json"
    out.write_text(json.dumps({"articles": vocab.doc_count, "sessions": args.sessions,
                               "seed": args.seed, "db": str(db_path),
                               "db_mb": db_path.stat().st_size / 1e6, "summary": summary,
                               "rss_mb": rss, "load": load, "problems": problems},
                              indent=1, default=str))
    return report_problems(problems, "PROBLEMS", f"all responses valid; numbers in {out}")


if __name__ == "__main__":
    sys.exit(main())
