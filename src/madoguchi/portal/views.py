"""Customer portal views (placeholder until the portal lands)."""

from django.http import HttpRequest, HttpResponse


def magic(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse("todo")
