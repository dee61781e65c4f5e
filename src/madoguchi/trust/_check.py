"""``check(value, registry)``: is this domain, address, number, handle or name official?

The rules mirror how impostors imitate a brand: lookalike characters, punycode, one-letter
slips, extra words (``brand-support-login.com``), the brand as someone else's subdomain
(``brand.com.evil.io``), another top-level domain, and lookalike social handles. Anything that
is neither registered nor a lookalike is "unknown": absence from the registry alone is not proof
of fraud, but it is never "official".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from email.utils import parseaddr
from urllib.parse import urlsplit

from madoguchi.trust._domains import (
    brands_of,
    contains_brand,
    edit_limit,
    in_subdomain,
    split_brand,
)
from madoguchi.trust._hosts import host_parts, is_public_suffix, normalise_host
from madoguchi.trust._reasons import render
from madoguchi.trust._registry import (
    Registry,
    TrustInputError,
    name_variants,
    normalise_handle,
    normalise_phone,
    normalise_platform,
)
from madoguchi.trust._skeleton import distance, loose_skeleton, mixed_scripts, skeleton

OFFICIAL = "official"
IMPERSONATION = "impersonation"
UNKNOWN = "unknown"

# Profile URLs of social platforms: host → platform. The first path segment is the handle.
SOCIAL_HOSTS: dict[str, str] = {
    "x.com": "x", "twitter.com": "x", "t.me": "telegram", "telegram.me": "telegram",
    "instagram.com": "instagram", "facebook.com": "facebook", "youtube.com": "youtube",
    "tiktok.com": "tiktok", "line.me": "line", "reddit.com": "reddit", "github.com": "github",
}  # fmt: skip

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_PHONE = re.compile(r"^\+?[\d\s\-().]{6,}$")
_SEPARATORS = re.compile(r"[-_.]+")


@dataclass(frozen=True)
class Verdict:
    """The answer for one value: what it is, whether it is official, and why (ja/en)."""

    value: str
    kind: str
    verdict: str
    imitates: str | None = None
    reasons: tuple[str, ...] = ()
    reasons_en: tuple[str, ...] = ()
    reasons_ja: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "value": self.value, "kind": self.kind, "verdict": self.verdict,
            "imitates": self.imitates, "reasons": list(self.reasons),
            "reasons_en": list(self.reasons_en), "reasons_ja": list(self.reasons_ja),
        }  # fmt: skip


@dataclass
class _Finding:
    verdict: str = UNKNOWN
    imitates: str | None = None
    reasons: list[tuple[str, dict[str, object]]] = field(default_factory=list)

    def add(self, code: str, **values: object) -> None:
        self.reasons.append((code, values))


def _host_finding(host: str, registry: Registry, kind: str, raw: str) -> _Finding:
    finding = _Finding()
    for official in sorted(registry.domains, key=len, reverse=True):
        if host == official:
            finding.verdict, finding.imitates = OFFICIAL, official
            finding.add("official", kind=kind)
            return finding
        if host.endswith("." + official):
            finding.verdict, finding.imitates = OFFICIAL, official
            finding.add("official_subdomain", imitates=official)
            return finding
    if owner := registry.unrelated_owner(host):  # a different organisation, listed as such
        finding.add("unrelated", owner=owner)
        return finding
    if is_public_suffix(host):  # gov.uk, go.jp: a site of its own, no registrable name to match
        finding.add("not_registered")
        return finding
    try:
        parts = host_parts(host)
    except ValueError as exc:
        raise TrustInputError(str(exc)) from exc
    if "xn--" in raw.casefold() or not host.isascii():
        finding.add("punycode", shown=host)
    if mixed_scripts(parts.name):
        finding.add("mixed_scripts")
    hits: list[tuple[str, dict[str, object]]] = []
    name_loose, name_skeleton = loose_skeleton(parts.name), skeleton(parts.name)
    for brand in brands_of(registry):
        brand_domain, bname = brand.domain, brand.parts.name
        if parts.registrable == brand_domain:
            continue
        if parts.name == bname:
            hits.append(("tld_swap", {"imitates": brand_domain, "suffix": parts.suffix}))
        elif name_loose == brand.loose:
            hits.append(("confusable", {"imitates": brand_domain}))
        elif 0 < (d := distance(name_skeleton, brand.skeleton)) <= edit_limit(bname):
            hits.append(("edit_distance", {"imitates": brand_domain, "distance": d}))
        elif contains_brand(parts.name, bname, brand.parts.suffix.replace(".", "")):
            hits.append(("brand_plus_word", {"imitates": bname}))
        elif in_subdomain(parts, brand):
            hits.append(
                ("brand_in_subdomain", {"imitates": brand_domain, "owner": parts.registrable})
            )
        elif split_brand(parts, brand):
            hits.append(("brand_split", {"imitates": brand_domain, "owner": parts.registrable}))
        if hits:
            finding.verdict = IMPERSONATION
            finding.imitates = brand_domain
            break
    finding.reasons.extend(hits)
    if not hits:
        finding.add("not_registered")
    return finding


def _email_finding(address: str, registry: Registry) -> _Finding:
    local, _, domain = address.rpartition("@")
    host = normalise_host(domain)
    normalised = f"{local.casefold()}@{host}"
    if normalised in registry.emails:
        finding = _Finding(OFFICIAL, normalised)
        finding.add("official", kind="email")
        return finding
    domain_finding = _host_finding(host, registry, "domain", domain)
    in_brand = any(host == d or host.endswith("." + d) for d in registry.brand_domains())
    if domain_finding.verdict == OFFICIAL or in_brand:
        finding = _Finding(UNKNOWN, None)
        finding.add("sender_unregistered")
        return finding
    if domain_finding.verdict == UNKNOWN and not registry.unrelated_owner(host):
        for bname in sorted(registry.brand_names()):
            if contains_brand(local, bname):
                finding = _Finding(IMPERSONATION, bname)
                finding.add("brand_plus_word", imitates=bname)
                return finding
    return domain_finding


def _handle_finding(platform: str | None, handle: str, registry: Registry) -> _Finding:
    finding = _Finding()
    if not handle:
        raise TrustInputError("empty handle")
    if platform is not None and (platform, handle) in registry.socials:
        finding.verdict, finding.imitates = OFFICIAL, f"@{platform}:{handle}"
        finding.add("official", kind="handle")
        return finding
    elsewhere = sorted(p for p, h in registry.socials if h == handle)
    if elsewhere:
        if platform is None:
            finding.add("platform_missing", platforms=", ".join(elsewhere))
            return finding
        finding.verdict, finding.imitates = IMPERSONATION, f"@{elsewhere[0]}:{handle}"
        finding.add("handle_other_platform", platforms=", ".join(elsewhere), platform=platform)
        return finding
    core = _SEPARATORS.sub("", handle)
    # Same platform first, so the answer names the account a customer would confuse it with.
    officials = sorted(registry.socials, key=lambda ph: (ph[0] != platform, ph))
    for off_platform, off_handle in officials:
        off_core = _SEPARATORS.sub("", off_handle)
        label = f"@{off_platform}:{off_handle}"
        if loose_skeleton(core) == loose_skeleton(off_core):
            finding.add("confusable", imitates=label)
        elif 0 < (d := distance(skeleton(core), skeleton(off_core))) <= edit_limit(off_core):
            finding.add("edit_distance", imitates=label, distance=d)
        else:
            continue
        finding.verdict, finding.imitates = IMPERSONATION, label
        return finding
    for bname in sorted(registry.brand_names()):
        if 0 < (d := distance(skeleton(core), skeleton(bname))) <= edit_limit(bname):
            finding.verdict, finding.imitates = IMPERSONATION, bname
            finding.add("edit_distance", imitates=bname, distance=d)
            return finding
        if loose_skeleton(core) == loose_skeleton(bname) or contains_brand(handle, bname):
            finding.verdict, finding.imitates = IMPERSONATION, bname
            finding.add("brand_plus_word", imitates=bname)
            return finding
    finding.add("not_registered")
    return finding


def _userinfo_check(url: str, host: str, registry: Registry, finding: _Finding) -> None:
    """``https://madoguchi.com@evil.io/``: the brand before ``@`` is a user name, not the host."""
    try:
        userinfo = urlsplit(url if "://" in url else "//" + url).username or ""
    except ValueError:
        return
    if not userinfo:
        return
    for brand in brands_of(registry):
        brand_domain, name = brand.domain, brand.parts.name
        if any(contains_brand(part, name) for part in userinfo.split(".")):
            finding.verdict, finding.imitates = IMPERSONATION, brand_domain
            finding.reasons = [
                r for r in finding.reasons if r[0] not in ("not_registered", "unrelated")
            ]
            finding.add("brand_in_subdomain", imitates=brand_domain, owner=host)
            return


