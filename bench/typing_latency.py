"""Replay realistic typing sessions against a real `searchapp serve` and print latency per request kind.

Usage:
    .venv/bin/python bench/typing_latency.py --index-dir bench/out/reuters-index
    .venv/bin/python bench/typing_latency.py --index-dir DIR --sessions 300 --seed 7 --port 5077

The log (see typing_log.py) is replayed one request at a time over loopback: first every request
as the page's htmx fragment (GET / with HX-Request, HX-Request-Type: partial,
HX-Target: section#results) to a fresh server, then every request to the JSON API
(GET /api/search) to another fresh server, each after a warm-up with another log. The time of a
request is the client's wall clock from sending it to having read the whole body. Every response
is checked; the script exits 1 if any was invalid. Goals are printed beside the numbers, not
asserted. (Named typing_latency.py, not typing.py: a script's folder comes first on sys.path, and a
bench/typing.py would shadow the standard library's typing module.)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (HTMX_HEADERS, OUT_DIR, Client, format_table, free_port,  # noqa: E402
                     load_average, read_json, report_problems, start_searchapp, summarise,
                     wait_for_quiet)
from typing_log import KINDS, make_log, read_vocabulary  # noqa: E402

FACET_KEYS = {"person": "people", "place": "places", "org": "organizations"}
FACET_SIZE = 10
PAGE_SIZE = 10
# Goals from the issue: p95 in milliseconds per kind, by corpus size.
GOALS = {18_000: {"typing": 40, "typing+filter": 40, "landing": 20},
         180_000: {"typing": 150, "typing+filter": 150, "landing": 50}}
_COUNT_RE = re.compile(r'id="result-count"[^>]*>\s*(?:([\d,]+) articles?|(No articles))')


def goals_for(doc_count: int) -> dict:
    size = min(GOALS, key=lambda n: abs(n - doc_count))
    return GOALS[size]


def check_fragment(status: int, body: bytes) -> tuple[list[str], int | None]:
    """Return (problems, result count) for one htmx fragment response."""
    if status != 200:
        return [f"status {status}"], None
    text = body.decode("utf-8", "replace")
    problems = []
    if '<section id="results"' not in text:
        problems.append("no section#results")
    if "<html" in text.lower() or "<!doctype" in text.lower():
        problems.append("a whole page, not a fragment")
    found = _COUNT_RE.search(text)
    if not found:
        return problems + ["no result count"], None
    count = 0 if found.group(2) else int(found.group(1).replace(",", ""))
    hits = text.count('<li class="hit">')
    if hits != min(PAGE_SIZE, count):
        problems.append(f"{hits} hits shown for {count} results")
    return problems, count


def check_api(status: int, body: bytes, params: list[list[str]]) -> tuple[list[str], int | None]:
    """Return (problems, total) for one JSON API response."""
    problems, data = read_json(status, body)
    if problems:
        return problems, None
    problems = []
    total, hits, facets = data.get("total"), data.get("hits"), data.get("facets")
    if not isinstance(total, int) or total < 0:
        return ["no total"], None
    if not isinstance(hits, list) or len(hits) != min(PAGE_SIZE, total):
        problems.append(f"{len(hits or [])} hits for total {total}")
    if not isinstance(facets, dict):
        return problems + ["no facets"], total
    for param, key in FACET_KEYS.items():
        values = facets.get(key)
        if not isinstance(values, list):
            problems.append(f"no {key} facet")
            continue
        selected = [v for p, v in params if p == param]
        # Every facet value seen in the hits has a count, so at least that many are available;
        # the top 10 include the selected values, which are added when not among them.
        available = len({name for h in hits or [] for name in h.get(key, ())} | set(selected))
        if not min(FACET_SIZE, available) <= len(values) <= FACET_SIZE + len(selected):
            problems.append(f"{key}: {len(values)} values shown, {available}+ available")
        counts = [v["count"] for v in values if not v["selected"]]
        if counts != sorted(counts, reverse=True) or any(c < 1 or c > total for c in counts):
            problems.append(f"{key}: counts out of order or range: {counts}")
        for value in selected:
            mine = [v for v in values if v["value"] == value and v["selected"]]
            if not mine or mine[0]["count"] != total:
                problems.append(f"{key}: the selected {value!r} is missing or miscounted")
    if not params and total > 0 and any(len(facets.get(k, [])) != FACET_SIZE
                                         for k in FACET_KEYS.values()):
        problems.append("landing page without 10 values in every facet")
    return problems, total


def replay(client: Client, log: list[dict], mode: str) -> tuple[list[dict], list[str]]:
    """Send every request of the log in order; return per-request records and problems."""
    records, problems = [], []
    for i, entry in enumerate(log):
        params = entry["params"]
        if mode == "html":
            ms, status, body, _ = client.get("/", params, HTMX_HEADERS)
            bad, count = check_fragment(status, body)
        else:
            ms, status, body, _ = client.get("/api/search", params)
            bad, count = check_api(status, body, params)
        record = {"i": i, "kind": entry["kind"], "ms": ms, "count": count, "params": params}
        if mode == "api" and not bad:
            data = json.loads(body)
            record["facts"] = {"total": data["total"], "facets": {
                key: [(v["value"], v["count"]) for v in data["facets"][key]]
                for key in FACET_KEYS.values()}}
        records.append(record)
        problems += [f"{mode} #{i} {params}: {p}" for p in bad]
    return records, problems


def run_ours(index_dir: Path, port: int, code: Path | None, warmup: list[dict], log: list[dict],
             mode: str, max_load: float, wait_quiet: float) -> dict:
    """Start a fresh server, warm it with another log, replay the log in one mode, stop it.

    Each mode gets its own server, so neither profits from postings the other read first
    (a query's first request reads its words' postings; later ones find them cached).
    """
    server = start_searchapp(index_dir, port, code)
    try:
        startup = server.wait_ready("/api/search")
        client = Client(port)
        ms_first, *_ = client.get("/" if mode == "html" else "/api/search",
                                  [["q", "first request"]], HTMX_HEADERS if mode == "html" else {})
        replay(client, warmup, mode)
        if wait_quiet:
            wait_for_quiet(max_load, wait_quiet)
        load_before = load_average()
        started = time.monotonic()
        records, problems = replay(client, log, mode)
        seconds = time.monotonic() - started
        load_after = load_average()
        rss = server.rss_mb()
        client.close()
    finally:
        server.stop()
    return {"records": records, "problems": problems, "seconds": seconds, "startup_s": startup,
            "first_request_ms": ms_first, "rss_mb": rss, "load": (load_before, load_after)}


def latency_rows(records: list[dict], goals: dict | None) -> list[list[str]]:
    rows = []
    for kind in KINDS:
        s = summarise([r["ms"] for r in records if r["kind"] == kind])
        row = [kind, str(s["n"]), f"{s['p50']:.1f}", f"{s['p95']:.1f}", f"{s['p99']:.1f}",
               f"{s['max']:.1f}"]
        if goals is not None:
            goal = goals[kind]
            row.append(f"≤ {goal}: {'met' if s['p95'] <= goal else 'MISSED'}")
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, default=OUT_DIR / "reuters-index")
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--warmup", type=int, default=10,
                        help="sessions of another seed sent first and not counted")
    parser.add_argument("--max-load", type=float, default=1.5,
                        help="wait for the 1-minute load average to drop below this ...")
    parser.add_argument("--wait-quiet", type=float, default=0.0,
                        help="... for at most this many seconds (0: don't wait, just report it)")
    parser.add_argument("--code", type=Path,
                        help="serve searchapp from this copy of the project (to measure a patch)")
    parser.add_argument("--json-out", type=Path, default=None,
                        help="write all numbers here (default bench/out/typing-<docs>.json)")
    args = parser.parse_args(argv)

    vocab = read_vocabulary(args.index_dir)
    log = make_log(vocab, args.sessions, args.seed)
    warmup = make_log(vocab, args.warmup, args.seed + 10_000)
    print(f"index {args.index_dir}: {vocab.doc_count} articles, "
          f"{vocab.first_day}..{vocab.last_day}; {args.sessions} sessions, seed {args.seed}: "
          f"{len(log)} requests per endpoint", flush=True)

    runs = {mode: run_ours(args.index_dir, args.port or free_port(), args.code, warmup, log,
                           mode, args.max_load, args.wait_quiet) for mode in ("html", "api")}
    html, api = runs["html"]["records"], runs["api"]["records"]
    problems = runs["html"]["problems"] + runs["api"]["problems"]
    seconds = sum(r["seconds"] for r in runs.values())
    startup = runs["html"]["startup_s"]
    ms_first = runs["html"]["first_request_ms"]
    rss = runs["html"]["rss_mb"] | {f"{pid} (API run)": mb for pid, mb in runs["api"]["rss_mb"].items()}
    load_before = max(runs["html"]["load"][0], runs["api"]["load"][0])
    load_after = max(runs["html"]["load"][1], runs["api"]["load"][1])

    for h, a in zip(html, api):
        if h["count"] is not None and a["count"] is not None and h["count"] != a["count"]:
            problems.append(f"#{h['i']} {h['params']}: the fragment says {h['count']} results, "
                            f"the API {a['count']}")
    goals = goals_for(vocab.doc_count)
    header = ["kind", "requests", "p50 ms", "p95 ms", "p99 ms", "max ms", "p95 goal"]
    print(f"\nhtmx fragment (GET / with HX-Target: section#results), {vocab.doc_count} articles:")
    print(format_table(latency_rows(html, goals), header))
    print(f"\nJSON API (GET /api/search), {vocab.doc_count} articles:")
    print(format_table(latency_rows(api, goals), header))
    worker_rss = ", ".join(f"{pid}: {mb:.0f} MB" for pid, mb in rss.items())
    quiet = "" if load_before < args.max_load else f"  (NOT QUIET: above {args.max_load})"
    print(f"\n{len(html) + len(api)} requests in {seconds:.1f} s; server started in "
          f"{startup:.1f} s, first request {ms_first:.0f} ms; server RSS after the run "
          f"(gunicorn master, worker; a fresh server per endpoint): {worker_rss}; load average {load_before:.2f} before, "
          f"{load_after:.2f} after{quiet}")

    slowest = sorted(html + api, key=lambda r: -r["ms"])[:8]
    print("slowest requests:")
    for r in slowest:
        print(f"  {r['ms']:7.1f} ms  {r['kind']:<13} {r['params']}")

    out = args.json_out or OUT_DIR / f"typing-{vocab.doc_count}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "index_dir": str(args.index_dir), "articles": vocab.doc_count, "sessions": args.sessions,
        "seed": args.seed, "requests": len(html) + len(api), "startup_s": startup,
        "first_request_ms": ms_first, "rss_mb": rss, "load": [load_before, load_after],
        "html": {k: summarise([r["ms"] for r in html if r["kind"] == k]) for k in KINDS},
        "api": {k: summarise([r["ms"] for r in api if r["kind"] == k]) for k in KINDS},
        "slowest": slowest, "problems": problems,
    }, indent=1, default=str))
    return report_problems(problems, "INVALID responses", f"all {len(html) + len(api)} responses valid; numbers in {out}")


if __name__ == "__main__":
    sys.exit(main())
