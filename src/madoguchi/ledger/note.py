"""C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys, via pycryptodome.

A signed note is UTF-8 text ending in a newline, a blank line, then one or more lines
``— <key name> <base64(4-byte key ID || signature)>``. Verification follows the spec: signatures
from keys the verifier does not know are ignored (reported as ``unverified``), a known key whose
signature fails rejects the whole note, and a note with no valid known signature is rejected.

>>> signer = Signer.generate("log.example/test")
>>> note = sign_note("hello\\n", signer)
>>> open_note(note, [signer.verifier]).text
'hello\\n'
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from Crypto.PublicKey import ECC
from Crypto.Signature import eddsa

from madoguchi.ledger._errors import LedgerError

ED25519_TYPE = 0x01
SIGNATURE_PREFIX = "\u2014 "  # em dash, space
MAX_SIGNATURES = 100  # the spec requires at least 16; anything beyond 100 is an abuse
MAX_NOTE_BYTES = 1 << 20

__all__ = [
    "ED25519_TYPE",
    "Note",
    "NoteSignature",
    "Signer",
    "Verifier",
    "key_id",
    "open_note",
    "sign_note",
    "split_note",
]

_SPACE = re.compile(r"\s")


def _valid_name(name: str) -> bool:
    """Key names are non-empty and hold no Unicode space and no '+' (the vkey separator)."""
    return bool(name) and not _SPACE.search(name) and "+" not in name and name.isprintable()


def _b64decode(text: str) -> bytes:
    """Strict standard base64: no whitespace, correct padding, canonical trailing bits."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise LedgerError("invalid base64") from exc
    if base64.b64encode(raw).decode("ascii") != text:
        raise LedgerError("non-canonical base64")
    return raw


def key_id(name: str, public_key: bytes, signature_type: int = ED25519_TYPE) -> int:
    """SHA-256(name || 0x0A || type || public key)[:4] as a big-endian uint32."""
    digest = hashlib.sha256(name.encode() + b"\n" + bytes([signature_type]) + public_key).digest()
    return struct.unpack(">I", digest[:4])[0]


