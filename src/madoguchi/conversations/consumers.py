"""Live chat over WebSocket: the customer's socket and the agent's live panel.

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
``consumers.db``: ``sync_to_async`` in the one database thread); nothing here touches a
model's fields directly.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from typing import Any

from asgiref.sync import async_to_sync, sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from django.core import signing
from django.core.cache import cache
from django.db import connections
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from madoguchi.conversations import signals
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.conversations.selectors import conversation_by_public_id, turn_item
from madoguchi.conversations.services import (
    MAX_CLIENT_ID,
    ConversationError,
    conversation_agent_join,
    conversation_agent_leave,
    conversation_handoff,
    conversation_helped,
    conversation_message_post,
    conversation_sync,
)

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


def _customer_conversation(scope: dict[str, Any], public_id: str) -> Conversation | None:
    """The conversation if this socket may speak in it: the browser session that holds it
    (and, for one begun signed in, the same customer) or a valid widget token."""
    from urllib.parse import parse_qs

    from madoguchi.conversations.views import _SALT as SESSION_SALT
    from madoguchi.conversations.views import SESSION_KEY

    conversation = conversation_by_public_id(public_id)
    if conversation is None or conversation.status == Conversation.Status.CLOSED:
        return None
    query = parse_qs((scope.get("query_string") or b"").decode("latin-1"))
    token = (query.get("token") or [""])[0]
    if token:
        return conversation if token_public_id(token) == conversation.public_id else None
    session = scope.get("session")
    if session is None:
        return None
    signed = session.get(SESSION_KEY)
    if not isinstance(signed, str):
        return None
    try:
        bound = signing.loads(signed, salt=SESSION_SALT)
    except signing.BadSignature:
        return None
    if bound != conversation.public_id:
        return None
    if conversation.customer_id:
        from madoguchi.portal.session import SESSION_KEY as CUSTOMER_KEY

        if session.get(CUSTOMER_KEY) != conversation.customer_id:
            return None
    return conversation


def _agent_conversation(user: Any, public_id: str) -> Conversation | None:
    from madoguchi.tickets.access import is_agent

    if user is None or not user.is_authenticated or not is_agent(user):
        return None
    conversation = conversation_by_public_id(public_id)
    if conversation is None or conversation.ticket_id is None:
        return None
    return conversation


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
        html = render_to_string("conversations/_turn.html", {"item": replace(item, author=author)})
        return {
            "type": "turn",
            "seq": turn.pk,
            "role": turn.role,
            "author": author,
            "agent": agent,
            "text": turn.text,
            "actions": item.blocks,
            "created_at": turn.created_at.isoformat(),
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


def _customer_post(
    public_id: str, text: str, client_id: str, after: int, audience: str
) -> dict[str, Any]:
    """Post the message (committed when this returns), then read what the socket has not sent
    yet, in the same worker-thread hop."""
    if _limited(public_id):
        return {"error": _("Too many messages. Please wait a few minutes.")}
    conversation = conversation_by_public_id(public_id)
    if conversation is None:
        return {"error": _("This conversation no longer exists.")}
    with translation.override(conversation.language):  # errors and turns in the customer's
        return _customer_post_in(conversation, text, client_id, after, audience)


def _customer_post_in(
    conversation: Conversation, text: str, client_id: str, after: int, audience: str
) -> dict[str, Any]:
    public_id = conversation.public_id
    try:
        reply = conversation_message_post(
            conversation=conversation, text=text, client_message_id=client_id
        )
    except ConversationError as exc:
        return {"error": str(exc)}
    if reply.turns:
        seq = reply.turns[0].pk
    else:
        seq = Turn.objects.filter(conversation=conversation, client_message_id=client_id)
        seq = seq.values_list("pk", flat=True).first()
    turns, state = _turns_after(public_id, after, audience, conversation=reply.conversation)
    return {"seq": seq, "duplicate": reply.duplicate, "turns": turns, "state": state}


def _customer_button(public_id: str, what: str, yes: bool) -> dict[str, Any]:
    conversation = conversation_by_public_id(public_id)
    if conversation is None:
        return {"error": _("This conversation no longer exists.")}
    try:
        with translation.override(conversation.language):  # "Talk to a person" in its words
            if what == "helped":
                conversation_helped(conversation=conversation, yes=yes)
            else:
                conversation_handoff(conversation=conversation)
    except ConversationError as exc:
        return {"error": str(exc)}
    return {}


def _limited(public_id: str) -> bool:
    from madoguchi.portal.rate_limit import rate_limit_hit

    return not rate_limit_hit("chat-ws", public_id, limit=SOCKET_LIMIT, window=SOCKET_WINDOW)


def _agent_act(
    public_id: str, user: Any, what: str, text: str = "", client_id: str = ""
) -> dict[str, Any]:
    """Join, leave or reply; a reply goes on the ticket (the record) through ``message_post``,
    once per client message id (kept an hour: the panel resends only what was not acked)."""
    from madoguchi.tickets.services import TicketError, message_post

    conversation = _agent_conversation(user, public_id)
    if conversation is None:
        return {"error": _("This conversation is not available.")}
    sent_key = f"chat:agent-sent:{public_id}:{client_id}"
    if what == "message" and cache.get(sent_key) is not None:
        return {"message": cache.get(sent_key), "duplicate": True}
    try:
        if what == "join":
            conversation_agent_join(conversation=conversation, agent=user)
        elif what == "leave":
            conversation_agent_leave(conversation=conversation)
        else:
            message = message_post(ticket=conversation.ticket, agent=user, body=text)
            cache.set(sent_key, message.pk, 3600)
            conversation_sync(conversation=conversation)  # copies the reply into the turns
            return {"message": message.pk, "duplicate": False}
    except (ConversationError, TicketError) as exc:
        return {"error": str(exc)}
    return {}


def _valid_client_id(value: Any) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_CLIENT_ID
        and value.isprintable()
        and not value.startswith("desk:")
    )


# --- the consumers --------------------------------------------------------------------------


class _ChatSocket(AsyncJsonWebsocketConsumer):
    """What both sides share: the group, the sequence cursor, catching up, typing, presence."""

    audience = "customer"
    public_id: str = ""
    sent_seq: int = 0
    name: str = ""

    async def _join_group(self) -> None:
        self.group = group_name(self.public_id)
        await self.channel_layer.group_add(self.group, self.channel_name)

    async def disconnect(self, code: int) -> None:
        if self.public_id:
            await self._broadcast({"type": "chat.presence", "online": False})
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def db(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)`` in the database thread, then the nudges its commits asked
        for, sent from here (marked as ours: this socket sends its own turns itself)."""
        result, nudges = await _hop(fn)(*args, **kwargs)
        for public_id, sync in nudges:
            event: dict[str, Any] = {"type": "chat.changed", "sender": self.channel_name}
            if sync:
                event["sync"] = True
            try:
                await self.channel_layer.group_send(group_name(public_id), event)
            except Exception:  # the write committed; the other sockets catch up on resume
                log.warning("chat: could not notify conversation group", exc_info=True)
        return result

    async def _broadcast(self, event: dict[str, Any]) -> None:
        event = {"role": self.audience, "name": self.name, "sender": self.channel_name, **event}
        await self.channel_layer.group_send(self.group, event)

    async def flush(self, *, with_state: bool = True) -> None:
        """Send every turn after the last one sent on this socket, in order, then the state."""
        while True:
            turns, state = await self.db(
                _turns_after, self.public_id, self.sent_seq, self.audience, with_state=with_state
            )
            await self._send_turns(turns, state if len(turns) < PAGE else {})
            if len(turns) < PAGE:
                break

    async def _send_turns(self, turns: list[dict], state: dict) -> None:
        for payload in turns:
            if payload["seq"] > self.sent_seq:  # never the same turn twice on one socket
                await self.send_json(payload)
                self.sent_seq = payload["seq"]
        if state:
            await self.send_json(state)

    async def _resume(self, content: dict[str, Any]) -> None:
        after = content.get("after", 0)
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            after = 0
        self.sent_seq = after
        await self.flush()

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_json({"type": "error", "error": _("Unreadable message.")})
            return
        kind = content["type"]
        if kind == "resume":
            await self._resume(content)
        elif kind == "typing":
            await self._broadcast({"type": "chat.typing", "typing": bool(content.get("on", True))})
        elif kind == "ping":
            await self.send_json({"type": "pong"})
        else:
            await self.act(kind, content)

    async def act(self, kind: str, content: dict[str, Any]) -> None:
        await self.send_json({"type": "error", "error": _("Unknown message type.")})

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if text_data is None or len(text_data) > 64 * 1024:
            await self.send_json({"type": "error", "error": _("Unreadable message.")})
            return
        try:
            content = await self.decode_json(text_data)
        except ValueError:
            await self.send_json({"type": "error", "error": _("Unreadable message.")})
            return
        await self.receive_json(content)

    # group events
    async def chat_changed(self, event: dict[str, Any]) -> None:
        if event.get("sender") == self.channel_name and not event.get("sync"):
            return  # our own write: its turns were sent with its answer
        if event.get("sync"):  # an agent replied on the ticket: copy it into the turns first
            await self.db(_sync, self.public_id)
        await self.flush(with_state=False)

    async def chat_typing(self, event: dict[str, Any]) -> None:
        if event.get("sender") != self.channel_name and event.get("role") != self.audience:
            await self.send_json(
                {"type": "typing", "role": event["role"], "name": event.get("name", ""),
                 "typing": event.get("typing", True)}
            )  # fmt: skip

    async def chat_presence(self, event: dict[str, Any]) -> None:
        if event.get("sender") == self.channel_name or event.get("role") == self.audience:
            return
        await self.send_json(
            {"type": "presence", "role": event["role"], "name": event.get("name", ""),
             "online": event.get("online", False)}
        )  # fmt: skip
        if event.get("online") and not event.get("reply"):
            # a newcomer: tell it who is already here (once; a reply is not answered)
            await self._broadcast({"type": "chat.presence", "online": True, "reply": True})


