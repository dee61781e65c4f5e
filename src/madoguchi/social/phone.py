"""The phone: call-back requests, call logs and voicemail transcripts.

A call-back is requested by the customer (the assistant's urgent hand-off asks for a number:
``callback_from_conversation``) and worked by agents, who log each call on the ticket
(``call_log_create``: the summary is redacted like every stored text and shown to agents as
an internal note). A voicemail transcript is a customer message like any other and goes
through intake (``voicemail_post``, channel "phone", the caller's number as identity).

>>> # callback_request(customer=c, ticket=t, phone="090-1234-5678", preferred_window="18-20時")
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import phonenumbers
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.analysis import analyze
from madoguchi.conversations.models import Conversation
from madoguchi.customers.models import ContactIdentity, Customer
from madoguchi.social.models import CallbackRequest, CallLog
from madoguchi.tickets.events import event_record
from madoguchi.tickets.intake import Inbound, IntakeResult, intake
from madoguchi.tickets.models import Event, Message, Ticket

log = logging.getLogger(__name__)

__all__ = [
    "PhoneError",
    "call_log_create",
    "callback_from_conversation",
    "callback_request",
    "callback_update",
    "normalize_phone",
    "voicemail_post",
]

#: the longest call we believe (a day); more is a typo
MAX_CALL_SECONDS = 24 * 60 * 60
MAX_WINDOW_CHARS = 120
MAX_SUMMARY_CHARS = 5000
#: national numbers are read as Japanese unless they start with "+"
DEFAULT_REGION = "JP"


class PhoneError(Exception):
    """A phone request or call log that cannot be taken; the message is user-facing."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def normalize_phone(text: str, *, region: str = DEFAULT_REGION) -> str:
    """The number in E.164 (``+819012345678``); :class:`PhoneError` if it is not a valid one."""
    raw = " ".join((text or "").split())
    if not raw or len(raw) > 40:
        raise PhoneError(_("Please enter a valid phone number."), field="phone")
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise PhoneError(_("Please enter a valid phone number."), field="phone") from None
    if not phonenumbers.is_valid_number(number):
        raise PhoneError(_("Please enter a valid phone number."), field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _single_line(text: str, limit: int) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in text or "").split())[:limit]


def _note(ticket: Ticket, text: str, *, agent: AbstractBaseUser | None = None) -> Message:
    """An internal note on the ticket with its event: agents see the phone work in the thread."""
    message = Message.objects.create(
        ticket=ticket,
        author_kind=Message.Author.AGENT if agent else Message.Author.SYSTEM,
        author_agent=agent,
        visibility=Message.Visibility.INTERNAL,
        body=text,
        language=ticket.language,
        channel=Ticket.Channel.PHONE,
    )
    event_record(
        ticket=ticket,
        kind=Event.Kind.NOTE,
        actor_kind=Event.Actor.AGENT if agent else Event.Actor.SYSTEM,
        actor_agent=agent,
        data={"message": message.pk, "channel": "phone"},
    )
    return message


def callback_request(
    *,
    customer: Customer,
    phone: str,
    ticket: Ticket | None = None,
    preferred_window: str = "",
) -> CallbackRequest:
    """A call-back for ``customer`` (about ``ticket``, which must be theirs).

    Asking again for the same ticket and number while a request is still open returns that
    request (a double click, a redelivered message) instead of a second call.
    """
    e164 = normalize_phone(phone)
    window = _single_line(preferred_window, MAX_WINDOW_CHARS + 1)
    if len(window) > MAX_WINDOW_CHARS:
        raise PhoneError(
            _("The preferred time is too long (at most %(n)s characters).")
            % {"n": MAX_WINDOW_CHARS},
            field="preferred_window",
        )
    if analyze(window, tz=settings.TIME_ZONE).secrets:
        raise PhoneError(_("Please do not write secrets here."), field="preferred_window")
    if ticket is not None and ticket.requester_id != customer.pk:
        raise PhoneError(_("This request belongs to someone else."), field="ticket")
    with transaction.atomic():
        if ticket is not None:
            ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        open_statuses = (CallbackRequest.Status.REQUESTED, CallbackRequest.Status.SCHEDULED)
        existing = CallbackRequest.objects.filter(
            customer=customer, ticket=ticket, phone=e164, status__in=open_statuses
        ).first()
        if existing is not None:
            return existing
        callback = CallbackRequest(
            customer=customer, ticket=ticket, phone=e164, preferred_window=window
        )
        callback.full_clean(exclude=["customer", "ticket"])
        callback.save()
        if ticket is not None:
            with_window = f" ({window})" if window else ""
            _note(ticket, _("Call-back requested: %(phone)s") % {"phone": e164} + with_window)
            ticket.save(update_fields=["updated_at"])
    log.info("callback requested id=%s ticket=%s", callback.pk, ticket.pk if ticket else "-")
    return callback


