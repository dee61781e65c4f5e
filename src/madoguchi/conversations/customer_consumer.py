"""The customer's chat socket (``/ws/chat/<public id>/``): who may speak in a conversation,
posting a message (acknowledged only once committed) and the "helped?" / "talk to a person"
buttons. The shared protocol is in :mod:`madoguchi.conversations.chat_protocol`.
"""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.utils import translation
from django.utils.translation import gettext as _

from madoguchi.conversations.chat_protocol import (
    CLOSE_REFUSED,
    PAGE,
    _last_seq,
    _limited,
    _turns_after,
    _valid_client_id,
    token_public_id,
)
from madoguchi.conversations.chat_socket import _ChatSocket
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.conversations.selectors import conversation_by_public_id
from madoguchi.conversations.services import (
    ConversationError,
    conversation_handoff,
    conversation_helped,
    conversation_message_post,
)


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
