"""Language of a message. Contract: ``detect_language(text) -> str`` (ISO 639-1 code)."""


def detect_language(text: str) -> str:  # placeholder
    return "ja" if any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text) else "en"
