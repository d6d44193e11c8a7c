"""Corpus evidence about one-word and odd names: surnames, first names, pieces of firms' names, other kinds.

The corpus-wide resolution (corpus.py) asks these questions of the whole corpus's counts: is a
bare word the surname of one full name, a first name used alone, the end of firms' names; is a
"person" really a firm, a "place" a firm's word, a one-word firm one family of longer names or
several firms? Each answer is a pure function of the counts (articles per local value).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from searchapp.entities.aliases import MIN_FULL_NAME_ARTICLES, SurnameMap, is_bare_surname, surname_of
from searchapp.entities.mentions import GOVERNMENT_WORDS
from searchapp.entities.orgs import LEGAL_SUFFIXES, _families, dominant, drop_legal_form, is_bare_institution
from searchapp.entities.names import FIRM_LAST_WORDS, FOREIGN_ORG_HEADS, ORG_HEADS, ends_in_legal_form, is_firm_name
from searchapp.entities.places import (canonical_place, country_of_nationality, is_country_or_state,
                                      is_major_place, one_edit)
from searchapp.entities.surfaces import JOINERS


def _pairs(name: str) -> list[str] | None:
    """The lower-case words and pairs a name is made of, as lower_case_phrases writes them
    ("Gross National Product" -> "gross national", "national product"); None for a name that
    is no plain words (an acronym, initials, a possessive, a number)."""
    words = name.split()
    if name.isupper() or not all(re.fullmatch(r"[A-Z][a-z\-]*[a-z]|of|and", word) for word in words) \
            or words[0] in JOINERS or words[-1] in JOINERS:
        return None
    lowered = [word.lower() for word in words]
    if len(lowered) == 1:
        return lowered
    pairs = []
    for index in range(len(lowered) - 1):
        if lowered[index] in JOINERS:
            continue
        if lowered[index + 1] in JOINERS:
            pairs.append(" ".join(lowered[index: index + 3]))
        else:
            pairs.append(" ".join(lowered[index: index + 2]))
    return pairs


def common_phrases(orgs: Counter, lowered: Counter, legal: Counter) -> frozenset[str]:
    """Organisations (and people) the corpus writes in lower case in at least as many articles as
    it names them: a phrase a heading, a table or a sentence start capitalised ("Currencies",
    "Soybean Oil", "Gross Domestic Product", "Target" of "Target of SEC probe", "Feeder Cattle"
    as a person), not a name. A firm the
    corpus names with a legal form keeps its name ("Sharp Corp": "sharp" is written far more
    often); so does an acronym. lowered counts the articles writing each phrase
    (lower_case_phrases); every word and pair of a longer name must be that common."""
    out = set()
    for org, count in orgs.items():
        if legal[org]:
            continue
        pairs = _pairs(org)
        if pairs and all(lowered[pair] >= max(2, count) for pair in pairs):
            out.add(org)
    return frozenset(out)


def _last_words(orgs: Counter) -> Counter:
    """Count the articles of the organisations each word ends: {"Brasil": 40} from "Banco do Brasil"."""
    ends = Counter()
    for org, count in orgs.items():
        if " " in org:
            ends[org.split()[-1]] += count
    return ends


def _firm_words(orgs: Counter) -> Counter:
    """Count the articles of the organisations each word is, starts or ends, outside
    government: {"Pratt": 9} from "Pratt and Whitney", {"Michelin": 3} from "Michelin"."""
    words = Counter()
    for org, count in orgs.items():
        parts = org.split()
        if parts[-1].lower() in GOVERNMENT_WORDS:
            continue  # "Reagan Administration": a politician's name is not a firm's
        for word in {parts[0], parts[-1]}:
            words[word] += count
    return words


def without_firm_endings(surnames: SurnameMap, people: Counter, orgs: Counter) -> SurnameMap:
    """Drop the surnames that are, start or end firms' names more often than their person is named.

    NER cuts "Banco do Brasil" and "Jornal do Brasil" and calls the "Brasil" a person; with one
    "Carlos Brasil" in the corpus, every such "Brasil" would become him; so would the "Pratt" of
    Pratt and Whitney become a Dick Pratt, and the tyre maker Michelin a Donald Michelin. "Baker"
    stays James Baker's: Baker International is named less often than he is.
    """
    firms = _firm_words(orgs)
    kept = {short: full for short, full in surnames.items() if firms[short] < max(2, people[full])}
    return SurnameMap(kept, (org for org in surnames.org_names if org in kept))


def without_firms_of_a_surname(surnames: SurnameMap, orgs: Counter, legal: Counter) -> SurnameMap:
    """Keep the one-word organisations that are people ("Volcker Says ...": Paul Volcker) but those
    the corpus names with a legal form in half their articles or more: "Casey Co 4,000 bpd at 15.45
    dlrs" in a list of bidders is a refiner, no William Casey."""
    return SurnameMap(dict(surnames.items()), (org for org in surnames.org_names if 2 * legal[org] < orgs[org]))


def legal_forms(surfaces: Iterable[tuple]) -> set[str]:
    """The organisations an article names with a legal form ("Mobil Corp" for Mobil)."""
    return {value for kind, value, spelling, _n in surfaces
            if kind == "org" and spelling != value and drop_legal_form(spelling) == value}


def is_whole_acronym(name: str) -> bool:
    """Tell whether a name is an acronym: capitals, with or without dots ("EC", "U.S.A")."""
    letters = name.replace(".", "")
    return " " not in name and len(letters) >= 2 and letters.isupper() and letters.isalpha()


