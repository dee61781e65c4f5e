"""Models of madoguchi.officials."""

from __future__ import annotations
