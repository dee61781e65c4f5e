"""The bench corpus is deterministic and every planted secret is valid and exactly spanned."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import base58
import pytest
from mnemonic import Mnemonic

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` lives at the repo root, outside src/
    sys.path.insert(0, str(ROOT))

from bench.corpus_gen import (  # noqa: E402
    EXTENDED_PRIVATE_KEY,
    KEYSTORE,
    MAX_CHARS,
    MIN_CHARS,
    ONE_TIME_CODE,
    PASSWORD,
    PRIVATE_KEY,
    RECOVERY_PHRASE,
    generate,
    phrase_words,
)

from bench import corpus_material  # noqa: E402

N = 200
SEED = 11


@pytest.fixture(scope="module")
def samples():
    return generate(N, seed=SEED)


def _planted(samples):
    return [(s, p, s.text[p.start : p.end]) for s in samples for p in s.planted]


def test_same_seed_same_corpus(samples):
    assert generate(N, seed=SEED) == samples


def test_other_seed_other_corpus(samples):
    assert [s.text for s in generate(N, seed=SEED + 1)] != [s.text for s in samples]


def test_smaller_corpus_is_a_prefix(samples):
    assert generate(50, seed=SEED) == samples[:50]


def test_shape_of_corpus(samples):
    assert len(samples) == N
    langs = Counter(s.lang for s in samples)
    assert set(langs) == {"ja", "en", "mixed"}
    with_secret = sum(bool(s.planted) for s in samples)
    assert 0.2 * N < with_secret < 0.4 * N
    for s in samples:
        assert len(s.planted) <= 1
        assert len(s.text) >= MIN_CHARS
        if s.variant is None or not s.variant.startswith("keystore"):
            assert len(s.text) <= MAX_CHARS


def test_every_kind_is_planted():
    kinds = {p.kind for s in generate(600, seed=SEED) for p in s.planted}
    assert kinds == {
        RECOVERY_PHRASE, PRIVATE_KEY, EXTENDED_PRIVATE_KEY, KEYSTORE, PASSWORD, ONE_TIME_CODE
    }  # fmt: skip


def test_kinds_are_the_analyzers_kinds():
    from madoguchi.analysis import _types

    assert (RECOVERY_PHRASE, PRIVATE_KEY, EXTENDED_PRIVATE_KEY) == (
        _types.RECOVERY_PHRASE, _types.PRIVATE_KEY, _types.EXTENDED_PRIVATE_KEY
    )  # fmt: skip
    assert (KEYSTORE, PASSWORD, ONE_TIME_CODE) == (
        _types.KEYSTORE, _types.PASSWORD, _types.ONE_TIME_CODE
    )  # fmt: skip


def test_spans_are_tight(samples):
    for s, p, text in _planted(samples):
        assert 0 <= p.start < p.end <= len(s.text)
        assert text == text.strip(), s.variant
        # the character just outside the span cannot continue the secret
        for ch in (s.text[p.start - 1 : p.start], s.text[p.end : p.end + 1]):
            assert not (ch and ch.isascii() and (ch.isalnum() or ch in "_-")), (s.variant, ch)


def test_recovery_phrases_pass_bip39_checksum():
    seen = Counter()
    for s, p, text in _planted(generate(600, seed=SEED)):
        if p.kind != RECOVERY_PHRASE:
            continue
        lang, _, form = s.variant.split(":")[1].partition("-")
        if lang == "japanese":
            nfc = unicodedata.normalize("NFC", text)
            assert form == "nfd" or text == nfc, s.variant  # typed kana are composed
        words = phrase_words(text)
        assert len(words) == int(s.variant.split(":")[2])
        assert Mnemonic(lang).check(" ".join(words)), s.variant
        if s.variant.split(":")[3] == "line" and lang == "japanese":
            assert "\u3000" in text
        seen[s.variant.split(":")[3]] += 1
    assert set(seen) == {"line", "numbered", "lines", "numbered_lines", "comma"}


def test_private_keys_decode(samples):
    for s, p, text in _planted(samples):
        if p.kind == PRIVATE_KEY and s.variant.startswith("wif"):
            raw = base58.b58decode_check(text)
            assert len(raw) == 34 and raw[0] == 0x80 and raw[-1] == 0x01
            assert 0 < int.from_bytes(raw[1:33], "big") < corpus_material.SECP256K1_N
        elif p.kind == PRIVATE_KEY:
            assert re.fullmatch(r"[0-9a-f]{64}", text)
            assert s.text[p.start - 2 : p.start] == "0x" or s.variant.startswith("hex:bare")
        elif p.kind == EXTENDED_PRIVATE_KEY:
            raw = base58.b58decode_check(text)
            assert len(raw) == 78 and raw[:4] == corpus_material.XPRV_VERSION
            assert raw[45] == 0 and text.startswith("xprv")


def test_keystores_parse(samples):
    for _, p, text in _planted(samples):
        if p.kind == KEYSTORE:
            doc = json.loads(text)
            assert doc["version"] == 3 and doc["crypto"]["kdf"] == "scrypt"


def test_passwords_and_codes_look_right(samples):
    for s, p, text in _planted(samples):
        if p.kind == ONE_TIME_CODE:
            assert re.fullmatch(r"\d{6}|\d{8}", text)
        elif p.kind == PASSWORD:
            assert re.fullmatch(r"\S{6,}", text)
            assert "パスワード" in s.text or "password" in s.text.lower()


def test_entity_material_is_valid():
    import random

    rng = random.Random(5)
    assert corpus_material.eip55(bytes.fromhex("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")) == (
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # EIP-55 test vector
    )
    program = bytes.fromhex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
    assert corpus_material.bech32m_address("bc", 1, program) == (
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"  # BIP350 vector
    )
    for chain in ("tron", "doge"):
        assert len(base58.b58decode_check(corpus_material.address(rng, chain))) == 21
    xrp = corpus_material.address(rng, "xrp")
    assert xrp.startswith("r")
    assert len(base58.b58decode_check(xrp, alphabet=base58.XRP_ALPHABET)) == 21
