"""A deterministic log of what people type into the search box, replayed by the latency benchmarks.

Queries are drawn from the index itself: entity names (people's surnames, places, organisations),
commodities, and content words of the corpus, 1-3 words. Each query is typed key by key with
human timings (80-200 ms between keys, longer pauses between words, an occasional typo and
backspace); like the page's `hx-trigger="input changed delay:250ms"`, a request is sent only when
the box has been still for more than 250 ms, or at the end. Each session starts with a landing
request (empty box); a third of the sessions first pick a filter (a person, place or organisation
value from the index's facets, or a publication date range) that stays on while typing.

A log entry is {"session": n, "kind": "landing" | "typing" | "typing+filter", "params": [[k, v], ...]}.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

DEBOUNCE_MS = 250
KINDS = ("typing", "typing+filter", "landing")
COMMODITIES = (
    "oil", "crude", "gold", "silver", "copper", "coffee", "cocoa", "sugar", "wheat", "grain",
    "corn", "soybeans", "cotton", "rubber", "tin", "zinc", "aluminium", "aluminum", "gas",
    "rice", "barley", "livestock", "cattle", "hogs", "palm oil", "steel", "iron ore",
    "petroleum", "gasoline", "nickel", "lead", "platinum", "wool", "tea", "veg oil",
)
STOPWORDS = set("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its itself just me more most my
no nor not now of off on once only or other our out over own same she should so some such than
that the their them then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your said says say would
reuter reuters mln pct dlrs billion million year years last also told added company share shares
week month today yesterday one two three four five six seven eight nine ten new first
""".split())
# Typing speed: the time between two keystrokes, and the pauses that let a request through.
KEY_MS = (80, 200)
WORD_PAUSE_P = 0.35  # after a space, the typist stops to think this often ...
WORD_PAUSE_MS = (300, 1200)  # ... for this long
HESITATE_P = 0.08  # within a word
HESITATE_MS = (260, 700)
TYPO_P = 0.025  # a wrong key, seen and erased
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


@dataclass(frozen=True)
class Vocabulary:
    """What the log draws from: weighted entity values and words of one index, and its date range."""

    people: list[tuple[str, int]]  # (value, doc frequency), most frequent first
    places: list[tuple[str, int]]
    organizations: list[tuple[str, int]]
    words: list[tuple[str, int]]
    phrases: list[str]  # runs of 1-3 content words from headlines: "interbank offered rate"
    commodities: list[str]
    first_day: date
    last_day: date
    doc_count: int


def read_vocabulary(index_dir: Path, top: int = 300) -> Vocabulary:
    """Read the most frequent entity values and the content words of the index in index_dir."""
    from whoosh import index as whoosh_index

    from searchapp import schema

    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        def top_values(field: str) -> list[tuple[str, int]]:
            values = [(t.decode("utf-8"), reader.doc_frequency(field, t))
                      for t in reader.lexicon(field)]
            values.sort(key=lambda vc: (-vc[1], vc[0]))
            return values[:top]

        # Words in at least 20 of 18,000 articles (scaled with the corpus): what people look for.
        min_df = max(1, round(20 * reader.doc_count() / 18000))
        words = []
        for term in reader.lexicon(schema.WORDS):
            word = term.decode("utf-8")
            if not (4 <= len(word) <= 12 and word.isalpha() and word.isascii()):
                continue
            if word in STOPWORDS:
                continue
            df = reader.doc_frequency(schema.WORDS, term)
            if df >= min_df:
                words.append((word, df))
        words.sort(key=lambda wc: (-wc[1], wc[0]))
        commodities = [c for c in COMMODITIES
                       if all(reader.doc_frequency(schema.WORDS, w) for w in c.split())]
        common = {w for w, _ in words}
        phrases = []
        for docnum in random.Random(0).sample(range(reader.doc_count_all()),
                                              min(3000, reader.doc_count_all())):
            if reader.is_deleted(docnum):
                continue
            title = (reader.stored_fields(docnum).get(schema.TITLE) or "").lower()
            run: list[str] = []
            for word in re.findall(r"[a-z][a-z'&.-]*|\S+", title) + ["."]:
                if word in common or (word.isalpha() and len(word) >= 4 and word not in STOPWORDS):
                    run.append(word)
                    continue
                if run:
                    phrases.append(" ".join(run))
                run = []
        days = [d for d in reader.column_reader(schema.DAY) if d > 0]
        doc_count = reader.doc_count()
        vocab = Vocabulary(
            people=top_values(schema.PEOPLE), places=top_values(schema.PLACES),
            organizations=top_values(schema.ORGANIZATIONS), words=words[:3000], phrases=phrases,
            commodities=commodities,
            first_day=date.fromordinal(min(days)), last_day=date.fromordinal(max(days)),
            doc_count=doc_count,
        )
    ix.close()
    return vocab


