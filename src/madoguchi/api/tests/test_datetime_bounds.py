"""Times the standards allow but PostgreSQL refuses (offsets beyond ±15:59) are turned into
UTC before any query; a time with no UTC equivalent is a 422, never a 500 (found by
schemathesis on PostgreSQL)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("updated_after", "status"),
    [
        ("0883-06-25T19%3A44%3A30.73%2B21%3A11", 200),  # +21:11: legal ISO, not for PostgreSQL
        ("2026-11-29T10%3A00%3A00-23%3A59", 200),
        ("2026-11-29T10%3A00%3A00", 200),  # naive: the desk's time zone
        ("0001-01-01T00%3A00%3A00%2B21%3A00", 422),  # before year 1 in UTC
    ],
)
def test_updated_after_with_any_offset(make_key, api, updated_after, status):
    response = api("get", f"/api/v1/tickets?updated_after={updated_after}", make_key())
    assert response.status_code == status
    if status == 422:
        assert response.json()["error"]["field"] == "updated_after"


def test_a_voicemail_recorded_at_a_far_offset_is_stored_in_utc(make_key, api):
    from madoguchi.tickets.models import Message

    response = api(
        "post",
        "/api/v1/phone/voicemails",
        make_key("phone:write"),
        json={
            "phone": "+81 90-1234-5678",
            "transcript": "出金が届きません。折り返しお願いします。",
            "recorded_at": "2026-11-29T23:30:00+21:11",
            "external_id": "rec-far-offset",
        },
    )
    assert response.status_code in (200, 201), response.content
    message = Message.objects.get(pk=response.json()["message_id"])
    assert message.ticket.reference == response.json()["reference"]
