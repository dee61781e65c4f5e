"""Per-chain address, transaction-id and extended-public-key recognition (pure).

- :func:`scan` finds ADDRESS, TXID and EXTENDED_PUBLIC_KEY entities in a message.
- :func:`identify_address` says what one string is (chain, kind, network, status, warnings).
- :func:`decode_extended_key` lets the secret shield recognise xprv/tprv... without key bytes.

>>> identify_address("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4").kind
'p2wpkh'
"""

from madoguchi.analysis.chains._info import (
    CHAINS,
    EVM_NETWORKS,
    INVALID_CHECKSUM,
    INVALID_FORMAT,
    PLAUSIBLE,
    STATUSES,
    UNCHECKED,
    UNKNOWN_FORMAT,
    VALID,
    AddressInfo,
)
from madoguchi.analysis.chains.identify import identify_address
from madoguchi.analysis.chains.scan import scan
from madoguchi.analysis.chains.xpub import decode_extended_key

__all__ = [
    "CHAINS",
    "EVM_NETWORKS",
    "INVALID_CHECKSUM",
    "INVALID_FORMAT",
    "PLAUSIBLE",
    "STATUSES",
    "UNCHECKED",
    "UNKNOWN_FORMAT",
    "VALID",
    "AddressInfo",
    "decode_extended_key",
    "identify_address",
    "scan",
]
