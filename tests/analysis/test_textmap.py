"""The folded view must map every folded span back to the right original characters."""

from hypothesis import given
from hypothesis import strategies as st

from madoguchi.analysis._textmap import fold, has_invisible


def test_ascii_is_identity_map_lowercased():
    f = fold("Hello WORLD")
    assert f.text == "hello world"
    assert f.span(6, 11) == (6, 11)


def test_fullwidth_and_zero_width_are_seen_through():
    original = "ａｂａｎ\u200bｄｏｎ"
    f = fold(original)
    assert f.text == "abandon"
    start, end = f.span(0, 7)
    assert original[start:end] == original  # the whole original, invisible char included


def test_bidi_override_removed_but_reported():
    original = "invoice\u202efdp.exe"
    assert has_invisible(original)
    assert fold(original).text == "invoicefdp.exe"
    assert not has_invisible("plain text")


def test_expanding_character_maps_to_its_single_source():
    original = "a㍍b"  # NFKC: ㍍ -> メートル (4 characters)
    f = fold(original)
    assert f.text == "aメートルb"
    assert f.span(1, 5) == (1, 2)
    assert f.span(5, 6) == (2, 3)


@given(st.text(max_size=60), st.data())
def test_any_folded_span_maps_inside_the_original(text, data):
    f = fold(text)
    n = len(f.text)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    start, end = f.span(i, j)
    assert 0 <= start <= len(text)
    assert 0 <= end <= len(text)
    if j > i:
        assert start < end
        # every folded character in [i, j) comes from a character in [start, end)
        folded_again = fold(text[start:end]).text
        assert f.text[i:j] in folded_again
