"""One ticket: the page, and its three writes (reply or note, change, reveal the e-mail).

Writes are POST-redirect-GET; an invalid form re-renders the page with the errors (400).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madoguchi.agents import presenters, selectors, services
from madoguchi.agents.decorators import agent_required
from madoguchi.agents.forms import ReplyForm, TicketChangeForm
from madoguchi.agents.labels import SECRETS, WALLET_SECRETS
from madoguchi.guardian import presenters as guard_presenters
from madoguchi.tickets.access import access_ticket_for_agent
from madoguchi.tickets.models import Ticket
from madoguchi.tickets.selectors import customer_other_tickets, ticket_conversation, ticket_events
from madoguchi.tickets.services import ReplyBlocked, TicketError, message_post, ticket_update

#: session key: the ticket whose requester e-mail the agent just chose to reveal (one view)
REVEAL_SESSION_KEY = "agents:revealed-ticket"


def _render_ticket(
    request: HttpRequest,
    ticket: Ticket,
    *,
    reply_form: ReplyForm | None = None,
    change_form: TicketChangeForm | None = None,
    guard_block: ReplyBlocked | None = None,
    status: int = 200,
) -> HttpResponse:
    language = presenters.ui_language()
    conversation = list(ticket_conversation(ticket, include_internal=True))
    events = list(ticket_events(ticket))
    email = ticket.requester.primary_email
    revealed = request.session.pop(REVEAL_SESSION_KEY, None) == ticket.pk
    kinds = presenters.secret_kinds(events)
    context = {
        "ticket": ticket,
        "intent_title": presenters.intent_title(ticket.intent, language),
        "requester_email": email if revealed else presenters.mask_email(email),
        "email_revealed": revealed and bool(email),
        "conversation": presenters.conversation_display(conversation, language),
        "facts": presenters.facts_display(ticket),
        "facts_findings": presenters.facts_findings(ticket, language),
        "entities": presenters.entities_display(selectors.latest_customer_message(conversation)),
        "secret_kinds": [str(SECRETS.get(k, k)) for k in kinds],
        "wallet_secret": bool(WALLET_SECRETS.intersection(kinds)),
        "other_tickets": customer_other_tickets(ticket),
        "timeline": presenters.timeline_display(events),
        "reply_form": reply_form or ReplyForm(),
        "change_form": change_form or TicketChangeForm(ticket=ticket),
        **guard_presenters.reply_box_context(ticket, guard_block, language),
    }
    return render(request, "agents/ticket.html", context, status=status)


@require_GET
@agent_required
def ticket_detail(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = access_ticket_for_agent(request.user, reference)
    services.ticket_view_record(ticket=ticket, agent=request.user)
    return _render_ticket(request, ticket)


@require_POST
@agent_required
def ticket_reply(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = access_ticket_for_agent(request.user, reference)
    if "insert_macro" in request.POST:  # the no-JS macro button: fill the box, send nothing
        form, error = guard_presenters.reply_form_with_macro(ReplyForm, request.POST, ticket)
        if error:
            messages.error(request, error)
        return _render_ticket(request, ticket, reply_form=form, status=400 if error else 200)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_ticket(request, ticket, reply_form=form, status=400)
    try:
        message_post(
            ticket=ticket,
            agent=request.user,
            body=form.cleaned_data["body"],
            internal=form.internal,
            override_reason=form.cleaned_data["override_reason"],
        )
    except ReplyBlocked as exc:  # the draft stays in the form, with the reasons above it
        return _render_ticket(request, ticket, reply_form=form, guard_block=exc, status=400)
    except TicketError as exc:
        form.add_error("body", str(exc))
        return _render_ticket(request, ticket, reply_form=form, status=400)
    messages.success(
        request,
        _("Internal note added.") if form.internal else _("Reply sent to the customer."),
    )
    return redirect("agents:ticket", reference=ticket.reference)


@require_POST
@agent_required
def ticket_change(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = access_ticket_for_agent(request.user, reference)
    form = TicketChangeForm(request.POST, ticket=ticket)
    if not form.is_valid():
        return _render_ticket(request, ticket, change_form=form, status=400)
    if not form.changed_data:
        messages.info(request, _("Nothing changed."))
        return redirect("agents:ticket", reference=ticket.reference)
    try:
        ticket_update(ticket=ticket, agent=request.user, change=form.to_change())
    except TicketError as exc:
        form.add_error(None, str(exc))
        return _render_ticket(request, ticket, change_form=form, status=400)
    messages.success(request, _("Ticket updated."))
    return redirect("agents:ticket", reference=ticket.reference)


@require_POST
@agent_required
def requester_reveal(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = access_ticket_for_agent(request.user, reference)
    services.requester_email_reveal(ticket=ticket, agent=request.user)
    request.session[REVEAL_SESSION_KEY] = ticket.pk
    messages.info(request, _("The e-mail address is shown once; this view was logged."))
    return redirect("agents:ticket", reference=ticket.reference)
