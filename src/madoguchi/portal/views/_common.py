"""Small helpers the portal views share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language

from madoguchi import taxonomy
from madoguchi.portal.session import signed_in_customer


def ui_language() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


def intent_or_404(intent_id: str) -> taxonomy.Intent:
    try:
        return taxonomy.intent(intent_id)
    except taxonomy.UnknownIntentError:
        raise Http404 from None


def customer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-out visitors go to the sign-in page (the same for every id: nothing leaks)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        customer = signed_in_customer(request)
        if customer is None:
            return redirect("portal:access")
        return view(request, customer, *args, **kwargs)

    return wrapped