def _classify(value: str) -> tuple[str, object]:
    """Kind of a pasted value and its parsed form."""
    text = unicodedata.normalize("NFKC", value).strip()
    lower = text.casefold()
    if lower.startswith("mailto:"):
        return "email", text[7:].strip()
    if lower.startswith("tel:"):
        return "phone", text
    if lower.startswith("app:"):
        parts = [p.strip().casefold() for p in text.split(":", 2)]
        if len(parts) != 3 or not parts[1] or not parts[2]:
            raise TrustInputError("an app is app:store:id")
        return "app", (parts[1], parts[2])
    if lower.startswith("staff:"):
        return "staff", text[6:].strip()
    if text.startswith("@"):
        platform, colon, handle = text[1:].partition(":")
        if colon:
            return "handle", (normalise_platform(platform), normalise_handle(handle))
        return "handle", (None, normalise_handle(platform))
    if "://" not in text and _EMAIL.match(text):
        return "email", text
    name, address = parseaddr(text)
    if name and _EMAIL.match(address):
        return "email", address
    if _PHONE.match(text) and sum(ch.isdigit() for ch in text) >= 6:
        return "phone", text
    if "://" in text or (not any(ch.isspace() for ch in text) and "." in text):
        url = text if "://" in text else "//" + text
        try:
            split = urlsplit(url)
        except ValueError as exc:
            raise TrustInputError(f"not a URL: {value!r}") from exc
        host = (split.hostname or "").removeprefix("www.")
        segments = [s for s in split.path.split("/") if s]
        if host in SOCIAL_HOSTS and segments:
            handle = segments[-1] if host == "line.me" else segments[0]
            return "handle", (SOCIAL_HOSTS[host], normalise_handle(handle))
        is_url = "://" in text or bool(split.path.strip("/")) or bool(split.query)
        return ("url" if is_url else "domain"), text
    if not any(ch.isalpha() for ch in text) or any(ch in "/:@<>[]{}" for ch in text):
        raise TrustInputError(
            f"not a domain, URL, e-mail address, phone number, handle or name: {value!r}"
        )
    return "staff", text


