"""Contacts in a message: URLs, bare domains, e-mail addresses, phone numbers, social handles.

>>> [(e.kind, e.text) for e in scan("詳細はhttps://example.com/faqへ。090-1234-5678")]
[('url', 'https://example.com/faq'), ('phone', '090-1234-5678')]

Spans are offsets into the original text; fullwidth and zero-width tricks are seen through
(see :mod:`._view`). Overlaps (a domain inside a URL, a handle in a ``t.me`` link)
are left to the orchestrator's priority list, except that a bare domain inside a URL this
module already reported is not reported twice.
"""

from __future__ import annotations

import re

from madoguchi.analysis._types import SOCIAL_HANDLE, URL, Entity
from madoguchi.analysis.entities._contacts_phone import scan_phones
from madoguchi.analysis.entities._contacts_social import scan_handles
from madoguchi.analysis.entities._contacts_web import (
    scan_domains,
    scan_emails,
    scan_script_urls,
    scan_urls,
)
from madoguchi.analysis.entities._view import view

__all__ = ["scan"]

_DIGIT = re.compile(r"[0-9]")
# Substring tests on the lower-cased text cost ~0.1 µs each, a case-insensitive alternation
# regex over the whole message ~3 µs: the cheap tests decide which scanners run at all.
_SOCIAL_HINTS = (
    "line",
    "ライン",
    "telegram",
    "テレグラム",
    "discord",
    "ディスコ",
    "instagram",
    "インスタ",
)


def _outside(found: list[Entity], taken: list[Entity]) -> list[Entity]:
    """``found`` minus what lies inside ``taken``; both sorted by start, so one linear merge."""
    if not taken:
        return found
    out: list[Entity] = []
    i = 0
    for ent in found:
        while i < len(taken) and taken[i].end <= ent.start:
            i += 1
        if i < len(taken) and taken[i].start <= ent.start and ent.end <= taken[i].end:
            continue
        out.append(ent)
    return out


def scan(text: str) -> list[Entity]:
    """Find every URL, domain, e-mail address, phone number and social handle in ``text``."""
    if not text:
        return []
    v = view(text)
    s = v.text
    out: list[Entity] = []
    urls: list[Entity] = []
    low = s.lower()
    if "/" in s or "www." in low:
        urls = scan_urls(v)
    if "script:" in low or "data:" in low:
        urls += scan_script_urls(v)
        urls.sort(key=lambda e: e.start)
    out += urls
    if "." in s:
        out += _outside(scan_domains(v), urls)
    # "t.me/foo": the URL is reported, and the account it names as a handle over the same span
    # (the orchestrator keeps the URL; callers of this module see both)
    out += [
        Entity(SOCIAL_HANDLE, e.text, e.start, e.end, value=dict(e.details["social"]))
        for e in out
        if e.kind == URL and "social" in e.details
    ]
    if "." in s and "@" in s:
        out += scan_emails(v)
    if "@" in s or any(hint in low for hint in _SOCIAL_HINTS):
        out += scan_handles(v)
    if _DIGIT.search(s):
        out += scan_phones(v)
    return out
