"""Reads for conversations: the one bound to a browser session, and its thread as shown.

The thread merges the conversation's turns with the agent's public replies on its ticket, so
the customer reads one conversation whoever is answering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from madoguchi.conversations import rendering
from madoguchi.conversations.models import Conversation, Turn
from madoguchi.signing.selectors import codes_of_messages, codes_of_turns
from madoguchi.tickets.models import Message


@dataclass(frozen=True)
class ThreadItem:
    role: str  # customer | assistant | agent | system
    author: str
    text: str
    blocks: list[dict[str, Any]]
    created_at: datetime
    #: the verification code of a desk turn (MDG-XXXX-XXXX-XXXX), "" for the customer's own
    code: str = ""


def conversation_by_public_id(public_id: Any) -> Conversation | None:
    if not isinstance(public_id, str) or not public_id or len(public_id) > 32:
        return None
    return (
        Conversation.objects.select_related("ticket", "customer")
        .filter(public_id=public_id)
        .first()
    )


def _author(role: str, agent_name: str = "") -> str:
    if role == Turn.Role.CUSTOMER:
        return _("You")
    if role == Turn.Role.ASSISTANT:
        return _("Support assistant (automatic)")
    if role == Turn.Role.AGENT:
        return _("%(name)s (support)") % {"name": agent_name} if agent_name else _("Support agent")
    return _("Security notice")


def turn_author(turn: Turn) -> str:
    """Who said it, as the customer reads it (an agent turn carries the agent's name)."""
    name = ""
    if turn.role == Turn.Role.AGENT:
        name = next((a.get("agent", "") for a in turn.actions if isinstance(a, dict)), "")
    return _author(turn.role, name)


def turn_item(turn: Turn, language: str, code: str | None = None) -> ThreadItem:
    """One turn as shown; ``code`` when the caller read the codes of many turns at once."""
    if code is None:
        code = codes_of_turns([turn]).get(turn.pk, "")
    return ThreadItem(
        turn.role,
        turn_author(turn),
        turn.text,
        [rendering.block(a, language) for a in turn.actions if "kind" in a]
        if turn.role in (Turn.Role.ASSISTANT, Turn.Role.SYSTEM)
        else [],
        turn.created_at,
        code,
    )


def conversation_thread(conversation: Conversation) -> list[ThreadItem]:
    """Every turn and every public agent reply, oldest first, ready to show.

    Agent replies are copied into the turns when the conversation is synced
    (``services.conversation_sync``); one not copied yet is merged in from the ticket.
    """
    language = conversation.language
    turns = list(conversation.turns.all())
    codes = codes_of_turns(turns)
    items = [turn_item(turn, language, codes.get(turn.pk, "")) for turn in turns]
    mirrored = {a.get("message") for t in turns if t.role == Turn.Role.AGENT for a in t.actions}
    if conversation.ticket_id:
        replies = (
            Message.objects.filter(
                ticket_id=conversation.ticket_id,
                author_kind=Message.Author.AGENT,
                visibility=Message.Visibility.PUBLIC,
            )
            .exclude(pk__in=[m for m in mirrored if isinstance(m, int)])
            .select_related("author_agent")
            .order_by("created_at", "id")
        )
        replies = list(replies)
        reply_codes = codes_of_messages(m.pk for m in replies)
        for message in replies:
            name = message.author_agent.first_name if message.author_agent else ""
            author = _author(Turn.Role.AGENT, name)
            code = reply_codes.get(message.pk, "")
            items.append(
                ThreadItem(Turn.Role.AGENT, author, message.body, [], message.created_at, code)
            )
        items.sort(key=lambda item: item.created_at)
    return items


def awaiting_helped(conversation: Conversation) -> bool:
    return (conversation.state or {}).get("phase") == "awaiting_helped"
