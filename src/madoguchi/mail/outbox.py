"""The outbox: customer e-mails written with the change that causes them, sent after commit.

``mail_enqueue()`` is called *inside* the transaction of the reply or event: the row commits or
rolls back with it, so a stored reply always has its e-mail and a rolled-back one never does.
On commit a task sends the row; a failure leaves it queued with exponential backoff, and
``outbox_flush()`` (run by the worker) sends every row that is due.

Exactly once, as far as SMTP allows: a sender first *claims* the row with a conditional UPDATE
(``queued`` → ``sending``), so two workers never send the same row. The Message-ID is chosen
when the row is written, so a retry re-sends the same id. The one remaining window is a crash
after the SMTP server accepted the message and before the row is marked ``sent``: the claim is
a lease (``next_attempt_at`` = claim time + :data:`LEASE`), and once it expires the row is sent
again with the same Message-ID, which mail clients use to drop the duplicate. Losing a mail
silently would be worse than that.

>>> # with transaction.atomic():
>>> #     mail_enqueue(to_address="taro@example.jp", subject="[MDG-26-000001] ...", body_text="...")
"""

from __future__ import annotations

import logging
import random
import re
import smtplib
from collections.abc import Mapping
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from madoguchi.mail.dkim import DkimError, dkim_sign_message
from madoguchi.mail.models import OutboundMail

log = logging.getLogger(__name__)

#: Placeholder for a fresh single-use sign-in link, minted when the mail is *sent*: a link minted
#: when the row is written could expire (30 min) while the mail server is down.
SIGN_IN_LINK = "[[madoguchi:sign-in-link]]"

#: How long a claimed row may stay "sending" before another worker may send it again. Longer
#: than EMAIL_TIMEOUT times the SMTP round trips, so only a crashed worker's row is taken over.
LEASE = timedelta(minutes=15)
#: Retries back off as BASE * 2**(attempt-1), capped, with ±20 % jitter so a recovered server
#: is not hit by every queued mail in the same second.
BACKOFF_BASE = timedelta(seconds=60)
BACKOFF_CAP = timedelta(hours=6)
#: After this many attempts (about a day with the numbers above) the row is marked failed.
MAX_ATTEMPTS = 10
#: RFC 5322 §2.1.1: lines of at most 998 characters; subjects are kept far shorter.
MAX_SUBJECT_CHARS = 200

#: Characters that could end a header or confuse a mail client: CR, LF, NUL, other C0/C1
#: controls and the Unicode line and paragraph separators.
_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
#: A Message-ID as it may be repeated in In-Reply-To/References (RFC 5322 §3.6.4): one
#: bracketed token, nothing that could smuggle a line break or a second header.
_MESSAGE_ID = re.compile(r"^<[!-;=?-~]{1,250}>$")
_MAX_REFERENCES = 10


class OutboxError(Exception):
    """A mail that cannot be queued as asked (bad address); the caller's input is at fault."""


def header_safe(text: str, *, limit: int = MAX_SUBJECT_CHARS) -> str:
    """``text`` on one line: control characters become a space, so nothing can add a header.

    >>> header_safe("Hello\\r\\nBcc: evil@example.com")
    'Hello Bcc: evil@example.com'
    """
    return " ".join(_HEADER_UNSAFE.sub(" ", text or "").split())[:limit]


def message_id_or_none(value: str | None) -> str | None:
    """``value`` if it is one well-formed ``<id@domain>``, else None (forged or broken ids)."""
    value = (value or "").strip()
    if value and not value.startswith("<"):
        value = f"<{value}>"
    return value if _MESSAGE_ID.match(value) else None


def _from_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2].lower() or "madoguchi.invalid"


def mail_enqueue(
    *,
    to_address: str,
    subject: str,
    body_text: str,
    ticket=None,
    message=None,
    in_reply_to: str | None = None,
    references: list[str] | tuple[str, ...] = (),
    auto_submitted: bool = False,
    reply_to: str | None = None,
) -> OutboundMail:
    """Write one outgoing mail in the caller's transaction; it is sent after commit.

    ``in_reply_to``/``references`` are dropped unless they are well-formed Message-IDs.
    ``auto_submitted`` marks an automatic acknowledgement (RFC 3834 ``auto-replied``), so the
    customer's own auto-responder does not answer it.
    """
    to_address = (to_address or "").strip()
    try:
        validate_email(to_address)
    except ValidationError as exc:
        raise OutboxError(f"not an e-mail address: {to_address[:80]!r}") from exc
    parent = message_id_or_none(in_reply_to)
    chain = [mid for mid in map(message_id_or_none, references) if mid]
    if parent and parent not in chain:
        chain.append(parent)
    headers: dict[str, str] = {}
    if reply_to:
        headers["Reply-To"] = header_safe(reply_to, limit=320)
    if auto_submitted:
        headers["Auto-Submitted"] = "auto-replied"
    row = OutboundMail(
        ticket=ticket,
        ticket_message=message,
        to_address=to_address,
        subject=header_safe(subject),
        body_text=body_text,
        message_id=make_msgid(domain=_from_domain()),
        in_reply_to=parent or "",
        references=" ".join(chain[-_MAX_REFERENCES:]),
        headers=headers,
        status="queued",
        attempts=0,
        next_attempt_at=timezone.now(),
    )
    row.save()
    transaction.on_commit(lambda: _schedule(row.pk), robust=True)
    return row


