"""The agent's phone writes on a ticket (POST-redirect-GET back to the ticket page).

Mounted by ``madoguchi.social.phone_urls``; every view goes through ``agent_required`` and
``access_ticket_for_agent`` like the workspace's own ticket views.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.agents.decorators import agent_required
from madoguchi.social.forms import CallbackStatusForm, CallLogForm
from madoguchi.social.models import CallbackRequest
from madoguchi.social.phone import PhoneError, call_log_create, callback_update
from madoguchi.tickets.access import access_ticket_for_agent


def _errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


@require_POST
@agent_required
def call_log_add(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = access_ticket_for_agent(request.user, reference)
    form = CallLogForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("agents:ticket", reference=ticket.reference)
    callback = None
    if form.cleaned_data.get("callback"):
        callback = CallbackRequest.objects.filter(
            pk=form.cleaned_data["callback"], ticket=ticket
        ).first()
        if callback is None:
            raise Http404
    try:
        call_log_create(
            ticket=ticket,
            agent=request.user,
            started_at=form.cleaned_data["started_at"],
            duration_seconds=form.cleaned_data["duration_minutes"] * 60,
            direction=form.cleaned_data["direction"],
            summary=form.cleaned_data["summary"],
            callback=callback,
        )
    except PhoneError as exc:
        messages.error(request, str(exc))
        return redirect("agents:ticket", reference=ticket.reference)
    messages.success(request, _("Call logged."))
    return redirect("agents:ticket", reference=ticket.reference)


@require_POST
@agent_required
def callback_change(request: HttpRequest, reference: str, callback_id: int) -> HttpResponse:
    ticket = access_ticket_for_agent(request.user, reference)
    callback = CallbackRequest.objects.filter(pk=callback_id, ticket=ticket).first()
    if callback is None:
        raise Http404
    form = CallbackStatusForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("agents:ticket", reference=ticket.reference)
    try:
        callback_update(
            callback=callback,
            agent=request.user,
            status=form.cleaned_data["status"],
            scheduled_for=form.cleaned_data.get("scheduled_for"),
        )
    except PhoneError as exc:
        messages.error(request, str(exc))
        return redirect("agents:ticket", reference=ticket.reference)
    messages.success(request, _("Call-back updated."))
    return redirect("agents:ticket", reference=ticket.reference)
