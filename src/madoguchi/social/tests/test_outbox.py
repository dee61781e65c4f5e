"""The platform outbox: 429 and Retry-After, refusals, outages, stale reply tokens, agent
replies delivered to the platform user."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from madoguchi.social import clients
from madoguchi.social.models import OutboundSocial, SocialContact
from madoguchi.social.outbox import social_enqueue, social_outbox_flush, social_outbox_send
from madoguchi.social.services import social_agent_reply
from madoguchi.social.tests.conftest import LINE_USER, line_text, telegram_update
from madoguchi.tickets.services import message_post


@pytest.fixture
def line_contact(kb, api, post_line):
    post_line(line_text("人と話したい"))  # a hand-off: the LINE user now has a ticket
    api.calls.clear()
    return SocialContact.objects.get(platform="line")


def _queue(contact, texts, **kwargs) -> OutboundSocial:
    with transaction.atomic():  # on-commit scheduling is not captured here: flush sends
        [row] = social_enqueue(contact=contact, texts=texts, **kwargs)
    return row


def test_429_with_retry_after_seconds_is_honoured(line_contact, api):
    api.script.append((429, {"Retry-After": "30"}, {"message": "Too many requests"}))
    row = _queue(line_contact, ["hello"])
    now = timezone.now()
    assert social_outbox_send(outbound_id=row.pk, now=now) == "queued"
    row.refresh_from_db()
    assert row.next_attempt_at >= now + timedelta(seconds=30)
    assert "429" in row.last_error
    assert social_outbox_flush(now=now + timedelta(seconds=29)) == {}  # not before Retry-After
    assert len(api.calls) == 1
    assert social_outbox_flush(now=now + timedelta(seconds=31)) == {"sent": 1}
    assert [c.status for c in api.calls] == [429, 200]
    assert api.texts() == ["hello"]


def test_429_with_an_http_date_and_telegrams_retry_after_in_the_body(kb, api, post_telegram):
    post_telegram(telegram_update("/start", update_id=1))
    contact = SocialContact.objects.get(platform="telegram")
    row = _queue(contact, ["hi"])
    now = timezone.now() + timedelta(seconds=1)
    later = (now + timedelta(seconds=120)).astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    api.script.append((429, {"Retry-After": later}, {"ok": False}))
    api.script.append((429, {}, {"ok": False, "error_code": 429, "parameters": {"retry_after": 7}}))
    social_outbox_send(outbound_id=row.pk, now=now)
    row.refresh_from_db()
    assert row.next_attempt_at >= now + timedelta(seconds=119)
    social_outbox_send(outbound_id=row.pk, now=now + timedelta(seconds=121))
    row.refresh_from_db()
    assert row.next_attempt_at >= now + timedelta(seconds=128)
    assert social_outbox_flush(now=now + timedelta(seconds=130)) == {"sent": 1}


def test_a_refusal_is_failed_with_the_error_kept(line_contact, api):
    api.script.append((403, {}, {"message": "The user has blocked the account"}))
    row = _queue(line_contact, ["hello"])
    assert social_outbox_send(outbound_id=row.pk) == "failed"
    row.refresh_from_db()
    assert row.status == "failed" and "blocked" in row.last_error
    assert social_outbox_flush(now=timezone.now() + timedelta(days=2)) == {}


def test_an_outage_is_retried_with_backoff_and_nothing_is_lost(line_contact, api, settings):
    settings.MADOGUCHI_LINE_API_BASE = "http://127.0.0.1:9"  # nothing listens: no answer
    row = _queue(line_contact, ["hello"])
    now = timezone.now()
    assert social_outbox_send(outbound_id=row.pk, now=now) == "queued"
    row.refresh_from_db()
    assert row.next_attempt_at > now + timedelta(seconds=20) and "no answer" in row.last_error
    settings.MADOGUCHI_LINE_API_BASE = api.url  # back up
    assert social_outbox_flush(now=now + timedelta(hours=1)) == {"sent": 1}
    assert api.texts() == ["hello"]
    # the retry went out by push, with the row's retry key (the reply token may be spent)
    assert api.calls[-1].path == "/v2/bot/message/push"
    assert api.calls[-1].headers["X-Line-Retry-Key"] == str(row.retry_key)


def test_a_used_or_stale_reply_token_falls_back_to_push(line_contact, api):
    api.used_reply_tokens.add("spent")
    row = _queue(line_contact, ["first"], reply_token="spent")
    assert social_outbox_send(outbound_id=row.pk) == "sent"
    assert [c.path for c in api.calls] == ["/v2/bot/message/reply", "/v2/bot/message/push"]
    assert api.calls[-1].json["to"] == LINE_USER
    stale = _queue(line_contact, ["second"], reply_token="fresh-but-old")
    OutboundSocial.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    assert social_outbox_send(outbound_id=stale.pk) == "sent"
    assert api.calls[-1].path == "/v2/bot/message/push"  # the old token was not even tried
    assert api.texts() == ["first", "second"]


def test_a_row_is_sent_once_even_when_flushed_twice(line_contact, api):
    row = _queue(line_contact, ["once"])
    assert social_outbox_send(outbound_id=row.pk) == "sent"
    assert social_outbox_send(outbound_id=row.pk) == "sent"
    assert social_outbox_flush(now=timezone.now() + timedelta(hours=2)) == {}
    assert api.texts() == ["once"]


def test_long_texts_are_split_within_the_platform_limits(line_contact, api):
    paragraphs = [("あ" * 3000) for _ in range(12)]
    rows = _queue_many(line_contact, ["\n\n".join(paragraphs)])
    assert len(rows) == 3  # 12 pieces, at most 5 messages per call
    social_outbox_flush()
    assert all(len(t) <= 5000 for t in api.texts()) and len(api.texts()) == 12


def _queue_many(contact, texts):
    with transaction.atomic():
        return social_enqueue(contact=contact, texts=texts)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_an_agent_reply_reaches_the_line_user(kb, api, post_line, agent_user, language,
                                              django_capture_on_commit_callbacks):  # fmt: skip
    first = {"ja": "USDTの出金が届かない", "en": "My USDT withdrawal has not arrived"}[language]
    post_line(line_text(first))
    post_line(line_text({"ja": "人と話したい", "en": "human please"}[language]))
    contact = SocialContact.objects.get()
    ticket = contact.conversation.ticket
    assert ticket is not None and ticket.requester_id == contact.customer_id
    api.calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            message = message_post(ticket=ticket, agent=agent_user, body="Aiko here: checking.")
            social_agent_reply(ticket=ticket, message=message)  # the lead wires this call
            note = message_post(ticket=ticket, agent=agent_user, body="secret note", internal=True)
            assert social_agent_reply(ticket=ticket, message=note) == []
    [call] = api.calls
    assert call.path == "/v2/bot/message/push" and call.json["to"] == LINE_USER
    [delivered] = api.texts()
    assert "Aiko here: checking." in delivered and ticket.reference in delivered
    assert ("サポート担当 Aiko" if language == "ja" else "Aiko from support") in delivered
    # called again (a retried caller): queued once
    assert social_agent_reply(ticket=ticket, message=message) == []


def test_the_retry_after_parser():
    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    assert clients.retry_after("120", now=now) == timedelta(seconds=120)
    assert clients.retry_after("Sun, 29 Nov 2026 12:01:00 GMT", now=now) == timedelta(minutes=1)
    assert clients.retry_after("Sun, 29 Nov 2026 11:00:00 GMT", now=now) == timedelta(0)
    assert clients.retry_after("9" * 20, now=now) == clients.MAX_RETRY_AFTER
    for bad in ("", "soon", "-5", "1.5"):
        assert clients.retry_after(bad, now=now) is None


@override_settings(MADOGUCHI_LINE_ACCESS_TOKEN="")
def test_a_platform_switched_off_keeps_rows_queued(line_contact, api):
    row = _queue(line_contact, ["hello"])
    assert social_outbox_send(outbound_id=row.pk) == "queued"
    row.refresh_from_db()
    assert "not configured" in row.last_error and api.calls == []
