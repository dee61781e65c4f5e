"""``/verify/code/`` and ``POST /api/v1/verify/code``: genuine, unknown, malformed, limited."""

from __future__ import annotations

import json
import re

import pytest
from django.test import override_settings

from madoguchi.signing.codes import ALPHABET, derive_code, display_code
from madoguchi.signing.keys import current_key
from madoguchi.signing.models import VerificationCode
from madoguchi.signing.selectors import code_check
from madoguchi.signing.services import verification_code_issue

pytestmark = pytest.mark.django_db

API = "/api/v1/verify/code"
PAGE = "/verify/code/"


def shown(message) -> str:
    row = VerificationCode.objects.get(subject=f"message:{message.pk}")
    return display_code(row.code)


def forged() -> str:
    """Right format, identifier unknown, tag wrong: what a guesser types."""
    return "MDG-ZZZZ-ZZZZ-ZZZZ"


def unknown_with_valid_tag() -> str:
    """A code with a correct tag that was never issued (passes the MAC, not the database)."""
    return display_code(derive_code(current_key().secret, "never-issued"))


def post_api(client, body, **headers):
    return client.post(API, data=json.dumps(body), content_type="application/json", **headers)


def test_the_api_confirms_a_genuine_reply_without_its_content(client, reply):
    response = post_api(client, {"code": shown(reply), "language": "en"})
    assert response.status_code == 200
    answer = response.json()
    assert answer["result"] == "genuine" and answer["code"] == shown(reply)
    assert answer["reference"] == reply.ticket.reference
    assert answer["channels"] == ["email"] and answer["sent_at"]
    assert answer["desk"] in answer["message"] and reply.ticket.reference in answer["message"]
    assert "real message" in answer["message"]
    raw = response.content.decode()
    for private in ("出金を確認", "1234", "hanako", "Aiko", "aiko", reply.ticket.subject):
        assert private not in raw


@pytest.mark.parametrize(
    "variant", [str.lower, lambda c: c.replace("-", ""), lambda c: c[4:], lambda c: f" {c} "]
)
def test_lower_case_and_without_hyphens_or_prefix_are_the_same_code(client, reply, variant):
    answer = post_api(client, {"code": variant(shown(reply))}).json()
    assert answer["result"] == "genuine" and answer["code"] == shown(reply)


def test_the_answer_speaks_japanese_by_default(client, reply):
    answer = post_api(client, {"code": shown(reply)}).json()
    assert "本物" in answer["message"], answer["message"]
    unknown = post_api(client, {"code": forged()}).json()
    assert "送信したものではありません" in unknown["message"], unknown["message"]


