"""Ethereum keystore (Web3 Secret Storage) JSON pasted into a message, whole or truncated.

The span is the whole JSON object around a ``"crypto"``/``"ciphertext"``/``"kdfparams"`` key;
when the paste was cut off, it runs to the last JSON-looking character before a blank line.

>>> ks = '{"version":3,"crypto":{"ciphertext":"ab12","kdf":"scrypt"}}'
>>> [(s.start, s.end, s.reason) for s in find_keystores("file: " + ks + " ok")]
[(6, 65, 'keystore:complete')]
"""

from __future__ import annotations

import re

from madoguchi.analysis._types import KEYSTORE, SecretSpan

#: Keys only a keystore has. "crypto" alone is too common a word, so it must be a JSON key.
PREFILTER = re.compile(r'(?i)"\s*(?:crypto|ciphertext|cipherparams|kdfparams)\s*"\s*:')
# JSON strings (skipped whole, so braces inside them do not count), braces, and blank lines.
_LEXEME = re.compile(r'"(?:[^"\\\n]|\\.){0,4096}"?|[{}]|\n[ \t\r]*\n')
_TAIL = re.compile(r"[ \t]*[:,][ \t]*[0-9A-Za-z.+-]{1,100}")
_LOOK_BACK = 4096  # how far before the marker the object may open
_MAX_SPAN = 16384  # a keystore is ~500 bytes; cap the scan on hostile input


def find_keystores(text: str) -> list[SecretSpan]:
    """Spans of keystore JSON objects (complete or truncated) in ``text``."""
    out: list[SecretSpan] = []
    pos = 0
    while True:
        marker = PREFILTER.search(text, pos)
        if marker is None:
            return out
        start = _object_start(text, max(pos, marker.start() - _LOOK_BACK), marker.start())
        end, complete = _object_end(text, start, marker.end())
        reason = "keystore:complete" if complete else "keystore:truncated"
        out.append(SecretSpan(KEYSTORE, start, end, reason=reason))
        pos = max(end, marker.end())


def _object_start(text: str, lo: int, marker: int) -> int:
    """The outermost ``{`` still open at ``marker`` (scanning from ``lo``), else the marker."""
    open_at: list[int] = []
    for m in _LEXEME.finditer(text, lo, marker):
        tok = m.group()
        if tok == "{":
            open_at.append(m.start())
        elif tok == "}":
            if open_at:
                open_at.pop()
        elif tok[0] == "\n":
            open_at.clear()  # a blank line ends any JSON that came before
    return open_at[0] if open_at else marker


def _object_end(text: str, start: int, marker_end: int) -> tuple[int, bool]:
    """End of the object opened at ``start``; ``(end, False)`` when it never closes."""
    depth = 0
    last = marker_end
    stop = min(len(text), start + _MAX_SPAN)
    for m in _LEXEME.finditer(text, start, stop):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            last = m.end()
            if depth <= 0:
                return m.end(), True
        elif tok[0] == "\n":
            if m.start() >= marker_end:
                break
        else:
            last = max(last, m.end())
            if depth == 0 and text[start] != "{":
                depth = 1  # a headless fragment: treat it as one open object
    # truncated: a dangling scalar after the last string (`"n": 2621`) is part of it too
    tail = _TAIL.match(text, last, stop)
    return max(tail.end() if tail else last, marker_end), False