def with_defined_acronyms(org_map: dict[str, str], defined: Counter | None,
                          legal: Counter | None = None) -> dict[str, str]:
    """Correct the org map's acronyms by what the articles define them as ("the European Community
    (EC)"; Mentions.acronyms, counted in defined; None: no evidence given, the map stays).

    An acronym the map reads as a long form and that articles define stays that form only where
    two thirds of its definitions name it (counting "U.S. Securities and Exchange Commission" and
    a misspelling as the map's body); else it is the body three or more definitions name by two
    thirds ("IBC" of the coffee stories is the Brazilian Coffee Institute they define, not Irving
    Bank Corp, whose initials it is), or left as written. One that no article defines keeps the
    map's long form unless the corpus names the acronym itself with a legal form: then it is a
    firm's own name ("FMC Corp" is no Ford Motor Co, "CSP Inc" no Canada Southern Petroleum),
    while "FBI" stays the Federal Bureau of Investigation. The acronyms the map leaves as they
    are stay so ("OPEC", written far more often than its long form)."""
    if defined is None:
        return org_map
    names: dict[str, Counter] = {}
    for (acronym, name), n in defined.items():
        names.setdefault(acronym.replace(".", ""), Counter())[name] += n
    out = {}
    for short, long in org_map.items():
        given = names.get(short.replace(".", ""))
        if not is_whole_acronym(short):
            out[short] = long
        elif given:
            if 3 * sum(n for name, n in given.items() if same_body(name, long)) >= 2 * sum(given.values()):
                out[short] = long
        elif not (legal is not None and legal[short]):
            out[short] = long
        if short not in out and given:
            best, n = given.most_common(1)[0]
            if n >= 3 and 3 * sum(k for name, k in given.items() if same_body(name, best)) >= 2 * sum(given.values()):
                out[short] = best  # "IBC" -> the Brazilian Coffee Institute (its Portuguese name's initials);
                # an acronym the map leaves as it is stays so ("OPEC", used far more than its long form)
    return out


def same_body(name: str, long: str) -> bool:
    """Tell whether an article's name of a body is the map's long form, its longer or shorter
    form, or it with a qualifier before: "U.S. Securities and Exchange Commission"."""
    return name == long or name.startswith(long + " ") or long.startswith(name + " ") \
        or name.endswith(" " + long) or len(name) >= 12 and one_edit(name, long)


def firm_words(orgs: Counter, org_map: dict[str, str], legal: Counter,
               lowered: Counter | None = None, places: Counter | None = None,
               people: Counter | None = None) -> dict[str, str | None]:
    """One-word organisations that the corpus names mostly as a piece of longer names.

    The longer names a word starts or ends ("Ford" of Ford Motor and Ford Motor Credit, "Kodak"
    of Eastman Kodak, "Quist" of Hambrecht and Quist), counted in families as the org map counts
    them: when they are named more often than the word alone, the word stands for the family
    that dominates (-> its name), or, when none does, for several firms ("Bell": Bell Industries,
    Bell Atlantic, Bell Canada; "Dow": Dow Chemical, Dow Jones) and is left out of the facet
    (None) rather than be one value for different firms. A word named alone more often than
    within longer names keeps its name ("Reuters", "Chrysler"); acronyms are the org map's.
    A word that the family's name ends after "of", and that the corpus writes in lower case in
    twice as many articles (lowered: Mentions.lowered counts), is what the body is of, not its
    name: "Commerce" (the Commerce Department's) is no Canadian Imperial Bank of Commerce,
    "Transportation" no Department of Transportation; it is left out ("Commons" of the House of
    Commons, "Saint-Gobain" of Cie de Saint-Gobain are names). So is such a word ending a firm's
    name (one the corpus names with a legal form): "Planning" (of "Planning Minister") is no
    International Digital Communications Planning Inc, "Dealers will be ..." no National Association
    of Securities Dealers; a body's word stays its ("the Bourse" of Paris stories is the Paris Bourse).
    Another language's word for a kind of body that opens several families' names is no name
    either, whichever family dominates: "Caisse" (Caisse Nationale des Autoroutes, Caisse des
    Depots ...), "Banco" (Banco do Brasil, Banco Portugues do Atlantico ...). Nor is a place that
    ends the family's name and that the corpus names as a place (places: "Hanover" of Manufacturers
    Hanover; not "Whitney" of Pratt and Whitney, a town the corpus never names): left out too.
    So is a surname that ends the family's name and that people of the corpus carry (named in two
    articles or more): "Reynolds" alone is R.J. Reynolds, Reynolds Metals or a Mr Reynolds as often
    as Dean Witter Reynolds, which the wire calls "Dean Witter"; "Ward" the Ward's Automotive Reports
    as often as Montgomery Ward. (A name's first word, "Ford" of Ford Motor, is the firm's.)
    """
    lowered, places = lowered or Counter(), places or Counter()
    surnames = Counter()
    for person, n in (people or Counter()).items():
        if " " in person:
            surnames[person.split()[-1]] += n
    pieces: dict[str, list[str]] = {}
    for org in orgs:
        words = org.split()
        if len(words) > 1:
            pieces.setdefault(words[0], []).append(org)
            if words[-1] != words[0]:
                pieces.setdefault(words[-1], []).append(org)
    out: dict[str, str | None] = {}
    for org, count in orgs.items():
        if " " in org or org in org_map or org.isupper() or org not in pieces \
                or legal[org] * 2 >= count:
            continue
        families = _families(pieces[org], orgs)
        if sum(families.values()) <= count:
            continue
        best = dominant(families, families)
        if org.lower() in FOREIGN_ORG_HEADS and len(families) > 1:
            out[org] = None  # "Caisse" of Caisse Nationale des Autoroutes, Caisse des Depots ...: a word for
            # a kind of body, as "Bank" is, which opens the names of several
        elif best and (best.endswith(" of " + org) or best.endswith(" " + org) and legal[best]) \
                and lowered[org.lower()] >= 2 * count:
            out[org] = None  # "Commerce": what the Bank of Commerce is of; "Planning" (of "Planning Minister")
            # is no International Digital Communications Planning Inc: a common word ending a firm's name
        elif best and best.endswith(" " + org) and places[canonical_place(org) or "-"]:
            out[org] = None  # "Hanover" (the trade fair's, the city's) is no Manufacturers Hanover: a town's
            # name ending a firm's is not what the wire calls the firm, and alone it is no body
        elif best and best.endswith(" " + org) and surnames[org] >= 2:
            out[org] = None  # "Reynolds": people's as much as Dean Witter Reynolds
        elif best:
            out[org] = best
        elif len(families) > 1:
            out[org] = None
    return out


