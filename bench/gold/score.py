"""Score extraction against the hand-labelled Reuters articles: precision and recall per kind.

Usage:
    # what `searchapp extract` prints for the whole Reuters corpus (names are resolved across it)
    .venv/bin/searchapp extract ../shared/data/reuters21578/reut2-*.sgm > /tmp/reuters.jsonl
    .venv/bin/python bench/gold/score.py --extract /tmp/reuters.jsonl --gold bench/gold/reuters-dev.jsonl
    # the same in-process, NER results taken from (and added to) an index folder's extraction cache
    .venv/bin/python bench/gold/score.py --cache bench/out/reuters-index --gold bench/gold/reuters-dev.jsonl --errors
    # what an index of the Reuters corpus stores
    .venv/bin/python bench/gold/score.py --index-dir bench/out/reuters-index --gold bench/gold/reuters-holdout2.jsonl

A predicted name is correct when it matches the name or an alias of a gold entity of its kind,
required or optional (precision); a required gold entity is found when any predicted name of the
article matches it (recall). Matching folds case, accents, dots, a leading "the", "&"/"and" and
a possessive; organisations also match without their legal suffix ("Rite Aid Corp" = "Rite Aid")
and with their country's name for its adjective ("Dutch Ministry of Agriculture" = "Netherlands
Ministry of Agriculture": readers wrote both, and the country is what is checked), and a body's
bare alias counts with its name's country ("U.S. House of Representatives", alias "House", is
also "U.S. House": the readers list a bare institution under its qualified name), and a body the
reader left bare ("Social Democratic Party") counts qualified with a country the reader listed among
the article's places,
places also by their canonical gazetteer name ("Calif." = "California", "U.S." = "United States"),
and a town named with its state matches the town ("Springfield (Illinois)" = "Springfield").
Corpus-wide resolution may name an entity more fully than its article does: a person the article
calls "Reagan" is "Ronald Reagan", "Moody's" is "Moody's Investors Service", "EC" is "European
Community". Such a prediction matches a gold entity whose name or alias is the short form: for
people, a one-word gold name that is the predicted name's last word; for organisations, a gold
short form that the predicted name abbreviates (orgs.abbreviates) or whose first word it begins
with ("Moody's" -> "Moody's Investors Service").
--errors lists every false positive and every miss (for the dev set only: the holdout set is
scored, never read).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

KINDS = ("people", "places", "organizations")


def fold(name: str) -> str:
    """Fold a name for comparison: "The U.S. Treasury's" -> "us treasury"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = text.casefold().replace("&", " and ").replace("’", "'")
    text = re.sub(r"'s\b|(?<=s)'", "", text)
    text = re.sub(r"[.,']", "", text)
    text = re.sub(r"[\s\-]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def keys(kind: str, name: str) -> set[str]:
    """Every folded form under which a name of this kind may match."""
    from searchapp.entities.orgs import is_bare_institution, strip_legal_suffix
    from searchapp.entities.parties import party_of as party_name, party_of_members
    from searchapp.entities.places import EARLIER_STATES, canonical_place, country_of_nationality, is_country

    found = {fold(name)}
    if kind == "organizations" and (party := party_of_members(name) or party_name(name)) != name:
        found |= keys(kind, party)  # "Conservatives", "Labour": the party, as "Conservative Party" is
    if kind == "organizations":
        found.add(fold(strip_legal_suffix(name)))
        prefix, _, rest = name.partition(" ")
        if prefix in ("U.S.", "U.K.") and rest and not is_bare_institution(rest):
            found.add(fold(rest))  # "U.S. Securities and Exchange Commission" is the Securities and Exchange
            # Commission ("U.S. Treasury" is not the Treasury: every country has one)
        for size in (1, 2, 3):  # a country's body named by its adjective or its name: "Dutch Ministry of
            lead, rest = " ".join(name.split()[:size]), " ".join(name.split()[size:])  # Agriculture" is
            country = country_of_nationality(lead) or canonical_place(lead)  # "Netherlands Ministry of ..."
            if rest and country and is_country(country):
                found.add(fold(f"{country} {rest}"))
    if kind == "places" and (place := canonical_place(name)):
        found.add(fold(place))
        if place in EARLIER_STATES:
            found.add(fold(EARLIER_STATES[place]))  # "Germany" in 1987 is West Germany (places.EARLIER_STATES)
    town, bracket, state = name.partition(" (")
    if kind == "places" and bracket and canonical_place(state.rstrip(")")):
        found.add(fold(town))  # "Springfield (Illinois)": the dateline's town named with its state
    return found


def qualified_aliases(kind: str, entity: dict) -> set[str]:
    """The bare aliases of a gold body qualified with its name's country: "U.S. House of
    Representatives" with its alias "House" is also "U.S. House" (the readers' rule: a bare
    institution is listed under its qualified name, the bare form as an alias)."""
    from searchapp.entities.places import canonical_place, country_of_nationality, is_country

    if kind != "organizations":
        return set()
    words = entity["name"].split()
    for size in (1, 2, 3):
        lead = " ".join(words[:size])
        country = country_of_nationality(lead) or canonical_place(lead)
        if len(words) > size and country and is_country(country):
            return {key for alias in entity["aliases"] for key in keys(kind, f"{lead} {alias}")}
    return set()


def qualified_by_places(kind: str, entity: dict, places: list[dict]) -> set[str]:
    """A gold body the reader left bare though every country has one ("Social Democratic Party",
    written before parties counted as such institutions) counts qualified with a country the same
    reader listed among the article's places: "West German Social Democratic Party" in a Bonn story
    whose places have West Germany; not with a country the reader did not list."""
    from searchapp.entities.orgs import is_bare_institution
    from searchapp.entities.parties import party_of, party_of_members
    from searchapp.entities.places import EARLIER_STATES, canonical_place, country_of, is_country

    if kind != "organizations":
        return set()
    countries = {country for place in places for name in [place["name"], *place["aliases"]]
                 if (known := canonical_place(name)) and (country := known if is_country(known) else country_of(known))}
    countries |= {EARLIER_STATES[country] for country in countries if country in EARLIER_STATES}  # Hamburg, 1987
    names = [entity["name"], *entity["aliases"]]
    names += [party for name in names if (party := party_of_members(name) or party_of(name)) != name]  # "Tories"
    return {fold(f"{country} {name}") for name in names if is_bare_institution(name) for country in countries}


def qualified_gulf(kind: str, entity: dict, places: list[dict]) -> set[str]:
    """A bare "Gulf" the reader listed counts as the Gulf the article means, which extraction names
    (place_spans.which_gulf): the Persian Gulf where the same reader listed a Gulf state among the
    article's places, the U.S. Gulf where the United States and no Gulf state."""
    from searchapp.entities.place_spans import GULF_STATES
    from searchapp.entities.places import canonical_place, country_of, is_country

    if kind != "places" or "gulf" not in {fold(name) for name in [entity["name"], *entity["aliases"]]}:
        return set()
    countries = {country for place in places for name in [place["name"], *place["aliases"]]
                 if (known := canonical_place(name)) and (country := known if is_country(known) else country_of(known))}
    return {fold("Persian Gulf")} if countries & GULF_STATES else \
        {fold("U.S. Gulf")} if "United States" in countries else set()


def expands(kind: str, short: str, name: str) -> bool:
    """Tell whether a predicted name is a corpus-wide fuller form of a gold short form."""
    from searchapp.entities.orgs import abbreviates

    if " " in short or " " not in name:
        return False
    if kind == "people":
        return fold(name.split()[-1]) == fold(short)
    if kind == "organizations":
        return abbreviates(short, name) or fold(name.split()[0]) == fold(short)
    return False


def matches(kind: str, name: str, name_keys: set[str], entity: dict, entity_keys: set[str]) -> bool:
    """Tell whether a predicted name matches a gold entity (its name or an alias, or a fuller form)."""
    return bool(name_keys & entity_keys) or any(
        expands(kind, short, name) for short in [entity["name"], *entity["aliases"]])


def score(gold_path: Path, predicted: dict[str, dict[str, list[str]]]) -> dict:
    """Return per-kind counts and the errors of every article of the gold file."""
    totals = {kind: {"tp": 0, "predicted": 0, "found": 0, "required": 0} for kind in KINDS}
    errors = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        got = predicted.get(gold["id"])
        if got is None:
            raise SystemExit(f"{gold['id']}: not in the extraction")
        for kind in KINDS:
            entities = [(entity, set().union(*(keys(kind, n) for n in [entity["name"], *entity["aliases"]]),
                                             qualified_aliases(kind, entity),
                                             qualified_by_places(kind, entity, gold["places"]),
                                             qualified_gulf(kind, entity, gold["places"])))
                        for entity in gold[kind]]
            names = got.get(kind, [])
            name_keys = {name: keys(kind, name) for name in names}
            for name, ks in name_keys.items():
                totals[kind]["predicted"] += 1
                if any(matches(kind, name, ks, entity, entity_keys) for entity, entity_keys in entities):
                    totals[kind]["tp"] += 1
                else:
                    errors.append((gold["id"], kind, "wrong", name))
            for entity, entity_keys in entities:
                if entity.get("optional"):
                    continue
                totals[kind]["required"] += 1
                if any(matches(kind, name, ks, entity, entity_keys) for name, ks in name_keys.items()):
                    totals[kind]["found"] += 1
                else:
                    errors.append((gold["id"], kind, "missed", entity["name"]))
    return {"totals": totals, "errors": errors}


def from_extract(path: Path) -> dict[str, dict[str, list[str]]]:
    """Read `searchapp extract` output."""
    return {record["id"]: record for record in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def from_index(index_dir: Path) -> dict[str, dict[str, list[str]]]:
    """Read what an index of the Reuters corpus stores (equal to `searchapp extract`'s output, tested)."""
    from whoosh import index as whoosh_index

    from searchapp import schema

    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        found = {f[schema.ARTICLE_ID]: {kind: list(schema.split_values(f.get(kind))) for kind in KINDS}
                 for f in searcher.all_stored_fields()}
    ix.close()
    return found


def from_cache(index_dir: Path) -> dict[str, dict[str, list[str]]]:
    """Extract the Reuters corpus in-process as `searchapp extract` does, NER from index_dir's cache."""
    from searchapp import config
    from searchapp.articles import text_hash
    from searchapp.cache import ExtractionCache
    from searchapp.corpus import read_file
    from searchapp.entities import Extractor, Mentions, resolve_corpus

    articles = [a for path in sorted((config.data_dir() / "reuters21578").glob("reut2-*.sgm"))
                for a in read_file(path).articles]
    index_dir.mkdir(parents=True, exist_ok=True)
    cache = ExtractionCache(index_dir)
    with Extractor() as extractor:
        hashes = [text_hash(a.text) for a in articles]
        cached = cache.get_many(hashes, extractor.version)
        todo = {h: a.text for h, a in zip(hashes, articles) if h not in cached}
        if todo:
            print(f"analysing {len(todo)} texts the cache lacks ...", file=sys.stderr)
            fresh = {h: m.to_json() for h, m in zip(todo, extractor.analyse(list(todo.values()), n_process=2))}
            cache.put_many(fresh, extractor.version)
            cached.update(fresh)
    cache.close()
    entities = resolve_corpus([(Mentions.from_json(cached[h]), a.published) for h, a in zip(hashes, articles)])
    return {a.article_id: {kind: list(getattr(e, kind)) for kind in KINDS} for a, e in zip(articles, entities)}


def print_scores(name: str, totals: dict) -> None:
    print(f"== {name}")
    print(f"{'kind':14} {'precision':>16} {'recall':>16}")
    for kind in KINDS:
        t = totals[kind]
        precision = t["tp"] / t["predicted"] if t["predicted"] else 1.0
        recall = t["found"] / t["required"] if t["required"] else 1.0
        print(f"{kind:14} {precision:6.3f} ({t['tp']:3}/{t['predicted']:3}) {recall:6.3f} ({t['found']:3}/{t['required']:3})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--extract", type=Path, help="`searchapp extract` output (JSON Lines)")
    source.add_argument("--cache", type=Path, help="index folder whose extraction cache to use")
    source.add_argument("--index-dir", type=Path, help="an index of the Reuters corpus: its stored names")
    parser.add_argument("--gold", type=Path, action="append", required=True)
    parser.add_argument("--errors", action="store_true", help="list the errors (dev set only)")
    args = parser.parse_args(argv)
    predicted = (from_extract(args.extract) if args.extract else
                 from_index(args.index_dir) if args.index_dir else from_cache(args.cache))
    for gold in args.gold:
        result = score(gold, predicted)
        print_scores(gold.name, result["totals"])
        if args.errors and "holdout" not in gold.name:
            for article_id, kind, what, name in result["errors"]:
                print(f"  {article_id:16} {kind:14} {what:6} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
