"""The portal's front page: what a customer can do here, and what support never asks."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from madoguchi import taxonomy
from madoguchi.portal.guidance import CATEGORY_HINTS, category_name
from madoguchi.portal.session import signed_in_customer
from madoguchi.portal.views._common import ui_language


def home(request: HttpRequest) -> HttpResponse:
    language = ui_language()
    categories = [
        {"id": c, "name": category_name(c, language), "hint": CATEGORY_HINTS.get(c, "")}
        for c in taxonomy.CATEGORIES
    ]
    return render(
        request,
        "portal/home.html",
        {"categories": categories, "customer": signed_in_customer(request)},
    )
