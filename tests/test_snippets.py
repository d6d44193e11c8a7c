"""Snippets and highlights: escaped text, query words marked by stem, the best window chosen."""
from markupsafe import Markup

from searchapp.snippets import make_snippet, mark, stem, stems_of


def test_stem_matches_the_index_stemmer():
    assert stem("Sanctions") == stem("sanction")
    assert stems_of("Presidential sanctions") == {stem("presidential"), stem("sanction")}


def test_mark_escapes_and_marks_by_stem():
    out = mark('New <b>sanctions</b> & a "sanction"', {stem("sanction")})
    assert isinstance(out, Markup)
    assert str(out) == ('New &lt;b&gt;<mark class="hl">sanctions</mark>&lt;/b&gt; &amp; a '
                        '&#34;<mark class="hl">sanction</mark>&#34;')


def test_mark_without_matches_returns_plain_text():
    assert mark("<script>x</script>", {stem("cocoa")}) == "<script>x</script>"
    assert not isinstance(mark("plain", set()), Markup)


def test_snippet_picks_the_window_with_the_query_words():
    body = "Filler words. " * 60 + "The cocoa harvest in Bahia improved. " + "More filler. " * 60
    out = str(make_snippet(body, {stem("cocoa"), stem("bahia")}))
    assert '<mark class="hl">cocoa</mark>' in out and '<mark class="hl">Bahia</mark>' in out
    assert out.startswith("… ") and out.endswith(" …")
    assert len(out) < 400


def test_snippet_without_query_is_the_opening_cut_at_a_word():
    body = "word " * 100
    out = make_snippet(body, set())
    assert out.endswith(" …") and len(out) <= 245 and not isinstance(out, Markup)
