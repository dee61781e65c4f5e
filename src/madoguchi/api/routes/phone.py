"""``/phone``: the telephony system posts voicemail transcripts; integrations list call-backs.

A voicemail is a customer message like any other: ``voicemail_post`` sends it through the
intake (redaction, analysis, acknowledgement), exactly once per recording id. Scopes:
``phone:write`` to post a voicemail, ``phone:read`` to list the open call-back requests (they
hold customers' phone numbers, so ``tickets:read`` alone does not show them).
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from madoguchi.api.auth import require_scope
from madoguchi.api.errors import COMMON, ApiError, errors
from madoguchi.api.idempotency import idempotent
from madoguchi.api.pagination import page
from madoguchi.api.schemas import CallbackFilter, CallbackPage, VoicemailIn, VoicemailOut
from madoguchi.social.models import CallbackRequest
from madoguchi.social.phone import PhoneError, voicemail_post
from madoguchi.tickets.intake import IntakeError, IntakeResult

router = Router(tags=["phone"])

#: a recording "made" further ahead than this is a clock or parsing bug at the sender
FUTURE_SLACK = timedelta(minutes=5)
#: the intake names the message text "body"; the caller sent it as "transcript"
_FIELDS = {"body": "transcript", "email": "phone"}
OPEN_STATUSES = (CallbackRequest.Status.REQUESTED, CallbackRequest.Status.SCHEDULED)


def voicemail_out(result: IntakeResult) -> dict:
    return {
        "reference": result.ticket.reference or "",
        "message_id": result.message.pk,
        "created": result.created,
        "duplicate": result.duplicate,
        "secret_exposed": result.ticket.secret_exposed,
        "warnings": result.warnings,
    }


@router.post(
    "/phone/voicemails", response={201: VoicemailOut, 200: VoicemailOut, **errors(*COMMON, 409)}
)
def post_voicemail(request: HttpRequest, payload: VoicemailIn):
    """File a voicemail transcript as the caller's message (``200`` for a repeated recording)."""
    require_scope(request, "phone:write")
    if payload.recorded_at is not None and payload.recorded_at > timezone.now() + FUTURE_SLACK:
        raise ApiError(422, "recorded_at is in the future", field="recorded_at")

    def create() -> tuple[int, dict]:
        try:
            result = voicemail_post(
                phone=payload.phone,
                transcript=payload.transcript,
                recorded_at=payload.recorded_at,
                external_id=payload.external_id,
            )
        except (PhoneError, IntakeError) as exc:
            field = _FIELDS.get(exc.field or "", exc.field)
            raise ApiError(422, str(exc), code="validation_error", field=field) from exc
        return (200 if result.duplicate else 201), voicemail_out(result)

    return idempotent(request, VoicemailOut, create)


def callback_out(callback: CallbackRequest) -> dict:
    customer = callback.customer
    return {
        "id": callback.pk,
        "status": callback.status,
        "phone": callback.phone,
        "preferred_window": callback.preferred_window,
        "scheduled_for": callback.scheduled_for,
        "ticket": callback.ticket.reference if callback.ticket_id else None,
        "customer": {"id": str(customer.public_id), "name": customer.display_name},
        "created_at": callback.created_at,
        "updated_at": callback.updated_at,
    }


@router.get("/phone/callbacks", response={200: CallbackPage, **errors(*COMMON)})
def list_callbacks(request: HttpRequest, filters: Query[CallbackFilter]):
    """Open call-back requests (requested or scheduled), newest first; cursor pagination."""
    require_scope(request, "phone:read")
    statuses = (filters.status,) if filters.status else OPEN_STATUSES
    qs = CallbackRequest.objects.select_related("customer", "ticket").filter(status__in=statuses)
    rows, cursor = page(qs, cursor=filters.cursor, limit=filters.limit)
    return {"items": [callback_out(c) for c in rows], "next_cursor": cursor}
