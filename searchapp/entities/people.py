"""Tell people from companies and headline words among PERSON spans; find titled names NER missed.

NER labels are a first guess, and the article shows better: a "person" followed by a ticker
is a company ("Att <T>"), a "person" that the article also writes in lower case is a word
("Bill", "Deficit"), "Finance Minister Barend du Plessis" is a person that the small model
leaves out, and in a Title Case headline a noun looks like a name ("Stock Split").
"""
from __future__ import annotations

import calendar
import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from searchapp.entities.article_text import ArticleText, doc_text, is_firm_by_what_follows
from searchapp.entities.names import (CRUDE_GRADES, FOREIGN_ORG_WORDS, LANDMARK_WORDS, NAME_PARTICLES, ORG_FILLER, ORG_HEADS,
                                      TITLE_WORDS, clean_org, clean_person, is_firm_name, is_landmark,
                                      normalize_space)
from searchapp.entities.orgs import LEGAL_SUFFIXES, strip_legal_suffix
from searchapp.entities.places import canonical_place, country_of_nationality, is_major_place

# Words before a one-word ORG that make it a person: "spokeswoman Zakharova" (spaCy says ORG).
PERSON_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "minister", "president",
                          "secretary", "chairman", "chairwoman", "governor", "ambassador",
                          "premier", "chancellor", "mr", "mrs", "ms", "dr", "senator", "sen",
                          "envoy", "director", "leader", "king", "queen", "prince", "sheikh",
                          "treasurer", "commissioner", "undersecretary"})
# Titles only people bear, before a name: "President Suharto", "Emperor Hirohito".
_PERSON_TITLES = PERSON_ROLES | {"emperor", "pope", "ayatollah", "general", "gen", "colonel", "col", "rep",
                                 "judge", "justice", "archbishop", "cardinal", "lord", "sir"}
# Words before a one-word PERSON that make it a company: "the state oil company Petrobras".
COMPANY_NOUNS = frozenset({"company", "firm", "group", "unit", "subsidiary", "affiliate", "carrier",
                           "airline", "maker", "concern", "utility", "brokerage", "retailer",
                           "producer", "insurer", "lender", "conglomerate", "manufacturer",
                           # the press: "the daily Hurriyet", "Cumhuriyet newspaper"
                           "newspaper", "daily", "weekly", "magazine", "paper", "journal",
                           "agency", "broadcaster", "television", "radio"})
# Jobs whose holder is named with his firm: "an analyst with Tucker Anthony", "economist at L.F.
# Rothschild"; a "person" after such a job and "with"/"at"/"of" is the firm.
FIRM_JOBS = frozenset({"analyst", "analysts", "economist", "economists", "strategist", "strategists",
                       "trader", "traders", "dealer", "dealers", "broker", "brokers", "partner",
                       "partners", "director", "directors", "executive", "executives", "official",
                       "officials", "president", "chairman", "spokesman", "spokeswoman", "manager",
                       "managers", "specialist", "specialists", "researcher", "vice-president"})
# Roles after a comma that make an ORG span shaped like a person's name a person:
# "P.J. Hoenmans, president of its Exploration and Producing division".
APPOSITIVE_ROLES = PERSON_ROLES | {"vice", "chief", "executive", "head", "analyst", "economist", "partner",
                                   "general", "managing", "deputy", "senior", "founder", "owner"}
_INITIALS_NAME = re.compile(r"(?:[A-Z]\.){1,3}[ ]?[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?")
# Holidays, which NER takes for people ("before Easter"): dates, not names.
HOLIDAYS = frozenset({"easter", "christmas", "ramadan", "thanksgiving", "passover", "hanukkah", "diwali",
                      "whitsun", "pentecost", "lent"})
# Words after a PERSON span that make it a firm: "Abbey National building society", "Tucker
# Anthony brokerage" (not "group": "the Icahn group" is the investor and his allies).
FIRM_AFTER = frozenset({"building", "brokerage", "bank", "firm", "subsidiary", "affiliate", "airline",
                        "carrier", "conglomerate", "utility"})
