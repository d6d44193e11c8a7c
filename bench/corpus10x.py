"""Make a 10x corpus (180,000 articles) from Reuters-21578: ten copies as JSON Lines, optionally index it.

Usage:
    .venv/bin/python bench/corpus10x.py                       # write bench/out/corpus10x/*.jsonl
    .venv/bin/python bench/corpus10x.py --index bench/out/index10x --seed-cache bench/out/reuters-index
    .venv/bin/python bench/corpus10x.py --files reut2-000.sgm --out bench/out/corpus10x-small \\
        --index bench/out/index10x-small                     # a quick cold-cache check

Copy k (0-9) of article reuters-<NEWID> gets the id reuters-<NEWID>-<k> and its publication date
moved by k whole years (29 February becomes 28 February). Title and text are written so that the
JSON Lines reader gives back exactly the text the SGML reader gave (a derived title is left out, so
it is derived again), hence the same extraction-cache key: named-entity recognition runs once per
distinct text, and the 2nd..10th copies come from the cache. --check verifies that per article.

--index DIR runs `searchapp index` on the written files (timed) and prints the index size; with
--seed-cache INDEX_DIR the extraction cache of that index is copied in first, so even copy 0 needs
no NER (as when re-indexing a grown archive).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from searchapp import config  # noqa: E402
from searchapp.articles import text_hash  # noqa: E402
from searchapp.corpus import read_articles  # noqa: E402

from servers import OUT_DIR, VENV_BIN  # noqa: E402

COPIES = 10
ROWS_PER_FILE = 9000


def shift_years(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def reuters_files(names: list[str] | None) -> list[Path]:
    folder = config.data_dir() / "reuters21578"
    files = [folder / n for n in names] if names else sorted(folder.glob("reut2-*.sgm"))
    missing = [f for f in files if not f.exists()]
    if missing:
        raise SystemExit(f"missing: {', '.join(map(str, missing))}")
    return files


def read_reuters(files: list[Path]) -> list:
    articles = []
    for result in read_articles(files):
        articles.extend(result.articles)
    return articles


def to_row(article, k: int) -> dict:
    published = shift_years(article.published, k)
    return {
        "id": f"{article.article_id}-{k}",
        "title": "" if article.title_derived else article.title,
        "date": published.isoformat() if published else "",
        "text": article.body,
        "source": ", ".join(article.sources),
    }


def write_corpus(articles: list, out: Path, copies: int) -> list[Path]:
    """Write `copies` copies of the articles as JSON Lines files of ROWS_PER_FILE rows."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    paths = []
    for k in range(copies):
        for part, start in enumerate(range(0, len(articles), ROWS_PER_FILE)):
            path = out / f"copy{k}-part{part}.jsonl"
            with path.open("w", encoding="utf-8") as f:
                for article in articles[start:start + ROWS_PER_FILE]:
                    f.write(json.dumps(to_row(article, k), ensure_ascii=False) + "\n")
            paths.append(path)
    return paths


def check_round_trip(articles: list, paths: list[Path]) -> int:
    """Read copy 0 back and count the articles whose extraction-cache key changed."""
    originals = {a.article_id + "-0": text_hash(a.text) for a in articles}
    copy0 = [p for p in paths if p.name.startswith("copy0-")]
    changed = 0
    for result in read_articles(copy0):
        for problem in result.problems:
            print(f"problem: {problem.path}:{problem.line}: {problem.reason}", file=sys.stderr)
        for a in result.articles:
            if originals.get(a.article_id) != text_hash(a.text):
                changed += 1
                if changed <= 3:
                    print(f"text differs after the round trip: {a.article_id}", file=sys.stderr)
    return changed


def copy_cache(from_index: Path, to_index: Path) -> None:
    """Copy the extraction cache (a consistent SQLite backup, WAL included)."""
    to_index.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(from_index / "extraction-cache.sqlite3")
    target = sqlite3.connect(to_index / "extraction-cache.sqlite3")
    source.backup(target)
    target.close()
    source.close()


def dir_size_mb(path: Path, skip: tuple[str, ...] = ()) -> float:
    return sum(f.stat().st_size for f in path.rglob("*")
               if f.is_file() and not f.name.startswith(skip)) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR / "corpus10x")
    parser.add_argument("--files", nargs="*", help="Reuters files to copy (default: every "
                        "reut2-*.sgm in the data folder)")
    parser.add_argument("--copies", type=int, default=COPIES)
    parser.add_argument("--check", action="store_true", help="verify the cache keys survive")
    parser.add_argument("--index", type=Path, help="then index the corpus into this folder")
    parser.add_argument("--seed-cache", type=Path, help="copy this index's extraction cache first")
    args = parser.parse_args(argv)

    started = time.monotonic()
    articles = read_reuters(reuters_files(args.files))
    paths = write_corpus(articles, args.out, args.copies)
    print(f"{len(articles)} articles x {args.copies} copies = {len(articles) * args.copies} rows "
          f"in {len(paths)} files in {args.out} ({dir_size_mb(args.out):.0f} MB, "
          f"{time.monotonic() - started:.0f} s)", flush=True)
    if args.check:
        changed = check_round_trip(articles, paths)
        # Known: the JSON Lines reader takes a closing "(...)" paragraph ("(Corrects figure)")
        # for an agency credit line and moves it to sources; such texts are analysed once more.
        print(f"round trip: {changed} of {len(articles)} texts get another cache key (these are "
              f"analysed once, for copy 0; copies 1-{args.copies - 1} reuse them)")
    if args.index:
        if args.seed_cache:
            copy_cache(args.seed_cache, args.index)
            print(f"extraction cache copied from {args.seed_cache}")
        command = [str(VENV_BIN / "searchapp"), "index", str(args.out), "--index-dir",
                   str(args.index), "--rebuild"]
        print("$ " + " ".join(command), flush=True)
        started = time.monotonic()
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seconds = time.monotonic() - started
        print(done.stdout.strip())
        print("\n".join(done.stderr.strip().splitlines()[-3:]), file=sys.stderr)
        size = dir_size_mb(args.index, skip=("extraction-cache",))
        cache = dir_size_mb(args.index) - size
        print(f"index build: {seconds:.0f} s wall clock; index size {size:.0f} MB on disk "
              f"(+ {cache:.0f} MB extraction cache)")
        return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
