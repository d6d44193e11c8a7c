"""Run spaCy NER over texts, in worker processes if asked, and turn each Doc into Mentions."""
from __future__ import annotations

import multiprocessing
import os
import re
import traceback
import weakref
from collections.abc import Iterable, Iterator
from functools import cached_property
from importlib import metadata
from multiprocessing.pool import Pool

from spacy.language import Language

from searchapp.entities.headlines import Lexicon, is_headline_case, soften_headline
from searchapp.entities.mentions import Mentions, mentions_from_doc
from searchapp.entities.place_spans import find_dateline
from searchapp.entities.orgs import is_agency
from searchapp.entities.article_text import DOC_TEXT_KEY
from searchapp.entities.recase import is_lower_case_body, lower_false_capitals, recase_body
from searchapp.entities.pipeline import ModelNotFoundError, choose_model, load_lexicon, load_pipeline

__all__ = ["EXTRACTION_VERSION", "Extractor", "Mentions", "ModelNotFoundError", "mentions_from_doc"]

EXTRACTION_VERSION = "110"  # bump whenever output for the same input may change
_SIGN_OFF = re.compile(r"\s*\bREUTER\b\W*\Z", re.IGNORECASE)
_CREDIT_LINE = re.compile(r"\n\s*\(([^()\n]{1,80})\)\s*\Z")


def prepare_text(text: str, lexicon: Lexicon | None = None) -> tuple[str, int]:
    """Unwrap lines inside paragraphs, drop the wire sign-off, give a lower-case body its capitals
    back and take the wire's false ones after "U.S." away (recase.py), and soften a shouting headline.

    Return the text for NER and where its Title Case headline ends (0 when it has none):
    after softening, a headline no longer looks like one, and mentions_from_doc must know.
    """
    text = _SIGN_OFF.sub("", re.sub(r"(?<!\n)[ \t]*\r?\n(?!\s*\n)[ \t]*", " ", text))
    head, separator, rest = text.partition("\n\n")
    if lexicon is not None and separator:
        if is_lower_case_body(rest):
            rest = recase_body(rest, lexicon)  # "leader mario galindas told reuters"
        text = head + separator + lower_false_capitals(rest, lexicon)  # "U.S. Import curbs"
    elif lexicon is not None and not is_headline_case(text):
        text = lower_false_capitals(text, lexicon)  # a body without a headline
    credit = _CREDIT_LINE.search(text)
    if credit and all(is_agency(part.strip()) for part in credit[1].split(",")):
        text = text[: credit.start()]  # "(AFP, AP, Reuters)": the sources, not names in the story
    if dateline := find_dateline(text):
        # A line break after "NEW YORK, March 2 -" (same length, offsets kept): without it NER
        # runs the date into the first words ("March 2 - Standard" DATE, "Carl Icahn's" lost).
        text = text[: dateline.end - 1] + "\n" + text[dateline.end:]
    headline, separator, body = text.partition("\n\n")
    if lexicon is None or not is_headline_case(headline):
        return text, 0
    headline = soften_headline(headline, lexicon, body)
    return headline + separator + body, len(headline)


class Extractor:
    """Turns texts into Mentions with a spaCy NER pipeline that is loaded on first use."""

    def __init__(self, model: str | None = None) -> None:
        self.model = choose_model(model)
        self._nlp: Language | None = None
        self._lexicon: Lexicon | None = None
        self._pool: Pool | None = None
        self._pool_size = 0

    @cached_property
    def version(self) -> str:
        """Model name, model version and EXTRACTION_VERSION: the extraction cache key."""
        return f"{self.model}-{metadata.version(self.model)}-x{EXTRACTION_VERSION}"

    def nlp(self) -> Language:
        """Return the loaded pipeline, loading it the first time."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.model)
            self._lexicon = load_lexicon(self._nlp)
        return self._nlp

    def analyse(self, texts: Iterable[str], n_process: int = 1,
                batch_size: int = 64) -> Iterator[Mentions]:
        """Yield one Mentions per text, in order; n_process > 1 runs worker processes."""
        if n_process <= 1:
            yield from _analyse(self.nlp(), self._lexicon, texts, batch_size)
            return
        # Workers send back small Mentions, not Docs: spaCy's own n_process pickles whole Docs
        # and the parent's unpickling would cost a core.
        for chunk in self._workers(n_process).imap(_analyse_chunk, _chunks(texts, batch_size)):
            yield from chunk

    def _workers(self, n_process: int) -> Pool:
        """Return the worker pool, started once and kept: each worker takes seconds to load."""
        if self._pool is None or self._pool_size != n_process:
            self.close()
            # Spawned, not forked: a fresh interpreter whose OpenBLAS reads the variable below
            # (two workers with two BLAS threads each on two cores ran 30% slower), and no
            # inherited threads or open files from the parent (SQLite, the index writer).
            saved = os.environ.get("OPENBLAS_NUM_THREADS")
            os.environ["OPENBLAS_NUM_THREADS"] = "1"
            try:
                self._pool = multiprocessing.get_context("spawn").Pool(
                    n_process, _start_worker, (self.model,))
            finally:
                if saved is None:
                    del os.environ["OPENBLAS_NUM_THREADS"]
                else:
                    os.environ["OPENBLAS_NUM_THREADS"] = saved
            self._pool_size = n_process
            weakref.finalize(self, self._pool.terminate)
        return self._pool

    def close(self) -> None:
        """Stop the worker processes, if any; analyse() starts them again when needed."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


_WORKER: dict[str, Language | Lexicon] = {}  # the pipeline of a worker process


def _start_worker(model: str) -> None:
    _WORKER["nlp"] = load_pipeline(model)
    _WORKER["lexicon"] = load_lexicon(_WORKER["nlp"])


def _analyse_chunk(texts: list[str]) -> list[Mentions]:
    return list(_analyse(_WORKER["nlp"], _WORKER["lexicon"], texts, len(texts)))


def _analyse(nlp: Language, lexicon: Lexicon, texts: Iterable[str],
             batch_size: int) -> Iterator[Mentions]:
    """One Mentions per text; a text our rules fail on gets Mentions(error=...), not an exception:
    one bad text must not stop a run of 18,000 (the indexer reports it and goes on)."""
    for doc, (text, end, error) in nlp.pipe(_prepared(texts, lexicon), batch_size=batch_size,
                                            as_tuples=True):
        if error:
            yield Mentions(error=error)
            continue
        # The text NER saw is doc.text (spaCy keeps every character), which spaCy would
        # otherwise rebuild from the tokens: see doc_text().
        doc.user_data[DOC_TEXT_KEY] = text
        try:
            yield mentions_from_doc(doc, lexicon, headline_end=end)
        except Exception as exc:  # noqa: BLE001 - any bug in the rules; reported per article
            yield Mentions(error=_failure(exc))


def _prepared(texts: Iterable[str], lexicon: Lexicon) -> Iterator[tuple[str, tuple[str, int, str]]]:
    for raw in texts:
        try:
            text, end = prepare_text(raw, lexicon)
        except Exception as exc:  # noqa: BLE001 - as in _analyse
            yield "", ("", 0, _failure(exc))
        else:
            yield text, (text, end, "")


def _failure(exc: Exception) -> str:
    """What went wrong, and where: "IndexError: list index out of range (org_spans.py:212)"."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
