"""The official registry the desk's guard checks links against."""

from __future__ import annotations

import logging

from madoguchi.trust import Registry

log = logging.getLogger(__name__)


def desk_registry() -> Registry:
    """The admin-managed official channels (``madoguchi.officials``); an empty registry if
    that app is missing, so every link is then "unknown" and blocked (fail closed)."""
    try:
        from madoguchi.officials.selectors import official_registry
    except ImportError:  # pragma: no cover - the officials app ships with the desk
        log.warning("madoguchi.officials is not installed: the guard has an empty registry")
        return Registry()
    return official_registry()
