"""Host names: IDNA both ways, the registrable domain, and the warnings support should see.

>>> info = host_info("XN--BNANCE-PVF.com")
>>> info.host, info.ascii_host, info.registrable_domain, info.warnings
('bіnance.com', 'xn--bnance-pvf.com', 'bіnance.com', ('punycode', 'idn', 'mixed_script'))
"""

from __future__ import annotations

import ipaddress
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import idna
import tldextract

#: RFC 1035 §2.3.4: 253 characters for a name, 63 for a label.
MAX_HOST = 253
MAX_LABEL = 63

#: RFC 2606 / 6761 reserved names count as suffixes, as in ``madoguchi.trust``: the help articles,
#: demos and tests name ``madoguchi.example``, and a link there is a link to check
RESERVED_SUFFIXES = ("example", "test")

_extractor: tldextract.TLDExtract | None = None


def _extract(ascii_host: str) -> tldextract.tldextract.ExtractResult:
    # One offline extractor for the process: the bundled Public Suffix List snapshot, no HTTP
    # (suffix_list_urls=()), no cache files written (cache_dir=None).
    global _extractor
    if _extractor is None:
        _extractor = tldextract.TLDExtract(
            suffix_list_urls=(), cache_dir=None, extra_suffixes=RESERVED_SUFFIXES
        )
    return _extractor.extract_str(ascii_host)


@dataclass(frozen=True, slots=True)
class HostInfo:
    """What a host name is: display form, ASCII form, public suffix, warnings."""

    host: str  # lower-case, IDNA-decoded (Unicode) for display
    ascii_host: str  # lower-case punycode (what DNS sees)
    suffix: str  # the public suffix ("co.jp"), "" when the name has none
    registrable_domain: str  # "example.co.jp", "" when none (IP, unknown suffix)
    ip_host: bool
    ok: bool  # a well-formed name under a real suffix, or an IP address
    warnings: tuple[str, ...] = ()


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    script = name.split(" ", 1)[0]
    # Han and kana mix legitimately in one Japanese label
    if script in ("CJK", "HIRAGANA", "KATAKANA"):
        return "JAPANESE"
    return script


def _mixed_script(label: str) -> bool:
    scripts = {_script(ch) for ch in label if ch.isalpha()}
    return len(scripts) > 1


def _to_unicode(label: str) -> tuple[str, bool]:
    try:
        return idna.decode(label), True
    except (idna.IDNAError, UnicodeError, ValueError):
        try:  # not IDNA2008-valid, but still show what the browser would draw
            return label[4:].encode("ascii").decode("punycode"), False
        except (UnicodeError, ValueError):
            return label, False


def _to_ascii(label: str) -> tuple[str, bool]:
    try:
        return idna.alabel(label).decode("ascii"), True
    except (idna.IDNAError, UnicodeError, ValueError):
        try:
            return "xn--" + label.encode("punycode").decode("ascii"), False
        except (UnicodeError, ValueError):
            return label, False


def _ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def host_info(raw: str) -> HostInfo:
    """Describe a host name (any case, Unicode or punycode, optional trailing dot)."""
    host = raw.lower().rstrip(".")
    if _ip(host):
        return HostInfo(host, host, "", "", True, True, ("ip_host",))
    warnings: list[str] = []
    labels = host.split(".")
    # RFC 1035/5891: label lengths, and no label may start or end with a hyphen
    ok = 0 < len(host) <= MAX_HOST and all(
        0 < len(lb) <= MAX_LABEL and lb[0] != "-" and lb[-1] != "-" for lb in labels
    )
    uni: list[str] = []
    asc: list[str] = []
    for label in labels:
        if label.isascii():
            if label.startswith("xn--"):
                _add(warnings, "punycode")
                u, good = _to_unicode(label)
                ok = ok and good
            else:
                u = label
            uni.append(u)
            asc.append(label)
        else:
            a, good = _to_ascii(label)
            ok = ok and good
            uni.append(label)
            asc.append(a)
    if any(not u.isascii() for u in uni):
        _add(warnings, "idn")
        if any(_mixed_script(u) for u in uni if not u.isascii()):
            _add(warnings, "mixed_script")
    ascii_host = ".".join(asc)
    result = _extract(ascii_host)
    suffix_n = result.suffix.count(".") + 1 if result.suffix else 0
    has_domain = bool(result.suffix and result.domain)
    ok = ok and has_domain
    suffix = ".".join(uni[-suffix_n:]) if suffix_n else ""
    registrable = ".".join(uni[-suffix_n - 1 :]) if has_domain else ""
    return HostInfo(".".join(uni), ascii_host, suffix, registrable, False, ok, tuple(warnings))


def _add(warnings: list[str], code: str) -> None:
    if code not in warnings:
        warnings.append(code)
