"""Template context every page gets: the brand and the never-ask promise."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

#: What support never asks for (after Coinbase's and Binance's published lists).
NEVER_ASK = (
    _("your recovery phrase (seed words)"),
    _("your private keys"),
    _("your password"),
    _("two-factor or SMS codes"),
    _("remote access to your device"),
    _("that you send funds to any address"),
)


def desk(request: HttpRequest) -> dict:
    return {"brand_name": settings.BRAND_NAME, "never_ask": NEVER_ASK}
