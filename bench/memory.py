"""Worker memory of `searchapp serve --workers N`, and an index update while requests keep coming.

Usage:
    .venv/bin/python bench/memory.py --index-dir DIR
    .venv/bin/python bench/memory.py --index-dir DIR --workers 2 --sessions 10 --update-size 50

CAUTION: the script updates the index in DIR (adds --update-size articles, then removes them
again, so it ends as it started): run it on a copy (`cp -r INDEX /tmp/copy`), never on an index
another run is using.

1. Starts `searchapp serve --workers N` and waits until every worker is idle (app loaded, first
   snapshot of the index and its facet arrays built).
2. Warm-up: --clients threads replay the typing log (typing_log.py; --sessions, --seed) through
   the JSON API and the htmx fragment, so every worker serves requests and fills its caches (the
   CPU seconds each worker used are printed, to show they all did). Then, per process (gunicorn
   master and each worker): RSS (VmRSS), anonymous RSS (RssAnon: the heap, private to the
   worker) and PSS (/proc/PID/smaps_rollup: every shared page divided among the processes that
   map it, so the workers' PSS add up to what they really cost together).
3. Traffic: the client threads send the log's requests (landing, typing, typing with a filter)
   to /api/search in a loop, --pause-ms apart, recording each response's time, latency,
   `index_version`, `total` and `corpus_size`; every response is checked as typing_latency.py
   checks it. After --phase-seconds:
4. Update: --update-size copies of indexed articles (new ids `membench-<id>`, same title, body,
   date and sources, so the extraction cache has their entities) are written as JSON Lines into a
   fresh temp folder and `searchapp index TEMP --index-dir DIR --strict` runs (incremental: the
   articles of other origins stay). A background thread samples each worker every 0.2 s: its RSS
   (PSS every second) and the index files it holds open (the `.trm` file of each segment): a
   worker serves the new version once it holds exactly the new version's segments, each once,
   none through a descriptor it had before the run (during a rebuild it holds two sets). The
   rebuild window runs from the start of the index run until every worker has switched and no
   response with an older version came back later. --phase-seconds after that, the memory is read
   again; then the temp file is deleted and `searchapp index TEMP` runs again, which removes the
   copies (their file is gone), with the same measurements; the index must end with as many
   articles as it started with.

Prints latency p50/p95/p99/max per phase (before, each rebuild window, after each; a window is also
split at the commit: the index run competing for the CPU, then the workers rebuilding their
snapshots in a background thread while they answer requests), when each worker switched to the new
version (from the commit, i.e. the new TOC file's mtime, and from the index run's end), memory per
process before, after the update and at the end, the peak RSS sampled during the updates, and the
goal "worker RSS ≤ 400 MB" against the highest worker RSS seen. Checks: every response valid (as in
typing_latency.py), one total per request and index_version, the landing page's corpus_size of each
version equal to the index's article count after the run that made it, both index runs succeed, the
final count equals the initial one. Any failure exits 1; speed and memory are printed, never
asserted. All numbers go to --json-out (default bench/out/memory-<articles>.json); the server's
log to bench/out/searchapp-<port>.log.

The index ends with the same articles but not the same files: Whoosh keeps the segment of the
removed copies, all its documents deleted (one more segment per run). Compare runs made on fresh
copies.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (HTMX_HEADERS, OUT_DIR, VENV_BIN, Client, Server,  # noqa: E402,F401
                     children, format_table, free_port, load_average, report_problems,
                     summarise)
from typing_latency import check_api, replay  # noqa: E402
from typing_log import make_log, read_vocabulary  # noqa: E402

GOAL_WORKER_RSS_MB = 400
SAMPLE_SECONDS = 0.2
PSS_EVERY = 5  # samples: PSS (smaps_rollup walks the page tables) once a second
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_T0 = time.monotonic()
_SUMMARY_RE = re.compile(r"(\d+) added, (\d+) updated, (\d+) unchanged, (\d+) removed; "
                         r"(\d+) failed, (\d+) skipped; (\d+) articles in")


def now() -> float:
    """Seconds since the script started (monotonic): the clock of every time recorded here."""
    return time.monotonic() - _T0


def wall_to_now(wall: float) -> float:
    """Convert a wall-clock time (a file's mtime) to the now() clock."""
    return wall - (time.time() - now())


# ---- the server and its processes -----------------------------------------------------------

def start_server(index_dir: Path, port: int, workers: int) -> Server:
    """Start `searchapp serve --workers N` (servers.start_searchapp always starts one worker)."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    log_path = OUT_DIR / f"searchapp-{port}.log"
    log_file = open(log_path, "w")
    command = [str(VENV_BIN / "searchapp"), "serve", "--index-dir", str(index_dir),
               "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    return Server("searchapp", proc, port, log_path, log_file)


def workers_of(server: Server) -> list[int]:
    """The gunicorn workers' pids (children of the master), sorted."""
    return sorted(children(server.proc.pid))


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used, or -1 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return -1.0


def proc_memory(pid: int, pss: bool = True) -> dict:
    """RSS, anonymous RSS and (unless pss is False) PSS of a process in MB; -1 when unreadable."""
    found = {"rss_mb": -1.0, "anon_mb": -1.0, "pss_mb": -1.0}
    keys = {"VmRSS:": "rss_mb", "RssAnon:": "anon_mb"}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name = line.split(":", 1)[0] + ":"
            if name in keys:
                found[keys[name]] = int(line.split()[1]) / 1024
        if pss:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    found["pss_mb"] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return found


def open_segments(pid: int, index_dir: Path) -> dict[int, str]:
    """{fd: segment id} of the index segments a process holds open (one `.trm` file per segment
    and open reader)."""
    fd_dir = Path(f"/proc/{pid}/fd")
    prefix = str(index_dir.resolve()) + "/"
    found = {}
    try:
        names = os.listdir(fd_dir)
    except OSError:
        return found
    for name in names:
        try:
            target = os.readlink(fd_dir / name)
        except OSError:
            continue
        if target.startswith(prefix) and target.endswith(".trm"):
            found[int(name)] = Path(target).name[:-len(".trm")]
    return found


def memory_report(server: Server) -> dict:
    """Memory and CPU time of the master and every worker, and the workers' summed PSS."""
    master = {"pid": server.proc.pid, **proc_memory(server.proc.pid),
              "cpu_s": cpu_seconds(server.proc.pid)}
    workers = [{"pid": pid, **proc_memory(pid), "cpu_s": cpu_seconds(pid)}
               for pid in workers_of(server)]
    return {"t": now(), "master": master, "workers": workers,
            "worker_pss_sum_mb": sum(w["pss_mb"] for w in workers),
            "worker_rss_max_mb": max((w["rss_mb"] for w in workers), default=-1.0)}


def wait_workers_idle(server: Server, workers: int, index_dir: Path,
                      timeout: float = 900.0) -> float:
    """Wait until all `workers` workers hold the index open and used < 0.05 CPU s in 1 s (app
    loaded, first snapshot built); return the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.proc.poll() is not None:
            raise RuntimeError(f"the server exited with {server.proc.returncode}; see "
                               f"{server.log_path}")
        pids = workers_of(server)
        before = {pid: cpu_seconds(pid) for pid in pids}
        time.sleep(1.0)
        if (len(pids) == workers and all(open_segments(pid, index_dir) for pid in pids)
                and all(0 <= cpu_seconds(pid) - before[pid] < 0.05 for pid in pids)):
            return time.monotonic() - started
    raise RuntimeError(f"the {workers} workers were not all idle within {timeout:.0f} s")


# ---- requests -------------------------------------------------------------------------------

def warm_up(port: int, log: list[dict], clients: int) -> list[str]:
    """Replay the log's sessions, shared among `clients` threads, through the API and the htmx
    fragment; return the problems found."""
    problems: list[str] = []

    def one(i: int) -> None:
        share = [e for e in log if e["session"] % clients == i]
        client = Client(port)
        for mode in ("api", "html"):
            problems.extend(replay(client, share, mode)[1])
        client.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return problems


class Traffic:
    """Client threads that send the log's requests to /api/search until stopped, recording each."""

    def __init__(self, port: int, log: list[dict], clients: int, pause_ms: float) -> None:
        self.port, self.log, self.clients, self.pause = port, log, clients, pause_ms / 1000
        self.records: list[dict] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True)
                        for i in range(clients)]

    def start(self) -> None:
        for t in self.threads:
            t.start()

    def stop(self) -> None:
        self.stopping.set()
        for t in self.threads:
            t.join()

    def snapshot(self) -> list[dict]:
        """A copy of the records so far."""
        with self.lock:
            return list(self.records)

    def _run(self, i: int) -> None:
        """Send the log round and round, each thread from its own starting point."""
        client = Client(self.port)
        k = i * len(self.log) // self.clients
        while not self.stopping.is_set():
            entry = self.log[k % len(self.log)]
            k += 1
            record = self._send(client, entry)
            with self.lock:
                self.records.append(record)
            self.stopping.wait(self.pause)
        client.close()

    @staticmethod
    def _send(client: Client, entry: dict) -> dict:
        """Send one request; return its record (times, version, total, problems)."""
        params = entry["params"]
        sent = now()
        try:
            ms, status, body, _ = client.get("/api/search", params)
        except (OSError, http.client.HTTPException) as exc:
            return {"t": sent, "done": now(), "ms": (now() - sent) * 1000, "kind": entry["kind"],
                    "params": params, "status": None, "version": None, "total": None,
                    "corpus_size": None, "problems": [f"no response: {exc}"]}
        bad, total = check_api(status, body, params)
        version = corpus = None
        if status == 200:
            try:
                data = json.loads(body)
                version, corpus = data.get("index_version"), data.get("corpus_size")
            except ValueError:
                pass
        if status == 200 and not isinstance(version, int):
            bad.append("no index_version")
        return {"t": sent, "done": now(), "ms": ms, "kind": entry["kind"], "params": params,
                "status": status, "version": version, "total": total, "corpus_size": corpus,
                "problems": bad}