def _longer_names(orgs: Counter, cut_of: Callable[[str], str | None]) -> dict[str, list[str]]:
    """Index the corpus's names by the name a cut would leave of each (cut_of; None: no such cut)."""
    longer: dict[str, list[str]] = {}
    for org in orgs:
        if (cut := cut_of(org)) is not None:
            longer.setdefault(cut, []).append(org)
    return longer


def cut_before_and(orgs: Counter, legal: Counter) -> dict[str, str]:
    """Organisations NER cut before an inner "and" -> the one longer name the corpus writes them
    in: "American Telephone" -> American Telephone and Telegraph, "Donaldson Lufkin" -> Donaldson
    Lufkin and Jenrette, "Rochester Gas" -> Rochester Gas and Electric. Only a name of two words or
    more, never named with a legal form of its own, whose longer names are named at least as
    often and one family of them dominates (orgs.dominant): not "Texaco" of a glued "Texaco and
    Pennzoil", nor "First Federal Savings" of several savings and loans."""
    longer = _longer_names(orgs, lambda org: (head if " " in (head := org.partition(" and ")[0]) and " and " in org
                                              else None))
    out = {}
    for org, count in orgs.items():
        if org not in longer or legal[org] or _is_acronym(org):
            continue
        families = _families(longer[org], orgs)
        if sum(families.values()) >= count and (best := dominant(families, families)):
            out[org] = best
    return out


def cut_before_a_partner(orgs: Counter, legal: Counter) -> dict[str, str]:
    """Partnerships NER cut after their first partner's name, at the comma the wire writes there ->
    the one longer name the corpus writes them in: "Donaldson, [Lufkin and Jenrette Securities] Corp"
    is Donaldson Lufkin and Jenrette Securities, "Merrill Lynch, [Pierce, Fenner and Smith]" Merrill
    Lynch Pierce Fenner and Smith. Only a name with an inner "and" whose names with one more word in
    front are named at least as often, one of them dominating ("Trust and Savings Bank" of several
    banks stays as it is) and named with a legal form where it is."""
    longer = _longer_names(orgs, lambda org: (rest if " and " in (rest := org.partition(" ")[2])
                                              and re.fullmatch(r"[A-Z][a-z]+", org.partition(" ")[0]) else None))
    out = {}
    for org, count in orgs.items():
        if org not in longer or org.startswith(("and ", "of ")):
            continue
        names = Counter({name: orgs[name] for name in longer[org]})
        if sum(names.values()) >= count and (best := dominant(names, names)) and (legal[best] or not legal[org]):
            out[org] = best  # (a legal form NER kept with the cut name is the whole firm's)
    return out


def cut_after_and(orgs: Counter, legal: Counter, lowered: Counter) -> dict[str, str]:
    """Organisations of two words or more that NER cut after an inner "and", taking what came
    before it for something else -> the one longer name the corpus writes them in: "Hong Kong and
    [Shanghai Banking] Corp" (NER's place, then a firm) is the Hongkong and Shanghai Banking.
    Only where the longer names are named at least as often and one of them dominates, the corpus
    names it with a legal form (or, when the cut name has none, in two articles: not one article's
    glued "United and Inca Resources"), and the cut name is no bare institution and opens with a
    word the corpus never writes in lower case (lowered): "Heavy Industries ministry", "Computer
    Technology" are words of many names."""
    longer = _longer_names(orgs, lambda org: tail if " and " in org and " " in (tail := org.rpartition(" and ")[2])
                           else None)
    out = {}
    for org, count in orgs.items():
        if org not in longer or is_bare_institution(org) or _is_acronym(org) or lowered[org.split()[0].lower()]:
            continue
        names = Counter({name: orgs[name] for name in longer[org] if _whole_before_and(name, orgs)})
        if sum(names.values()) >= count and (best := dominant(names, names, 1)) \
                and (legal[best] or not legal[org] and orgs[best] >= 2):
            out[org] = best
    return out


def _whole_before_and(name: str, orgs: Counter) -> bool:
    """Tell whether what comes before a name's last "and" is a piece of one name, not a firm of its
    own glued on: "Hongkong and Shanghai Banking", not "United [Gold Corp] and Inca Resources" ("United"
    is named alone more often), "Gleason Securities Service Inc of New York and ...", "AT[ and ]T and ..."."""
    head = name.rpartition(" and ")[0]
    return len(head) > 2 and not any(word.lower().strip(".,") in LEGAL_SUFFIXES for word in head.split()) \
        and orgs[head] < orgs[name]


