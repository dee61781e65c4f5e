"""The frozen result types of :func:`madoguchi.analysis.analyze`.

Spans (``start``, ``end``) are Python string indices into the *original* text, end exclusive.
No type here ever holds the text of a secret: a :class:`SecretSpan` carries only its kind and
span, so a secret cannot leak through a repr, a log line or an exception message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# --- secret kinds ---------------------------------------------------------------------------
RECOVERY_PHRASE = "recovery_phrase"
PRIVATE_KEY = "private_key"  # WIF or 64-hex key
EXTENDED_PRIVATE_KEY = "extended_private_key"  # xprv/yprv/zprv/tprv...
KEYSTORE = "keystore"  # Ethereum keystore (UTC/JSON) file
PASSWORD = "password"  # noqa: S105 (a kind name, not a password)
ONE_TIME_CODE = "one_time_code"  # SMS / TOTP / e-mail verification code
BACKUP_CODE = "backup_code"  # 2FA recovery / backup codes

SECRET_KINDS: tuple[str, ...] = (
    RECOVERY_PHRASE,
    PRIVATE_KEY,
    EXTENDED_PRIVATE_KEY,
    KEYSTORE,
    PASSWORD,
    ONE_TIME_CODE,
    BACKUP_CODE,
)

#: Redaction labels, ``{kind: (english, japanese)}``.
SECRET_LABELS: dict[str, tuple[str, str]] = {
    RECOVERY_PHRASE: ("recovery phrase", "リカバリーフレーズ"),
    PRIVATE_KEY: ("private key", "秘密鍵"),
    EXTENDED_PRIVATE_KEY: ("extended private key", "拡張秘密鍵"),
    KEYSTORE: ("keystore file", "キーストアファイル"),
    PASSWORD: ("password", "パスワード"),
    ONE_TIME_CODE: ("one-time code", "ワンタイムコード"),
    BACKUP_CODE: ("backup code", "バックアップコード"),
}

# --- entity kinds ---------------------------------------------------------------------------
ADDRESS = "address"
TXID = "txid"
EXTENDED_PUBLIC_KEY = "extended_public_key"
NETWORK = "network"
ASSET = "asset"
AMOUNT = "amount"
MEMO = "memo"  # destination tag / memo / payment id
DATETIME = "datetime"
ERROR_CODE = "error_code"
URL = "url"
DOMAIN = "domain"
EMAIL = "email"
PHONE = "phone"
SOCIAL_HANDLE = "social_handle"
ORDER_ID = "order_id"

ENTITY_KINDS: tuple[str, ...] = (
    ADDRESS,
    TXID,
    EXTENDED_PUBLIC_KEY,
    NETWORK,
    ASSET,
    AMOUNT,
    MEMO,
    DATETIME,
    ERROR_CODE,
    URL,
    DOMAIN,
    EMAIL,
    PHONE,
    SOCIAL_HANDLE,
    ORDER_ID,
)


@dataclass(frozen=True, slots=True)
class SecretSpan:
    """A secret found in the text: only its kind and where it was, never its value.

    >>> SecretSpan(kind="password", start=10, end=18)
    SecretSpan(kind='password', start=10, end=18)
    """

    kind: str
    start: int
    end: int
    #: why it was judged a secret, e.g. ``"bip39:english:12 words:checksum ok"``; never the value.
    reason: str = field(default="", compare=False)

    def __repr__(self) -> str:
        return f"SecretSpan(kind={self.kind!r}, start={self.start}, end={self.end})"

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Entity:
    """Something support needs from a message: an address, a txid, an amount...

    ``value`` is the normalised value (a canonical network id, an ISO datetime, a Decimal as str,
    ...). ``valid`` is ``True``/``False`` where a check exists and ``None`` where none does.
    ``details`` carries kind-specific facts (address type, testnet flag, warnings).
    """

    kind: str
    text: str
    start: int
    end: int
    value: Any = None
    chain: str | None = None
    valid: bool | None = None
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "chain": self.chain,
            "valid": self.valid,
        }
        if self.details:
            out["details"] = self.details
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """A consistency or safety observation, with a message in both languages.

    ``code`` is stable (documented in docs/analysis.md), e.g. ``"network_mismatch"``.
    ``spans`` point at the entities involved.
    """

    code: str
    severity: str  # "info" | "warning" | "danger"
    message_en: str
    message_ja: str
    spans: tuple[tuple[int, int], ...] = ()
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": {"en": self.message_en, "ja": self.message_ja},
            "spans": [list(s) for s in self.spans],
            **({"details": self.details} if self.details else {}),
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything :func:`analyze` learned from one message."""

    redacted: str
    language: str
    secrets: tuple[SecretSpan, ...]
    entities: tuple[Entity, ...]
    findings: tuple[Finding, ...]

    def __repr__(self) -> str:  # the redacted text is safe to show; the input never is kept
        return (
            f"Analysis(language={self.language!r}, secrets={len(self.secrets)}, "
            f"entities={len(self.entities)}, findings={len(self.findings)})"
        )

    def storable(self) -> dict[str, Any]:
        """The JSON to store beside ``redacted``: spans point into the *redacted* text (the
        original is never stored), secrets keep their original spans and kinds only."""
        from madoguchi.analysis._redact import to_redacted_offsets

        shift = to_redacted_offsets(self.secrets, language=self.language)
        entities = []
        for e in self.entities:
            d = e.as_dict()
            d["start"], d["end"] = shift(e.start), shift(e.end)
            entities.append(d)
        findings = []
        for f in self.findings:
            d = f.as_dict()
            d["spans"] = [[shift(a), shift(b)] for a, b in f.spans]
            findings.append(d)
        return {
            "language": self.language,
            "secrets": [s.as_dict() for s in self.secrets],
            "entities": entities,
            "findings": findings,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "redacted": self.redacted,
            "language": self.language,
            "secrets": [s.as_dict() for s in self.secrets],
            "entities": [e.as_dict() for e in self.entities],
            "findings": [f.as_dict() for f in self.findings],
        }
