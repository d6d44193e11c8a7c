"""Run spaCy NER over texts and turn each Doc into Mentions: clean names, canonical places, date spans."""
from __future__ import annotations

import json
import multiprocessing
import os
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cached_property
from importlib import metadata
from multiprocessing.pool import Pool

from spacy.language import Language
from spacy.tokens import Doc, Span

from searchapp.entities.aliases import merge_people
from searchapp.entities.headlines import Lexicon, is_headline_case, soften_headline
from searchapp.entities.names import (clean_org, clean_person, clean_place, fix_case, is_landmark,
                                      normalize_space)
from searchapp.entities.pipeline import ModelNotFoundError, choose_model, load_lexicon, load_pipeline
from searchapp.entities.places import (canonical_place, country_of_nationality, is_country,
                                       is_major_place)

__all__ = ["EXTRACTION_VERSION", "Extractor", "Mentions", "ModelNotFoundError", "mentions_from_doc"]

EXTRACTION_VERSION = "2"  # bump whenever output for the same input may change
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Words before a one-word ORG that make it a person: "spokeswoman Zakharova" (spaCy says ORG).
PERSON_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "minister", "president",
                          "secretary", "chairman", "chairwoman", "governor", "ambassador",
                          "premier", "chancellor", "mr", "mrs", "ms", "dr", "senator", "sen",
                          "envoy", "director", "leader", "king", "queen", "prince", "sheikh"})
# A wire dateline opening the body: "NEW YORK, Feb 26 - ", "BOXBOROUGH, Mass., March 9 - ",
# "MOSCOW (Reuters) - ". The city is in capitals by wire convention.
_DATELINE = re.compile(
    r"(?:^|\n\n)[ \t]*(?P<city>[A-Z][A-Z.'\- ]{1,40}?)(?:,\s*(?P<region>[A-Z][A-Za-z.\- ]{1,25}?))?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\s+\((?:Reuters|AP|AFP|UPI|dpa)\))\s+[-—–]+\s")
