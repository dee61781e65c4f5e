"""`madoguchi guard ...` commands."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register `madoguchi guard` on the top-level parser (nothing yet)."""
