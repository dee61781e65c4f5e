"""The code format: derivation, display, parsing of what people type, the tag check."""

from __future__ import annotations

import pytest

from madoguchi.signing.codes import (
    ALPHABET,
    CODE_LENGTH,
    MalformedCodeError,
    derive_code,
    display_code,
    key_id,
    parse_code,
    tag_matches,
)

KEY = bytes(range(32))
OTHER = bytes(range(1, 33))


def test_a_code_is_12_crockford_symbols_shown_in_groups_of_four():
    code = derive_code(KEY, "message:1")
    assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
    assert not set(code) & set("ILOU")
    shown = display_code(code)
    assert shown == f"MDG-{code[:4]}-{code[4:8]}-{code[8:]}"


def test_derivation_is_deterministic_per_key_subject_and_attempt():
    assert derive_code(KEY, "message:1") == derive_code(KEY, "message:1")
    others = {
        derive_code(KEY, "message:2"),
        derive_code(OTHER, "message:1"),
        derive_code(KEY, "message:1", attempt=1),
    }
    assert derive_code(KEY, "message:1") not in others and len(others) == 3


@pytest.mark.parametrize(
    "typed",
    [
        "{shown}",
        "{lower}",
        "{bare}",
        "{bare_lower}",
        "  {shown}\n",
        "mdg {g1} {g2} {g3}",
        "{g1}-{g2}-{g3}",
        "{fullwidth}",
        "MDG–{g1}–{g2}–{g3}",  # en dashes, as word processors make them
    ],
)
def test_people_may_type_any_case_with_or_without_hyphens_and_prefix(typed):
    code = derive_code(KEY, "turn:42")
    shown = display_code(code)
    text = typed.format(
        shown=shown,
        lower=shown.lower(),
        bare=code,
        bare_lower="mdg" + code.lower(),
        g1=code[:4].lower(),
        g2=code[4:8],
        g3=code[8:],
        fullwidth="".join(chr(ord(c) + 0xFEE0) if c != "-" else "－" for c in shown),
    )
    assert parse_code(text) == code


def test_ambiguous_letters_read_as_crockford_says():
    assert parse_code("MDG-IL0O-0000-0000") == "11000000" + "0000"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "MDG",
        "MDG-7K3Q-9XWP",  # too short
        "MDG-7K3Q-9XWP-4RTB-0",  # too long
        "MDG-7K3Q-9XWP-4RTU",  # U is not in the alphabet
        "MDG-7K3Q-9XWP-4RT!",
        "<script>alert(1)</script>",
        "x" * 10_000,
        "MDG-7K3Q-9XWP-4RT\u202e",
    ],
)
def test_anything_else_is_malformed(text):
    with pytest.raises(MalformedCodeError):
        parse_code(text)


def test_parse_refuses_non_text():
    with pytest.raises(MalformedCodeError):
        parse_code(None)  # type: ignore[arg-type]


def test_the_tag_is_the_mac_of_the_identifier():
    code = derive_code(KEY, "message:7")
    assert tag_matches(KEY, code)
    assert not tag_matches(OTHER, code)
    # one symbol changed anywhere breaks the tag (a typo or a forgery)
    for position in range(CODE_LENGTH):
        replacement = ALPHABET[(ALPHABET.index(code[position]) + 1) % 32]
        changed = code[:position] + replacement + code[position + 1 :]
        assert not tag_matches(KEY, changed), position


def test_random_codes_almost_never_pass_the_tag_check():
    # 20 bits of tag: of 2,000 made-up identifiers about 0.002 pass; the test allows 1
    passing = sum(tag_matches(KEY, derive_code(OTHER, f"guess:{n}")) for n in range(2000))
    assert passing <= 1


def test_key_ids_name_keys_without_revealing_them():
    assert key_id(KEY) != key_id(OTHER) and len(key_id(KEY)) == 8
    assert KEY.hex()[:8] != key_id(KEY)