def check(value: str, registry: Registry) -> Verdict:
    """Verdict for one pasted value. TrustInputError when it is empty or not understood."""
    try:
        return _check(value, registry)
    except TrustInputError:
        raise
    except ValueError as exc:  # a malformed host or address deep inside a parser
        raise TrustInputError(str(exc)) from exc


def _check(value: str, registry: Registry) -> Verdict:
    if not isinstance(value, str) or not value.strip():
        raise TrustInputError("empty value")
    if len(value) > 2000:
        raise TrustInputError("value too long (over 2000 characters)")
    kind, parsed = _classify(value)
    if kind == "email":
        finding = _email_finding(str(parsed), registry)
    elif kind in ("domain", "url"):
        try:
            host = normalise_host(str(parsed))
        except ValueError as exc:
            raise TrustInputError(str(exc)) from exc
        finding = _host_finding(host, registry, kind, str(parsed))
        if finding.verdict == UNKNOWN:
            _userinfo_check(str(parsed), host, registry, finding)
    elif kind == "phone":
        number = normalise_phone(str(parsed))
        if number in registry.phones:
            finding = _Finding(OFFICIAL, number)
            finding.add("official", kind="phone")
        else:
            finding = _Finding()
            finding.add("not_registered")
    elif kind == "handle":
        platform, handle = parsed  # type: ignore[misc]
        finding = _handle_finding(platform, handle, registry)
    elif kind == "app":
        if parsed in registry.apps:
            store, app_id = parsed  # type: ignore[misc]
            finding = _Finding(OFFICIAL, f"app:{store}:{app_id}")
            finding.add("official", kind="app")
        else:
            finding = _Finding()
            finding.add("not_registered")
    else:
        name = str(parsed)
        if not name:
            raise TrustInputError("empty staff name")
        variants = name_variants(name)
        if variants & registry.staff:
            shown = [d for d in registry.staff_display if name_variants(d) & variants]
            finding = _Finding(OFFICIAL, shown[0] if shown else name)
            finding.add("official", kind="staff")
        else:
            finding = _Finding()
            finding.add("staff_unregistered")
    texts = [render(code, **values) for code, values in finding.reasons]
    return Verdict(
        value=value,
        kind=kind,
        verdict=finding.verdict,
        imitates=finding.imitates,
        reasons=tuple(code for code, _ in finding.reasons),
        reasons_en=tuple(en for en, _ in texts),
        reasons_ja=tuple(ja for _, ja in texts),
    )
