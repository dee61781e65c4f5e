"""Skeletons, script mixing and edit distance: the building blocks of the lookalike rules."""

from __future__ import annotations

import pytest

from madoguchi.trust import distance, mixed_scripts, skeleton


@pytest.mark.parametrize(
    ("spoof", "real"),
    [
        ("bînance", "binance"),  # combining mark after NFKD
        ("ｍａｄｏｇｕｃｈｉ", "madoguchi"),  # fullwidth
        ("mаdоguсhі", "madoguchi"),  # Cyrillic а о с і
        ("mαdοguchi", "madoguchi"),  # Greek α ο
        ("rnadoguchi", "madoguchi"),  # rn → m
        ("vvallet", "wallet"),
        ("c0inbase", "coinbase"),
        ("MADOGUCHI", "madoguchi"),
    ],
)
def test_lookalikes_share_a_skeleton(spoof: str, real: str) -> None:
    assert skeleton(spoof) == skeleton(real)


@pytest.mark.parametrize(("a", "b"), [("coinbase", "kraken"), ("google", "goggle"), ("ab", "abc")])
def test_different_words_keep_different_skeletons(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_mixed_scripts() -> None:
    assert mixed_scripts("mаdoguchi")  # Cyrillic а inside Latin
    assert not mixed_scripts("madoguchi")
    assert not mixed_scripts("窓口とりひきジョ")  # Han + kana is ordinary Japanese
    assert not mixed_scripts("ｍａｄｏ")  # fullwidth Latin is Latin


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("madoguchi", "madoguchi", 0), ("madoguchi", "madogochi", 1), ("madoguchi", "madougchi", 1),
     ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3)],
)  # fmt: skip
def test_distance(a: str, b: str, expected: int) -> None:
    assert distance(a, b) == expected
