"""Reply tokens: stable, case-proof, unforgeable, bound to this desk's domain."""

from __future__ import annotations

import pytest
from django.test import override_settings

from madoguchi.mail.tokens import (
    reply_address,
    reply_token,
    ticket_for_addresses,
    ticket_for_token,
    token_from_address,
)


@pytest.fixture
def ticket(file_request):
    return file_request().ticket


def test_reply_address_shape(ticket):
    address = reply_address(ticket)
    local, domain = address.split("@")
    assert domain == "madoguchi.invalid"
    assert local.startswith("support+")
    assert len(local) <= 64  # RFC 5321 §4.5.3.1.1
    assert address == reply_address(ticket)  # stable


def test_round_trip_and_case_insensitivity(ticket):
    token = reply_token(ticket)
    assert ticket_for_token(token) == ticket
    assert ticket_for_token(token.upper()) == ticket
    assert ticket_for_addresses(["x@example.jp", reply_address(ticket).upper()]) == ticket


def test_a_changed_character_is_refused(ticket):
    token = reply_token(ticket)
    for index in (0, len(token) // 2, len(token) - 1):
        flipped = token[:index] + ("a" if token[index] != "a" else "b") + token[index + 1 :]
        assert ticket_for_token(flipped) is None


def test_another_secret_key_does_not_verify(ticket):
    token = reply_token(ticket)
    with override_settings(SECRET_KEY="another-key-" + "x" * 50):
        assert ticket_for_token(token) is None
    with override_settings(SECRET_KEY="another-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[]):
        assert ticket_for_token(token) is None


def test_rotated_key_still_verifies_through_fallbacks(ticket, settings):
    token = reply_token(ticket)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "rotated-" + "y" * 50
    settings.SECRET_KEY_FALLBACKS = [old]
    assert ticket_for_token(token) == ticket


@pytest.mark.parametrize(
    "token",
    ["", "a", "x" * 500, "../../etc", "ab+cd", "全角トークン", "0" * 42, "\x00" * 30],
)
def test_malformed_tokens(db, token):
    assert ticket_for_token(token) is None


def test_public_id_alone_is_not_a_token(ticket):
    assert ticket_for_token(ticket.public_id) is None


def test_only_our_domain_carries_tokens(ticket):
    token = reply_token(ticket)
    assert token_from_address(f"support+{token}@madoguchi.invalid") == token
    assert token_from_address(f"support+{token}@evil.example") is None
    assert token_from_address("support@madoguchi.invalid") is None
    with override_settings(MADOGUCHI_MAIL_DOMAIN="help.example.jp"):
        assert reply_address(ticket).endswith("@help.example.jp")
        assert token_from_address(f"support+{token}@madoguchi.invalid") is None