@pytest.mark.parametrize("code", [forged(), "MDG-0000-0000-0000"])
def test_a_forged_code_is_unknown_and_costs_no_database_read(
    client, reply, code, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert code_check(text=code).genuine is False
    answer = post_api(client, {"code": code, "language": "en"}).json()
    assert answer["result"] == "unknown" and answer["reference"] is None
    assert answer["channels"] == [] and answer["sent_at"] is None
    assert "did not come from" in answer["message"] and "report" in answer["message"]


def test_a_code_with_a_valid_tag_that_was_never_issued_is_unknown(client, reply):
    code = unknown_with_valid_tag()
    assert post_api(client, {"code": code}).json()["result"] == "unknown"


def test_a_code_under_a_retired_key_stops_verifying(client, reply, settings):
    code, old_key = shown(reply), settings.SECRET_KEY
    with override_settings(SECRET_KEY="another-secret-key-" + "x" * 40):
        assert post_api(client, {"code": code}).json()["result"] == "unknown"
        with override_settings(SECRET_KEY_FALLBACKS=[old_key]):
            assert post_api(client, {"code": code}).json()["result"] == "genuine"


def test_a_key_file_signs_new_codes_and_the_old_key_still_verifies(tmp_path, client, reply):
    old = shown(reply)
    path = tmp_path / "signing_keys"
    path.write_text("# madoguchi signing keys\n" + "k" * 40 + "\n", encoding="utf-8")
    with override_settings(SIGNING_KEY_FILE=str(path)):
        row = verification_code_issue(subject="notice:test", channel="email")
        assert row.key_id == current_key().id
        assert post_api(client, {"code": display_code(row.code)}).json()["result"] == "genuine"
        assert post_api(client, {"code": old}).json()["result"] == "genuine"


@pytest.mark.parametrize(
    "body",
    [
        {"code": "MDG-7K3Q-9XWP"},
        {"code": "MDG-7K3Q-9XWP-4RTU"},
        {"code": "hello"},
        {"code": ""},
        {"code": 123456789012},
        {"code": ["MDG-7K3Q-9XWP-4RTB"]},
        {"code": "x" * 65},
        {},
        {"code": "MDG-7K3Q-9XWP-4RTB", "extra": 1},
        {"code": "MDG-7K3Q-9XWP-4RTB", "language": "fr"},
    ],
)
def test_malformed_input_is_422_with_the_field(client, body):
    response = post_api(client, body)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["message"]


def test_a_body_that_is_not_json_is_400(client):
    response = client.post(API, data="{nope", content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "bad_request"


def test_the_page_shows_a_form_and_checks_a_code(client, reply):
    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and b'name="code"' in page.content
    assert b"<script" not in page.content  # no JavaScript needed
    response = client.post(PAGE, {"code": shown(reply).lower()}, HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert response.status_code == 200 and "Genuine message" in text
    assert reply.ticket.reference in text and "e-mail" in text
    for private in ("出金を確認", "hanako"):
        assert private not in text


def test_the_page_in_japanese(client, reply):
    response = client.post(PAGE, {"code": shown(reply)}, HTTP_ACCEPT_LANGUAGE="ja")
    text = response.content.decode()
    assert "本物" in text and reply.ticket.reference in text


def test_the_page_says_what_to_do_with_an_unknown_code(client, reply):
    response = client.post(PAGE, {"code": forged()}, HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert response.status_code == 200 and "Not a message from us" in text
    assert "Report the message" in text and "security.phishing_report" in text


@pytest.mark.parametrize("code", ["hello", "", "MDG-7K3Q-9XWP", "<b>x</b>"])
def test_the_page_explains_a_malformed_code(client, code):
    response = client.post(PAGE, {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert b"<b>x</b>" not in response.content
    assert b"field-error" in response.content


@override_settings(SIGNING_VERIFY_IP_LIMIT=3)
def test_the_per_address_limit_answers_the_same_for_any_code(client, reply):
    for _attempt in range(3):
        assert post_api(client, {"code": forged()}).status_code == 200
    limited = [
        post_api(client, {"code": code})
        for code in (shown(reply), forged(), unknown_with_valid_tag(), "bad")
    ]
    assert {r.status_code for r in limited} == {429}
    assert len({r.content for r in limited}) == 1  # nothing tells a valid code apart
    assert limited[0]["Retry-After"] == "3600"
    page = [client.post(PAGE, {"code": c}) for c in (shown(reply), forged())]
    assert {r.status_code for r in page} == {429}
    same = {re.sub(rb'value="[A-Za-z0-9]{64}"', b"", r.content) for r in page}  # CSRF tokens
    assert len(same) == 1
    # another address is still served
    other = post_api(client, {"code": shown(reply)}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


@override_settings(SIGNING_VERIFY_GLOBAL_LIMIT=4)
def test_the_global_limit_stops_guessing_from_many_addresses(client, reply):
    answers = [
        post_api(client, {"code": forged()}, REMOTE_ADDR=f"203.0.113.{n}").status_code
        for n in range(6)
    ]
    assert answers == [200, 200, 200, 200, 429, 429]


def test_every_symbol_of_the_alphabet_is_accepted(client):
    code = "MDG-" + ALPHABET[:4] + "-" + ALPHABET[4:8] + "-" + ALPHABET[8:12]
    assert post_api(client, {"code": code}).json()["result"] == "unknown"


def test_the_openapi_document_lists_the_public_route(client):
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"][API]["post"]
    assert "security" not in operation or operation["security"] in ([], [{}])
    assert {"200", "422", "429"} <= set(operation["responses"])
