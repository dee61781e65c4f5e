"""Hostile input: every case finishes with a result, never a crash or a hang.

No timing assertions (pytest-timeout is the guard); bench/ measures the scaling.
"""

import random

import pytest
from mnemonic import Mnemonic

from madoguchi.analysis import analyze

ENGLISH = Mnemonic("english").wordlist


def _garbage(n: int) -> str:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(n)).decode("utf-8", errors="replace")


CASES = {
    "1 MB prose": ("送金が反映されません。Please help me. " * 30_000)[:1_000_000],
    "binary garbage": _garbage(300_000),
    "lone surrogates": "\ud800\udc00\udfff" * 50_000,
    "100k newlines": "\n" * 100_000,
    "100k numbered lines": "".join(f"{i}. \n" for i in range(100_000)),
    "1 MB wordlist words": " ".join(ENGLISH[i % 2048] for i in range(150_000)),
    "1 MB hex": "0123456789abcdef" * 65_536,
    "1 MB base58": "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz" * 18_000,
    "digits and commas": "1," * 300_000,
    "ten-thousand signs": "万" * 300_000,
    "at signs": "@" * 300_000,
    "long domain": "a" * 300_000 + ".com",
    "repeated scheme": "http://" * 50_000,
    "password keyword flood": "password is " * 50_000,
    "zero-width flood": "\u200b" * 300_000,
    "bidi flood": "\u202e\u202d" * 100_000,
    "fullwidth digits": "０" * 300_000,
    "nested brackets": "{" * 100_000 + "}" * 100_000,
    "keystore-like": '{"crypto": {"ciphertext": "' + "ab" * 200_000,
    "japanese wordlist run": "\u3000".join(
        Mnemonic("japanese").wordlist[i % 2048] for i in range(50_000)
    ),
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_gives_a_result(name):
    text = CASES[name]
    result = analyze(text)
    assert isinstance(result.redacted, str)
    result.redacted.encode("utf-8")
    # spans are inside the text and sorted; secrets never overlap
    last = 0
    for s in result.secrets:
        assert last <= s.start < s.end <= len(text)
        last = s.end
    for e in result.entities:
        assert 0 <= e.start < e.end <= len(text)


def test_empty_and_whitespace_messages():
    for text in ["", " ", "\n\n", "\u3000"]:
        result = analyze(text)
        assert result.redacted == text
        assert result.secrets == ()
