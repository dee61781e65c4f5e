"""Ethereum keystore JSON: the whole object, complete or truncated."""

from __future__ import annotations

from madoguchi.analysis._types import KEYSTORE
from madoguchi.analysis.shield import find_secrets

# Web3 Secret Storage Definition, scrypt test vector (ethereum.org), pretty-printed.
KEYSTORE_JSON = """{
    "crypto" : {
        "cipher" : "aes-128-ctr",
        "cipherparams" : {
            "iv" : "83dbcc02d8ccb40e466191a123791e0e"
        },
        "ciphertext" : "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
        "kdf" : "scrypt",
        "kdfparams" : {
            "dklen" : 32,
            "n" : 262144,
            "p" : 8,
            "r" : 1,
            "salt" : "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"
        },
        "mac" : "2103ac29920d71da29f15d75b4a16dbea2fe89f46e5d6a4a7a1d2f5c4b8c1c3e"
    },
    "id" : "3198bc9c-6672-5ab3-d995-4942343ae5b6",
    "version" : 3
}"""


def test_whole_keystore_object():
    text = f"Here is my wallet file:\n{KEYSTORE_JSON}\nCan you restore it?"
    start = text.index("{")
    found = find_secrets(text)
    assert [(s.kind, s.start, s.end) for s in found] == [
        (KEYSTORE, start, start + len(KEYSTORE_JSON))
    ]
    assert text[found[0].end :] == "\nCan you restore it?"


def test_compact_keystore_with_capital_crypto():
    compact = KEYSTORE_JSON.replace("\n", "").replace('"crypto"', '"Crypto"')
    text = f"keystore: {compact} thanks"
    found = find_secrets(text)
    assert [(s.start, s.end) for s in found] == [(10, 10 + len(compact))]


def test_truncated_keystore_covers_what_was_pasted():
    cut = KEYSTORE_JSON[: KEYSTORE_JSON.index('"salt"') + 30]
    text = f"途中までです\n{cut}"
    found = find_secrets(text)
    assert [(s.kind, s.start) for s in found] == [(KEYSTORE, text.index("{"))]
    assert found[0].end == len(text)
    assert found[0].reason == "keystore:truncated"


def test_headless_keystore_fragment():
    fragment = KEYSTORE_JSON[KEYSTORE_JSON.index('"ciphertext"') :]
    found = find_secrets(fragment)
    assert found and found[0].start == 0 and found[0].end >= fragment.index('"mac"') + 60


def test_word_crypto_alone_is_not_a_keystore():
    assert find_secrets('I love "crypto" and {braces}') == []
