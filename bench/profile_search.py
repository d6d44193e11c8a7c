"""Where a request's time goes: run_search alone vs the whole htmx fragment and API request, in-process.

Usage:
    .venv/bin/python bench/profile_search.py --index-dir bench/out/reuters-index
    .venv/bin/python bench/profile_search.py --index-dir DIR --profile "q=pr" --profile "person=Reagan"

For each case (URL query string), prints the median and max of N runs of: run_search alone,
the htmx fragment request, the JSON API request (Flask's test client: no network, no gunicorn).
With --profile, also prints a pyinstrument profile (pip install pyinstrument; cProfile otherwise)
of the fragment request repeated N times.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import HTMX_HEADERS, OUT_DIR  # noqa: E402

CASES = ["", "person=Reagan", "place=Japan", "from=1987-04-01&to=1987-04-30",
         "q=pr", "q=th", "q=ne", "q=EC", "q=market", "q=march", "q=oil", "q=coffee+prices",
         "q=london+interbank+offered", "q=budget&person=Reagan", "q=trade&place=Japan",
         "q=mcdonnb"]


CLOCK = time.perf_counter


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = CLOCK()
        fn()
        times.append((CLOCK() - started) * 1000)
    return statistics.median(times), max(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, default=OUT_DIR / "reuters-index")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--case", action="append", help="query strings (default: a fixed list)")
    parser.add_argument("--profile", action="append", default=[],
                        help="profile the fragment request of this query string")
    parser.add_argument("--cprofile", action="store_true", help="use cProfile, not pyinstrument")
    parser.add_argument("--code", type=Path,
                        help="import searchapp from this copy of the project (a patch to measure)")
    parser.add_argument("--cpu", action="store_true",
                        help="time CPU (process_time), steadier than the wall clock on a busy machine")
    args = parser.parse_args(argv)
    global CLOCK
    CLOCK = time.process_time if args.cpu else time.perf_counter
    if args.code:
        # Measure a candidate patch: a copy of the project (searchapp/ and templates/) in args.code,
        # imported instead of the editable install.
        sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f)]
        sys.path.insert(0, str(args.code.resolve()))

    from flask import request

    from searchapp import create_app
    from searchapp.request import Limits, SearchRequest
    from searchapp.search import run_search
    from searchapp.store import get_snapshot

    import searchapp

    print(f"searchapp from {Path(searchapp.__file__).parent}")
    started = time.perf_counter()
    app = create_app({"INDEX_DIR": str(args.index_dir)})
    print(f"create_app (opens the index, builds the facet arrays): "
          f"{time.perf_counter() - started:.2f} s")
    client = app.test_client()
    limits = Limits()

    def search_only(qs: str):
        with app.test_request_context("/?" + qs):
            req = SearchRequest.from_args(request.args, limits)
            snap = get_snapshot()
            return run_search(snap.searcher, snap.data, req, limits)

    def fragment(qs: str):
        response = client.get("/?" + qs, headers=HTMX_HEADERS)
        assert response.status_code == 200, response.status_code
        return response

    def api(qs: str):
        response = client.get("/api/search?" + qs)
        assert response.status_code == 200, response.status_code
        return response

    print(f"\n{'case':<32} {'total':>6}  {'run_search':>16}  {'htmx fragment':>16}  "
          f"{'JSON API':>16}   (median / max ms of {args.runs}, "
          f"{'CPU' if args.cpu else 'wall clock'})")
    for qs in args.case or CASES:
        for fn in (search_only, fragment, api):
            fn(qs)  # warm: postings, prefix expansions, stems
        total = search_only(qs).total
        cols = [timed(lambda: fn(qs), args.runs) for fn in (search_only, fragment, api)]
        print(f"{qs or '(landing)':<32} {total:>6}  "
              + "  ".join(f"{m:7.1f} / {x:6.1f}" for m, x in cols))

    for qs in args.profile:
        fragment(qs)
        print(f"\n==== profile: htmx fragment ?{qs} x {args.runs}")
        try:
            if args.cprofile:
                raise ImportError
            from pyinstrument import Profiler
        except ImportError:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.runs):
                fragment(qs)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
            continue
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.runs):
            fragment(qs)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
