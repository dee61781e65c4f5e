"""The assistant's conversation state machine, the same on every channel (pure)."""
