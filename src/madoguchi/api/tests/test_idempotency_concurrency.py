"""Two identical creates at the same moment, same Idempotency-Key: one ticket, one answer."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from madoguchi.tickets.models import Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_retries_create_once(make_key):
    key = make_key("tickets:write")
    body = json.dumps({"email": "hanako@example.jp", "body": "入金が反映されません"})
    barrier = threading.Barrier(4)
    answers: list[tuple[int, dict]] = []
    errors: list[BaseException] = []

    def post() -> None:
        try:
            barrier.wait()
            response = Client().post(
                "/api/v1/tickets",
                data=body,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {key}",
                HTTP_IDEMPOTENCY_KEY="retry-1",
            )
            answers.append((response.status_code, response.json()))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Ticket.objects.count() == 1
    assert {status for status, _ in answers} == {201}
    assert len({data["reference"] for _, data in answers}) == 1
