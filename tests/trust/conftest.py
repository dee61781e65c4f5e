"""Shared official list: the sample brand Madoguchi Exchange plus real exchanges as brands."""

from __future__ import annotations

import pytest

from madoguchi.trust import Registry

OFFICIAL_LINES = """\
# Madoguchi Exchange
madoguchi.com
mailto:support@madoguchi.com
tel:+81-3-1234-5678
@x:madoguchi_ex
@telegram:madoguchi_official
app:ios:123456
staff:Aiko Tanaka
"""


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.from_lines(OFFICIAL_LINES.splitlines())


@pytest.fixture(scope="session")
def exchanges() -> Registry:
    """Several real brands at once, so legitimate domains are checked against each other."""
    return Registry.from_lines(["binance.com", "coinbase.com", "kraken.com", "bitflyer.com"])
