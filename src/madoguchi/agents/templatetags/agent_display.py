"""Small display filters for the workspace templates (all return plain, auto-escaped text)."""

from __future__ import annotations

from django import template

from madoguchi.agents import presenters
from madoguchi.agents.forms import LANGUAGE_NAMES
from madoguchi.guardian.services import is_supervisor as _is_supervisor

register = template.Library()

#: CSS modifier per priority and status (colours live in agents.css)
PRIORITY_CLASSES = {"urgent": "urgent", "high": "high", "normal": "normal", "low": "low"}
STATUS_CLASSES = {
    "new": "new",
    "open": "open",
    "pending": "pending",
    "on_hold": "hold",
    "solved": "done",
    "closed": "done",
}


@register.filter
def mask_email(value: str | None) -> str:
    return presenters.mask_email(value)


@register.filter
def intent_title(intent_id: str) -> str:
    return presenters.intent_title(intent_id)


@register.filter
def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


@register.filter
def priority_class(priority: str) -> str:
    return "priority-" + PRIORITY_CLASSES.get(priority, "normal")


@register.filter
def status_class(status: str) -> str:
    return "status-" + STATUS_CLASSES.get(status, "open")


@register.filter
def user_label(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@register.filter
def count_for(counts: dict, key: str) -> int:
    return counts.get(key, 0)


@register.filter
def is_supervisor(user) -> bool:
    """Team leads and administrators (they review the never-ask guard's overrides)."""
    return _is_supervisor(user)
