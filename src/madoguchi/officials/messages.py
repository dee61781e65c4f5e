"""A whole pasted message (a forwarded phishing e-mail or chat), checked value by value.

``message_check(text, registry)`` extracts every URL, domain, e-mail address, phone number and
handle (the analysis core's entities, plus addresses and links on reserved names such as
``.example`` that it leaves out), checks each against the registry and answers worst first,
with one overall verdict. The text is read and forgotten: nothing here stores or logs it.

>>> # message_check("差出人: support@madoguchi.example\\nhttps://madoguchi-login.com", registry)
>>> # MessageCheck(verdict="impersonation", results=[{... "impersonation" ...}, {... "official"}])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from madoguchi.analysis import analyze
from madoguchi.dialogue.channel_check import checkable
from madoguchi.trust import IMPERSONATION, OFFICIAL, UNKNOWN, Registry, TrustInputError, check
from madoguchi.trust._hosts import host_parts
from madoguchi.trust._reasons import render

#: longest message accepted (characters)
MAX_TEXT = 20_000
#: values checked per message; the rest are counted, not checked
MAX_VALUES = 30

_RANK = {IMPERSONATION: 0, UNKNOWN: 1, OFFICIAL: 2}
#: what the entity finder leaves out (reserved names like ``.example``): links and addresses.
#: Addresses and domains start only where a token starts, so a long run of letters is linear.
_LOOSE = re.compile(
    r"https?://[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+"
    r"|(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|(?P<domain>(?<![\w@.-])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w@-]))",
    re.ASCII,
)


class MessageError(ValueError):
    """The text is too long or holds nothing to check."""


@dataclass(frozen=True)
class MessageCheck:
    """Verdicts for the values of one message, worst first, and the overall verdict."""

    verdict: str
    results: list[dict[str, Any]] = field(default_factory=list)
    #: distinct values found; ``len(results)`` of them were checked (at most MAX_VALUES)
    found: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "results": self.results, "found": self.found,
                "checked": len(self.results)}  # fmt: skip


def _values(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, value)`` of every checkable value, in order of appearance."""
    entities = [e.as_dict() for e in analyze(text).entities]
    found = [(c.start or 0, c.end or 0, c.value) for c in checkable(entities, limit=10_000)]
    taken = [(start, end) for start, end, _ in found]
    for match in _LOOSE.finditer(text):
        start, end = match.span()
        if any(start < e and s < end for s, e in taken):
            continue  # inside something the analysis core already found
        value = match.group().rstrip(".,;:!?")
        if match.group("domain") and not _is_domain(value):
            continue  # index.html, node.js: no public suffix
        found.append((start, start + len(value), value))
        taken.append((start, end))
    found.sort()
    seen: set[str] = set()
    out: list[tuple[int, int, str]] = []
    for start, end, value in found:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append((start, end, value))
    return out


def _is_domain(value: str) -> bool:
    try:
        host_parts(value.casefold())
    except ValueError:
        return False
    return True


def is_message(text: str) -> bool:
    """Is this more than one value? (a line break, or words around what it holds)"""
    stripped = text.strip()
    if "\n" in stripped:
        return True
    if not any(ch.isspace() for ch in stripped):
        return False
    values = _values(stripped)
    # one value spanning the whole input (``+81 3-6743-1100``) is a value, not a message
    return bool(values) and not (len(values) == 1 and values[0][:2] == (0, len(stripped)))


def _unchecked(value: str) -> dict[str, Any]:
    english, japanese = render("unchecked")
    return {"value": value, "kind": "unknown", "verdict": UNKNOWN, "imitates": None,
            "reasons": ["unchecked"], "reasons_en": [english], "reasons_ja": [japanese]}  # fmt: skip


def message_check(text: str, registry: Registry) -> MessageCheck:
    """Check every value in ``text``; MessageError when it is too long or holds none."""
    if len(text) > MAX_TEXT:
        raise MessageError(f"text too long (over {MAX_TEXT:,} characters)")
    values = _values(text)
    if not values:
        raise MessageError("no link, domain, e-mail address, phone number or handle found")
    results: list[dict[str, Any]] = []
    for _start, _end, value in values[:MAX_VALUES]:
        try:
            results.append(check(value, registry).as_dict())
        except TrustInputError:  # an IP address, a bare host: never official
            results.append(_unchecked(value))
    results.sort(key=lambda r: _RANK[r["verdict"]])  # stable: in order of appearance within
    worst = results[0]["verdict"]
    return MessageCheck(verdict=worst, results=results, found=len(values))
