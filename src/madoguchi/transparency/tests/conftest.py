"""Fixtures for the transparency log's tests: tickets with events, a sequenced log."""

from __future__ import annotations

import pytest

from madoguchi.transparency.services import ledger_sequence


@pytest.fixture
def logged_tickets(file_request, agent_user):
    """Three tickets with a few events each, all sequenced."""
    from madoguchi.tickets.services import message_post

    tickets = [file_request(email=f"user{n}@example.jp").ticket for n in range(3)]
    message_post(ticket=tickets[0], agent=agent_user, body="We are looking into it.")
    ledger_sequence()
    return tickets
