"""Entities named in a message (networks, assets, amounts, dates, contacts, codes).

Each module exposes ``scan(text) -> list[Entity]`` (``datetimes.scan`` also takes the message
time and the desk's time zone). Overlaps between modules are resolved by the orchestrator.
"""
