"""What the ticket page's reply box shows: guard findings, the override field, macros."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from madoguchi.guardian.selectors import active_macros
from madoguchi.guardian.services import MIN_REASON_CHARS, findings_text
from madoguchi.tickets.models import Ticket


def _macro_language(ticket: Ticket) -> str:
    return "en" if (ticket.language or "")[:2] == "en" else "ja"


def reply_box_context(ticket: Ticket, blocked: Any, language: str) -> dict[str, Any]:
    """Context for ``guardian/_reply_box.html``; ``blocked`` is a ReplyBlocked or None."""
    macro_language = _macro_language(ticket)
    macros = list(active_macros())
    guard_block = None
    if blocked is not None:
        guard_block = {
            "reasons": findings_text(blocked.result, language),
            "kinds": list(blocked.result.kinds),
            "can_override": blocked.can_override,
        }
    return {
        "guard_block": guard_block,
        "override_min": MIN_REASON_CHARS,
        "macros": macros,
        "macro_bodies": {str(m.pk): m.body(macro_language) for m in macros},
    }


def reply_form_with_macro(form_class: type, post: QueryDict, ticket: Ticket) -> tuple[Any, str]:
    """The reply form again with the chosen macro (in the ticket's language) appended to the
    draft, and an error message ("" if none): an unknown macro leaves the draft as it was."""
    draft = post.get("body", "")
    visibility = post.get("visibility")
    initial = {"body": draft, "visibility": visibility if visibility == "internal" else "public"}
    try:
        macro = form_class().fields["macro"].clean(post.get("macro"))
    except ValidationError:
        return form_class(initial=initial), _("That macro is not available.")
    if macro is None:
        return form_class(initial=initial), _("Choose a macro to insert.")
    body = macro.body(_macro_language(ticket))
    initial["body"] = f"{draft.rstrip()}\n\n{body}" if draft.strip() else body
    return form_class(initial=initial), ""
