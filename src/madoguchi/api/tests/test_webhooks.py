"""Outgoing webhooks end to end: managed through the API, written with the event, signed,
retried with backoff, and never sent to a private address unless the operator allows it."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from madoguchi.api.models import WebhookDelivery, WebhookEndpoint
from madoguchi.api.tests.http_receiver import Receiver
from madoguchi.api.webhooks.deliveries import webhook_flush
from madoguchi.api.webhooks.endpoints import webhook_endpoint_create
from madoguchi.api.webhooks.signing import signature_verify
from madoguchi.tickets.services import TicketChange, ticket_update

pytestmark = pytest.mark.django_db(transaction=True)

ALLOW_PRIVATE = override_settings(WEBHOOK_ALLOW_PRIVATE=True)


@pytest.fixture
def receiver():
    with Receiver() as server:
        yield server


def test_endpoints_are_managed_through_the_api(api, make_key):
    key = make_key("webhooks:manage")
    with ALLOW_PRIVATE:
        created = api(
            "post",
            "/api/v1/webhooks",
            key,
            json={"url": "http://127.0.0.1:9/hook", "events": ["ticket.created", "ticket.status"]},
        )
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["secret"].startswith("whsec_") and data["active"] is True
    listed = api("get", "/api/v1/webhooks", key).json()["items"]
    assert [w["id"] for w in listed] == [data["id"]] and "secret" not in listed[0]
    patched = api("patch", f"/api/v1/webhooks/{data['id']}", key, json={"active": False})
    assert patched.status_code == 200 and patched.json()["active"] is False
    assert api("get", f"/api/v1/webhooks/{data['id']}/deliveries", key).json()["items"] == []
    assert api("delete", f"/api/v1/webhooks/{data['id']}", key).status_code == 204
    assert api("get", f"/api/v1/webhooks/{data['id']}", key).status_code == 404


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"url": "http://127.0.0.1/hook", "events": ["*"]}, "url"),
        ({"url": "http://169.254.169.254/latest", "events": ["*"]}, "url"),
        ({"url": "http://[::1]:8000/", "events": ["*"]}, "url"),
        ({"url": "http://localhost:8000/", "events": ["*"]}, "url"),
        ({"url": "file:///etc/passwd", "events": ["*"]}, "url"),
        ({"url": "https://hooks.example.com/x", "events": ["ticket.nope"]}, "events"),
    ],
)
def test_bad_endpoints_are_refused_with_the_field(api, make_key, payload, field):
    response = api("post", "/api/v1/webhooks", make_key("webhooks:manage"), json=payload)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == field
    assert WebhookEndpoint.objects.count() == 0


def test_managing_webhooks_needs_the_scope(api, make_key):
    key = make_key("tickets:read", "tickets:write")
    response = api("get", "/api/v1/webhooks", key)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"


@ALLOW_PRIVATE
def test_events_are_delivered_signed_once(receiver, file_request):
    endpoint = webhook_endpoint_create(url=receiver.url(), events=["*"])
    ticket = file_request().ticket
    types = [h.headers["Madoguchi-Event"] for h in receiver.hits]
    assert types[:2] == ["ticket.created", "ticket.message"]
    for hit in receiver.hits:
        assert signature_verify(
            endpoint.secret, hit.body, hit.headers["Madoguchi-Signature"], now=int(time.time())
        )
        assert hit.headers["Content-Type"] == "application/json"
    created = json.loads(receiver.hits[0].body)
    assert (
        created["type"] == "ticket.created" and created["ticket"]["reference"] == ticket.reference
    )
    assert "出金が届きません" not in receiver.hits[1].body.decode()  # no message text in events
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
    assert len({h.headers["Madoguchi-Delivery"] for h in receiver.hits}) == len(receiver.hits)


@ALLOW_PRIVATE
def test_the_ticket_in_an_event_shows_the_change(receiver, file_request, agent_user):
    webhook_endpoint_create(url=receiver.url(), events=["ticket.status"])
    ticket = file_request().ticket
    ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(status="solved"))
    (hit,) = receiver.hits
    event = json.loads(hit.body)
    assert event["data"] == {"from": "new", "to": "solved"}
    assert event["ticket"]["status"] == "solved" and event["actor"]["agent_id"] == agent_user.pk


@ALLOW_PRIVATE
def test_a_rolled_back_change_sends_nothing(receiver, file_request, agent_user):
    webhook_endpoint_create(url=receiver.url(), events=["ticket.status"])
    ticket = file_request().ticket
    with pytest.raises(RuntimeError), transaction.atomic():
        ticket_update(ticket=ticket, agent=agent_user, change=TicketChange(status="solved"))
        assert WebhookDelivery.objects.count() == 1  # written in the change's transaction
        raise RuntimeError("the change fails")
    assert WebhookDelivery.objects.count() == 0 and receiver.hits == []


@ALLOW_PRIVATE
def test_a_failing_receiver_gets_retries_with_backoff_then_the_same_delivery(
    receiver, file_request
):
    webhook_endpoint_create(url=receiver.url(), events=["ticket.created"])
    receiver.answers.append((500, {}))
    file_request()
    row = WebhookDelivery.objects.get()
    assert row.status == "queued" and row.attempts == 1 and row.response_status == 500
    now = timezone.now()
    assert row.next_attempt_at > now + timedelta(seconds=20)
    assert webhook_flush() == {}  # not due yet
    assert webhook_flush(now=now + timedelta(minutes=5)) == {"delivered": 1}
    first, second = receiver.hits
    assert first.body == second.body
    assert first.headers["Madoguchi-Delivery"] == second.headers["Madoguchi-Delivery"]
    row.refresh_from_db()
    assert row.status == "delivered" and row.attempts == 2


@ALLOW_PRIVATE
def test_retry_after_is_honoured(receiver, file_request):
    webhook_endpoint_create(url=receiver.url(), events=["ticket.created"])
    receiver.answers.append((429, {"Retry-After": "900"}))
    before = timezone.now()
    file_request()
    row = WebhookDelivery.objects.get()
    assert row.next_attempt_at >= before + timedelta(seconds=900)


def test_without_the_setting_a_loopback_receiver_is_never_called(receiver, file_request):
    with ALLOW_PRIVATE:  # saved while allowed (an intranet setup), delivered after it was lifted
        webhook_endpoint_create(url=receiver.url(), events=["ticket.created"])
    with override_settings(WEBHOOK_ALLOW_PRIVATE=False):
        file_request()
    row = WebhookDelivery.objects.get()
    assert row.status == "failed" and row.last_error.startswith("refused")
    assert receiver.hits == []


@ALLOW_PRIVATE
def test_views_are_not_sent_to_catch_all_endpoints(file_request):
    from madoguchi.tickets.models import Event

    endpoint = webhook_endpoint_create(url="http://127.0.0.1:9/", events=["*"], active=False)
    assert endpoint.wants("ticket.created") and not endpoint.wants("ticket.viewed")
    ticket = file_request().ticket
    assert WebhookDelivery.objects.count() == 0  # inactive endpoints get nothing
    Event.objects.create(ticket=ticket, kind="viewed", actor_kind="agent")
    assert WebhookDelivery.objects.count() == 0


@ALLOW_PRIVATE
def test_two_concurrent_flushers_deliver_each_event_once(receiver, file_request):
    import threading

    from django.db import connection

    webhook_endpoint_create(url=receiver.url(), events=["*"])
    DATABASE_QUEUE = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    with override_settings(TASKS=DATABASE_QUEUE):  # queued, not sent on commit
        for i in range(3):
            file_request(email=f"c{i}@example.jp")
    expected = set(WebhookDelivery.objects.values_list("delivery_id", flat=True))
    assert len(expected) >= 6 and receiver.hits == []
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def flush() -> None:
        try:
            barrier.wait()
            webhook_flush()
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=flush) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sent = [h.headers["Madoguchi-Delivery"] for h in receiver.hits]
    assert sorted(sent) == sorted(str(d) for d in expected)  # each once
    assert set(WebhookDelivery.objects.values_list("attempts", flat=True)) == {1}
