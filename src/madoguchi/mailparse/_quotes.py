"""Quoted reply history out of a reply, so the ticket shows what the customer wrote now.

Recognises the markers the common clients write (Gmail and Apple Mail in English and Japanese,
Outlook's header block and "Original Message" line) and ">"-quoted lines. When removing them
would leave nothing, the full text is kept.
"""

from __future__ import annotations

import regex

_MARKERS = [
    # Gmail / Apple Mail (en), the "wrote:" possibly wrapped onto the next line
    regex.compile(r"^On\s.{4,300}?\bwrote:\s*$", regex.S),
    # Gmail (ja): 2026年11月29日(日) 10:00 Madoguchi Support <support@example.jp>:
    regex.compile(
        r"^\d{4}年\d{1,2}月\d{1,2}日.{0,200}<[^<>\s]+@[^<>\s]+>\s*(?:のメッセージ)?:\s*$", regex.S
    ),
    regex.compile(r"^.{0,200}<[^<>\s]+@[^<>\s]+>\s*(?:は書きました|wrote)\s*[:：]\s*$", regex.S),
    regex.compile(
        r"^-{2,}\s*(?:Original Message|元のメッセージ|Forwarded message|転送メッセージ)\s*-{2,}\s*$",
        regex.I,
    ),
    regex.compile(r"^_{10,}\s*$"),  # Outlook's rule above its header block
]
_OUTLOOK_FROM = regex.compile(r"^(?:From|差出人|送信者)\s*[:：]\s*\S")
_OUTLOOK_NEXT = regex.compile(r"^(?:Sent|Date|送信日時|日付|To|宛先)\s*[:：]")


def _marker_at(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    two = f"{line} {lines[index + 1].strip()}" if index + 1 < len(lines) else line
    for pattern in _MARKERS:
        if pattern.match(line) or pattern.match(two):
            return True
    if _OUTLOOK_FROM.match(line):
        return any(
            _OUTLOOK_NEXT.match(following.strip()) for following in lines[index + 1 : index + 4]
        )
    return False


def strip_quoted(text: str) -> str:
    """``text`` up to the first reply marker, without ">" lines; ``text`` if nothing is left.

    >>> strip_quoted("Thanks, it arrived.\\n\\nOn Sun, 29 Nov 2026, Support wrote:\\n> Hello")
    'Thanks, it arrived.'
    """
    lines = text.split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if _marker_at(lines, index):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    result = "\n".join(kept).strip()
    return result or text.strip()