def _schedule(mail_id: int, run_after: datetime | None = None) -> None:
    """Hand the row to the task queue (deferred when the backend can; else the sweep finds it)."""
    from madoguchi.mail import tasks

    task = tasks.outbox_send
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # outbox_flush() picks it up when it is due
        task = task.using(run_after=run_after)
    task.enqueue(mail_id=mail_id)


def backoff(attempts: int) -> timedelta:
    """The wait before attempt ``attempts + 1``: exponential, capped, jittered (±20 %)."""
    base = min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)
    return base * random.uniform(0.8, 1.2)  # jitter, not a secret


def _due(now: datetime) -> Q:
    """Rows a sender may claim: queued and due, or "sending" with an expired lease."""
    return Q(status="queued", next_attempt_at__lte=now) | Q(
        status="sending", next_attempt_at__lt=now
    )


def _claim(mail_id: int, now: datetime) -> bool:
    """Take the row for sending; True for exactly one of any number of concurrent callers."""
    return bool(
        OutboundMail.objects.filter(_due(now), pk=mail_id).update(
            status="sending", attempts=F("attempts") + 1, next_attempt_at=now + LEASE
        )
    )


def outbox_send(*, mail_id: int, now: datetime | None = None) -> str:
    """Send one row if it is due and nobody else is sending it; returns its status afterwards.

    Never raises for a mail-server problem: the row records the error and is retried later.
    """
    now = now or timezone.now()
    if not _claim(mail_id, now):
        row = OutboundMail.objects.filter(pk=mail_id).only("status").first()
        return row.status if row else "missing"
    row = OutboundMail.objects.select_related("ticket__requester").get(pk=mail_id)
    try:
        sent = _build(row).send()
        if not sent:
            raise smtplib.SMTPException("the mail backend accepted no recipient")
    except (OSError, smtplib.SMTPException, UnicodeError, DkimError) as exc:
        return _failed(row, exc, now)
    OutboundMail.objects.filter(pk=row.pk, status="sending").update(
        status="sent", sent_at=timezone.now(), last_error=""
    )
    log.info("outbox sent mail=%s message_id=%s attempt=%s", row.pk, row.message_id, row.attempts)
    return "sent"


def _permanent(exc: BaseException) -> bool:
    """A 5xx answer (unknown mailbox, refused content): retrying will not help."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def _failed(row: OutboundMail, exc: BaseException, now: datetime) -> str:
    error = f"{type(exc).__name__}: {exc}"[:500]
    if _permanent(exc) or row.attempts >= MAX_ATTEMPTS:
        OutboundMail.objects.filter(pk=row.pk, status="sending").update(
            status="failed", last_error=error
        )
        log.error("outbox gave up mail=%s after %s attempts: %s", row.pk, row.attempts, error)
        return "failed"
    retry_at = now + backoff(row.attempts)
    OutboundMail.objects.filter(pk=row.pk, status="sending").update(
        status="queued", last_error=error, next_attempt_at=retry_at
    )
    log.warning(
        "outbox mail=%s attempt %s failed (%s); retry at %s", row.pk, row.attempts, error, retry_at
    )
    _schedule(row.pk, run_after=retry_at)
    return "queued"


def outbox_flush(*, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Send every due row (the periodic sweep); returns how many ended in each status."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    ids = list(
        OutboundMail.objects.filter(_due(now)).order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )  # fmt: skip
    for mail_id in ids:
        status = outbox_send(mail_id=mail_id, now=now)
        counts[status] = counts.get(status, 0) + 1
    return counts


def _sign_in_url(row: OutboundMail) -> str:
    from madoguchi.customers.services import magic_link_create
    from madoguchi.tickets.notifications import sign_in_url

    return sign_in_url(magic_link_create(customer=row.ticket.requester))


def _build(row: OutboundMail) -> EmailMessage:
    """The message as it goes out: stored headers, threading, DKIM when a key is configured."""
    body = row.body_text
    if SIGN_IN_LINK in body and row.ticket_id:
        body = body.replace(SIGN_IN_LINK, _sign_in_url(row))
    headers: dict[str, str] = {"Message-ID": row.message_id}
    if row.in_reply_to:
        headers["In-Reply-To"] = row.in_reply_to
    if row.references:
        headers["References"] = row.references
    stored: Mapping[str, str] = row.headers or {}
    headers.update({k: header_safe(str(v), limit=998) for k, v in stored.items()})
    return _DkimEmailMessage(
        subject=header_safe(row.subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to_address],
        headers=headers,
        connection=get_connection(),
    )


class _DkimEmailMessage(EmailMessage):
    """An EmailMessage whose serialisation carries a DKIM-Signature (when a key is set)."""

    def message(self, *args, **kwargs):
        return dkim_sign_message(super().message(*args, **kwargs))
