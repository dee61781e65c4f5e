"""find_secrets(): things that must survive, planted secrets, hostile input."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from madoguchi.analysis._errors import AnalysisInputError
from madoguchi.analysis.shield import find_secrets

from .conftest import load_vectors

WIFS = [e[0] for e in load_vectors("key_io_valid.json") if e[2]["isPrivkey"]]
XPRVS = [c["ext_prv"] for v in load_vectors("bip32_vectors.json")["vectors"] for c in v["chains"]]

NOT_SECRETS = [
    "送金先は 1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo です",
    "ETH address 0x52908400098527886E0F7030069857D2E4169EE7",
    "TRX: TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW",
    "XRP rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh tag 12345",
    "SOL 7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8",
    "注文番号 2024-0912-7781 の件です",
    "order #A12345678",
    "0.5 BTC と 1,200,000円 を 2024年9月12日 14:30 に送金",
    "電話番号は 090-1234-5678 です",
    "call me at +81 90 1234 5678",
    "Hello, I sent 0.5 BTC to my wallet yesterday but it has not arrived yet.",
]


@pytest.mark.parametrize("text", NOT_SECRETS)
def test_not_secrets_survive(text):
    assert find_secrets(text) == []


def test_results_sorted_and_non_overlapping():
    text = f"PW: hunter22\n{WIFS[0]}\nOTP 123456\n" + " ".join(["abandon"] * 11 + ["about"])
    found = find_secrets(text)
    assert len(found) == 4
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_rejects_non_text():
    with pytest.raises(AnalysisInputError):
        find_secrets(b"abc")  # type: ignore[arg-type]


FILLER = st.lists(
    st.sampled_from(
        [
            "hello",
            "please",
            "help",
            "my",
            "wallet",
            "the",
            "送金",
            "できません",
            "ありがとう",
            "account",
            "about",
            "zoo",
            "abandon",
            "です",
            "、",
            "。",
            "!",
            "?",
            "123",
            "0.5",
            "BTC",
            "アドレス",
            "order",
            "you",
            "can",
            "have",
            "this",
            "\n",
            ":",
            "(1)",
            "—",
        ]
    ),
    max_size=12,
).map(" ".join)
SEPARATOR = st.sampled_from([" ", "\n", ": ", " - ", "\n\n", "　"])


def _phrase(lang: str, strength: int):
    return st.binary(min_size=strength, max_size=strength).map(
        lambda b: Mnemonic(lang).to_mnemonic(b)
    )


PLANTED = st.one_of(
    _phrase("english", 16),
    _phrase("english", 32),
    _phrase("japanese", 16),
    _phrase("japanese", 32),
    st.sampled_from(WIFS),
    st.sampled_from(XPRVS),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FILLER, SEPARATOR, PLANTED, SEPARATOR, FILLER)
def test_planted_secret_always_covered(before, sep1, secret, sep2, after):
    text = before + sep1 + secret + sep2 + after
    start = len(before) + len(sep1)
    end = start + len(secret)
    found = find_secrets(text)
    assert any(s.start <= start and end <= s.end for s in found), (start, end, found)


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        " ".join(Mnemonic("english").wordlist * 80)[:1_000_000],
        "\n" * 100_000,
        "0123456789abcdef" * 65_536,
        "a" * 1_000_000,
        "あ" * 500_000,
        "的" * 300_000,
        "password: " * 100_000,
        '"crypto": {' * 50_000,
        "xprv" * 250_000,
        "".join(
            chr(i % 0x10FFFF)
            for i in range(0, 300_000 * 7, 7)
            if not 0xD800 <= i % 0x10FFFF < 0xE000
        ),
        "\ud800abc\udfff" * 10_000,
        "1. abandon\n" * 50_000,
    ],
    ids=[
        "wordlist",
        "newlines",
        "hex",
        "one-char",
        "hiragana",
        "han",
        "labels",
        "keystore",
        "xprv",
        "garbage",
        "surrogates",
        "numbered",
    ],
)
def test_hostile_input_finishes(text):
    found = find_secrets(text)
    assert isinstance(found, list)
    assert all(0 <= s.start < s.end <= len(text) for s in found)
