"""Reads of the official-channel registry: the ``trust.Registry``, the public list, export.

``official_registry()`` costs one small query per call: it compares the version token (changed
by every write, in any process) with the one its cached registry was built from, and rebuilds
only when they differ.

>>> # verdict_for("https://madoguchi-login.example/")["verdict"]  -> "impersonation"
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from madoguchi.officials.models import OfficialChannel, RegistryVersion
from madoguchi.trust import Registry, TrustInputError, check

log = logging.getLogger(__name__)

_lock = threading.Lock()
_cached: tuple[str | None, Registry] | None = None


def _registry_build() -> Registry:
    lines: list[str] = []
    for line in OfficialChannel.objects.filter(active=True).values_list("line", flat=True):
        try:  # each row was valid when saved; one the trust package no longer reads is skipped
            Registry.from_lines([line])
        except TrustInputError:
            log.warning("official channel skipped: the trust package rejects it")
            continue
        lines.append(line)
    return Registry.from_lines(lines)


def official_registry() -> Registry:
    """The active official channels as a ``trust.Registry`` (cached per process)."""
    global _cached
    token = RegistryVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    cached = _cached
    if cached is not None and cached[0] == token and token is not None:
        return cached[1]
    registry = _registry_build()
    with _lock:
        _cached = (token, registry)
    return registry


def verdict_for(value: str) -> dict[str, Any] | None:
    """``check(value)`` against the registry as a dict, or None when it is not checkable."""
    try:
        return check(value, official_registry()).as_dict()
    except TrustInputError:
        return None


def official_channels_listed() -> list[OfficialChannel]:
    """What the public page lists as ours: active, listed channels, by kind."""
    listed = OfficialChannel.objects.filter(active=True, listed=True)
    listed = listed.exclude(kind=OfficialChannel.Kind.UNRELATED)
    return list(listed.order_by("kind", "line"))


def unrelated_domains_listed() -> list[OfficialChannel]:
    """Known-unrelated domains the operator chose to list publicly ("not ours")."""
    listed = OfficialChannel.objects.filter(
        active=True, listed=True, kind=OfficialChannel.Kind.UNRELATED
    )
    return list(listed.order_by("line"))


def officials_export_lines() -> list[str]:
    """The active registry in the one-value-per-line format (labels as comments)."""
    out = ["# madoguchi official channels: one value per line"]
    for channel in OfficialChannel.objects.filter(active=True).order_by("kind", "line"):
        if channel.label:
            out.append("# " + " ".join(channel.label.split()))
        out.append(channel.line)
    return out
