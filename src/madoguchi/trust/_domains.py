"""Lookalike rules on names: edit limits, brand plus words, the brand under another domain.

``_check`` applies them to domains, e-mail addresses and handles; each takes plain strings or
host parts and answers yes or no, so the rules can be read and tested one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from madoguchi.trust._hosts import HostParts, host_parts
from madoguchi.trust._owners import WELL_KNOWN_OWNERS
from madoguchi.trust._registry import Registry
from madoguchi.trust._skeleton import loose_skeleton, skeleton
from madoguchi.trust._words import glued_words

_SEPARATORS = re.compile(r"[-_.]+")


def edit_limit(brand: str) -> int:
    """Edits tolerated. Short names sit among real words (``okx`` / ``ok``, ``metamask`` /
    ``metabase``), so only names of 9 letters or more get two."""
    if len(brand) <= 3:
        return 0
    return 1 if len(brand) <= 8 else 2


def contains_brand(word: str, brand: str, suffix: str = "") -> bool:
    """Brand as a token (``madoguchi-login``) or glued to impostor words (``madoguchisupport``)
    or to its own domain ending (``okxcom``, ``pancakeswapfinance``: ``suffix`` without dots).

    Only exact (skeleton) tokens: a fuzzy token match would take finance.yahoo.com for binance;
    only impostor words glued on: ``opensearch`` is not OpenSea (see ``_words``).
    """
    target, ending = loose_skeleton(brand), loose_skeleton(suffix)

    def glued(part: str) -> bool:
        return not part or part == ending or glued_words(part)

    for token in _SEPARATORS.split(word):
        if not token:
            continue
        loose = loose_skeleton(token)
        if loose == target:
            return True
        start = loose.find(target) if len(target) >= 3 else -1
        while start >= 0:
            if glued(loose[:start]) and glued(loose[start + len(target) :]):
                return True
            start = loose.find(target, start + 1)
    return False


@dataclass(frozen=True)
class Brand:
    """A brand's registrable domain, split, with its name's skeletons."""

    domain: str
    parts: HostParts
    loose: str
    skeleton: str


@lru_cache(maxsize=64)
def brands_of(registry: Registry) -> tuple[Brand, ...]:
    """The registry's brand domains, split and skeletonised once per registry."""
    found = []
    for domain in sorted(registry.brand_domains()):
        parts = host_parts(domain)
        found.append(Brand(domain, parts, loose_skeleton(parts.name), skeleton(parts.name)))
    return tuple(found)


def in_subdomain(parts: HostParts, brand: Brand) -> bool:
    """``binance.com.evil.io``, ``binance-login.evil.io``, ``metamask.github.io``; not
    ``gemini.google.com``: a bare brand label under a well-known owner is its own product."""
    labels = [label for label in parts.subdomain.split(".") if label]
    suffix = brand.parts.suffix.split(".")
    for i, label in enumerate(labels):
        if not contains_brand(label, brand.parts.name):
            continue
        bare = loose_skeleton(label) == brand.loose
        with_suffix = labels[i + 1 : i + 1 + len(suffix)] == suffix
        if bare and not with_suffix and parts.registrable in WELL_KNOWN_OWNERS:
            continue
        return True
    return False


def split_brand(parts: HostParts, brand: Brand) -> bool:
    """The brand cut by a dot so its tail is the real domain: ``coin.base.com``."""
    labels = [label for label in parts.subdomain.split(".") if label] + [parts.name]
    return any(
        loose_skeleton("".join(labels[-count:])) == brand.loose
        for count in range(2, len(labels) + 1)
    )