# ---- sampling workers during the updates ----------------------------------------------------

class Monitor(threading.Thread):
    """Samples every worker's RSS (and PSS every PSS_EVERY samples) and open segments."""

    def __init__(self, server: Server, index_dir: Path) -> None:
        super().__init__(daemon=True)
        self.server, self.index_dir = server, index_dir
        self.samples: list[dict] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stopping.is_set():
            for pid in workers_of(self.server):
                sample = {"t": now(), "pid": pid, **proc_memory(pid, pss=n % PSS_EVERY == 0),
                          "segments": open_segments(pid, self.index_dir)}
                with self.lock:
                    self.samples.append(sample)
            n += 1
            self.stopping.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self.stopping.set()
        self.join()

    def latest(self) -> dict[int, dict]:
        """The newest sample of each worker alive now."""
        alive = set(workers_of(self.server))
        with self.lock:
            found = {s["pid"]: s for s in self.samples if s["pid"] in alive}
        return found

    def between(self, start: float, end: float) -> list[dict]:
        with self.lock:
            return [s for s in self.samples if start <= s["t"] < end]


def segment_state(sample: dict, before: dict[int, str], new_segments: set[str]) -> str:
    """"new" when a worker holds exactly the new version's segments, each once, through no
    descriptor it held before the index run; "building" when it holds two readers' worth; else
    "old"."""
    held = list(sample["segments"].values())
    if (set(held) == new_segments and len(held) == len(new_segments)
            and not set(sample["segments"]) & set(before)):
        return "new"
    if len(held) > len(set(held)) or len(held) > len(before):
        return "building"
    return "old"


