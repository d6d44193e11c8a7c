"""NER throughput of the installed spaCy: tokens per CPU second, one process, as an indexer worker.

    .venv/bin/python bench/ner_speed.py [--texts 1000] [--file reut2-003.sgm]

Prints the spaCy version, the Cython that built its wheel (read from the compiled NER module:
spaCy 3.8.8 and later, built with Cython 3.2, run NER 2.2x slower than 3.8.7, built with Cython
3.1; see bench/README.md, "NER speed") and tokens/s through the NER-only pipeline the indexer
loads (searchapp.entities.pipeline.load_pipeline), with and without searchapp's own
post-processing (mentions_from_doc).
"""
from __future__ import annotations

import argparse
import os
import re
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as in the indexer's NER workers

import spacy  # noqa: E402 - after the BLAS setting

from searchapp import config  # noqa: E402
from searchapp.corpus.files import read_articles  # noqa: E402
from searchapp.entities.ner import _analyse, prepare_text  # noqa: E402
from searchapp.entities.pipeline import choose_model, load_lexicon, load_pipeline  # noqa: E402


def built_with_cython() -> str:
    """The Cython version compiled into spaCy's NER transition module, e.g. '3.1.1'."""
    folder = Path(spacy.__file__).parent / "pipeline" / "_parser_internals"
    for module in folder.glob("ner.*.so"):
        if found := re.search(rb"_cython_(\d+)_(\d+)_(\d+)", module.read_bytes()):
            return ".".join(part.decode() for part in found.groups())
    return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--file", default="reut2-003.sgm", help="a file of the Reuters folder")
    args = parser.parse_args()

    path = config.data_dir() / "reuters21578" / args.file
    if not path.exists():
        raise SystemExit(f"{path} not found: set SEARCHAPP_DATA_DIR to the shared data folder")
    texts = [a.text for result in read_articles(path) for a in result.articles][: args.texts]
    nlp = load_pipeline(choose_model())
    lexicon = load_lexicon(nlp)
    prepared = [prepare_text(text, lexicon)[0] for text in texts]
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(prepared))

    list(nlp.pipe(prepared[:50]))  # warm-up
    start = time.process_time()
    for _ in nlp.pipe(prepared, batch_size=64):
        pass
    ner = time.process_time() - start
    start = time.process_time()
    for _ in _analyse(nlp, lexicon, texts, 64):
        pass
    full = time.process_time() - start

    print(f"spaCy {spacy.__version__} (wheel built with Cython {built_with_cython()}), "
          f"model {choose_model()}")
    print(f"{len(texts)} texts, {tokens} tokens")
    print(f"NER pipeline:             {ner:6.2f} CPU-s  {tokens / ner:8,.0f} tokens/s")
    print(f"with searchapp's mentions: {full:6.2f} CPU-s  {tokens / full:8,.0f} tokens/s")


if __name__ == "__main__":
    main()
