"""codes.scan: error codes and messages, order/ticket/reference ids, ja and en."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madoguchi.analysis._types import ERROR_CODE, ORDER_ID
from madoguchi.analysis.entities import codes

from .scanned import entities_of, one_of


def _of(text, kind):
    return entities_of(codes.scan, text, kind)


def _one(text, kind, expected_text):
    return one_of(codes.scan, text, kind, expected_text)


# --- error codes ----------------------------------------------------------------------------

ERROR_CASES = [
    ("エラーコード E1023 が出ます", "E1023", "E1023", "code"),
    ("エラーコード：e1023", "e1023", "E1023", "code"),
    ("error code: 10086", "10086", "10086", "code"),
    ("Error 403 when I log in", "403", "403", "code"),
    (
        "I get ERR_INSUFFICIENT_FUNDS on withdraw",
        "ERR_INSUFFICIENT_FUNDS",
        "ERR_INSUFFICIENT_FUNDS",
        "symbolic",
    ),
    ("net::ERR_CONNECTION_REFUSED", "ERR_CONNECTION_REFUSED", "ERR_CONNECTION_REFUSED", "symbolic"),
    ("RPC says code -32000", "-32000", "-32000", "json_rpc"),
    ('{"code": -32603, "message": "x"}', "-32603", "-32603", "json_rpc"),
    ("出金できません (E-5012)", "E-5012", "E-5012", "code"),
    ("出金できません（E5012）", "E5012", "E5012", "code"),
    ("HTTP 500 が返ってきます", "500", "500", "http"),
    ("HTTP/1.1 502 Bad Gateway", "502", "502", "http"),
    ("status code 404", "404", "404", "http"),
    ("ステータスコード：503", "503", "503", "http"),
    ("エラー番号：AB-2231", "AB-2231", "AB-2231", "code"),
    ("エラー番号は AB-2231 です", "AB-2231", "AB-2231", "code"),
    ("エラー：E1023", "E1023", "E1023", "code"),
    ("Error: 403 Forbidden", "403", "403", "code"),
    ("ｅｒｒｏｒ ｃｏｄｅ： １００８６", "１００８６", "10086", "code"),
    ("err #4011 again", "4011", "4011", "code"),
    ("Error code 0x80070005 で失敗", "0x80070005", "0x80070005", "code"),
    ("error 0xdeadbeef", "0xdeadbeef", "0xDEADBEEF", "code"),
]


@pytest.mark.parametrize(("text", "span_text", "value", "kind"), ERROR_CASES)
def test_error_code_found(text, span_text, value, kind):
    ent = _one(text, ERROR_CODE, span_text)
    assert ent.value == value
    assert ent.details["type"] == kind


MESSAGE_CASES = [
    (
        "Error: insufficient funds for gas * price + value. Please help",
        "insufficient funds for gas * price + value",
    ),
    (
        '{"code": -32000, "message": "insufficient funds for gas * price + value"}',
        "insufficient funds for gas * price + value",
    ),
    ("エラー「残高が不足しています」と表示されます", "残高が不足しています"),
    ("エラーメッセージ：出金申請の上限を超えています。", "出金申請の上限を超えています"),
    ('I got the error "execution reverted" twice', "execution reverted"),
]


@pytest.mark.parametrize(("text", "span_text"), MESSAGE_CASES)
def test_error_message_found(text, span_text):
    ent = _one(text, ERROR_CODE, span_text)
    assert ent.details == {"type": "message"}
    assert ent.value == span_text


def test_error_message_whitespace_collapsed():
    ent = _one("Error:  nonce   too low", ERROR_CODE, "nonce   too low")
    assert ent.value == "nonce too low"


def test_code_only_quote_is_a_code_not_a_message():
    found = _of("エラー「E1023」", ERROR_CODE)
    assert [(e.value, e.details["type"]) for e in found] == [("E1023", "code")]


def test_error_code_with_parentheses_reported_once():
    assert len(_of("エラー(E1023)", ERROR_CODE)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "エラーが出ました",
        "エラー 100回目です",
        "エラーが2回",
        "error 2024-03-05 10:00",
        "認証コード 123456 を入力してください",
        "verification code 654321",
        "code 123456",
        "送金額は 1,500,000 円",
        "(A-1234) は型番です",
        "HTTP 700",
        "error 12",
        "error sending to 0x52908400098527886E0F7030069857D2E4169EE7",
    ],
)
def test_not_error_codes(text):
    assert _of(text, ERROR_CODE) == []


# --- order / ticket / reference ids ---------------------------------------------------------

ORDER_CASES = [
    ("注文番号 2024-0912-7781 の件", "2024-0912-7781", "order"),
    ("注文番号は2024-0912-7781です", "2024-0912-7781", "order"),
    ("order #A12345678 was cancelled", "A12345678", "order"),
    ("order ID: 123456789", "123456789", "order"),
    ("Order number is 55512345", "55512345", "order"),
    ("取引番号：TX20240301-0042", "TX20240301-0042", "transaction"),
    ("受付番号 987654 で問い合わせ", "987654", "reference"),
    ("お問い合わせ番号: INQ-77812", "INQ-77812", "reference"),
    ("reference number: REF-99812", "REF-99812", "reference"),
    ("ref: AB12CD34", "AB12CD34", "reference"),
    ("チケット番号 MDG-24-000123", "MDG-24-000123", "ticket"),
    ("ticket #4521 still open", "4521", "ticket"),
    ("case ID 00012345", "00012345", "ticket"),
    ("出金ID：W-20240301-9", "W-20240301-9", "withdrawal"),
    ("deposit id 88812345", "88812345", "deposit"),
    ("注文ＩＤ：ＡＢＣ１２３４", "ＡＢＣ１２３４", "order"),
]


@pytest.mark.parametrize(("text", "span_text", "kind"), ORDER_CASES)
def test_order_id_found(text, span_text, kind):
    ent = _one(text, ORDER_ID, span_text)
    assert ent.details == {"type": kind}


def test_order_id_value_is_folded():
    assert _one("注文ＩＤ：ＡＢＣ１２３４", ORDER_ID, "ＡＢＣ１２３４").value == "ABC1234"
    assert _one("order #A12345678", ORDER_ID, "A12345678").value == "A12345678"


def test_list_of_order_ids_after_one_keyword():
    found = _of("注文番号 123456、123457 と 123458", ORDER_ID)
    assert [e.value for e in found] == ["123456", "123457", "123458"]


@pytest.mark.parametrize(
    "text",
    [
        "注文番号を教えてください",
        "in order to 12345",
        "I placed an order 1000 yen",
        "2024-0912-7781",
        "order #abc",
        "ticket please",
        "取引ID " + "ab" * 32,  # a 64-hex transaction hash is a txid, not an order id
        "123456789",
    ],
)
def test_not_order_ids(text):
    assert _of(text, ORDER_ID) == []


def test_mixed_message():
    text = "エラーコード E1023 が出ます。注文番号 2024-0912-7781"
    assert [(e.kind, e.value) for e in codes.scan(text)] == [
        (ERROR_CODE, "E1023"),
        (ORDER_ID, "2024-0912-7781"),
    ]


def test_empty_and_plain():
    assert codes.scan("") == []
    assert codes.scan("送金が反映されません。Please help me.") == []


HOSTILE = {
    "1 MB prose": ("送金が反映されません。Please help me. " * 30_000)[:1_000_000],
    "100k newlines": "\n" * 100_000,
    "error flood": "error " * 100_000,
    "error colon flood": "error: " * 100_000,
    "quote flood": "エラー「" * 100_000,
    "order keyword flood": "注文番号 " * 100_000,
    "underscores": "ERR_" * 100_000,
    "long id": "order #" + "A1" * 100_000,
    "brackets": "(E" * 100_000,
    "hex": "0123456789abcdef" * 65_536,
    "fullwidth digits": "０" * 300_000,
    "lone surrogates": "\ud800\udc00\udfff" * 50_000,
}


@pytest.mark.timeout(20)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_returns(name):
    text = HOSTILE[name]
    result = codes.scan(text)
    assert isinstance(result, list)
    for e in result:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.end - e.start <= 200


def test_overlong_order_id_not_reported():
    assert _of("order #" + "A1" * 100_000, ORDER_ID) == []


# --- property: spans always point into the original text ------------------------------------

_PIECES = st.sampled_from(
    [
        "エラーコード", "error", "Error:", "code", "HTTP", "status", "(", ")", "（", "E-",
        "ERR_", "FUNDS", "5012", "403", "-32000", '"', "「", "」", "注文番号", "order #", "ticket",
        "ＡＢＣ", "１２３４", "\u200b", " ", "、", "。", "\n", "abc", "\ud800",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_spans_always_match_the_original(text):
    for e in codes.scan(text):
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        json.dumps(e.value)