# Heads of an appositive that make the name before it a firm: "Abbey National, the second
# largest building society"; "John Smith, a bank analyst" stays a person.
APPOSITIVE_FIRMS = COMPANY_NOUNS | {"society", "bank", "brokerage", "institution", "house", "partnership"}
_APPOSITIVE_ENDS = frozenset({"in", "of", "at", "for", "with", "on", "from", "to", "by", "which", "that",
                              "who", "and", "or", "based", "said", "says"})
# Securities issues name their managers: "lead manager L.F. Rothschild", "X co-managed the deal".
MANAGER_WORDS = frozenset({"manager", "managers", "co-manager", "co-managers", "underwriter",
                           "underwriters", "co-lead", "agent"})
# Words that make "manager" a job ("general manager Ron Paice"), not an issue's lead manager.
_JOB_QUALIFIERS = frozenset({"general", "marketing", "sales", "plant", "regional", "area", "branch",
                             "country", "project", "product", "export", "operations", "office",
                             "production", "personnel", "treasury", "research", "district", "fund",
                             "portfolio", "investment", "division", "mine", "mill", "refinery",
                             "assistant", "senior", "deputy", "associate", "finance", "financial", "credit",
                             "trading", "dealing", "money", "bond", "business", "purchasing", "campaign"})
# Plural nouns before a name that make it their firm: "economist at stockbrokers Hoare Govett".
FIRMS_OF_PROFESSIONALS = frozenset({"brokers", "stockbrokers", "bankers", "underwriters", "accountants",
                                    "auditors", "consultants", "lawyers", "solicitors", "brokerages"})
MANAGED_WORDS = frozenset({"co-managed", "co-manage", "underwrote", "co-led"})
MONTHS = frozenset(name.lower() for name in (*calendar.month_name[1:], *calendar.month_abbr[1:]))
# Words after a one-word PERSON that make it the press: "Hurriyet newspaper".
MEDIA_AFTER = frozenset({"newspaper", "daily", "weekly", "magazine", "paper", "journal"})
# Plural nouns that open a list of firms or titles: "two newspapers, Cumhuriyet and Milliyet".
LIST_NOUNS = frozenset({"newspapers", "dailies", "weeklies", "magazines", "papers", "journals",
                        "companies", "firms", "banks", "brokerages", "airlines", "carriers", "utilities"})
_FIRM_AFTER = re.compile(r"\s*(?:and|&)\s+(?:Sons|Brothers|Partners)\b")  # "Alex. Brown and Sons"
# A partner's name after a name, then a job there and someone who holds it: "Carroll McEntee and
# McGinley analyst Brian Singer". The whole is one firm. (Not before a legal form: "Dudley Taft and
# Narragansett Capital Inc" are a man and his partner firm.)
_PARTNER_WORD = r"[A-Z](?:[\w'\-]+|\.(?:[A-Z]\.)*)"  # "McGinley", "R.L." (no sentence's full stop)
_PARTNERS_AFTER = re.compile(rf"[ ]+(?:and|&)[ ]+((?:{_PARTNER_WORD}[ ]+){{0,2}}?[A-Z][\w'\-]+)"
                             r"(?=[ ]+(?:[A-Z]\w+[ ]+)?(?P<job>[a-z]+)[ ]+[A-Z])")
# Nouns that make the name after them a firm's, whatever its length: "the British company
# Townsend Thoresen", "accounting firm KMG Main Hurdman".
_FIRM_NOUNS = frozenset({"company", "firm", "brokerage", "subsidiary", "affiliate", "concern", "conglomerate",
                         "insurer", "airline", "utility"})
# Trades that open a sentence before a firm's name, which NER then takes for a person's first name:
# "Insurer Allianz", "Retailer Kaufhof", "Carmaker General Motors".
_TRADE_NOUNS = frozenset({"retailer", "brewer", "carmaker", "automaker", "distiller", "publisher", "chipmaker",
                          "steelmaker", "drugmaker", "shipbuilder", "broker"})


