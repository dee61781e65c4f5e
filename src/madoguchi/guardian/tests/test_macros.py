"""Macros: the admin refuses a text the guard blocks; agents insert one (no JS: a button)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from madoguchi.guardian.models import Macro
from madoguchi.guardian.services import macro_create

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/guardian/macro/add/"
GOOD = {
    "title": "TXID",
    "body_ja": "送金のTXIDをお知らせください。",
    "body_en": "Please tell us the TXID of the transfer.",
    "active": "on",
}


@pytest.fixture
def admin_web(admin_user):
    from django.test import Client

    client = Client()
    client.force_login(admin_user)
    return client


def test_the_admin_saves_a_clean_macro(admin_web):
    response = admin_web.post(ADD_URL, GOOD)
    assert response.status_code == 302
    assert Macro.objects.get().body_en == GOOD["body_en"]


def test_the_admin_refuses_a_blocked_macro_with_the_reason(admin_web):
    data = {**GOOD, "body_en": "Please reply with your password and the SMS code."}
    response = admin_web.post(ADD_URL, data)
    assert response.status_code == 200  # the form again, with the error on the field
    page = response.content.decode()
    assert "never-ask guard blocks this text" in page or "禁止事項ガードがこの文面" in page
    assert "Asks for a password" in page or "パスワード・パスフレーズを求めています" in page
    assert not Macro.objects.exists()


def test_the_service_refuses_a_blocked_macro_per_language():
    with pytest.raises(ValidationError) as caught:
        macro_create(title="bad", body_ja="秘密鍵をお送りください。", body_en="Thanks.")
    assert set(caught.value.message_dict) == {"body_ja"}
    assert "秘密鍵" in caught.value.message_dict["body_ja"][0]
    assert not Macro.objects.exists()


def test_an_agent_inserts_a_macro_without_js(agent_client, ticket):
    macro = macro_create(title="TXID", body_ja=GOOD["body_ja"], body_en=GOOD["body_en"])
    macro_create(title="Off", body_ja="無効", body_en="off", active=False)
    url = f"/agent/tickets/{ticket.reference}/reply/"
    page = agent_client.get(f"/agent/tickets/{ticket.reference}/").content.decode()
    assert 'name="insert_macro"' in page and "macro-bodies" in page and ">Off<" not in page
    response = agent_client.post(
        url,
        {"body": "こんにちは。", "visibility": "public", "macro": macro.pk, "insert_macro": "1"},
    )
    assert response.status_code == 200
    textarea = response.content.decode().split('name="body"', 1)[1].split("</textarea>", 1)[0]
    assert "こんにちは。" in textarea and GOOD["body_ja"] in textarea  # ticket is Japanese
    assert ticket.messages.count() == 1  # the customer's request only: nothing was sent


def test_inserting_no_or_an_unknown_macro_is_a_clear_error(agent_client, ticket):
    url = f"/agent/tickets/{ticket.reference}/reply/"
    for macro in ("", "999999", "x"):
        response = agent_client.post(
            url, {"body": "draft", "visibility": "public", "macro": macro, "insert_macro": "1"}
        )
        assert response.status_code == 400
        assert "draft" in response.content.decode()
