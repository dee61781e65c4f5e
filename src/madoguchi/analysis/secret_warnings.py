"""The warning a customer gets when they paste a secret: what was removed and what to do now.

Support never asks for these; if the customer was asked, it was not support. One finding per
kind of secret in the message, with the spans of every secret of that kind.

>>> from madoguchi.analysis._types import SecretSpan
>>> [f.code for f in warn([SecretSpan("recovery_phrase", 0, 80)])]
['secret_shared']
"""

from __future__ import annotations

from collections.abc import Sequence

from madoguchi.analysis._types import (
    BACKUP_CODE,
    EXTENDED_PRIVATE_KEY,
    KEYSTORE,
    ONE_TIME_CODE,
    PASSWORD,
    PRIVATE_KEY,
    RECOVERY_PHRASE,
    SECRET_KINDS,
    SECRET_LABELS,
    Finding,
    SecretSpan,
)

#: Secrets that hand over the funds themselves: the wallet must be considered compromised.
_WALLET_SECRETS = frozenset({RECOVERY_PHRASE, PRIVATE_KEY, EXTENDED_PRIVATE_KEY, KEYSTORE})

_ADVICE = {
    "wallet": (
        "Anyone who has seen it can take every coin in that wallet. If you typed it anywhere "
        "else or someone asked you for it, move your funds to a new wallet with a new recovery "
        "phrase now.",
        "これを見た人は誰でも、そのウォレットの資産をすべて引き出せます。他の場所に入力した、"
        "または誰かに求められた場合は、今すぐ新しいリカバリーフレーズで作った新しいウォレットへ"
        "資産を移してください。",
    ),
    PASSWORD: (
        "Change this password now, and everywhere else you used it.",
        "このパスワードを今すぐ変更し、同じパスワードを使っている他のサービスでも変更してください。",
    ),
    ONE_TIME_CODE: (
        "Never share a one-time code: it is what lets someone log in or withdraw as you. If you "
        "did not request it, change your password now.",
        "ワンタイムコードは、あなたになりすましてログインや出金をするためのものです。決して"
        "共有しないでください。ご自身で要求したものでなければ、今すぐパスワードを変更してください。",
    ),
    BACKUP_CODE: (
        "Backup codes bypass two-step verification: generate new ones in your security "
        "settings now; the old ones should be treated as used.",
        "バックアップコードは2段階認証を回避できます。今すぐセキュリティ設定で新しいコードを"
        "発行してください。以前のコードは使用済みとお考えください。",
    ),
}


def warn(secrets: Sequence[SecretSpan]) -> list[Finding]:
    """One ``secret_shared`` finding per kind of secret found (in ``SECRET_KINDS`` order)."""
    by_kind: dict[str, list[SecretSpan]] = {}
    for s in secrets:
        by_kind.setdefault(s.kind, []).append(s)
    out: list[Finding] = []
    for kind in SECRET_KINDS:
        spans = by_kind.get(kind)
        if not spans:
            continue
        label_en, label_ja = SECRET_LABELS[kind]
        advice_en, advice_ja = _ADVICE["wallet" if kind in _WALLET_SECRETS else kind]
        out.append(
            Finding(
                code="secret_shared",
                severity="danger" if kind in _WALLET_SECRETS else "warning",
                message_en=(
                    f"You sent your {label_en}. We removed it before saving your message: "
                    f"support staff will never ask for it. {advice_en}"
                ),
                message_ja=(
                    f"{label_ja}が送信されました。メッセージの保存前に削除しました。サポート担当者が"
                    f"{label_ja}をお尋ねすることは決してありません。{advice_ja}"
                ),
                spans=tuple((s.start, s.end) for s in spans),
                details={"kind": kind},
            )
        )
    return out