def switch_times(samples: list[dict], before: dict[int, dict[int, str]],
                 new_segments: set[str]) -> dict[int, float | None]:
    """For each worker, the time of the first sample from which on it stayed on the new version."""
    found: dict[int, float | None] = {}
    for pid in sorted({s["pid"] for s in samples}):
        since = None
        for s in (s for s in samples if s["pid"] == pid):
            if segment_state(s, before.get(pid, {}), new_segments) == "new":
                since = s["t"] if since is None else since
            else:
                since = None
        found[pid] = since
    return found


# ---- index updates --------------------------------------------------------------------------

def write_update(index_dir: Path, folder: Path, size: int, seed: int) -> Path:
    """Write `size` copies of indexed articles (new ids) as JSON Lines into folder; return it."""
    from whoosh import index as whoosh_index

    from searchapp import schema

    ix = whoosh_index.open_dir(str(index_dir))
    rows = []
    with ix.reader() as reader:
        docnums = [d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)]
        for docnum in random.Random(seed).sample(docnums, len(docnums)):
            fields = reader.stored_fields(docnum)
            if fields.get(schema.TITLE_DERIVED) or not (fields.get(schema.BODY) or "").strip():
                continue  # a derived title would change the text, so NER would run again
            rows.append({"id": f"membench-{fields[schema.ARTICLE_ID]}",
                         "title": fields.get(schema.TITLE, ""), "body": fields[schema.BODY],
                         "date": fields.get(schema.PUBLISHED) or None,
                         "sources": fields.get(schema.SOURCES) or ""})
            if len(rows) == size:
                break
    ix.close()
    path = folder / "membench-update.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return path


