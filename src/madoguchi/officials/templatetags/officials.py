"""``{{ message|checked_body }}``: a customer's text with its links marked, never clickable.

Each link, domain, address, number or handle that intake checked (``analysis["links"]``) is
wrapped in a ``<span>``: official ones marked official; all others defanged
(``hxxps[://]binance-support[.]com``) and, when they imitate the brand, flagged with what and why.
Everything is escaped; no ``<a>`` is ever produced from a customer's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

_SCHEME = re.compile(r"^(h)(tt)(ps?)(?=[:\[])", re.IGNORECASE)
_DEFANGED_KINDS = ("url", "domain", "email")


@register.filter
def defang(text: object) -> str:
    """``https://evil.example/a`` → ``hxxps[://]evil[.]example/a``; ``a@b.io`` → ``a[@]b[.]io``
    (plain text: escape it where it is shown; as a filter Django escapes it)."""
    text = _SCHEME.sub(lambda m: m.group(1) + "xx" + m.group(3), str(text))
    return text.replace(".", "[.]").replace("@", "[@]").replace("://", "[://]", 1)


def _reasons(link: Mapping[str, Any]) -> str:
    key = "reasons_ja" if (get_language() or "").startswith("ja") else "reasons_en"
    return "; ".join(str(r) for r in link.get(key) or [])


def _marked(text: str, link: Mapping[str, Any]) -> str:
    verdict = link.get("verdict")
    if verdict == "official":
        label = escape(_("official"))
        return (
            f'<span class="link link-official">{escape(text)}</span> '
            f'<span class="badge badge-ok">{label}</span>'
        )
    shown = escape(defang(text)) if link.get("kind") in _DEFANGED_KINDS else escape(text)
    if verdict == "impersonation":
        flag = _("impersonates %(what)s") % {"what": link.get("imitates") or "?"}
        reasons = _reasons(link)
        if reasons:
            flag = f"{flag}: {reasons}"
        return (
            f'<span class="link link-danger">{shown}</span> '
            f'<span class="badge badge-danger">{escape(flag)}</span>'
        )
    label = escape(_("not an official channel"))
    return (
        f'<span class="link link-unknown">{shown}</span> '
        f'<span class="badge badge-warning">{label}</span>'
    )


def _lines(html: str) -> str:
    return html.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>\n")


@register.filter
def checked_body(message: Any) -> SafeString:
    """The message body, escaped, line breaks kept, checked links marked (see module doc)."""
    body = str(getattr(message, "body", "") or "")
    analysis = getattr(message, "analysis", None)
    links = analysis.get("links") if isinstance(analysis, Mapping) else None
    spans = sorted(
        (link for link in links or [] if isinstance(link, Mapping)),
        key=lambda link: link.get("start") if isinstance(link.get("start"), int) else -1,
    )
    out: list[str] = []
    position = 0
    for link in spans:
        start, end = link.get("start"), link.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        if start < position or end <= start or end > len(body):
            continue  # overlapping or out of range: the text stays as plain escaped text
        out.append(_lines(escape(body[position:start])))
        out.append(_marked(body[start:end], link))
        position = end
    out.append(_lines(escape(body[position:])))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
