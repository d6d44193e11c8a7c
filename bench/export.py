"""Export speed and memory, and typing latency while exports run, against a real `searchapp serve`.

Usage:
    .venv/bin/python bench/export.py --index-dir /work/benchdata/reuters-base
    .venv/bin/python bench/export.py --index-dir DIR --format bib --sessions 100 --exports 3

Three measurements, each printed with the load average:
1. The CLI (`searchapp search "" --format csv`, in its own process): seconds and peak RSS
   (ru_maxrss) for ALL articles, against the same for a search of a few dozen articles; the two
   peaks differ by what the export holds per article (flat memory: little).
2. HTTP (`GET /export.csv` of a `searchapp serve --workers 2`): seconds to the last byte, rows
   and bytes, and the serving worker's RSS sampled every 10 ms (peak minus its RSS before).
3. The typing log (typing_log.py) replayed as htmx fragment requests, once alone and once while
   another client downloads full exports back to back; p50/p95 per request kind, beside the goals.

The server runs this copy of the project (not the editable install), like typing_latency.py --code.
"""
from __future__ import annotations

import argparse
import csv
import http.client
import io
import json
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (_CLI_FROM, HTMX_HEADERS, OUT_DIR, Client, Server, format_table,  # noqa: E402
                     free_port, load_average, rss_mb, summarise)
from typing_latency import goals_for  # noqa: E402
from typing_log import KINDS, make_log, read_vocabulary  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parent.parent


def cli_export(index_dir: Path, query: str, fmt: str) -> dict:
    """Run `searchapp search QUERY --format FMT` from this copy; seconds, peak RSS, lines."""
    command = [sys.executable, "-c", _CLI_FROM, str(PROJECT_DIR), "search", query,
               "--index-dir", str(index_dir), "--format", fmt]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    size = lines = 0
    for chunk in iter(lambda: proc.stdout.read(1 << 16), b""):
        size += len(chunk)
        lines += chunk.count(b"\n")
    stderr = proc.stderr.read().decode()
    proc.wait()
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise RuntimeError(f"the export failed: {stderr}")
    # ru_maxrss of children is the largest child so far: valid when this child is the largest.
    return {"query": query, "seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024,
            "peak_before_mb": before / 1024, "bytes": size, "lines": lines,
            "stderr": stderr.strip()}


