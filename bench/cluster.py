"""First build of Reuters 18k: NER in local processes vs on a localhost dask cluster.

Back to back, each into a fresh folder (cold extraction cache):
  1. local: `build_index(n_process=2)`, the default on this 2-core machine;
  2. cluster: a `dask scheduler` and N `dask worker --nthreads 1` on 127.0.0.1 (started and
     ready before the clock starts, as a cluster is before a run), `build_index(extractor=
     ClusterExtractor)`;
  3. writer only: a --rebuild of the local index from its (now warm) cache: no NER, the rate
     of the single writer.
Prints wall time, articles/s, the cluster's overhead, the load average before and after each run
(the machine is shared), the measured per-worker NER rate, and bytes per article: the payload
(texts out, Mentions JSON back) and every TCP byte to and from the scheduler's, workers' and
nannies' ports (read with `ss -ti`), both ways. Checks that both builds stored the same entities.

    PYTHONPATH=. python bench/cluster.py --root /work/benchdata/h16
"""
from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
from whoosh import index as whoosh_index

from searchapp import config, schema
from searchapp.cluster import ClusterExtractor
from searchapp.entities import Extractor
from searchapp.indexer import build_index

DASK = Path(sys.executable).parent / "dask"


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tcp_bytes(ports: set[int], pid: int | None = None) -> dict[str, int]:
    """{connection: bytes both ways} for the connections whose server end is one of ports,
    or, with pid, for the connections this process holds (the client's)."""
    query = ["ss", "-tinpH", "state", "established"]
    if pid is None:
        query.append("( " + " or ".join(f"sport = :{p}" for p in sorted(ports)) + " )")
    out = subprocess.run(query, capture_output=True, text=True, check=True).stdout
    found: dict[str, int] = {}
    # Each socket: a line with its addresses, then an indented line of tcp_info counters.
    for block in re.split(r"\n(?=\S)", out.strip()):
        if not block or (pid is not None and f"pid={pid}," not in block):
            continue
        key = " ".join(block.split()[2:4])
        acked = re.search(r"bytes_acked:(\d+)", block)
        received = re.search(r"bytes_received:(\d+)", block)
        found[key] = int(acked.group(1) if acked else 0) + int(received.group(1) if received else 0)
    return found


def stored_entities(index_dir: Path) -> dict[str, tuple]:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        found = {f[schema.ARTICLE_ID]: (f.get(schema.PEOPLE), f.get(schema.PLACES),
                                        f.get(schema.ORGANIZATIONS))
                 for f in searcher.all_stored_fields()}
    ix.close()
    return found


def start_cluster(n_workers: int, log_dir: Path) -> tuple[str, list[subprocess.Popen]]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(config.PROJECT_DIR))
    procs = []
    for name, args in [("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", str(port),
                                      "--no-dashboard"])] + [
            (f"worker{i}", ["worker", f"tcp://127.0.0.1:{port}", "--nthreads", "1",
                            "--host", "127.0.0.1", "--no-dashboard"]) for i in range(n_workers)]:
        with open(log_dir / f"{name}.log", "w") as log:
            procs.append(subprocess.Popen([str(DASK), *args], env=env, stdout=log, stderr=log,
                                          start_new_session=True))
    return f"tcp://127.0.0.1:{port}", procs


def cluster_cpu(procs: list[subprocess.Popen]) -> dict[str, float]:
    """CPU seconds used so far by the scheduler, the nannies and the worker processes."""
    found = {"scheduler": 0.0, "nannies": 0.0, "workers": 0.0}
    for i, proc in enumerate(procs):
        top = psutil.Process(proc.pid)
        times = top.cpu_times()
        found["scheduler" if i == 0 else "nannies"] += times.user + times.system
        for child in top.children(recursive=True):
            times = child.cpu_times()
            found["workers"] += times.user + times.system
    return found


