"""Recovery phrases: every BIP39 vector in every language and layout, typos, partials."""

from __future__ import annotations

import pytest
from mnemonic import Mnemonic

from madoguchi.analysis._types import RECOVERY_PHRASE
from madoguchi.analysis.shield import find_secrets

from .conftest import load_vectors

TREZOR = load_vectors("bip39_vectors_trezor.json")
JAPANESE = load_vectors("bip39_vectors_japanese.json")
LATIN = {"english", "spanish", "french", "italian", "czech", "portuguese"}


def _words(mnemonic: str) -> list[str]:
    return mnemonic.replace("\u3000", " ").split()


def _circled(n: int) -> str:
    return chr(0x2460 + n - 1) if n <= 20 else chr(0x3251 + n - 21)


def _layout(words: list[str], prefix: str, sep_for, wrap=lambda w: w, suffix: str = ""):
    """Build text; return it with the span from the first word to the end of the last."""
    parts = [prefix]
    pos = len(prefix)
    start = end = None
    for i, w in enumerate(words, 1):
        sep = sep_for(i)
        parts.append(sep)
        pos += len(sep)
        shown = wrap(w)
        if start is None:
            start = pos + (len(shown) - len(shown.lstrip("\u200b")))
        parts.append(shown)
        pos += len(shown)
        end = pos
    parts.append(suffix)
    return "".join(parts), start, end


