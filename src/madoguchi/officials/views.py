"""``/verify/``: anyone pastes a link, address, number, handle or name and learns if it is ours.

Works without JavaScript (a form POST answered by the page), in the page's language. The pasted
value is never stored or logged: it is checked, shown back escaped, and forgotten.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from madoguchi.officials.forms import VerifyForm
from madoguchi.officials.rate import VERIFY_WINDOW, verify_allowed
from madoguchi.officials.selectors import official_channels_listed, verdict_for


def _grouped() -> list[tuple[str, list]]:
    groups: dict[str, tuple[str, list]] = {}
    for channel in official_channels_listed():
        groups.setdefault(channel.kind, (str(channel.get_kind_display()), []))[1].append(channel)
    return list(groups.values())


@never_cache
def verify_page(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST if request.method == "POST" else None)
    verdict, status = None, 200
    if request.method == "POST":
        if not verify_allowed(request):
            form.add_error(
                None,
                _("Too many checks from your connection. Please wait a minute and try again."),
            )
            status = 429
        elif form.is_valid():
            verdict = verdict_for(form.cleaned_data["value"])
            if verdict is None:
                form.add_error(
                    "value",
                    _(
                        "This does not look like a link, domain, e-mail address, phone number, "
                        "handle or name. Check what you pasted."
                    ),
                )
                status = 400
        else:
            status = 400
    reasons = []
    if verdict is not None:
        ja = (get_language() or "").startswith("ja")
        reasons = verdict["reasons_ja"] if ja else verdict["reasons_en"]
    response = render(
        request,
        "officials/verify.html",
        {
            "form": form,
            "verdict": verdict,
            "reasons": reasons,
            "groups": _grouped(),
            "window_seconds": VERIFY_WINDOW,
        },
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(VERIFY_WINDOW)
    return response
