"""Models of madoguchi.signing."""

from __future__ import annotations
