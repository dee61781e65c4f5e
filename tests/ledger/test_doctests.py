"""The examples in the package's docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["", ".merkle", ".note", ".checkpoint", ".plan", ".frontier"])
def test_doctests(name):
    module = importlib.import_module(f"madoguchi.ledger{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
