"""Models of madoguchi.guardian."""

from __future__ import annotations
