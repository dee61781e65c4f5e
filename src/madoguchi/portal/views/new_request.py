"""A new request: pick what it is about, read the matching help, then fill the checklist form."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from madoguchi import taxonomy
from madoguchi.portal.forms import RequestForm, new_submission_token
from madoguchi.portal.guidance import (
    AFTER_SECRET_STEPS,
    CATEGORY_HINTS,
    category_name,
    is_urgent,
    urgent_steps,
)
from madoguchi.portal.rendering import render_markdown
from madoguchi.portal.selectors import intent_articles
from madoguchi.portal.session import signed_in_customer
from madoguchi.portal.views._common import intent_or_404, ui_language
from madoguchi.tickets.intake import IntakeError, intake

#: The confirmation of the last request sent from this browser (reference and warnings only).
CONFIRMATION_KEY = "portal_last_request"


def _intent_context(intent: taxonomy.Intent, language: str) -> dict:
    return {
        "intent": intent,
        "intent_title": intent.title(language),
        "category_name": category_name(intent.category, language),
        "urgent": is_urgent(intent),
        "urgent_steps": urgent_steps(intent),
    }


def new_pick(request: HttpRequest) -> HttpResponse:
    language = ui_language()
    categories = [
        {
            "id": c,
            "name": category_name(c, language),
            "hint": CATEGORY_HINTS.get(c, ""),
            "intents": [{"id": i.id, "title": i.title(language)} for i in taxonomy.intents_in(c)],
        }
        for c in taxonomy.CATEGORIES
    ]
    return render(request, "portal/new_pick.html", {"categories": categories})


def new_help(request: HttpRequest, intent_id: str) -> HttpResponse:
    language = ui_language()
    intent = intent_or_404(intent_id)
    articles = [
        {"title": a.title, "html": render_markdown(a.body)}
        for a in intent_articles(intent.id, language)
    ]
    context = {**_intent_context(intent, language), "articles": articles}
    return render(request, "portal/new_help.html", context)


@require_http_methods(["GET", "POST"])
def new_form(request: HttpRequest, intent_id: str) -> HttpResponse:
    language = ui_language()
    intent = intent_or_404(intent_id)
    if request.method == "GET":
        customer = signed_in_customer(request)
        initial = {"submission_token": new_submission_token()}
        if customer is not None:
            initial["email"] = customer.primary_email or ""
            initial["name"] = customer.display_name
        form = RequestForm(intent=intent, language=language, initial=initial)
        return _render_form(request, form, intent, language)
    form = RequestForm(request.POST, intent=intent, language=language)
    if form.is_valid() and not form.needs_confirmation:
        try:
            result = intake(inbound=form.inbound(language_hint=language))
        except IntakeError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            request.session[CONFIRMATION_KEY] = {
                "reference": result.ticket.reference,
                "email": form.cleaned_data["email"],
                "warnings": result.warnings,
            }
            return redirect("portal:new_done")
    form.scrub_secrets()
    status = 200 if form.is_bound and not form.errors else 400
    return _render_form(request, form, intent, language, status=status)


def _render_form(
    request: HttpRequest,
    form: RequestForm,
    intent: taxonomy.Intent,
    language: str,
    status: int = 200,
) -> HttpResponse:
    context = {
        **_intent_context(intent, language),
        "form": form,
        "slot_names": form.slot_names,
        "show_confirm": form.is_bound and not form.errors and form.needs_confirmation,
    }
    return render(request, "portal/new_form.html", context, status=status)


def new_done(request: HttpRequest) -> HttpResponse:
    confirmation = request.session.get(CONFIRMATION_KEY)
    if not confirmation:
        return redirect("portal:new_pick")
    language = ui_language()
    warnings = confirmation.get("warnings") or []
    secret_warnings = [w for w in warnings if w.get("code") == "secret_shared"]
    other_warnings = [w for w in warnings if w.get("code") != "secret_shared"]
    return render(
        request,
        "portal/new_done.html",
        {
            "reference": confirmation["reference"],
            "email": confirmation["email"],
            "secret_warnings": secret_warnings,
            "other_warnings": other_warnings,
            "after_secret_steps": AFTER_SECRET_STEPS,
            "language": language,
        },
    )
