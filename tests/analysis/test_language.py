"""Language detection on short and mixed support messages."""

import pytest

from madoguchi.analysis import language
from madoguchi.analysis.language import detect_language

LABELLED = [
    # --- Japanese, including very short and mixed with English/crypto terms ---
    ("ja", "出金できません"),
    ("ja", "ありがとうございます"),
    ("ja", "はい"),
    ("ja", "USDTの出金が pending のまま"),
    ("ja", "USDTの出金がpendingのまま"),
    ("ja", "TRC20で送金しました"),
    ("ja", "送金先は 0x52908400098527886E0F7030069857D2E4169EE7 です"),
    ("ja", "ログインできない"),
    ("ja", "KYCの審査はいつ終わりますか？"),
    ("ja", "昨日の夜に入金しましたが反映されていません"),
    ("ja", "2FAのコードが届きません。SMSも来ないです。"),
    ("ja", "お世話になっております。出金申請の status が processing のままです。"),
    ("ja", "アカウントがロックされました"),
    ("ja", "ビットコイン"),
    ("ja", "Binanceから送ったXRPが着金しない、タグは入れました"),
    ("ja", "ｱｶｳﾝﾄ凍結されました"),
    ("ja", "withdrawal のエラー E1023 が出ます"),
    (
        "ja",
        "TxID: 5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060 を確認してください",
    ),
    ("ja", "メールアドレス変更したい"),
    ("ja", "手数料高すぎ"),
    ("ja", "本人確認書類を提出済みです"),
    ("ja", "出金未反映"),  # kanji only, but phrasing only Japanese uses
    ("ja", "入金確認お願い"),
    ("ja", "至急対応願います"),
    ("ja", "https://example.com/help を見ましたが分かりません"),
    ("ja", "ERC20とBEP20どっち？"),
    ("ja", "15万円分のBTCを買いました"),
    ("ja", "ＵＳＤＴが届かない"),
    # --- English, including the very short and ticker-heavy ---
    ("en", "help"),
    ("en", "ok"),
    ("en", "hi"),
    ("en", "thanks"),
    ("en", "USDT not arrived"),
    ("en", "Please help me"),
    ("en", "my withdrawal is pending"),
    ("en", "where is my money"),
    ("en", "deposit not received"),
    ("en", "I sent 0.5 ETH yesterday but it has not arrived"),
    ("en", "I sent USDT via TRC20 to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
    ("en", "Can't log in, 2FA code invalid"),
    ("en", "KYC rejected again??"),
    ("en", "My account got locked after the password reset"),
    ("en", "why is the fee so high"),
    ("en", "BTC"),
    ("en", "0x52908400098527886E0F7030069857D2E4169EE7"),
    ("en", "https://example.com/order/12345"),
    ("en", "Hello, the withdrawal to my Ledger is stuck since two hours."),
    ("en", "Transaction hash attached, kindly check"),
    ("en", "forgot destination tag"),
    ("en", "PLEASE HELP URGENT"),
    ("en", ""),
    ("en", "12345"),
    ("en", "I bought 100 XRP on your exchange but I can't withdraw it to my Xumm wallet"),
    ("en", "Error E1023 when I withdraw, what does it mean?"),
    ("en", "I tried to deposit 1,500 USDT from バイナンス but it never arrived in my account"),
    # --- Chinese: kanji without kana ---
    ("zh", "我的提现还没有到账"),
    ("zh", "为什么我的账户被冻结了"),
    ("zh", "请帮我查一下这笔转账"),
    ("zh", "你好，充值USDT没有到账"),
    # --- Korean ---
    ("ko", "출금이 안 돼요"),
    ("ko", "USDT 입금이 아직 안 들어왔어요"),
    ("ko", "안녕하세요, 계정이 잠겼습니다"),
    # --- other Latin-script and other-script languages ---
    ("fr", "Bonjour, mon retrait est bloqué depuis hier"),
    ("de", "Hallo, meine Einzahlung ist nicht angekommen"),
    ("es", "Hola, no recibí mis fondos en la billetera"),
    ("pt", "Olá, meu depósito não chegou na minha conta"),
    ("it", "Ciao, il mio prelievo è bloccato da ieri"),
    ("ru", "Здравствуйте, мой депозит не пришел"),
    ("vi", "Xin chào, tôi chưa nhận được tiền rút của mình"),
    ("th", "สวัสดีครับ ถอนเงินไม่ได้"),
]


@pytest.mark.parametrize(("expected", "text"), LABELLED, ids=[t[:24] for _, t in LABELLED])
def test_labelled_messages(expected, text):
    assert detect_language(text) == expected


def test_there_are_enough_labelled_messages():
    assert len(LABELLED) >= 60


def test_english_fast_path_does_not_load_the_model(monkeypatch):
    def boom():
        raise AssertionError("model loaded")

    monkeypatch.setattr(language, "_model", boom)
    assert detect_language("Hello, my deposit is still pending, please help") == "en"
    assert detect_language("出金が反映されません") == "ja"


def test_the_model_is_loaded_once():
    first = language._model()
    assert language._model() is first


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        "\n" * 100_000,
        "1," * 300_000,
        "0123456789abcdef" * 65_536,
        "x@" * 300_000,
        "万" * 300_000,
        "é" * 300_000,
        "\ud800" * 1000,
        "Ab1 " * 250_000,
    ],
)
def test_hostile_input_gives_a_code(text):
    code = detect_language(text)
    assert isinstance(code, str) and 2 <= len(code) <= 3