def cut_at_the_end(orgs: Counter, legal: Counter, shared: frozenset[str], common: frozenset[str]) -> dict[str, str]:
    """Organisations of two words or more that the corpus names mostly as the start of one longer
    name -> that name: NER's or a line's cut ("Moody's Investors" -> Moody's Investors Service,
    "Federated Department" -> Federated Department Stores, "Ways and Means" -> Ways and Means
    Committee); not "Royal Dutch/Shell" of Royal Dutch/Shell Group, whole before its group's word.
    Only a name never named with a legal form, no acronym nor bare institution, whose
    longer names are named at least twice as often and one family of them dominates (not "Credit
    Suisse", named alone in 19 articles beside Credit Suisse First Boston's 31, another bank), and
    no name several bodies share ("Home Federal": shared_names), place ("Santa Fe", a province NER took
    for a body, is no Santa Fe Southern Pacific) or phrase the corpus writes in lower case ("Wall
    Street", "National Security" of a title: common_phrases)."""
    longer: dict[str, list[str]] = {}
    for org in orgs:
        words = org.split()
        for size in range(2, len(words)):
            longer.setdefault(" ".join(words[:size]), []).append(org)
    out = {}
    for org, count in orgs.items():
        if org not in longer or org in shared or org in common or legal[org] or _is_acronym(org) \
                or ends_in_legal_form(org) or is_bare_institution(org) or canonical_place(org):
            continue
        families = _families(longer[org], orgs)
        if sum(families.values()) >= 2 * count and (best := dominant(families, families)) and best not in shared \
                and not set(best[len(org):].lower().split()) <= _FAMILY_WORDS:
            out[org] = best
    return out


# Words a firm's name takes for its group or one of its parts, after a whole name: "Royal Dutch/Shell
# Group", "Sikorsky Aircraft Division", "Jardine Matheson Holdings" (the shorter name is no cut).
_FAMILY_WORDS = frozenset({"group", "division", "holdings", "unit", "international", "industries", "cos", "companies",
                           "co", "corp", "corporation", "inc", "ltd", "plc", "subsidiary", "usa", "u.s.a"})


# How many articles must name an organisation for an untagged name to be it (CorpusMaps.attested).
ATTESTED_MIN = 3


def attested_orgs(orgs: Counter, people: Counter, places: Counter, no_names: frozenset[str]) -> frozenset[str]:
    """The organisations an article's untagged name may be (untagged.py): of two words or more,
    named as a body in ATTESTED_MIN articles or more and never as a person or a place, no phrase the
    corpus writes in lower case nor product (no_names), and no country's bare institution ("U.S.
    Government": a phrase before it is an organisation's name)."""
    return frozenset(org for org, count in orgs.items()
                     if count >= ATTESTED_MIN and " " in org and not people[org] and not places[org]
                     and org not in no_names and not is_bare_institution(org.split(" ", 1)[1])
                     and not is_bare_institution(org))


def shared_names(orgs: Counter, legal: Counter | None = None) -> frozenset[str]:
    """Names that several bodies share, told apart by their place: those the corpus also gives
    with "of" and two or more different places ("First Federal Savings and Loan Association of
    Beloit" and "... of Charleston"; "Federal Reserve Bank of St. Louis" and "... of New York"),
    and those it writes mostly after a state, country or big city, no one of which dominates
    ("Georgia Public Service Commission", "Arkansas ...": a bare "Public Service Commission"; the
    Senate's and the House's "Banking Committee";
    "Canadian Wheat Board" and "Australian ..."; not "World Bank" beside a glued "Toronto World
    Bank", nor "Board of Trade", Chicago's in 47 articles of 50, nor a firm's own name that its
    legal form follows: "Commodity Exchange Inc", New York's, beside "London Commodity Exchange").
    Alone, such a name would be one facet value for different bodies; it is left out."""
    places: dict[str, set[str]] = {}
    before: dict[str, Counter] = {}
    for org, count in orgs.items():
        head, of, tail = org.partition(" of ")
        if of and (place := canonical_place(tail)):
            places.setdefault(head, set()).add(place)
        words = org.split()
        for size in (1, 2, 3):
            if len(words) >= size + 2 and (place := _qualifier(" ".join(words[:size]))):
                before.setdefault(" ".join(words[size:]), Counter())[place] += count
    return frozenset(head for head, found in places.items() if len(found) >= 2) | frozenset(
        head for head, found in before.items() if head in orgs and len(found) >= 2 and not (legal and legal[head])
        and sum(found.values()) >= max(3, orgs[head]) and not dominant(found, found))


def _qualifier(words: str) -> str | None:
    """The state, country or big city that words before a body's name are ("Georgia", "Canadian",
    "New York"), or the chamber of a legislature ("Senate", "House": their committees share names),
    or None ("Central", "Imperial": no place of that rank)."""
    if words in ("Senate", "House", "U.S. Senate", "U.S. House"):
        return words.removeprefix("U.S. ")
    if country := country_of_nationality(words):
        return country
    place = canonical_place(words)
    return place if place and (is_major_place(place) or is_country_or_state(place)) else None


def _first_and_last_words(people: Counter) -> tuple[Counter, Counter]:
    """Count the distinct full names each word starts and ends."""
    firsts, lasts = Counter(), Counter()
    for person in people:
        words = person.split()
        if len(words) > 1:
            firsts[words[0]] += 1
            lasts[words[-1]] += 1
    return firsts, lasts