def is_org_as_person(ent: Span) -> bool:
    """Tell whether an ORG span is a person: one word after a role ("spokeswoman Zakharova"), a first
    and a last name after a role written in lower case or before a comma and one ("corporate
    treasurer Lance Moir", "Lance Moir, corporate treasurer at ..."), or initials and a surname with
    a role after a comma ("P.J. Hoenmans, president of ...")."""
    doc = ent.doc
    before = doc[ent.start - 1].text.lower().strip(".") if ent.start else ""
    if len(ent) == 1 and before in PERSON_ROLES and ent.text.istitle():
        return True
    after = [token.lower_ for token in doc[ent.end: ent.end + 3]]
    if re.fullmatch(r"[A-Z][a-z]+[ ][A-Z][a-z]+", ent.text) and not is_firm_name(ent.text) \
            and not is_firm_by_what_follows(ent) \
            and (ent.start and doc[ent.start - 1].is_lower and before in PERSON_ROLES
                 or after[:1] == [","] and any(word in PERSON_ROLES | {"analyst", "economist"} for word in after[1:])
                 and all(token.is_lower for token in doc[ent.end + 1: ent.end + 3])):
        return True  # "Storehouse Plc corporate treasurer [Lance Moir] told Reuters", "[Lance Moir], corporate
        # treasurer at Storehouse Plc": a first and a last name, a title's holder
    return bool(_INITIALS_NAME.fullmatch(ent.text)) and len(after) > 1 and after[0] == "," \
        and (after[1] in APPOSITIVE_ROLES or after[1] in ("a", "an", "the") and len(after) > 2
             and after[2] in APPOSITIVE_ROLES)


def is_named_with_job(ent: Span) -> bool:
    """Tell whether a PERSON span follows a job or a person and "with"/"at"/"of": "an analyst with
    Tucker Anthony", "said Johnson of L.F. Rothschild" name a firm, not a second person."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ not in ("with", "at", "of"):
        return False
    if doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].ent_type_ == "PERSON":
        return True
    return any(token.lower_ in FIRM_JOBS for token in doc[max(0, ent.start - 4): ent.start - 1])


def in_firm_list(ent: Span) -> bool:
    """Tell whether a one-word name is in a list after a plural firm noun: "two newspapers,
    Cumhuriyet and Milliyet", "the banks Barclays, Lloyds and Midland"."""
    if len(ent) != 1:
        return False
    for token in reversed(ent.doc[max(0, ent.start - 8): ent.start]):
        if token.lower_ in LIST_NOUNS:
            return True
        if not (token.text in (",", "and", "&") or token.text[:1].isupper() and token.is_alpha):
            return False
    return False


def among_firms(ent: Span) -> bool:
    """Tell whether a name stands in a list of firms, three of them at least and no one else:
    "Morgan Stanley, Keefe Bruyette, Goldman Sachs and Merrill Lynch will underwrite the issue"."""
    doc = ent.doc
    if not (ent.start >= 2 and doc[ent.start - 1].text in (",", "and", "&")
            or ent.end + 1 < len(doc) and doc[ent.end].text in (",", "and", "&")):
        return False  # in no list: no need to index the spans
    by_end = {span.end: span for span in doc.ents}
    by_start = {span.start: span for span in doc.ents}
    labels = []
    start = ent.start
    while start >= 2 and doc[start - 1].text in (",", "and", "&") and (left := by_end.get(start - 1)) is not None:
        labels.append(left.label_)
        start = left.start
    end = ent.end
    while end + 1 < len(doc) and doc[end].text in (",", "and", "&") and (right := by_start.get(end + 1)) is not None:
        labels.append(right.label_)
        end = right.end
    return labels.count("ORG") >= 3 and "PERSON" not in labels


def places_in_person(ent: Span) -> list[str]:
    """Return the place a PERSON span names after "of": "Manaspas Xuto of Thailand" -> Thailand."""
    _, of, tail = ent.text.rpartition(" of ")
    place = canonical_place(tail.strip()) if of else None
    return [place] if place else []


