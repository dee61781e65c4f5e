"""The outbox of platform messages: written with the change that causes them, sent after commit.

The same contract as the e-mail outbox (``madoguchi.mail.outbox``): a row is claimed with a
conditional UPDATE before it is sent (two workers never send it twice), a failure leaves it
queued with exponential backoff, a ``429`` waits at least its ``Retry-After``, a refusal (any
other 4xx) marks it ``failed`` with the platform's answer kept for an agent to read, and
``social_outbox_flush()`` sends whatever is due when a task was lost.

LINE's reply token is tried once while fresh; afterwards (stale, used, or a retry) the row goes
out through the push API with its ``X-Line-Retry-Key``, which LINE uses to drop a duplicate.

>>> # with transaction.atomic():
>>> #     social_enqueue(contact=contact, texts=["..."], reply_token=event.reply_token)
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from madoguchi.social import clients
from madoguchi.social.conf import line_config, telegram_config
from madoguchi.social.models import OutboundSocial, Platform, SocialContact

log = logging.getLogger(__name__)

#: LINE Messaging API: a text message holds at most 5,000 characters, a call at most 5 messages
LINE_TEXT_LIMIT = 5000
LINE_MESSAGES_PER_CALL = 5
#: Telegram Bot API: sendMessage text is 1-4096 characters
TELEGRAM_TEXT_LIMIT = 4096
#: a reply token older than this is not tried (LINE: use it promptly, about a minute)
REPLY_TOKEN_FRESH = timedelta(seconds=50)
#: a claimed row may stay "sending" this long before another worker takes it over
LEASE = timedelta(minutes=5)
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
#: about a day with the numbers above, then failed
MAX_ATTEMPTS = 12


class OutboxConfigError(Exception):
    """The platform of a queued row is not configured any more."""


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at paragraph or line ends when
    possible.

    >>> split_text("a\\n\\nb", 2)
    ['a', 'b']
    """
    text = text.strip()
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit))
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        pieces.append(text)
    return [p for p in pieces if p]


def _batches(platform: str, texts: list[str]) -> list[list[str]]:
    if platform == Platform.LINE:
        pieces = [p for t in texts for p in split_text(t, LINE_TEXT_LIMIT)]
        return [
            pieces[i : i + LINE_MESSAGES_PER_CALL]
            for i in range(0, len(pieces), LINE_MESSAGES_PER_CALL)
        ]
    return [[p] for p in split_text("\n\n".join(texts), TELEGRAM_TEXT_LIMIT)]


def social_enqueue(
    *,
    contact: SocialContact,
    texts: list[str],
    reply_token: str = "",
    ticket=None,
    ticket_message=None,
) -> list[OutboundSocial]:
    """Write the rows that carry ``texts`` to ``contact`` in the caller's transaction; each is
    sent after commit. Only the first row may use the (single-use) reply token."""
    rows = []
    now = timezone.now()
    for number, batch in enumerate(_batches(contact.platform, [t for t in texts if t.strip()])):
        row = OutboundSocial(
            contact=contact,
            texts=batch,
            reply_token=reply_token if number == 0 else "",
            ticket=ticket,
            ticket_message=ticket_message if number == 0 else None,
            next_attempt_at=now,
        )
        row.save()
        rows.append(row)
        transaction.on_commit(lambda pk=row.pk: _schedule(pk), robust=True)
    return rows


def _schedule(outbound_id: int, run_after: datetime | None = None) -> None:
    from madoguchi.social import tasks

    task = tasks.social_outbox_send
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # social_outbox_flush() sends it when it is due
        task = task.using(run_after=run_after)
    task.enqueue(outbound_id=outbound_id)


def backoff(attempts: int) -> timedelta:
    """The wait before attempt ``attempts + 1``: exponential, capped, jittered (±20 %)."""
    base = min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)
    return base * random.uniform(0.8, 1.2)  # jitter, not a secret


def _due(now: datetime) -> Q:
    return Q(status=OutboundSocial.Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=OutboundSocial.Status.SENDING, next_attempt_at__lt=now
    )


