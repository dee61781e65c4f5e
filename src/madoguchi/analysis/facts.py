"""Check the preparation-checklist facts a customer typed into a form, on the spot.

Each fact is read by the same detectors as a message: a secret typed into any field is
redacted and reported; an address is validated for its chain; a transaction id, an amount, a
date are normalised; and the facts are checked against each other ("this address is a Tron
address, but you chose ERC20").

>>> report = check_facts({"network": "ERC20", "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"})
>>> report.facts["address"].value, [f.code for f in report.findings]
('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', ['network_mismatch'])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from madoguchi.analysis import chains, findings, secret_warnings
from madoguchi.analysis._analyze import analyze
from madoguchi.analysis._types import Entity, Finding, SecretSpan

#: The longest value one checklist field accepts (the message body has its own limit).
MAX_FACT_LENGTH = 2000

# What each slot expects, and the messages shown when it is not that.
_EXPECT: dict[str, tuple[str, ...]] = {
    "asset": ("asset",),
    "network": ("network",),
    "amount": ("amount",),
    "tx_hash": ("txid",),
    "address": ("address",),
    "occurred_at": ("datetime",),
    "url": ("url", "domain"),
    "contact_handle": ("email", "phone", "social_handle"),
    "memo_tag": ("memo",),
}

#: A coin named in the network field means its own chain (canonical network ids).
_NATIVE_CHAIN = {
    "BTC": "bitcoin", "ETH": "ethereum", "XRP": "xrp", "SOL": "solana", "TRX": "tron",
    "LTC": "litecoin", "DOGE": "dogecoin", "BCH": "bitcoin-cash", "XLM": "stellar",
    "ATOM": "cosmos", "BNB": "bsc", "MATIC": "polygon", "POL": "polygon", "AVAX": "avalanche-c",
}  # fmt: skip

_PROBLEMS: dict[str, tuple[str, str]] = {
    "not_txid": (
        "This does not look like a transaction ID (a 64-character hex string, 0x + 64 hex, or a "
        "Solana signature). Copy it from the blockchain explorer or your withdrawal history.",
        "トランザクションIDの形式ではありません（64桁の16進数、0x+64桁、またはSolanaの署名）。"
        "ブロックチェーンエクスプローラーか出金履歴からコピーしてください。",
    ),
    "not_address": (
        "This is not an address format we recognise. Check that you copied the whole address.",
        "認識できるアドレスの形式ではありません。アドレス全体をコピーしたかご確認ください。",
    ),
    "address_invalid": (
        "This address fails its checksum: at least one character is wrong. Copy it again rather "
        "than typing it.",
        "このアドレスはチェックサムが一致しません。1文字以上誤りがあります。"
        "手入力ではなく、もう一度コピーしてください。",
    ),
    "address_disguised": (
        "This address contains hidden or look-alike characters. Do not send anything to it; "
        "copy the address again from the official app.",
        "このアドレスには見えない文字や紛らわしい文字が含まれています。送金せず、"
        "公式アプリからアドレスをもう一度コピーしてください。",
    ),
    "unknown_asset": (
        "We do not recognise this coin or token; please use its ticker symbol (e.g. BTC, USDT).",
        "この通貨・トークンを認識できません。ティッカー（例: BTC、USDT）でご入力ください。",
    ),
    "unknown_network": (
        "We do not recognise this network; choose one such as ERC20, TRC20, BEP20, Bitcoin, "
        "Solana or XRP Ledger.",
        "このネットワークを認識できません。ERC20、TRC20、BEP20、Bitcoin、Solana、XRP Ledger "
        "などからお選びください。",
    ),
    "not_amount": (
        "Please enter an amount with its unit, e.g. 0.5 ETH or 15,000円.",
        "単位付きで数量をご入力ください（例: 0.5 ETH、15,000円）。",
    ),
    "not_datetime": (
        "We could not read this date and time; e.g. 2026-11-28 21:30, 昨日の夜, 2 hours ago.",
        "日時を読み取れませんでした。例: 2026-11-28 21:30、昨日の夜、2時間前。",
    ),
    "not_url": (
        "Please paste the full link or domain, e.g. https://example.com/login.",
        "リンクまたはドメインをそのまま貼り付けてください（例: https://example.com/login）。",
    ),
    "not_contact": (
        "Please enter an e-mail address, a phone number or a handle such as @name.",
        "メールアドレス、電話番号、または @name のようなアカウント名をご入力ください。",
    ),
    "too_long": (
        f"This field accepts at most {MAX_FACT_LENGTH} characters.",
        f"この項目は最大{MAX_FACT_LENGTH}文字までです。",
    ),
    "secret": (
        "This field contained a secret (recovery phrase, private key, password or code). We "
        "removed it: support never needs it.",
        "この項目に秘密情報（リカバリーフレーズ、秘密鍵、パスワード、コード）が含まれていたため"
        "削除しました。サポートがこれを必要とすることはありません。",
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a fact is wrong (``error``: must be fixed) or doubtful (``warning``)."""

    code: str
    severity: str  # "error" | "warning"
    message_en: str
    message_ja: str

    def message(self, language: str) -> str:
        return self.message_ja if language == "ja" else self.message_en