def _is_firm_partner(ent: Span) -> bool:
    """Tell whether a one-word name is the second partner of a firm: "Duff and Phelps"."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text not in ("and", "&"):
        return False
    partner = doc[ent.start - 2]
    firm_noun = partner.i > 0 and doc[partner.i - 1].lower_ in COMPANY_NOUNS  # "firm Kahn and Harris"
    # Not "Reagan and Baker": two people, unless a company noun comes first.
    return partner.text.istitle() and (partner.ent_type_ != "PERSON" or firm_noun)


def find_titled_names(article: ArticleText) -> list[str]:
    """Find names that follow a role word and that NER missed: "Finance Minister Barend du Plessis".

    Outside a Title Case headline, capitalised words after "Minister", "Governor", "Mr" ... are
    a name; NER (the small model) drops or mislabels some of them as ORG.
    """
    doc = article.doc
    found = []
    for token in doc:
        if token.idx < article.headline_end or token.text.lower().strip(".") not in PERSON_ROLES:
            continue
        words = []
        for follower in doc[token.i + 1: token.i + 6]:
            text = follower.text
            if text.lower().strip(".") in TITLE_WORDS and not words:
                continue  # "Director General Arthur Dunkel"
            if text in NAME_PARTICLES and words or text[:1].isupper() and text.lower() not in STOP_WORDS \
                    and text.replace("-", "").replace("'", "").isalpha():
                words.append(follower)  # not "Poehl At German Affairs Group" (a Title Case subhead)
            else:
                break
        while words and words[-1].text in NAME_PARTICLES:
            words.pop()
        if words and token.ent_type_ == "ORG" and token.ent_iob_ == "I" and words[0].ent_iob_ == "I":
            continue  # "Burger [King] Limited Partnership": a firm's name, the role word in it
        if not words or any(word.ent_type_ == "PERSON" for word in words) \
                or len(words[0].text) > 1 and words[0].text.isupper() and not token.text.isupper():
            continue  # NER has it; or an acronym, a firm: "Resources leader BHP" (not "PRESIDENT POEHL")
        span = doc[words[0].i: words[-1].i + 1]
        name = clean_person(span.text)
        if not name or canonical_place(name) or country_of_nationality(name) or is_landmark(name) \
                or canonical_place(f"{token.text} {span.text}") \
                or strip_legal_suffix(name) != name or name.split()[-1].lower() in ORG_FILLER:
            continue  # "President Microwave Corp", "Prince Edward Island"
        if len(words) > 1 or not (article.is_common_noun(name) or article.lexicon is not None
                                  and article.lexicon.is_common_word(name.lower())):
            found.append(name)  # one word: "King Fahd", not "director Industrial"
    return found


def is_titled(ent: Span) -> bool:
    """Tell whether a name follows a person's title: "President Suharto", "King Fahd", "Mr Nixon"."""
    return bool(ent.start) and ent.doc[ent.start - 1].text.lower().strip(".") in _PERSON_TITLES


def _is_job_title(ent: Span) -> bool:
    """Tell whether the "manager" before a name is a job: "AWB general manager Ron Paice" (a
    person); "lead manager L.F. Rothschild" is a securities issue's firm."""
    doc = ent.doc
    return ent.start > 1 and doc[ent.start - 1].lower_ == "manager" and doc[ent.start - 2].lower_ in _JOB_QUALIFIERS


def _landmark_of(ent: Span) -> str | None:
    """Return the landmark a one-word "person" ends: "Straits of Hormuz", "Gulf of Suez"."""
    doc = ent.doc
    if len(ent) != 1 or ent.start < 2 or doc[ent.start - 1].lower_ != "of" \
            or doc[ent.start - 2].lower_ not in LANDMARK_WORDS or not doc[ent.start - 2].text.istitle():
        return None
    return f"{doc[ent.start - 2].text} of {ent.text}"


