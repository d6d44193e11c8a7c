"""Start and stop the servers the benchmarks talk to, time requests to them, and summarise latencies."""
from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
VENV_BIN = Path(sys.executable).parent
HTMX_HEADERS = {"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "section#results"}


def free_port() -> int:
    """Return a loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_average() -> float:
    """Return the 1-minute load average."""
    return os.getloadavg()[0]


def rss_mb(pid: int) -> float:
    """Return the resident memory of a process in MB (VmRSS), or -1 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return -1.0


def children(pid: int) -> list[int]:
    """Return the pids of the direct children of pid."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


@dataclass
class Server:
    """A server we started: its process, port and log file."""

    name: str
    proc: subprocess.Popen
    port: int
    log_path: Path
    log_file: object = field(repr=False, default=None)

    def worker_pids(self) -> list[int]:
        """The processes that answer requests: gunicorn's workers, or the process itself."""
        return children(self.proc.pid) or [self.proc.pid]

    def rss_mb(self) -> dict[int, float]:
        return {pid: rss_mb(pid) for pid in [self.proc.pid, *children(self.proc.pid)]}

    def wait_ready(self, path: str, timeout: float = 600.0) -> float:
        """Poll path until it answers 200; return the seconds it took. Raises on timeout or exit."""
        started = time.monotonic()
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see "
                                   f"{self.log_path}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                conn.request("GET", path)
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            if time.monotonic() - started > timeout:
                self.stop()
                raise RuntimeError(f"{self.name} did not answer {path} within {timeout:.0f} s")
            time.sleep(0.2)

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 15 s) and close its log."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.log_file:
            self.log_file.close()


# Runs the searchapp CLI from another copy of the project (a patch to measure) instead of the
# editable install.
_CLI_FROM = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
             "sys.path.insert(0, sys.argv.pop(1)); from searchapp.cli import cli; "
             "sys.argv[0] = 'searchapp'; cli()")


def start_searchapp(index_dir: Path, port: int, code: Path | None = None) -> Server:
    """Start `searchapp serve --workers 1` on the index in index_dir (from the copy in code)."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    log_path = OUT_DIR / f"searchapp-{port}.log"
    log_file = open(log_path, "w")
    command = [str(VENV_BIN / "searchapp")]
    if code:
        command = [sys.executable, "-c", _CLI_FROM, str(Path(code).resolve())]
    proc = subprocess.Popen(
        command + ["serve", "--index-dir", str(index_dir), "--port", str(port), "--workers", "1"],
        stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    return Server("searchapp", proc, port, log_path, log_file)


def start_datasette(db_path: Path, port: int, time_limit_ms: int = 10_000,
                    metadata: Path | None = None) -> Server:
    """Start Datasette on db_path with time limits high enough that it drops no facet."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    log_path = OUT_DIR / f"datasette-{port}.log"
    log_file = open(log_path, "w")
    # --immutable (-i): read-only, as a published database is served; Datasette may then cache
    # the table's row count.
    command = [str(VENV_BIN / "datasette"), "serve", "-i", str(db_path), "--host", "127.0.0.1",
               "--port", str(port),
        "--setting", "facet_time_limit_ms", str(time_limit_ms),
        "--setting", "sql_time_limit_ms", str(time_limit_ms),
        "--setting", "num_sql_threads", "1",
        "--setting", "default_facet_size", "10",
        "--setting", "suggest_facets", "off",
    ]
    if metadata:
        command += ["--metadata", str(metadata)]
    proc = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    return Server("datasette", proc, port, log_path, log_file)


class Client:
    """One keep-alive HTTP connection (reopened when the server closes it) that times requests."""

    def __init__(self, port: int, timeout: float = 120.0) -> None:
        self.port = port
        self.timeout = timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def get(self, path: str, params: list[list[str]] | None = None,
            headers: dict | None = None) -> tuple[float, int, bytes, dict]:
        """GET path?params; return (milliseconds, status, body, headers), timed around it all."""
        url = path + ("?" + urlencode([tuple(p) for p in params]) if params else "")
        started = time.perf_counter()
        try:
            self.conn.request("GET", url, headers=headers or {})
            response = self.conn.getresponse()
            body = response.read()
        except (http.client.HTTPException, OSError):
            # The server closed a kept-alive connection: reconnect once, and time that too.
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.conn.request("GET", url, headers=headers or {})
            response = self.conn.getresponse()
            body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.will_close:
            self.conn.close()
        return elapsed, response.status, body, dict(response.getheaders())

    def close(self) -> None:
        self.conn.close()


def read_json(status: int, body: bytes) -> tuple[list[str], object]:
    """Return ([], the parsed body) for a 200 JSON response, or ([the problem], None)."""
    if status != 200:
        return [f"status {status}: {body[:200]!r}"], None
    try:
        return [], json.loads(body)
    except ValueError:
        return ["not JSON"], None


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100) of values; nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def summarise(times: list[float]) -> dict:
    return {"n": len(times), "p50": percentile(times, 50), "p95": percentile(times, 95),
            "p99": percentile(times, 99), "max": max(times) if times else float("nan")}


def format_table(rows: list[list[str]], header: list[str]) -> str:
    """Format rows as a Markdown table with aligned columns."""
    table = [header, ["---"] * len(header), *rows]
    widths = [max(len(str(r[i])) for r in table) for i in range(len(header))]
    lines = []
    for row in table:
        cells = [str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def wait_for_quiet(max_load: float, max_wait: float, quiet: bool = False) -> float:
    """Wait (at most max_wait seconds) until the 1-minute load average is below max_load."""
    started = time.monotonic()
    while load_average() >= max_load and time.monotonic() - started < max_wait:
        if not quiet:
            print(f"load average {load_average():.2f} >= {max_load}: waiting ...", file=sys.stderr)
        time.sleep(15)
    return load_average()


def report_problems(problems: list[str], label: str, ok_message: str) -> int:
    """Print the first invalid responses (exit code 1), or the all-valid line (exit code 0)."""
    if problems:
        print(f"\n{len(problems)} {label}:", file=sys.stderr)
        for problem in problems[:30]:
            print("  " + problem, file=sys.stderr)
        return 1
    print(ok_message)
    return 0
