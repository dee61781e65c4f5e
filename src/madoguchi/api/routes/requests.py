"""``/requests``: the exchange's backend files requests and replies *for a customer*.

Only tickets filed through the API are reachable here (by reference), and a reply must come
from the requester's address. Scopes: ``tickets:write`` to file, ``tickets:read`` to read.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from madoguchi.api.auth import require_scope
from madoguchi.api.errors import COMMON, ApiError, errors
from madoguchi.api.idempotency import idempotent
from madoguchi.api.schemas import ReplyIn, RequestIn, RequestOut
from madoguchi.tickets.intake import Inbound, IntakeError, IntakeResult, intake
from madoguchi.tickets.models import Message, Ticket

router = Router(tags=["requests"])


def request_out(ticket: Ticket, result: IntakeResult | None = None) -> dict:
    messages = ticket.messages.filter(visibility=Message.Visibility.PUBLIC).order_by("created_at")
    return {
        "reference": ticket.reference,
        "status": ticket.status,
        "priority": ticket.priority,
        "intent": ticket.intent,
        "language": ticket.language,
        "subject": ticket.subject,
        "secret_exposed": ticket.secret_exposed,
        "created": bool(result and result.created),
        "duplicate": bool(result and result.duplicate),
        "warnings": result.warnings if result else [],
        "messages": [
            {"author": m.author_kind, "body": m.body, "created_at": m.created_at.isoformat()}
            for m in messages
        ],
    }


def intake_or_error(inbound: Inbound) -> IntakeResult:
    """The intake, with its refusal as a 400 naming the field."""
    try:
        return intake(inbound=inbound)
    except IntakeError as exc:
        if exc.field == "ticket":  # not the requester: do not confirm the ticket exists
            raise ApiError(404, "not found") from exc
        raise ApiError(400, str(exc), code="refused", field=exc.field) from exc


def new_ticket_intake(payload: RequestIn) -> IntakeResult:
    """A new ticket from an API payload (the same fields for /requests and /tickets)."""
    return intake_or_error(
        Inbound(
            channel=Ticket.Channel.API,
            identity_value=payload.email,
            name=payload.name,
            subject=payload.subject,
            body=payload.body,
            intent=payload.intent,
            facts=payload.facts,
            external_id=payload.external_id,
            language_hint=payload.language,
        )
    )


def api_request_ticket(reference: str) -> Ticket:
    """A ticket filed through the API, by reference; 404 for anything else."""
    if not reference or len(reference) > 32 or "\x00" in reference:
        raise ApiError(404, "not found")
    ticket = Ticket.objects.filter(reference=reference, channel=Ticket.Channel.API).first()
    if ticket is None:
        raise ApiError(404, "not found")
    return ticket


@router.post("/requests", response={201: RequestOut, 200: RequestOut, **errors(*COMMON, 409)})
def create_request(request: HttpRequest, payload: RequestIn):
    """File a new request for a customer (identified by e-mail)."""
    require_scope(request, "tickets:write")

    def create() -> tuple[int, dict]:
        result = new_ticket_intake(payload)
        return (200 if result.duplicate else 201), request_out(result.ticket, result)

    return idempotent(request, RequestOut, create)


@router.get("/requests/{reference}", response={200: RequestOut, **errors(*COMMON, 404)})
def get_request(request: HttpRequest, reference: str):
    require_scope(request, "tickets:read")
    return request_out(api_request_ticket(reference))


@router.post(
    "/requests/{reference}/messages",
    response={201: RequestOut, 200: RequestOut, **errors(*COMMON, 404, 409)},
)
def reply(request: HttpRequest, reference: str, payload: ReplyIn):
    """The customer's reply to their request; the e-mail must be the requester's."""
    require_scope(request, "tickets:write")
    ticket = api_request_ticket(reference)

    def create() -> tuple[int, dict]:
        result = intake_or_error(
            Inbound(
                channel=Ticket.Channel.API,
                identity_value=payload.email,
                body=payload.body,
                ticket=ticket,
                external_id=payload.external_id,
            )
        )
        return (200 if result.duplicate else 201), request_out(result.ticket, result)

    return idempotent(request, RequestOut, create)
