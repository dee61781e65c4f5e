"""The keys that make and check verification codes.

By default the key is derived from ``SECRET_KEY`` for this one purpose (an HMAC of a fixed
label), and ``SECRET_KEY_FALLBACKS`` still verify codes made before a rotation. An operator who
wants the code key separate from ``SECRET_KEY`` writes a key file (setting
``SIGNING_KEY_FILE``, environment ``MADOGUCHI_SIGNING_KEY_FILE``, default
``<data dir>/signing_keys`` when it exists): one key per line (at least 32 characters, ``#``
starts a comment), the first line signs new codes, every line verifies. Codes made under a key
that is no longer listed anywhere stop verifying: that is how a leaked key is revoked.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from madoguchi.signing.codes import key_id

_PURPOSE = b"madoguchi.signing.verification-code-key.v1"
MIN_KEY_CHARS = 32


@dataclass(frozen=True)
class SigningKey:
    id: str
    secret: bytes


@functools.lru_cache(maxsize=8)
def _derived(secret_key: str) -> SigningKey:
    secret = hmac.new(secret_key.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()
    return SigningKey(key_id(secret), secret)


def key_file() -> Path | None:
    configured = getattr(settings, "SIGNING_KEY_FILE", "") or os.environ.get(
        "MADOGUCHI_SIGNING_KEY_FILE", ""
    )
    if configured:
        return Path(configured)
    default = Path(settings.DATA_DIR) / "signing_keys"
    return default if default.exists() else None


def _file_keys(path: Path) -> tuple[SigningKey, ...]:
    try:
        return _read_keys(path, path.stat().st_mtime_ns)
    except OSError as exc:
        raise ImproperlyConfigured(f"signing key file {path} cannot be read: {exc}") from exc


@functools.lru_cache(maxsize=4)
def _read_keys(path: Path, _mtime_ns: int) -> tuple[SigningKey, ...]:
    """The file's keys, read again when it changes (its modification time is the cache key)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    keys = []
    for number, line in enumerate(lines, start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if len(line) < MIN_KEY_CHARS:
            raise ImproperlyConfigured(
                f"signing key file {path}, line {number}: a key needs {MIN_KEY_CHARS}+ characters"
            )
        secret = line.encode("utf-8")
        keys.append(SigningKey(key_id(secret), secret))
    return tuple(keys)


def signing_keys() -> list[SigningKey]:
    """Every key that verifies, the one that signs new codes first."""
    keys: list[SigningKey] = []
    path = key_file()
    if path is not None:
        keys += _file_keys(path)
    keys.append(_derived(settings.SECRET_KEY))
    keys += [_derived(k) for k in getattr(settings, "SECRET_KEY_FALLBACKS", ())]
    unique: dict[str, SigningKey] = {}
    for key in keys:
        unique.setdefault(key.id, key)
    return list(unique.values())


def current_key() -> SigningKey:
    return signing_keys()[0]
