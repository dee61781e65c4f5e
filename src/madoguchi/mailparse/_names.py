"""Single-line texts and filenames that are safe to store and show.

A filename comes from the sender: it may carry a path (``../../etc/passwd``), a bidi override
that hides the real extension (``invoice\\u202Efdp.exe`` shows as ``invoiceexe.pdf``),
zero-width characters, or be thousands of characters long.
"""

from __future__ import annotations

import unicodedata

MAX_FILENAME_CHARS = 200


def single_line(text: str, *, limit: int | None = None) -> str:
    """Controls, format characters (bidi, zero-width) and line breaks out; spaces collapsed.

    >>> single_line("Re: 出金\\r\\nBcc: x@y\\u202e")
    'Re: 出金 Bcc: x@y'
    """
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp") or ch.isspace():
            kept.append(" ")
        elif category in ("Cf", "Cs", "Co", "Cn"):
            continue
        else:
            kept.append(ch)
    line = " ".join("".join(kept).split())
    return line[:limit] if limit is not None else line


def sanitise_filename(name: str | None, *, fallback: str = "attachment") -> str:
    """The last path segment, single line, without bidi/zero-width controls, ≤ 200 characters.

    >>> sanitise_filename("C:\\\\Users\\\\x\\\\invoice\\u202efdp.exe")
    'invoicefdp.exe'
    """
    text = unicodedata.normalize("NFC", name or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = single_line(text).strip(" .")
    if not text:
        return fallback
    if len(text) > MAX_FILENAME_CHARS:
        stem, dot, extension = text.rpartition(".")
        if dot and 0 < len(extension) <= 16:
            text = stem[: MAX_FILENAME_CHARS - len(extension) - 1].rstrip() + "." + extension
        else:
            text = text[:MAX_FILENAME_CHARS]
    return text
