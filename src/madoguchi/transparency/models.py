"""Models of madoguchi.transparency."""

from __future__ import annotations
