"""C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) bodies, signed as C2SP notes.

A checkpoint's note text is: the origin line, the tree size in decimal, the base64 root hash,
then optional extension lines, each ending in a newline. It commits a log to one tree head;
clients verify the signature, then check proofs against ``root_hash``.

>>> from madoguchi.ledger.note import Signer
>>> signer = Signer.generate("log.example/desk")
>>> cp = Checkpoint("log.example/desk", 0, bytes(32))
>>> verify_checkpoint(sign_checkpoint(cp, signer), signer.verifier) == cp
True
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from madoguchi.ledger._errors import LedgerError
from madoguchi.ledger.merkle import HASH_SIZE
from madoguchi.ledger.note import Note, Signer, Verifier, _b64decode, open_note, sign_note

__all__ = ["Checkpoint", "open_checkpoint", "sign_checkpoint", "verify_checkpoint"]

_DECIMAL = re.compile(r"0|[1-9][0-9]*")
MAX_TREE_SIZE = (1 << 64) - 1


def _check_line(line: object, what: str) -> None:
    if not isinstance(line, str):
        raise LedgerError(f"checkpoint {what} must be a string")
    if not line or "\n" in line or any(ord(ch) < 0x20 for ch in line):
        raise LedgerError(f"checkpoint {what} must be a non-empty single line")


@dataclass(frozen=True)
class Checkpoint:
    """A log's signed statement of its size and root hash."""

    origin: str
    tree_size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_line(self.origin, "origin")
        size = self.tree_size
        if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_TREE_SIZE:
            raise LedgerError("checkpoint tree size must be an integer in 0..2**64-1")
        if not isinstance(self.root_hash, bytes) or len(self.root_hash) != HASH_SIZE:
            raise LedgerError(f"checkpoint root hash must be {HASH_SIZE} bytes")
        for line in self.extensions:
            _check_line(line, "extension line")

    def text(self) -> str:
        """The note text (every line newline-terminated), ready to sign."""
        root = base64.b64encode(self.root_hash).decode("ascii")
        lines = [self.origin, str(self.tree_size), root, *self.extensions]
        return "".join(line + "\n" for line in lines)

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        """Parse note text strictly: canonical decimal and base64, no empty lines."""
        if not isinstance(text, str) or not text.endswith("\n"):
            raise LedgerError("checkpoint text must end with a newline")
        lines = text[:-1].split("\n")
        if len(lines) < 3:
            raise LedgerError("checkpoint needs origin, tree size and root hash lines")
        origin, size_line, root_line, *extensions = lines
        if not _DECIMAL.fullmatch(size_line):
            raise LedgerError("checkpoint tree size must be decimal without leading zeros")
        root = _b64decode(root_line)
        return cls(origin, int(size_line), root, tuple(extensions))


def sign_checkpoint(checkpoint: Checkpoint, *signers: Signer) -> str:
    """The signed note for ``checkpoint``; the log's own key should come first."""
    return sign_note(checkpoint.text(), *signers)


def open_checkpoint(
    note: str | bytes,
    verifier: Verifier,
    *,
    origin: str | None = None,
    reject_unknown: bool = False,
) -> tuple[Checkpoint, Note]:
    """Verify ``note`` with the log's ``verifier`` and parse it as a checkpoint.

    ``origin`` defaults to the verifier's key name (the C2SP convention); a checkpoint for any
    other origin is rejected so that one log's key cannot vouch for another log's tree.
    """
    opened = open_note(note, [verifier], reject_unknown=reject_unknown)
    checkpoint = Checkpoint.parse(opened.text)
    expected = verifier.name if origin is None else origin
    if checkpoint.origin != expected:
        raise LedgerError(f"checkpoint origin {checkpoint.origin!r} is not {expected!r}")
    return checkpoint, opened


def verify_checkpoint(
    note: str | bytes,
    verifier: Verifier,
    *,
    origin: str | None = None,
    reject_unknown: bool = False,
) -> Checkpoint:
    """Like :func:`open_checkpoint` but returns just the checkpoint."""
    return open_checkpoint(note, verifier, origin=origin, reject_unknown=reject_unknown)[0]
