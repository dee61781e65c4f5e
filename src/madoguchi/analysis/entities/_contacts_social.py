"""Social-network handles: ``@name``, ``Telegram: @foo``, ``LINE ID: abc123``, ``name#1234``.

>>> from madoguchi.analysis.entities._view import view
>>> [e.value for e in scan_handles(view("X(旧Twitter)の @BitFlyer まで"))]
[{'platform': 'x', 'handle': 'bitflyer'}]
"""

from __future__ import annotations

import re

from madoguchi.analysis._types import SOCIAL_HANDLE, Entity
from madoguchi.analysis.entities._contacts_host import host_info
from madoguchi.analysis.entities._view import View

# "@name": not glued to an e-mail local part before it, nor to another "@"/word after it.
# Telegram allows 32 characters, the longest of the platforms handled here.
_AT_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-@])@([A-Za-z0-9_][A-Za-z0-9_.]{0,31}+)(?![A-Za-z0-9_@\-])"
)

# Platform named just before a handle. The one-letter "x" and short "tg"/"ig" only count
# as whole words so "0x..." or "box" do not.
_PLATFORM_RE = re.compile(
    r"(?i)(telegram|テレグラム|(?<![a-z0-9])tg(?![a-z0-9])|discord|ディスコード|ディスコ"
    r"|instagram|インスタ|(?<![a-z0-9])ig(?![a-z0-9])|twitter|ツイッター|ツイ垢"
    r"|(?<![a-z0-9])x(?![a-z0-9])|𝕏|(?<![a-z0-9])line(?![a-z0-9])|ライン)"
)
_PLATFORMS = {
    "telegram": "telegram", "テレグラム": "telegram", "tg": "telegram",
    "discord": "discord", "ディスコード": "discord", "ディスコ": "discord",
    "instagram": "instagram", "インスタ": "instagram", "ig": "instagram",
    "twitter": "x", "ツイッター": "x", "ツイ垢": "x", "x": "x", "𝕏": "x",
    "line": "line", "ライン": "line",
}  # fmt: skip
_CONTEXT = 40  # characters looked at before a handle for the platform's name

# "LINE ID: abc123", "Discord: name#1234", "Telegram username is foo" (no "@"). A bare
# platform name needs ":"; "is"/"は" only count after an id word ("line is busy" is prose).
_KEYED_RE = re.compile(
    r"(?i)(?<![a-z0-9])(?P<p>telegram|テレグラム|discord|ディスコード|instagram|インスタグラム"
    r"|インスタ|line|ライン)[ \t]{0,3}(?:の[ \t]{0,3})?"
    r"(?:(?:id|username|user[ \t]?name|handle|account|アカウント|ユーザー名|ユーザーネーム)"
    r"[ \t]{0,3}(?:[:：=]|は|is)?|[:：])[ \t]{0,3}"
    r"(?P<h>[A-Za-z0-9_][A-Za-z0-9_.\-]{1,31}(?:#[0-9]{4})?)(?![A-Za-z0-9_@#])"
)


def _platform(s: str, start: int) -> str:
    window = s[max(0, start - _CONTEXT) : start]
    window = window[window.rfind("\n") + 1 :]  # the same line only
    found = "unknown"
    for m in _PLATFORM_RE.finditer(window):  # the closest name wins
        found = _PLATFORMS.get(m.group(1).lower(), found)
    return found


def _entity(v: View, start: int, end: int, platform: str, handle: str) -> Entity:
    a, b = v.span(start, end)
    value = {"platform": platform, "handle": handle.lower()}
    return Entity(SOCIAL_HANDLE, v.original[a:b], a, b, value=value)


def scan_handles(v: View) -> list[Entity]:
    """``@handles`` (platform from the words before them) and keyword-led IDs."""
    s = v.text
    out: list[Entity] = []
    if "@" in s:
        for m in _AT_RE.finditer(s):
            handle = m.group(1).rstrip(".")
            if handle.isdigit():  # "@10:00", "@500円": a time or a price, not an account
                continue
            if "." in handle and host_info(handle).ok:  # "@gmail.com" names a domain
                continue
            end = m.start(1) + len(handle)
            out.append(_entity(v, m.start(), end, _platform(s, m.start()), handle))
    for m in _KEYED_RE.finditer(s):
        handle = m.group("h").rstrip(".-")
        if handle.isdigit() or len(handle) < 2:  # a phone number or a count
            continue
        platform = _PLATFORMS.get(m.group("p").lower(), "unknown")
        if m.group("p") == "インスタグラム":
            platform = "instagram"
        end = m.start("h") + len(handle)
        out.append(_entity(v, m.start("h"), end, platform, handle))
    return out