@dataclass(frozen=True)
class Verifier:
    """An Ed25519 verifier key: name, key ID and 32-byte public key."""

    name: str
    key_id: int
    public_key: bytes

    @classmethod
    def parse(cls, vkey: str) -> Verifier:
        """Parse ``<name>+<8 hex key ID>+<base64(0x01 || 32-byte key)>``; check the ID matches."""
        if not isinstance(vkey, str):
            raise LedgerError("a verifier key is a string")
        parts = vkey.split("+", 2)  # the base64 key itself may contain '+'
        if len(parts) != 3:
            raise LedgerError("a verifier key has the form name+keyid+key")
        name, hex_id, b64 = parts
        if not _valid_name(name):
            raise LedgerError("invalid key name in verifier key")
        if not re.fullmatch(r"[0-9a-f]{8}", hex_id):
            raise LedgerError("verifier key ID must be 8 lowercase hex digits")
        raw = _b64decode(b64)
        if len(raw) != 33 or raw[0] != ED25519_TYPE:
            raise LedgerError("only Ed25519 verifier keys (type 0x01, 32 bytes) are supported")
        public_key = raw[1:]
        try:
            eddsa.import_public_key(public_key)
        except ValueError as exc:
            raise LedgerError("verifier key is not a valid Ed25519 point") from exc
        if key_id(name, public_key) != int(hex_id, 16):
            raise LedgerError("verifier key ID does not match the name and key")
        return cls(name, int(hex_id, 16), public_key)

    def __str__(self) -> str:
        b64 = base64.b64encode(bytes([ED25519_TYPE]) + self.public_key).decode()
        return f"{self.name}+{self.key_id:08x}+{b64}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        """RFC 8032 Ed25519 verification of ``signature`` over ``message``."""
        if len(signature) != 64:
            return False
        try:
            eddsa.new(eddsa.import_public_key(self.public_key), "rfc8032").verify(
                message, signature
            )
        except ValueError:
            return False
        return True


@dataclass(frozen=True)
class Signer:
    """An Ed25519 signing key with its name; ``str()`` never shows the secret."""

    name: str
    seed: bytes

    def __post_init__(self) -> None:
        if not _valid_name(self.name):
            raise LedgerError("invalid key name")
        if not isinstance(self.seed, bytes) or len(self.seed) != 32:
            raise LedgerError("an Ed25519 seed is 32 bytes")

    @classmethod
    def generate(cls, name: str) -> Signer:
        """A fresh random key (pycryptodome draws from the OS CSPRNG)."""
        key = ECC.generate(curve="ed25519")
        return cls(name, key.seed)

    @property
    def public_key(self) -> bytes:
        """The 32-byte RFC 8032 public key."""
        key = eddsa.import_private_key(self.seed)
        return key.public_key().export_key(format="raw")

    @property
    def verifier(self) -> Verifier:
        """The matching verifier key, to publish (``str(signer.verifier)`` is the vkey)."""
        public = self.public_key
        return Verifier(self.name, key_id(self.name, public), public)

    def sign(self, message: bytes) -> bytes:
        """Raw 64-byte Ed25519 signature (deterministic, RFC 8032)."""
        return eddsa.new(eddsa.import_private_key(self.seed), "rfc8032").sign(message)

    def __repr__(self) -> str:
        return f"Signer(name={self.name!r}, seed=<hidden>)"


@dataclass(frozen=True)
class NoteSignature:
    """One signature line: key name, key ID and the raw signature bytes."""

    name: str
    key_id: int
    signature: bytes

    def line(self) -> str:
        """The line as it appears in the note, without the newline."""
        b64 = base64.b64encode(struct.pack(">I", self.key_id) + self.signature).decode()
        return f"{SIGNATURE_PREFIX}{self.name} {b64}"


@dataclass(frozen=True)
class Note:
    """A note whose text is trusted: ``verified`` holds at least one signature that checked."""

    text: str
    verified: tuple[NoteSignature, ...]
    unverified: tuple[NoteSignature, ...]


def _check_text(text: str) -> None:
    if not isinstance(text, str):
        raise LedgerError("note text must be a string")
    if not text.endswith("\n"):
        raise LedgerError("note text must end with a newline")
    if any(ord(ch) < 0x20 and ch != "\n" for ch in text):
        raise LedgerError("note text must not contain control characters other than newline")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates
        raise LedgerError("note text must be valid UTF-8") from exc


def sign_note(text: str, *signers: Signer) -> str:
    """Sign ``text`` (which must end in a newline) with each signer, in order."""
    _check_text(text)
    if not signers:
        raise LedgerError("at least one signer is needed")
    message = text.encode("utf-8")
    lines = [
        NoteSignature(s.name, s.verifier.key_id, s.sign(message)).line() + "\n" for s in signers
    ]
    return text + "\n" + "".join(lines)


def _parse_signature_line(line: str) -> NoteSignature:
    if not line.startswith(SIGNATURE_PREFIX):
        raise LedgerError("signature lines start with an em dash and a space")
    fields = line[len(SIGNATURE_PREFIX) :].split(" ")
    if len(fields) != 2:
        raise LedgerError("a signature line is '— <name> <base64>'")
    name, b64 = fields
    if not _valid_name(name) or not b64:
        raise LedgerError("malformed signature line")
    raw = _b64decode(b64)
    if len(raw) < 5:
        raise LedgerError("signature is too short")
    return NoteSignature(name, struct.unpack(">I", raw[:4])[0], raw[4:])


def split_note(note: str | bytes) -> tuple[str, list[NoteSignature]]:
    """Split a signed note into text and parsed signature lines without verifying anything."""
    if isinstance(note, bytes):
        if len(note) > MAX_NOTE_BYTES:
            raise LedgerError("note is too large")
        try:
            note = note.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LedgerError("note is not valid UTF-8") from exc
    if not isinstance(note, str):
        raise LedgerError("a note is text")
    if len(note) > MAX_NOTE_BYTES:
        raise LedgerError("note is too large")
    _check_text(note)
    split = note.rfind("\n\n")
    if split < 0:
        raise LedgerError("note has no blank line before its signatures")
    text, block = note[: split + 1], note[split + 2 :]
    if not block:
        raise LedgerError("note has no signatures")
    lines = block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise LedgerError("note has too many signatures")
    return text, [_parse_signature_line(line) for line in lines]


def open_note(
    note: str | bytes, verifiers: Iterable[Verifier], *, reject_unknown: bool = False
) -> Note:
    """Verify a signed note against trusted ``verifiers`` and return its text.

    Raises :class:`LedgerError` if the note is malformed, if any signature from a known key
    (same name *and* key ID) fails, or if no known key signed it. Unknown signatures (e.g.
    witness cosignatures) are kept in ``unverified`` and carry no trust, as the spec requires;
    ``reject_unknown=True`` refuses them instead, for callers that expect exactly their own keys.
    """
    text, signatures = split_note(note)
    known = {(v.name, v.key_id): v for v in verifiers}
    message = text.encode("utf-8")
    verified: list[NoteSignature] = []
    unverified: list[NoteSignature] = []
    for sig in signatures:
        verifier = known.get((sig.name, sig.key_id))
        if verifier is None:
            if reject_unknown:
                raise LedgerError(f"signature by unknown key {sig.name}")
            if sig not in unverified:
                unverified.append(sig)
            continue
        if not verifier.verify(message, sig.signature):
            raise LedgerError(f"signature by {sig.name} does not verify")
        if sig not in verified:
            verified.append(sig)
    if not verified:
        raise LedgerError("no signature from a trusted key")
    return Note(text, tuple(verified), tuple(unverified))
