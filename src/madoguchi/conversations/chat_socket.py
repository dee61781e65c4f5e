"""The part of a chat socket both sides share (``docs/chat.md``; the rules are in
:mod:`madoguchi.conversations.chat_protocol`): the group, the sequence cursor, catching up,
typing and presence. The customer's and the agent's consumers subclass it.
"""

from __future__ import annotations

import logging
from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils.translation import gettext as _

from madoguchi.conversations.chat_protocol import PAGE, _hop, _sync, _turns_after, group_name

log = logging.getLogger(__name__)


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