def stop_cluster(procs: list[subprocess.Popen]) -> None:
    for proc in reversed(procs):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path("/work/benchdata/h16"))
    parser.add_argument("--corpus", type=Path, default=config.data_dir() / "reuters21578")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--processes", type=int, default=2, help="local NER processes")
    parser.add_argument("--skip-writer", action="store_true", help="skip run 3")
    parser.add_argument("--cluster-first", action="store_true", help="run 2 before run 1")
    args = parser.parse_args()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    run_dir = args.root / f"cluster-{stamp}"
    run_dir.mkdir(parents=True)
    results: dict = {"corpus": str(args.corpus), "workers": args.workers,
                     "processes": args.processes}

    local_dir = run_dir / "local-index"
    cluster_dir = run_dir / "cluster-index"

    def run_local() -> None:
        """1. Local processes."""
        before = load()
        started = time.monotonic()
        stats = build_index([args.corpus], local_dir, Extractor(), n_process=args.processes)
        wall = time.monotonic() - started
        results["local"] = {"seconds": wall, "articles": stats.total, "analysed": stats.analysed,
                            "rate": stats.total / wall, "load_before": before, "load_after": load()}
        print(f"local, {args.processes} processes: {stats.total} articles in {wall:.1f} s "
              f"({stats.total / wall:.0f}/s, {stats.analysed} analysed); "
              f"load {before} -> {load()}", flush=True)

    def run_cluster() -> None:
        """2. The localhost cluster."""
        log_dir = run_dir / "cluster-logs"
        log_dir.mkdir()
        ready_started = time.monotonic()
        address, procs = start_cluster(args.workers, log_dir)
        try:
            extractor = ClusterExtractor(address, on_message=lambda m: print(m, flush=True))
            deadline = time.monotonic() + 120
            while len(extractor.ready_workers()) < args.workers and time.monotonic() < deadline:
                time.sleep(0.5)
            ready = time.monotonic() - ready_started
            ports = {int(address.rsplit(":", 1)[1])}
            for worker_address, worker in extractor.workers().items():
                ports.add(int(worker_address.rsplit(":", 1)[1]))
                if worker.get("nanny"):
                    ports.add(int(worker["nanny"].rsplit(":", 1)[1]))
            baseline, client_baseline = tcp_bytes(ports), tcp_bytes(ports, os.getpid())
            before = load()
            started = time.monotonic()
            stats = build_index([args.corpus], cluster_dir, extractor)
            wall = time.monotonic() - started
            after, client_after = tcp_bytes(ports), tcp_bytes(ports, os.getpid())
            cpu = cluster_cpu(procs)
            work = extractor.worker_work()
            extractor.close()
        finally:
            stop_cluster(procs)
        network = sum(n - baseline.get(k, 0) for k, n in after.items())
        client = sum(n - client_baseline.get(k, 0) for k, n in client_after.items())
        per_worker = {a: t / s for a, (t, s) in work.items() if s}
        results["cluster"] = {
            "seconds": wall, "articles": stats.total, "analysed": stats.analysed,
            "rate": stats.total / wall, "load_before": before, "load_after": load(),
            "workers_ready_seconds": ready, "worker_texts_seconds": work,
            "per_worker_rate": per_worker,
            "payload_bytes_out": extractor.bytes_sent, "payload_bytes_back": extractor.bytes_received,
            "tcp_bytes": network, "tcp_bytes_client": client, "cpu_seconds": cpu,
        }
        print(f"cluster, {args.workers} one-thread workers (ready in {ready:.1f} s, not counted): "
              f"{stats.total} articles in {wall:.1f} s ({stats.total / wall:.0f}/s, "
              f"{stats.analysed} analysed); load {before} -> {load()}", flush=True)
        print("per-worker NER rate (texts / seconds inside batches): "
              + ", ".join(f"{r:.0f}/s ({work[a][0]} texts)" for a, r in per_worker.items()))
        n = max(stats.analysed, 1)
        print(f"bytes per analysed article: payload {extractor.bytes_sent / n:.0f} out + "
              f"{extractor.bytes_received / n:.0f} back; all TCP to/from scheduler, workers, "
              f"nannies {network / n:.0f} (both ways), of which {client / n:.0f} between the "
              f"client and the scheduler, {(network - client) / n:.0f} on the scheduler's and "
              "workers' other connections", flush=True)
        print("CPU seconds (user + system) since start: "
              + ", ".join(f"{name} {seconds:.1f}" for name, seconds in cpu.items()), flush=True)

    for run in ([run_cluster, run_local] if args.cluster_first else [run_local, run_cluster]):
        run()
    overhead = results["cluster"]["seconds"] / results["local"]["seconds"] - 1
    results["overhead"] = overhead
    print(f"cluster overhead vs local: {overhead:+.1%}")
    same = stored_entities(local_dir) == stored_entities(cluster_dir)
    results["same_entities"] = same
    print(f"same stored people/places/organisations per article: {same}")

    # 3. The single writer alone: a rebuild whose extraction all comes from the cache.
    if not args.skip_writer:
        before = load()
        started = time.monotonic()
        stats = build_index([args.corpus], local_dir, Extractor(), rebuild=True)
        wall = time.monotonic() - started
        results["writer_only"] = {"seconds": wall, "articles": stats.total,
                                  "analysed": stats.analysed, "rate": stats.total / wall,
                                  "load_before": before, "load_after": load()}
        print(f"writer only (rebuild from the cache, {stats.analysed} analysed): "
              f"{stats.total} articles in {wall:.1f} s ({stats.total / wall:.0f}/s); "
              f"load {before} -> {load()}", flush=True)
    (run_dir / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print(f"all numbers: {run_dir / 'results.json'}")


if __name__ == "__main__":
    main()
