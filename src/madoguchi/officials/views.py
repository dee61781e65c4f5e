"""``/verify/``: anyone pastes a link, address, number, handle or name and learns if it is ours.

A pasted message (several lines, or words around a link) is checked value by value
(``officials.messages``). Works without JavaScript (a form POST answered by the page), in the
page's language. What is pasted is never stored or logged: checked, shown back escaped, and
forgotten.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from madoguchi.officials.forms import MAX_VALUE, VerifyForm
from madoguchi.officials.messages import MessageError, is_message, message_check
from madoguchi.officials.rate import VERIFY_WINDOW, verify_allowed
from madoguchi.officials.selectors import (
    official_channels_listed,
    official_registry,
    unrelated_domains_listed,
    verdict_for,
)


def _grouped() -> list[tuple[str, list]]:
    groups: dict[str, tuple[str, list]] = {}
    for channel in official_channels_listed():
        groups.setdefault(channel.kind, (str(channel.get_kind_display()), []))[1].append(channel)
    return list(groups.values())


def _checked(form: VerifyForm) -> tuple[dict | None, dict | None]:
    """``(verdict, message)`` for a valid form; a form error (and both None) otherwise."""
    text = form.cleaned_data["value"]
    if is_message(text):
        try:
            return None, message_check(text, official_registry()).as_dict()
        except MessageError:
            form.add_error(
                "value",
                _(
                    "We found no link, domain, e-mail address, phone number or handle in this "
                    "text. Paste the part of the message that has them."
                ),
            )
            return None, None
    if len(text) > MAX_VALUE:
        form.add_error(
            "value",
            _("One value can be at most %(limit)s characters. Check what you pasted.")
            % {"limit": MAX_VALUE},
        )
        return None, None
    verdict = verdict_for(text)
    if verdict is None:
        form.add_error(
            "value",
            _(
                "This does not look like a link, domain, e-mail address, phone number, "
                "handle or name. Check what you pasted."
            ),
        )
    return verdict, None


def _shown(verdict: dict) -> dict:
    """The verdict with ``shown``: its reasons in the page's language."""
    ja = (get_language() or "").startswith("ja")
    return {**verdict, "shown": verdict["reasons_ja"] if ja else verdict["reasons_en"]}


@never_cache
def verify_page(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST if request.method == "POST" else None)
    verdict = message = None
    status = 200
    if request.method == "POST":
        if not verify_allowed(request):
            form.add_error(
                None,
                _("Too many checks from your connection. Please wait a minute and try again."),
            )
            status = 429
        elif form.is_valid():
            verdict, message = _checked(form)
            status = 200 if verdict or message else 400
        else:
            status = 400
    if message is not None:
        message["results"] = [_shown(result) for result in message["results"]]
    response = render(
        request,
        "officials/verify.html",
        {
            "form": form,
            "verdict": verdict,
            "reasons": _shown(verdict)["shown"] if verdict else [],
            "message": message,
            "groups": _grouped(),
            "unrelated": unrelated_domains_listed(),
            "window_seconds": VERIFY_WINDOW,
        },
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(VERIFY_WINDOW)
    return response