def _fullwidth(word: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def _zero_width(word: str) -> str:
    return word[0] + "\u200b" + word[1:] if len(word) > 1 else "\u200b" + word


NUMBERINGS = [
    lambda i: f"{i}. ",
    lambda i: f"{i}) ",
    lambda i: f"{_circled(i)}",
    lambda i: f"({i}) ",
    lambda i: f"{i}: ",
]


def _layouts(lang: str, mnemonic: str):
    words = _words(mnemonic)
    yield "as-is", mnemonic, 0, len(mnemonic)
    yield "one-per-line", *_layout(words, "", lambda i: "" if i == 1 else "\n")
    for k, numbering in enumerate(NUMBERINGS):
        yield (
            f"numbered-{k}",
            *_layout(words, "", lambda i, f=numbering: ("" if i == 1 else "\n") + f(i)),
        )
    yield "comma", *_layout(words, "", lambda i: "" if i == 1 else ", ")
    if lang in LATIN or lang == "russian":
        yield "upper", *_layout([w.upper() for w in words], "", lambda i: "" if i == 1 else " ")
    yield "fullwidth", *_layout(words, "", lambda i: "" if i == 1 else "\u3000", _fullwidth)
    yield "zero-width", *_layout(words, "", lambda i: "" if i == 1 else " ", _zero_width)
    yield (
        "in-english",
        *_layout(
            words,
            "Hi, is this safe to share? My words are:\n",
            lambda i: "" if i == 1 else " ",
            suffix="\nThanks!",
        ),
    )
    yield (
        "in-japanese",
        *_layout(
            words,
            "お世話になります。リカバリーフレーズは ",
            lambda i: "" if i == 1 else " ",
            suffix=" です。確認お願いします！",
        ),
    )
    yield (
        "glued-japanese",
        *_layout(words, "フレーズは", lambda i: "" if i == 1 else "\u3000", suffix="です。"),
    )


CASES = [
    pytest.param(lang, layout, text, start, end, id=f"{lang}-{i}-{layout}")
    for lang, vectors in TREZOR.items()
    for i, vector in enumerate(vectors)
    for layout, text, start, end in _layouts(lang, vector[1])
]


@pytest.mark.parametrize(("lang", "layout", "text", "start", "end"), CASES)
def test_trezor_vector_is_one_span(lang, layout, text, start, end):
    found = find_secrets(text)
    assert [(s.kind, s.start, s.end) for s in found] == [(RECOVERY_PHRASE, start, end)]


@pytest.mark.parametrize("vector", JAPANESE, ids=lambda v: v["entropy"][:8])
def test_japanese_vector_ideographic_space(vector):
    text = vector["mnemonic"]
    found = find_secrets(f"私のフレーズ：\n{text}\nです")
    assert [(s.kind, s.end - s.start) for s in found] == [(RECOVERY_PHRASE, len(text))]
    assert "checksum ok" in found[0].reason


ENGLISH = [v[1] for v in TREZOR["english"]]


def _mistype(word: str) -> str:
    return word[:2] + word[3:] if len(word) > 4 else word[:-1] + "x"


@pytest.mark.parametrize("mnemonic", ENGLISH[4:16])
@pytest.mark.parametrize("position", [0, 5, -1])
def test_one_mistyped_word_still_covered(mnemonic, position):
    words = mnemonic.split()
    words[position] = _mistype(words[position])
    text = "phrase -> " + " ".join(words) + " <- help"
    start = text.index(words[0])
    found = find_secrets(text)
    assert [(s.start, s.end) for s in found] == [(start, start + len(" ".join(words)))]


@pytest.mark.parametrize("mnemonic", ENGLISH[4:16])
def test_broken_checksum_still_found(mnemonic):
    words = mnemonic.split()
    words[-1] = "zebra" if words[-1] != "zebra" else "zone"
    text = " ".join(words)
    found = find_secrets(text)
    assert [(s.start, s.end) for s in found] == [(0, len(text))]
    assert found[0].reason.endswith("checksum bad")


@pytest.mark.parametrize("count", [8, 9, 10, 11])
@pytest.mark.parametrize("lang", ["english", "japanese", "spanish", "korean"])
def test_partial_phrase_of_eight_or_more(count, lang):
    sep = "\u3000" if lang == "japanese" else " "
    words = Mnemonic(lang).to_mnemonic(bytes(range(1, 33))).replace("\u3000", " ").split()
    partial = sep.join(words[:count])
    found = find_secrets(f"最初の{count}語だけ:\n{partial}\n残りは忘れました")
    assert len(found) == 1 and found[0].end - found[0].start == len(partial)


def test_reason_names_language_and_checksum():
    found = find_secrets(ENGLISH[0])
    assert found[0].reason == "bip39:english:12 words:checksum ok"


def test_unseparated_chinese_with_checksum():
    mnemonic = TREZOR["chinese_simplified"][8][1].replace(" ", "")
    text = f"我的助记词：{mnemonic}，请帮忙"
    found = find_secrets(text)
    assert [(s.start, s.end) for s in found] == [
        (text.index(mnemonic), text.index(mnemonic) + len(mnemonic))
    ]


ENGLISH_PROSE = [
    "I can not access my account after the update, please help me",
    "Hello, I sent 0.5 BTC to my wallet yesterday but it has not arrived yet.",
    "Can you please check the status of my withdrawal? Thanks!",
    "I have been waiting for three days and nobody answered my ticket.",
    "Please help, my account was locked after I tried to log in from a new phone.",
    "You can have this answer when the system update is over, thank you for waiting.",
    "What should I do if the deposit address changed after the upgrade?",
    "The balance shows zero but the blockchain explorer says the transfer is confirmed.",
    "Why is the fee so high? It was much lower last week when I moved my coins.",
    "I want to close my account and withdraw all funds to my bank.",
    "My friend told me about your exchange and I opened an account today.",
    "Could you explain how the staking reward is calculated for each month?",
    "There is a problem with the mobile app: it crashes every time I open the wallet tab.",
    "I entered the wrong network and now the coins are gone, is there any way to recover them?",
    "After the maintenance the price chart does not load on my laptop.",
    "Thank you for the quick reply, the issue is solved now.",
    "Is it safe to keep a large amount of ether on the exchange for a long time?",
    "Please cancel the order I placed this morning, I made a mistake with the amount.",
    "When will the new token be listed? The announcement said early next month.",
    "I lost access to my email address and cannot receive the verification message.",
    "The identity check failed twice, I used my passport and a recent photo.",
    "Your support agent asked me to install remote desktop software, is that normal?",
    "Someone on social media claimed to be your staff and asked for my wallet details.",
    "I would like to report a suspicious message that looks like a phishing attempt.",
    "The tax report for last year is missing several trades from the spring.",
    "Can I change the phone number linked to my account without a video call?",
    "My transfer from another exchange is still pending after six hours.",
    "The market order filled at a worse price than shown, why did that happen?",
    "Please increase my daily withdrawal limit, I need to pay for a house.",
    "I accidentally sent tokens to a contract address, can they be returned?",
    "Early access program, spring campaign, bonus rewards: how do I join these?",
    "Fast response, clean design, simple fees, great support, happy customer here.",
    "just wanted to say the new app version is really good and very fast",
    "avoid delay please, urgent issue, account frozen, salary inside, need money today",
    "Quick question about the airdrop: do I need to hold the coin until the snapshot?",
    "Good morning team, the mobile notification about the login from Seoul was not me.",
]

JAPANESE_PROSE = [
    "お世話になっております。先日ビットコインを送金したのですが、まだ着金していません。",
    "アカウントにログインできません。パスワードを忘れました。",
    "出金手続きをしたのに、三日経っても反映されていません。確認をお願いします。",
    "本人確認の書類を提出しましたが、審査の結果がまだ届きません。",
    "アプリを最新版に更新したら、残高が表示されなくなりました。",
    "送金先のアドレスを間違えてしまいました。取り戻すことはできますか？",
    "二段階認証のコードが届きません。電話番号を変更したためだと思います。",
    "サポートを名乗る人からDMが来ました。これは本物でしょうか？",
    "手数料について質問があります。ネットワーク手数料はいくらですか？",
    "昨日の夜から取引画面が開けません。メンテナンス中でしょうか。",
    "あいさつ あいだ の件 で ご連絡 しました",
    "いつも ありがとう ございます。 よろしく おねがい します。",
    "口座を解約したいのですが、手続きの方法を教えてください。",
    "入金したイーサリアムが反映されていません。トランザクションは成功しています。",
    "スマホを機種変更したので、認証アプリの移行方法を知りたいです。",
    "ステーキングの報酬はいつ支払われますか？",
    "注文番号 2024-0912-7781 の件でお問い合わせします。",
    "不審なメールが届きました。リンクは開いていません。",
    "税金の計算のために取引履歴をダウンロードしたいです。",
    "至急対応をお願いします。資金が動かせず困っています。",
]


@pytest.mark.parametrize("text", ENGLISH_PROSE + JAPANESE_PROSE)
def test_natural_prose_is_not_a_phrase(text):
    assert find_secrets(text) == []


def test_chinese_prose_is_not_a_phrase():
    text = "请帮我查一下我的账户余额为什么没有到账我已经等了三天了"
    assert find_secrets(text) == []
    assert find_secrets("你好，我的 账户 被 冻结 了，请 帮 我 看 一下。") == []


def test_a_label_word_before_a_colon_stays_outside_the_phrase():
    from madoguchi.analysis.shield import find_secrets

    phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    for label in ["my seed phrase:", "Recovery phrase：", "words: "]:
        text = f"{label}\n{phrase}"
        spans = find_secrets(text)
        assert [(s.start, s.end) for s in spans] == [(text.index(phrase), len(text))]
