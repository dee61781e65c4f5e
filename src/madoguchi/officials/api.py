"""API routes of madoguchi.officials (mounted under /api/v1/)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["officials"])
