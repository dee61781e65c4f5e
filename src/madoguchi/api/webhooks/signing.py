"""Webhook signatures: ``Madoguchi-Signature: t=<unix time>,v1=<hex HMAC-SHA256>``.

The HMAC is over ``"<t>.<body>"`` with the endpoint's secret, so a receiver can refuse both a
forged body and a replayed old one (compare ``t`` with its clock). Pure: no Django.

>>> header = signature_header("whsec_x", b'{"a":1}', timestamp=1700000000)
>>> signature_verify("whsec_x", b'{"a":1}', header, now=1700000010)
True
"""

from __future__ import annotations

import hashlib
import hmac

#: A receiver should refuse signatures older (or newer) than this many seconds.
DEFAULT_TOLERANCE = 300


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, *, timestamp: int) -> str:
    """The ``Madoguchi-Signature`` value for ``body`` sent at ``timestamp``."""
    return f"t={timestamp},v1={_digest(secret, timestamp, body)}"


def signature_verify(
    secret: str, body: bytes, header: str, *, now: int, tolerance: int = DEFAULT_TOLERANCE
) -> bool:
    """True when ``header`` signs ``body`` with ``secret`` and its time is within ``tolerance``.

    Several ``v1=`` values may be present (a receiver rotating secrets); any match is enough.
    """
    timestamp: int | None = None
    candidates: list[str] = []
    for part in (header or "").split(","):
        name, _sep, value = part.strip().partition("=")
        if name == "t" and value.isdigit() and len(value) <= 12:
            timestamp = int(value)
        elif name == "v1" and value:
            candidates.append(value)
    if timestamp is None or not candidates or abs(now - timestamp) > tolerance:
        return False
    expected = _digest(secret, timestamp, body)
    return any(hmac.compare_digest(expected, value) for value in candidates)
