"""The words that carry a code into a message (e-mail footer, LINE/Telegram line), ja and en.

>>> # code_line("MDG-7K3Q-9XWP-4RTB", "en")
>>> # 'Verification code: MDG-7K3Q-9XWP-4RTB — check it at https://desk.example/verify/code/'
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

__all__ = ["code_line", "verify_url"]


def verify_url() -> str:
    """The public page where anyone checks a code (typed, never linked with the code in it)."""
    return settings.SITE_URL + reverse("signing:verify")


def code_line(code: str, language: str | None = None) -> str:
    """One line naming the code and where to check it, in ``language`` (default: active)."""
    with translation.override(language or translation.get_language()):
        return _("Verification code: %(code)s — check it at %(url)s") % {
            "code": code,
            "url": verify_url(),
        }
