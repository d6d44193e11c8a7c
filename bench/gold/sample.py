"""Draw the hand-labelled Reuters samples (fixed seed) and write their texts for labelling.

Usage:
    .venv/bin/python bench/gold/sample.py --set dev --out /tmp/gold-texts      # 60 articles
    .venv/bin/python bench/gold/sample.py --set holdout --out /tmp/gold-texts  # 40 others
    .venv/bin/python bench/gold/sample.py --set holdout2 --out /tmp/gold-texts # 60 more
    .venv/bin/python bench/gold/sample.py --set dev3 --out /tmp/gold-texts     # 60 more
    .venv/bin/python bench/gold/sample.py --set dev4 --out /tmp/gold-texts     # 60 more
    .venv/bin/python bench/gold/sample.py --set dev5 --out /tmp/gold-texts     # 60 more
    .venv/bin/python bench/gold/sample.py --set dev6 --out /tmp/gold-texts     # 60 more
    .venv/bin/python bench/gold/sample.py --set dev7 --out /tmp/gold-texts     # 60 more
    .venv/bin/python bench/gold/sample.py --set dev8 --out /tmp/gold-texts     # 60 more
    .venv/bin/python bench/gold/sample.py --set dev9 --out /tmp/gold-texts     # 60 more
    .venv/bin/python bench/gold/sample.py --set holdout3 --out /tmp/gold-texts # 60 more, never read
    .venv/bin/python bench/gold/sample.py --set dev10 --out /tmp/gold-texts    # 60 more
    .venv/bin/python bench/gold/sample.py --set dev11 --out /tmp/gold-texts    # 60 more
    .venv/bin/python bench/gold/sample.py --set dev12 --out /tmp/gold-texts    # 60 more

Articles are every Reuters-21578 article whose body has at least 40 words, in file order; the dev
set is the first 60 of random.Random(20261129).sample(...), the holdout set the next 40, the
holdout2 set the next 60 (drawn in the third session, when the first holdout had been scored too
often to count as unseen), the dev3 set the next 60 (drawn in the seventh session, a fresh set to
read for causes), the dev4 set the next 60 (drawn in the ninth pass, for the same reason), and
the dev5 set the next 60 (drawn later in the ninth pass, once dev4 had been read), and the dev6 set
the next 60 (drawn in the tenth pass, labelled before any of its articles was read), and the
dev7 set the next 60 (drawn in the eleventh pass, labelled and scored the same way), and the dev8
set the next 60 (drawn in the twelfth pass, the same way), and the dev9 set the next 60 (drawn in
the thirteenth pass, the same way), and the holdout3 set the next 60 (drawn in the fourteenth pass,
a second set of articles never read, as holdout2 had been scored in every pass since the third), and the
dev10 set the next 60 (drawn in the nineteenth pass, labelled and scored before it was read), and the
dev11 set the next 60 (drawn in the twenty-third pass, the same way), and the dev12 set the next 60
(drawn in the twenty-fourth pass, the same way). A holdout set
is scored only, never read while changing extraction. Each text is written exactly as extraction
reads it (title, blank line, body) to <out>/<set>/<NN>-<article id>.txt.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from searchapp import config
from searchapp.articles import Article
from searchapp.corpus import read_file

SEED = 20261129
SIZES = {"dev": (0, 60), "holdout": (60, 100), "holdout2": (100, 160), "dev3": (160, 220), "dev4": (220, 280),
         "dev5": (280, 340), "dev6": (340, 400), "dev7": (400, 460), "dev8": (460, 520),
         "dev9": (520, 580), "holdout3": (580, 640), "dev10": (640, 700),
         "dev11": (700, 760), "dev12": (760, 820)}
MIN_WORDS = 40


def candidates() -> list[Article]:
    """Every Reuters article with a body of at least MIN_WORDS words, in file order."""
    folder = config.data_dir() / "reuters21578"
    articles = []
    for path in sorted(folder.glob("reut2-*.sgm")):
        articles.extend(a for a in read_file(path).articles if len(a.body.split()) >= MIN_WORDS)
    return articles


def draw(which: str) -> list[Article]:
    """Return the articles of one sample set, in sample order."""
    start, end = SIZES[which]
    pool = candidates()
    return random.Random(SEED).sample(pool, max(end for _, end in SIZES.values()))[start:end]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SIZES), required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    folder = args.out / args.set
    folder.mkdir(parents=True, exist_ok=True)
    for n, article in enumerate(draw(args.set), 1):
        (folder / f"{n:02d}-{article.article_id}.txt").write_text(article.text + "\n")
        print(article.article_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
