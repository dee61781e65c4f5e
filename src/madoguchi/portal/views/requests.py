"""A signed-in customer's own requests: the list, one conversation, a reply.

Every ticket comes from ``access_ticket_for_customer``: another customer's ticket, or an id
that does not exist, is the same 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from madoguchi import taxonomy
from madoguchi.customers.models import Customer
from madoguchi.portal.forms import ReplyForm, new_submission_token
from madoguchi.portal.guidance import status_words
from madoguchi.portal.selectors import customer_tickets
from madoguchi.portal.slots import slot_label
from madoguchi.portal.views._common import customer_required, ui_language
from madoguchi.tickets.access import access_ticket_for_customer
from madoguchi.tickets.intake import IntakeError, intake
from madoguchi.tickets.models import Message, Ticket
from madoguchi.tickets.selectors import ticket_conversation
from madoguchi.transparency.receipts import receipt_for_page


@customer_required
def requests_list(request: HttpRequest, customer: Customer) -> HttpResponse:
    rows = [{"ticket": t, "status": status_words(t.status)[0]} for t in customer_tickets(customer)]
    return render(request, "portal/requests_list.html", {"rows": rows, "customer": customer})


def _author(message: Message) -> str:
    if message.author_kind == Message.Author.CUSTOMER:
        return _("You")
    if message.author_kind == Message.Author.AGENT:
        name = message.author_agent.first_name if message.author_agent else ""
        return _("%(name)s (support)") % {"name": name} if name else _("Support agent")
    if message.author_kind == Message.Author.ASSISTANT:
        return _("Support assistant (automatic)")
    return _("System notice")


def _intent_title(ticket: Ticket, language: str) -> str:
    try:
        return taxonomy.intent(ticket.intent).title(language) if ticket.intent else ""
    except taxonomy.UnknownIntentError:
        return ""


@customer_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, customer: Customer, public_id: str) -> HttpResponse:
    ticket = access_ticket_for_customer(customer, public_id)
    language = ui_language()
    can_reply = ticket.status != Ticket.Status.CLOSED
    status = 200
    if request.method == "POST" and can_reply:
        form = ReplyForm(request.POST)
        if form.is_valid():
            inbound = form.inbound(
                ticket=ticket, email=customer.primary_email or "", language_hint=language
            )
            try:
                result = intake(inbound=inbound)
            except IntakeError as exc:
                form.add_error("body" if exc.field == "body" else None, str(exc))
            else:
                messages.success(request, _("Your reply was sent."))
                for warning in result.warnings:
                    level = messages.ERROR if warning["severity"] == "danger" else messages.WARNING
                    messages.add_message(request, level, warning[language])
                return redirect("portal:request", public_id=ticket.public_id)
        form.scrub_secrets()
        status = 400
    else:
        form = ReplyForm(initial={"submission_token": new_submission_token()})
        status = 200 if request.method == "GET" else 400
    conversation = [
        {"message": m, "author": _author(m), "mine": m.author_kind == Message.Author.CUSTOMER}
        for m in ticket_conversation(ticket, include_internal=False)
    ]
    facts = [
        {"label": slot_label(slot), "text": fact.get("text", ""), "valid": fact.get("valid")}
        for slot, fact in (ticket.facts or {}).items()
        if isinstance(fact, dict)
    ]
    what, next_step = status_words(ticket.status)
    context = {
        "ticket": ticket,
        "intent_title": _intent_title(ticket, language),
        "status_text": what,
        "status_next": next_step,
        "conversation": conversation,
        "facts": facts,
        "form": form,
        "can_reply": can_reply,
        "customer": customer,
        "receipt": receipt_for_page(ticket),
    }
    return render(request, "portal/request_detail.html", context, status=status)