def _appositive_head(ent: Span) -> str:
    """Return the last word of an appositive after a name: "Abbey National, the second largest
    building society, said" -> "society"; "John Smith, a bank analyst" -> "analyst"."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "," or doc[ent.end + 1].lower_ not in ("a", "an", "the"):
        return ""
    head = ""
    for token in doc[ent.end + 2: ent.end + 10]:
        if not token.is_alpha or not token.is_lower or token.lower_ in _APPOSITIVE_ENDS:
            break
        head = token.lower_
    return head


# Appositive heads that make a name a person's: "Rei Shiratori, a political science professor".
_PERSON_APPOSITIVES = PERSON_ROLES | {"professor", "analyst", "economist", "executive", "official", "lawyer",
                                      "investor", "trader", "dealer", "consultant", "banker", "officer",
                                      "founder", "owner", "member", "head", "manager", "adviser", "advisor"}


def is_person_by_apposition(ent: Span) -> bool:
    """Tell whether a name of two to four words is a person's by what the text says it is: "Rei
    Shiratori, a political science professor", "Herve de Carmoy, chief executive of Midland",
    "said Natsuo Okada of Sumitomo Bank"."""
    doc = ent.doc
    name = clean_person(ent.text) or ""
    words = name.split()
    if not 2 <= len(words) <= 4 or is_firm_name(name) or ent.end + 1 >= len(doc) \
            or any(word.lower() in ORG_HEADS | ORG_FILLER | FOREIGN_ORG_WORDS for word in words) \
            or canonical_place(words[-1]) or not all(word[:1].isupper() or word in NAME_PARTICLES for word in words):
        return False  # "Banque Paribas Paris, a unit of ...": a firm, named with its town
    before = doc[ent.start - 1].lower_ if ent.start else ""
    if before in ("said", "says") and doc[ent.end].lower_ == "of" and ent.end + 1 < len(doc) \
            and doc[ent.end + 1].ent_type_ in ("ORG", "GPE"):
        return True  # "said Natsuo Okada of Sumitomo Bank": the one who speaks for it
    if doc[ent.end].text != ",":
        return False
    if _appositive_head(ent) in _PERSON_APPOSITIVES:
        return True
    words = [token.lower_ for token in doc[ent.end + 1: ent.end + 4]]
    return bool(words) and (words[0] in _PERSON_APPOSITIVES or words[0] in ("chief", "senior", "deputy", "vice")
                            and len(words) > 1 and words[1] in _PERSON_APPOSITIVES | {"president"})


def _is_employer(ent: Span) -> bool:
    """Tell whether a name is followed by a job and a person: "L.F. Rothschild Unterberg Towbin
    analyst Frederic Cohen", "Merrill Lynch economist John Smith" (the first is the employer)."""
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].lower_ in FIRM_JOBS \
        and doc[ent.end + 1].ent_type_ == "PERSON"


def partners_end(ent: Span) -> int | None:
    """Return where a firm named by partners ends when a name opens one ("[Carroll McEntee] and
    McGinley analyst Brian Singer"), else None."""
    partners = _PARTNERS_AFTER.match(doc_text(ent.doc), ent.end_char)
    if partners and partners["job"] in FIRM_JOBS:
        return partners.end(1)
    return None


def _word_after(ent: Span) -> str:
    return ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""


