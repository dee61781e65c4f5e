"""``madoguchi`` subcommands for the kb part of issue 4 (filled in by its owner)."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register this module's subcommands on the top-level parser."""
