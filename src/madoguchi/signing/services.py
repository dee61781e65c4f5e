"""Writes of madoguchi.signing: issue the code of an outbound message.

Call these *inside* the transaction that writes the message or its outbox row: the code
commits or rolls back with it, so nothing is sent without its code and a rolled-back message
leaves none. Issuing is idempotent per message: the e-mail and the LINE push of one agent reply
share one code (the second call only adds its channel).

>>> # with transaction.atomic():
>>> #     message = Message.objects.create(...)
>>> #     code = verification_code_for_message(message=message, channel="email")
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from madoguchi.signing.codes import derive_code
from madoguchi.signing.keys import current_key
from madoguchi.signing.models import VerificationCode

__all__ = [
    "SigningError",
    "verification_code_for_message",
    "verification_code_for_turn",
    "verification_code_issue",
]

#: identifiers of 40 bits collide now and then once there are millions: try the next one
_ATTEMPTS = 16


class SigningError(Exception):
    """No code could be issued (not expected in practice: 16 collisions in a row)."""


def _with_channel(row: VerificationCode, channel: str) -> VerificationCode:
    if channel and channel not in row.channels:
        row.channels = [*row.channels, channel]
        row.save(update_fields=["channels"])
    return row


def verification_code_issue(
    *, subject: str, channel: str, ticket_id: int | None = None
) -> VerificationCode:
    """The code of the message named ``subject`` (made now, or the one it already has)."""
    existing = VerificationCode.objects.filter(subject=subject).first()
    if existing is not None:
        return _with_channel(existing, channel)
    key = current_key()
    for attempt in range(_ATTEMPTS):
        code = derive_code(key.secret, subject, attempt)
        if VerificationCode.objects.filter(code=code).exists():
            continue
        try:
            with transaction.atomic():  # a savepoint: a collision must not break the caller
                return VerificationCode.objects.create(
                    code=code,
                    key_id=key.id,
                    subject=subject,
                    channels=[channel] if channel else [],
                    ticket_id=ticket_id,
                )
        except IntegrityError:
            existing = VerificationCode.objects.filter(subject=subject).first()
            if existing is not None:
                return _with_channel(existing, channel)
    raise SigningError(f"no free verification code for {subject}")


def verification_code_for_message(*, message, channel: str) -> VerificationCode:
    """The code of a ticket message (an agent's public reply), sent on ``channel``."""
    return verification_code_issue(
        subject=f"message:{message.pk}", channel=channel, ticket_id=message.ticket_id
    )


def mirrored_message_id(turn) -> int | None:
    """The ticket message an agent turn copies into a chat (it shares that message's code)."""
    if turn.role != "agent":
        return None
    for action in turn.actions or ():
        if isinstance(action, dict) and isinstance(action.get("message"), int):
            return action["message"]
    return None


def verification_code_for_turn(*, turn) -> VerificationCode | None:
    """The code of a chat turn the desk said (assistant, agent, system); none for the
    customer's own turns. An agent reply copied into the chat keeps its message's code."""
    if turn.role == "customer" or turn.pk is None:
        return None
    conversation = turn.conversation
    channel = conversation.channel or "chat"
    message_id = mirrored_message_id(turn)
    if message_id is not None:
        subject = f"message:{message_id}"
    else:
        subject = f"turn:{turn.pk}"
    return verification_code_issue(
        subject=subject, channel=channel, ticket_id=conversation.ticket_id
    )
