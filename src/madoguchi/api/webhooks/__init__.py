"""Outgoing webhooks for ticket events: signed, retried, SSRF-guarded (docs/api.md)."""
