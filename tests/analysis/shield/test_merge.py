"""Merging overlapping spans."""

from __future__ import annotations

from madoguchi.analysis._types import PASSWORD, PRIVATE_KEY, RECOVERY_PHRASE, SecretSpan
from madoguchi.analysis.shield._merge import merge


def test_overlaps_become_hull_named_by_strongest():
    merged = merge(
        [
            SecretSpan(PASSWORD, 5, 9),
            SecretSpan(RECOVERY_PHRASE, 0, 7, "bip39"),
            SecretSpan(PRIVATE_KEY, 20, 30),
        ]
    )
    assert [(s.kind, s.start, s.end) for s in merged] == [
        (RECOVERY_PHRASE, 0, 9),
        (PRIVATE_KEY, 20, 30),
    ]
    assert merged[0].reason == "bip39"


def test_touching_spans_stay_apart_and_empty_dropped():
    merged = merge(
        [SecretSpan(PASSWORD, 4, 8), SecretSpan(PASSWORD, 0, 4), SecretSpan(PASSWORD, 9, 9)]
    )
    assert [(s.start, s.end) for s in merged] == [(0, 4), (4, 8)]


def test_checksum_reason_wins_for_same_kind():
    merged = merge(
        [
            SecretSpan(RECOVERY_PHRASE, 0, 10, "bip39:french:11 words:partial"),
            SecretSpan(RECOVERY_PHRASE, 0, 12, "bip39:english:12 words:checksum ok"),
        ]
    )
    assert merged[0].reason == "bip39:english:12 words:checksum ok" and merged[0].end == 12