def start_server(index_dir: Path, port: int, workers: int) -> Server:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    log_path = OUT_DIR / f"export-bench-{port}.log"
    log_file = open(log_path, "w")
    proc = subprocess.Popen(
        [sys.executable, "-c", _CLI_FROM, str(PROJECT_DIR), "serve", "--index-dir",
         str(index_dir), "--port", str(port), "--workers", str(workers)],
        stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return Server("searchapp", proc, port, log_path, log_file)


def http_export(port: int, fmt: str, query: str = "") -> dict:
    """Download /export.FMT?query; seconds to the last byte, bytes, rows (CSV)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    started = time.perf_counter()
    conn.request("GET", f"/export.{fmt}" + (f"?{query}" if query else ""))
    response = conn.getresponse()
    first = None
    chunks = []
    while True:
        chunk = response.read(1 << 16)
        if not chunk:
            break
        first = first or time.perf_counter()
        chunks.append(chunk)
    seconds = time.perf_counter() - started
    conn.close()
    body = b"".join(chunks)
    result = {"status": response.status, "seconds": seconds, "bytes": len(body),
              "first_byte_s": (first or time.perf_counter()) - started,
              "count_header": response.getheader("X-Result-Count")}
    if fmt == "csv" and response.status == 200:
        result["rows"] = sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8-sig")))) - 1
    return result


def sample_rss(pids: list[int], stop: threading.Event, peaks: dict) -> None:
    while not stop.is_set():
        for pid in pids:
            peaks[pid] = max(peaks.get(pid, 0.0), rss_mb(pid))
        time.sleep(0.01)


def replay(port: int, log: list[dict]) -> list[dict]:
    client = Client(port)
    records = []
    for entry in log:
        ms, status, body, _ = client.get("/", entry["params"], HTMX_HEADERS)
        if status != 200 or b'<section id="results"' not in body:
            raise RuntimeError(f"bad response {status} for {entry['params']}")
        records.append({"kind": entry["kind"], "ms": ms})
    client.close()
    return records


def rows_for(records: list[dict], goals: dict) -> list[list[str]]:
    rows = []
    for kind in KINDS:
        s = summarise([r["ms"] for r in records if r["kind"] == kind])
        goal = goals[kind]
        rows.append([kind, str(s["n"]), f"{s['p50']:.1f}", f"{s['p95']:.1f}", f"{s['max']:.1f}",
                     f"≤ {goal}: {'met' if s['p95'] <= goal else 'MISSED'}"])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--format", default="csv", choices=["csv", "jsonl", "ris", "bib", "csl.json"])
    parser.add_argument("--small-query", default="cocoa",
                        help="a search of a few dozen articles, for the memory baseline")
    parser.add_argument("--sessions", type=int, default=60, help="typing sessions per replay")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--exports", type=int, default=3, help="HTTP exports to time")
    parser.add_argument("--json-out", type=Path, default=OUT_DIR / "export.json")
    args = parser.parse_args(argv)
    out: dict = {"index_dir": str(args.index_dir), "format": args.format}

    # 1. The CLI, in its own process: the small search first, so ru_maxrss then grows to the big one.
    print(f"load average {load_average():.2f}", flush=True)
    small = cli_export(args.index_dir, args.small_query, args.format)
    full = cli_export(args.index_dir, "", args.format)
    out["cli"] = {"small": small, "full": full}
    print(f"\nCLI `searchapp search ... --format {args.format}` (process start, index open, facet "
          f"arrays, export):")
    print(format_table([
        [f"q={args.small_query!r}", small["stderr"], f"{small['seconds']:.2f}",
         f"{small['peak_rss_mb']:.0f}", f"{small['bytes'] / 1e6:.2f}"],
        ["all articles", full["stderr"], f"{full['seconds']:.2f}", f"{full['peak_rss_mb']:.0f}",
         f"{full['bytes'] / 1e6:.2f}"],
    ], ["search", "result", "seconds", "peak RSS MB", "MB written"]))
    print(f"peak RSS difference, all articles vs q={args.small_query!r}: "
          f"{full['peak_rss_mb'] - small['peak_rss_mb']:+.1f} MB; load average {load_average():.2f}")

    # 2. HTTP exports, 3. typing alone and typing during exports.
    vocab = read_vocabulary(args.index_dir)
    log = make_log(vocab, args.sessions, args.seed)
    warmup = make_log(vocab, 10, args.seed + 10_000)
    goals = goals_for(vocab.doc_count)
    port = free_port()
    server = start_server(args.index_dir, port, workers=2)
    try:
        server.wait_ready("/api/search")
        time.sleep(2.0)
        replay(port, warmup)
        workers = server.worker_pids()
        before = {pid: rss_mb(pid) for pid in workers}
        peaks: dict = {}
        stop = threading.Event()
        sampler = threading.Thread(target=sample_rss, args=(workers, stop, peaks), daemon=True)
        sampler.start()
        exports = [http_export(port, args.format) for _ in range(args.exports)]
        stop.set()
        sampler.join()
        after = {pid: rss_mb(pid) for pid in workers}
        out["http"] = {"exports": exports, "rss_before": before, "rss_peak": peaks,
                       "rss_after": after}
        print(f"\nHTTP GET /export.{args.format} of all {vocab.doc_count} articles, "
              f"`searchapp serve --workers 2`:")
        print(format_table([[str(i + 1), str(e["status"]), e["count_header"],
                             str(e.get("rows", "")), f"{e['bytes'] / 1e6:.2f}",
                             f"{e['first_byte_s']:.2f}", f"{e['seconds']:.2f}"]
                            for i, e in enumerate(exports)],
                           ["run", "status", "X-Result-Count", "CSV rows", "MB", "first byte s",
                            "seconds"]))
        print("worker RSS MB (before -> peak while exporting -> after): " + ", ".join(
            f"{pid}: {before[pid]:.0f} -> {peaks.get(pid, 0):.0f} -> {after[pid]:.0f}"
            for pid in workers) + f"; load average {load_average():.2f}")

        load_alone = load_average()
        alone = replay(port, log)
        done = threading.Event()
        during_exports: list[dict] = []

        def keep_exporting() -> None:
            while not done.is_set():
                during_exports.append(http_export(port, args.format))

        exporter = threading.Thread(target=keep_exporting, daemon=True)
        exporter.start()
        time.sleep(0.5)  # the export is under way
        load_during = load_average()
        during = replay(port, log)
        done.set()
        exporter.join()
        out["typing"] = {"alone": alone, "during": during, "exports_during": during_exports,
                         "load": [load_alone, load_during]}
        header = ["kind", "requests", "p50 ms", "p95 ms", "max ms", "p95 goal"]
        print(f"\ntyping (htmx fragments, {len(log)} requests, seed {args.seed}) alone; "
              f"load average {load_alone:.2f}:")
        print(format_table(rows_for(alone, goals), header))
        print(f"\nthe same while another client downloads /export.{args.format} of everything "
              f"back to back ({len(during_exports)} exports, "
              f"{sum(e['seconds'] for e in during_exports):.1f} s); load average "
              f"{load_during:.2f}:")
        print(format_table(rows_for(during, goals), header))
    finally:
        server.stop()
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(out, indent=1, default=str))
    print(f"\nnumbers in {args.json_out}; load average {load_average():.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
