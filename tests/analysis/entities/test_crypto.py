"""Networks, assets and memos named in a message."""

import pytest

from madoguchi.analysis.entities.crypto import scan


def _found(text):
    return [(e.kind, e.value) for e in scan(text)]


@pytest.mark.parametrize(
    ("text", "network"),
    [
        ("ERC20で送りました", "ethereum"),
        ("sent via ERC-20", "ethereum"),
        ("イーサリアムネットワークで送金", "ethereum"),
        ("BEP20", "bsc"),
        ("on BSC", "bsc"),
        ("BNB Smart Chain", "bsc"),
        ("バイナンススマートチェーンを選択", "bsc"),
        ("BEP2 memo", "bnb-beacon"),
        ("TRC20", "tron"),
        ("trc-20", "tron"),
        ("Tron", "tron"),
        ("トロンで送金", "tron"),
        ("Polygon", "polygon"),
        ("MATIC network", "polygon"),
        ("ポリゴン", "polygon"),
        ("Arbitrum One", "arbitrum"),
        ("Optimism", "optimism"),
        ("OP Mainnet", "optimism"),
        ("Base chain", "base"),
        ("Base network", "base"),
        ("Base mainnet", "base"),
        ("I withdrew on Base yesterday", "base"),
        ("Baseネットワークで出金", "base"),
        ("SPL token", "solana"),
        ("ソラナ", "solana"),
        ("USDT on Solana", "solana"),
        ("Lightning", "lightning"),
        ("via LN", "lightning"),
        ("ライトニングで送金", "lightning"),
        ("XRP Ledger", "xrp"),
        ("XRPL", "xrp"),
        ("Avalanche C-Chain", "avalanche-c"),
        ("Omni", "omni"),
        ("BTC network", "bitcoin"),
        ("ビットコインネットワーク", "bitcoin"),
        ("Litecoin network", "litecoin"),
        ("Stellar network", "stellar"),
        ("Cosmos chain", "cosmos"),
        ("USDT (Ethereum)", "ethereum"),
        ("ＴＲＣ２０で送金", "tron"),  # fullwidth
        ("ERC\u200b20", "ethereum"),  # zero-width space inside
    ],
)
def test_networks(text, network):
    assert ("network", network) in _found(text)


@pytest.mark.parametrize(
    ("text", "asset"),
    [
        ("BTC", "BTC"),
        ("ビットコインを送った", "BTC"),
        ("I bought bitcoin", "BTC"),
        ("ETH", "ETH"),
        ("イーサリアムを購入", "ETH"),
        ("イーサで", "ETH"),
        ("I sent Ethereum to my friend", "ETH"),
        ("XRP", "XRP"),
        ("リップル", "XRP"),
        ("USDT", "USDT"),
        ("usdt", "USDT"),
        ("テザー", "USDT"),
        ("USDC", "USDC"),
        ("SOL", "SOL"),
        ("TRX", "TRX"),
        ("LTC", "LTC"),
        ("ライトコイン", "LTC"),
        ("ビットコインキャッシュ", "BCH"),
        ("ドージコイン", "DOGE"),
        ("XLM", "XLM"),
        ("ステラ", "XLM"),
        ("ATOM", "ATOM"),
        ("コスモス", "ATOM"),
        ("BNB", "BNB"),
        ("MATIC", "MATIC"),
        ("POL", "POL"),
        ("ADA", "ADA"),
        ("カルダノ", "ADA"),
        ("DOT", "DOT"),
        ("ポルカドット", "DOT"),
        ("SHIB", "SHIB"),
        ("AVAX", "AVAX"),
        ("0.5ETHを", "ETH"),
        ("ＵＳＤＴ", "USDT"),
    ],
)
def test_assets(text, asset):
    assert ("asset", asset) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "the base of the problem",
        "based on your answer",
        "a method to fix it",
        "the dot on the screen",
        "an atom of doubt",
        "stellar service, thanks",
        "optimism is good",
        "etc.",
        "イーサネットのケーブル",
        "エレクトロン",
        "tag me later",
        "I am bother",  # "bother" contains no ticker at a word boundary
        "lightweight",
    ],
)
def test_everyday_words_are_not_entities(text):
    assert _found(text) == []


def test_erc20_is_a_network_and_ethereum_defaults_to_the_asset():
    assert _found("ERC20") == [("network", "ethereum")]
    assert _found("Ethereum") == [("asset", "ETH")]
    assert _found("Ethereum network") == [("network", "ethereum")]
    assert _found("via the Ethereum") == [("network", "ethereum")]