def without_first_names(surnames: SurnameMap, people: Counter) -> SurnameMap:
    """Drop the "surnames" that start more of the corpus's full names than they end.

    "Peter" ends "John Peter" but starts Peter Walters, Peter Tavoulareas and a dozen more: a
    bare "Peter" is someone's first name ("his son, Peter"), not John Peter.
    """
    firsts, lasts = _first_and_last_words(people)
    kept = {short: full for short, full in surnames.items() if firsts[short] <= lasts[short]}
    return SurnameMap(kept, (org for org in surnames.org_names if org in kept))


def fuller_names(people: Counter) -> dict[str, str]:
    """Map a full name to the one name of one more word that the corpus also has: "Leon Febres"
    -> "Leon Febres Cordero", "Valery Giscard" -> "Valery Giscard d'Estaing" (NER cut a surname of
    two words). Not when several do ("John Paul": John Paul II, John Paul Stevens), nor to a
    firm's name ("Germaine Monteil Cosmetics"), nor by a word that ends several such pairs: that
    is no part of a name but something NER glues on ("Elizabeth Warren Image", "Kamala Harris
    Image" from photo captions) or a generation ("Jr", "III": the father is someone else). Also a
    name cut at its surname's hyphen: "Felix Houphouet" -> "Felix Houphouet-Boigny"."""
    longer: dict[str, list[str]] = {}
    for name in people:
        words = name.split()
        if len(words) > 2 and " ".join(words[:-1]) in people:
            longer.setdefault(" ".join(words[:-1]), []).append(name)
    glued = Counter(names[0].split()[-1] for names in longer.values() if len(names) == 1)
    out = {short: names[0] for short, names in longer.items()
           if len(names) == 1 and glued[names[0].split()[-1]] == 1 and not is_firm_name(names[0])}
    # A surname NER cut at its hyphen: "Felix Houphouet" -> "Felix Houphouet-Boigny"; not a
    # surname that ends other people's names ("James Miller" is not James Miller-Day).
    lasts = Counter(name.split()[-1] for name in people if " " in name)
    hyphened: dict[str, list[str]] = {}
    for name in people:
        head, hyphen, _tail = name.rpartition("-")
        if hyphen and " " in head and head in people and re.fullmatch(r"[A-Z][a-z]+", _tail) \
                and lasts[head.split()[-1]] == 1:
            hyphened.setdefault(head, []).append(name)
    out.update({short: names[0] for short, names in hyphened.items() if len(names) == 1 and short not in out})
    return out


def double_surnames(people: Counter, orgs: Counter, legal: Counter) -> dict[str, str]:
    """Map two words that end the full name of one person of three words or more, named in full
    in MIN_FULL_NAME_ARTICLES articles, to that person: "Febres Cordero" (NER's "organisation" in a
    story that says "Febres Cordero said") is Leon Febres Cordero; not a name the corpus names
    more often than the person, a legal form follows somewhere, or a firm's form has ("Morgan
    Stanley", "Salomon Brothers")."""
    owners: dict[str, set[str]] = {}
    for person, count in people.items():
        words = person.split()
        if len(words) >= 3 and count >= MIN_FULL_NAME_ARTICLES:
            owners.setdefault(" ".join(words[-2:]), set()).add(person)
    out = {}
    for name in {*people, *orgs}:
        found = owners.get(name, ())
        if len(found) == 1 and not legal[name] and not is_firm_name(name) \
                and people[name] + orgs[name] < people[next(iter(found))]:
            out[name] = next(iter(found))
    return out


def _recased_orgs(orgs: Counter) -> dict[str, str]:
    """Map the case-folded name of each one-word organisation named in two articles or more to its
    most frequent spelling: a headline's Title Case or a shouted line gives "Bankamerica", "Pdvsa",
    "Bhp" for BankAmerica, PDVSA, BHP, which NER then takes for a place or a person."""
    out: dict[str, str] = {}
    for org, count in sorted(orgs.items(), key=lambda item: -item[1]):
        if " " not in org and count >= 2:
            out.setdefault(org.casefold(), org)
    return out


def _org_support(orgs: Counter) -> Counter:
    """Count, for every name, the articles of the organisations it is or starts:
    {"Samuel Montagu": 14} from "Samuel Montagu" and "Samuel Montagu and Co" (not from
    "Reagan Administration": a politician's name is not a firm's)."""
    support = Counter()
    for org, count in orgs.items():
        words = org.split()
        if words[-1].lower() in GOVERNMENT_WORDS:
            continue
        for n in range(1, len(words) + 1):
            support[" ".join(words[:n])] += count
    return support


def _opens_a_firm(name: str, orgs: Counter) -> bool:
    """Tell whether a name opens an organisation's name right before a firm's word: "Hemlo Gold" of
    "Hemlo Gold Mines", "A.E. Staley" of "A.E. Staley Manufacturing" (not "Natsuo Okada" of a
    glued "Natsuo Okada of Sumitomo Bank")."""
    size = len(name.split())
    return any(org.startswith(name + " ") and org.split()[size].lower().strip(".,") in _FIRM_WORDS_AFTER
               for org in orgs)


_FIRM_WORDS_AFTER = FIRM_LAST_WORDS | ORG_HEADS | {"manufacturing"}


