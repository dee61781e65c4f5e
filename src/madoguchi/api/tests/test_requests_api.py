"""The JSON API: authentication, strict schemas, idempotency, redaction, 404s, size limits."""

from __future__ import annotations

import json

import pytest

from madoguchi.api.models import ApiKey
from madoguchi.api.services import api_key_check, api_key_create
from madoguchi.conftest import PHRASE
from madoguchi.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(db):
    return api_key_create(name="exchange backend")[1]


def post(client, url, data, key, **headers):
    return client.post(
        url,
        data=json.dumps(data),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
        **headers,
    )


REQUEST = {
    "email": "Hanako@Example.jp",
    "body": "XRPの入金が反映されません",
    "intent": "funds.missing_memo",
}


def test_key_is_stored_hashed_and_checked(key):
    row = ApiKey.objects.get()
    assert key not in (row.key_hash, row.prefix) and key.startswith("mdg_" + row.prefix)
    assert api_key_check(key=key) == row
    assert api_key_check(key=key + "x") is None
    assert api_key_check(key="mdg_nope_nope") is None


@pytest.mark.parametrize("auth", [None, "Bearer wrong", "Basic abc"])
def test_no_or_bad_key_is_401(client, auth):
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    response = client.post(
        "/api/v1/requests", data=json.dumps(REQUEST), content_type="application/json", **headers
    )
    assert response.status_code == 401
    assert Ticket.objects.count() == 0


def test_create_then_read_and_reply(client, key):
    created = post(client, "/api/v1/requests", REQUEST, key)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["reference"].startswith("MDG-") and data["created"] is True
    assert data["priority"] == "high"
    ticket = Ticket.objects.get()
    assert ticket.channel == "api" and ticket.requester.primary_email == "hanako@example.jp"
    read = client.get(f"/api/v1/requests/{data['reference']}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert read.status_code == 200 and read.json()["messages"][0]["body"] == REQUEST["body"]
    replied = post(
        client,
        f"/api/v1/requests/{data['reference']}/messages",
        {"email": "hanako@example.jp", "body": "タグは 12345 です"},
        key,
    )
    assert replied.status_code == 201 and len(replied.json()["messages"]) == 2


def test_idempotency_key_files_once(client, key):
    first = post(client, "/api/v1/requests", REQUEST, key, HTTP_IDEMPOTENCY_KEY="abc-1")
    again = post(client, "/api/v1/requests", REQUEST, key, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == 201 and again.status_code == 201  # the first answer, replayed
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert Message.objects.count() == 1


def test_secret_is_redacted_and_warned(client, key):
    response = post(client, "/api/v1/requests", {**REQUEST, "body": f"seed: {PHRASE}"}, key)
    data = response.json()
    assert "sausage" not in response.content.decode()
    assert data["secret_exposed"] is True and data["priority"] == "urgent"
    assert {w["code"] for w in data["warnings"]} >= {"secret_shared"}


@pytest.mark.parametrize(
    "payload",
    [
        {**REQUEST, "body": 42},  # strict: no coercion
        {**REQUEST, "unknown": "field"},  # extra fields are refused
        {**REQUEST, "subject": "s" * 100_000},
        {**REQUEST, "language": "xx"},
        {"email": "a@example.jp"},
    ],
)
def test_invalid_payload_is_422(client, key, payload):
    response = post(client, "/api/v1/requests", payload, key)
    assert response.status_code == 422, response.content
    assert response.json()["error"]["code"] == "validation_error"
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "field"),
    [({**REQUEST, "intent": "nope.nope"}, "intent"), ({**REQUEST, "email": "bad"}, "email")],
)
def test_service_refusal_is_400_with_field(client, key, payload, field):
    response = post(client, "/api/v1/requests", payload, key)
    assert response.status_code == 400 and response.json()["error"]["field"] == field


def test_oversized_body_is_413(client, key):
    big = {**REQUEST, "body": "x" * 2_000_000}
    response = post(client, "/api/v1/requests", big, key)
    assert response.status_code == 413


def test_other_tickets_and_other_requesters_are_404(client, key, file_request):
    web_ticket = file_request().ticket  # filed on the web: not reachable with an API key
    assert (
        client.get(
            f"/api/v1/requests/{web_ticket.reference}", HTTP_AUTHORIZATION=f"Bearer {key}"
        ).status_code
        == 404
    )
    ref = post(client, "/api/v1/requests", REQUEST, key).json()["reference"]
    stranger = post(
        client,
        f"/api/v1/requests/{ref}/messages",
        {"email": "mallory@example.com", "body": "hi"},
        key,
    )
    assert stranger.status_code == 404
    assert (
        client.get("/api/v1/requests/MDG-99-999999", HTTP_AUTHORIZATION=f"Bearer {key}").status_code
        == 404
    )
