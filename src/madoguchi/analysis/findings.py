"""Consistency findings. Contract: ``check(text, entities) -> list[Finding]``."""


def check(text, entities):  # placeholder
    return []
