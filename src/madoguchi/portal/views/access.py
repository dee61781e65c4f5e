"""Sign-in by magic link: ask for a link, continue from the e-mail, sign out."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from madoguchi.customers.services import MagicLinkError, magic_link_redeem
from madoguchi.portal.forms import SignInForm
from madoguchi.portal.rate_limit import rate_limit_hit
from madoguchi.portal.services import sign_in_link_send
from madoguchi.portal.session import customer_sign_in, customer_sign_out
from madoguchi.portal.views._common import ui_language

#: Sign-in link requests allowed per e-mail address and per IP address in each window.
SIGN_IN_LIMIT = 5
SIGN_IN_WINDOW = 15 * 60


@require_http_methods(["GET", "POST"])
def access_request(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        ip = request.META.get("REMOTE_ADDR", "")
        # both counters move on every attempt, known address or not: the limit reveals nothing
        allowed_ip = rate_limit_hit("signin-ip", ip, limit=SIGN_IN_LIMIT, window=SIGN_IN_WINDOW)
        allowed_email = rate_limit_hit(
            "signin-email", email, limit=SIGN_IN_LIMIT, window=SIGN_IN_WINDOW
        )
        if not (allowed_ip and allowed_email):
            context = {"form": form, "minutes": SIGN_IN_WINDOW // 60}
            return render(request, "portal/access_limited.html", context, status=429)
        sign_in_link_send(email=email, language=ui_language())
        return render(request, "portal/access_sent.html", {"email": email})
    status = 400 if form.is_bound else 200
    return render(request, "portal/access_request.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def magic(request: HttpRequest, token: str) -> HttpResponse:
    """GET only shows a button: mail scanners that fetch links must not use up the token."""
    if request.method == "GET":
        return render(request, "portal/access_continue.html", {"token": token})
    try:
        customer = magic_link_redeem(token=token)
    except MagicLinkError as exc:
        context = {"error": str(exc), "form": SignInForm()}
        return render(request, "portal/access_invalid.html", context, status=400)
    customer_sign_in(request, customer)
    return redirect("portal:requests")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    customer_sign_out(request)
    return redirect("portal:home")
