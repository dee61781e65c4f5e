"""The labelled corpus is self-consistent: spans, ids, counts, and every planted value valid.

These tests check the *data* (tests/corpus/messages_*.jsonl), not the analyzer: a wrong label
would make the precision/recall numbers of ``test_corpus.py`` meaningless.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import base58
import pytest

from madoguchi.analysis._types import ENTITY_KINDS, SECRET_KINDS
from tests.corpus import chainkit

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LABELLED_ENTITY_KINDS = {
    "address",
    "txid",
    "extended_public_key",
    "email",
    "url",
    "amount",
    "network",
    "asset",
    "memo",
}


def _load() -> list[dict]:
    out = []
    for lang in ("ja", "en"):
        with (CORPUS / f"messages_{lang}.jsonl").open(encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


MESSAGES = _load()
IDS = [m["id"] for m in MESSAGES]


def _labels(msg: dict) -> list[dict]:
    return msg["secrets"] + msg["entities"]


def test_ids_unique_and_counts_per_language() -> None:
    assert len(set(IDS)) == len(IDS)
    langs = Counter(m["lang"] for m in MESSAGES)
    assert langs["ja"] >= 180
    assert langs["en"] >= 140
    assert len(MESSAGES) >= 360
    assert all(m["id"].startswith(m["lang"] + "-") for m in MESSAGES)


def test_secret_and_negative_counts() -> None:
    with_secret = [m for m in MESSAGES if m["secrets"]]
    assert len(with_secret) >= 110
    kinds = Counter(s["kind"] for m in MESSAGES for s in m["secrets"])
    for kind in SECRET_KINDS:
        assert kinds[kind] >= 3, kind
    # hard negatives: no secret, but something a secret detector could mistake for one
    risky = {"txid", "address", "extended_public_key"}
    negatives = [
        m
        for m in MESSAGES
        if not m["secrets"]
        and (
            any(e["kind"] in risky for e in m["entities"])
            or re.search(
                r"password|パスワード|code|コード|phrase|フレーズ|seed|秘密鍵|key", m["text"], re.I
            )
            or "hard negative" in m["note"]
            or "not a phrase" in m["note"]
        )
    ]
    assert len(negatives) >= 110


@pytest.mark.parametrize("msg", MESSAGES, ids=IDS)
def test_labels_are_exact_spans(msg: dict) -> None:
    text = msg["text"]
    assert msg["lang"] in ("ja", "en")
    assert "[[" not in text and "<<" not in text, "template markup leaked"
    for label in _labels(msg):
        assert text[label["start"] : label["end"]] == label["text"]
        assert label["text"] in text
        assert label["text"] == label["text"].strip(), "labels carry no surrounding space"
    assert {s["kind"] for s in msg["secrets"]} <= set(SECRET_KINDS)
    assert {e["kind"] for e in msg["entities"]} <= LABELLED_ENTITY_KINDS
    assert LABELLED_ENTITY_KINDS <= set(ENTITY_KINDS)


@pytest.mark.parametrize("msg", MESSAGES, ids=IDS)
def test_labels_do_not_overlap(msg: dict) -> None:
    spans = sorted((lab["start"], lab["end"]) for lab in _labels(msg))
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start


@pytest.mark.parametrize("msg", MESSAGES, ids=IDS)
def test_planted_values_are_valid(msg: dict) -> None:
    for label in _labels(msg):
        value, kind = label["text"], label["kind"]
        if kind == "address":
            assert chainkit.is_valid_address(label["chain"], value)
        elif kind == "txid":
            style = label["style"]
            if style == "sol":
                assert len(base58.b58decode(value)) == 64
            else:
                pattern = {
                    "hex": r"[0-9a-f]{64}",
                    "upper": r"[0-9A-F]{64}",
                    "eth": r"0x[0-9a-f]{64}",
                }
                assert re.fullmatch(pattern[style], value)
        elif kind == "extended_public_key":
            assert value[1:4] == "pub" and chainkit.is_valid_extended_key(value)
        elif kind == "extended_private_key":
            assert value[1:4] == "prv" and chainkit.is_valid_extended_key(value)
        elif kind == "private_key":
            if label["format"] == "wif":
                assert chainkit.is_valid_wif(value)
            else:
                assert re.fullmatch(r"(0x)?[0-9a-f]{64}", value)
        elif kind == "keystore":
            doc = json.loads(value)
            assert doc["version"] == 3 and doc["crypto"]["kdf"] == "scrypt"


PHRASES = [(m["id"], s) for m in MESSAGES for s in m["secrets"] if s["kind"] == "recovery_phrase"]


@pytest.mark.parametrize(("mid", "label"), PHRASES, ids=[p[0] for p in PHRASES])
def test_planted_phrases(mid: str, label: dict) -> None:
    words = chainkit.words_of(label["text"])
    assert len(words) == label["words"], mid
    wordlist = set(chainkit.mnemo(label["wordlist"]).wordlist)
    known = [unicodedata.normalize("NFKD", w) in wordlist for w in words]
    if label["checksum"] is True:
        assert chainkit.phrase_valid(label["wordlist"], label["text"])
    elif label["checksum"] is False:  # one mistyped word
        assert not chainkit.phrase_valid(label["wordlist"], label["text"])
        assert known.count(False) <= 1  # a mistyped word may land on another word
    else:  # a partial phrase: every word from the list, too short to carry a checksum
        assert 8 <= len(words) <= 11 and all(known)


def test_phrase_layouts_and_languages_are_varied() -> None:
    labels = [p[1] for p in PHRASES]
    assert {lab["wordlist"] for lab in labels} == {"english", "japanese"}
    assert len({lab["layout"] for lab in labels}) >= 10
    assert any(lab["checksum"] is None for lab in labels)
    assert any(lab["checksum"] is False for lab in labels)


# --- exhaustiveness: every mention of a labelled kind we can find mechanically is labelled ----
_MENTIONS = {
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "url": re.compile(r"https?://[^\s」』)）]+"),
    "ticker": re.compile(
        r"(?<![A-Za-z0-9])(?:BTC|ETH|USDT|USDC|XRP|SOL|TRX|LTC|DOGE|BCH|BNB|ADA|DOT|MATIC|XLM"
        r"|ATOM|SHIB|ETC|WETH|ＢＴＣ)(?![A-Za-z0-9])"
    ),
    "name": re.compile(
        r"ビットコイン|イーサリアム|リップル|ソラナ|テザー|(?i:bitcoin|ethereum|litecoin|solana)"
    ),
    "network": re.compile(r"(?<![A-Za-z0-9])(?:[ET]RC-?20|BEP-?20|Arbitrum|Polygon|Optimism|TRON)"),
}


@pytest.mark.parametrize("msg", MESSAGES, ids=IDS)
def test_mentions_are_labelled(msg: dict) -> None:
    spans = [(lab["start"], lab["end"]) for lab in _labels(msg)]
    for what, pattern in _MENTIONS.items():
        for m in pattern.finditer(msg["text"]):
            covered = any(s < m.end() and m.start() < e for s, e in spans)
            assert covered, f"unlabelled {what} {m.group()!r} at {m.start()}"


# --- the validators above can fail, and agree with the public conformance vectors -----------
VECTORS = Path(__file__).resolve().parent.parent / "vectors"


def _vectors(name: str):
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("chain", chainkit.CHAINS)
def test_address_validator_rejects_a_corrupted_address(chain: str) -> None:
    import random

    addr = chainkit.address(chain, random.Random(chain))
    assert chainkit.is_valid_address(chain, addr)
    if chain in ("sol", "eth_lower"):  # no checksum to break
        return
    i = len(addr) - 3
    alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l" if "1" in addr[:4] or ":" in addr else "23456789"
    alphabet = "0123456789abcdef" if chain == "eth" else alphabet
    corrupted = addr[:i] + next(c for c in alphabet if c != addr[i]) + addr[i + 1 :]
    assert not chainkit.is_valid_address(chain, corrupted)


def test_eip55_validator_matches_vectors() -> None:
    data = _vectors("eip55_vectors.json")
    assert all(chainkit.is_valid_address("eth", v["address"]) for v in data["valid_checksummed"])
    assert not any(chainkit.is_valid_address("eth", v["address"]) for v in data["invalid_derived"])


def test_bech32m_validator_matches_vectors() -> None:
    taproot = [
        v["address"]
        for v in _vectors("bech32_bech32m_vectors.json")["valid_addresses"]
        if v["address"].lower().startswith("bc1p") and len(v["address"]) == 62
    ]
    assert taproot
    assert all(chainkit.is_valid_address("btc_taproot", a) for a in taproot)


def test_master_key_derivation_matches_bip32_vectors() -> None:
    for vector in _vectors("bip32_vectors.json")["vectors"]:
        master = next(c for c in vector["chains"] if c["path"] == "m")
        seed = bytes.fromhex(vector["seed_hex"])
        assert chainkit.master_key("xprv", seed) == master["ext_prv"]
        assert chainkit.master_key("xpub", seed) == master["ext_pub"]
        assert chainkit.is_valid_extended_key(master["ext_pub"])


def test_phrase_checker_matches_japanese_bip39_vectors() -> None:
    vectors = _vectors("bip39_vectors_japanese.json")
    assert all(chainkit.phrase_valid("japanese", v["mnemonic"]) for v in vectors)
    first = vectors[0]["mnemonic"].split("\u3000")
    assert not chainkit.phrase_valid("japanese", "\u3000".join([first[-1], *first[1:-1], first[0]]))
