"""The examples in the package's docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["__init__", "_charset", "_html", "_names", "_parser", "_quotes"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(f"madoguchi.mailparse.{name}".replace(".__init__", ""))
    failures, _tried = doctest.testmod(module)
    assert failures == 0
