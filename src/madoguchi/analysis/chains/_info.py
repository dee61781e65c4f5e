"""What one address string is: :class:`AddressInfo` and the status/chain names it uses.

>>> AddressInfo(chain="tron", kind="base58", status=VALID).valid
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# --- status: how far the string could be checked ----------------------------------------------
VALID = "valid"  # a checksum (or an exact structure) was verified
INVALID_CHECKSUM = "invalid_checksum"  # well formed for the chain, checksum does not match
INVALID_FORMAT = "invalid_format"  # looks like the chain's address, wrong length/char/version
UNCHECKED = "unchecked"  # format allows no check (EVM all-lower/all-upper)
PLAUSIBLE = "plausible"  # no checksum exists at all (Solana: any 32 bytes)
UNKNOWN_FORMAT = "unknown_format"  # not an address of any supported chain

STATUSES = (VALID, INVALID_CHECKSUM, INVALID_FORMAT, UNCHECKED, PLAUSIBLE, UNKNOWN_FORMAT)

# --- canonical chain ids ------------------------------------------------------------------------
BITCOIN = "bitcoin"
ETHEREUM = "ethereum"  # every EVM chain: one address format
TRON = "tron"
XRP = "xrp"
LITECOIN = "litecoin"
BITCOIN_CASH = "bitcoin-cash"
DOGECOIN = "dogecoin"
SOLANA = "solana"
STELLAR = "stellar"
COSMOS = "cosmos"

CHAINS = (
    BITCOIN,
    ETHEREUM,
    TRON,
    XRP,
    LITECOIN,
    BITCOIN_CASH,
    DOGECOIN,
    SOLANA,
    STELLAR,
    COSMOS,
)

#: Networks on which the same address string can receive funds. EVM addresses are shared by
#: every EVM chain, which is exactly why "sent on the wrong network" tickets exist.
EVM_NETWORKS = ("ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche-c")

#: Chains where an exchange deposit usually needs a memo / destination tag next to the address.
MEMO_CHAINS = frozenset({XRP, STELLAR, COSMOS})

MAINNET = "mainnet"
TESTNET = "testnet"
REGTEST = "regtest"


def compatible_networks(chain: str | None) -> list[str]:
    """Networks that accept an address of ``chain`` (``["tron"]``, the EVM list...)."""
    if chain is None:
        return []
    if chain == ETHEREUM:
        return list(EVM_NETWORKS)
    return [chain]


@dataclass(frozen=True, slots=True)
class AddressInfo:
    """The verdict on one candidate address.

    ``normalized`` is the string with invisible, fullwidth and homoglyph characters resolved
    (and bech32/cashaddr lower-cased); ``warnings`` says which of those tricks were present.
    ``extra`` holds chain-specific facts (``{"tag": 12345}`` for an X-address...).
    """

    chain: str | None
    kind: str
    network: str = MAINNET
    status: str = UNKNOWN_FORMAT
    warnings: tuple[str, ...] = ()
    normalized: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def valid(self) -> bool | None:
        """``True`` only for a verified, untricked address; ``None`` where nothing is checkable."""
        if self.status in (UNCHECKED, PLAUSIBLE, UNKNOWN_FORMAT):
            return None if not self.warnings or self.status == UNKNOWN_FORMAT else False
        return self.status == VALID and not self.warnings


def unknown(
    normalized: str = "", warnings: tuple[str, ...] = (), kind: str = "unknown"
) -> AddressInfo:
    """The "not an address" verdict."""
    return AddressInfo(None, kind, MAINNET, UNKNOWN_FORMAT, warnings, normalized)
