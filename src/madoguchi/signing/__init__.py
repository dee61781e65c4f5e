"""Verification codes on every outbound message, and the page that checks them."""
