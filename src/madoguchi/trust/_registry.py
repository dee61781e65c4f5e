"""The brand's official channels, parsed from one value per line.

Why a plain text format: an operator keeps it in version control and reviews changes line by
line; the same parser will feed the admin-managed registry later.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers

from madoguchi.trust._hosts import host_parts, normalise_host

DEFAULT_REGION = "JP"

# Spellings people use for the same platform.
PLATFORM_ALIASES: dict[str, str] = {
    "twitter": "x", "x": "x", "telegram": "telegram", "tg": "telegram", "t.me": "telegram",
    "line": "line", "instagram": "instagram", "ig": "instagram", "facebook": "facebook",
    "fb": "facebook", "youtube": "youtube", "yt": "youtube", "tiktok": "tiktok",
    "discord": "discord", "reddit": "reddit", "github": "github",
}  # fmt: skip


class TrustInputError(ValueError):
    """A registry line or a value to check that cannot be understood."""


def normalise_platform(name: str) -> str:
    key = name.strip().casefold()
    return PLATFORM_ALIASES.get(key, key)


def normalise_handle(handle: str) -> str:
    return unicodedata.normalize("NFKC", handle).strip().lstrip("@").casefold()


def normalise_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """E.164 form of a phone number written in any common format; TrustInputError if invalid."""
    raw = text.strip().removeprefix("tel:")
    try:
        number = phonenumbers.parse(unicodedata.normalize("NFKC", raw), region)
    except phonenumbers.NumberParseException as exc:
        raise TrustInputError(f"not a phone number: {text!r}") from exc
    if not phonenumbers.is_possible_number(number):
        raise TrustInputError(f"not a possible phone number: {text!r}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_name(name: str) -> str:
    """Staff names compare without case, width or spaces (``Aiko  TANAKA`` = ``aiko tanaka``)."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def name_variants(name: str) -> frozenset[str]:
    """The name and its reversed word order (``Tanaka Aiko``), both normalised."""
    words = unicodedata.normalize("NFKC", name).casefold().split()
    return frozenset({"".join(words), "".join(reversed(words))})


def _domain_line(text: str) -> str:
    host = normalise_host(text)
    host_parts(host)  # rejects values without a public suffix
    return host


@dataclass(frozen=True)
class Registry:
    """Official values, each normalised for comparison."""

    domains: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    socials: frozenset[tuple[str, str]] = frozenset()
    apps: frozenset[tuple[str, str]] = frozenset()
    staff: frozenset[str] = frozenset()
    staff_display: tuple[str, ...] = field(default=(), compare=False)
    #: domains known to belong to a different organisation (not ours, not an impersonation)
    unrelated: frozenset[str] = frozenset()

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Registry:
        """Parse ``example.com``, ``mailto:``, ``tel:``, ``@platform:handle``, ``app:store:id``,
        ``staff:Name`` and ``unrelated:example.org`` lines; blank lines and ``#`` comments are
        skipped."""
        domains: set[str] = set()
        emails: set[str] = set()
        phones: set[str] = set()
        socials: set[tuple[str, str]] = set()
        apps: set[tuple[str, str]] = set()
        staff: set[str] = set()
        display: list[str] = []
        unrelated: set[str] = set()
        for number, raw in enumerate(lines, start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            try:
                lower = line.casefold()
                if lower.startswith("mailto:"):
                    address = line[7:].strip()
                    local, at, domain = address.rpartition("@")
                    if not at or not local or not domain:
                        raise TrustInputError(f"not an e-mail address: {address!r}")
                    emails.add(f"{local.casefold()}@{normalise_host(domain)}")
                elif lower.startswith("tel:"):
                    phones.add(normalise_phone(line))
                elif line.startswith("@"):
                    platform, colon, handle = line[1:].partition(":")
                    if not colon or not platform.strip() or not handle.strip():
                        raise TrustInputError("a social account is @platform:handle")
                    socials.add((normalise_platform(platform), normalise_handle(handle)))
                elif lower.startswith("app:"):
                    _, store, app_id = (part.strip() for part in line.split(":", 2))
                    if not store or not app_id:
                        raise TrustInputError("an app is app:store:id")
                    apps.add((store.casefold(), app_id.casefold()))
                elif lower.startswith("staff:"):
                    name = line[6:].strip()
                    if not name:
                        raise TrustInputError("a staff line is staff:Name")
                    staff |= name_variants(name)
                    display.append(name)
                elif lower.startswith("unrelated:"):
                    unrelated.add(_domain_line(line[10:]))
                else:
                    domains.add(_domain_line(line))
            except (TrustInputError, ValueError) as exc:
                raise TrustInputError(f"official list line {number}: {exc}") from exc
        return cls(
            frozenset(domains), frozenset(emails), frozenset(phones), frozenset(socials),
            frozenset(apps), frozenset(staff), tuple(display), frozenset(unrelated),
        )  # fmt: skip

    @classmethod
    def from_file(cls, path: str) -> Registry:
        with open(path, encoding="utf-8") as handle:
            return cls.from_lines(handle)

    def unrelated_owner(self, host: str) -> str | None:
        """The listed unrelated domain that ``host`` is (or is a subdomain of), else None."""
        for domain in self.unrelated:
            if host == domain or host.endswith("." + domain):
                return domain
        return None

    def brand_domains(self) -> frozenset[str]:
        """Registrable domains that define the brand: official domains and sender domains."""
        hosts = set(self.domains) | {address.rpartition("@")[2] for address in self.emails}
        return frozenset(host_parts(host).registrable for host in hosts)

    def brand_names(self) -> frozenset[str]:
        """Brand words (``madoguchi``) from the registrable domains, for lookalike checks."""
        return frozenset(host_parts(d).name for d in self.brand_domains())
