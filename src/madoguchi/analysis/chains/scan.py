"""``scan(text)``: every address, transaction id and extended public key in a message.

The text is cut into *runs* of characters an address can be made of (ASCII letters and digits,
``:`` for ``bitcoincash:``, plus fullwidth forms, invisibles and homoglyphs so a disguised
address is still found). Each run is folded to ASCII and split on ``:`` into tokens; each token
is identified once. Everything is linear: one C-level regex pass, runs longer than
:data:`MAX_RUN` are skipped whole, and every decode works on a token of bounded length.

>>> [e.chain for e in scan("送金先: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t です")]
['tron']
"""

from __future__ import annotations

import re

from madoguchi.analysis._textmap import fold
from madoguchi.analysis._types import ADDRESS, EXTENDED_PUBLIC_KEY, TXID, Entity
from madoguchi.analysis.chains import cashaddr, xpub
from madoguchi.analysis.chains._info import UNKNOWN_FORMAT, compatible_networks
from madoguchi.analysis.chains._unicode import SUSPECT_CLASS, translate_homoglyphs, warnings_for
from madoguchi.analysis.chains.identify import MAX_LENGTH, canonical, identify_ascii
from madoguchi.analysis.chains.txid import identify_txid, with_context

#: Longer runs are blobs (base64, hashes glued together, hostile input), never one address.
MAX_RUN = 400
#: The shortest valid address (segwit witness v2 with a 2-byte program, "bc1z2rksukkjr8").
MIN_TOKEN = 14
_HAS_DIGIT = re.compile("[0-9\uff10-\uff19]")
_RUN = re.compile(f"[0-9A-Za-z:{SUSPECT_CLASS}]{{{MIN_TOKEN},}}")
_DIGIT = re.compile("[0-9]")


def _address_entity(text: str, start: int, end: int, token: str) -> Entity | None:
    info = identify_ascii(token)
    if info is None or info.status == UNKNOWN_FORMAT:
        return None
    original = text[start:end]
    warnings = warnings_for(original)
    details = {
        "status": info.status,
        "type": info.kind,
        "network": info.network,
        "warnings": list(warnings),
        "compatible_networks": compatible_networks(info.chain),
        **info.extra,
    }
    if info.chain in ("xrp", "stellar", "cosmos"):
        details["memo_chain"] = True
    valid = info.valid if not warnings else False
    return Entity(ADDRESS, original, start, end, canonical(info, token), info.chain, valid, details)


def _xpub_entity(text: str, start: int, end: int, token: str) -> Entity | None:
    if xpub.PREFIXES[token[:4]]:
        return None  # a private extended key is a secret: the shield reports it
    key = xpub.inspect_extended_key(token)
    original = text[start:end]
    warnings = warnings_for(original)
    details = {
        "status": "valid" if key.ok else "invalid",
        "version": key.prefix,
        "network": key.network,
        "depth": key.depth,
        "warnings": list(warnings),
        **({"reason": key.reason} if key.reason else {}),
    }
    return Entity(
        EXTENDED_PUBLIC_KEY,
        original,
        start,
        end,
        token,
        key.chain,
        key.ok and not warnings,
        details,
    )


def _txid_entity(text: str, start: int, end: int, token: str) -> Entity | None:
    found = identify_txid(token)
    if found is None:
        return None
    found = with_context(found, text, start, end)
    if found is None:
        return None
    original = text[start:end]
    details = {**found.details, "warnings": list(warnings_for(original))}
    return Entity(TXID, original, start, end, found.value, found.chain, None, details)


def _classify(text: str, start: int, end: int, token: str) -> Entity | None:
    if xpub.looks_like_extended_key(token):
        return _xpub_entity(text, start, end, token)
    if len(token) >= 64:
        entity = _txid_entity(text, start, end, token)
        if entity is not None:
            return entity
    return _address_entity(text, start, end, token)


def _scan_run(text: str, base: int, run: str, out: list[Entity]) -> None:
    if run.isascii():
        folded, mapping = run, None
    else:
        mapping = fold(run, lower=False)
        folded = translate_homoglyphs(mapping.text)

    def span(i: int, j: int) -> tuple[int, int]:
        if mapping is None:
            return base + i, base + j
        return base + mapping.start(i), base + mapping.end(j)

    pos = 0
    prefix: tuple[int, str] | None = None  # (start, text) of the token before a ':'
    for token in folded.split(":"):
        i, j = pos, pos + len(token)
        pos = j + 1
        lower_prefix = prefix[1].lower() if prefix else ""
        if lower_prefix in cashaddr.PREFIXES and token:
            start, end = span(prefix[0], j)  # type: ignore[index]
            entity = _address_entity(text, start, end, f"{lower_prefix}:{token}")
            if entity is not None:
                out.append(entity)
                prefix = None
                continue
        prefix = (i, token)
        if MIN_TOKEN <= len(token) <= MAX_LENGTH and _DIGIT.search(token):
            start, end = span(i, j)
            entity = _classify(text, start, end, token)
            if entity is not None:
                out.append(entity)


def scan(text: str) -> list[Entity]:
    """Find ADDRESS, TXID and EXTENDED_PUBLIC_KEY entities; spans index ``text``."""
    if not _HAS_DIGIT.search(text):
        return []  # every address, txid and key we report contains a digit
    out: list[Entity] = []
    for m in _RUN.finditer(text):
        run = m.group()
        if len(run) <= MAX_RUN:
            _scan_run(text, m.start(), run, out)
    return out
