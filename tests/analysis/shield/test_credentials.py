"""Passwords, one-time codes and backup codes: only the value is redacted."""

from __future__ import annotations

import pytest

from madoguchi.analysis._types import BACKUP_CODE, ONE_TIME_CODE, PASSWORD
from madoguchi.analysis.shield import find_secrets

POSITIVE = [
    ("パスワードは abc123 です", PASSWORD, "abc123"),
    ("パスワードはabc123です", PASSWORD, "abc123"),
    ("パスワード：Hunter22!", PASSWORD, "Hunter22!"),
    ("パスワード:xY9#kq", PASSWORD, "xY9#kq"),
    ("ＰＷ：ｈｕｎｔｅｒ２２", PASSWORD, "ｈｕｎｔｅｒ２２"),
    ("ID: taro / PW: s3cret!", PASSWORD, "s3cret!"),
    ("pass: letmein99", PASSWORD, "letmein99"),
    ("my password is hunter22.", PASSWORD, "hunter22"),
    ("My password is sunshine", PASSWORD, "sunshine"),
    ("password = Tr0ub4dor&3", PASSWORD, "Tr0ub4dor&3"),
    ("password 'abc def'", PASSWORD, "abc def"),
    ("my password is 'abc def' I think", PASSWORD, "abc def"),
    ('the password was "P@ss w0rd"', PASSWORD, "P@ss w0rd"),
    ("パスワードは「さくら2024」です", PASSWORD, "さくら2024"),
    ("ログインパスワードは Qwerty!234、よろしく", PASSWORD, "Qwerty!234"),
    ("暗証番号は1234", PASSWORD, "1234"),
    ("暗証番号は１２３４です", PASSWORD, "１２３４"),
    ("PIN: 9876", PASSWORD, "9876"),
    ("my password for binance is Zz9911aa", PASSWORD, "Zz9911aa"),
    ("password abc123xyz", PASSWORD, "abc123xyz"),
    ("認証コードは123456です", ONE_TIME_CODE, "123456"),
    ("認証コード：654321", ONE_TIME_CODE, "654321"),
    ("確認コード 112233 を入力しました", ONE_TIME_CODE, "112233"),
    ("2段階認証のコード 123456", ONE_TIME_CODE, "123456"),
    ("SMSで届いたコード 482913", ONE_TIME_CODE, "482913"),
    ("verification code: 482913", ONE_TIME_CODE, "482913"),
    ("Verification code is 4829", ONE_TIME_CODE, "4829"),
    ("OTP 123456", ONE_TIME_CODE, "123456"),
    ("2FA: 777888", ONE_TIME_CODE, "777888"),
    ("Google Authenticator code is 123 456", ONE_TIME_CODE, "123 456"),
    ("the sms code 908172 did not work", ONE_TIME_CODE, "908172"),
    ("ワンタイムパスワードは 135790 です", ONE_TIME_CODE, "135790"),
    ("I typed the code 246810 but it failed", ONE_TIME_CODE, "246810"),
    ("メールの確認コードは ４５６７８９ でした", ONE_TIME_CODE, "４５６７８９"),
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVE)
def test_only_the_value_is_a_secret(text, kind, value):
    start = text.index(value)
    found = find_secrets(text)
    assert [(s.kind, s.start, s.end) for s in found] == [(kind, start, start + len(value))]


NEGATIVE = [
    "パスワードを忘れました",
    "パスワードは忘れました",
    "パスワードが違いますと表示されます",
    "パスワードをリセットしたいです",
    "I forgot my password",
    "password reset",
    "My password is wrong",
    "my password is not working",
    "The password is incorrect, what should I do?",
    "I changed my password yesterday",
    "What is the password policy?",
    "password must be at least 8 characters",
    "the code never arrived",
    "I did not receive the verification code",
    "コードが届きません",
    "認証コードが届きません",
    "2段階認証のコードが無効と言われます",
    "error code 123456",
    "エラーコード 500 が出ます",
    "招待コード 123456 を使いました",
    "promo code 654321",
    "注文番号 2024-0912-7781",
    "order #A12345678",
    "pass the test tomorrow",
    "I will pass 123456 to you",
    "パスポートを提出しました",
    "backup codes are lost",
    "バックアップコードを紛失しました",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_value_no_secret(text):
    assert find_secrets(text) == []


def test_backup_codes_list():
    text = "Backup codes:\n1. 1234 5678\n2. 8765 4321\n3. 5555 0000\nthanks"
    found = find_secrets(text)
    assert [s.kind for s in found] == [BACKUP_CODE] * 3
    assert [text[s.start : s.end] for s in found] == ["1234 5678", "8765 4321", "5555 0000"]


def test_japanese_recovery_codes():
    text = "リカバリーコード: a1b2c3d4e5, f6g7h8i9j0"
    found = find_secrets(text)
    assert [text[s.start : s.end] for s in found] == ["a1b2c3d4e5", "f6g7h8i9j0"]
    assert {s.kind for s in found} == {BACKUP_CODE}
