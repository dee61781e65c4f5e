"""Links, domains, addresses, numbers and handles in a customer message, checked on intake.

``links_check(entities)`` takes the stored entities (spans into the redacted body) and returns
one verdict per channel value, stored as ``Message.analysis["links"]``. The checked value is
not copied: the span points into the body, which already holds the (redacted) text.

>>> # links_check(analysis["entities"])
>>> # [{"start": 14, "end": 58, "kind": "url", "verdict": "impersonation", ...}]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from madoguchi.dialogue.channel_check import checkable
from madoguchi.officials.selectors import official_registry
from madoguchi.trust import UNKNOWN, TrustInputError, check

#: links checked per message (a forwarded newsletter may hold hundreds)
MAX_LINKS = 50


def links_check(entities: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Verdicts for the channel values among ``entities``; [] when there are none."""
    found = [c for c in checkable(entities, limit=MAX_LINKS, unique=False) if c.start is not None]
    if not found:
        return []  # no registry read for the usual message
    registry = official_registry()
    out: list[dict[str, Any]] = []
    for item in found:
        try:
            verdict = check(item.value, registry).as_dict()
        except TrustInputError:  # not understood (an IP address, a bare host): never official
            verdict = {"kind": item.kind, "verdict": UNKNOWN, "imitates": None}
            verdict.update(reasons=["unchecked"], reasons_en=[], reasons_ja=[])
        verdict.pop("value", None)
        out.append({"start": item.start, "end": item.end, **verdict})
    return out
