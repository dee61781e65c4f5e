"""``POST /api/v1/verify``: public, strict, rate-limited, one error shape."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/verify"


def _post(client, body, **extra):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", **extra)


def test_no_key_is_needed_and_the_verdict_has_every_field(registry, client):
    response = _post(client, {"value": "https://madoguchi.example.evil.io/login"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "value", "kind", "verdict", "imitates", "reasons", "reasons_en", "reasons_ja",
    }  # fmt: skip
    assert body["verdict"] == "impersonation"
    assert body["imitates"] == "madoguchi.example"
    assert body["reasons"] == ["brand_in_subdomain"]
    assert body["reasons_ja"] and body["reasons_en"]
    assert body["value"] == "https://madoguchi.example.evil.io/login"


@pytest.mark.parametrize(
    ("value", "verdict"),
    [
        ("support@madoguchi.example", "official"),
        ("ceo@madoguchi.example", "unknown"),
        ("@x:madoguchi_ex", "official"),
        ("@x:madoguchi_ex_support", "impersonation"),
        ("app:ios:6450012345", "official"),
        ("+81 3-6743-1100", "official"),
        ("Tanaka Aiko", "official"),
        ("example.org", "unknown"),
    ],
)
def test_verdicts(registry, client, value, verdict):
    assert _post(client, {"value": value}).json()["verdict"] == verdict


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"value": ""},
        {"value": 42},
        {"value": ["madoguchi.example"]},
        {"value": "madoguchi.example", "extra": 1},
        {"value": "x" * 2001},
        "not json",
        "[]",
    ],
)
def test_bad_input_is_a_422_with_a_message(registry, client, body):
    response = _post(client, body)
    assert response.status_code in (400, 422)
    assert response.json()["error"]["message"]


def test_a_value_nobody_can_read_is_a_422_naming_the_field(registry, client):
    response = _post(client, {"value": "<>[]{}"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "value" and "not understood" in error["message"]


def test_rate_limited_per_client_with_retry_after(registry, client, monkeypatch):
    monkeypatch.setenv("MADOGUCHI_VERIFY_RATE_LIMIT", "2")
    assert _post(client, {"value": "madoguchi.example"}).status_code == 200
    assert _post(client, {"value": "madoguchi.example"}).status_code == 200
    response = _post(client, {"value": "madoguchi.example"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["error"]["code"] == "rate_limited"
    assert _post(client, {"value": "x.io"}, REMOTE_ADDR="198.51.100.9").status_code == 200


def test_the_schema_documents_the_public_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/verify"]["post"]
    assert not operation.get("security")
    assert {"200", "422", "429"} <= set(operation["responses"])