_SIGN_OFF = re.compile(r"\s*\bREUTER\b\W*\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Mentions:
    """The cacheable NER result for one text; independent of the publication date."""

    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    date_expressions: tuple[str, ...] = ()  # DATE spans as written, resolved later by resolve()

    def to_json(self) -> str:
        """Serialise to compact JSON."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, s: str) -> Mentions:
        """Parse what to_json wrote."""
        data = json.loads(s)
        return cls(**{key: tuple(data.get(key, ())) for key in
                      ("people", "places", "organizations", "date_expressions")})


def prepare_text(text: str, lexicon: Lexicon | None = None) -> str:
    """Unwrap lines inside paragraphs, drop the wire sign-off and soften a shouting headline."""
    text = _SIGN_OFF.sub("", re.sub(r"(?<!\n)[ \t]*\r?\n(?!\s*\n)[ \t]*", " ", text))
    headline, separator, body = text.partition("\n\n")
    if lexicon is not None and is_headline_case(headline):
        return soften_headline(headline, lexicon, body) + separator + body
    return text


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
            nlp = self.nlp()
            docs = nlp.pipe((prepare_text(t, self._lexicon) for t in texts), batch_size=batch_size)
            yield from (mentions_from_doc(doc, self._lexicon) for doc in docs)
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
    lexicon = _WORKER["lexicon"]
    docs = _WORKER["nlp"].pipe([prepare_text(t, lexicon) for t in texts], batch_size=len(texts))
    return [mentions_from_doc(doc, lexicon) for doc in docs]


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def find_dateline(text: str) -> tuple[int, list[str]] | None:
    """Return the end offset of a wire dateline and its places: "BOXBOROUGH, Mass., March 9 - "."""
    match = _DATELINE.search(text, 0, 800)
    if match is None:
        return None
    places = []
    for part in (match["city"], match["region"]):
        if part and (name := clean_place(part.strip())):
            places.append(canonical_place(name) or " ".join(fix_case(w) for w in name.split()))
    return match.end(), places


def _place_name(text: str) -> str | None:
    name = clean_place(text)
    return (canonical_place(name) or name) if name else None


def _places_in_org(org: str) -> list[str]:
    """Places an organisation is named after: "Munich Security Conference", "Bank of Japan"."""
    words = org.split()
    found = []
    for size in (3, 2, 1):
        place = canonical_place(" ".join(words[:size])) if len(words) > size else None
        if place and is_major_place(place):
            found.append(place)
            break
    if len(words) > 2 and words[-2] == "of" and (place := canonical_place(words[-1])):
        if is_major_place(place):
            found.append(place)
    return found


def _org_as_person(ent: Span) -> bool:
    before = ent.doc[ent.start - 1].text.lower().strip(".") if ent.start else ""
    return len(ent) == 1 and before in PERSON_ROLES and ent.text.istitle()


def _headline_end(text: str, lexicon: Lexicon | None) -> int:
    headline = text.partition("\n\n")[0]
    return len(headline) if lexicon is not None and is_headline_case(headline) else 0


def mentions_from_doc(doc: Doc, lexicon: Lexicon | None = None,
                      nationalities_as_places: bool = True) -> Mentions:
    """Turn a Doc's entities into Mentions: cleaned names, aliases merged, places canonical.

    With the lexicon, a one-word place in a Title Case headline that is also an English word
    ("Sale" -> Salé, Morocco; "Split") is dropped unless it is a country or a US state.
    """
    headline_end = _headline_end(doc.text, lexicon)
    people: list[str] = []
    orgs: list[str] = []
    places: list[str] = []
    dates: list[str] = []
    dateline = find_dateline(doc.text)
    skip_until = 0
    if dateline:
        skip_until, dateline_places = dateline
        places.extend(dateline_places)
    ents = list(doc.ents)
    for index, ent in enumerate(ents):
        label = ent.label_
        if ent.start_char < skip_until and label in ("DATE", "GPE", "LOC", "ORG"):
            continue  # the dateline: its places are taken above, its date is the publication date
        if label == "PERSON" or label == "ORG" and _org_as_person(ent):
            name = clean_person(ent.text)
            place = canonical_place(name) if name else None
            if name and (is_landmark(name) or place and is_major_place(place)):
                places.append(place or name)
            elif name:
                people.append(name)
        elif label == "ORG":
            text = ent.text
            previous = ents[index - 1] if index else None
            if previous is not None and previous.label_ == "NORP" and previous.end == ent.start:
                text = f"{previous.text} {text}"  # "Russian" + "Foreign Ministry"
            owner, _, rest = re.sub(r"^the\s+", "", re.sub(r"[‘’`´]", "'", text)).partition("'s ")
            if rest and (place := _place_name(owner)):
                places.append(place)  # "China's Ministry of Foreign Affairs"
                text = rest
            name = clean_org(text)
            place = canonical_place(name) if name else None
            if place and is_major_place(place):
                places.append(place)  # "China‘s" alone: spaCy calls it ORG
            elif name:
                orgs.append(name)
                places.extend(_places_in_org(name))
        elif label in PLACE_LABELS:
            name = _place_name(ent.text)
            word = ent.text.strip().lower()
            if name and ent.end_char <= headline_end and " " not in word \
                    and lexicon.is_common_word(word) and not is_country(name):
                continue
            if name:
                places.append(name)
        elif label == "NORP" and nationalities_as_places:
            if country := country_of_nationality(normalize_space(ent.text)):
                places.append(country)
        elif label == "DATE" and "\n\n" not in ent.text:
            dates.append(normalize_space(ent.text))
    # NER reads some surnames as places ("Petriccioli"): one unknown word that ends a person's name.
    unknown = [place for place in places if " " not in place and canonical_place(place) is None]
    people, orgs = merge_people(people, orgs + unknown)
    places = [place for place in places if place not in unknown or place in orgs]
    orgs = [org for org in orgs if org not in unknown]
    return Mentions(tuple(people), tuple(sorted(set(places))), tuple(orgs), tuple(sorted(set(dates))))
