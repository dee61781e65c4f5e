"""Nudge the live chat's sockets after a write commits, whoever wrote it.

A new turn (from the socket, the plain-HTTP page, the terminal) or a public agent reply on a
conversation's ticket (the live panel, the ticket page's reply form, the API) wakes every
socket of that conversation, in every process sharing the channel layer. The nudge carries no
content: each socket reads what it has not sent from the database
(``chat_socket._ChatSocket.flush``).
One nudge per conversation per transaction, sent only after it committed.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

_pending = threading.local()


def _once_after_commit(public_id: str, *, sync: bool) -> None:
    pending: set[tuple[str, bool]] = getattr(_pending, "ids", None) or set()
    _pending.ids = pending
    key = (public_id, sync)
    if key in pending:
        return
    pending.add(key)

    def send() -> None:
        pending.discard(key)
        deferred = getattr(_pending, "deferred", None)
        if deferred is not None:  # a socket's call: its consumer sends it, without blocking
            deferred.append((public_id, sync))
            return
        from madoguchi.conversations.chat_protocol import notify

        if sync:
            notify(public_id, sync=True)
        else:
            notify(public_id)

    transaction.on_commit(send, robust=True)


def defer() -> None:
    """Collect this thread's nudges instead of sending them (see ``collected``).

    A socket's database work runs in the one worker thread; sending from there would make that
    thread wait for the event loop. The consumer sends them itself once the call returned.
    """
    _pending.deferred = []


def collected() -> list[tuple[str, bool]]:
    """The nudges collected since ``defer()``; sending goes back to normal."""
    nudges = getattr(_pending, "deferred", None) or []
    _pending.deferred = None
    return nudges


def turn_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        _once_after_commit(instance.conversation.public_id, sync=False)


def message_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    from madoguchi.conversations.models import Conversation
    from madoguchi.tickets.models import Message

    if not created or kwargs.get("raw"):
        return
    if (
        instance.author_kind != Message.Author.AGENT
        or instance.visibility != Message.Visibility.PUBLIC
    ):
        return
    for public_id in Conversation.objects.filter(ticket_id=instance.ticket_id).values_list(
        "public_id", flat=True
    ):
        _once_after_commit(public_id, sync=True)


def connect() -> None:
    from madoguchi.conversations.models import Turn
    from madoguchi.tickets.models import Message

    post_save.connect(turn_saved, sender=Turn, dispatch_uid="conversations.turn_saved")
    post_save.connect(message_saved, sender=Message, dispatch_uid="conversations.message_saved")