def test_longest_name_wins():
    assert _found("ビットコインキャッシュ") == [("asset", "BCH")]
    assert _found("BNB Smart Chain") == [("network", "bsc")]
    assert _found("BEP20") == [("network", "bsc")]
    assert _found("BEP2") == [("network", "bnb-beacon")]


def test_spans_point_into_the_original_text():
    text = "ｕｓｄｔ を\u200bＴＲＣ２０で"
    for e in scan(text):
        assert text[e.start : e.end] == e.text
    assert [e.text for e in scan(text)] == ["ｕｓｄｔ", "ＴＲＣ２０"]


def test_dual_names_record_the_other_reading():
    (e,) = scan("Tron")
    assert e.details == {"asset": "TRX"}
    (e,) = scan("bitcoin")
    assert e.details == {"network": "bitcoin"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("destination tag 12345678", "12345678"),
        ("Destination Tag: 7", "7"),
        ("タグ：104729", "104729"),
        ("宛先タグは 2837461 です", "2837461"),
        ("MEMO: 3827461", "3827461"),
        ("メモ: 98765", "98765"),
        ("memo is 55555", "55555"),
        ("payment id 123abc456", "123abc456"),
        ("tag 104729", "104729"),
    ],
)
def test_memo_values(text, value):
    memos = [e for e in scan(text) if e.kind == "memo"]
    assert [(m.value, m.details) for m in memos] == [(value, {"present": True})]
    assert text[memos[0].start : memos[0].end] == memos[0].text


@pytest.mark.parametrize(
    "text",
    [
        "タグを付け忘れました",
        "宛先タグの入れ忘れです",
        "メモを入力せずに送金",
        "タグなしで送ってしまった",
        "I sent it without memo",
        "forgot the destination tag",
        "I forgot to add the memo",
        "didn't include a tag",
        "no destination tag",
    ],
)
def test_memo_absence(text):
    memos = [e for e in scan(text) if e.kind == "memo"]
    assert [(m.value, m.details) for m in memos] == [(None, {"present": False})]


@pytest.mark.parametrize("text", ["tag 5", "memo: hello", "price tag", "tag me"])
def test_memo_needs_a_real_value(text):
    assert [e for e in scan(text) if e.kind == "memo"] == []


def test_a_typical_message():
    text = "昨日 XRP を Binance から送金しました。宛先タグ：104729 ですが反映されません"
    assert _found(text) == [("asset", "XRP"), ("memo", "104729")]


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        "ETH" * 300_000,
        "ERC20 " * 100_000,
        "\n" * 100_000,
        "タグ" * 300_000,
        "tag " * 200_000,
        "ｕｓｄｔ" * 100_000,
        "\u200b" * 300_000,
        "0123456789abcdef" * 65_536,
    ],
)
def test_hostile_input(text):
    assert isinstance(scan(text), list)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("メモ欄には3418852と入れました", ["3418852"]),
        (
            "XRP入金時の宛先タグ、3829104で合ってますか？画面には3829104と出ています。",
            ["3829104", "3829104"],
        ),
        ("My tag shows as 1002938475.", ["1002938475"]),
        ("Wrong memo! I put 448812 but my memo is 448821. 120 ATOM.", ["448812", "448821"]),
        ("shows tag 2401938 but last month it was 2401983", ["2401938", "2401983"]),
        ("tag 104729, sent 1047 XRP and 104728 USDT", ["104729"]),  # amounts are not echoes
    ],
)
def test_memo_echoes_and_connectors(text, values):
    memos = [e for e in scan(text) if e.kind == "memo"]
    assert [m.value for m in memos] == values
    assert all(m.text == m.value for m in memos)  # the span is the value itself


def test_memo_echo_details_say_why():
    memos = [e for e in scan("Wrong memo! I put 448812 but my memo is 448821.") if e.kind == "memo"]
    assert [m.details for m in memos] == [
        {"present": True, "compared": True},
        {"present": True},
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ETHをBaseチェーンで受け取れますか？", [("asset", "ETH"), ("network", "base")]),
        (
            "NFTをPolygonからイーサリアムに移したい",
            [("network", "polygon"), ("network", "ethereum")],
        ),
        ("from Arbitrum to Ethereum", [("network", "arbitrum"), ("network", "ethereum")]),
        ("イーサリアムとビットコイン、どちらがいい？", [("asset", "ETH"), ("asset", "BTC")]),
        ("ETHの出金をzkSyncで", [("asset", "ETH"), ("network", "zksync")]),
    ],
)
def test_context_decides_between_network_and_asset(text, expected):
    assert _found(text) == expected