def _body_before_person(org: str, people: Counter, orgs: Counter) -> str | None:
    """The body an "organisation" opens when the rest of it is a person the corpus names in two
    articles or more and the body is named alone in two or more (or is an acronym): "Bank of England
    Robin Leigh-Pemberton" -> Bank of England, "FCA Frank Naylor" -> FCA."""
    words = org.split()
    for size in (2, 3):
        head, tail = " ".join(words[:-size]), " ".join(words[-size:])
        if len(words) > size and people[tail] >= 2 and (orgs[head] >= 2 or re.fullmatch(r"[A-Z]{2,}", head)):
            return head
    return None


def things_named(things: Counter, named: Counter, legal: Counter) -> frozenset[str]:
    """The names the corpus gives to a product or a ship (Mentions.things: "the drug Activase", "the
    ferry Herald of Free Enterprise") in at least one article in five of those naming them as an
    entity, and never to a firm with a legal form ("Activase", named bare in other stories, is
    still the drug; "Genentech Inc" makes one): no entity anywhere."""
    return frozenset(name for name, n in things.items() if 5 * n >= named[name] and not legal[name])


def retypes_of(people: Counter, orgs: Counter, places: Counter, surnames: SurnameMap,
               titled: Counter | None = None,
               legal: Counter | None = None,
               lowered: Counter | None = None) -> dict[tuple[str, str], tuple[str, str] | None]:
    """Corpus evidence that a value is of another kind, or no entity: (kind, value) -> target.

    - A one-word "person" or unknown "place" that is an organisation's name in other letter case
      is that organisation ("Bankamerica" of a Title Case headline is BankAmerica).
    - A "person" that the corpus names as a firm at least as often ("Samuel Montagu" and
      "Samuel Montagu and Co", "L.F. Rothschild"), or with a legal form anywhere (legal:
      "Archer Daniels Midland Co", "Amerada Hess Corp"), is that firm, unless an article names it
      after a title ("President Carter" is no Carter Hawley Hale Stores, "Environmental Affairs
      Minister John Wiley" no John Wiley and Sons); so is an unknown "place"
      that starts a firm's name ("Newmont" of "Newmont Mining"), and an unknown "place" of several
      words that the corpus names as an organisation in more articles ("United Nations").
    - An unknown one-word "place" with a capital inside it ("WestLB") is a firm (not "McAllen"); one
      that ends a firm's name the corpus writes in twice as many articles is no entity ("Towbin").
    - An unknown one-word "place" that opens known places' names, one of them dominant, and named
      in as many articles as the firms it opens, is that place ("Rio": Rio de Janeiro), unless the
      corpus writes it in lower case (lowered: "New" of New York, "Southeast", "Mountain") or it is a
      people's adjective ("the Persian year" is no Persian Gulf).
    - An "organisation" that is a body's name run into a person's the corpus knows is the body.
    - An "organisation" of two or three words that the corpus names as a person more often, never
      with a legal form nor as the start of a longer body's name, is that person ("Mario Gabelli");
      so is one of two words named as a person nearly as often (four times in five) in two articles
      or more ("Kerry Packer", "Theodore Cross"), and no such "person" is a firm; one
      that is a known place the corpus names as a place as often, never with a legal form nor
      inside a longer body's name (but after its "of"), is that place ("Wolfsburg", "Pensacola").
    - A one-word "person" that ends firms' names at least as often is a piece of them; an
      unknown one-word "place" that is the surname of a full name is that person ("Yeutter"),
      and so is a small known one named less often than he is ("Tamura": Hajime Tamura, the
      trade minister, not the Japanese town).
    - A one-word "person" that starts more full names than it ends is a first name used alone
      ("Mark" of "Mark Fields", "his son, Peter") and no entity, even where firms start with it
      when more full names do ("David": David Jones Ltd; not "Morton" of Morton Thiokol), and so
      is the surname of several
      full names none of which dominates (the surname map leaves it: "Sullivan", "Anderson"),
      which would be one value for different people; one that no full name has, but
      a known place ("Evansville", "Whakatane"), is that place unless a title names it ("Lord
      Carrington"); any other lone word is a person
      only where some article gives it a title ("President Suharto", "Oil Minister Subroto"):
      NER's one-word "people" without one are firms, ships, words ("Euroclear", "Soft wheat").
      titled None (no evidence given) leaves them as they are.
    """
    support = _org_support(orgs)
    ends = _last_words(orgs)
    owned_ends = _last_words(Counter({org: n for org, n in orgs.items() if " of " not in org}))
    firsts, lasts = _first_and_last_words(people)
    retypes: dict[tuple[str, str], tuple[str, str] | None] = {}
    recased = _recased_orgs(orgs)

    def a_persons_name(name: str) -> bool:  # an "organisation" the corpus names as a person (see below)
        words, count = name.split(), orgs[name]
        return 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][a-z]+", word) for word in words) \
            and people[name] and support[name] <= count and not (legal is not None and legal[name]) \
            and not is_firm_name(name) and canonical_place(name) is None \
            and (people[name] > count or len(words) == 2 and count >= 2 and 5 * people[name] >= 4 * count)

    for person, count in people.items():
        lone = is_bare_surname(person)  # "Baker", "de Havilland"
        if lone and surname_of(person) in surnames:
            continue  # "Baker" is James Baker
        if lone and (org := recased.get(person.casefold())) and org != person:
            retypes[("person", person)] = ("org", org)  # "Bhp" of a Title Case headline: BHP
            continue
        if lone and firsts[person] > max(lasts[person], 1, support[person]):
            retypes[("person", person)] = None  # a first name used alone ("Mark" of Mark Fields;
            # "David": more people than firms start with it, David Jones Ltd or not)
        elif not a_persons_name(person) and not (titled is not None and titled[person]) and (
                support[person] >= max(2, count) or legal is not None and legal[person] and " " in person
                or " " in person and support[person] and firsts[person.split()[0]] <= 1 and count <= 3
                and _opens_a_firm(person, orgs)):
            retypes[("person", person)] = ("org", person)  # "Samuel Montagu"; "Hemlo Gold" of Hemlo Gold
            # Mines, whose first word opens no one else's name (a rare name: not Asher Edelman, whose
            # partnerships bear his, named in 8 articles)
        elif lone and ends[person] >= max(2, count):
            retypes[("person", person)] = None  # the "Brasil" of "Banco do Brasil"
        elif lone and firsts[person] > lasts[person]:
            retypes[("person", person)] = None
        elif lone and lasts[person] > 1:
            retypes[("person", person)] = None  # the surname of several, none dominant ("Sullivan")
        elif lone and not lasts[person] and (place := canonical_place(person)) \
                and (titled is None or not titled[person]):
            retypes[("person", person)] = ("place", place)  # not "Lord Carrington"
        elif lone and titled is not None and not titled[person]:
            retypes[("person", person)] = None  # "Soft", "Louvre", "Euroclear": no title, no full name
    for org, count in orgs.items():
        if body := _body_before_person(org, people, orgs):
            retypes[("org", org)] = ("org", body)  # "Bank of England Robin Leigh-Pemberton": NER ran the
            # body's name into its governor's
        elif a_persons_name(org):
            retypes[("org", org)] = ("person", org)  # "Mario Gabelli", "Anibal Cavaco Silva": a "body" the
            # corpus names as a person more often, never with a legal form nor in a longer firm's name;
            # of two words, nearly as often in two articles or more ("Kerry Packer", two and two; "a bid
            # by Theodore Cross", five, beside four naming him a person; not a one-article tie, "Keefe
            # Bruyette" of a cut firm, "Toyoda Gosei")
        elif re.fullmatch(r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)*", org) and (place := canonical_place(org)) \
                and places[place] >= count and support[org] <= count and not owned_ends[org] \
                and not (legal is not None and legal[org]):
            retypes[("org", org)] = ("place", place)  # "Ivory Coast's capital Yamoussoukro", "the Wolfsburg
            # plant": a known place the corpus names as a place as often, never with a legal form nor
            # in a longer body's name but after its "of" (not "Holt" of Holt, Rinehart and Winston, nor
            # "San Miguel" Corp; "Pensacola" of "Bank of Pensacola" is still the town)
    opened: dict[str, list[str]] = {}  # word -> the known places of several words it opens
    for place in places:
        if " " in place and canonical_place(place) is not None:
            opened.setdefault(place.split()[0], []).append(place)
    for place in places:
        if " " not in place and canonical_place(place) is None and re.search(r"[a-z][A-Z]", place) \
                and not re.match(r"(?:Mc|Mac|De|Di|Du|La|Le|Van|Von)[A-Z]", place):
            retypes[("place", place)] = ("org", place)  # "Westdeutsche Landesbank Girozentrale, WestLB, said":
            # a capital inside a word the gazetteer lacks is a firm's name ("WestLB", "BankAmerica"), not a
            # town's ("McAllen", "DeKalb", "LaSalle")
        elif " " not in place and canonical_place(place) is None and place in opened \
                and lowered is not None and not lowered[place.lower()] and country_of_nationality(place) is None \
                and (whole := dominant(opened[place], places)) \
                and sum(places[name] for name in opened[place]) >= support[place]:
            retypes[("place", place)] = ("place", whole)  # "Trade sources in Rio": Rio de Janeiro, named in
            # more articles than the firms "Rio" opens (Rio Tinto-Zinc) and far more than Rio Grande do Sul
        elif " " not in place and canonical_place(place) is None \
                and (org := recased.get(place.casefold())) and org != place:
            retypes[("place", place)] = ("org", org)  # "Bankamerica", "Pdvsa": BankAmerica, PDVSA
        elif " " not in place and canonical_place(place) is None and support[place] >= 2 \
                and support[place] > places[place]:
            retypes[("place", place)] = ("org", place)
        elif " " in place and "(" not in place and canonical_place(place) is None \
                and orgs[place] >= 2 and orgs[place] > places[place]:
            retypes[("place", place)] = ("org", place)  # "UNITED NATIONS" datelines, "Cheung Kong", "Rio
            # Tinto-Zinc": a name of several words the gazetteer lacks, named as a body in more articles
        elif " " not in place and place in surnames and (
                canonical_place(place) is None or not is_major_place(canonical_place(place))
                and people[surnames[place]] > places[place]):
            retypes[("place", place)] = ("person", surnames[place])  # "Yeutter": Clayton Yeutter
        elif " " not in place and canonical_place(place) is None and owned_ends[place] >= max(2, 2 * places[place]):
            retypes[("place", place)] = None  # "L.F. Rothschild, Unterberg, Towbin initially gave": the last
            # word of a firm the corpus names in twice as many articles, no place the gazetteer knows
    return retypes


