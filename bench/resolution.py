"""Time corpus-wide re-resolution of an index from its extraction cache (no NER).

Usage:
    .venv/bin/python bench/resolution.py --index-dir bench/out/reuters-index [--copy-to /tmp/res]

Works on a copy (the index is rewritten where names change). Prints: articles, how many were
rewritten, wall and CPU seconds of the forced full pass (every stored article's names recomputed
from the cached mentions of the whole index), then of a second pass with nothing to change, and
of a no-op check (the state says the names are final).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from whoosh import index as whoosh_index

from searchapp.cache import ExtractionCache
from searchapp.entities import Extractor
from searchapp.resolution import resolve_stored


def timed_pass(index_dir: Path, force: bool) -> None:
    ix = whoosh_index.open_dir(str(index_dir))
    cache = ExtractionCache(index_dir)
    wall, cpu = time.perf_counter(), time.process_time()
    stats = resolve_stored(ix, index_dir, cache, Extractor(), force=force)
    print(f"{'forced' if force else 'normal'} pass: {stats.articles} articles, {stats.rewritten} "
          f"rewritten, {stats.analysed} analysed, skipped={stats.skipped}: "
          f"{time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")
    cache.close()
    ix.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--copy-to", type=Path, default=Path("bench/out/resolution-copy"))
    args = parser.parse_args(argv)
    shutil.rmtree(args.copy_to, ignore_errors=True)
    shutil.copytree(args.index_dir, args.copy_to)
    print(f"load average {os.getloadavg()[0]:.2f}")
    timed_pass(args.copy_to, force=True)
    timed_pass(args.copy_to, force=True)
    timed_pass(args.copy_to, force=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
