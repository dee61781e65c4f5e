"""Real public addresses of every chain, their one-character typos, and non-addresses."""

import base58
import pytest

from madoguchi.analysis.chains import identify_address
from madoguchi.analysis.chains.cashaddr import identify_cashaddr
from madoguchi.analysis.chains.identify import canonical

# (address, chain, kind, network, status) -- public, well-known addresses
REAL = [
    ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "bitcoin", "p2pkh", "mainnet", "valid"),
    ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "bitcoin", "p2sh", "mainnet", "valid"),
    ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "bitcoin", "p2wpkh", "mainnet", "valid"),
    ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "tron", "base58", "mainnet", "valid"),  # USDT
    ("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "xrp", "classic", "mainnet", "valid"),
    ("XV5sbjUmgPpvXv4ixFWZ5ptAYZ6PD28Sq49uo34VyjnmK5H", "xrp", "x_address", "mainnet", "valid"),
    ("LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9", "litecoin", "p2pkh", "mainnet", "valid"),
    ("ltc1qg42tkwuuxefutzxezdkdel39gfstuap288mfea", "litecoin", "p2wpkh", "mainnet", "valid"),
    ("DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", "dogecoin", "p2pkh", "mainnet", "valid"),
    ("A6x4jjE7Mq7t3XHza2mPBg2GTBbnp6AANh", "dogecoin", "p2sh", "mainnet", "valid"),
    (
        "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
        "bitcoin-cash",
        "p2pkh",
        "mainnet",
        "valid",
    ),
    ("qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", "bitcoin-cash", "p2pkh", "mainnet", "valid"),
    (
        "bitcoincash:pr95sy3j9xwd2ap32xkykttr4cvcu7as4yc93ky28e",
        "bitcoin-cash",
        "p2sh",
        "mainnet",
        "valid",
    ),
    ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "ethereum", "eoa", "mainnet", "valid"),
    ("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA", "solana", "base58", "mainnet", "plausible"),
    ("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", "solana", "base58", "mainnet", "plausible"),
    (
        "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ",
        "stellar",
        "account",
        "mainnet",
        "valid",
    ),
    (
        "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLK",
        "stellar",
        "muxed_account",
        "mainnet",
        "valid",
    ),
    ("cosmos1xxkueklal9vejv9unqu80w9vptyepfa95pd53u", "cosmos", "account", "mainnet", "valid"),
]


@pytest.mark.parametrize(("address", "chain", "kind", "network", "status"), REAL)
def test_real_addresses(address, chain, kind, network, status):
    info = identify_address(address)
    assert (info.chain, info.kind, info.network, info.status) == (chain, kind, network, status)
    assert info.warnings == ()
    assert info.valid is (True if status == "valid" else None)


def _typo(address: str) -> str:
    """Change one character near the middle to another of the same class (digit/upper/lower)."""
    i = len(address) // 2 + 3
    ch = address[i]
    pool = "23456789" if ch.isdigit() else "ABCDEFGHJK" if ch.isupper() else "abcdefghjk"
    if address.startswith(("bc1", "ltc1", "cosmos1", "bitcoincash:", "qpm")):
        pool = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    if address.startswith(("G", "M")) and address.isupper():
        pool = "ABCDEFGHIJ234567"
    replacement = next(c for c in pool if c != ch)
    return address[:i] + replacement + address[i + 1 :]


@pytest.mark.parametrize(
    ("address", "chain"),
    [(a, c) for a, c, _k, _n, s in REAL if s == "valid"],
)
def test_one_character_typo_is_an_invalid_checksum(address, chain):
    info = identify_address(_typo(address))
    assert info.chain == chain
    assert info.status == "invalid_checksum"
    assert info.valid is False


def test_xrp_x_address_carries_its_tag():
    assert identify_address("XV5sbjUmgPpvXv4ixFWZ5ptAYZ6PD28Sq49uo34VyjnmK5H").extra["tag"] == 12345


def test_cashaddr_and_legacy_forms_hold_the_same_hash():
    # spec pairs (bitcoincash.org spec/cashaddr.md): the payload after the version byte is the
    # legacy address's hash160.
    from bech32 import CHARSET, convertbits

    for legacy, cash in [
        ("1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu", "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"),
        ("3LDsS579y7sruadqu11beEJoTjdFiFCdX4", "pr95sy3j9xwd2ap32xkykttr4cvcu7as4yc93ky28e"),
    ]:
        assert identify_cashaddr(cash).status == "valid"
        raw = bytes(convertbits([CHARSET.find(c) for c in cash[:-8]], 5, 8, False))
        assert raw[1:] == base58.b58decode_check(legacy)[1:]


def test_cashaddr_checks_the_prefix_in_the_checksum():
    assert (
        identify_address("bchtest:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a").status
        == "invalid_checksum"
    )
    assert (
        identify_address("BITCOINCASH:QPM2QSZNHKS23Z7629MMS6S4CWEF74VCWVY22GDX6A").status == "valid"
    )


def test_mixed_case_cashaddr_is_not_accepted():
    assert (
        identify_address("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdX6a").status != "valid"
    )


def test_legacy_p2sh_notes_the_shared_litecoin_version():
    assert identify_address("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy").extra["also_valid_on"] == [
        "litecoin"
    ]


def test_tron_with_a_character_outside_base58_is_an_invalid_format():
    info = identify_address("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj60")
    assert (info.chain, info.status) == ("tron", "invalid_format")


def test_a_short_legacy_address_is_an_invalid_checksum_attempt():
    info = identify_address("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN")  # last character lost
    assert (info.chain, info.status, info.valid) == ("bitcoin", "invalid_checksum", False)


def test_base58check_with_an_unknown_version_is_not_called_valid():
    unknown_version = base58.b58encode_check(b"\x4c" + bytes(range(20))).decode()  # Dash "X..."
    info = identify_address(unknown_version)
    assert info.status != "valid"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "Internationalization",
        "ThisIsAVeryLongCamelCaseWordss",
        "TheQuickBrownFoxJumpsOverTheLazy",  # 32 chars, T...: not Tron (length), no digits
        "ORD-20261129-000123",
        "1234567890123456789012345678901234",
        "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrr",
        "GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG",
        "0x",
        "0xZZ",
        "bitcoincash:",
    ],
)
def test_non_addresses_are_unknown(text):
    info = identify_address(text)
    assert info.status == "unknown_format"
    assert info.chain is None
    assert info.valid is None


def test_surrounding_whitespace_is_ignored():
    assert identify_address("  TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\n").status == "valid"


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1\u200bBeAed", "zero_width"),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1\u202eBeAed", "bidi_control"),
        ("0x5\u0430Aeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "homoglyph"),  # Cyrillic а
        ("TR7NHqjeKQxGTCi8q8ZY4pL8\u03bftSzgjLj6t", "homoglyph"),  # Greek ο
        ("ＴＲ７ＮＨｑｊｅＫＱｘＧＴＣｉ８ｑ８ＺＹ４ｐＬ８ｏｔＳｚｇｊＬｊ６ｔ", "fullwidth"),
    ],
)
def test_tricks_are_seen_through_but_never_valid(text, warning):
    info = identify_address(text)
    assert info.status == "valid"  # the address underneath checks out...
    assert warning in info.warnings
    assert info.valid is False  # ...but what was typed is not that address
    assert info.normalized.isascii()


def test_canonical_keeps_base58_case():
    info = identify_address("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    assert (
        canonical(info, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
        == "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
    )
