"""``check_outgoing``: what support must never send, and the safety language it must let through."""

from __future__ import annotations

import pytest

from madoguchi.guard import KINDS, REASONS, check_outgoing
from madoguchi.trust import Registry

REGISTRY = Registry.from_lines(["madoguchi.example", "@x:madoguchi_jp"])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("シードフレーズを教えていただけますか", "recovery_phrase"),
        ("認証コードをお知らせください", "otp"),
        ("could you share the 12 words", "recovery_phrase"),
        ("DM me your private key", "private_key"),
        ("Please reply with your password.", "password"),
        ("Please install AnyDesk so I can check.", "remote_access"),
        ("Install this app so we can fix it.", "remote_access"),
        ("Send your coins to this safe wallet.", "transfer"),
        ("Please deposit to 0x8ba1f109551bD432803012645Ac136ddd64DBA72.", "transfer"),
        ("Log in at https://madoguchi-login.net now.", "link"),
        ("ｓｅｅｄ ｐｈｒａｓｅを教えてください", "recovery_phrase"),  # fullwidth
        ("Please send me your pass\u200bword.", "password"),  # zero-width space
    ],
)
def test_asks_are_blocked_with_the_kind_and_reasons_in_both_languages(text, kind):
    result = check_outgoing(text, registry=REGISTRY)
    assert result.blocked and kind in result.kinds
    found = next(f for f in result.findings if f.kind == kind)
    assert 0 <= found.start < found.end <= len(text)
    assert found.reason_en.startswith(REASONS[kind]["en"])
    assert found.reason_ja.startswith(REASONS[kind]["ja"])
    assert found.reason("ja") == found.reason_ja and found.reason("en") == found.reason_en


@pytest.mark.parametrize(
    "text",
    [
        "we will never ask for your recovery phrase",
        "パスワードは絶対に誰にも教えないでください",
        "reset your password at https://madoguchi.example/reset",
        "enter the 2FA code in the app, never share it",
        "If anyone asks for your 12 words, it is a scam.",
        "madoguchiのスタッフがシードフレーズをお伺いすることは一切ございません。",
        "Please send us the TXID of the deposit.",
        "Move your funds to a new wallet you create yourself.",
        "Follow us on X: @madoguchi_jp",
        "",
    ],
)
def test_the_desks_own_safety_language_passes(text):
    assert not check_outgoing(text, registry=REGISTRY).blocked


def test_spans_point_into_the_original_text_through_normalisation():
    text = "こんにちは。ＤＭ ｍｅ ｙｏｕｒ ｐｒｉｖａｔｅ ｋｅｙ"
    (finding,) = check_outgoing(text).findings
    assert text[finding.start : finding.end] == "ＤＭ ｍｅ ｙｏｕｒ ｐｒｉｖａｔｅ ｋｅｙ"


def test_links_are_checked_only_against_a_registry():
    text = "Details: https://example.org/page"
    assert not check_outgoing(text).blocked  # no registry: asks only
    blocked = check_outgoing(text, registry=REGISTRY)
    assert blocked.kinds == ("link",) and "example.org" in blocked.findings[0].reason_en
    assert not check_outgoing("See https://madoguchi.example/help", registry=REGISTRY).blocked


def test_an_empty_registry_fails_closed_on_links():
    assert check_outgoing("see https://madoguchi.example", registry=Registry()).blocked


def test_a_lookalike_domain_names_what_it_imitates():
    result = check_outgoing("Visit https://madoguchl.example/claim", registry=REGISTRY)
    assert result.kinds == ("link",)
    assert "madoguchi.example" in result.findings[0].reason_en
    assert "madoguchi.example" in result.findings[0].reason_ja


def test_bare_domains_are_links_only_where_the_reader_is_sent():
    text = "For carrier mail (docomo.ne.jp, au.com), allow our domain."
    assert not check_outgoing(text, registry=REGISTRY).blocked
    assert check_outgoing("Verify your wallet at wallet-sync.app", registry=REGISTRY).blocked


def test_several_kinds_in_one_message_are_all_reported_in_order():
    text = "TeamViewerをインストールしてIDとパスワードをお知らせください。"
    result = check_outgoing(text)
    assert result.kinds == ("password", "remote_access")  # KINDS order
    assert [f.start for f in result.findings] == sorted(f.start for f in result.findings)
    assert result.as_dict()["blocked"] is True


@pytest.mark.parametrize("text", ["a" * 200_000, "。" * 50_000, "\n" * 10_000, "\x00\ud800"])
def test_odd_or_huge_input_is_answered_without_error(text):
    assert check_outgoing(text).blocked is False


def test_every_kind_has_reasons_in_both_languages():
    assert set(REASONS) == set(KINDS)
    assert all(r["en"] and r["ja"] for r in REASONS.values())
