"""How fast a dropped file becomes searchable under `searchapp index --watch`, and what it costs the typists.

Usage:
    .venv/bin/python bench/freshness.py --source-index /work/benchdata/index10x
    .venv/bin/python bench/freshness.py --source-index /work/benchdata/reuters-base --files 20 --gap 2

The source index is copied (it is never written to) into --work (default bench/out/freshness),
with an empty drop folder beside it. Then: `searchapp serve` (gunicorn, --workers 2, this copy of
the code) on the copy, and `searchapp index DROP --index-dir COPY --watch`. A client replays the
typing log (typing_log.py) as htmx fragment requests, one at a time, the whole run. First a
baseline of --baseline seconds without drops; then --files new articles are dropped one at a
time, each a real Reuters story (from --articles, a Reuters .sgm file) with one made-up word added
(so its text is new to the NER cache). For each, the time from the file being closed to
`/api/search?q=WORD` (polled every --poll seconds by a second client) returning that article,
and to `/healthz` showing a new index version on disk (the watcher's commit; the rest is the
workers building their snapshot of the new version);
then --gap seconds before the next drop. Prints the freshness p50/p95/max, the typing latency
during the drops and during the baseline, and the load average; the JSON with every number goes
to WORK/freshness.json. Goals (issue 14): freshness p95 <= 5 s and typing p95 <= 150 ms at 180k.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (_CLI_FROM, HTMX_HEADERS, OUT_DIR, Client, Server, format_table,  # noqa: E402
                     free_port, load_average, summarise)
from typing_log import make_log, read_vocabulary  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = Path(os.environ.get("SEARCHAPP_DATA_DIR") or PROJECT.parent / "shared" / "data"
                        ) / "reuters21578" / "reut2-017.sgm"
CONSONANTS = "bcdfghjklmnpqrstvwxz"


def searchapp_command(*args: str) -> list[str]:
    """Run this copy of the project's CLI (not the one the venv's script points at)."""
    return [sys.executable, "-c", _CLI_FROM, str(PROJECT), *args]


def made_up_word(rng: random.Random) -> str:
    # Consonants only: no stemmer or stop list touches it, and no real word collides.
    return "zx" + "".join(rng.choice(CONSONANTS) for _ in range(8))


def pick_articles(path: Path, count: int, seed: int) -> list:
    """Real stories with a body, to drop as new articles."""
    from searchapp.corpus import read_file

    articles = [a for a in read_file(path).articles if len(a.body) > 400]
    return random.Random(seed).sample(articles, count)


class Typist(threading.Thread):
    """Replays the typing log as htmx fragment requests until told to stop; times each one."""

    def __init__(self, port: int, log: list[dict]) -> None:
        super().__init__(daemon=True)
        self.client = Client(port)
        self.log = log
        self.stop = threading.Event()
        self.phase = "warmup"
        self.times: dict[str, list[float]] = {"warmup": [], "baseline": [], "drops": []}
        self.errors = 0

    def run(self) -> None:
        while not self.stop.is_set():
            for entry in self.log:
                if self.stop.is_set():
                    return
                ms, status, _body, _headers = self.client.get("/", entry["params"], HTMX_HEADERS)
                self.times[self.phase].append(ms)
                self.errors += status != 200


def wait_for_line(path: Path, marker: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while marker not in path.read_text(errors="replace"):
        if proc.poll() is not None:
            raise RuntimeError(f"the watcher exited with {proc.returncode}; see {path}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {marker!r} in {path} within {timeout:.0f} s")
        time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source-index", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=OUT_DIR / "freshness")
    parser.add_argument("--reuse", action="store_true", help="Keep an index copied by an earlier run.")
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--gap", type=float, default=2.0, help="Seconds between two drops.")
    parser.add_argument("--poll", type=float, default=0.1)
    parser.add_argument("--baseline", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0, help="Give up on one file after this.")
    args = parser.parse_args()
    # SIGTERM as Ctrl-C: the servers this script started are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    work = args.work.resolve()
    index_dir, drop = work / "index", work / "drop"
    if not (args.reuse and index_dir.is_dir()):
        shutil.rmtree(work, ignore_errors=True)
        started = time.monotonic()
        shutil.copytree(args.source_index, index_dir, ignore=shutil.ignore_patterns("MAIN_WRITELOCK"))
        print(f"copied {args.source_index} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    shutil.rmtree(drop, ignore_errors=True)
    drop.mkdir(parents=True)
    rng = random.Random(args.seed)
    stories = pick_articles(args.articles, args.files, args.seed)
    vocab = read_vocabulary(index_dir)
    log = make_log(vocab, args.sessions, args.seed)

    port = free_port()
    server_log = open(work / "server.log", "w")
    server = Server("searchapp", subprocess.Popen(
        searchapp_command("serve", "--index-dir", str(index_dir), "--port", str(port),
                          "--workers", str(args.workers)),
        stdout=server_log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL),
        port, work / "server.log", server_log)
    watch_log_path = work / "watch.log"
    watch_log = open(watch_log_path, "w")
    watcher = subprocess.Popen(
        searchapp_command("index", str(drop), "--index-dir", str(index_dir), "--watch"),
        stdout=watch_log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    typist = None
    results: list[dict] = []
    try:
        ready = server.wait_ready("/healthz")
        wait_for_line(watch_log_path, "Watching", watcher, 600)
        print(f"server ready in {ready:.0f} s; watcher running", file=sys.stderr)
        typist = Typist(port, log)
        typist.start()
        time.sleep(10)  # warm-up: first uses of words read their postings
        typist.phase = "baseline"
        time.sleep(args.baseline)
        typist.phase = "drops"
        poller = Client(port)

        def index_version() -> int:
            _ms, status, body, _h = poller.get("/healthz")
            return json.loads(body)["index_version"] if status == 200 else -1

        for n, story in enumerate(stories):
            version_before = index_version()
            word = made_up_word(rng)
            path = drop / f"fresh-{n:02d}-{word}.txt"
            with open(path, "w", encoding="utf-8") as out:
                out.write(f"title: {story.title}\n")
                if story.published:
                    out.write(f"date {story.published.isoformat()}\n")
                out.write(f"\n{story.body}\n\nThe {word} desk filed this story.\n")
            closed = time.monotonic()
            found = committed = None
            while time.monotonic() - closed < args.timeout:
                if committed is None and index_version() > version_before:
                    committed = time.monotonic() - closed  # the watcher's commit is on disk
                _ms, status, body, _h = poller.get("/api/search", [["q", word]])
                if status == 200 and any(h["id"] == path.stem for h in json.loads(body)["hits"]):
                    found = time.monotonic() - closed
                    break
                time.sleep(args.poll)
            if committed is None and found is not None:
                committed = found  # committed and served between two polls
            results.append({"file": path.name, "seconds": found, "committed": committed,
                            "load": load_average()})
            print(f"{n + 1:2d}/{args.files} {path.name}: "
                  f"{'%.2f s' % found if found is not None else 'NOT FOUND'}"
                  f" (committed after {committed or float('nan'):.2f} s)", file=sys.stderr)
            time.sleep(args.gap)
        typist.stop.set()
        typist.join(30)
    finally:
        if typist:
            typist.stop.set()
        watcher.terminate()
        try:
            watcher.wait(60)
        except subprocess.TimeoutExpired:
            watcher.kill()
            watcher.wait()
        watch_log.close()
        server.stop()

    seconds = [r["seconds"] for r in results if r["seconds"] is not None]
    fresh = summarise(seconds)
    commit = summarise([r["committed"] for r in results if r["committed"] is not None])
    typing = {phase: summarise(typist.times[phase]) for phase in ("baseline", "drops")}
    with open(work / "freshness.json", "w") as out:
        json.dump({"source_index": str(args.source_index), "articles": vocab.doc_count,
                   "workers": args.workers, "results": results, "freshness": fresh,
                   "committed": commit,
                   "typing": typing, "typing_errors": typist.errors,
                   "load_average": os.getloadavg()}, out, indent=2)
    print(f"\nfreshness over {vocab.doc_count:,} articles, gunicorn --workers {args.workers}, "
          f"{len(seconds)}/{len(results)} found; load average now "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(format_table([[
        "file closed -> found by /api/search (s)", str(fresh["n"]), f"{fresh['p50']:.2f}",
        f"{fresh['p95']:.2f}", f"{fresh['max']:.2f}", "p95 <= 5 s"], [
        "  of which file closed -> committed (s)", str(commit["n"]), f"{commit['p50']:.2f}",
        f"{commit['p95']:.2f}", f"{commit['max']:.2f}", ""]] + [[
        f"typing fragment, {phase} (ms)", str(t["n"]), f"{t['p50']:.0f}", f"{t['p95']:.0f}",
        f"{t['max']:.0f}", "p95 <= 150 ms at 180k"] for phase, t in typing.items()],
        ["measure", "n", "p50", "p95", "max", "goal"]))
    print(f"typing errors: {typist.errors}; watcher batches in {watch_log_path}")
    return 0 if len(seconds) == len(results) and not typist.errors else 1


if __name__ == "__main__":
    sys.exit(main())
