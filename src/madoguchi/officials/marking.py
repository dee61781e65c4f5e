"""A customer's text with its links marked, never clickable (the agent's views and filters).

Each link, domain, address, number or handle that intake checked (``analysis["links"]``) is
wrapped in a ``<span>``: official ones marked official; all others defanged
(``hxxps[://]binance-support[.]com``) and, when they imitate the brand, flagged with what and why.
Everything is escaped; no ``<a>`` is ever produced from a customer's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from madoguchi.officials.links import links_check

_SCHEME = re.compile(r"^(h)(tt)(ps?)(?=[:\[])", re.IGNORECASE)
_DEFANGED_KINDS = ("url", "domain", "email")


def defang(text: object) -> str:
    """``https://evil.example/a`` → ``hxxps[://]evil[.]example/a``; ``a@b.io`` → ``a[@]b[.]io``
    (plain text: escape it where it is shown; as a filter Django escapes it)."""
    text = _SCHEME.sub(lambda m: m.group(1) + "xx" + m.group(3), str(text))
    return text.replace(".", "[.]").replace("@", "[@]").replace("://", "[://]", 1)


def _reasons(link: Mapping[str, Any]) -> str:
    key = "reasons_ja" if (get_language() or "").startswith("ja") else "reasons_en"
    return "; ".join(str(r) for r in link.get(key) or [])


def badge(link: Mapping[str, Any]) -> str:
    verdict = link.get("verdict")
    if verdict == "official":
        label = escape(_("official"))  # outside the f-string, so makemessages finds it
        return f'<span class="badge badge-ok">{label}</span>'
    if verdict == "impersonation":
        flag = _("impersonates %(what)s") % {"what": link.get("imitates") or "?"}
        reasons = _reasons(link)
        if reasons:
            flag = f"{flag}: {reasons}"
        return f'<span class="badge badge-danger">{escape(flag)}</span>'
    label = escape(_("not an official channel"))
    return f'<span class="badge badge-warning">{label}</span>'


def shown_text(text: str, link: Mapping[str, Any] | None) -> str:
    """The text of a checked value as agents see it (plain, unescaped): defanged unless the
    registry calls it official (a value without a verdict is never official)."""
    official = link is not None and link.get("verdict") == "official"
    kind = link.get("kind") if link is not None else "url"
    return text if official or kind not in _DEFANGED_KINDS else defang(text)


def _marked(text: str, link: Mapping[str, Any]) -> str:
    css = {"official": "link-official", "impersonation": "link-danger"}
    style = css.get(str(link.get("verdict")), "link-unknown")
    shown = escape(shown_text(text, link))
    return f'<span class="link {style}">{shown}</span> {badge(link)}'


def message_links(analysis: Any) -> list[Mapping[str, Any]]:
    """The verdicts stored with a message (``analysis["links"]``); for text stored without
    them (a chat turn before the hand-off, a message older than the registry) the entities
    are checked now, so nothing goes unmarked. ``[]`` when there is nothing to check."""
    if not isinstance(analysis, Mapping):
        return []
    links = analysis.get("links")
    if isinstance(links, list):
        return [link for link in links if isinstance(link, Mapping)]
    entities = analysis.get("entities")
    if not isinstance(entities, list) or not entities:
        return []
    return links_check(e for e in entities if isinstance(e, Mapping))


def _lines(html: str) -> str:
    return html.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>\n")


def _pieces(
    body: str, links: list[Mapping[str, Any]]
) -> Iterator[tuple[str, Mapping[str, Any] | None]]:
    """``(text, link or None)`` in order: the body cut at the checked values' spans
    (overlapping or out-of-range spans are skipped: that text stays plain)."""
    spans = sorted(
        links, key=lambda link: link.get("start") if isinstance(link.get("start"), int) else -1
    )
    position = 0
    for link in spans:
        start, end = link.get("start"), link.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        if start < position or end <= start or end > len(body):
            continue
        yield body[position:start], None
        yield body[start:end], link
        position = end
    yield body[position:], None


def checked_html(body: str, links: list[Mapping[str, Any]]) -> SafeString:
    """``body`` escaped, line breaks kept, each checked value marked (see module doc)."""
    out = [
        _marked(text, link) if link is not None else _lines(escape(text))
        for text, link in _pieces(body, links)
    ]
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def checked_text(body: str, links: list[Mapping[str, Any]]) -> str:
    """``body`` as plain text with every value that is not official defanged (for a client
    that shows text, e.g. the live chat panel's ``text``)."""
    return "".join(
        shown_text(text, link) if link is not None else text for text, link in _pieces(body, links)
    )