def index_state(index_dir: Path) -> dict:
    """The index's newest generation, its segments, article count and commit time (TOC mtime)."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(index_dir))
    generation = ix.latest_generation()
    state = {"generation": generation, "articles": ix.doc_count(),
             "segments": sorted(s.segment_id() for s in ix._segments()),
             "commit": wall_to_now(os.path.getmtime(
                 index_dir / f"_{ix.indexname}_{generation}.toc"))}
    ix.close()
    return state


def run_index(folder: Path, index_dir: Path) -> dict:
    """Run `searchapp index folder --index-dir index_dir --strict`; return times, counts, output."""
    command = [str(VENV_BIN / "searchapp"), "index", str(folder), "--index-dir", str(index_dir),
               "--strict"]
    start = now()
    proc = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    end = now()
    found = _SUMMARY_RE.search(proc.stdout)
    counts = dict(zip(("added", "updated", "unchanged", "removed", "failed", "skipped", "total"),
                      map(int, found.groups()))) if found else {}
    return {"start": start, "end": end, "seconds": end - start, "returncode": proc.returncode,
            "counts": counts, "summary": proc.stdout.strip().splitlines()[-1:],
            "stderr": [line for line in proc.stderr.splitlines() if not line.startswith("[")]}


def wait_converged(monitor: Monitor, traffic: Traffic, before: dict, new: dict,
                   timeout: float) -> dict:
    """Wait until every worker holds the new version's segments and a response with that
    version came back; return the switch times and the end of the rebuild window."""
    new_segments = set(new["segments"])
    started = now()
    converged = False
    while now() - started < timeout:
        latest = monitor.latest()
        seen_new = any(r["version"] == new["generation"] for r in traffic.snapshot()[-50:])
        if latest and seen_new and all(
                segment_state(s, before.get(pid, {}), new_segments) == "new"
                for pid, s in latest.items()):
            converged = True
            break
        time.sleep(0.25)
    time.sleep(2 * SAMPLE_SECONDS)  # let requests in flight on an old snapshot come back
    switched = switch_times(monitor.between(new["commit"] - 60, now()), before, new_segments)
    return {"converged": converged, "switched": switched, "end": now(),
            "waited_s": now() - started}


def update_report(run: dict, new: dict, wait: dict, records: list[dict]) -> dict:
    """Times of one update, relative to its commit: first and last response of each version,
    each worker's switch; and where the rebuild window ends."""
    commit = new["commit"]
    mine = [r for r in records if r["t"] >= run["start"]]
    stale = [r for r in mine if r["version"] is not None and r["version"] < new["generation"]
             and r["done"] > commit]
    fresh = [r for r in mine if r["version"] == new["generation"]]
    switched = [t for t in wait["switched"].values() if t is not None]
    ends = [t for t in [max(switched, default=None),
                        max((r["done"] for r in stale), default=None)] if t is not None]
    window_end = max(ends) if wait["converged"] and ends else wait["end"]
    return {
        "generation": new["generation"], "articles": new["articles"],
        "index_run_s": run["seconds"], "commit_after_start_s": commit - run["start"],
        "first_new_response_s": min(r["done"] for r in fresh) - commit if fresh else None,
        "stale_responses_after_commit": len(stale),
        "last_stale_response_s": max(r["done"] for r in stale) - commit if stale else None,
        "worker_switch_s": {str(pid): (t - commit if t is not None else None)
                            for pid, t in wait["switched"].items()},
        "converged": wait["converged"],
        "window": [run["start"], window_end],
        "all_new_after_commit_s": window_end - commit,
        "all_new_after_run_end_s": window_end - run["end"],
    }


