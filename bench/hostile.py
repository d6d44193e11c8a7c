"""Hostile requests against a real `searchapp serve`: the slowest request one can build, and typing under attack.

Usage:
    .venv/bin/python bench/hostile.py --index-dir /work/benchdata/index10x --workers 2
    .venv/bin/python bench/hostile.py --index-dir DIR --code /tmp/old-checkout   # another copy

1. Every candidate request below (all within the input limits: q at most 500 characters, at
   most 20 filters, page at most 1000) is sent 3 times, one at a time, to a warmed server; its
   time is the median of the three (client wall clock, whole body read). The slowest are printed
   with their URLs.
2. Typing under attack: `--attackers` clients (default 10) send the most expensive requests
   found in step 1 in a loop, while one client replays a typing log (bench/typing_log.py) as the
   page's htmx fragments. Prints p50/p95/max of the typing requests and the attackers' rate.

Numbers are noisy on a shared machine: the load average is printed with them. Nothing is
asserted; the issue's goals are printed beside the numbers.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (_CLI_FROM, HTMX_HEADERS, OUT_DIR, VENV_BIN, Client, Server,  # noqa: E402
                     free_port, load_average, summarise)
from typing_log import make_log, read_vocabulary  # noqa: E402

SLOWEST_GOAL_MS = 500
TYPING_P95_GOAL_MS = 1000
MAX_Q = 500


def fit(q: str, limit: int = MAX_Q) -> str:
    """Cut q at the last whole word within the length limit."""
    return q if len(q) <= limit else q[:limit].rsplit(" ", 1)[0]


def repeat(unit: str, limit: int = MAX_Q) -> str:
    return fit(" ".join([unit] * (limit // (len(unit) + 1) + 1)), limit)


def some_article_id(index_dir: Path) -> str:
    from whoosh import index as whoosh_index

    from searchapp import schema

    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        found = next(iter(searcher.all_stored_fields()))[schema.ARTICLE_ID]
    ix.close()
    return found


def candidates(vocab, article_id: str) -> list[tuple[str, str, list[list[str]], dict]]:
    """(label, path, params, headers) of requests an attacker may try, all within the limits."""
    common = [w for w, _ in vocab.words[:60]] or ["said"]
    w1, w2 = "said", "mln"
    phrase_rep = fit(f'"{" ".join([w1] * 40)}"~99999 "{" ".join([w2] * 40)}"~99999')
    alternating = '"' + " ".join([w1, w2] * 4) + '"~20'
    people = [p for p, _ in vocab.people[:20]]
    places = [p for p, _ in vocab.places[:20]]
    twenty = [["person", p] for p in people[:10]] + [["place", p] for p in places[:10]]
    nested = "(" * 60 + " OR ".join(common[:40]) + ")" * 60
    reqs = [
        ("issue: two repeated-word phrases, slop 99999", "/", [["q", phrase_rep]]),
        ("same, API", "/api/search", [["q", phrase_rep]]),
        ("same, feed", "/feed.atom", [["q", phrase_rep]]),
        ("same, facet values", "/facets/person", [["q", phrase_rep], ["fq", "a"]]),
        ("alternating phrase, slop 20", "/", [["q", fit(" ".join([alternating] * 12))]]),
        ("many common-word phrases", "/", [["q", fit(" ".join(
            f'"{a} {b}"~20' for a, b in zip(common[::2], common[1::2])))]]),
        ("fuzzy ~2 on common words", "/", [["q", fit(" ".join(w + "~2" for w in common))]]),
        ("two-letter prefixes", "/", [["q", fit(" ".join(
            a + b + "*" for a in "stcpmbdr" for b in "aeiou"))]]),
        ("one-letter prefixes OR-ed", "/", [["q", fit(" OR ".join(c + "*" for c in
                                                                   "abcdefghijklmnoprstuvw"))]]),
        ("rare words (did-you-mean)", "/", [["q", fit(" ".join(
            w[::-1] + "q" for w in common))]]),
        ("nested groups", "/", [["q", fit(nested)]]),
        ("NOT chain", "/", [["q", fit(" ".join("NOT " + w for w in common))]]),
        ("OR of 80 common words", "/", [["q", fit(" OR ".join(common))]]),
        ("20 filters, no results (relaxations)", "/", [["q", "zzzzqqq"], *twenty]),
        ("20 filters, common word", "/", [["q", "said"], *twenty]),
        ("last page, oldest first", "/", [["q", "said"], ["page", "1000"], ["sort", "oldest"]]),
        ("all facets opened", "/", [["q", "s"], ["more", "person"], ["more", "place"],
                                    ["more", "org"]]),
        ("facet values, one letter", "/facets/org", [["fq", "a"], ["q", "said"]]),
        ("landing page", "/", []),
        ("API, every word prefix", "/api/search", [["q", fit(" ".join(
            w[:2] for w in common))]]),
        ("article page with a phrase to mark", f"/articles/{article_id}",
         [["q", phrase_rep]]),
    ]
    # In canonical order (keys, then values, sorted), or the page answers with a redirect.
    return [(label, path, sorted(params), {}) for label, path, params in reqs]


def start(index_dir: Path, port: int, workers: int, code: Path | None) -> Server:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    log_path = OUT_DIR / f"hostile-{port}.log"
    log_file = open(log_path, "w")
    command = [str(VENV_BIN / "searchapp")]
    if code:
        command = [sys.executable, "-c", _CLI_FROM, str(Path(code).resolve())]
    proc = subprocess.Popen(
        command + ["serve", "--index-dir", str(index_dir), "--port", str(port),
                   "--workers", str(workers)],
        stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return Server("searchapp", proc, port, log_path, log_file)


def url_of(path: str, params: list[list[str]]) -> str:
    return path + ("?" + urlencode([tuple(p) for p in params]) if params else "")


def slowest(port: int, reqs, rounds: int = 3, timeout: float = 300.0) -> list[dict]:
    """Time each request `rounds` times; one that takes longer than timeout counts as timeout."""
    rows = []
    for label, path, params, headers in reqs:
        times, statuses = [], set()
        for _ in range(rounds):
            client = Client(port, timeout=timeout)
            started = time.perf_counter()
            try:
                ms, status, _body, _h = client.get(path, params, headers)
            except TimeoutError:
                ms, status = (time.perf_counter() - started) * 1000, "timeout"
            client.close()
            times.append(ms)
            statuses.add(status)
        rows.append({"label": label, "url": url_of(path, params), "path": path,
                     "params": params, "ms": statistics.median(times), "max_ms": max(times),
                     "status": sorted(map(str, statuses))})
    return sorted(rows, key=lambda r: -r["ms"])


def under_attack(port: int, attacks: list[dict], log: list[dict], attackers: int,
                 max_seconds: float) -> dict:
    stop = threading.Event()
    sent = [0] * attackers
    statuses: dict[int, int] = {}

    def attacker(n: int) -> None:
        client = Client(port, timeout=300)
        i = n
        while not stop.is_set():
            attack = attacks[i % len(attacks)]
            _ms, status, _b, _h = client.get(attack["path"], attack["params"])
            statuses[status] = statuses.get(status, 0) + 1
            sent[n] += 1
            i += 1
        client.close()

    threads = [threading.Thread(target=attacker, args=(n,), daemon=True) for n in range(attackers)]
    started = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(1.0)  # let the attack fill the queue
    typist = Client(port, timeout=300)
    times = []
    typing_statuses: dict[int, int] = {}
    for entry in log:
        if time.monotonic() - started > max_seconds:
            break
        ms, status, _b, _h = typist.get("/", entry["params"], HTMX_HEADERS)
        times.append(ms)
        typing_statuses[status] = typing_statuses.get(status, 0) + 1
    load = load_average()
    stop.set()
    for t in threads:
        t.join(timeout=120)
    seconds = time.monotonic() - started
    typist.close()
    return {"typing": summarise(times), "typing_statuses": typing_statuses,
            "attack_rate": sum(sent) / seconds, "attack_statuses": statuses, "load": load,
            "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--attackers", type=int, default=10)
    parser.add_argument("--top", type=int, default=4,
                        help="how many of the slowest requests the attackers send")
    parser.add_argument("--sessions", type=int, default=15, help="typing sessions replayed")
    parser.add_argument("--max-seconds", type=float, default=120.0,
                        help="stop the typing replay after this long")
    parser.add_argument("--rounds", type=int, default=3, help="times each request is sent")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds a request may take before it counts as a time-out")
    parser.add_argument("--code", type=Path, help="serve another copy of the project")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)

    vocab = read_vocabulary(args.index_dir)
    reqs = candidates(vocab, some_article_id(args.index_dir))
    port = args.port or free_port()
    server = start(args.index_dir, port, args.workers, args.code)
    try:
        startup = server.wait_ready("/api/search")
        warm = Client(port)
        for entry in make_log(vocab, 5, 99):
            warm.get("/", entry["params"], HTMX_HEADERS)
        warm.close()
        print(f"# hostile requests: {args.index_dir} ({vocab.doc_count:,} articles), "
              f"{args.workers} workers, code {args.code or 'installed'}; started in {startup:.1f} s")
        print(f"load average before: {load_average():.2f}")
        rows = slowest(port, reqs, args.rounds, args.timeout)
        print(f"\n## Slowest requests (median of {args.rounds}, ms)\n")
        for r in rows:
            print(f"{r['ms']:9.1f}  max {r['max_ms']:9.1f}  {r['status']}  {r['label']}")
        top = rows[0]
        print(f"\nslowest: {top['ms']:.1f} ms (goal <= {SLOWEST_GOAL_MS}: "
              f"{'met' if top['ms'] <= SLOWEST_GOAL_MS else 'MISSED'})\n  {top['url']}")
        print(f"load average after: {load_average():.2f}")
        if not args.attackers:
            return 0
        attacks = rows[:args.top]
        log = make_log(vocab, args.sessions, 1)
        result = under_attack(port, attacks, log, args.attackers, args.max_seconds)
        t = result["typing"]
        print(f"\n## Typing while {args.attackers} clients send the {args.top} slowest requests\n")
        print(f"typing requests: {t['n']}, p50 {t['p50']:.1f} ms, p95 {t['p95']:.1f} ms, "
              f"max {t['max']:.1f} ms (goal p95 <= {TYPING_P95_GOAL_MS}: "
              f"{'met' if t['p95'] <= TYPING_P95_GOAL_MS else 'MISSED'}); statuses "
              f"{result['typing_statuses']}")
        print(f"attack requests: {result['attack_rate']:.1f}/s over {result['seconds']:.0f} s, "
              f"statuses {result['attack_statuses']}; load average {result['load']:.2f}")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
