"""Live chat over WebSocket: the protocol's shared pieces (frames, tokens, rate limit, nudges).

The protocol is in ``docs/chat.md``. Three rules carry the "no message loss" promise:

* a customer message is acknowledged only after ``conversation_message_post`` returned, i.e.
  after its transaction committed; the same client message id again is acknowledged again and
  stored once (the service's idempotency);
* every turn has a sequence number (its primary key; turns of one conversation are written
  under a row lock on the conversation, so they commit in that order) and a client that
  (re)connects asks for the turns after the last one it has (``resume``);
* the channel layer only *nudges* ("something changed in conversation X"): each socket then
  reads the turns after the last one it sent from the database, so a nudge lost, doubled or
  delivered to another process changes nothing but latency.

Every write goes through the conversations and tickets services (sync code, run with
``_ChatSocket.db``: ``sync_to_async`` in the one database thread); nothing here touches a
model's fields directly.

The consumers: ``customer_consumer.CustomerChatConsumer`` (the customer's socket) and
``agent_consumer.AgentChatConsumer`` (the agent's live panel), both built on
``chat_socket._ChatSocket``.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from typing import Any

from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.core import signing
from django.db import connections
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from madoguchi.agents.presenters import customer_turn_for_agent
from madoguchi.conversations import signals
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.conversations.selectors import conversation_by_public_id, turn_item
from madoguchi.conversations.services import MAX_CLIENT_ID, conversation_sync

log = logging.getLogger(__name__)

#: the salt of the widget's token (it has no session cookie inside a third-party iframe)
TOKEN_SALT = "madoguchi.chat.widget"  # noqa: S105 - a signing namespace, not a secret
#: a widget token is good for a week; the widget asks for a new conversation after that
TOKEN_MAX_AGE = 7 * 24 * 3600
#: customer messages per conversation per window over the socket
SOCKET_LIMIT = 60
SOCKET_WINDOW = 5 * 60
#: turns sent in one batch at most (a resume of a long conversation is paged)
PAGE = 200
#: close codes (4000-4999 are the application's)
CLOSE_REFUSED = 4403


def group_name(public_id: str) -> str:
    """The channel-layer group of one conversation (public ids are URL-safe base64)."""
    return f"chat.{public_id}"  # group names allow exactly these characters


def widget_token(conversation: Conversation) -> str:
    """What the embeddable widget holds instead of a session cookie."""
    return signing.dumps(conversation.public_id, salt=TOKEN_SALT)


def token_public_id(token: str) -> str | None:
    try:
        value = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) else None


def notify(public_id: str, **event: Any) -> None:
    """Nudge every socket of the conversation (in any process); safe to call from sync code.

    A failure to reach the layer is logged, never raised: the write it follows has committed
    and the sockets catch up at their next resume.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group_name(public_id), {"type": "chat.changed", **event})
    except Exception:  # a broken layer must not undo a committed write
        log.warning("chat: could not notify conversation group", exc_info=True)


# --- sync helpers (run in a worker thread) --------------------------------------------------


def _keeping_connection(fn: Any) -> Any:
    """``fn`` run like ``database_sync_to_async`` runs it, but the thread's connection is
    kept between calls unless it broke: a socket's every frame is one call, and reopening
    SQLite (with its PRAGMAs) around each was most of a message's cost. A connection that
    raised and no longer answers is closed, so the next call opens a fresh one.

    Returns ``(result, nudges)``: the group nudges the call's commits asked for, for the
    consumer to send (``signals.defer``)."""

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> tuple[Any, list[tuple[str, bool]]]:
        signals.defer()
        try:
            return fn(*args, **kwargs), signals.collected()
        finally:
            signals.collected()  # (after an error too: sending goes back to normal)
            for conn in connections.all(initialized_only=True):
                if conn.connection is not None and conn.errors_occurred:
                    if not conn.is_usable():
                        conn.close()
                    conn.errors_occurred = False

    return call


@functools.cache
def _hop(fn: Any) -> Any:
    return sync_to_async(_keeping_connection(fn), thread_sensitive=True)


def _author_for_agent(turn: Turn) -> str:
    if turn.role == Turn.Role.CUSTOMER:
        return _("Customer")
    item_author = turn_item(turn, "en").author
    return item_author


def turn_payload(turn: Turn, language: str, *, audience: str = "customer") -> dict[str, Any]:
    """One turn as the socket sends it: who, what, and its rendered markup (escaped by the
    template, so the client may insert it as HTML)."""
    with translation.override(language):
        item = turn_item(turn, language)
        agent = ""
        if turn.role == Turn.Role.AGENT:
            agent = next((a.get("agent", "") for a in turn.actions if isinstance(a, dict)), "")
        author = item.author if audience == "customer" else _author_for_agent(turn)
        text, body_html = turn.text, None
        if audience == "agent" and turn.role == Turn.Role.CUSTOMER:
            text, body_html = customer_turn_for_agent(turn)  # links defanged and flagged
        context = {"item": replace(item, author=author), "body_html": body_html}
        html = render_to_string("conversations/_turn.html", context)
        return {
            "type": "turn",
            "seq": turn.pk,
            "role": turn.role,
            "author": author,
            "agent": agent,
            "text": text,
            **({"body_html": body_html} if body_html is not None else {}),
            "actions": item.blocks,
            "created_at": turn.created_at.isoformat(),
            "verification_code": item.code,
            "html": html,
        }


def _state_payload(conversation: Conversation) -> dict[str, Any]:
    state = conversation.state or {}
    return {
        "type": "state",
        "phase": state.get("phase", ""),
        "ask_helped": state.get("phase") == "awaiting_helped" and not state.get("agent_joined"),
        "agent": state.get("agent_name", "") if state.get("agent_joined") else None,
        "reference": conversation.ticket.reference if conversation.ticket else "",
        "language": conversation.language,
    }


def _turns_after(
    public_id: str,
    after: int,
    audience: str,
    *,
    with_state: bool = True,
    conversation: Conversation | None = None,
) -> tuple[list[dict], dict]:
    """The turns after ``after`` (one page) and the conversation's state; a nudge that finds
    nothing new (``with_state=False``) costs one query and sends nothing. ``conversation``:
    the row as just saved, when the caller has it (one query less)."""
    turns = list(
        Turn.objects.filter(conversation__public_id=public_id, pk__gt=after).order_by("pk")[:PAGE]
    )
    if not turns and not with_state:
        return [], {}
    conversation = conversation or conversation_by_public_id(public_id)
    if conversation is None:
        return [], {}
    language = conversation.language
    return (
        [turn_payload(t, language, audience=audience) for t in turns],
        _state_payload(conversation),
    )


def _last_seq(public_id: str) -> int:
    conversation = conversation_by_public_id(public_id)
    if conversation is None:
        return 0
    last = conversation.turns.order_by("-pk").values_list("pk", flat=True).first()
    return int(last or 0)


def _sync(public_id: str) -> None:
    conversation = conversation_by_public_id(public_id)
    if conversation is not None and conversation.ticket_id:
        conversation_sync(conversation=conversation)


def _limited(public_id: str) -> bool:
    from madoguchi.portal.rate_limit import rate_limit_hit

    return not rate_limit_hit("chat-ws", public_id, limit=SOCKET_LIMIT, window=SOCKET_WINDOW)


def _valid_client_id(value: Any) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_CLIENT_ID
        and value.isprintable()
        and not value.startswith("desk:")
    )
