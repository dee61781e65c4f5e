"""``/phone``: voicemail transcripts through the intake (once per recording), call-back lists."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from madoguchi.api.models import SCOPES
from madoguchi.api.services import ApiKeyError, api_key_create
from madoguchi.conftest import PHRASE
from madoguchi.customers.models import ContactIdentity, Customer
from madoguchi.social.models import CallbackRequest
from madoguchi.social.phone import callback_request, callback_update
from madoguchi.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db

URL = "/api/v1/phone/voicemails"
CALLBACKS = "/api/v1/phone/callbacks"
VOICEMAIL = {
    "phone": "090-1234-5678",
    "transcript": "出金が三日たっても届きません。折り返しお願いします。",
    "recorded_at": "2026-11-29T09:15:00+09:00",
    "external_id": "rec-0001",
}


def test_phone_scopes_can_be_given_to_keys():
    assert {"phone:read", "phone:write"} <= set(SCOPES)
    row, _key = api_key_create(name="pbx", scopes=["phone:write"])
    assert row.scopes == ["phone:write"]
    with pytest.raises(ApiKeyError):
        api_key_create(name="pbx", scopes=["phone:admin"])


def test_a_voicemail_files_a_phone_ticket_once(api, make_key):
    key = make_key("phone:write")
    first = api("post", URL, key, json=VOICEMAIL)
    assert first.status_code == 201, first.content
    data = first.json()
    assert data["created"] is True and data["duplicate"] is False
    ticket = Ticket.objects.get(reference=data["reference"])
    message = Message.objects.get(pk=data["message_id"])
    assert ticket.channel == "phone" and message.ticket == ticket and message.channel == "phone"
    assert message.author_kind == "customer" and "三日" in message.body
    identity = ticket.requester.identities.get()
    assert (identity.kind, identity.value) == (ContactIdentity.Kind.PHONE, "+819012345678")
    # the telephony system retries the same recording (another spelling of the number)
    again = api("post", URL, key, json={**VOICEMAIL, "phone": "+81 90 1234 5678"})
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert again.json()["reference"] == data["reference"]
    assert again.json()["message_id"] == data["message_id"]
    assert Message.objects.filter(author_kind="customer").count() == 1


def test_a_second_recording_from_the_same_caller_is_another_message(api, make_key):
    key = make_key("phone:write")
    one = api("post", URL, key, json=VOICEMAIL).json()
    two = api("post", URL, key, json={**VOICEMAIL, "external_id": "rec-0002"})
    assert two.status_code == 201
    assert two.json()["message_id"] != one["message_id"]
    assert Customer.objects.count() == 1  # the number is the same caller


def test_a_recovery_phrase_in_a_transcript_is_never_stored(api, make_key):
    key = make_key("phone:write")
    body = {**VOICEMAIL, "transcript": f"my recovery phrase is {PHRASE}, please help"}
    response = api("post", URL, key, json=body)
    assert response.status_code == 201
    assert "sausage" not in response.content.decode()
    data = response.json()
    assert data["secret_exposed"] is True
    assert "secret_shared" in {w["code"] for w in data["warnings"]}
    stored = Message.objects.get(pk=data["message_id"])
    assert "sausage" not in stored.body and "legal winner" not in stored.body
    assert not Message.objects.filter(body__contains="sausage").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"phone": "12"}, "phone"),
        ({"phone": "not a number"}, "phone"),
        ({"transcript": ""}, "transcript"),
        ({"transcript": "   \n "}, "transcript"),
        ({"transcript": 42}, "transcript"),  # strict: no coercion
        ({"external_id": ""}, "external_id"),
        ({"external_id": "   "}, "external_id"),
        ({"recorded_at": "yesterday"}, "recorded_at"),
        ({"recorded_at": 1764375300}, "recorded_at"),  # a Unix time is not ISO 8601
        ({"recorded_at": "2026-11-29T09:15:00"}, "recorded_at"),  # no offset: ambiguous
        ({"unknown": "field"}, "unknown"),
    ],
)
def test_a_bad_voicemail_is_a_422_naming_the_field(api, make_key, change, field):
    response = api("post", URL, make_key("phone:write"), json={**VOICEMAIL, **change})
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["field"] == field
    assert not Message.objects.exists()


def test_a_voicemail_from_the_future_is_refused(api, make_key):
    later = (timezone.now() + timedelta(days=1)).isoformat()
    response = api("post", URL, make_key("phone:write"), json={**VOICEMAIL, "recorded_at": later})
    assert response.status_code == 422 and response.json()["error"]["field"] == "recorded_at"


def test_recorded_at_is_optional_and_any_offset_is_read(api, make_key):
    key = make_key("phone:write")
    without = {k: v for k, v in VOICEMAIL.items() if k != "recorded_at"}
    assert api("post", URL, key, json=without).status_code == 201
    utc = {**VOICEMAIL, "recorded_at": "2026-11-29T00:15:00Z", "external_id": "rec-z"}
    assert api("post", URL, key, json=utc).status_code == 201


def test_voicemails_need_the_phone_write_scope(api, make_key):
    assert api("post", URL, None, json=VOICEMAIL).status_code == 401
    response = api("post", URL, make_key("tickets:write", "phone:read"), json=VOICEMAIL)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"
    assert "phone:write" in response.json()["error"]["message"]
    assert not Message.objects.exists()


def test_an_idempotency_key_replays_the_first_answer(api, make_key):
    key = make_key("phone:write")
    first = api("post", URL, key, json=VOICEMAIL, HTTP_IDEMPOTENCY_KEY="vm-1")
    again = api("post", URL, key, json=VOICEMAIL, HTTP_IDEMPOTENCY_KEY="vm-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()


@pytest.fixture
def callbacks(file_request, agent_user):
    """Three call-backs: two open (one scheduled), one done."""
    ticket = file_request(email="hanako@example.jp", intent="account.compromised").ticket
    customer = ticket.requester
    asked = callback_request(
        customer=customer, ticket=ticket, phone="090-1234-5678", preferred_window="18時以降"
    )
    scheduled = callback_request(customer=customer, phone="03-1234-5678")
    callback_update(
        callback=scheduled,
        agent=agent_user,
        status="scheduled",
        scheduled_for=timezone.now() + timedelta(hours=2),
    )
    done = callback_request(customer=customer, phone="+44 20 7946 0958")
    callback_update(callback=done, agent=agent_user, status="done")
    return {"ticket": ticket, "requested": asked, "scheduled": scheduled, "done": done}


def test_open_callbacks_are_listed_newest_first(api, make_key, callbacks):
    response = api("get", CALLBACKS, make_key("phone:read"))
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert [i["id"] for i in items] == [callbacks["scheduled"].pk, callbacks["requested"].pk]
    scheduled, requested = items
    assert scheduled["status"] == "scheduled" and scheduled["scheduled_for"] is not None
    assert scheduled["ticket"] is None and scheduled["phone"] == "+81312345678"
    assert requested["ticket"] == callbacks["ticket"].reference
    assert requested["preferred_window"] == "18時以降" and requested["scheduled_for"] is None
    assert requested["customer"]["id"] == str(callbacks["ticket"].requester.public_id)
    assert response.json()["next_cursor"] is None


def test_callbacks_filter_by_status(api, make_key, callbacks):
    key = make_key("phone:read")
    only = api("get", f"{CALLBACKS}?status=requested", key).json()["items"]
    assert [i["id"] for i in only] == [callbacks["requested"].pk]
    response = api("get", f"{CALLBACKS}?status=done", key)  # only open ones are listed here
    assert response.status_code == 422 and response.json()["error"]["field"] == "status"


def test_callbacks_page_with_a_cursor(api, make_key, file_request):
    customer = file_request().ticket.requester
    made = [callback_request(customer=customer, phone=f"090-1234-56{n:02d}") for n in range(5)]
    key = make_key("phone:read")
    seen: list[int] = []
    url = f"{CALLBACKS}?limit=2"
    while url:
        data = api("get", url, key).json()
        assert len(data["items"]) <= 2
        seen += [i["id"] for i in data["items"]]
        url = f"{CALLBACKS}?limit=2&cursor={data['next_cursor']}" if data["next_cursor"] else ""
    assert seen == sorted((c.pk for c in made), reverse=True)
    bad = api("get", f"{CALLBACKS}?cursor=nonsense", key)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_cursor"


def test_callbacks_need_the_phone_read_scope(api, make_key, callbacks):
    assert api("get", CALLBACKS, None).status_code == 401
    response = api("get", CALLBACKS, make_key("tickets:read", "phone:write"))
    assert response.status_code == 403 and "phone:read" in response.json()["error"]["message"]
    assert CallbackRequest.objects.count() == 3  # nothing changed by looking


def test_the_phone_calls_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/phone/voicemails"]
    assert "get" in paths["/api/v1/phone/callbacks"]