# A misspelling is of a long name (short ones differ by a letter and are other firms: "Amax" and
# "Amex") and of one the corpus spells right far more often.
MISSPELT_MIN_LETTERS = 12
MISSPELT_RATIO = 5


def _capital_changed(a: str, b: str) -> bool:
    """Tell whether two names one edit apart differ by a capital letter, which sets initials and
    acronyms apart ("U.K. Treasury" and "U.S. Treasury", "CUC International" and "CPC
    International"), not by its case ("AGriculture") or a small letter ("Commmission")."""
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
    changed = a[start:end_a] + b[start:end_b]
    return any(c.isupper() for c in changed) and a[start:end_a].lower() != b[start:end_b].lower()


def case_variants(orgs: Counter, lowered: Counter | None = None) -> dict[str, str]:
    """Map each casing of an organisation's name but the one the corpus uses most to that one:
    "Opec" -> OPEC, "Ual" -> UAL: one firm, one value (a tie goes to the casing with more capitals,
    "AMEX" over "Amex"). A name with capitals inside its words wins over what a Title Case
    headline makes of it when used a third as often at least, and so does an acronym: "Gencorp",
    "Pepsico", "County Natwest" and "Basf" are GenCorp, PepsiCo, County NatWest and BASF
    ("CitiCorp", 3 articles, is Citicorp, 56; "VISA", once, is Visa, 12). A casing with the shift key
    held a letter too long on a word the corpus writes in lower case (lowered) never wins: "Carter-Day
    INdustries" is Carter-Day Industries, however often ("MCorp" is no such word)."""
    lowered = lowered or Counter()

    def shift_typo(name: str) -> bool:
        return any(re.fullmatch(r"[A-Z]{2}[a-z]{3,}", word) and lowered[word.lower()] >= 2
                   for word in re.split(r"[ \-/]", name))

    by_fold: dict[str, list[str]] = {}
    for org in orgs:
        by_fold.setdefault(org.casefold(), []).append(org)
    out: dict[str, str] = {}
    for names in by_fold.values():
        if len(names) > 1:
            most = max(orgs[name] for name in names)
            inner = [name for name in names if (_capital_inside(name) or _is_acronym(name))
                     and name.title() in names and 3 * orgs[name] >= most]  # not the rare "CitiCorp"
            best = max(inner or names, key=lambda name: (not shift_typo(name), orgs[name],
                                                         sum(map(str.isupper, name)), name))
            out.update((name, best) for name in names if name != best)
    return out


