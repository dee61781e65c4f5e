"""Understanding customer questions: tokenisation, intent classification, article retrieval (pure)."""
