"""``{{ message|checked_body }}``, ``{{ link|verdict_badge }}``, ``{{ value|defang }}``: the
agent pages' view of a customer's links (the work is in :mod:`madoguchi.officials.marking`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from madoguchi.officials import marking

register = template.Library()
register.filter("defang", marking.defang)


@register.filter
def verdict_badge(link: Any) -> SafeString:
    """``{{ link|verdict_badge }}``: the badge alone (official / impersonates X / not an
    official channel); ``None`` (never checked) counts as not official."""
    return mark_safe(marking.badge(link if isinstance(link, Mapping) else {}))  # noqa: S308 - escaped


@register.filter
def checked_body(message: Any) -> SafeString:
    """The message body, escaped, line breaks kept, checked links marked (see module doc)."""
    body = str(getattr(message, "body", "") or "")
    return marking.checked_html(body, marking.message_links(getattr(message, "analysis", None)))
