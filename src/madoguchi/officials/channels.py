"""One official channel as the trust package reads it: its line and its comparison key.

``channel_normalise(kind=..., platform=..., value=...)`` validates through
``madoguchi.trust.Registry`` (the same parser the checks use), so what the admin saves is
exactly what ``check()`` compares against.

>>> channel_normalise(kind="email", platform="", value="Support@Madoguchi.example").line
'mailto:support@madoguchi.example'
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from madoguchi.trust import Registry, TrustInputError

APP_STORES = ("ios", "android")


class ChannelError(ValueError):
    """A value that is not a valid channel of its kind; ``field`` names the form field."""

    def __init__(self, message: str, *, field: str = "value") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Normalised:
    kind: str
    platform: str
    value: str
    line: str
    key: str


def _line(kind: str, platform: str, value: str) -> str:
    if kind == "domain":
        return value
    if kind == "email":
        return "mailto:" + value.removeprefix("mailto:").strip()
    if kind == "phone":
        return "tel:" + value.removeprefix("tel:").strip()
    if kind == "social":
        if not platform:
            raise ChannelError(_("Name the platform (x, telegram, line…)."), field="platform")
        return f"@{platform}:{value.lstrip('@').strip()}"
    if kind == "app":
        if platform not in APP_STORES:
            raise ChannelError(_("The store is ios or android."), field="platform")
        return f"app:{platform}:{value.strip()}"
    if kind == "staff":
        return "staff:" + value
    if kind == "unrelated":
        return "unrelated:" + value.removeprefix("unrelated:").strip()
    raise ChannelError(_("Unknown kind of channel."), field="kind")


def _only(values: frozenset) -> object:
    return sorted(values)[0]


def channel_normalise(*, kind: str, platform: str, value: str) -> Normalised:
    """The validated line and unique key of a channel; ChannelError when it is not valid."""
    value = " ".join(value.split())
    platform = platform.strip().casefold()
    if not value:
        raise ChannelError(_("Enter the value to register."))
    if "#" in value or "#" in platform:
        raise ChannelError(_("A value cannot contain “#”."))
    try:
        registry = Registry.from_lines([_line(kind, platform, value)])
    except TrustInputError as exc:
        detail = str(exc).partition(": ")[2] or str(exc)
        raise ChannelError(_("Not a valid value: %(detail)s") % {"detail": detail}) from None
    if kind == "domain":
        canonical = value = line = str(_only(registry.domains))
    elif kind == "email":
        canonical = str(_only(registry.emails))
        value, line = canonical, "mailto:" + canonical
    elif kind == "phone":
        canonical = str(_only(registry.phones))
        line = "tel:" + canonical
    elif kind == "social":
        platform, handle = _only(registry.socials)  # type: ignore[misc]
        canonical = f"{platform}:{handle}"
        line = "@" + canonical
    elif kind == "app":
        store, app_id = _only(registry.apps)  # type: ignore[misc]
        canonical = f"{store}:{app_id}"
        line = f"app:{store}:{value.strip()}"
    elif kind == "unrelated":
        canonical = value = str(_only(registry.unrelated))
        line = "unrelated:" + canonical
    else:
        canonical = str(_only(registry.staff))
        line = "staff:" + value
    return Normalised(kind, platform, value, line, f"{kind}:{canonical}")


def channel_parse_line(line: str) -> tuple[str, str, str]:
    """``(kind, platform, value)`` of one line of the official list (import)."""
    text = line.strip()
    lower = text.casefold()
    if lower.startswith("mailto:"):
        return "email", "", text[7:].strip()
    if lower.startswith("tel:"):
        return "phone", "", text[4:].strip()
    if lower.startswith("staff:"):
        return "staff", "", text[6:].strip()
    if lower.startswith("unrelated:"):
        return "unrelated", "", text[10:].strip()
    if lower.startswith("app:"):
        _prefix, store, app_id = ([*text.split(":", 2), "", ""])[:3]
        return "app", store.strip().casefold(), app_id.strip()
    if text.startswith("@"):
        platform, colon, handle = text[1:].partition(":")
        if not colon:
            raise ChannelError(_("A social account is @platform:handle."))
        return "social", platform.strip(), handle.strip()
    return "domain", "", text