def callback_from_conversation(*, conversation: Conversation) -> CallbackRequest | None:
    """The call-back the assistant's urgent hand-off collected, as a request (once)."""
    state = conversation.state or {}
    phone = state.get("callback_phone")
    ticket = conversation.ticket
    if not phone or ticket is None:
        return None
    if CallbackRequest.objects.filter(ticket=ticket, phone=phone).exists():
        return None
    try:
        return callback_request(customer=ticket.requester, phone=phone, ticket=ticket)
    except PhoneError as exc:  # the machine checked the number already; log, never fail
        log.warning("conversation %s: call-back not recorded: %s", conversation.pk, exc)
        return None


def callback_update(
    *,
    callback: CallbackRequest,
    agent: AbstractBaseUser,
    status: str,
    scheduled_for: datetime | None = None,
) -> CallbackRequest:
    """An agent schedules a call-back or closes it (done, failed)."""
    if status not in CallbackRequest.Status.values:
        raise PhoneError(_("Unknown status."), field="status")
    if status == CallbackRequest.Status.SCHEDULED and scheduled_for is None:
        raise PhoneError(_("Please give the time of the call."), field="scheduled_for")
    with transaction.atomic():
        locked = CallbackRequest.objects.select_for_update().get(pk=callback.pk)
        if locked.status == status and locked.scheduled_for == scheduled_for:
            return locked
        locked.status = status
        if scheduled_for is not None:
            locked.scheduled_for = scheduled_for
        locked.save()
        if locked.ticket_id:
            _note(
                locked.ticket,
                _("Call-back %(phone)s: %(status)s")
                % {"phone": locked.phone, "status": locked.get_status_display()},
                agent=agent,
            )
    return locked


def call_log_create(
    *,
    ticket: Ticket,
    agent: AbstractBaseUser,
    started_at: datetime,
    duration_seconds: int,
    direction: str,
    summary: str,
    callback: CallbackRequest | None = None,
) -> CallLog:
    """Log one call on ``ticket``; the summary is stored redacted. A call that answers a
    call-back request closes it as done."""
    if direction not in CallLog.Direction.values:
        raise PhoneError(_("Unknown direction."), field="direction")
    if not isinstance(duration_seconds, int) or not 0 <= duration_seconds <= MAX_CALL_SECONDS:
        raise PhoneError(_("The duration is not valid."), field="duration_seconds")
    if timezone.is_naive(started_at):
        started_at = timezone.make_aware(started_at)
    if started_at > timezone.now() + timedelta(minutes=5):
        raise PhoneError(_("The call cannot be in the future."), field="started_at")
    summary = (summary or "").replace("\x00", "").strip()
    if not summary:
        raise PhoneError(_("Please write a summary of the call."), field="summary")
    if len(summary) > MAX_SUMMARY_CHARS:
        raise PhoneError(
            _("The summary is too long (at most %(n)s characters).") % {"n": MAX_SUMMARY_CHARS},
            field="summary",
        )
    if callback is not None and callback.ticket_id != ticket.pk:
        raise PhoneError(_("This call-back belongs to another ticket."), field="callback")
    redacted = analyze(summary, tz=settings.TIME_ZONE).redacted
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        call = CallLog(
            ticket=locked,
            agent=agent,
            callback=callback,
            started_at=started_at,
            duration_seconds=duration_seconds,
            direction=direction,
            summary=redacted,
        )
        call.full_clean(exclude=["ticket", "agent", "callback"])
        call.save()
        minutes, seconds = divmod(duration_seconds, 60)
        _note(
            locked,
            _("Phone call (%(direction)s, %(minutes)d:%(seconds)02d): %(summary)s")
            % {
                "direction": call.get_direction_display(),
                "minutes": minutes,
                "seconds": seconds,
                "summary": redacted,
            },
            agent=agent,
        )
        if callback is not None:
            CallbackRequest.objects.filter(pk=callback.pk).update(
                status=CallbackRequest.Status.DONE, updated_at=timezone.now()
            )
        locked.save(update_fields=["updated_at"])
    return call


def voicemail_post(
    *,
    phone: str,
    transcript: str,
    recorded_at: datetime | None = None,
    external_id: str,
) -> IntakeResult:
    """A voicemail transcript from the telephony system, as a customer message through intake.

    Exactly once per ``external_id`` (the telephony system's recording id): a repeat returns
    the first result with ``duplicate=True``. Raises :class:`PhoneError` for a bad number and
    ``IntakeError`` for a bad transcript.
    """
    e164 = normalize_phone(phone)
    if not external_id or not str(external_id).strip():
        raise PhoneError(_("The recording id is missing."), field="external_id")
    subject = _("Voicemail from %(phone)s") % {"phone": e164}
    return intake(
        inbound=Inbound(
            channel=Ticket.Channel.PHONE,
            body=transcript,
            identity_kind=ContactIdentity.Kind.PHONE,
            identity_value=e164,
            subject=subject,
            external_id=f"voicemail:{str(external_id).strip()}",
            received_at=recorded_at,
        )
    )
