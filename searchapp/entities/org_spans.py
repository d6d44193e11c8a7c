"""Read ORG spans into organisation names: firms cut at "and", owners, portfolios, places inside.

An ORG span is a first guess that its neighbours correct: "[Standard and] Poor's Corp" is one
firm, "[PaineWebber Inc and Advest Inc]" two, "China's Ministry of Foreign Affairs" is China's
(the place is kept), "Finance" of "Finance Minister" is a title, "U.S. Firms" a place and nouns,
"Senate Agriculture Appropriations committee" ends at its lower-case head, "per CWT" is a
unit, "BBB" a credit rating, "London Interbank Borrowing Rates" a price and "Sixth Offshore
Licensing Round" an event.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from searchapp.entities.names import (CRUDE_GRADES, FACILITY_NOUNS, FIRM_LAST_WORDS, FIRST_OF_COMPOUND, LAND_NOUNS,
                                      LANDMARK_WORDS, ORG_HEADS,
                                      SECOND_OF_COMPOUND, TITLE_WORDS, clean_org, is_firm_name, is_slashed_name,
                                      normalize_space, split_firms)
from searchapp.entities.orgs import (FIRM_AFTER_AT, LEGAL_FORM, LEGAL_SUFFIXES, agency_name, drop_legal_form, is_agency,
                                     is_bare_institution, is_institution_word, is_one_of_many, qualify_institution,
                                     strip_legal_suffix)
from searchapp.entities.spots import compiled, follows
from searchapp.entities.article_text import ArticleText, doc_text, is_firm_by_what_follows
from searchapp.entities.places import (canonical_place, city_of_state_initials, country_of, country_of_nationality, is_country,
                                       is_country_or_state, is_major_place, is_misspelt_month, is_region,
                                       region_of_adjective)

# Last words of an ORG named after a politician rather than a firm: "Reagan Administration".
GOVERNMENT_WORDS = frozenset({"administration", "government", "cabinet", "camp", "aides", "team",
                              "campaign", "family", "era", "plan"})
# Ministry portfolios that spaCy tags ORG in a title: "Finance Minister Kiichi Miyazawa".
PORTFOLIO_WORDS = frozenset({"finance", "trade", "foreign", "economy", "economics", "agriculture",
                             "energy", "interior", "home", "justice", "commerce", "labor", "labour",
                             "industry", "oil", "petroleum", "health", "education", "transport",
                             "budget", "defence", "defense", "state", "mines", "social", "affairs",
                             "food"})
# Lower-case heads that end a body's name ("Senate Agriculture Appropriations committee"); not
# after one word ("the Chevrolet division" is Chevrolet, "the OPEC committee" OPEC's).
LOWER_HEADS = frozenset({"committee", "subcommittee", "division"})
# Last words of ORG spans that are prices or events, not organisations.
NOT_ORG_LAST_WORDS = frozenset({"rate", "rates", "round",
                                # policies, laws and papers, not bodies: "Common Agricultural Policy",
                                # "Monthly Oil Market Report", "Food Security Act", "Nikkei Index"
                                "policy", "report", "reform", "plan", "programme", "program", "index",
                                # and rules: "Finance Ministry Ordinance", "National Security Decision Directive"
                                "ordinance", "decree", "directive", "regulation", "regulations", "code", "guidelines",
                                "initiative", "scheme", "act", "bill", "treaty", "accord", "pact", "law", "budget",
                                # and sites: "Zortman/Landusky Mine" ("Echo Bay Mines" is a firm)
                                "mine", "refinery",
                                # an index; bodies glued ("U.S. Agriculture and Commerce Departments")
                                "average", "departments", "ministries",
                                # a commodity pact ("International Coffee Agreement"; its council is the body)
                                "agreement",
                                # taxes, instruments and meetings: "Petroleum Revenue Tax", "Philippine
                                # Investment Notes", "First Handler Cotton Certificate", "Venice Summit"
                                "tax", "taxes", "levy", "tariff", "tariffs", "notes", "certificate",
                                "certificates", "summit",
                                # sites, measures and statements: "Broussard Gas Field", "General Capital
                                # Increase" (of the World Bank), "Interim Committee Communique"
                                "field", "oilfield", "increase", "communique", "scale",
                                # instruments and policies: "Collateralised Mortgage Obligation",
                                # "Medium Term Financial Strategy"
                                "obligation", "obligations", "strategy", "requirement", "requirements",
                                # meetings and buildings: "Offshore Technology Conference", "U.N.
                                # Headquarters" (not "U.N. Conference on Trade and Development": of, on, for)
                                "conference", "headquarters"})


def _is_cut_or_generic_committee(name: str, after: str) -> bool:
    """Tell whether an ORG is a committee that says not whose ("Budget Committee", "Finance
    Committee": every chamber has one), a committee's subcommittee without its own name ("Senate
    Banking Subcommittee") or a chamber's committee cut before its head ("Senate Budget" of "Senate
    Budget Chairman"); not "Senate Budget Committee", "Ways and Means Committee", "House Agriculture
    Appropriations Subcommittee"."""
    words = [word.lower().strip(".,") for word in name.split()]
    if words[:1] == ["u.s."]:
        words = words[1:]
    if len(words) == 3 and words[0] in ("senate", "house") and words[2] == "subcommittee":
        return True  # "Senate Banking Subcommittee": one of that committee's subcommittees, which?
    if words[-1] in ("committee", "subcommittee"):
        return len(words) > 1 and all(word in PORTFOLIO_WORDS | {"and", "&", "of", "the"} for word in words[:-1])
    return words[-1] in PORTFOLIO_WORDS and any(word in ("senate", "house") for word in words[:-1]) \
        and after not in LOWER_HEADS


# Arrangements that countries, markets and traders take part in, named like bodies.
ARRANGEMENTS = frozenset({"monetary system", "market system", "quotation system", "quotations system",
                          "information system"})
# A committee named by its topics, and the rest of their list: "the House Agriculture Subcommittee on
# Wheat, Feedgrains and Soybeans".
_COMMITTEE_ON = re.compile(r"\b(?:Committee|Subcommittee)[ ]on[ ][A-Z][a-z]+$")
_MORE_TOPICS = re.compile(r"(?:,[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)*,?[ ](?:and|&)[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?"
                          r"(?![\w'\-])")
# Oil stores and fields named like bodies.
STOCKPILES = frozenset({"petroleum reserve", "petroleum reserves", "oil reserve", "oil reserves"})


def is_no_body(name: str) -> bool:
    """Tell whether an ORG name is a price, event, policy, law, paper or site (NOT_ORG_LAST_WORDS), not a
    body: "Uruguay Round", "Export Enhancement Program"; not "National Commission on Dairy Policy",
    whose head comes before "on"."""
    words = name.split()
    if " ".join(words[-2:]).lower() in ("currency unit", "currency units", "monetary unit"):
        return True  # a currency: "European Currency Unit"
    if " ".join(words[-2:]).lower() in ARRANGEMENTS:
        return True  # "European Monetary System", "NASDAQ National Market System": what members or
        # traders take part in, not a body (the Federal Reserve System, Ryder System are bodies)
    if re.search(r"\bDepos[ia]t[oa]ry(?:[ ](?:Shares|Receipts))?$", name):
        return True  # "American Depositary Shares", "Burton Group American Depositary Receipts": a security
    if " ".join(words[-2:]).lower() in STOCKPILES:
        return True  # "Strategic Petroleum Reserve", "Elk Hills Naval Petroleum Reserve": oil in store or
        # in the ground (not the Federal Reserve)
    return words[-1].lower() in NOT_ORG_LAST_WORDS and not any(word in ("of", "on", "for") for word in words)


# English words that end the names of papers and bodies named after their country or state:
# "China Daily", "U.S. Embassy", "U.S. Mint" (a town's are names anyway: "Paris Club").
NAME_HEADS = frozenset({"times", "post", "daily", "journal", "herald", "tribune", "telegraph", "gazette",
                         "news", "mail", "star", "globe", "embassy", "consulate", "mint", "club", "bourse",
                         "fed", "reserve", "guard", "agency", "airlines", "railways", "railroad"})
# Words before "U.S. Economy" that make it nouns: "the", "a major", "of".
_NOUN_LEADS = frozenset({"the", "a", "an", "of", "for", "to", "in", "on", "with", "major", "domestic", "big"})
# Words of a committee's name that do not say which: "U.S. Senate Committee".
_COMMITTEE_WORDS = frozenset({"senate", "house", "congressional", "joint", "select", "committee",
                              "subcommittee", "u.s.", "us"})
# What a government issues: "U.S. Government securities" names bonds, not the government.
DEBT_NOUNS = frozenset({"securities", "bonds", "bond", "debt", "paper", "obligations", "issues", "notes", "stock",
                        "agency", "agencies", "guaranteed", "backed", "bills", "bill", "rate", "rates", "yield",
                        "yields", "futures"})
# An index named after a body or a market: "the Dow Jones industrial average", "the Hang Seng index".
_INDEX_AFTER = re.compile(r"\s+(?:\d+\s+)?((?:[a-z\-]+\s+){0,2})(?:index|indices|indexes|average|averages|scale|"
                          r"industrials)\b")  # "one of the Dow Jones industrials": the average's stocks
# What follows a place's name that NER took for a body: "Iraq's Faw peninsula".
# A province NER took for a body: "Davao del Sur province", "... and Davao del Sur provinces".
_PROVINCE_NOUNS = frozenset({"province", "provinces", "prefecture", "prefectures"})
_PROVINCES_AFTER_AND = re.compile(r"\s+and\s+(?:[A-Z][\w\-]*\s+|(?:del|de|do|da)\s+){1,4}(?:provinces|prefectures)\b")
# A mine or an oil field after a name (not a plant, which firms own by name: "the Ford plant").
_MINERAL = r"(?:gold|silver|copper|zinc|lead|nickel|uranium|coal|iron|ore|oil|gas|oil and gas|oil-gas|heap leach)\s+"
_MINE_OR_FIELD_AFTER = re.compile(r"\s+(?:and\s+[A-Z][a-z]+\s+)?(?:(?:North|South|East|West)\s+Sea\s+)?"
                                  r"(?:" + _MINERAL + r"){0,2}(?:mines?|fields?|oilfields?|orebody)\b"
                                  r"|\s+(?:" + _MINERAL + r"){1,2}deposits?\b")  # not "Eurodollar deposits"
# People of a body, which NER runs into its name: "Partners of Burnham Sleepy Hollow Ltd said".
MEMBER_NOUNS = frozenset({"partners", "shareholders", "stockholders", "holders", "directors", "members",
                          "employees", "officials", "officers", "executives", "creditors", "workers",
                          "bondholders", "unitholders", "lenders"})
# Adjectives that NER tags ORG alone, cut from a longer name ("International", "Community").
GENERIC_WORDS = frozenset({"international", "community", "national", "central", "general", "federal"})
# Credit ratings, which NER tags ORG: S&P's "BBB", "AA-", "BBB-plus"; Moody's "Baa-2", "Aaa".
_RATING = re.compile(r"(?:AAA|AA|A|BBB|BB|B|CCC|CC|C|Aaa|Aa|Baa|Ba|Caa|Ca)(?:[+\-]|-plus|-minus)?\d?"
                     r"|[A-Z][A-Z&]{0,3}-\d{1,2}[+\-]?"  # "D&P-7", "P-1": a rating agency's grade
                     r"|[A-Z]{2,5}s"  # "MPs", "IRAs": a plural of a common noun's initials
                     r"|(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")  # "Reserves I, II and III": a Roman numeral

# Words before a portfolio in a minister's title: "International Trade and Industry Minister".
_PORTFOLIO_HEADS = PORTFOLIO_WORDS | {"and", "&", "international", "external", "economic"}
# Titles after "<country> <portfolio>" that make it a title, not a body: "Bangladesh Commerce Minister".
_OFFICE_HOLDERS = frozenset({"minister", "ministers", "secretary", "undersecretary", "under-secretary",
                             "spokesman", "spokeswoman", "official", "officials"})
# A firm's parts: "Applied Technology Division" (not the "Economist Intelligence Unit"; a "Group" is
# often the firm: the lexicon knows "Fleet Financial" and "Morgan Stanley" as words).
_UNIT_WORDS = frozenset({"division", "divisions"})
# An office a person holds, which no body's name ends in: "National Security Adviser" (a plural
# may: "EC Council of Ministers").
_OFFICE_TITLES = _OFFICE_HOLDERS - {"ministers", "officials"} | {"adviser", "advisor", "chairman", "president",
                                                                 "governor", "ambassador", "envoy", "commissioner"}


# Articles of other languages that open firms' names.
_ARTICLES = frozenset({"La", "Le", "Les", "El", "Los", "Las", "Il", "De", "Die", "Der", "Das", "Al"})


def places_in_org(org: str, firm: bool = False) -> list[str]:
    """Places an organisation is named after: "Bank of Japan", "Texas Commerce Bank", "London
    Gasoil", "Federal Reserve Bank of New York". A town that opens a firm's name is no place the
    story is about ("Mesa Limited Partnership", "Leeds Permanent Building Society", "Saitama
    Bank", "Yokohama Rubber Co Ltd"): only a country or a US state is taken from there. A firm
    is one by its name's form (names.is_firm_name), or firm is True: the text gave it a legal
    form or ticker that the name no longer has."""
    words = org.split()
    found: list[str] = []
    if not words:
        return found
    for size in (3, 2, 1):
        place = canonical_place(" ".join(words[:size])) if len(words) > size and words[size] != "of" else None
        # (before "of" a word is the name's head, no place: "Sale of Shearson Stake" is no Salé)
        if size == 1 and words[0] in _ARTICLES:
            break  # "La Caixa", "La Generale": an article, not "LA"
        if place and is_major_place(place):
            if is_country_or_state(place) or not (firm or is_firm_name(org)):
                found.append(city_of_state_initials(place, " ".join(words[:size])) or place)  # "N.Y. Comex"
            break
    _, of, tail = org.rpartition(" of ")
    if of and (place := canonical_place(tail)) and is_major_place(place):
        found.append(place)
    return found


# Last words of bodies named after their town: "Peoples Bank of Nanticoke, Pa.", "Savings and Loan
# Association of Muskogee, Okla.", "City of Clanton, Ala."; where others are ("U.F. Genetics of Hollister, Calif.").
NAMED_BY_TOWN = frozenset({"bank", "bancorp", "bancshares", "savings", "loan", "association", "trust", "city",
                            "county", "town", "clinic", "center", "centre", "hospital", "college", "university",
                            "school", "court", "church", "district", "board", "council", "chamber", "commerce"})


# Last words of waterways, which NER takes for bodies: "the Welland Canal".
_WATERWAYS = frozenset({"canal", "river", "strait", "straits", "sea", "ocean", "seaway", "passage"})


def _is_river(name: str) -> bool:
    """Tell whether a name of two words is a river's, named first: "the River Plate"."""
    words = name.split()
    return len(words) == 2 and words[0] == "River" and words[1].lower() not in FIRM_LAST_WORDS | ORG_HEADS


def _names_a_place(words: list[str]) -> bool:
    """Tell whether some run of the words is a known place: "West Texas" (Texas), "Light Louisiana"."""
    return any(canonical_place(" ".join(words[start:end]))
               for start in range(len(words)) for end in range(start + 1, len(words) + 1))


def _is_portfolio_head(head: str) -> bool:
    """Tell whether the words before a portfolio in a title are a country and portfolio words:
    "Bangladesh", "International Trade and", "Philippines Trade and"."""
    words = head.split()
    return any((not cut or canonical_place(lead := " ".join(words[:cut])) or country_of_nationality(lead))
               and all(word.lower() in _PORTFOLIO_HEADS for word in words[cut:])
               for cut in range(min(3, len(words)) + 1))


# After a name, more of it: a capitalised word, a ticker or a legal form ("Mark IV Industries Inc").
_MORE_OF_A_NAME = re.compile(r"(?:[ ][A-Z]|,?[ ]<|,[ ]" + LEGAL_FORM + ")")


def is_model_name(name: str, text: str) -> bool:
    """Tell whether a name is a make and its model's Roman numeral ("Cray II", "Intelsat VI"), not a
    firm's short name the text gives more words, a ticker or a legal form ("Mark IV" of "Mark IV
    Industries Inc", "Mark IV <IV>")."""
    return re.fullmatch(r"[A-Z][a-z]+[ ](?:II|III|IV|VI|VII|VIII)", name) is not None \
        and not follows(text, name, _MORE_OF_A_NAME, not_before=None)


def joins_by_particle(first: Span, second: Span, article: ArticleText) -> bool:
    """Tell whether an ORG and a one-word span after "do"/"da"/"de" are one name that NER cut:
    "[Banco] do [Brasil]", "[GM] do [Brasil]" (the second part taken for a person), "[Banque
    Generale] du [Luxembourg]" (for a place); or after a conjunction of another language: "[Bank
    Mees] en [Hope]", "[Minas de Almaden] y [Arrayanes]"; or a one-word ORG and a one-word PERSON
    after "and" in the body, neither the surname of someone the article names: "[Bausch] and
    [Lomb]" (not "[Miyazawa] and [Baker]": NER calls a minister ORG in headlines; people are
    PERSON both: "Reagan and Baker")."""
    if first.label_ != "ORG" or second.label_ not in ("PERSON", "ORG", "GPE") or len(second) != 1:
        return False
    between = doc_text(first.doc)[first.end_char: second.start_char]
    if between in (" do ", " da ", " dos ", " das ", " de ", " du ", " del ", " des ", " fuer ", " für "):
        return True  # and German "for": "[Bank] fuer [Gemeinwirtschaft]", "[Kreditanstalt] fuer [Wiederaufbau]"
    if between == " a " and second.end < len(second.doc) \
            and second.doc[second.end].text.lower().strip(".") in LEGAL_SUFFIXES:
        return True  # "[Banque Internationale] a [Luxembourg] SA": French "à", which the wire writes "a"
    if second.label_ == "GPE":
        return False
    if between in (" en ", " et ", " y ", " und "):
        return second.text.lower().strip(".") not in LEGAL_SUFFIXES  # not "Lazard Freres et [Cie]"
    _firsts, lasts, _openings = article.longer_names
    return between in (" and ", " & ") and len(first) == 1 and second.label_ == "PERSON" \
        and first.text.istitle() and not article.in_headline(first) \
        and first.text not in lasts and second.text not in lasts


# Whom a union gathers, ending its name: "International Association of Machinists and Aerospace Workers".
_WORKER_NOUNS = frozenset({"workers", "clerks", "employees", "employes", "engineers", "machinists", "miners",
                           "teamsters", "pilots", "attendants", "operators", "drivers", "firemen", "seamen"})


def _is_town_word(word: str) -> bool:
    """Tell whether a capitalised word is a known place or a compass word ("Bristol", "West")."""
    return word.lower() in ("north", "south", "east", "west") or canonical_place(word) is not None


def joins(first: Span, second: Span) -> bool:
    """Tell whether two ORG spans are one firm cut at "and": "[American Telephone] and [Telegraph Co]",
    "[BSV Bank fuer Sparanlagen] und [Vermoegensbildung AG]", "[Progressive Savings] and [Loan
    Association]" (a compound: "Savings and Loan"); not "[Credit Suisse First Boston Ltd] and
    [Cazenove and Co]", where the first ends in its own legal form. Also one firm: two ORG spans
    cut after the first's "of" ("[Cablevision Industries of] [California Inc]")."""
    if first.label_ == second.label_ == "ORG" and second[0].lower_ in SECOND_OF_COMPOUND \
            and (compound := re.search(r"(\w+)[ ](?:and|&)[ ]\Z",
                                       doc_text(first.doc)[first.start_char: second.start_char])) \
            and compound[1].lower() in FIRST_OF_COMPOUND and compound[1].lower() != second[0].lower_:
        return True  # NER may take the "and" into the first span: "[Progressive Savings and] [Loan Association]"
    if first.label_ == second.label_ == "ORG" and len(first) > 2 and first[-1].lower_ in ("and", "&") \
            and doc_text(first.doc)[first.end_char: second.start_char] == " " and second[-1].lower_ in ORG_HEADS \
            and not any(token.lower_ == "of" or token.lower_ in ORG_HEADS for token in first[:-1]):
        return True  # NER took the "and" into the first span: "[the Palm Oil Registration and] [Licensing
        # Authority]" (not "[Bank of Iron County and] [Summit Savings and Loan Association]": a body each)
    if first.label_ == second.label_ == "ORG" and len(first) == 1 and _is_town_word(first.text) \
            and second[-1].lower_ in ORG_HEADS and len(second) >= 2 and _is_town_word(second[0].text) \
            and doc_text(first.doc)[first.end_char: second.start_char] == " and ":
        return True  # a building society named after two places: "[Bristol] and [West Building Society]"
    if first.label_ == second.label_ == "ORG" and len(first) == 1 and first[0].is_title and len(second) == 2 \
            and second[0].is_title and strip_legal_suffix(second.text) == second[0].text \
            and not (first.start and first.doc[first.start - 1].lower_ in ("in", "on", "at", "since", "until", "by")) \
            and doc_text(first.doc)[first.end_char: second.start_char] == ", " \
            and not re.match(r",?[ ](?:and|&)[ ]|,[ ][A-Z]", doc_text(first.doc)[second.end_char:]):
        return True  # two partners and their legal form: "[Kleinwort], [Benson Ltd]" (not a list, "A, B Ltd and C")
    if first.label_ == second.label_ == "ORG" and any(token.lower_ == "of" for token in first) \
            and second[-1].lower_ in _WORKER_NOUNS and len(second) <= 3 \
            and doc_text(first.doc)[first.end_char: second.start_char] == " and ":
        return True  # a union of two trades: "[Brotherhood of Railway] and [Airline Clerks]"
    if first.label_ == second.label_ == "ORG" and len(first) == 1 and is_institution_word(first.text) \
            and second[-1].lower_ in ("ministry", "department") and len(second) == 2 \
            and is_institution_word(second[0].text) \
            and doc_text(first.doc)[first.end_char: second.start_char] == " and ":
        return True  # "[Energy] and [Mines Ministry]"
    if first.label_ == second.label_ == "ORG" and first[0].lower_ in ("ministry", "department") \
            and len(first) >= 3 and first[1].lower_ == "of" and len(second) <= 3 \
            and all(is_institution_word(token.text) for token in second) \
            and doc_text(first.doc)[first.end_char: second.start_char] == " and ":
        return True  # "[Ministry of Finance] and [National Economy]": one ministry of two portfolios
    if first.label_ == second.label_ == "ORG" and doc_text(first.doc)[first.end_char: second.start_char] == " of " \
            and (bare := drop_legal_form(second.text)) != second.text \
            and (place := canonical_place(bare)) and is_country_or_state(place):
        return True  # "[Union Bancorp] of [West Virginia Inc]": the firm's whole name, its state before its legal
        # form (not "[Bank] of [Tokyo]": no legal form closes it)
    if first.label_ == second.label_ == "ORG" and first[-1].lower_ == "of" and len(first) > 1 \
            and second[-1].lower_.rstrip(".") in LEGAL_SUFFIXES \
            and doc_text(first.doc)[first.end_char: second.start_char] == " ":
        return True  # "[Cablevision Industries of] [California Inc]": NER took the "of" and cut before
        # the rest of the firm's name (not "[General Capital Increase of] [the World Bank]")
    # A partner of the first cut at "and", the second closed by its legal form: "[Allegheny] and [Western
    # Energy Corp]"; not after a legal form NER took alone ("[Lazard Freres] and [Co] and [Salomon
    # Brothers Inc]": the "Co" closes the firm before it).
    return first.label_ == second.label_ == "ORG" and strip_legal_suffix(second.text) != second.text \
        and strip_legal_suffix(normalize_space(first.text)) == normalize_space(first.text) \
        and first[-1].lower_.rstrip(".") not in LEGAL_SUFFIXES \
        and doc_text(first.doc)[first.end_char: second.start_char] in (" and ", " & ", " und ", " et ", " en ",
                                                                         " y ")


_PARTNER_BEFORE = re.compile(r"(?<![\w\-])([A-Z][a-z]+-?)[ ](?:and|&|und)[ ]\Z")


def _untagged_partner(ent: Span, article: ArticleText | None) -> int | None:
    """Return where a name starts that NER cut after its first partner, a word it tagged as no
    name: "Pratt and [Whitney]", "Coopers and [Lybrand]", "Vereins- und [Westbank AG]"; else None.
    Not after a name NER tagged ("[Texaco] and [Pennzoil]"), a place or nationality, a common
    word opening a sentence ("Banks and [Citicorp]") or a short word ("Mr and [Mrs]")."""
    doc = ent.doc
    before = doc_text(doc)[max(0, ent.start_char - 30): ent.start_char]
    match = _PARTNER_BEFORE.search(before)
    if match is None or len(ent) > 2:
        return None
    start = ent.start_char - len(before) + match.start(1)
    token = next((token for token in doc[max(0, ent.start - 5): ent.start] if token.idx == start), None)
    word = match[1].rstrip("-")
    opens_sentence = re.search(r"(?:\A|[.!?]\s+|\n\s*)\Z", doc_text(doc)[max(0, start - 3): start]) is not None
    # Only German names join words by "und": its partner is one whatever NER or the gazetteer make
    # of the word ("[Kali] und [Salz]", NER's person, and a spelling of Cali).
    german = match[0].endswith(" und ")
    if token is None or token.ent_type_ and not match[1].endswith("-") and not german or token.lower_ in STOP_WORDS \
            or len(word) < 3 or not german and (canonical_place(word) is not None or country_of_nationality(word) is not None
                                                or is_institution_word(word)) \
            or opens_sentence and article is not None and article.is_english_word(word) \
            or not german and article is not None and article.is_common_noun(f"{word} {ent.text}"):
        return None  # "Vereins-" (NER's "person") goes on: no name ends in a hyphen; words the article
        # writes in lower case are no partners' names ("its International Weather and [Crop] summary")
    if ent.text.isupper():
        return None  # "Rolm and [IBM]": an acronym is a name of its own
    while token.ent_iob_ == "I" and token.ent_type_ in ("ORG", "PERSON") and token.i > 0:
        token = doc[token.i - 1]  # "[Berliner Handels-] und [Frankfurter Bank]": one bank
    if match[1].endswith("-"):
        return token.idx
    head = re.search(r"(?<![\w\-])(?:[A-Z][a-z]+[ ]){1,3}of[ ]\Z", doc_text(doc)[max(0, start - 40): start])
    return start - len(head[0]) if head else start  # "Brotherhood of Railway and [Airline Clerks]"


def _firm_start(ent: Span, previous: Span | None, article: ArticleText | None = None) -> int:
    """Return where a firm's name starts that NER cut at "and" ("[Standard and] Poor's Corp",
    "Pratt and [Whitney]") or at a slash ("Audio/[Video Affiliates]")."""
    doc = ent.doc
    if previous is not None and joins(previous, ent):
        return previous.start_char
    glued = re.search(r"\b[A-Z][A-Za-z]*/$", doc_text(doc)[max(0, ent.start_char - 20): ent.start_char])
    if glued:
        return ent.start_char - len(glued[0])  # "Audio/[Video Affiliates]": one name
    if ent.start >= 2 and doc[ent.start - 1].text in ("and", "&") and ent[-1].lower_ in ("ministry", "department") \
            and len(ent) == 2 and is_institution_word(ent[0].text) \
            and doc[ent.start - 2].text[:1].isupper() and not doc[ent.start - 2].ent_type_ \
            and is_institution_word(doc[ent.start - 2].text):
        return doc[ent.start - 2].idx  # "the Mines and [Energy Ministry]": one ministry of two portfolios
    if (partner := _untagged_partner(ent, article)) is not None:
        return partner
    if (initials := _initials_before(ent)) is not None:
        return initials
    if strip_legal_suffix(ent.text) == ent.text or ent.start < 2 \
            or doc[ent.start - 1].text not in ("and", "&"):
        return ent.start_char
    start = ent.start - 1  # the "and"
    while start > 0 and ent.start - start < 4 and doc[start - 1].text[:1].isupper() \
            and doc[start - 1].ent_type_ in ("", "GPE"):
        start -= 1  # "Cable and Wireless Plc", "Hong Kong and Shanghai Banking Corp"
    return doc[start].idx if start < ent.start - 1 else ent.start_char


def _initials_before(ent: Span) -> int | None:
    """Return where a firm's name starts whose capital initials NER left out of the span it closed
    with a legal form: "NMR [Centers Inc]", "CSP [Inc]"; else None. Not after a word of a shouting
    line ("WITH ASW [Corp]"), nor a stop word or a word NER tagged."""
    doc = ent.doc
    if ent.start < 1 or strip_legal_suffix(ent.text) == ent.text:
        return None
    word = doc[ent.start - 1]
    if not (word.is_alpha and word.is_upper and 2 <= len(word) <= 5) or word.ent_type_ or word.is_stop \
            or doc_text(doc)[word.idx + len(word): ent.start_char] != " ":
        return None
    if word.i > 0 and doc[word.i - 1].is_upper and doc[word.i - 1].is_alpha:
        return None  # a line in capitals
    return word.idx


def _slashed_bodies(ent: Span, places: list[str]) -> list[str] | None:
    """Return the bodies of an ORG span that joins them with a slash, each an acronym or a name
    with a body's head, one at least a name ("the Washington IMF/World Bank [meetings]" -> IMF,
    World Bank, and the place Washington); None for any other span ("Audio/Video Affiliates" is
    one name)."""
    text = normalize_space(ent.text)
    if "/" not in text or is_slashed_name(text):
        return None
    names, towns = [], []
    for part in text.split("/"):
        name = clean_org(part)
        if name is None:
            return None
        words = name.split()
        if len(words) > 1 and words[1].isupper() and (place := canonical_place(words[0])) and is_major_place(place):
            towns.append(place)  # "Washington IMF": the meeting's town, then the body
            words = words[1:]
        if not (len(words) == 1 and words[0].isupper() and words[0].isalpha() and 2 <= len(words[0]) <= 6
                or len(words) > 1 and words[-1].lower() in ORG_HEADS):
            return None
        names.append(" ".join(words))
    if all(" " not in name for name in names):
        return None  # "DNS/NS" (wheat grades), "MS/DOS": codes, unless a body's name is among them
    places.extend(towns)
    return names


def read_orgs(ent: Span, previous: Span | None, places: list[str],
               article: ArticleText) -> list[str]:
    """Return the canonical names of an ORG span: one, none, or the firms NER ran together."""
    if re.match(r"-[a-z]", doc_text(ent.doc)[ent.end_char: ent.end_char + 2]):
        return []  # "[U.S. Super]-computers": the start of a hyphenated word, no name
    pair = re.split(r"[-/]", normalize_space(ent.text))
    countries = [country_of_nationality(part) or (place if is_country(place := canonical_place(part) or "-") else None)
                 for part in pair]
    if len(pair) > 1 and all(countries):
        places.extend(countries)
        return []  # "U.S.-Greek", "U.S.-Japan" (talks, ties): the countries, no body; not "Georgia-Pacific"
    if (names := _slashed_bodies(ent, places)) is not None:
        return names
    owner, owns, _part = normalize_space(ent.text).partition("'s ")
    if owns and (particle := re.search(r"\b[A-Z][a-z]+ (?:do|da|de|du|di|del|della|des) $",
                                       doc_text(ent.doc)[max(0, ent.start_char - 30): ent.start_char])):
        # "the Banco do [Brasil's Foreign Trade Department]": NER cut the owner at its particle;
        # the owner, whole (its department has no name of its own here)
        return [name] if (name := clean_org(particle[0] + owner)) else []
    if " " in (name := clean_org(ent.text) or "-") and (region := canonical_place(name)) and is_region(region):
        places.append(region)
        return []  # "against Third World loans": a world region NER took for a body (one word,
        # "Pacific", is more often a firm's name cut short)
    text = doc_text(ent.doc)[_firm_start(ent, previous, article): ent.end_char]
    parts = split_firms(text)
    if len(parts) == 1:
        name = _read_org(ent, previous, places, article)
        told, _, rest = normalize_space(ent.text).partition(" ")
        told_before = doc_text(ent.doc)[max(0, ent.start_char - 5): ent.start_char] == "told "
        agency = [agency_name(told)] if rest and is_agency(told) and strip_legal_suffix(rest) == rest \
            and rest.split()[-1] != "News" and told_before \
            else []  # "told [Reuters Senate Budget Committee Chairman ...]": the agency, and the body after it
        if name and (country_of_nationality(name) or region_of_adjective(name) or " " not in name and not name.isupper()
                     and (article.is_common_noun(name) or name.lower() in GENERIC_WORDS)):
            return []  # "Canadian", "German", "Far Eastern" (buyers); "Administration" where the text says
            # "administration"
        if name and " " not in name and is_misspelt_month(name):
            return []  # "Augsut"
        if name and _is_adjective_before_noun(ent, name, article):
            return []  # "Congressional sources", "In Congressional testimony": an adjective, no body
        if name and (cut := re.fullmatch(r"(.+) of ([A-Z][a-z]+)", name)) and _is_adjective(cut[2]) \
                and re.match(r"\s+[a-z]", doc_text(ent.doc)[ent.end_char:]):
            name = cut[1]  # "the Paris Club of Western creditor governments": the club
        if name and _is_spelled_out_in_lower_case(name, article.text):
            return []  # "CFF" after "compensatory financing facility": a term, not a body
        if name and (title := _PORTFOLIO_TITLE.match(doc_text(ent.doc), ent.end_char)) \
                and _is_portfolio(name, title[0].endswith("Secretary")):
            return []  # "EC External Trade Commissioner Willy de Clercq": a title's portfolio, no body
        as_nouns = _reads_as_nouns(ent, article)
        doc = ent.doc
        one_of = ent.start > 0 and doc[ent.start - 1].lower_ in _INDEFINITE or ent.start > 1 \
            and doc[ent.start - 2].lower_ in _INDEFINITE and doc[ent.start - 1].is_lower and doc[ent.start - 1].is_alpha \
            or ent.end < len(doc) and doc[ent.end].lower_ in _SPEAKERS
        # ("a dealer at a major U.S. Bank", "the U.S. Bank spokesman said": one of the country's banks too)
        return agency + ([name] if name and not _is_place_and_nouns(name, article, places, as_nouns, one_of)
                         else [])
    names = [clean_org(part) for part in parts]
    return [agency_name(name) for name in names if name and name.lower() not in GENERIC_WORDS
            and not (" " not in name and article.lexicon is not None and name.lower() in article.lexicon.adverbs)]
    # ("Getty Oil Co.\n\nHowever": a firm, and the next paragraph's first word)


# A ministry or department written in lower case, with its portfolio and maybe its country: "the defence
# ministry", "a Bangladesh commerce ministry official", "the federal environment department".
# Words of a portfolio, lower case ("finance", "energy and mines"), not of any department ("the state
# department store", "a political department").
_PORTFOLIO_LOWER = frozenset("""
finance trade foreign economy economics agriculture energy interior home justice commerce labor labour industry
defence defense health transport transportation budget planning petroleum oil mines mining fisheries environment
education telecommunications posts information tourism culture science technology welfare employment forestry
aviation food irrigation water shipping railways federal
""".split())
_PORTFOLIO_WORD = "(?:" + "|".join(sorted(_PORTFOLIO_LOWER)) + ")"
# Departments firms and universities have: "Sumitomo Bank's economics department", "the political science
# department".
_FIRMS_DEPARTMENTS = frozenset({"economics", "economy", "science", "information", "technology", "shipping", "food",
                                "oil", "petroleum"})
_LOWER_CASE_INSTITUTION = re.compile(rf"(?<![\w.'\-])(?:([A-Z][a-z]+|U\.S\.|U\.K\.)[ ])?"
                                     rf"((?:{_PORTFOLIO_WORD}[ ](?:and[ ])?){{1,3}})(ministry|department)\b"
                                     r"(?![ ]stores?\b)")


def lower_case_institutions(text: str) -> list[str]:
    """Ministries and departments the text writes in lower case, in Title Case: "the defence ministry" ->
    "Defence Ministry" (a bare institution, which the article's country qualifies), "a Bangladesh commerce
    ministry official" -> "Bangladesh Commerce Ministry", "the federal environment department" ->
    "Federal Environment Department". Not "the ministry" alone (one of many), nor words that are no
    portfolio ("a political department", "the department store")."""
    out = []
    for match in _LOWER_CASE_INSTITUTION.finditer(text):
        words = match[2].split()
        if words == ["federal"] or match.start() and text[match.start() - 1] == "-":
            continue
        if match[3] == "department" and (set(words) & _FIRMS_DEPARTMENTS or re.match(r"[ ]of[ ](?:the\b|[A-Z])|[ ]in[ ]",
                                                                                   text[match.end():])):
            continue  # "the foreign trade department of the federally owned Banco do Brasil"
        owner = re.search(r"((?:[A-Z][a-z]+|[A-Z](?:\.[A-Z])+\.?)(?:[ ](?:[A-Z][a-z]+|do|de|of))*)['’]s[ ]+(?:[a-z]+[ ]+)?$",
                          text[max(0, match.start() - 60): match.start()])
        if owner and not (is_country(canonical_place(owner[1]) or "-") or owner[1] in ("U.S.", "U.K.")):
            continue  # "Sumitomo Bank Ltd's economics department": a firm's own; not "Iraq's defence ministry"
        qualifier = match[1] if match[1] and (country_of_nationality(match[1]) or is_country(
            canonical_place(match[1]) or "-")) or match[1] in ("U.S.", "U.K.") else None
        name = " ".join(word if word == "and" else word.capitalize() for word in [*words, match[3]])
        out.append(f"{qualifier} {name}" if qualifier else name)
    return out


# A city's exchange the wire writes in lower case: "listed on the Luxembourg stock exchange", "the
# Amsterdam bourse", "the New York Stock exchange" (NER tags none of them).
_LOWER_CASE_EXCHANGE = re.compile(r"\b(?:The[ ])?([A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)[ ](?:([Ss]tock[ ][Ee]xchange)|([Bb]ourse))\b")


def lower_case_exchanges(text: str) -> list[str]:
    """The exchanges of known places the text names with a lower-case head, in Title Case:
    "Luxembourg Stock Exchange", "Amsterdam Bourse" (the names the corpus writes elsewhere); not
    a people's adjective ("the Thai stock exchange": its name is another) nor a whole capitalised
    name, which NER reads."""
    out = []
    for match in _LOWER_CASE_EXCHANGE.finditer(text):
        head = match[2] or match[3]
        if head[0].isupper() and head.split()[-1][0].isupper() or canonical_place(match[1]) is None \
                or country_of_nationality(match[1]) is not None and canonical_place(match[1]) != match[1]:
            continue
        out.append(f"{match[1]} Stock Exchange" if match[2] else f"{match[1]} Bourse")
    return out


# A title after a body's portfolio: "EC Farm [Commissioner]", "Australian Resources [and Energy Minister]".
_PORTFOLIO_TITLE = re.compile(r"(?:[ ](?:and|&)[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)?[ ](?:Minister|Commissioner|Secretary)\b")
# The words of a minister's portfolio: "External Trade", "Primary Industries", "Resources and Energy".
_PORTFOLIO_WORDS = frozenset({"agriculture", "farm", "trade", "energy", "finance", "economy", "economic", "affairs",
                              "industry", "industries", "resources", "mining", "mines", "minerals", "defence", "defense",
                              "aviation", "transport", "technology", "science", "research", "development", "livestock",
                              "telecommunications", "posts", "post", "labour", "labor", "health", "interior",
                              "foreign", "external", "commerce", "relations", "social", "corporate", "planning",
                              "fisheries", "forestry", "petroleum", "natural", "permanent", "budget", "monetary"})


def _is_portfolio(name: str, secretary: bool = False) -> bool:
    """Tell whether a name a minister's title follows is his portfolio: all of its words but a body's
    or country's first ones portfolio words ("EC External Trade", "Malaysian Primary Industries",
    "Resources and Energy", "Farm" of "Farm Commissioner Frans Andriessen"); not "United Nations"
    (its Secretary General), "USDA", "Argentine Treasury", "Brazilian Navy", nor one word before a
    Secretary ("Transportation Secretary": the department)."""
    words = name.split()
    while words and (words[0].isupper() or country_of_nationality(words[0]) or words[0] in ("European", "Community")):
        words = words[1:]
    return (len(name.split()) >= 2 or not secretary) and bool(words) and words[-1].lower() in _PORTFOLIO_WORDS \
        and all(word.lower() in _PORTFOLIO_WORDS | {"and", "primary"} for word in words)


_COMPASS_ADJECTIVES = frozenset({"western", "eastern", "northern", "southern", "central", "foreign", "major", "leading",
                                 "industrial", "industrialised", "industrialized", "developed", "developing"})


def _is_adjective(word: str) -> bool:
    """Tell whether a capitalised word is an adjective that begins a noun phrase ("Western
    creditors", "Arab states"), not a name's last word ("Bank of Montreal")."""
    return word.lower() in _COMPASS_ADJECTIVES or country_of_nationality(word) is not None


# Endings of English adjectives made from nouns: "Congressional", "Parliamentary", "Legislative".
_ADJECTIVE_ENDING = re.compile(r"[a-z](?:al|ary|ive|ic|ous)$")


def _is_adjective_before_noun(ent: Span, name: str, article: ArticleText) -> bool:
    """Tell whether a one-word ORG is an adjective before a lower-case noun ("Congressional sources",
    "Parliamentary approval"): no body's name (not "Continental said", "Federal Express"; a name in
    capitals, "ICI", stays)."""
    doc = ent.doc
    return " " not in name and not name.isupper() and _ADJECTIVE_ENDING.search(name.lower()) is not None \
        and article.is_english_word(name) and ent.end < len(doc) and doc[ent.end].is_lower \
        and doc[ent.end].is_alpha and article.lexicon is not None \
        and doc[ent.end].text in article.lexicon.nouns_and_adjectives \
        and not article.lexicon.is_verb_form(doc[ent.end].text)


def _is_spelled_out_in_lower_case(name: str, text: str) -> bool:
    """Tell whether an acronym stands for lower-case words of the text: "compensatory financing
    facility ... the CFF", "gross domestic product (GDP)", "high-strength low-alloy, or HSLA" are
    terms; bodies' names are capitalised. A last "S" may be the plural's where the words define it:
    "newly-industrialized countries (NICS)"."""
    if not (name.isupper() and name.isalpha() and 2 <= len(name) <= 6):
        return False
    link = r"(?:-|[ ](?:(?:of|and|the|for|on|to|in)[ ])?)"
    pattern = r"\b" + link.join(f"{letter.lower()}[a-z]+" for letter in name) + r"\b"
    if len(name) >= 3 and name.endswith("S"):
        plural = r"\b" + link.join(f"{letter.lower()}[a-z]+" for letter in name[:-1]) + rf"s[ ]\({name}\)"
        pattern = f"(?:{pattern}|{plural})"
    return compiled(pattern).search(text) is not None


def _reads_as_nouns(ent: Span, article: ArticleText) -> bool:
    """Tell whether the words of an ORG span may be read as common nouns: in a Title Case headline,
    after an article or preposition ("the U.K. Economy", "a major U.S. Computer and semiconductor
    maker": the wire capitalises the word after "U.S."), before a noun ("a U.K. Property
    company"), or ending in a plural ("U.S. Officials said"); not "U.S. Steel said"."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start else ""
    after = doc[ent.end] if ent.end < len(doc) else None
    noun_after = after is not None and after.is_lower and after.is_alpha and article.lexicon is not None \
        and after.text in article.lexicon.nouns_and_adjectives and not article.lexicon.is_verb_form(after.text)
    return article.in_headline(ent) or ent.text.lower().startswith(("the ", "a ", "an ")) or noun_after \
        or before in _NOUN_LEADS or ent.text.endswith("s") and not ent.text.endswith(("'s", "ss"))




# The people of a body named after it, which make a bare institution one of many: "the U.S. Bank
# dealer said", "one U.S. Bank creditor".
_SPEAKERS = frozenset({"dealer", "dealers", "spokesman", "spokeswoman", "official", "officials", "source", "sources",
                       "economist", "economists", "analyst", "analysts", "creditor", "creditors", "trader", "traders",
                       "executive", "executives"})
# Words before a name that make it one of many: "a dealer with a U.K. Bank", "another U.S. Bank".
_INDEFINITE = frozenset({"a", "an", "another", "one"})


def _is_place_and_nouns(name: str, article: ArticleText, places: list[str], as_nouns: bool = False,
                        one_of: bool = False) -> bool:
    """Tell whether an ORG is a place and common nouns: "U.S. Firms", "U.K. Unit", "U.S. Government".

    Every word after the place is one the article writes in lower case, or, after a country or
    US state and where the span reads as nouns (_reads_as_nouns), an English word ("U.S.
    Negotiators", "the U.K. Economy"); the last is no institution's or paper's ("U.S. Treasury",
    "U.S. Agriculture Department", "China Daily", "the New York Times" stay); and the article
    never names it as a firm, with a legal form or ticker after it ("U.S. Shoe Corp", "U.S. Home
    <UH>", "Sterling Drug Inc" in a story that writes "drug"). The place is kept.
    """
    words = name.split()
    for size in (3, 2, 1):
        if len(words) > size and (place := canonical_place(" ".join(words[:size]))) and not is_region(place):
            rest = words[size:]
            if one_of and len(rest) == 1 and is_bare_institution(rest[0]) and is_one_of_many(rest[0]) \
                    and is_country_or_state(place) \
                    and not follows(article.text, name, FIRM_AFTER_AT, not_before=None):
                places.append(place)
                return True  # "a senior source at a U.K. Bank": one of the country's banks, no name
                # (not "a U.S. Navy ship": a country has one navy)
            if is_bare_institution(rest[-1]) or rest[-1].lower() in ORG_HEADS | NAME_HEADS:
                return False  # "U.S. Treasury", "the New York Stock Exchange", "China Daily"
            if follows(article.text, name, FIRM_AFTER_AT, not_before=None) \
                    or is_firm_name(name) and not is_country_or_state(place):
                return False  # "Sterling Drug Inc", "Hamilton Oil <HAML>", "Golden Gate Futures": a firm
            if article.is_common_noun(" ".join(rest)) or as_nouns and is_country_or_state(place) \
                    and all(map(article.is_english_word, rest)):
                places.append(place)
                return True
            return False
    return False


# A number after a name's "No" (NER stops at the "No"), and a site's noun after it: "No. 1 well".
_NUMBER_AFTER = re.compile(r"\.?[ ]?\d[\w\-]*(?:[ ](well|wells|field|mine|unit|block)\b)?")


def _read_org(ent: Span, previous: Span | None, places: list[str], article: ArticleText) -> str | None:
    """Return the canonical name of an ORG span, or None; places it names go to places."""
    text = doc_text(ent.doc)[_firm_start(ent, previous, article): ent.end_char]
    if text.endswith(" of") and ent.end < len(ent.doc) and ent.doc[ent.end].like_num:
        text = f"{text} {ent.doc[ent.end].text}"  # "[the Group of] [Seven]": NER took the number apart
    if previous is not None and previous.label_ == "NORP" and previous.end == ent.start:
        text = f"{previous.text} {text}"  # "Russian" + "Foreign Ministry"
    first, _, rest = text.partition(" ")
    if rest and is_agency(first) and strip_legal_suffix(rest) == rest:
        if rest.split()[-1] == "News":
            return None  # "Reuter Money News": the agency's own service, a credit
        text = rest  # "told Reuters Kampelman": spaCy ran the credit into the next name
    if (own := re.fullmatch(r"(.+?(?:'s|s'))[ ]([A-Z][a-z]+)", re.sub(r"[‘’`´]", "'", text))) \
            and own[2] in article.longer_names[1]:
        text = own[1]  # "Nikko Securities' Okamoto" after "... top analyst Kasuhiza Okamoto": the firm, then
        # its man, whom the article names in full
    owner, _, rest = re.sub(r"^the\s+", "", re.sub(r"[‘’`´]", "'", text)).partition("'s ")
    if rest and (place := canonical_place(owner)) and (is_major_place(place) or is_region(place)
                                                       or not re.search(r"\b" + LEGAL_FORM + r"\.?>?$", rest)):
        places.append(place)  # "China's Ministry of Foreign Affairs"; not "Moody's Investors", nor
        # "Hudson's Bay Co" (a small town's name in the possessive is the firm's own)
        text = rest
        name = clean_org(text)
        if name and is_bare_institution(name) and (country := country_of(place)):
            return qualify_institution(name, country)  # its owner is its country
    if (seat := re.search(r"\b" + LEGAL_FORM + r"\.?,?\s+of\s+([A-Z][\w.'\- ]+)$", text)) \
            and (place := canonical_place(seat[1])) and not is_country(place) and not is_region(place):
        places.append(place)  # "Maple Leaf Mills Ltd of Toronto": the firm, and where it is (not
        # "Aluminum Co of America": a country there is part of the name)
    name = clean_org(text)
    if name is None:
        return None
    if _COMMITTEE_ON.search(name) and (topics := _MORE_TOPICS.match(doc_text(ent.doc), ent.end_char)):
        name += topics[0].replace(",", "")  # "Subcommittee on Conservation, Credit and Rural Development": NER
        # cut the name at the comma of its list of topics (values go without commas: "Cleary Gottlieb Steen and
        # Hamilton")
    if name.endswith(" Local") and ent.end < len(ent.doc) and re.fullmatch(r"\d{1,5}", ent.doc[ent.end].text):
        name = f"{name} {ent.doc[ent.end].text}"  # "UAW Local 594": a union's local is named by its number
    if name.endswith(" No") and (number := _NUMBER_AFTER.match(doc_text(ent.doc), ent.end_char)):
        if number[1]:
            return None  # "A.D. LeBlanc No. 1 well": a well, named after its lease
        name = name[:-3]  # "Omni Drilling Partnership No 1978-2": the partnership, its number apart
    words = name.split()
    if len(words) >= 4 and words[-1] in article.person_words and words[-2][:1].isupper() \
            and not is_institution_word(words[-2]) and words[-2].lower() not in ORG_HEADS \
            and (words[-2] in article.longer_names[0] or not article.is_english_word(words[-2])) \
            and words[-3].lower().strip(".") not in LEGAL_SUFFIXES:
        name = " ".join(words[:-2])  # "International Trade and Industry Hajime Tamura" ("Tamura said"):
        # a body, then someone the article names (a first name, not "Cie des Machines Bull", nor the
        # Swedish legal form inside "Telefon AB L.M. Ericsson")
    owner, of, town = name.rpartition(" of ")
    if of and " " in owner and owner.split()[-1].lower() not in NAMED_BY_TOWN \
            and (state := re.match(r",\s+([A-Z][a-z]+\.?(?:\s[A-Z][a-z]*\.)?)", doc_text(ent.doc)[ent.end_char:])) \
            and (place := canonical_place(state[1].rstrip("."))) and is_country_or_state(place) \
            and not is_country(place):  # a US state's; "Banque Generale of Luxembourg, Luxembourg" is one name
        places.append(canonical_place(town) or town)
        name = owner  # "U.F. Genetics of Hollister, Calif.": the firm, and where it is
    prefix, _, firm = name.partition(" ")
    if prefix in ("U.S.", "U.K.") and firm and not is_bare_institution(firm) and firm.split()[-1].lower() not in ORG_HEADS \
            and not any(map(article.is_english_word, re.split(r"[ \-]", firm))):
        places.append(canonical_place(prefix))
        name = firm  # "U.S. Allis-Chalmers": the wire's "U.S. firm Allis-Chalmers"
    if is_agency(name):
        return agency_name(name)  # "told Reuters": named in the text, so an organisation it names
    doc = ent.doc
    after = doc[ent.end].text.lower().strip(".") if ent.end < len(doc) else ""
    first, of, rest = name.partition(" of ")
    if of and first.lower() in MEMBER_NOUNS and (body := clean_org(rest)):
        name = body  # "Partners of Burnham Sleepy Hollow"
    if name.split()[-1] in ("Unit", "Units") and ent.end < len(doc) and doc[ent.end].like_num:
        places.extend(places_in_org(name))
        return None  # "the Palo Verde Unit 3 nuclear power plant": a reactor, numbered, no body
    if " " not in name and after in FACILITY_NOUNS and (place := canonical_place(name)):
        places.append(place)
        return None  # "Jamestown mine": the town
    if " " not in name and after in FACILITY_NOUNS and not is_firm_name(name) \
            and re.search(r"[A-Z][\w.\-]*(?:'s|s')[ ]$", re.sub(r"[‘’`´]", "'", doc_text(doc)[max(0, ent.start_char - 40): ent.start_char])):
        return None  # "Shell's Stanlow refinery": a site its owner names (not "the Ford plant": the firm's)
    if (after in _PROVINCE_NOUNS and doc[ent.end].is_lower or _PROVINCES_AFTER_AND.match(doc_text(doc), ent.end_char)) \
            and not is_firm_name(name):
        places.append(canonical_place(name) or name)
        return None  # "Davao del Sur province", "Misamis Occidental and Davao del Sur provinces": provinces
    if after in LAND_NOUNS and doc[ent.end].is_lower and not is_firm_by_what_follows(ent) \
            and name.split()[-1].lower() not in ORG_HEADS:
        places.append(canonical_place(name) or (name if after in ("island", "islands") else f"{name} {after.title()}"))
        return None  # "southern Iraq's Faw peninsula", "the Mekong delta", "Thassos island": a place (not "a Federal National
        # Mortgage Association strip": a body's security)
    if (after == "airport" and doc[ent.end].is_lower or ent[-1].text == "airport") and " " not in name:
        places.extend(filter(None, [canonical_place(name)]))
        return None  # "the Kansai airport": a site, named by its town or region
    if canonical_place(name) is None and not is_firm_name(name) \
            and _MINE_OR_FIELD_AFTER.match(doc_text(doc), ent.end_char):
        places.extend(place for place in places_in_org(name) if place in name or is_country_or_state(place))
        # (as written: the "Cano Limon oilfield" is in no Kano, the gazetteer's "Cano")
        return None  # "the Doyon mine", "Hog Ranch gold mine", "the Mereenie oil and gas field": a site
        # ("the Kittiwake and Osprey North Sea oil fields": two)
    if (" " in name and name.split()[-1].lower() in _WATERWAYS or _is_river(name)) \
            and not is_firm_by_what_follows(ent) and not is_firm_name(normalize_space(ent.text)):
        places.append(name)
        return None  # "the Welland Canal", "the Pearl River", "the River Plate": a waterway
    if " " in name and name.split()[-1].lower() in CRUDE_GRADES and _names_a_place(name.split()[:-1]):
        return None  # "West Texas Intermediate": a grade of crude
    forms = LEGAL_SUFFIXES | {"partnership"}
    if ent.start and doc[ent.start - 1].lower_ in ("a", "an") and (words := ent.text.split())[-1].lower() in forms \
            and (place := canonical_place(" ".join(w for w in words if w.lower().strip(".") not in forms))) \
            and is_country_or_state(place):  # not "a San Miguel Corp subsidiary"
        places.append(place)
        return None  # "a California Limited Partnership": what the firm is, and where
    if re.fullmatch(r"[A-Za-z]+-\d+[A-Za-z]?|M-?\d(?:-?[A-Z])?|[A-Z]{2,4}\d{2,4}[A-Z]?", name):
        return None  # "Hfcs-55", "Pascal-2", "CFM56", "AXE10": a product or a grade with its number; "M-1-A":
        # money supply
    if is_model_name(name, doc_text(doc)):
        return None  # "Cray II", "Macintosh II", "Intelsat VI": a model
    if name.isupper() and len(name) <= 3 and ent.start and doc[ent.start - 1].like_num:
        return None  # "a 115 MB fixed disk", "600 MW": a unit after its number
    if _RATING.fullmatch(name) or ent.start and doc[ent.start - 1].lower_ == "per":
        return None  # "BBB", "per CWT"
    if glued := re.search(r"\w[ ]to[ ][A-Z]", name):
        head = name[: glued.start() + 1]  # two names NER ran across a "to": "Lago Agrio to Balao" (no body),
        if head.split()[-1].lower().strip(".,") not in LEGAL_SUFFIXES:  # "Princeville Airways Inc to Aloha" (the
            return None  # firm its legal form closes)
        name = clean_org(head)
    if " " in name and name.split()[-1].lower() in _OFFICE_TITLES and not is_firm_by_what_follows(ent):
        return None  # "a former National Security Adviser": someone's office, no body
    if " " in name and name.split()[-1].lower() in _UNIT_WORDS and not is_firm_by_what_follows(ent) \
            and all(article.is_english_word(word) for word in name.split()[:-1]):
        return None  # "its Microcomputer Division": a unit named by its trade; whose, the name does not say
    text = doc_text(doc)
    if ent.text.replace(".", "").replace(" ", "").isupper() and "<" in text[max(0, ent.start_char - 1): ent.start_char + 1] \
            and ">" in text[ent.end_char - 1: ent.end_char + 1]:
        return None  # a ticker: "<HAN>"
    if ent.text.isupper() and re.search(r"\bsymbols?[ ]$", text[max(0, ent.start_char - 10): ent.start_char]):
        return None  # "trades under the ticker symbol KDUWI": a ticker
    if re.fullmatch(r"(?:U\.S\.\s+)?(?:Federal\s+)?(?:District|Bankruptcy|Federal|Appeals|Tax|Claims)\s+Court", name):
        return None  # "U.S. Bankruptcy Court": one of many; its district says which
    if name.split()[-1].lower() in ("government", "exchequer", "treasury") and after in DEBT_NOUNS:
        places.extend(places_in_org(name))
        return None  # "U.S. Government securities", "Treasury bills": a kind of bond, not the body acting
    if (index := _INDEX_AFTER.match(doc_text(doc), ent.end_char)) and not is_firm_by_what_follows(ent) \
            and not any(word in STOP_WORDS or article.lexicon is not None and article.lexicon.is_verb_form(word)
                        for word in index[1].split()):
        return None  # "the Dow Jones industrial average", "the Hang Seng index": an index; "the Mercalli
        # scale" (not "Dean Witter Reynolds Inc said the average monthly gain")
    if is_no_body(name):
        places.extend(places_in_org(name))
        return None  # "London Interbank Borrowing Rates", "Uruguay Round": London, Uruguay
    if _is_cut_or_generic_committee(name, after):
        return None  # "Budget Committee" (the House's or the Senate's?), "U.S. Senate Budget" (cut)
    if after in LOWER_HEADS and doc[ent.end].text == after and name.split()[-1].lower() not in LOWER_HEADS \
            and strip_legal_suffix(name) == name and (" " in name or after == "party"):
        name = f"{name} {after.capitalize()}"  # "Senate Agriculture Appropriations" + "committee", "Liberal party"
        if _is_cut_or_generic_committee(name, ""):
            return None  # "the House Agriculture subcommittee on wheat, ...": which, its lower-case name says
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ in PORTFOLIO_WORDS \
            and doc[ent.end + 1].lower_ in _OFFICE_HOLDERS and _is_portfolio_head(name):
        places.extend(places_in_org(name))
        return None  # "Nicaraguan External" of "Nicaraguan External Trade Minister": a title's words
    head, _, portfolio = name.rpartition(" ")
    if portfolio.lower() in PORTFOLIO_WORDS and after in TITLE_WORDS \
            and (not head or after in _OFFICE_HOLDERS and _is_portfolio_head(head)):
        places.extend(places_in_org(name))
        return None  # "Finance" of "Finance Minister", "Bangladesh Commerce" of "Bangladesh Commerce
        # Minister", "International Trade and Industry" of "International Trade and Industry Minister",
        # "Philippines Trade and Industry" of "Philippines Trade and Industry Secretary"
    if ent.start > 1 and doc[ent.start - 1].lower_ == "of" and name.split()[-1].lower() not in ORG_HEADS \
            and (title := doc[ent.start - 2].lower_.strip(".").rpartition("-")[2]) in TITLE_WORDS:
        if title in ("minister", "ministers") and name.split()[0].lower() != "state" \
                and all(word.lower() in _PORTFOLIO_HEADS for word in name.split()):
            return f"Ministry of {name}"  # "Minister of International Trade and Industry": the ministry
            # (its country comes with the other bare institutions')
        if name.split()[0].lower() in PORTFOLIO_WORDS:
            return None  # "State" of "Secretary of State", "State for Economic Affairs" of "Under-Secretary
            # of State for ..."; not "Texaco" of "chairman of Texaco"
    if all(word.lower() in _COMMITTEE_WORDS or canonical_place(word) for word in name.split()) \
            and name.split()[-1].lower() in ("committee", "subcommittee"):
        return None  # "U.S. Senate Committee", "House Subcommittee": which one, the name does not say
    if " " not in name and ent.text.isupper() and article.is_table \
            and (article.is_english_word(name) or ent.start_char > article.text.find("\n\n") > 0):
        return None  # "WHEAT", "CUSTOMER": a table's heading; "OPG" (opening) in its rows
    if " " not in name and "-" in name and name.rpartition("-")[2].lower() in TITLE_WORDS:
        return None  # "Rear-Admiral", "Vice-Chairman": a title
    place = canonical_place(name)
    if place and name.isupper() and " " not in name and not is_country_or_state(place) \
            and not is_region(place) and not article.is_table:
        place = None  # "the ABA said": the bankers' association, not Aba in Nigeria
    if place and is_major_place(place) and not is_firm_by_what_follows(ent):  # not "Mesa <MOS>"
        if not article.names_someone_else(ent, place):  # "Leeds expects" after "Jeffrey Leeds"
            places.append(place)  # "China‘s" alone: spaCy calls it ORG
        return None
    head, _, last = name.rpartition(" ")
    if head and last.lower() in LANDMARK_WORDS and (region := canonical_place(head)) and is_major_place(region):
        places.append(name)
        return None  # "U.S. Gulf": a region
    places.extend(places_in_org(name, firm=is_firm_name(normalize_space(ent.text)) or is_firm_by_what_follows(ent)))
    return name
