"""Capitalised names NER left untagged: the corpus's evidence decides which are organisations.

NER misses well-known names in some sentences ("rated AAA by Standard and Poor's", "the Bank of New
England said") that other articles of the corpus name as organisations many times. Extraction
records, per text, the names of two capitalised words or more that no entity span covers
(Mentions.untagged); the corpus step gives an article those that the corpus attests as an
organisation (CorpusMaps.attested), so the same text yields the same names whatever the order the
corpus was read in. Extraction alone cannot: which names are organisations is the corpus's to say.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

# How an untagged name is marked among an article's local organisations: the corpus maps it to the
# organisation it attests, or to nothing (CorpusMaps.corpus_of).
UNTAGGED = "?"
# Words that join the capitalised words of one name: "Standard and Poor's", "Bank of New England".
_JOINERS = frozenset({"and", "&", "of", "de", "du", "do", "for"})
# Words that join two names in a list: a name of the run may end before one, or begin after it ("Goldman
# Sachs and Merrill Lynch"); otherwise only the run whole is a name (after a sentence's first word).
_LIST_JOINERS = frozenset({"and", "&"})
_MAX_WORDS = 6  # the longest name recorded, in tokens
_MAX_NAMES = 40  # per text: a long table would otherwise give thousands


def _is_capitalised(token: Token) -> bool:
    return token.is_alpha and token.text[0].isupper() and not token.is_upper or token.text in ("U.S.", "U.K.")


def _modifies(token: Token) -> bool:
    """Tell whether the word after a capitalised run makes the run a modifier, the name of an index
    or a product rather than of a body: a number or a lower-case noun or adjective ("the Dow Jones
    industrial average", "Standard and Poor 500 stock index options")."""
    return token.like_num or token.is_lower and token.is_alpha and token.pos_ in ("NOUN", "ADJ")


def untagged_names(doc: Doc, headline_end: int = 0) -> tuple[str, ...]:
    """Return the names of two capitalised words or more (with "and", "of", a final "'s") in the
    text after the headline that no NER entity covers (and that no number, lower-case noun or adjective
    follows: _modifies), whole after any first stop word, and the parts an "and" sets apart that begin
    and end with a capitalised word: "by Standard and Poor's." gives "Standard and Poor's"; "The Bank
    of New England said" gives "Bank of New England" (not "The Bank", "New England"); "Goldman Sachs
    and Merrill Lynch" gives both and the whole; "the Dow Jones Industrial Average" gives only the
    whole; at most _MAX_NAMES."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for token in doc:
        fits = not token.ent_type_ and token.idx >= headline_end and (
            _is_capitalised(token) or run and (token.lower_ in _JOINERS or token.text in ("'s", "’s")))
        if fits and not (run and token.idx > run[-1].idx + len(run[-1]) + 1):
            run.append(token)
            continue
        if len(run) > 1 and not _modifies(token):
            runs.append(run)
        run = [token] if fits else []
    if len(run) > 1:
        runs.append(run)
    names: list[str] = []
    for run in runs:
        for start in range(len(run)):
            if not _is_capitalised(run[start]) or run[start].is_stop:
                continue  # not "The Bank": a sentence's first word is no name's
            if start and run[start - 1].lower_ not in _LIST_JOINERS and not (start == 1 and run[0].is_stop):
                continue  # not "Jones Industrial Average"
            for end in range(start + 2, min(len(run), start + _MAX_WORDS) + 1):
                if end < len(run) and run[end].lower_ not in _LIST_JOINERS:
                    continue  # not "Dow Jones" of "the Dow Jones Industrial Average": the name goes on
                last = run[end - 1]
                if not (_is_capitalised(last) or last.text in ("'s", "’s") and _is_capitalised(run[end - 2])):
                    continue
                if sum(_is_capitalised(token) for token in run[start:end]) < 2:
                    continue
                names.append(doc.text[run[start].idx: last.idx + len(last)])
                if len(names) >= _MAX_NAMES:
                    return tuple(dict.fromkeys(names))
    return tuple(dict.fromkeys(names))
