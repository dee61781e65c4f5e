"""What in a customer's message can be checked against the official channels (pure).

The analysis core finds URLs, domains, e-mail addresses, phone numbers and social handles;
``checkable(entities)`` turns them into values ``madoguchi.trust.check`` understands, keeping
the text as the customer wrote it for display.

>>> checkable([{"kind": "social_handle", "text": "@mdg",
...             "value": {"platform": "x", "handle": "mdg"}}])
[Checkable(text='@mdg', value='@x:mdg', start=None, end=None, kind='social_handle')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

#: entity kinds of ``madoguchi.analysis`` that name a channel
CHANNEL_KINDS = ("url", "domain", "email", "phone", "social_handle")


@dataclass(frozen=True)
class Checkable:
    text: str
    value: str
    start: int | None = None
    end: int | None = None
    #: the entity kind (url, domain, email, phone, social_handle)
    kind: str = ""


def _value(entity: Mapping[str, Any]) -> str | None:
    kind, value, text = entity.get("kind"), entity.get("value"), entity.get("text")
    if kind == "social_handle":
        if not isinstance(value, Mapping) or not value.get("handle"):
            return None
        platform = str(value.get("platform") or "")
        handle = str(value["handle"])
        return f"@{handle}" if platform in ("", "unknown") else f"@{platform}:{handle}"
    found = value if isinstance(value, str) and value else text
    if not isinstance(found, str) or not found:
        return None
    details = entity.get("details")
    if kind == "url" and isinstance(details, Mapping) and details.get("has_credentials"):
        found = _without_password(found)
    return found


def _without_password(url: str) -> str:
    """``https://user:pass@host/`` → ``https://user@host/``: a password is never kept."""
    try:
        split = urlsplit(url)
        if split.password is None:
            return url
        host = split.netloc.rpartition("@")[2]
        netloc = f"{split.username}@{host}" if split.username else host
        return urlunsplit(split._replace(netloc=netloc))
    except ValueError:
        return ""


def checkable(
    entities: Iterable[Mapping[str, Any]], limit: int = 20, *, unique: bool = True
) -> list[Checkable]:
    """The channel values among ``entities`` (analysis dicts), in order; without repeats
    unless ``unique`` is False (every occurrence, for marking spans)."""
    out: list[Checkable] = []
    seen: set[str] = set()
    for entity in entities:
        if not isinstance(entity, Mapping) or entity.get("kind") not in CHANNEL_KINDS:
            continue
        value = _value(entity)
        if not value or (unique and value in seen):
            continue
        seen.add(value)
        start, end = entity.get("start"), entity.get("end")
        out.append(
            Checkable(
                str(entity.get("text") or value),
                value,
                start if isinstance(start, int) else None,
                end if isinstance(end, int) else None,
                str(entity.get("kind")),
            )
        )
        if len(out) >= limit:
            break
    return out


#: what the entity finder may miss (reserved names such as ``.example``): addresses and URLs
_LOOSE = re.compile(
    r"https?://[^\s<>\"'「」（）()]+|[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", re.ASCII
)


def channel_values(entities: Iterable[Mapping[str, Any]], line: str = "") -> list[list[str]]:
    """``[shown, value]`` pairs of the channels in a message: its entities, else what looks
    like an e-mail address or a web link in ``line``."""
    found = [[c.text, c.value] for c in checkable(entities)]
    if not found:
        loose = (_without_password(m) for m in dict.fromkeys(_LOOSE.findall(line)))
        found = [[m, m] for m in loose if m]
    return found
