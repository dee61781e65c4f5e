"""Phone: call-backs (from the assistant's urgent hand-off on LINE, and by service), call logs
from the agent's ticket page, voicemail transcripts through intake."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone

from madoguchi.conftest import PHRASE
from madoguchi.customers.models import ContactIdentity, Customer
from madoguchi.social.models import CallbackRequest, CallLog
from madoguchi.social.phone import (
    PhoneError,
    call_log_create,
    callback_request,
    callback_update,
    normalize_phone,
    voicemail_post,
)
from madoguchi.social.tests.conftest import line_text
from madoguchi.tickets.models import Message, Ticket

HACKED = {"ja": "アカウントが乗っ取られた", "en": "my account was hacked"}
PHONE = {"ja": "090-1234-5678", "en": "+81 90-1234-5678"}
NOTED = {"ja": "折り返しお電話します", "en": "An agent will call you at"}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_urgent_handoff_on_line_becomes_a_callback_request(kb, api, post_line, language):
    post_line(line_text(HACKED[language]))
    ticket = Ticket.objects.get()
    assert ticket.priority == "urgent"
    asked = "\n".join(api.texts())
    assert ("お電話番号" if language == "ja" else "phone number") in asked
    post_line(line_text(PHONE[language]))
    callback = CallbackRequest.objects.get()
    assert callback.ticket == ticket and callback.phone == "+819012345678"
    assert callback.status == "requested" and callback.customer == ticket.requester
    assert NOTED[language] in api.texts()[-1]
    # agents see it on the ticket as an internal note
    note = ticket.messages.get(visibility="internal")
    assert "+819012345678" in note.body
    # the same number again does not ask for a second call
    post_line(line_text(PHONE[language]))
    assert CallbackRequest.objects.count() == 1


@pytest.fixture
def ticket(file_request):
    return file_request(email="hanako@example.jp", intent="account.compromised").ticket


def test_callback_request_normalises_and_checks(ticket):
    customer = ticket.requester
    callback = callback_request(
        customer=customer,
        ticket=ticket,
        phone="０９０－１２３４－５６７８",
        preferred_window="18時以降",
    )
    assert callback.phone == "+819012345678" and callback.preferred_window == "18時以降"
    again = callback_request(customer=customer, ticket=ticket, phone="+81 90 1234 5678")
    assert again.pk == callback.pk
    with pytest.raises(PhoneError):
        callback_request(customer=customer, ticket=ticket, phone="12")
    with pytest.raises(PhoneError):
        callback_request(customer=customer, ticket=ticket, phone="090\r\nBcc: x")
    stranger = Customer.objects.create()
    with pytest.raises(PhoneError):
        callback_request(customer=stranger, ticket=ticket, phone="090-1234-5678")
    with pytest.raises(PhoneError):
        callback_request(customer=customer, ticket=ticket, phone="03-1234-5678",
                         preferred_window=f"evening, {PHRASE}")  # fmt: skip
    assert CallbackRequest.objects.count() == 1


def test_normalize_phone_reads_national_and_international_numbers():
    assert normalize_phone("03-1234-5678") == "+81312345678"
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"
    for bad in ("", "abc", "1" * 50, "+1 555"):
        with pytest.raises(PhoneError):
            normalize_phone(bad)


@override_settings(ROOT_URLCONF="madoguchi.social.tests.urls")
def test_an_agent_logs_a_call_from_the_ticket_page(ticket, agent_user, client):
    callback = callback_request(customer=ticket.requester, ticket=ticket, phone="09012345678")
    client.force_login(agent_user)
    url = f"/agent/phone/tickets/{ticket.reference}/calls/"
    response = client.post(
        url,
        {
            "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "7",
            "direction": "outbound",
            "summary": f"Froze withdrawals. The customer read out {PHRASE} — told never to.",
            "callback": str(callback.pk),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/agent/tickets/{ticket.reference}/"
    call = CallLog.objects.get()
    assert call.duration_seconds == 420 and call.agent == agent_user
    assert "sausage" not in call.summary  # redacted like every stored text
    callback.refresh_from_db()
    assert callback.status == "done"
    note = ticket.messages.filter(visibility="internal").last()
    assert "7:00" in note.body and "sausage" not in note.body
    # the panel the lead includes on the ticket page shows the call
    html = Template("{% load phone %}{% phone_panel ticket %}").render(
        Context({"ticket": ticket, "csrf_token": "t"})
    )
    assert "Froze withdrawals." in html and url in html


@override_settings(ROOT_URLCONF="madoguchi.social.tests.urls")
def test_call_log_form_errors_and_access(ticket, agent_user, client):
    url = f"/agent/phone/tickets/{ticket.reference}/calls/"
    data = {"started_at": "2026-01-01T10:00", "duration_minutes": "3", "direction": "inbound",
            "summary": "Called about the login."}  # fmt: skip
    assert client.post(url, data).status_code == 302  # to the login page
    assert not CallLog.objects.exists()
    client.force_login(agent_user)
    assert client.get(url).status_code == 405
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    for bad in ({"duration_minutes": "-1"}, {"direction": "sideways"}, {"summary": ""},
                {"started_at": future}, {"started_at": "yesterday"}):  # fmt: skip
        client.post(url, {**data, **bad})
    assert not CallLog.objects.exists()
    assert client.post("/agent/phone/tickets/MDG-00-999999/calls/", data).status_code == 404
    other = callback_request(customer=ticket.requester, phone="09012345678")  # no ticket
    assert client.post(url, {**data, "callback": str(other.pk)}).status_code == 404
    assert client.post(url, {**data, "summary": "<script>alert(1)</script>"}).status_code == 302
    html = Template("{% load phone %}{% phone_panel ticket %}").render(
        Context({"ticket": ticket, "csrf_token": "t"})
    )
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


@override_settings(ROOT_URLCONF="madoguchi.social.tests.urls")
def test_an_agent_schedules_then_closes_a_callback(ticket, agent_user, client):
    callback = callback_request(customer=ticket.requester, ticket=ticket, phone="09012345678")
    client.force_login(agent_user)
    url = f"/agent/phone/tickets/{ticket.reference}/callbacks/{callback.pk}/"
    client.post(url, {"status": "scheduled"})  # no time: refused
    callback.refresh_from_db()
    assert callback.status == "requested"
    client.post(url, {"status": "scheduled", "scheduled_for": "2026-12-01T18:30"})
    callback.refresh_from_db()
    assert callback.status == "scheduled" and callback.scheduled_for is not None
    client.post(url, {"status": "failed"})
    callback.refresh_from_db()
    assert callback.status == "failed"
    other = Ticket.objects.exclude(pk=ticket.pk).first()
    assert other is None
    assert client.post(f"/agent/phone/tickets/{ticket.reference}/callbacks/999/",
                       {"status": "done"}).status_code == 404  # fmt: skip


def test_callback_update_and_call_log_services_check_their_input(ticket, agent_user):
    callback = callback_request(customer=ticket.requester, ticket=ticket, phone="09012345678")
    with pytest.raises(PhoneError):
        callback_update(callback=callback, agent=agent_user, status="lost")
    now = timezone.now()
    with pytest.raises(PhoneError):
        call_log_create(ticket=ticket, agent=agent_user, started_at=now, duration_seconds=10**6,
                        direction="outbound", summary="x")  # fmt: skip
    with pytest.raises(PhoneError):
        call_log_create(ticket=ticket, agent=agent_user, started_at=now, duration_seconds=60,
                        direction="outbound", summary="x" * 6000)  # fmt: skip


@pytest.mark.parametrize(
    ("transcript", "language"),
    [
        ("出金がまだ届きません。折り返しお願いします。", "ja"),
        ("Hello, my withdrawal has not arrived yet. Please call me back.", "en"),
    ],
)
def test_a_voicemail_goes_through_intake_once(db, transcript, language):
    result = voicemail_post(phone="090-1234-5678", transcript=transcript, external_id="rec-1")
    assert result.created and result.ticket.channel == "phone"
    assert result.message.channel == "phone" and result.ticket.language == language
    identity = result.ticket.requester.identities.get()
    assert (identity.kind, identity.value) == (ContactIdentity.Kind.PHONE, "+819012345678")
    again = voicemail_post(phone="09012345678", transcript=transcript, external_id="rec-1")
    assert again.duplicate and Message.objects.filter(author_kind="customer").count() == 1


def test_a_voicemail_with_a_recovery_phrase_is_redacted(db):
    result = voicemail_post(
        phone="+81 3 1234 5678", transcript=f"my phrase is {PHRASE}", external_id="rec-2"
    )
    assert "sausage" not in result.message.body and result.ticket.secret_exposed


def test_a_bad_voicemail_is_a_clear_error(db):
    from madoguchi.tickets.intake import IntakeError

    with pytest.raises(PhoneError):
        voicemail_post(phone="nope", transcript="hi", external_id="r")
    with pytest.raises(PhoneError):
        voicemail_post(phone="0312345678", transcript="hi", external_id=" ")
    with pytest.raises(IntakeError):
        voicemail_post(phone="0312345678", transcript="  ", external_id="r3")
    assert not Ticket.objects.exists()
