"""Per-chain address, transaction-id and extended-public-key recognition (pure).

Public contract (used by the orchestrator and the findings):
- ``scan(text) -> list[Entity]``: ADDRESS, TXID and EXTENDED_PUBLIC_KEY entities with spans
  into ``text``.
- ``identify_address(candidate) -> AddressInfo``: what one string is, per chain.
"""

def scan(text):  # placeholder until the chains module lands
    return []
