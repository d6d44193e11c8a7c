"""Finding a name as a whole word without a pattern per name (entities.spots) finds exactly what
the patterns it replaces found."""
import re

from hypothesis import given, settings, strategies as st

from searchapp.entities.spots import (WORD_EDGE, bounded_spots, compiled, follows, occurs, spots, starts,
                                      with_word_before)

# Texts and names made of the characters whose edges matter: letters, digits, the dot, dash,
# quotes, ampersand, brackets and spaces.
_TEXT = st.text(alphabet="aAbB1.-'’&< >_é", max_size=40)
_NAME = st.text(alphabet="aAbB1.-'’& é", min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(_TEXT, _NAME, st.sampled_from(["", ".", "-", "&.'’-"]), st.sampled_from(["", "-", "&-"]))
def test_spots_are_where_the_lookaround_pattern_matches(text, name, not_before, not_after):
    source = (r"(?=(?<![\w" + re.escape(not_before) + r"])" + re.escape(name)
              + r"(?![\w" + re.escape(not_after) + r"]))")
    assert list(spots(text, name, not_before=not_before, not_after=not_after)) \
        == [match.start() for match in re.finditer(source, text)]


@settings(max_examples=400, deadline=None)
@given(_TEXT, _NAME)
def test_bounded_spots_are_where_word_boundaries_match(text, name):
    source = r"(?=\b" + re.escape(name) + r"\b)"
    assert list(bounded_spots(text, name)) == [match.start() for match in re.finditer(source, text)]
    assert list(starts(text, name)) == [match.start() for match in re.finditer("(?=" + re.escape(name) + ")", text)]


@settings(max_examples=400, deadline=None)
@given(_TEXT, _NAME, st.sampled_from(["", "."]))
def test_spots_then_a_word_edge_are_where_the_name_ends_at_a_boundary(text, name, not_before):
    source = r"(?=(?<![\w" + re.escape(not_before) + r"])" + re.escape(name) + r"\b)"
    assert list(spots(text, name, not_before=not_before, then=WORD_EDGE)) \
        == [match.start() for match in re.finditer(source, text)]


@settings(max_examples=400, deadline=None)
@given(_TEXT, _NAME, st.sampled_from([None, "", "."]))
def test_follows_is_the_first_match_of_the_name_and_what_comes_after(text, name, not_before):
    after = re.compile(r"\s*<[ab1]+>|[ ]?&")
    before = "" if not_before is None else r"(?<![\w" + re.escape(not_before) + r"])"
    expected = re.search(before + re.escape(name) + "(" + after.pattern + ")", text)
    found = follows(text, name, after, not_before=not_before)
    assert (found and (found.start() - len(name), found[0])) == (expected and (expected.start(), expected[1]))


def test_a_name_written_inside_a_longer_word_or_after_a_dot_is_no_spot():
    text = "Santos Ltd said. Santosa and U.S.Santos, then Santos-led Santos."
    assert list(spots(text, "Santos", not_before=".", not_after="-")) == [0, text.rindex("Santos")]
    assert occurs(text, "Santos") and not occurs("Santosa", "Santos")
    assert follows(text, "Santos", re.compile(r"\s+Ltd")).start() == 6
    assert compiled(r"\bSantos\b") is compiled(r"\bSantos\b")  # kept, not compiled again


# Words of the party and currency patterns, words that may stand before them, and what separates.
_PIECES = st.lists(st.sampled_from(
    ["Labour", "labour", "party", "Party", "Conservative", "Conservatives", "Tories", "yen", "sterling",
     "pound", "pounds", "Irish", "the", "Young", "Thatcher's", "U.S.", "a-b", "x", "1", " ", " ", "  ",
     "\n", ", ", "."]), max_size=14)


@settings(max_examples=600, deadline=None)
@given(_PIECES, st.sampled_from([
    (r"([\w\-'.]+)\s+", r"\b(Conservative|Labour)\s+party\b"),
    (r"([\w\-'.]+)\s+", r"\b(Conservatives|Tories)\b(?!\s+(?:[A-Z]|party\b|Party\b))"),
    (r"(\w+)[ ]", r"\b(sterling|yen|pound)s?\b")]))
def test_with_word_before_is_finditer_of_the_optional_word_and_the_word(pieces, patterns):
    text = "".join(pieces)
    before, word = patterns
    expected = [(match[1], match.span(2), match.end()) for match in re.finditer("(?:" + before + ")?" + word, text)]
    assert [(found, match.span(1), match.end()) for found, match in
            with_word_before(re.compile(word), re.compile(before + r"\Z"), text)] == expected
