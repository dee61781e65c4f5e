"""Fetch a ticket *with* its permission check: the only way views get one.

A customer reaches a ticket by its unguessable ``public_id`` and only when they are its
requester; anything else is a 404 (never a 403 that would confirm the ticket exists).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404

from madoguchi.customers.models import Customer
from madoguchi.tickets.models import Ticket


def is_agent(user: AbstractBaseUser) -> bool:
    agent = getattr(user, "agent", None) if user.is_authenticated else None
    return agent is not None and agent.is_active and user.is_active


def access_ticket_for_customer(customer: Customer | None, public_id: str) -> Ticket:
    # "\x00": PostgreSQL refuses NUL in text (a 500), SQLite does not; both must 404
    if customer is None or not public_id or len(public_id) > 32 or "\x00" in public_id:
        raise Http404
    ticket = (
        Ticket.objects.select_related("requester")
        .filter(public_id=public_id, requester=customer)
        .first()
    )
    if ticket is None:
        raise Http404
    return ticket


def access_ticket_for_agent(user: AbstractBaseUser, reference: str) -> Ticket:
    if not is_agent(user) or not reference or len(reference) > 32 or "\x00" in reference:
        raise Http404
    ticket = (
        Ticket.objects.select_related("requester", "assignee", "team")
        .filter(reference=reference)
        .first()
    )
    if ticket is None:
        raise Http404
    return ticket
