"""The log's origin and its Ed25519 signing key (generated on first use, mode 0600).

Settings: ``LEDGER_ORIGIN`` (environment ``MADOGUCHI_LEDGER_ORIGIN``; default: the existing
key's name, or for a new log ``<host of SITE_URL>/madoguchi-log``) names the log, and ``LEDGER_KEY_FILE`` (environment
``MADOGUCHI_LEDGER_KEY_FILE``; default ``<data dir>/ledger_signing_key``) holds the key, in the
Go ``golang.org/x/mod/sumdb/note`` signer format: ``PRIVATE+KEY+<name>+<key id>+<base64(0x01 ||
seed)>``. The key's name must equal the origin: a new origin is a new log and needs a new key
file (the old checkpoints stay verifiable with the old vkey).

>>> # log_signer().verifier  -> the vkey served at /log/key
"""

from __future__ import annotations

import base64
import functools
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from madoguchi.ledger import LedgerError, Signer, Verifier
from madoguchi.ledger.note import ED25519_TYPE, key_id

KEY_FILE_NAME = "ledger_signing_key"
_PREFIX = "PRIVATE+KEY+"


def log_origin() -> str:
    """The checkpoint origin line (and the key name).

    ``LEDGER_ORIGIN`` when set; otherwise the name of the existing key (a log keeps the name
    it was created with, whatever URL or port the desk is later reached at); for a new log,
    ``<host of SITE_URL>/madoguchi-log``.
    """
    configured = getattr(settings, "LEDGER_ORIGIN", "") or os.environ.get(
        "MADOGUCHI_LEDGER_ORIGIN", ""
    )
    if configured:
        return configured
    path = key_path()
    try:
        return _load(path, path.stat().st_mtime_ns).name
    except (OSError, LedgerError):
        pass  # no key yet (or an unreadable one, which log_signer reports)
    host = urlsplit(getattr(settings, "SITE_URL", "") or "http://localhost").netloc or "localhost"
    return f"{host.lower()}/madoguchi-log"


def key_path() -> Path:
    configured = getattr(settings, "LEDGER_KEY_FILE", "") or os.environ.get(
        "MADOGUCHI_LEDGER_KEY_FILE", ""
    )
    return Path(configured) if configured else Path(settings.DATA_DIR) / KEY_FILE_NAME


def signer_format(signer: Signer) -> str:
    """The key file's one line."""
    encoded = base64.b64encode(bytes([ED25519_TYPE]) + signer.seed).decode("ascii")
    return f"{_PREFIX}{signer.name}+{signer.verifier.key_id:08x}+{encoded}"


def signer_parse(text: str) -> Signer:
    """Inverse of :func:`signer_format`; LedgerError for anything else."""
    text = text.strip()
    if not text.startswith(_PREFIX):
        raise LedgerError("not a PRIVATE+KEY line")
    name, _, rest = text[len(_PREFIX) :].partition("+")
    hex_id, _, encoded = rest.partition("+")
    try:
        raw = base64.b64decode(encoded, validate=True)
    except ValueError as exc:
        raise LedgerError("invalid base64 in the key") from exc
    if len(raw) != 33 or raw[0] != ED25519_TYPE:
        raise LedgerError("not an Ed25519 key")
    signer = Signer(name, raw[1:])
    if hex_id != f"{key_id(name, signer.public_key):08x}":
        raise LedgerError("the key id does not match the key")
    return signer


def _create(path: Path, origin: str) -> None:
    """Write a fresh key; O_EXCL so two processes starting at once keep the first one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = signer_format(Signer.generate(origin)) + "\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(line)


@functools.lru_cache(maxsize=4)
def _load(path: Path, _mtime_ns: int) -> Signer:
    return signer_parse(path.read_text(encoding="ascii"))


def log_signer() -> Signer:
    """The signing key, created on first use; ImproperlyConfigured if it cannot be used."""
    origin = log_origin()
    path = key_path()
    try:
        if not path.exists():
            _create(path, origin)
        signer = _load(path, path.stat().st_mtime_ns)
    except OSError as exc:
        raise ImproperlyConfigured(f"ledger key {path}: {exc.strerror or exc}") from exc
    except LedgerError as exc:
        raise ImproperlyConfigured(f"ledger key {path}: {exc}") from exc
    if signer.name != origin:
        raise ImproperlyConfigured(
            f"ledger key {path} is for the log {signer.name!r}, not {origin!r}: set "
            "LEDGER_ORIGIN back, or move the key file away to start a new log"
        )
    return signer


def log_verifier() -> Verifier:
    """The public verifier key (what /log/key serves)."""
    return _verifier(log_signer())


@functools.lru_cache(maxsize=4)
def _verifier(signer: Signer) -> Verifier:
    return signer.verifier  # deriving the public key costs ~1 ms: once per key
