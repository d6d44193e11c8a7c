"""Score the spellings an index keeps per article and entity (the entity page's "also written")
against the hand-labelled Reuters articles: each gold entity's name and aliases are the forms the
article uses for it.

Usage:
    .venv/bin/python bench/gold/spellings.py --index-dir bench/out/reuters-index --gold bench/gold/reuters-dev.jsonl

For every predicted name that matches a gold entity (as score.py matches them), its stored
spellings (schema.MENTIONS: the forms other than the name itself) are compared with the
entity's forms in the gold file, folded as score.py folds them (a form equal to the name but for
case, dots or a legal form is the name, not another spelling):
- precision: the predicted spellings that are a gold form of that entity;
- recall: the gold forms other than the predicted name that are among its spellings (only for
  matched entities: a missed entity is score.py's recall, not this one's).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score import KINDS, fold, keys, matches  # noqa: E402


def forms_of(kind: str, form: str) -> set[str]:
    """A spelling's folded forms: case, dots and, for organisations, a legal form do not make
    another spelling; a place's other name ("U.S." of the United States) does."""
    from searchapp.entities.orgs import strip_legal_suffix

    return {fold(form), fold(strip_legal_suffix(form))} if kind == "organizations" else {fold(form)}

KIND_OF = {"person": "people", "place": "places", "org": "organizations"}


def stored_mentions(index_dir: Path, ids: set[str]) -> dict[str, tuple]:
    from whoosh import index as whoosh_index

    from searchapp import schema

    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        found = {f[schema.ARTICLE_ID]: schema.stored_mentions(f)
                 for f in searcher.all_stored_fields() if f[schema.ARTICLE_ID] in ids}
    ix.close()
    return found


def score_spellings(golds: list[dict], mentions: dict[str, tuple]) -> tuple[dict, list]:
    """Return per-kind counts and the errors, given each article's mention records."""
    totals = {kind: {"predicted": 0, "right": 0, "expected": 0, "found": 0, "entities": 0}
              for kind in KINDS}
    errors = []
    for gold in golds:
        for kind_key, name, _count, spellings in mentions.get(gold["id"], ()):
            kind = KIND_OF[kind_key]
            name_keys = keys(kind, name)
            entity = next((e for e in gold[kind] if matches(
                kind, name, name_keys, e, set().union(*(keys(kind, n) for n in [e["name"], *e["aliases"]])))),
                None)
            if entity is None:
                continue
            t = totals[kind]
            t["entities"] += 1
            own = forms_of(kind, name)
            forms = {form: forms_of(kind, form) for form in [entity["name"], *entity["aliases"]]
                     if not forms_of(kind, form) & own}
            said = {s: forms_of(kind, s) for s in spellings if not forms_of(kind, s) & own}
            gold_keys = set().union(*forms.values()) if forms else set()
            said_keys = set().union(*said.values()) if said else set()
            t["predicted"] += len(said)
            t["right"] += sum(bool(k & gold_keys) for k in said.values())
            t["expected"] += len(forms)
            t["found"] += sum(bool(k & said_keys) for k in forms.values())
            errors += [(gold["id"], kind, "wrong", name, s) for s, k in sorted(said.items()) if not k & gold_keys]
            errors += [(gold["id"], kind, "missed", name, f) for f, k in sorted(forms.items()) if not k & said_keys]
    return totals, errors


def print_spellings(name: str, totals: dict) -> None:
    print(f"== {name}: spellings of matched entities (folded)")
    print(f"{'kind':14} {'entities':>8} {'precision':>18} {'recall':>18}")
    for kind, t in totals.items():
        p = t["right"] / t["predicted"] if t["predicted"] else float("nan")
        r = t["found"] / t["expected"] if t["expected"] else float("nan")
        print(f"{kind:14} {t['entities']:8} {p:8.3f} ({t['right']:3}/{t['predicted']:3})"
              f" {r:8.3f} ({t['found']:3}/{t['expected']:3})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--errors", action="store_true", help="list wrong and missed spellings (dev only)")
    args = parser.parse_args(argv)
    golds = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    totals, errors = score_spellings(golds, stored_mentions(args.index_dir, {g["id"] for g in golds}))
    print_spellings(args.gold.name, totals)
    if args.errors and "holdout" not in args.gold.name:
        for error in errors:
            print("  " + "  ".join(error))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
