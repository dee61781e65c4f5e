"""``{% phone_panel ticket %}``: the ticket page's phone card (call-backs, calls, a form)."""

from __future__ import annotations

from django import template

from madoguchi.social.forms import CallbackStatusForm, CallLogForm
from madoguchi.tickets.models import Ticket

register = template.Library()


@register.inclusion_tag("social/phone_panel.html", takes_context=True)
def phone_panel(context: template.Context, ticket: Ticket) -> dict:
    callbacks = list(ticket.callbacks.all())
    return {
        "ticket": ticket,
        "csrf_token": context.get("csrf_token"),
        "callbacks": [(c, CallbackStatusForm(initial={"status": c.status})) for c in callbacks],
        "calls": list(ticket.calls.select_related("agent")[:20]),
        "call_form": CallLogForm(
            callbacks=[c for c in callbacks if c.status in ("requested", "scheduled")]
        ),
    }