def _weighted(rng: random.Random, pairs: list[tuple[str, int]], power: float = 0.7) -> str:
    """Pick a value, favouring frequent ones (but not only them: weights are df ** power)."""
    return rng.choices([v for v, _ in pairs], weights=[c ** power for _, c in pairs])[0]


def _name_query(rng: random.Random, name: str, surname: bool) -> str:
    words = re.findall(r"[\w'.&-]+", name)
    if surname and len(words) > 1:
        words = words[-1:]
    return " ".join(words[:3])


def make_query(rng: random.Random, vocab: Vocabulary) -> str:
    """Return something a person would type: 1-3 words, an entity name, a commodity, or words."""
    roll = rng.random()
    word = lambda: _weighted(rng, vocab.words, 0.5)  # noqa: E731
    if roll < 0.15:
        q = _name_query(rng, _weighted(rng, vocab.people), surname=rng.random() < 0.8)
    elif roll < 0.30:
        q = _name_query(rng, _weighted(rng, vocab.places), surname=False)
    elif roll < 0.40:
        q = _name_query(rng, _weighted(rng, vocab.organizations), surname=False)
    elif roll < 0.60:
        q = rng.choice(vocab.commodities)
        if rng.random() < 0.5:
            q += " " + rng.choice(("prices", "exports", "imports", "production", "futures",
                                   "output", "stocks", "market", word()))
    elif roll < 0.75:
        # A stretch of a headline: words that go together.
        words = rng.choice(vocab.phrases).split()
        size = min(len(words), rng.choice((1, 2, 2, 3)))
        start = rng.randrange(len(words) - size + 1)
        q = " ".join(words[start:start + size])
    elif roll < 0.85:
        q = word()
    else:
        entity = _weighted(rng, vocab.places if rng.random() < 0.6 else vocab.organizations)
        q = _name_query(rng, entity, surname=False).split()[0] + " " + word()
    q = " ".join(q.split()[:3])
    return q if rng.random() < 0.2 else q.lower()


def keystroke_states(rng: random.Random, text: str) -> list[str]:
    """Type text key by key; return the box's value each time a debounced request would fire."""
    events: list[tuple[float, str]] = []  # (ms since the previous event, box value after it)
    box = ""
    for i, char in enumerate(text):
        gap = rng.uniform(*KEY_MS)
        if i and text[i - 1] == " " and rng.random() < WORD_PAUSE_P:
            gap = rng.uniform(*WORD_PAUSE_MS)
        elif i and rng.random() < HESITATE_P:
            gap = rng.uniform(*HESITATE_MS)
        if char.isalpha() and rng.random() < TYPO_P:
            events.append((gap, box + rng.choice(KEYBOARD)))
            events.append((rng.uniform(150, 450), box))  # backspace
            gap = rng.uniform(*KEY_MS)
        box += char
        events.append((gap, box))
    states = []
    for i, (_, value) in enumerate(events):
        next_gap = events[i + 1][0] if i + 1 < len(events) else float("inf")
        if next_gap > DEBOUNCE_MS and value.strip():
            if not states or states[-1] != value:  # htmx's "changed"
                states.append(value)
    return states


def make_filter(rng: random.Random, vocab: Vocabulary) -> list[list[str]]:
    """Return one filter as URL params: a facet value or a publication date range."""
    roll = rng.random()
    if roll < 0.25:
        return [["person", _weighted(rng, vocab.people[:100], 1.0)]]
    if roll < 0.5:
        return [["place", _weighted(rng, vocab.places[:100], 1.0)]]
    if roll < 0.7:
        return [["org", _weighted(rng, vocab.organizations[:100], 1.0)]]
    span = (vocab.last_day - vocab.first_day).days
    length = rng.choice((7, 14, 31, 61, 92, 365))
    start = vocab.first_day + timedelta(days=rng.randrange(max(1, span - min(length, span) + 1)))
    end = min(vocab.last_day, start + timedelta(days=length - 1))
    if rng.random() < 0.2:
        return [["from", start.isoformat()]]
    return [["from", start.isoformat()], ["to", end.isoformat()]]


def make_log(vocab: Vocabulary, sessions: int, seed: int) -> list[dict]:
    """Return the requests of `sessions` typing sessions, in the order they are sent."""
    rng = random.Random(seed)
    log: list[dict] = []
    for n in range(sessions):
        filters = make_filter(rng, vocab) if n % 3 == 2 else []
        log.append({"session": n, "kind": "landing", "params": filters})
        kind = "typing+filter" if filters else "typing"
        for state in keystroke_states(rng, make_query(rng, vocab)):
            log.append({"session": n, "kind": kind, "params": [["q", state], *filters]})
    return log