@dataclass(frozen=True, slots=True)
class FactCheck:
    """One checklist fact after checking: the redacted text and its normalised value."""

    slot: str
    text: str  # as typed, with any secret redacted
    value: Any = None  # normalised (canonical network id, checksummed address, ISO date...)
    valid: bool | None = None
    chain: str | None = None
    problems: tuple[Problem, ...] = ()
    secrets: tuple[SecretSpan, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "valid": self.valid,
            "chain": self.chain,
            "problems": [p.code for p in self.problems],
        }


@dataclass(frozen=True, slots=True)
class FactsReport:
    facts: dict[str, FactCheck]
    #: cross-field findings (network_mismatch, memo_missing...) plus secret warnings
    findings: tuple[Finding, ...] = ()
    secrets: tuple[SecretSpan, ...] = field(default=())

    @property
    def errors(self) -> dict[str, list[Problem]]:
        return {
            slot: [p for p in f.problems if p.severity == "error"]
            for slot, f in self.facts.items()
            if any(p.severity == "error" for p in f.problems)
        }


def _problem(code: str, severity: str = "error") -> Problem:
    en, ja = _PROBLEMS[code]
    return Problem(code, severity, en, ja)


def _pick(entities: tuple[Entity, ...], kinds: tuple[str, ...]) -> Entity | None:
    for kind in kinds:
        for e in entities:
            if e.kind == kind:
                return e
    return None


def _check_one(slot: str, raw: str, when: datetime | None, tz: str) -> FactCheck:
    if len(raw) > MAX_FACT_LENGTH:
        return FactCheck(slot, "", problems=(_problem("too_long"),))
    # a label helps the scanners that need context ("tag 12345" is a memo, bare "12345" is not)
    prefix = {"memo_tag": "tag: ", "tx_hash": "txid: "}.get(slot, "")
    result = analyze(prefix + raw, received_at=when, tz=tz)
    text = result.redacted[len(prefix) :]
    secrets = tuple(
        SecretSpan(s.kind, s.start - len(prefix), s.end - len(prefix), s.reason)
        for s in result.secrets
    )
    if secrets:
        return FactCheck(slot, text, problems=(_problem("secret"),), secrets=secrets)
    kinds = _EXPECT.get(slot)
    if kinds is None:  # free text: error text, steps, device, wallet type, order id
        return FactCheck(slot, text, value=raw.strip())
    entities = tuple(e for e in result.entities if e.start >= len(prefix))
    found = _pick(entities, kinds)
    if found is None and slot == "network":
        # in a network field, "Bitcoin", "Ethereum" or "XRP" name the coin's own chain
        coin = _pick(entities, ("asset",))
        chain = _NATIVE_CHAIN.get(coin.value) if coin is not None else None
        if chain is not None:
            return FactCheck(slot, text, value=chain)
    if slot == "address" and found is None:
        info = chains.identify_address(raw.strip())
        if info.chain is not None:
            return FactCheck(
                slot,
                text,
                value=info.normalized,
                valid=False,
                chain=info.chain,
                problems=(_problem("address_invalid"),),
            )
        return FactCheck(slot, text, problems=(_problem("not_address"),))
    if found is None:
        code = {
            "asset": "unknown_asset",
            "network": "unknown_network",
            "amount": "not_amount",
            "tx_hash": "not_txid",
            "occurred_at": "not_datetime",
            "url": "not_url",
            "contact_handle": "not_contact",
        }.get(slot)
        if slot == "memo_tag":  # any short token is a plausible tag or memo
            return FactCheck(slot, text, value=raw.strip())
        severity = "warning" if slot in ("asset", "network", "occurred_at") else "error"
        return FactCheck(slot, text, value=raw.strip(), problems=(_problem(code, severity),))
    problems: tuple[Problem, ...] = ()
    if found.kind == "address" and found.valid is False:
        warnings = (found.details or {}).get("warnings") or []
        problems = (_problem("address_disguised" if warnings else "address_invalid"),)
    return FactCheck(
        slot, text, value=found.value, valid=found.valid, chain=found.chain, problems=problems
    )


def check_facts(
    facts: Mapping[str, str],
    *,
    received_at: datetime | None = None,
    tz: str = "Asia/Tokyo",
) -> FactsReport:
    """Check each fact alone, then the facts together (see the module docstring)."""
    checked: dict[str, FactCheck] = {}
    for slot, raw in facts.items():
        raw = (raw or "").strip()
        if raw:
            checked[slot] = _check_one(slot, raw, received_at, tz)
    # the facts together: the same consistency rules as a message, on labelled lines
    entities: list[Entity] = []
    offset = 0
    joined: list[str] = []
    for slot in ("asset", "network", "address", "memo_tag", "amount"):
        fact = checked.get(slot)
        if fact is None or fact.secrets or fact.value is None:
            continue
        line = f"{slot}: {fact.text}"
        for e in analyze(line).entities:
            if slot == "network" and e.kind == "asset":
                continue  # "Ethereum (ERC20)" names the chain, not the coin that was sent
            entities.append(
                Entity(
                    e.kind,
                    e.text,
                    e.start + offset,
                    e.end + offset,
                    e.value,
                    e.chain,
                    e.valid,
                    e.details,
                )
            )
        joined.append(line)
        offset += len(line) + 1
    cross = findings.check("\n".join(joined), entities)
    # address validity is already reported per field; keep the cross-field findings
    cross = [f for f in cross if not f.code.startswith("address_")]
    secrets = tuple(s for f in checked.values() for s in f.secrets)
    return FactsReport(
        facts=checked,
        findings=tuple(secret_warnings.warn(secrets) + cross),
        secrets=secrets,
    )
