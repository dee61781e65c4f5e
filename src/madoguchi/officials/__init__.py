"""The official-channel registry and the public "Is this official?" page and API."""
