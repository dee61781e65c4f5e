"""The live chat panel on a ticket page (``{% live_chat_panel ticket %}``).

Shown only when the ticket came from a chat conversation: the agent sees the customer's turns
live, joins (the assistant goes silent), types and leaves, over ``/ws/agent/chat/<id>/``
(``conversations/customer_consumer.py`` / ``agent_consumer.py``). A tag rather than a change to the ticket view, so the
workspace's pages work the same with or without live chat.
"""

from __future__ import annotations

from django import template

from madoguchi.conversations.models import Conversation

register = template.Library()


@register.inclusion_tag("agents/_live_chat.html")
def live_chat_panel(ticket) -> dict:
    conversation = (
        Conversation.objects.filter(ticket=ticket, channel="chat")
        .exclude(status=Conversation.Status.CLOSED)
        .order_by("-updated_at")
        .first()
    )
    joined = bool(conversation and (conversation.state or {}).get("agent_joined"))
    return {"conversation": conversation, "ticket": ticket, "joined": joined}