def _claim(outbound_id: int, now: datetime) -> bool:
    return bool(
        OutboundSocial.objects.filter(_due(now), pk=outbound_id).update(
            status=OutboundSocial.Status.SENDING,
            attempts=F("attempts") + 1,
            next_attempt_at=now + LEASE,
        )
    )


def _send_line(row: OutboundSocial, now: datetime) -> None:
    config = line_config()
    if config is None:
        raise OutboxConfigError("LINE is not configured")
    fresh = row.reply_token and row.attempts == 1 and now - row.created_at <= REPLY_TOKEN_FRESH
    if fresh:
        try:
            clients.line_reply(config, reply_token=row.reply_token, texts=row.texts, now=now)
            return
        except clients.PlatformError as exc:
            if exc.status != 400:  # 400: the token expired or was used; push instead, now
                raise
            log.info("line outbound=%s reply token refused; pushing instead", row.pk)
    clients.line_push(
        config,
        to=row.contact.external_user,
        texts=row.texts,
        retry_key=str(row.retry_key),
        now=now,
    )


def _send_telegram(row: OutboundSocial, now: datetime) -> None:
    config = telegram_config()
    if config is None:
        raise OutboxConfigError("Telegram is not configured")
    for text in row.texts:
        clients.telegram_send(config, chat_id=row.contact.external_user, text=text, now=now)


def social_outbox_send(*, outbound_id: int, now: datetime | None = None) -> str:
    """Send one row if it is due and unclaimed; returns its status afterwards. Never raises
    for a platform problem: the row records it."""
    now = now or timezone.now()
    if not _claim(outbound_id, now):
        row = OutboundSocial.objects.filter(pk=outbound_id).only("status").first()
        return row.status if row else "missing"
    row = OutboundSocial.objects.select_related("contact").get(pk=outbound_id)
    try:
        if row.contact.platform == Platform.LINE:
            _send_line(row, now)
        else:
            _send_telegram(row, now)
    except (clients.PlatformError, OutboxConfigError) as exc:
        return _failed(row, exc, now)
    OutboundSocial.objects.filter(pk=row.pk, status=OutboundSocial.Status.SENDING).update(
        status=OutboundSocial.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    log.info("social sent outbound=%s platform=%s", row.pk, row.contact.platform)
    return OutboundSocial.Status.SENT


def _failed(row: OutboundSocial, exc: Exception, now: datetime) -> str:
    error = str(exc)[:500]
    permanent = isinstance(exc, clients.PlatformError) and exc.permanent
    if permanent or row.attempts >= MAX_ATTEMPTS:
        OutboundSocial.objects.filter(pk=row.pk, status=OutboundSocial.Status.SENDING).update(
            status=OutboundSocial.Status.FAILED, last_error=error
        )
        log.error("social gave up outbound=%s after %s attempts: %s", row.pk, row.attempts, error)
        return OutboundSocial.Status.FAILED
    wait = backoff(row.attempts)
    asked = exc.retry_after if isinstance(exc, clients.PlatformError) else None
    if asked is not None:
        wait = max(wait, asked) if exc.status != 429 else asked  # 429: exactly what was asked
    retry_at = now + wait
    OutboundSocial.objects.filter(pk=row.pk, status=OutboundSocial.Status.SENDING).update(
        status=OutboundSocial.Status.QUEUED, last_error=error, next_attempt_at=retry_at
    )
    log.warning("social outbound=%s attempt %s failed (%s); retry at %s", row.pk, row.attempts,
                error, retry_at)  # fmt: skip
    _schedule(row.pk, run_after=retry_at)
    return OutboundSocial.Status.QUEUED


def social_outbox_flush(*, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Send every due row, oldest first (the periodic sweep); returns counts by status."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    ids = list(
        OutboundSocial.objects.filter(_due(now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for outbound_id in ids:
        status = social_outbox_send(outbound_id=outbound_id, now=now)
        counts[status] = counts.get(status, 0) + 1
    return counts
