"""A customer's transparency receipt: on their request page and as a JSON file they can check
without the desk; pending events say so; nobody else gets it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest
from django.test import Client

from madoguchi.ledger import Verifier, leaf_hash, verify_checkpoint, verify_inclusion
from madoguchi.portal.tests.conftest import browser, sign_in
from madoguchi.tickets.models import Event
from madoguchi.transparency.models import Entry
from madoguchi.transparency.services import ledger_sequence

pytestmark = pytest.mark.django_db


def d(text: str) -> bytes:
    return base64.b64decode(text)


def test_the_json_receipt_lets_the_customer_check_every_event(logged_tickets):
    ticket = logged_tickets[0]
    client = browser("en")
    sign_in(client, "user0@example.jp")
    ledger_sequence()  # the sign-in itself may have written events
    response = client.get(f"/log/receipt/{ticket.public_id}.json")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    receipt = json.loads(response.content)
    vkey = Verifier.parse(Client().get("/log/key").content.decode().strip())
    checkpoint = verify_checkpoint(receipt["checkpoint"]["note"], vkey)
    salt = bytes.fromhex(receipt["salt"])
    assert len(receipt["events"]) == Event.objects.filter(ticket=ticket).count() >= 3
    for item in receipt["events"]:
        assert item["status"] == "included"
        commitment = hmac.new(salt, item["record"].encode("utf-8"), hashlib.sha256).digest()
        assert base64.b64encode(commitment).decode() == item["commitment"]
        proof = [d(p) for p in item["inclusion_proof"]]
        assert verify_inclusion(
            leaf_hash(commitment), item["leaf_index"], checkpoint.tree_size, proof,
            checkpoint.root_hash,
        )  # fmt: skip
        assert json.loads(item["record"])["id"] == item["event_id"]


def test_the_request_page_shows_the_receipt_in_japanese_and_english(logged_tickets):
    ticket = logged_tickets[0]
    indices = sorted(Entry.objects.filter(ticket_id=ticket.pk).values_list("leaf_index", flat=True))
    for language, title in (("en", "Transparency receipt"), ("ja", "透明性レシート")):
        client = browser(language)
        sign_in(client, "user0@example.jp")
        html = client.get(f"/requests/{ticket.public_id}/").content.decode()
        assert title in html
        assert f"/log/receipt/{ticket.public_id}.json" in html
        for index in indices:
            assert f"#{index}<" in html


def test_pending_events_are_marked_pending(file_request):
    ticket = file_request(email="waiting@example.jp").ticket  # not sequenced yet
    client = browser("en")
    sign_in(client, "waiting@example.jp")
    html = client.get(f"/requests/{ticket.public_id}/").content.decode()
    assert "pending" in html and "waiting to be added to the log" in html
    receipt = json.loads(client.get(f"/log/receipt/{ticket.public_id}.json").content)
    assert {item["status"] for item in receipt["events"]} == {"pending"}
    assert all(item["leaf_index"] is None for item in receipt["events"])
    client_ja = browser("ja")
    sign_in(client_ja, "waiting@example.jp")
    assert "登録待ち" in client_ja.get(f"/requests/{ticket.public_id}/").content.decode()


def test_another_customer_and_a_stranger_get_nothing(logged_tickets):
    ticket = logged_tickets[0]
    other = browser("en")
    sign_in(other, "user1@example.jp")
    assert other.get(f"/log/receipt/{ticket.public_id}.json").status_code == 404
    stranger = browser("en")
    response = stranger.get(f"/log/receipt/{ticket.public_id}.json")
    assert response.status_code == 302 and "/access/" in response["Location"]
    assert other.get("/log/receipt/nonexistent.json").status_code == 404