def _is_acronym(name: str) -> bool:
    """Tell whether a name opens with a word of capitals alone: "BASF", "NYNEX", "GAF Corp"."""
    return re.match(r"[A-Z]{2,6}\b", name) is not None


def _capital_inside(name: str) -> bool:
    """Tell whether a word of a name has a capital after a small letter: "GenCorp", "McMoRan"."""
    return re.search(r"[a-z][A-Z]", name) is not None


def misspelt_names(orgs: Counter) -> dict[str, str]:
    """Map an organisation's or a person's name that is one letter off a name the corpus uses
    MISSPELT_RATIO times as often to that name: "Commodity Futures Trading Commmission", "U.S. Food
    and Drug Adminstration", "George Schultz" (George Shultz, 45 articles to 4), "Marlin Fitwater".
    Names one deletion apart share a key (the longer name without one letter; a letter changed or
    two swapped leave both with the same deletion)."""
    by_deletion: dict[str, list[str]] = {}
    long_names = [org for org in orgs if len(org) >= MISSPELT_MIN_LETTERS]
    for org in long_names:
        for key in {org[:i] + org[i + 1:] for i in range(len(org))} | {org}:
            by_deletion.setdefault(key, []).append(org)
    # The names sharing a key with each name, read off the keys shared at all (few): generating
    # every name's keys a second time was half of a corpus pass's map building.
    sharing: dict[str, set[str]] = {}
    for names in by_deletion.values():
        if len(names) > 1:
            for org in names:
                sharing.setdefault(org, set()).update(names)
    out: dict[str, str] = {}
    for org, others in sharing.items():
        near = {other for other in others if other != org and one_edit(org, other)
                and not _capital_changed(org, other)}
        best = max(near, key=lambda other: (orgs[other], other), default=None)
        if best is not None and orgs[best] >= MISSPELT_RATIO * orgs[org] \
                and org.split()[-1] != best.split()[-1] + "s" and best.split()[-1] != org.split()[-1] + "s":
            out[org] = best
    return out


def misspelt_places(places: Counter) -> dict[str, str]:
    """Map a place the gazetteer lacks, of five letters or more, that is a known place typed wrong
    by one letter, left out, doubled or swapped with the next, and that the corpus names
    MISSPELT_RATIO times as often, to that place: "Toyko" (5 articles) is Tokyo (858), "Wasington"
    Washington, "Nedw York" New York. Not a letter changed: "Kansai" is a region of Japan, not
    Kansas. (misspelt_place mends countries and states article by article; a city needs the
    corpus to say which spelling is the usual one.)"""
    def deletions(name: str) -> set[str]:
        return {name[:i] + name[i + 1:] for i in range(len(name))} | {name}

    by_deletion: dict[str, list[str]] = {}
    for place in places:
        if canonical_place(place) is not None:
            for key in deletions(place):
                by_deletion.setdefault(key, []).append(place)
    out: dict[str, str] = {}
    for place, n in places.items():
        if len(place) < 5 or "(" in place or canonical_place(place) is not None:
            continue
        near = {known for key in deletions(place) for known in by_deletion.get(key, ())
                if one_edit(place, known) and not _one_letter_changed(place, known)
                and places[known] >= MISSPELT_RATIO * n}
        if len(near) == 1:
            out[place] = near.pop()
    return out


def _one_letter_changed(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1
