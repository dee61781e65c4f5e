"""``/tickets``: the agents' side for integrations (CRMs, dashboards, bots acting as an agent).

Reads need ``tickets:read``; creates, updates and replies need ``tickets:write``, and updates and
replies also need a key that acts for an agent (the audit trail names who changed what).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from ninja import Query, Router, Status

from madoguchi.agents.models import Team
from madoguchi.api.auth import acting_agent, require_scope
from madoguchi.api.errors import COMMON, ApiError, errors
from madoguchi.api.idempotency import idempotent
from madoguchi.api.pagination import page
from madoguchi.api.routes.presenters import message_out, ticket_out
from madoguchi.api.routes.requests import new_ticket_intake
from madoguchi.api.schemas import (
    MessageFilter,
    MessageIn,
    MessageOut,
    MessagePage,
    TicketCreateIn,
    TicketFilter,
    TicketList,
    TicketOut,
    TicketPage,
    TicketSearch,
    TicketUpdateIn,
)
from madoguchi.guardian.api import GuardBlockedOut, guard_blocked_body
from madoguchi.tickets.models import Message, Ticket
from madoguchi.tickets.services import (
    UNCHANGED,
    ReplyBlocked,
    TicketChange,
    TicketError,
    message_post,
    ticket_update,
)

router = Router(tags=["tickets"])


def _tickets():
    return Ticket.objects.select_related("requester", "assignee", "team")


def api_ticket(reference: str) -> Ticket:
    """Any ticket by reference (the key's scope is the permission); 404 if there is none."""
    if not reference or len(reference) > 32 or "\x00" in reference:
        raise ApiError(404, "not found")
    ticket = _tickets().filter(reference=reference).first()
    if ticket is None:
        raise ApiError(404, "not found")
    return ticket


@router.get("/tickets", response={200: TicketPage, **errors(*COMMON)})
def list_tickets(request: HttpRequest, filters: Query[TicketFilter]):
    """Tickets, newest first, filtered; follow ``next_cursor`` for the next page."""
    require_scope(request, "tickets:read")
    qs = _tickets()
    for name in ("status", "priority", "language", "channel"):
        value = getattr(filters, name)
        if value:
            qs = qs.filter(**{name: value})
    if filters.intent:
        qs = qs.filter(intent=filters.intent)
    if filters.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee:
        qs = qs.filter(assignee__username=filters.assignee)
    if filters.team:
        qs = qs.filter(team__slug=filters.team)
    if filters.updated_after:
        qs = qs.filter(updated_at__gt=filters.updated_after)
    rows, cursor = page(qs, cursor=filters.cursor, limit=filters.limit)
    return {"items": [ticket_out(t) for t in rows], "next_cursor": cursor}


@router.post("/tickets", response={201: TicketOut, 200: TicketOut, **errors(*COMMON, 409)})
def create_ticket(request: HttpRequest, payload: TicketCreateIn):
    """Open a ticket for a customer through the intake (redaction, analysis, acknowledgement)."""
    require_scope(request, "tickets:write")

    def create() -> tuple[int, dict]:
        result = new_ticket_intake(payload)
        return (200 if result.duplicate else 201), ticket_out(api_ticket(result.ticket.reference))

    return idempotent(request, TicketOut, create)


@router.get("/tickets/{reference}", response={200: TicketOut, **errors(*COMMON, 404)})
def get_ticket(request: HttpRequest, reference: str):
    require_scope(request, "tickets:read")
    return ticket_out(api_ticket(reference))


def _change(payload: TicketUpdateIn) -> TicketChange:
    given = payload.model_fields_set
    change: dict = {}
    for name in ("status", "priority"):
        if name in given:
            if getattr(payload, name) is None:
                raise ApiError(422, f"{name} cannot be null", field=name)
            change[name] = getattr(payload, name)
    if "assignee" in given:
        if payload.assignee is None:
            change["assignee"] = None
        else:
            user = get_user_model().objects.filter(username=payload.assignee).first()
            if user is None or not hasattr(user, "agent"):
                raise ApiError(422, "no agent with this username", field="assignee")
            change["assignee"] = user
    if "team" in given:
        if payload.team is None:
            change["team"] = None
        else:
            team = Team.objects.filter(slug=payload.team).first()
            if team is None:
                raise ApiError(422, "no team with this slug", field="team")
            change["team"] = team
    return TicketChange(
        **{k: change.get(k, UNCHANGED) for k in ("status", "priority", "assignee", "team")}
    )


@router.patch("/tickets/{reference}", response={200: TicketOut, **errors(*COMMON, 404)})
def update_ticket(request: HttpRequest, reference: str, payload: TicketUpdateIn):
    """Change status, priority, assignee or team as the key's agent (one event per change)."""
    agent = acting_agent(require_scope(request, "tickets:write"))
    ticket = api_ticket(reference)
    try:
        ticket_update(ticket=ticket, agent=agent, change=_change(payload))
    except TicketError as exc:
        raise ApiError(422, str(exc)) from exc
    return ticket_out(api_ticket(reference))


@router.get("/tickets/{reference}/messages", response={200: MessagePage, **errors(*COMMON, 404)})
def list_messages(request: HttpRequest, reference: str, filters: Query[MessageFilter]):
    """The conversation, newest first; internal notes only with ``include_internal=true``."""
    require_scope(request, "tickets:read")
    ticket = api_ticket(reference)
    qs = Message.objects.filter(ticket=ticket).select_related("author_agent", "author_customer")
    if not filters.include_internal:
        qs = qs.filter(visibility=Message.Visibility.PUBLIC)
    rows, cursor = page(qs, cursor=filters.cursor, limit=filters.limit)
    return {"items": [message_out(m) for m in rows], "next_cursor": cursor}


@router.post(
    "/tickets/{reference}/messages",
    response={201: MessageOut, **errors(*COMMON, 404, 409), 422: GuardBlockedOut},
)
def post_message(request: HttpRequest, reference: str, payload: MessageIn):
    """A public reply (the customer is e-mailed) or an internal note, as the key's agent.
    A reply the never-ask guard blocks is a 422 ``guard_blocked`` with its findings."""
    agent = acting_agent(require_scope(request, "tickets:write"))
    ticket = api_ticket(reference)

    def create() -> tuple[int, dict]:
        try:
            message = message_post(
                ticket=ticket, agent=agent, body=payload.body, internal=payload.internal
            )
        except ReplyBlocked:
            raise  # answered below with its findings, outside the idempotency record
        except TicketError as exc:
            raise ApiError(422, str(exc), field="body") from exc
        return 201, message_out(message)

    try:
        return idempotent(request, MessageOut, create)
    except ReplyBlocked as exc:
        return Status(422, guard_blocked_body(exc))


@router.get("/search/tickets", response={200: TicketList, **errors(*COMMON)})
def search_tickets(request: HttpRequest, query: Query[TicketSearch]):
    """Tickets by exact reference, or whose subject contains ``q`` (newest first)."""
    require_scope(request, "tickets:read")
    q = query.q.strip().replace("\x00", "")
    qs = _tickets()
    if q.upper().count("-") == 2:
        qs = qs.filter(reference=q.upper())
    else:
        qs = qs.filter(subject__icontains=q)
    return {"items": [ticket_out(t) for t in qs.order_by("-id")[: query.limit]]}