# ---- checks and report ----------------------------------------------------------------------

def consistency_problems(records: list[dict], expected: dict[int, int]) -> list[str]:
    """Requests answered with different totals for the same index_version, and landing pages
    whose corpus_size is not the article count of their version."""
    totals: dict[tuple[str, int], set] = {}
    sizes: dict[int, set] = {}
    for r in records:
        if r["version"] is None or r["total"] is None:
            continue
        totals.setdefault((json.dumps(r["params"]), r["version"]), set()).add(r["total"])
        sizes.setdefault(r["version"], set()).add(r["corpus_size"])
    problems = [f"index_version {v} {params}: totals {sorted(t)}"
                for (params, v), t in totals.items() if len(t) > 1]
    for version, found in sorted(sizes.items()):
        want = expected.get(version)
        if len(found) > 1 or (want is not None and found != {want}):
            problems.append(f"index_version {version}: corpus_size {sorted(found)}, "
                            f"the index had {want if want is not None else '?'} articles")
    return problems


def phases(updates: dict[str, dict], start: float,
           end: float) -> list[tuple[str, float, float]]:
    """(label, start, end) of each phase from start (the traffic's) to end; a rebuild window is
    also split at the commit."""
    found = [("before", start, updates["update"]["window"][0])]
    for n, (label, u) in enumerate(updates.items()):
        start, stop = u["window"]
        commit = start + u["commit_after_start_s"]
        following = [v["window"][0] for v in list(updates.values())[n + 1:]]
        found += [(f"{label}: index run + rebuild", start, stop),
                  ("  of which the index run, to its commit", start, commit),
                  ("  of which the commit to all workers new", commit, stop),
                  (f"after the {label}", stop, following[0] if following else end)]
    return found


def latency_table(records: list[dict], spans: list[tuple[str, float, float]]) -> tuple[str, dict]:
    """Latency per phase (by the time a request was sent) as a table, and the numbers."""
    numbers, rows = {}, []
    for label, start, end in spans:
        mine = [r for r in records if start <= r["t"] < end]
        s = summarise([r["ms"] for r in mine])
        versions = sorted({r["version"] for r in mine if r["version"] is not None})
        numbers[label.strip()] = {**s, "versions": versions, "start": start, "end": end}
        rows.append([label, str(s["n"]), f"{end - start:.1f}", f"{s['p50']:.1f}",
                     f"{s['p95']:.1f}", f"{s['p99']:.1f}", f"{s['max']:.1f}",
                     ", ".join(map(str, versions))])
    header = ["phase", "requests", "seconds", "p50 ms", "p95 ms", "p99 ms", "max ms",
              "index_version"]
    return format_table(rows, header), numbers


