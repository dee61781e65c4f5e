"""Look-alike handling: warnings name each trick; see_through keeps only ASCII."""

import pytest

from madoguchi.analysis.chains._unicode import HOMOGLYPHS, see_through, warnings_for


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abc123", ()),
        ("ab\u200bc", ("zero_width",)),
        ("ab\ufeffc", ("zero_width",)),
        ("ab\u2066c", ("bidi_control",)),
        ("ａｂｃ", ("fullwidth",)),
        ("аbc", ("homoglyph",)),
        ("ab漢", ("non_ascii",)),
        ("а\u200b\u202eｂ", ("bidi_control", "fullwidth", "homoglyph", "zero_width")),
    ],
)
def test_warnings_name_each_trick_once(text, expected):
    assert warnings_for(text) == expected


def test_see_through_returns_ascii_for_every_homoglyph():
    folded, warnings = see_through("".join(HOMOGLYPHS))
    assert folded.isascii() and len(folded) == len(HOMOGLYPHS)
    assert warnings == ("homoglyph",)


def test_plain_ascii_is_returned_unchanged():
    assert see_through("TR7NH") == ("TR7NH", ())
