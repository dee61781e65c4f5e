"""Show verification codes next to desk messages.

``{% message_code message %}`` on the agent's ticket page (the codes of a page's messages are
read in one query, the first time the tag runs); ``{% code_label code %}`` under a chat bubble.
"""

from __future__ import annotations

from django import template

from madoguchi.signing.selectors import codes_of_messages

register = template.Library()

_DESK_AUTHORS = ("agent", "assistant", "system")


@register.inclusion_tag("signing/_label.html")
def code_label(code: str) -> dict:
    return {"code": code}


@register.inclusion_tag("signing/_label.html", takes_context=True)
def message_code(context: template.Context, message, for_agent: bool = True) -> dict:
    """The code of a public desk message on a ticket page (nothing for the customer's own,
    internal notes, or a message that went out before codes existed); ``for_agent=False`` on
    the customer's own request page."""
    if message.visibility != "public" or message.author_kind not in _DESK_AUTHORS:
        return {"code": ""}
    cache = context.render_context.setdefault("signing_codes", {})
    ticket_id = message.ticket_id
    if ticket_id not in cache:
        ids = message.ticket.messages.values_list("pk", flat=True)
        cache[ticket_id] = codes_of_messages(ids)
    return {"code": cache[ticket_id].get(message.pk, ""), "agent_view": for_agent}
