"""What the guard returns: a verdict and the findings behind it, each explained in en and ja."""

from __future__ import annotations

from dataclasses import dataclass

RECOVERY_PHRASE = "recovery_phrase"
PRIVATE_KEY = "private_key"
PASSWORD = "password"  # noqa: S105 - a kind name, not a password
OTP = "otp"
REMOTE_ACCESS = "remote_access"
TRANSFER = "transfer"
LINK = "link"

#: every finding kind, in the order the explanations are shown
KINDS: tuple[str, ...] = (
    RECOVERY_PHRASE, PRIVATE_KEY, PASSWORD, OTP, REMOTE_ACCESS, TRANSFER, LINK,
)  # fmt: skip

#: why each kind is blocked, in both languages
REASONS: dict[str, dict[str, str]] = {
    RECOVERY_PHRASE: {
        "en": "Asks for a recovery (seed) phrase. Support never asks for it: whoever has it "
        "owns the wallet.",
        "ja": "リカバリーフレーズ(シードフレーズ)を求めています。サポートが求めることはありません。"
        "知った人がウォレットを自由に操作できます。",
    },
    PRIVATE_KEY: {
        "en": "Asks for a private key or keystore file. Support never asks for it.",
        "ja": "秘密鍵やキーストアファイルを求めています。サポートが求めることはありません。",
    },
    PASSWORD: {
        "en": "Asks for a password or passphrase. Support never asks for it.",
        "ja": "パスワード・パスフレーズを求めています。サポートが求めることはありません。",
    },
    OTP: {
        "en": "Asks for a one-time or 2FA code (SMS, authenticator, e-mail). Codes are typed "
        "into the app only, never given to anyone.",
        "ja": "ワンタイムコード・二段階認証コード(SMS・認証アプリ・メール)を求めています。"
        "コードはアプリに入力するもので、誰にも伝えるものではありません。",
    },
    REMOTE_ACCESS: {
        "en": "Asks for remote access or screen sharing (AnyDesk, TeamViewer, installing an "
        "app so someone else can operate the device). Support never does this.",
        "ja": "リモート操作・画面共有(AnyDesk、TeamViewer、操作用アプリのインストールなど)を"
        "求めています。サポートが行うことはありません。",
    },
    TRANSFER: {
        "en": "Asks the customer to send funds to an address or wallet. Support never asks "
        "anyone to move funds to a 'safe' or verification address.",
        "ja": "アドレスやウォレットへの送金を求めています。サポートが「安全な」「確認用」の"
        "アドレスへの送金を求めることはありません。",
    },
    LINK: {
        "en": "Contains a link or domain that is not in the official registry.",
        "ja": "公式チャンネルとして登録されていないリンク・ドメインが含まれています。",
    },
}


#: what the assistant says instead of a turn the guard blocked
SAFE_FALLBACK: dict[str, str] = {
    "en": "Sorry, I cannot answer that here. A member of our support team will help you. "
    "Remember: support never asks for your recovery phrase, private keys, passwords or 2FA "
    "codes, never asks for remote access and never asks you to send funds anywhere.",
    "ja": "申し訳ありませんが、この内容にはここでお答えできません。サポート担当者が対応いたします。"
    "なお、サポートがリカバリーフレーズ・秘密鍵・パスワード・2段階認証コードをお尋ねすること、"
    "遠隔操作や送金を求めることは決してありません。",
}


@dataclass(frozen=True)
class GuardFinding:
    """One reason to block: its kind, where in the text (``text[start:end]``), and why."""

    kind: str
    start: int
    end: int
    reason_en: str
    reason_ja: str

    def reason(self, language: str) -> str:
        return self.reason_ja if language == "ja" else self.reason_en

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind, "start": self.start, "end": self.end,
            "reason_en": self.reason_en, "reason_ja": self.reason_ja,
        }  # fmt: skip


@dataclass(frozen=True)
class GuardResult:
    """The guard's answer for one outgoing message."""

    findings: tuple[GuardFinding, ...] = ()

    @property
    def blocked(self) -> bool:
        return bool(self.findings)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The distinct finding kinds, in :data:`KINDS` order."""
        present = {f.kind for f in self.findings}
        return tuple(k for k in KINDS if k in present)

    def as_dict(self) -> dict[str, object]:
        return {"blocked": self.blocked, "findings": [f.as_dict() for f in self.findings]}


def finding(
    kind: str, start: int, end: int, *, detail_en: str = "", detail_ja: str = ""
) -> GuardFinding:
    """A finding with the kind's standard reason, plus an optional detail (``"(madoguchi.co)"``)."""
    reason = REASONS[kind]
    en = f"{reason['en']} {detail_en}".strip()
    ja = f"{reason['ja']}{detail_ja}".strip()
    return GuardFinding(kind, start, end, en, ja)
