"""The agent's live panel socket (``/ws/agent/chat/<public id>/``, signed-in agents): join,
leave and reply, a reply going on the ticket (the record) once per client message id. The
shared protocol is in :mod:`madoguchi.conversations.chat_protocol`.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _

from madoguchi.conversations.chat_protocol import CLOSE_REFUSED, _last_seq, _valid_client_id
from madoguchi.conversations.chat_socket import _ChatSocket
from madoguchi.conversations.models import Conversation
from madoguchi.conversations.selectors import conversation_by_public_id
from madoguchi.conversations.services import (
    ConversationError,
    conversation_agent_join,
    conversation_agent_leave,
    conversation_sync,
)


def _agent_conversation(user: Any, public_id: str) -> Conversation | None:
    from madoguchi.tickets.access import is_agent

    if user is None or not user.is_authenticated or not is_agent(user):
        return None
    conversation = conversation_by_public_id(public_id)
    if conversation is None or conversation.ticket_id is None:
        return None
    return conversation


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
