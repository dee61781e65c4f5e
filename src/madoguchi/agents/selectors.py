"""Reads the workspace needs beside the ticket selectors: who can be assigned, inbox counts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet

from madoguchi.agents.models import Team
from madoguchi.tickets.models import Message, Ticket
from madoguchi.tickets.selectors import OPEN_STATUSES, InboxFilter, inbox_tickets


def assignable_agents() -> QuerySet:
    """Active users with an active agent profile, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, agent__is_active=True)
        .order_by("first_name", "username")
    )


def teams() -> QuerySet[Team]:
    return Team.objects.order_by("name")


def inbox_rows(*, user, filters: InboxFilter, sort: str) -> QuerySet[Ticket]:
    """The inbox selector plus the requesters' identities (for the masked e-mail column):
    one more query per page, not one per row."""
    return inbox_tickets(user=user, filters=filters, sort=sort).prefetch_related(
        "requester__identities"
    )


#: how an impersonation verdict reads inside ``Message.analysis["links"]`` as JSON text: the
#: quoted value only ever appears as a verdict (reasons are codes, or sentences whose quotes
#: JSON escapes), and it reads the same in SQLite's and PostgreSQL's JSON text
_IMPERSONATION_JSON = '"impersonation"'


def inbox_impersonation_flags(ticket_ids: list[int]) -> set[int]:
    """The tickets among ``ticket_ids`` (one inbox page) with a message holding a link,
    address or handle the registry calls an impersonation. One query per page, reading only
    those tickets' messages through the ticket index, whatever the inbox's size."""
    if not ticket_ids:
        return set()
    return set(
        Message.objects.filter(
            ticket_id__in=ticket_ids, analysis__links__icontains=_IMPERSONATION_JSON
        )
        .order_by()
        .values_list("ticket_id", flat=True)
        .distinct()
    )


def inbox_status_counts(*, user) -> dict[str, int]:
    """Tickets per status, plus ``open_all`` and ``mine`` (open and assigned to ``user``).
    Two queries, whatever the number of tickets."""
    # order_by() drops the model's default ordering, which would otherwise join the GROUP BY
    grouped = (
        Ticket.objects.order_by().values("status").annotate(n=Count("*"))
    )  # COUNT(*): an index-only scan
    counts = {row["status"]: row["n"] for row in grouped}
    counts["open_all"] = sum(counts.get(s, 0) for s in OPEN_STATUSES)
    counts["mine"] = Ticket.objects.filter(assignee=user, status__in=OPEN_STATUSES).count()
    return counts


def latest_customer_message(messages: list[Message]) -> Message | None:
    for message in reversed(messages):
        if message.author_kind == Message.Author.CUSTOMER:
            return message
    return None
