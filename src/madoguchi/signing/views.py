"""``/verify/code/``: anyone types a code from a message and learns whether the desk sent it.

No JavaScript: a plain form posted back to the same page. Every post counts against the rate
limit before the code is read, and the answer over the limit is the same whatever was typed.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from madoguchi.signing.codes import MAX_INPUT, MalformedCodeError
from madoguchi.signing.presenting import channels_text, check_message, sent_text
from madoguchi.signing.selectors import code_check
from madoguchi.signing.throttle import WINDOW, verify_attempt_allowed


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=MAX_INPUT,
        help_text=_(
            "As printed under the message, e.g. MDG-7K3Q-9XWP-4RTB (any case, hyphens optional)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def _language() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "signing/verify.html", {"form": CodeForm()})
    if not verify_attempt_allowed(request.META.get("REMOTE_ADDR", "")):
        context = {"form": CodeForm(), "minutes": WINDOW // 60}
        return render(request, "signing/limited.html", context, status=429)
    form = CodeForm(request.POST)
    if not form.is_valid():
        return render(request, "signing/verify.html", {"form": form}, status=400)
    try:
        check = code_check(text=form.cleaned_data["code"])
    except MalformedCodeError:
        form.add_error(
            "code",
            _(
                "This is not a verification code: it has 12 letters and digits after MDG, "
                "like MDG-7K3Q-9XWP-4RTB."
            ),
        )
        return render(request, "signing/verify.html", {"form": form}, status=400)
    context = {
        "form": CodeForm(),
        "check": check,
        "summary": check_message(check, _language()),
        "sent": sent_text(check),
        "channels": channels_text(check.channels),
    }
    return render(request, "signing/verify.html", context)
