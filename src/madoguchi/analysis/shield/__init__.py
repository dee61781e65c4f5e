"""The secret shield: finds recovery phrases, private keys, passwords and one-time codes.

Public contract: ``find_secrets(text) -> list[SecretSpan]`` (sorted, non-overlapping).
"""

def find_secrets(text):  # placeholder until the shield lands
    return []