class CustomerChatConsumer(_ChatSocket):
    """``/ws/chat/<public id>/``: the customer's side, the assistant or the agent answers."""

    audience = "customer"

    async def connect(self) -> None:
        public_id = self.scope["url_route"]["kwargs"]["public_id"]
        conversation = await self.db(_customer_conversation, self.scope, public_id)
        if conversation is None:
            await self.close(code=CLOSE_REFUSED)
            return
        self.public_id = conversation.public_id
        self.sent_seq = await self.db(_last_seq, self.public_id)
        await self._join_group()
        await self.accept()
        await self._broadcast({"type": "chat.presence", "online": True})

    async def act(self, kind: str, content: dict[str, Any]) -> None:
        if kind == "message":
            await self._message(content)
        elif kind in ("helped", "person"):
            if await self.db(_limited, self.public_id):
                await self.send_json({"type": "error", "error": _("Too many messages.")})
                return
            result = await self.db(
                _customer_button, self.public_id, kind, content.get("yes") is True
            )
            if "error" in result:
                await self.send_json({"type": "error", "error": result["error"]})
            await self.flush()
        else:
            await super().act(kind, content)

    async def _message(self, content: dict[str, Any]) -> None:
        client_id, text = content.get("id"), content.get("text")
        if not _valid_client_id(client_id):
            await self.send_json({"type": "error", "error": _("The message id is not valid.")})
            return
        if not isinstance(text, str):
            await self.send_json(
                {"type": "error", "id": client_id, "error": _("Please write your message.")}
            )
            return
        result = await self.db(
            _customer_post, self.public_id, text, client_id, self.sent_seq, self.audience
        )
        if "error" in result:
            await self.send_json({"type": "error", "id": client_id, "error": result["error"]})
            return
        # committed: acknowledge, then push what it produced, then wake the other sockets
        await self.send_json(
            {"type": "ack", "id": client_id, "seq": result["seq"],
             "duplicate": result["duplicate"]}
        )  # fmt: skip
        await self._send_turns(result["turns"], result["state"])
        if len(result["turns"]) >= PAGE:
            await self.flush()
        # the other sockets were nudged when the turns committed