def memory_table(reports: dict[str, dict], peaks: dict[int, float]) -> str:
    """RSS / PSS (anonymous RSS) per process at each moment, and the peak RSS sampled."""
    pids: list[int] = []
    for report in reports.values():
        pids += [w["pid"] for w in report["workers"] if w["pid"] not in pids]
    header = ["process"] + [f"{label}: RSS / PSS (anon) MB" for label in reports] + \
        ["peak RSS in updates"]

    def cell(entry: dict | None) -> str:
        if not entry or entry["rss_mb"] < 0:
            return "-"
        return f"{entry['rss_mb']:.0f} / {entry['pss_mb']:.0f} ({entry['anon_mb']:.0f})"

    master = next(iter(reports.values()))["master"]
    rows = [[f"master {master['pid']}"] + [cell(r["master"]) for r in reports.values()] + ["-"]]
    for pid in pids:
        rows.append([f"worker {pid}"] + [
            cell(next((w for w in r["workers"] if w["pid"] == pid), None))
            for r in reports.values()] + [f"{peaks[pid]:.0f}" if pid in peaks else "-"])
    rows.append(["workers' PSS sum"] + [f"{r['worker_pss_sum_mb']:.0f}" for r in reports.values()]
                + ["-"])
    return format_table(rows, header)


def log_problems(log_path: Path) -> list[str]:
    """Lines of the server log that report an error, a timeout, or a non-2xx/3xx response."""
    status_re = re.compile(r'" ([45]\d\d) ')
    found = []
    for line in log_path.read_text(errors="replace").splitlines():
        if (status_re.search(line) or "Traceback" in line or "Error" in line
                or "[CRITICAL]" in line or "[ERROR]" in line or "TIMEOUT" in line):
            found.append(line)
    return found


def describe_update(label: str, u: dict) -> str:
    """One paragraph of what happened during an update, in seconds."""
    def fmt(v: float | None) -> str:
        return "never" if v is None else f"{v:+.1f} s"

    workers = ", ".join(f"{pid} {fmt(t)}" for pid, t in u["worker_switch_s"].items())
    state = "" if u["converged"] else "  NOT ALL WORKERS SWITCHED within the timeout!"
    return (f"{label}: index run {u['index_run_s']:.1f} s, commit (index_version "
            f"{u['generation']}, {u['articles']} articles) {u['commit_after_start_s']:.1f} s "
            f"after its start. From the commit: first response with the new version "
            f"{fmt(u['first_new_response_s'])}; workers switched (open segments): {workers}; "
            f"{u['stale_responses_after_commit']} responses with an older version after the "
            f"commit, the last {fmt(u['last_stale_response_s'])}. Every worker serves the new "
            f"version {u['all_new_after_commit_s']:.1f} s after the commit, "
            f"{u['all_new_after_run_end_s']:.1f} s after the index run ended.{state}")


# ---- main -----------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, required=True,
                        help="the index to serve and update (a copy: it is modified meanwhile)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--sessions", type=int, default=40, help="typing sessions in the log")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--update-size", type=int, default=200, help="articles added, then removed")
    parser.add_argument("--clients", type=int, default=2, help="concurrent client threads")
    parser.add_argument("--pause-ms", type=float, default=50.0,
                        help="each client thread's pause between two requests")
    parser.add_argument("--phase-seconds", type=float, default=10.0,
                        help="traffic before the update, and after each rebuild")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="give up waiting for every worker to switch after this many seconds")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--json-out", type=Path, default=None,
                        help="default bench/out/memory-<articles>.json")
    return parser.parse_args(argv)


