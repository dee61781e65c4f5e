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
    # a quoted or bracketed password near its label, a correction ("X ではなく Y")
    ("パスワードが通りません。メモしてあるのは「Sora2020kumo」です", PASSWORD, "Sora2020kumo"),
    ('The password I chose was "blueSky#42" yesterday', PASSWORD, "blueSky#42"),
    ("ログインパスワード（Kaze8812x!）で入れません", PASSWORD, "Kaze8812x!"),
    ("my password (Tiger77!) stopped working", PASSWORD, "Tiger77!"),
    ("パスワードはxyzじゃなくてXyz98765です", PASSWORD, "Xyz98765"),
    ("パスワードはabcではなく Abc4567! です", PASSWORD, "Abc4567!"),
    ("the password is not abc but Abc4567!", PASSWORD, "Abc4567!"),
    # codes shown/received ("表示されている", "届いた", "shows", "I got"), read out in groups
    (
        "ワンタイムパスワードが通りません。今表示されているのは 551 204 です",
        ONE_TIME_CODE,
        "551 204",
    ),
    ("認証アプリに表示された 739201 を入れても弾かれます", ONE_TIME_CODE, "739201"),
    ("SMSで届いたのは 804417 でした", ONE_TIME_CODE, "804417"),
    ("確認コードは 7 3 9 2 0 1 です", ONE_TIME_CODE, "7 3 9 2 0 1"),
    ("code: 73 92 01", ONE_TIME_CODE, "73 92 01"),
    ("Here is the security code you requested: 662019", ONE_TIME_CODE, "662019"),
    ("The authenticator is showing 118 402 now", ONE_TIME_CODE, "118 402"),
    ("My Google Authenticator shows 731904 at the moment", ONE_TIME_CODE, "731904"),
    ("Authy displays 204918, is that right?", ONE_TIME_CODE, "204918"),
    ("the SMS code I received is 402918 but it expired", ONE_TIME_CODE, "402918"),
    ("the sms I got says 774201", ONE_TIME_CODE, "774201"),
    ("Please type the code we texted to your phone\n558102", ONE_TIME_CODE, "558102"),
    ("> Enter the code we sent you\n> 330571", ONE_TIME_CODE, "330571"),
    ("'H-552910 is your login code' arrived but I never asked", ONE_TIME_CODE, "552910"),
    ("552910が認証コードです", ONE_TIME_CODE, "552910"),
    # backup codes: one code after a clause, 4-4-4 hyphen groups, a base32 emergency key
    ("found a backup code in an old notebook: 73920148. is it valid?", BACKUP_CODE, "73920148"),
    ("予備コードはAB12-CD34-EF56です", BACKUP_CODE, "AB12-CD34-EF56"),
    ("バックアップコード 3391-0482-57 でもダメでした", BACKUP_CODE, "3391-0482-57"),
    ("Emergency key from the setup screen: J7QW4ZRX9M2KD5PA", BACKUP_CODE, "J7QW4ZRX9M2KD5PA"),
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
    # error codes, amounts, dates, phone numbers and order ids near a label are not secrets
    "error code 10086",
    "the error code is 10086",
    "10086 is the error code",
    "エラーコード 10086 が表示されました",
    "the app shows 10086 errors after the code screen",
    "認証コードが届きません。電話番号は 09012345678 です",
    "SMSが届かない件、注文番号 12345678 です",
    "the code never arrived, I waited 15 minutes",
    "2FA is on and I got 1500 USDT back",
    "認証コードが届きません。届いたのは 2024年 のメールだけです",
    "My Authenticator shows the wrong time",
    "the authenticator shows 12:45 but my phone says 12:47",
    "パスワードが違うと「E1002」と表示されます",
    'password fails with error "AUTH-403"',
    "パスワード変更後、アドレス「bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq」に送金されました",
    "my password manager (1Password) filled it in",
    "I lost my backup codes, my order number is 12345678",
    "I lost my backup codes, my balance is 12345678 JPY",
    "バックアップコードを紛失しました。2024-11-29 に機種変更しました",
    "backup codes are gone, call me at 090-1234-5678",
    "予備コードは10個あります",
    # a bracketed aside or a Markdown-wrapped word after a label is prose, not a value
    "Hardware wallets use PINs (often 4 to 8 digits)",
    "the passphrase (25th word) is optional",
    "after 3 wrong PIN attempts.** Count carefully",
    "got an email saying my password was found in a leak",
    "my password is known to someone else now",
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


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "I used my recovery codes earlier. 4821-9930 and 1177-2046 both failed",
            ["4821-9930", "1177-2046"],
        ),
        (
            "バックアップコードで試しました。4821-9930 と 1177-2046 はダメでした",
            ["4821-9930", "1177-2046"],
        ),
        ("バックアップコードはこちら：7QMX-2KDP 8WZR-5TNA", ["7QMX-2KDP", "8WZR-5TNA"]),
        ("リカバリーコード、合ってますか？\n55102938\n66104729", ["55102938", "66104729"]),
        ("Recovery codes (from the printout):\n2201 5948\n7730 1264", ["2201 5948", "7730 1264"]),
        ("backup codes: 12345678,87654321", ["12345678", "87654321"]),
        ("backup codes (1) 11223344 (2) 55667788", ["11223344", "55667788"]),
        ("予備コード\n・a1b2c3d4e5\n・f6g7h8i9j0", ["a1b2c3d4e5", "f6g7h8i9j0"]),
    ],
)
def test_backup_code_layouts(text, codes):
    found = find_secrets(text)
    assert [text[s.start : s.end] for s in found] == codes
    assert {s.kind for s in found} == {BACKUP_CODE}


def test_a_repeated_value_is_redacted_everywhere():
    text = "コード551204です！ 551204 でお願いします、551204！"
    found = find_secrets(text)
    assert [(s.kind, text[s.start : s.end]) for s in found] == [(ONE_TIME_CODE, "551204")] * 3


def test_two_credentials_in_one_message():
    text = "SMSの番号は 318204、予備コードは QW12-ER34-TY56 です"
    found = find_secrets(text)
    assert [(s.kind, text[s.start : s.end]) for s in found] == [
        (ONE_TIME_CODE, "318204"),
        (BACKUP_CODE, "QW12-ER34-TY56"),
    ]


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        "password is " * 50000,
        "code: 1 " * 100000,
        "backup code " * 50000,
        "backup codes: " + "1234-" * 100000,
        "backup codes: " + "12345678 " * 100000,
        "recovery code " + "a" * 1_000_000,
        "the code you sent me is " * 30000,
        "パスワードは「" * 50000,
        "password (" * 50000,
        "認証コード " * 50000,
        "表示されているのは" * 50000,
        "sms " * 100000 + "shows 123456",
        "code\n" * 100000,
    ],
)
def test_hostile_input_is_linear(text):
    assert isinstance(find_secrets(text), list)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2段階認証のコード：786326 USDCのステーキングを解除したいです", "786326"),
        ("verification code: 552019 BTC withdrawal is stuck", "552019"),
    ],
)
def test_a_colon_labelled_code_followed_by_a_ticker_is_still_a_code(text, code):
    spans = find_secrets(text)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [("one_time_code", code)]


def test_a_code_word_with_an_amount_is_not_a_code():
    assert find_secrets("the promo code gives 5000 USDT bonus") == []
