"""Turn "the request body is too big" into a clear page instead of Django's bare 400.

Django raises ``RequestDataTooBig`` (and ``TooManyFieldsSent``) the first time something reads
``request.POST``: normally the CSRF check, which turns it into a plain "Bad Request". Reading
the body here first, inside the portal's error page, answers 413 with what to do. This
middleware goes after the session and locale middleware (the page is in the customer's
language) and is harmless anywhere after them: every later reader gets the cached body.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RequestSizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type in _FORM_TYPES:
            try:
                request.POST  # noqa: B018 - parse now, under our error handling
            except RequestDataTooBig:
                return render(request, "portal/too_big.html", {"too_many": False}, status=413)
            except TooManyFieldsSent:
                return render(request, "portal/too_big.html", {"too_many": True}, status=400)
        return self.get_response(request)
