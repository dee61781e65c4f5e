"""``mail_receive``: one inbound e-mail (from the SMTP receiver or IMAP) into the intake path.

Every message ends in exactly one place: a ticket message (through ``intake``, redacted,
exactly once per Message-ID), or ``ParkedMail`` (raw, for an agent). Only when the database
itself fails does it raise :class:`MailTransientError`, so the SMTP receiver answers 451 and
the sender retries, or IMAP leaves the message unseen.

Threading, most trusted first: a signed reply token in any recipient address, then
In-Reply-To/References naming a Message-ID the desk sent (``OutboundMail``). Either way the
sender must be the ticket's requester; otherwise the mail opens a new ticket of its own (a
forged header or a forwarded reply address must not put text into someone else's ticket).
Automated mail (auto-replies, bounces, lists, loops) never opens a ticket and is never
acknowledged: it attaches to its thread or is parked.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, DataError, IntegrityError, transaction

from madoguchi.customers.models import ContactIdentity
from madoguchi.customers.services import CustomerError, normalize_email
from madoguchi.mail.models import InboundMail, MailAttachment, OutboundMail, ParkedMail
from madoguchi.mail.tokens import mail_domain, mail_local_part, ticket_for_addresses
from madoguchi.mailparse import Attachment, Limits, MailParseError, ParsedMail, parse, single_line
from madoguchi.tickets.intake import Inbound, IntakeError, intake, screen
from madoguchi.tickets.models import Message, Ticket

log = logging.getLogger(__name__)

#: stored as the message when a mail has attachments but no text (intake needs a body)
NO_TEXT = "(本文なし / no text)"
_CUT = "\n…"


class MailTransientError(Exception):
    """The mail could not be stored or parked now (database down): deliver it again later."""


@dataclass
class Received:
    """What became of one inbound mail."""

    #: "created" (a new ticket), "threaded" (added to a ticket), "duplicate", "parked"
    outcome: str
    ticket: Ticket | None = None
    message: Message | None = None
    parked: ParkedMail | None = None
    #: how it was threaded: "token", "references" or ""
    threaded_by: str = ""
    notes: list[str] = field(default_factory=list)


def max_message_bytes() -> int:
    """``MADOGUCHI_MAIL_MAX_BYTES`` (default 25 MiB): the SMTP size limit and the parse bound."""
    value = getattr(settings, "MADOGUCHI_MAIL_MAX_BYTES", None) or os.environ.get(
        "MADOGUCHI_MAIL_MAX_BYTES", ""
    )
    return int(value) if str(value).isdigit() else 25 * 1024 * 1024


def max_attachment_bytes() -> int:
    """``MADOGUCHI_MAIL_ATTACHMENT_MAX_BYTES`` (default 10 MiB): larger ones keep metadata only."""
    value = getattr(settings, "MADOGUCHI_MAIL_ATTACHMENT_MAX_BYTES", None) or os.environ.get(
        "MADOGUCHI_MAIL_ATTACHMENT_MAX_BYTES", ""
    )
    return int(value) if str(value).isdigit() else 10 * 1024 * 1024


def attachment_dir() -> Path:
    return Path(settings.DATA_DIR) / "mail-attachments"


def mail_receive(
    raw: bytes, *, envelope_to: list[str] | tuple[str, ...] = (), source: str
) -> Received:
    """Store one raw mail as a ticket message, or park it (see the module docstring).

    Raises :class:`MailTransientError` only when neither is possible right now.
    """
    raw = bytes(raw)
    digest = hashlib.sha256(raw).hexdigest()
    envelope = [single_line(str(a), limit=320) for a in list(envelope_to)[:100]]
    try:
        return _receive(raw, digest, envelope, source)
    except MailTransientError:
        raise
    except Exception as exc:  # a bug here must not lose the mail: park it raw
        log.exception("inbound mail %s failed; parking it", digest[:12])
        try:
            return _park(raw, digest, envelope, source, ParkedMail.Reason.ERROR, type(exc).__name__)
        except DatabaseError as db_exc:
            raise MailTransientError(f"cannot store mail {digest[:12]}: {db_exc}") from exc


def _receive(raw: bytes, digest: str, envelope: list[str], source: str) -> Received:
    try:
        parsed = parse(raw, limits=Limits(max_bytes=max_message_bytes()))
    except MailParseError as exc:
        reason = (
            ParkedMail.Reason.TOO_LARGE
            if len(raw) > max_message_bytes()
            else ParkedMail.Reason.UNPARSEABLE
        )
        return _park(raw, digest, envelope, source, reason, str(exc))
    park = _Parker(raw, digest, envelope, source, parsed)
    sender = _sender(parsed)
    if sender is None:
        return park(ParkedMail.Reason.REJECTED, "no usable sender address")
    if _is_loop(parsed, sender):
        return park(ParkedMail.Reason.LOOP, "mail from the desk itself or marked with its X-Loop")
    ticket, threaded_by = _thread(parsed, envelope)
    notes: list[str] = []
    if ticket is not None and not _is_requester(ticket, sender):
        notes.append(
            f"threaded by {threaded_by} to {ticket.reference}, but the sender is not its "
            "requester: not attached"
        )
        threaded_ticket, ticket, threaded_by = ticket, None, ""
    else:
        threaded_ticket = ticket
    if ticket is None and parsed.automated:
        kind = "bounce" if parsed.bounce else "auto-reply/list/loop"
        return park(
            ParkedMail.Reason.AUTOMATED,
            "; ".join([f"{kind} not in a thread of its sender", *notes]),
            ticket=threaded_ticket,
        )
    inbound = Inbound(
        channel=Ticket.Channel.EMAIL,
        identity_kind=ContactIdentity.Kind.EMAIL,
        identity_value=sender,
        name=parsed.from_.name,
        subject=parsed.subject[: settings.MAX_SUBJECT_CHARS],
        body=_body(parsed),
        external_id=_external_id(parsed, digest),
        ticket=ticket,
    )
    try:
        with transaction.atomic():
            result = intake(inbound=inbound)
            if not result.duplicate:
                _record(result.message, parsed, source, threaded_by, notes)
                if result.created and parsed.no_auto_reply:
                    _withdraw_acknowledgement(result.message)
    except IntakeError as exc:
        return park(ParkedMail.Reason.REJECTED, str(exc), ticket=threaded_ticket)
    except (DataError, IntegrityError) as exc:  # this mail will never fit: retrying is no use
        log.exception("inbound mail %s refused by the database; parking it", digest[:12])
        return park(ParkedMail.Reason.ERROR, type(exc).__name__, ticket=threaded_ticket)
    except DatabaseError as exc:  # down, locked, disconnected: the sender should retry
        raise MailTransientError(f"database error storing mail {digest[:12]}: {exc}") from exc
    outcome = "duplicate" if result.duplicate else "created" if result.created else "threaded"
    log.info(
        "inbound mail source=%s outcome=%s ticket=%s threaded_by=%s",
        source,
        outcome,
        result.ticket.reference,
        threaded_by or "-",
    )
    return Received(outcome, result.ticket, result.message, None, threaded_by, notes)


def _sender(parsed: ParsedMail) -> str | None:
    try:
        return normalize_email(parsed.from_.address) if parsed.from_.address else None
    except CustomerError:
        return None


def _is_loop(parsed: ParsedMail, sender: str) -> bool:
    domain = mail_domain()
    if any(domain and domain in marker for marker in parsed.loop_markers):
        return True
    local, _at, sender_domain = sender.partition("@")
    return sender_domain == domain and local.split("+", 1)[0] == mail_local_part().lower()


def _thread(parsed: ParsedMail, envelope: list[str]) -> tuple[Ticket | None, str]:
    addresses = [
        *envelope,
        *(a.address for a in (*parsed.to, *parsed.cc)),
        *parsed.delivered_to,
    ]
    ticket = ticket_for_addresses(addresses)
    if ticket is not None:
        return ticket, "token"
    ids = [i for i in (parsed.in_reply_to, *reversed(parsed.references)) if i]
    if ids:
        sent = (
            OutboundMail.objects.filter(message_id__in=ids, ticket__isnull=False)
            .select_related("ticket__requester")
            .order_by("-created_at", "-id")
            .first()
        )
        if sent is not None:
            return sent.ticket, "references"
    return None, ""


def _is_requester(ticket: Ticket, sender: str) -> bool:
    return ContactIdentity.objects.filter(
        customer_id=ticket.requester_id, kind=ContactIdentity.Kind.EMAIL, value=sender
    ).exists()


def _body(parsed: ParsedMail) -> str:
    body = (parsed.text_unquoted or parsed.text).strip()
    if not body:
        body = NO_TEXT
    limit = settings.MAX_MESSAGE_CHARS
    if len(body) > limit:
        body = body[: limit - len(_CUT)] + _CUT
    return body


def _external_id(parsed: ParsedMail, digest: str) -> str:
    # the Message-ID makes a re-delivery (SMTP retry, the same mail through IMAP) a duplicate;
    # mail without one is recognised by its exact bytes
    if parsed.message_id and len(parsed.message_id) <= 255:
        return parsed.message_id
    return f"sha256:{digest}"


def _record(
    message: Message, parsed: ParsedMail, source: str, threaded_by: str, notes: list[str]
) -> None:
    InboundMail.objects.create(
        ticket_message=message,
        message_id=parsed.message_id[:255],
        from_address=parsed.from_.address[:254],
        threaded_by=threaded_by,
        automated=parsed.automated,
        note="; ".join(notes)[:300],
        source=source[:16],
    )
    for attachment in parsed.attachments:
        _attachment_store(message, attachment)


def _attachment_store(message: Message, attachment: Attachment) -> MailAttachment:
    """Metadata always; the bytes in the data dir when under the cap and free of secrets."""
    withheld = ""
    if attachment.size > max_attachment_bytes():
        withheld = "too_large"
    elif attachment.content_type.startswith("text/"):
        text = attachment.content.decode("utf-8", "replace")
        if screen(text).secret_kinds:
            withheld = "secret"
    if not withheld:
        directory = attachment_dir()
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / attachment.sha256
        if not path.exists():  # content-addressed: the same file is written once
            partial = path.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(attachment.content)
            partial.replace(path)
    return MailAttachment.objects.create(
        message=message,
        filename=attachment.filename,
        content_type=attachment.content_type,
        size=attachment.size,
        sha256=attachment.sha256,
        stored=not withheld,
        withheld=withheld,
    )


def _withdraw_acknowledgement(message: Message) -> None:
    """The sender asked for no automatic answers: take back the acknowledgement intake queued.

    Same transaction, so it is never sent (see the report: an ``Inbound`` flag would be cleaner).
    """
    OutboundMail.objects.filter(
        ticket_message=message,
        status=OutboundMail.Status.QUEUED,
        headers__has_key="Auto-Submitted",
    ).delete()


class _Parker:
    def __init__(
        self, raw: bytes, digest: str, envelope: list[str], source: str, parsed: ParsedMail
    ) -> None:
        self.args = (raw, digest, envelope, source)
        self.parsed = parsed

    def __call__(self, reason: str, detail: str, *, ticket: Ticket | None = None) -> Received:
        return _park(*self.args, reason, detail, parsed=self.parsed, ticket=ticket)


def mail_park(raw: bytes, *, reason: str, detail: str, source: str) -> Received:
    """Park a mail that was not even read (e.g. IMAP: only the headers of an oversized one)."""
    raw = bytes(raw)
    return _park(raw, hashlib.sha256(raw).hexdigest(), [], source, reason, detail)


def _park(
    raw: bytes,
    digest: str,
    envelope: list[str],
    source: str,
    reason: str,
    detail: str,
    *,
    parsed: ParsedMail | None = None,
    ticket: Ticket | None = None,
) -> Received:
    """Keep the raw mail for an agent (once per exact bytes while unresolved)."""
    try:
        with transaction.atomic():
            parked = ParkedMail.objects.filter(sha256=digest, resolved=False).first()
            if parked is None:
                parked = ParkedMail.objects.create(
                    raw=raw,
                    sha256=digest,
                    reason=reason,
                    detail=detail[:2000],
                    source=source[:16],
                    envelope_to=envelope,
                    from_address=(parsed.from_.address if parsed else "")[:254],
                    subject=(parsed.subject if parsed else "")[:200],
                    ticket=ticket,
                )
    except DatabaseError as exc:
        raise MailTransientError(f"cannot park mail {digest[:12]}: {exc}") from exc
    log.warning("inbound mail parked source=%s reason=%s sha256=%s", source, reason, digest[:12])
    return Received("parked", ticket=None, parked=parked)