def read_person(ent: Span, article: ArticleText) -> tuple[str, str] | None:
    """Classify a PERSON span: ("person" | "org" | "place", name), or None for junk."""
    name = clean_person(ent.text)
    if not name or name.lower() in HOLIDAYS or name.lower().rstrip(".") in MONTHS \
            or ent.text.isupper() and ent.text.isalpha() and len(ent.text) <= 3:
        return None  # "Easter", "Mar", a code ("BHP", "IC")
    if all(word.lower().strip(".") in LEGAL_SUFFIXES | {"partnership", "partners"} for word in name.split()):
        return None  # "Limited Partnership": a legal form NER cut from its firm
    if any(word.lower() in CRUDE_GRADES | {"light", "heavy"} for word in name.split()[1:]) \
            and any(canonical_place(" ".join(name.split()[:size])) for size in (1, 2)):
        return None  # "Louisiana Sweet North", "Bonny Light": a grade of crude
    if _opens_with_no_first_name(ent, name, article):
        name = name.split(" ", 1)[1]  # "Echoing Gaviria's words", "Besides Benjamin and ...": Gaviria, Benjamin
    place = canonical_place(name)
    if is_landmark(name) or place and (is_major_place(place) or " " in name) \
            and not article.names_someone_else(ent, place):  # "Minas Gerais": a place of two words
        return "place", place or name
    if landmark := _landmark_of(ent):
        return "place", landmark  # "Straits of [Hormuz]"
    text = article.text
    after = text[ent.end_char: ent.end_char + 24]
    before = ent.doc[ent.start - 1].text.lower() if ent.start else ""
    if end := partners_end(ent):
        org = clean_org(text[ent.start_char: end].replace(",", ""))
        return ("org", org) if org else None
    if before in _FIRM_NOUNS and not _is_job_title(ent):
        org = clean_org(ent.text)
        return ("org", org) if org else None
    first, _, rest = name.partition(" ")
    if rest and first.lower() in _FIRM_NOUNS | _TRADE_NOUNS and ent[0].is_title:
        org = clean_org(rest)
        return ("org", org) if org else None  # "Insurer Allianz dropped 20 marks": the firm, by its trade
    if is_firm_by_what_follows(ent) or text[ent.start_char - 1: ent.start_char] == "<" or is_named_with_job(ent) \
            or _word_after(ent) in FIRM_AFTER or _appositive_head(ent) in APPOSITIVE_FIRMS \
            or before in MANAGER_WORDS and not _is_job_title(ent) or _word_after(ent) in MANAGED_WORDS or _is_employer(ent) \
            or " " not in name and (before in COMPANY_NOUNS or _word_after(ent) in MEDIA_AFTER
                                    or in_firm_list(ent)) or " " in name and among_firms(ent) \
            or before in FIRMS_OF_PROFESSIONALS \
            or name.split()[-1].lower() in ORG_HEADS or is_firm_name(name) \
            or any(word.lower() in FOREIGN_ORG_WORDS for word in name.split()) \
            or len(name.split()) == 2 and ent.text.split()[0] in ("Die", "Der", "Das", "Il") \
            or " " in name and name.split()[0].lower().strip(".") in LEGAL_SUFFIXES:
        org = clean_org(ent.text)  # "Att <T>", "<J.P. Morgan and Co>", "company Petrobras"
        return ("org", org) if org else None  # "Cable and Wireless Plc", "Edwin L. Cox School", "Die Welt"
    if _FIRM_AFTER.match(after) or article.is_common_noun(name) \
            or " " not in name and _is_firm_partner(ent):
        return None  # "Alex. Brown and Sons", "the bill ... Bill", "Duff and Phelps"
    if ent.start_char < article.headline_end and article.is_headline_word(ent, name):
        return None
    if " " not in name and text.startswith(name, ent.start_char) \
            and (rest := _PARTICLE_SURNAME_AT.match(text, ent.start_char + len(name))):
        name = f"{name} {normalize_space(rest[1])}"  # "[Cor van der] Klugt": NER stopped at the particle
    return "person", name


# Prepositions, conjunctions and relative words: closed classes of English that no first name is,
# capitalised where they open a sentence ("Besides Benjamin and Vazquez-Rana, ...", "Without
# Challenger ..."). Not "Will", "An", "He", "May": those are names too ("An Wang", "He Weiling").
_FUNCTION_WORDS = frozenset({
    "about", "above", "according", "across", "after", "against", "along", "although", "amid", "among",
    "around", "because", "before", "behind", "below", "beside", "besides", "between", "beyond", "despite",
    "during", "except", "following", "from", "however", "including", "into", "like", "meanwhile",
    "moreover", "nevertheless", "since", "than", "though", "through", "throughout", "toward", "towards",
    "under", "unless", "unlike", "until", "upon", "whereas", "whether", "which", "while", "whilst",
    "whose", "within", "without"})


def _opens_with_no_first_name(ent: Span, name: str, article: ArticleText) -> bool:
    """Tell whether a name opens its sentence with a word NER took for a first name: a verb's -ing
    form ("Echoing Gaviria's words", "Accepting Avana shareholders"; not "Irving Hellman": "irving"
    is no verb) or a preposition or conjunction ("Besides Benjamin", "Without Challenger", "Which
    Holderbank")."""
    first = name.split(" ", 1)[0]
    if " " not in name:
        return False
    gerund = first.endswith("ing") and article.lexicon is not None and article.lexicon.is_verb_form(first.lower())
    if not gerund and first.lower() not in _FUNCTION_WORDS:
        return False
    before = doc_text(ent.doc)[max(0, ent.start_char - 3): ent.start_char].rstrip(" ")
    return not before or before.endswith((".", "\n", '"', "“"))


# A surname after particles that NER cut from a one-word name: "Cor [van der Klugt]".
_PARTICLE_SURNAME_AT = re.compile(r"[ ]+((?:(?:van|von|de|der|den|la|le|del|della|di|du|da|dos|das|ter|ten|bin|ibn)[ ]+)"
                                  r"{1,3}[A-Z][a-z'\-]+)\b")
