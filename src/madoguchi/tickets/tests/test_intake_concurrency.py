"""Idempotency under concurrency: the same ``(channel, external_id)`` at once is taken once.

Each thread has its own database connection (Django's are per thread). On SQLite, WAL and
``BEGIN IMMEDIATE`` make the second writer queue behind the first (busy timeout) rather than
fail with "database is locked"; on PostgreSQL the unique index makes the loser wait, then fail
with an IntegrityError that intake turns into "duplicate".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.db import connection, connections

from madoguchi.customers.models import ContactIdentity, Customer
from madoguchi.tickets import intake as intake_module
from madoguchi.tickets.intake import Inbound, intake
from madoguchi.tickets.models import Event, Message, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run ``calls`` in threads released together; their results, or the exception raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as exc:  # report it to the main thread, do not lose it
            results[index] = exc
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return results


def web_form(external_id: str, email: str = "taro@example.jp", **kwargs: Any) -> Callable:
    inbound = Inbound(
        channel="web",
        identity_value=email,
        body="出金が届きません。0.5 ETH を昨日送りました。",
        subject="出金について",
        intent="funds.withdrawal_delayed",
        external_id=external_id,
        **kwargs,
    )
    return lambda: intake(inbound=inbound)


def test_two_submissions_of_the_same_form_at_once_store_one_message():
    results = run_at_once(web_form("form-1"), web_form("form-1"))
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert Message.objects.filter(author_kind="customer").count() == 1
    assert Ticket.objects.count() == 1
    assert Customer.objects.count() == 1
    assert sorted(r.duplicate for r in results) == [False, True]
    assert results[0].message.pk == results[1].message.pk
    assert results[0].ticket.pk == results[1].ticket.pk
    # the loser's whole transaction rolled back: one set of events, no orphan ticket
    assert sorted(Event.objects.values_list("kind", flat=True)) == ["created", "message"]


def test_many_deliveries_of_the_same_message_at_once_store_it_once():
    results = run_at_once(*(web_form("webhook-7") for _ in range(6)))
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert Message.objects.filter(author_kind="customer").count() == 1
    assert Ticket.objects.count() == 1
    assert [r.duplicate for r in results].count(False) == 1


def test_different_messages_at_once_all_go_through():
    """Writers queue (SQLite) or run side by side (PostgreSQL); none fails."""
    calls = [web_form(f"form-{i}", email=f"user{i}@example.jp") for i in range(6)]
    results = run_at_once(*calls)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert Ticket.objects.count() == 6 and Message.objects.count() == 6
    assert len({r.ticket.reference for r in results}) == 6


def test_replies_to_one_ticket_at_once_are_all_kept():
    ticket = web_form("first")().ticket
    connection.close()
    calls = [web_form(f"reply-{i}", ticket=ticket) for i in range(4)]
    results = run_at_once(*calls)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert ticket.messages.filter(author_kind="customer").count() == 5
    assert Ticket.objects.count() == 1


def test_losing_the_race_after_the_duplicate_check_returns_the_winner():
    """The race window made deterministic: the pre-check misses a message that already exists."""
    first = web_form("form-9")()
    real_duplicate = intake_module._duplicate
    calls = iter([None])  # the first check misses; the one after the IntegrityError sees it

    def late_duplicate(inbound: Inbound):
        return next(calls, real_duplicate(inbound))

    with mock.patch.object(intake_module, "_duplicate", side_effect=late_duplicate):
        again = web_form("form-9")()
    assert again.duplicate and again.message.pk == first.message.pk
    assert Ticket.objects.count() == 1 and Message.objects.count() == 1
    assert ContactIdentity.objects.count() == 1