class AgentChatConsumer(_ChatSocket):
    """``/ws/agent/chat/<public id>/``: the live panel on the ticket page (signed-in agents)."""

    audience = "agent"

    async def connect(self) -> None:
        public_id = self.scope["url_route"]["kwargs"]["public_id"]
        user = self.scope.get("user")
        conversation = await self.db(_agent_conversation, user, public_id)
        if conversation is None:
            await self.close(code=CLOSE_REFUSED)
            return
        self.public_id = conversation.public_id
        self.name = user.first_name or user.get_username()
        self.sent_seq = await self.db(_last_seq, self.public_id)
        await self._join_group()
        await self.accept()
        await self._broadcast({"type": "chat.presence", "online": True})

    async def act(self, kind: str, content: dict[str, Any]) -> None:
        if kind not in ("join", "leave", "message"):
            await super().act(kind, content)
            return
        client_id = content.get("id")
        text = content.get("text", "")
        if kind == "message":
            if not _valid_client_id(client_id) or not isinstance(text, str):
                await self.send_json({"type": "error", "error": _("Unreadable message.")})
                return
        user = self.scope["user"]
        result = await self.db(
            _agent_act,
            self.public_id,
            user,
            kind,
            text if isinstance(text, str) else "",
            client_id or "",
        )
        if "error" in result:
            await self.send_json({"type": "error", "id": client_id, "error": result["error"]})
            return
        if kind == "message":
            await self.send_json({"type": "ack", "id": client_id, "duplicate": result["duplicate"]})
        await self.flush()
