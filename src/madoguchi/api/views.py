"""The JSON API (``/api/v1/``): the operator's systems file requests through the one intake path.

Authentication: ``Authorization: Bearer mdg_…`` (an API key). Idempotency: the
``Idempotency-Key`` header (or ``external_id`` in the body) makes a retried call return the
first result instead of filing twice. Schemas are strict: a wrong type is a 422, never coerced.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer
from pydantic import ConfigDict, Field

from madoguchi.api.services import api_key_check
from madoguchi.tickets.intake import Inbound, IntakeError, IntakeResult, intake
from madoguchi.tickets.models import Message, Ticket


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        return api_key_check(key=token)


api = NinjaAPI(
    title="madoguchi API",
    version="1",
    urls_namespace="api",
    auth=ApiKeyAuth(),
    docs_url="/docs",
)


class Strict(Schema):
    model_config = ConfigDict(strict=True, extra="forbid")


class RequestIn(Strict):
    email: str = Field(max_length=254)
    name: str = Field(default="", max_length=120)
    subject: str = Field(default="", max_length=200)
    body: str = Field(min_length=1, max_length=20_000)
    intent: str = Field(default="", max_length=64)
    facts: dict[str, str] = Field(default_factory=dict, max_length=20)
    language: str = Field(default="ja", pattern="^(ja|en)$")
    external_id: str | None = Field(default=None, max_length=200)


class ReplyIn(Strict):
    email: str = Field(max_length=254)
    body: str = Field(min_length=1, max_length=20_000)
    external_id: str | None = Field(default=None, max_length=200)


class Warning_(Schema):
    code: str
    severity: str
    en: str
    ja: str


class MessageOut(Schema):
    author: str
    body: str
    created_at: str


class TicketOut(Schema):
    reference: str
    status: str
    priority: str
    intent: str
    language: str
    subject: str
    secret_exposed: bool
    created: bool = False
    duplicate: bool = False
    warnings: list[Warning_] = []
    messages: list[MessageOut] = []


class ErrorOut(Schema):
    detail: str
    field: str | None = None


def _external_id(request: HttpRequest, body_value: str | None) -> str | None:
    value = request.headers.get("Idempotency-Key") or body_value
    return value[:200] if value else None


def _out(ticket: Ticket, result: IntakeResult | None = None) -> dict:
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


@api.post(
    "/requests",
    response={
        201: TicketOut,
        200: TicketOut,
        400: ErrorOut,
        401: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
    },
)
def create_request(request: HttpRequest, payload: RequestIn):
    """File a new request for a customer (identified by e-mail)."""
    try:
        result = intake(
            inbound=Inbound(
                channel=Ticket.Channel.API,
                identity_value=payload.email,
                name=payload.name,
                subject=payload.subject,
                body=payload.body,
                intent=payload.intent,
                facts=payload.facts,
                external_id=_external_id(request, payload.external_id),
                language_hint=payload.language,
            )
        )
    except IntakeError as exc:
        return Status(400, {"detail": str(exc), "field": exc.field})
    return Status(200 if result.duplicate else 201, _out(result.ticket, result))


def _api_ticket(reference: str) -> Ticket | None:
    """Tickets filed through the API are the only ones an API key reaches."""
    if len(reference) > 32:
        return None
    return Ticket.objects.filter(reference=reference, channel=Ticket.Channel.API).first()


@api.get("/requests/{reference}", response={200: TicketOut, 401: ErrorOut, 404: ErrorOut})
def get_request(request: HttpRequest, reference: str):
    ticket = _api_ticket(reference)
    if ticket is None:
        return Status(404, {"detail": "not found"})
    return Status(200, _out(ticket))


@api.post(
    "/requests/{reference}/messages",
    response={
        201: TicketOut,
        200: TicketOut,
        400: ErrorOut,
        401: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
    },
)
def reply(request: HttpRequest, reference: str, payload: ReplyIn):
    """The customer's reply to their request; the e-mail must be the requester's."""
    ticket = _api_ticket(reference)
    if ticket is None:
        return Status(404, {"detail": "not found"})
    try:
        result = intake(
            inbound=Inbound(
                channel=Ticket.Channel.API,
                identity_value=payload.email,
                body=payload.body,
                ticket=ticket,
                external_id=_external_id(request, payload.external_id),
            )
        )
    except IntakeError as exc:
        if exc.field == "ticket":  # not the requester: do not confirm the ticket exists
            return Status(404, {"detail": "not found"})
        return Status(400, {"detail": str(exc), "field": exc.field})
    return Status(200 if result.duplicate else 201, _out(result.ticket, result))


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return api.create_response(request, {"detail": f"request body over {limit} bytes"}, status=413)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "payload"))
    return api.create_response(
        request, {"detail": first.get("msg", "invalid request"), "field": where or None}, status=422
    )


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(request, {"detail": "missing or invalid API key"}, status=401)
