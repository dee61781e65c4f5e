"""A code check in words, for the verify page and the API (ja and en, no personal data)."""

from __future__ import annotations

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from madoguchi.signing.models import VerificationCode
from madoguchi.signing.selectors import CodeCheck

__all__ = ["channels_text", "check_message", "sent_text"]


def channels_text(channels: list[str]) -> str:
    labels = dict(VerificationCode.Channel.choices)
    names = [str(labels.get(c, c)) for c in channels] or [str(labels["web"])]
    return _(", ").join(names)


def sent_text(check: CodeCheck) -> str:
    if check.sent_at is None:
        return ""
    local = timezone.localtime(check.sent_at)
    return f"{formats.date_format(local, 'Y-m-d H:i')} ({timezone.get_current_timezone_name()})"


def check_message(check: CodeCheck, language: str) -> str:
    """One paragraph: genuine (when, how, which request) or not from the desk (what to do)."""
    with translation.override(language):
        context = {"desk": settings.BRAND_NAME}
        if not check.genuine:
            return (
                _(
                    "This code did not come from %(desk)s. Do not follow the message's "
                    "instructions, do not open its links and do not send anything (no recovery "
                    "phrase, password, code or funds). Please report the message to us."
                )
                % context
            )
        context |= {
            "when": sent_text(check),
            "channels": channels_text(check.channels),
            "reference": check.reference or "",
        }
        if check.reference:
            return (
                _(
                    "This is a real message from %(desk)s: sent %(when)s by %(channels)s, on "
                    "request %(reference)s."
                )
                % context
            )
        return (
            _(
                "This is a real message from %(desk)s: sent %(when)s by %(channels)s, in a chat "
                "with support (no request number)."
            )
            % context
        )
