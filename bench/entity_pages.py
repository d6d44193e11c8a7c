"""Entity pages and the country filter: p95 of /people|places|orgs/<name> and of typing requests with and without country=.

Starts a fresh `searchapp serve --workers 1` (this copy of the project) on the index, warms it
with another seed, then:
1. requests the entity pages of people, places (countries among them) and organisations: half
   drawn from the 20 most frequent of each kind (the heaviest pages: "United States",
   "Reagan"), half from ranks 20-300; each page once as HTML and once as JSON. Checks: status
   200, and for the JSON twin, `count` equals the total of /api/search with the page's filter.
2. replays the "typing" requests of bench/typing_log.py (htmx fragments) twice each, once as
   typed and once with a `country=` filter drawn from the index's countries (weighted by
   articles), alternating which goes first; reports both p95 and their difference.
3. sends the same requests again in this process through Flask's test client, and reports the
   p95 of wall time and of CPU time (time.thread_time: the app runs in the calling thread). On a
   shared machine the wall clock mostly measures waiting for a core; CPU time does not.

Example:
    python bench/entity_pages.py --index-dir /work/benchdata/index10x --pages 40 --sessions 60
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from servers import (HTMX_HEADERS, OUT_DIR, Client, format_table, free_port,  # noqa: E402
                     load_average, start_searchapp, summarise, wait_for_quiet)
from typing_log import make_log, read_vocabulary  # noqa: E402

from searchapp import gazetteer  # noqa: E402
from searchapp.entity_pages import to_slug  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEGMENT_OF = {"people": "people", "places": "places", "organizations": "orgs"}


def pick_entities(vocab, per_kind: int, rng: random.Random) -> list[tuple[str, str]]:
    """(segment, name) pairs: half from each kind's 20 most frequent, half from ranks 20-300."""
    picked = []
    for attr, segment in SEGMENT_OF.items():
        values = [v for v, _df in getattr(vocab, attr)]
        head, tail = values[:20], values[20:]
        picked += [(segment, v) for v in rng.sample(head, min(len(head), per_kind // 2))]
        picked += [(segment, v) for v in rng.sample(tail, min(len(tail), per_kind - per_kind // 2))]
    rng.shuffle(picked)
    return picked


def country_weights(vocab) -> list[tuple[str, int]]:
    """Countries of the index's most frequent places, weighted by those places' articles."""
    weights: dict[str, int] = {}
    for place, df in vocab.places:
        country = gazetteer.locate(place).country
        if country:
            weights[country] = weights.get(country, 0) + df
    return sorted(weights.items(), key=lambda cw: -cw[1])


def entity_path(segment: str, name: str, api: bool = False) -> str:
    return ("/api" if api else "") + f"/{segment}/" + quote(to_slug(name), safe="(),'!*:@")


def in_process(index_dir: Path, entities, typing_pairs) -> dict[str, tuple[list[float], list[float]]]:
    """Replay the requests through the test client: {label: (wall ms list, cpu ms list)}."""
    from searchapp import create_app

    client = create_app({"INDEX_DIR": str(index_dir)}).test_client()
    found: dict[str, tuple[list[float], list[float]]] = {}

    def timed(label: str, path: str, params=None, headers=None) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        response = client.get(path, query_string=[tuple(p) for p in params or []], headers=headers)
        response.get_data()
        bucket = found.setdefault(label, ([], []))
        bucket[0].append((time.perf_counter() - wall) * 1000)
        bucket[1].append((time.thread_time() - cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"in-process {path} {params}: status {response.status_code}")

    timed("warm-up", "/api/search")
    for segment, name in entities:
        timed("entity page (HTML)", entity_path(segment, name))
        timed("entity page (JSON)", entity_path(segment, name, api=True))
    for i, (plain, with_country) in enumerate(typing_pairs):
        # Alternating who goes first, as over HTTP: the first to use a word reads its postings.
        order = [("typing", plain), ("typing + country=", with_country)]
        for label, params in (order if i % 2 == 0 else order[::-1]):
            timed(label, "/", params, HTMX_HEADERS)
    found.pop("warm-up")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=40, help="entity pages per kind")
    parser.add_argument("--sessions", type=int, default=60, help="typing sessions")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-load", type=float, default=1.5)
    parser.add_argument("--wait-quiet", type=float, default=0.0)
    parser.add_argument("--json-out", type=Path, default=None)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    vocab = read_vocabulary(args.index_dir)
    entities = pick_entities(vocab, args.pages, rng)
    warm_entities = pick_entities(vocab, 6, random.Random(args.seed + 10_000))
    countries = country_weights(vocab)
    typing = [e for e in make_log(vocab, args.sessions, args.seed) if e["kind"] == "typing"]
    warm_typing = [e for e in make_log(vocab, 5, args.seed + 10_000) if e["kind"] == "typing"]
    print(f"index {args.index_dir}: {vocab.doc_count} articles; {len(entities)} entity pages, "
          f"{len(typing)} typing requests x2 (with and without country=); "
          f"top countries {countries[:5]}", flush=True)

    server = start_searchapp(args.index_dir, free_port(), PROJECT_DIR)
    problems: list[str] = []
    try:
        startup = server.wait_ready("/api/search")
        client = Client(server.port)
        for segment, name in warm_entities:
            client.get(entity_path(segment, name))
        for entry in warm_typing:
            client.get("/", entry["params"], HTMX_HEADERS)
        if args.wait_quiet:
            wait_for_quiet(args.max_load, args.wait_quiet)
        load_before = load_average()
        started = time.monotonic()
        pages, twins, slow = [], [], []
        for segment, name in entities:
            ms, status, body, _ = client.get(entity_path(segment, name))
            pages.append(ms)
            slow.append((ms, "html", segment, name))
            if status != 200:
                problems.append(f"{segment}/{name}: status {status}")
            ms, status, body, _ = client.get(entity_path(segment, name, api=True))
            twins.append(ms)
            slow.append((ms, "json", segment, name))
            if status != 200:
                problems.append(f"api {segment}/{name}: status {status}")
                continue
            page = json.loads(body)
            params = [[k, v] for k, vs in page["search"].items()
                      for v in (vs if isinstance(vs, list) else [vs])]
            _ms, _status, search, _ = client.get("/api/search", params)
            if json.loads(search)["total"] != page["count"]:
                problems.append(f"{segment}/{name}: page count {page['count']} != search total")
        plain, filtered, pairs, typing_pairs = [], [], [], []
        names, weights = zip(*countries)
        for i, entry in enumerate(typing):
            country = rng.choices(names, weights)[0]
            with_country = entry["params"] + [["country", country]]
            typing_pairs.append((entry["params"], with_country))
            order = [(entry["params"], plain), (with_country, filtered)]
            if i % 2:
                order.reverse()
            times = {}
            for params, bucket in order:
                ms, status, body, _ = client.get("/", params, HTMX_HEADERS)
                bucket.append(ms)
                times[id(bucket)] = ms
                if status != 200 or b'id="results"' not in body:
                    problems.append(f"typing {params}: status {status}")
            pairs.append(times[id(filtered)] - times[id(plain)])
        seconds = time.monotonic() - started
        load_after = load_average()
        rss = server.rss_mb()
        client.close()
    finally:
        server.stop()

    rows = []
    for label, times in (("entity page (HTML)", pages), ("entity page (JSON)", twins),
                         ("typing", plain), ("typing + country=", filtered)):
        s = summarise(times)
        rows.append([label, str(s["n"]), f"{s['p50']:.1f}", f"{s['p95']:.1f}", f"{s['p99']:.1f}",
                     f"{s['max']:.1f}"])
    print(format_table(rows, ["requests", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"]))
    p95_gap = summarise(filtered)["p95"] - summarise(plain)["p95"]
    pairs.sort()
    print(f"country filter: p95 {p95_gap:+.1f} ms over typing alone; paired difference per "
          f"request: median {pairs[len(pairs) // 2]:+.1f} ms")
    print(f"{len(pages) * 3 + len(plain) * 2} requests in {seconds:.1f} s; server started in "
          f"{startup:.1f} s; RSS {', '.join(f'{mb:.0f} MB' for mb in rss.values())}; "
          f"load average {load_before:.2f} before, {load_after:.2f} after")
    local = in_process(args.index_dir, entities, typing_pairs)
    rows = []
    for label, (walls, cpus) in local.items():
        w, c = summarise(walls), summarise(cpus)
        rows.append([label, str(w["n"]), f"{w['p50']:.1f}", f"{w['p95']:.1f}", f"{c['p50']:.1f}",
                     f"{c['p95']:.1f}"])
    print(f"\nin process (Flask test client, the same requests; load average {load_average():.2f}):")
    print(format_table(rows, ["requests", "n", "wall p50", "wall p95", "CPU p50", "CPU p95"]))
    cpu_gap = summarise(local["typing + country="][1])["p95"] - summarise(local["typing"][1])["p95"]
    print(f"country filter: CPU p95 {cpu_gap:+.1f} ms over typing alone")
    print("slowest entity pages:")
    for ms, mode, segment, name in sorted(slow, reverse=True)[:6]:
        print(f"  {ms:7.1f} ms  {mode} /{segment}/{name}")
    out = args.json_out or OUT_DIR / f"entity-pages-{vocab.doc_count}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "index_dir": str(args.index_dir), "articles": vocab.doc_count,
        "entity_html": summarise(pages), "entity_json": summarise(twins),
        "typing": summarise(plain), "typing_country": summarise(filtered),
        "in_process": {label: {"wall": summarise(w), "cpu": summarise(c)}
                       for label, (w, c) in local.items()},
        "load": [load_before, load_after], "problems": problems}, indent=1))
    if problems:
        print(f"{len(problems)} problems:", *problems[:20], sep="\n  ", file=sys.stderr)
        return 1
    print(f"all responses valid; numbers in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