def run_update(label: str, folder: Path, args, monitor: Monitor, traffic: Traffic,
               server: Server) -> tuple[dict, dict, dict]:
    """One index run under traffic and the wait for every worker to switch: (run, state, wait)."""
    before = {pid: open_segments(pid, args.index_dir) for pid in workers_of(server)}
    generation = index_state(args.index_dir)["generation"]
    print(f"{label}: `searchapp index {folder}` ...", flush=True)
    run = run_index(folder, args.index_dir)
    state = index_state(args.index_dir)
    if state["generation"] == generation:  # nothing committed: no new version to wait for
        print(f"  {' '.join(run['summary'] + run['stderr'][-3:])} (exit {run['returncode']}); "
              f"NO NEW index_version", flush=True)
        return run, state, {"converged": False, "switched": {}, "end": now(), "waited_s": 0.0}
    print(f"  {' '.join(run['summary'])} (exit {run['returncode']}); waiting for every worker "
          f"to switch to index_version {state['generation']} ...", flush=True)
    wait = wait_converged(monitor, traffic, before, state, args.timeout)
    return run, state, wait


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.index_dir = args.index_dir.resolve()
    vocab = read_vocabulary(args.index_dir)
    log = make_log(vocab, args.sessions, args.seed)
    initial = index_state(args.index_dir)
    print(f"index {args.index_dir}: {initial['articles']} articles, index_version "
          f"{initial['generation']}, {len(initial['segments'])} segments; {args.sessions} "
          f"sessions, seed {args.seed}: {len(log)} requests in the log; {args.workers} workers, "
          f"{args.clients} clients; load average {load_average():.2f}", flush=True)

    problems: list[str] = []
    runs: dict[str, dict] = {}
    updates: dict[str, dict] = {}
    expected = {initial["generation"]: initial["articles"]}
    memory: dict[str, dict] = {}
    folder = Path(tempfile.mkdtemp(prefix="membench-"))
    server = start_server(args.index_dir, args.port or free_port(), args.workers)
    started = now()
    monitor = traffic = None
    final = initial
    try:
        server.wait_ready("/api/search")
        wait_workers_idle(server, args.workers, args.index_dir)
        ready_s = now() - started
        print(f"{args.workers} workers idle {ready_s:.1f} s after the server started", flush=True)
        cpu = {pid: cpu_seconds(pid) for pid in workers_of(server)}
        problems += [f"warm-up {p}" for p in warm_up(server.port, log, args.clients)]
        warm_cpu = {pid: cpu_seconds(pid) - cpu.get(pid, 0.0) for pid in workers_of(server)}
        memory["after warm-up"] = memory_report(server)
        print("warm-up: CPU seconds per worker " + ", ".join(
            f"{pid}: {s:.1f}" for pid, s in warm_cpu.items()), flush=True)

        monitor = Monitor(server, args.index_dir)
        monitor.start()
        traffic = Traffic(server.port, log, args.clients, args.pause_ms)
        traffic.start()
        time.sleep(args.phase_seconds)

        update_file = write_update(args.index_dir, folder, args.update_size, args.seed)
        try:
            for label in ("update", "removal"):
                if label == "removal":
                    update_file.unlink()
                run, state, wait = run_update(label, folder, args, monitor, traffic, server)
                runs[label] = run
                if run["returncode"] != 0:
                    problems.append(f"{label}: `searchapp index` exited {run['returncode']}: "
                                    + " | ".join(run["stderr"][-5:] + run["summary"]))
                expected[state["generation"]] = state["articles"]
                updates[label] = update_report(run, state, wait, traffic.snapshot())
                time.sleep(args.phase_seconds)
                memory["after the update" if label == "update" else "end"] = memory_report(server)
                final = state
        finally:
            update_file.unlink(missing_ok=True)
            if "removal" not in runs:  # interrupted: take the copies out again
                run_index(folder, args.index_dir)
        traffic.stop()
        monitor.stop()
    finally:
        if traffic:
            traffic.stop()
        if monitor and monitor.is_alive():
            monitor.stop()
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)

    records = traffic.snapshot()
    final = index_state(args.index_dir)
    if final["articles"] != initial["articles"]:
        problems.append(f"the index ends with {final['articles']} articles, it started with "
                        f"{initial['articles']}")
    problems += [f"response at {r['t']:.1f} s {r['params']}: {p}"
                 for r in records for p in r["problems"]]
    problems += consistency_problems(records, expected)

    spans = phases(updates, min(r["t"] for r in records), max(r["t"] for r in records) + 1e-6)
    table, latency = latency_table(records, spans)
    samples = monitor.between(updates["update"]["window"][0], now())
    peaks: dict[int, float] = {}
    for s in samples:
        peaks[s["pid"]] = max(peaks.get(s["pid"], 0.0), s["rss_mb"])
    peak_pss = max((s["pss_mb"] for s in samples), default=-1.0)
    worker_rss_max = max([r["worker_rss_max_mb"] for r in memory.values()] + list(peaks.values()))

    print(f"\nJSON API latency under --clients {args.clients} (pause {args.pause_ms:.0f} ms), "
          f"{args.workers} workers, {initial['articles']} articles:")
    print(table)
    for label, u in updates.items():
        print("\n" + describe_update(label.capitalize(), u))
    print(f"\nMemory per process (RSS / PSS, in brackets anonymous RSS; peak: highest RSS sampled "
          f"every {SAMPLE_SECONDS} s from the first index run on):")
    print(memory_table(memory, peaks))
    verdict = "met" if worker_rss_max <= GOAL_WORKER_RSS_MB else "MISSED"
    print(f"\nworker RSS ≤ {GOAL_WORKER_RSS_MB} MB: {verdict} (highest worker RSS "
          f"{worker_rss_max:.0f} MB, at {initial['articles']} articles; highest worker PSS "
          f"sampled {peak_pss:.0f} MB)")
    server_log = log_problems(server.log_path)
    if server_log:
        print(f"\n{len(server_log)} error lines in {server.log_path}, first:\n  "
              + "\n  ".join(server_log[:10]))
    print(f"load average now {load_average():.2f}; the index ends with {final['articles']} "
          f"articles in {len(final['segments'])} segments (it started with "
          f"{len(initial['segments'])}), index_version {final['generation']}; every worker idle "
          f"{ready_s:.1f} s after the server started")

    out = args.json_out or OUT_DIR / f"memory-{initial['articles']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "index_dir": str(args.index_dir), "articles": initial["articles"],
        "workers": args.workers, "clients": args.clients, "pause_ms": args.pause_ms,
        "sessions": args.sessions, "seed": args.seed, "update_size": args.update_size,
        "startup_s": ready_s, "warm_up_cpu_s": warm_cpu, "memory": memory, "peak_rss_mb": peaks,
        "peak_pss_mb": peak_pss, "worker_rss_max_mb": worker_rss_max,
        "goal": {"worker_rss_mb": GOAL_WORKER_RSS_MB, "met": verdict == "met"},
        "latency": latency, "updates": updates, "index_runs": runs,
        "index": {"initial": initial, "final": final},
        "server_log_problems": server_log[:100], "problems": problems,
        "memory_samples": [{k: v for k, v in s.items() if k != "segments"}
                           for s in monitor.samples],
        "responses": [{k: r[k] for k in ("t", "done", "ms", "kind", "status", "version",
                                         "total")} for r in records],
    }, indent=1, default=str))
    return report_problems(problems, "problems", f"all {len(records)} responses valid and "
                           f"consistent, both index runs succeeded; numbers in {out}")


if __name__ == "__main__":
    sys.exit(main())
