"""Host names: punycode decoding and Public Suffix List splitting, offline.

tldextract runs with its bundled PSL snapshot (``suffix_list_urls=()``) so a check never fetches
anything; it does not decode punycode, so ``idna`` turns ``xn--`` labels into Unicode first.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import idna
import tldextract

from madoguchi.analysis.entities._contacts_host import RESERVED_SUFFIXES

# RFC 2606 reserved names are suffixes too, so examples and demos (madoguchi.example) check
_extractor = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, extra_suffixes=RESERVED_SUFFIXES
)


@dataclass(frozen=True)
class HostParts:
    """``a.madoguchi.co.jp`` → subdomain ``a``, name ``madoguchi``, suffix ``co.jp``."""

    host: str
    subdomain: str
    name: str
    suffix: str

    @property
    def registrable(self) -> str:
        return f"{self.name}.{self.suffix}"


def decode_label(label: str) -> str:
    """``xn--bnance-...`` → Unicode; a label that is not valid punycode stays as it is."""
    if label.startswith("xn--"):
        try:
            return idna.decode(label)
        except (idna.IDNAError, UnicodeError):
            return label
    return label


def normalise_host(text: str) -> str:
    """Host of a domain or URL, lower-case, Unicode (punycode decoded), no port or dot at end."""
    value = text.strip()
    if not value:
        raise ValueError("empty value")
    if "://" not in value:
        value = "//" + value
    try:
        host = urlsplit(value).hostname or ""
    except ValueError as exc:
        raise ValueError(f"not a domain or URL: {text!r}") from exc
    host = host.strip(".").casefold()
    if not host or " " in host:
        raise ValueError(f"not a domain or URL: {text!r}")
    return ".".join(decode_label(label) for label in host.split("."))


def host_parts(host: str) -> HostParts:
    """Split by the Public Suffix List; ValueError when there is no registrable domain."""
    result = _extractor(host)
    if not result.domain or not result.suffix:
        raise ValueError(f"no registrable domain in {host!r}")
    return HostParts(host, result.subdomain, result.domain, result.suffix)


def is_public_suffix(host: str) -> bool:
    """``gov.uk``, ``go.jp``: the host is itself a public suffix, with no name under it."""
    result = _extractor(host)
    return not result.domain and result.suffix == host
