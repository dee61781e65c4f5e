"""The demo desk's sample people and requests (data only; ``desk/demo.py`` files them).

Requests go through the real intake service, so the demo shows what the analysis core does
to real-looking messages: a pasted recovery phrase is redacted, a Tron address with ERC20
chosen is flagged, an XRP deposit without a destination tag is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: a well-known BIP39 test phrase (never a real wallet): shows redaction in the demo
TEST_RECOVERY_PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow"

TEAMS = (("funds", "Deposits & Withdrawals"), ("security", "Account Security"))


@dataclass(frozen=True)
class DemoAgent:
    username: str
    name: str
    role: str
    teams: tuple[str, ...]
    language: str = "ja"
    email: str = ""


#: the first agent is the one whose login the demo prints (team lead, admin access)
AGENTS = (
    DemoAgent("aiko", "Aiko Tanaka", "lead", ("funds", "security"), "ja", "aiko@madoguchi.invalid"),
    DemoAgent("kenji", "Kenji Mori", "agent", ("funds",), "ja", "kenji@madoguchi.invalid"),
    DemoAgent("emma", "Emma Walsh", "agent", ("security",), "en", "emma@madoguchi.invalid"),
)

#: the demo brand's official channels (the help articles name madoguchi.example), in the
#: one-value-per-line format of ``madoguchi officials import``; a comment labels the next value
OFFICIAL_CHANNELS = """\
# Website
madoguchi.example
# Support e-mail
mailto:support@madoguchi.example
# Notices (no reply)
mailto:no-reply@madoguchi.example
# Notices
mailto:notice@madoguchi.example
# Phishing reports
mailto:phishing@madoguchi.example
# Call-back line: we only call when you booked a call-back
tel:+81-3-6743-1100
# News on X
@x:madoguchi_ex
# iPhone app
app:ios:6450012345
# Android app
app:android:example.madoguchi.exchange
"""
#: staff names are checkable but not listed on the public page
OFFICIAL_STAFF = ("Aiko Tanaka", "Kenji Mori", "Emma Walsh")

#: canned replies for the reply box (each passes the never-ask guard: saving checks it)
MACROS = (
    {
        "title": "Ask for the TXID / TXIDのお願い",
        "body_ja": "お問い合わせありがとうございます。お調べするため、送金のトランザクションID(TXID)、"
        "送金したネットワーク、数量をお知らせください。なお、サポートがリカバリーフレーズ・"
        "秘密鍵・パスワード・認証コードをお尋ねすることはありません。",
        "body_en": "Thank you for contacting us. To trace it, please tell us the transaction ID "
        "(TXID), the network you used and the amount. Support will never ask for your "
        "recovery phrase, private key, password or 2FA codes.",
    },
    {
        "title": "Secret exposed / 秘密情報の漏えい",
        "body_ja": "送信いただいたメッセージに秘密情報が含まれていたため、保存前に削除しました。"
        "漏えいした可能性があるため、ご自身で新しいウォレットを作成して資産を移し、"
        "パスワードを変更してください。この情報は誰にも教えないでください。",
        "body_en": "Your message contained a secret, which we removed before storing it. As it "
        "may be exposed, create a new wallet yourself and move your funds to it, and change "
        "your password. Never share it with anyone, including us.",
    },
    {
        "title": "Verify official channels / 公式チャンネルの確認",
        "body_ja": "当社を名乗る連絡が本物かどうかは、ヘルプセンターの「公式チャンネルの確認」で"
        "確かめられます。サポートが遠隔操作や送金を求めることは決してありません。",
        "body_en": "You can check whether a message claiming to be from us is genuine on the "
        "help centre's official channels page. Support never asks for remote access or asks "
        "you to send funds anywhere.",
    },
)

CUSTOMERS = {
    "taro": ("taro@example.jp", "山田 太郎"),
    "hanako": ("hanako@example.jp", "佐藤 花子"),
    "kenta": ("kenta@example.jp", "鈴木 健太"),
    "yui": ("yui@example.jp", "高橋 結衣"),
    "sho": ("sho@example.jp", "伊藤 翔"),
    "misaki": ("misaki@example.jp", "中村 美咲"),
    "emily": ("emily@example.com", "Emily Clark"),
    "david": ("david@example.com", "David Nguyen"),
    "sofia": ("sofia@example.com", "Sofia Rossi"),
    "liam": ("liam@example.com", "Liam O'Brien"),
}


@dataclass(frozen=True)
class DemoStep:
    """What happens after the request arrives: ``reply``/``note`` (agent, text),
    ``status`` (agent, status), ``team`` (agent, team slug), ``customer`` (text)."""

    kind: str
    agent: str = "aiko"
    value: str = ""


@dataclass(frozen=True)
class DemoRequest:
    customer: str
    intent: str
    subject: str
    body: str
    language: str = "ja"
    facts: dict[str, str] = field(default_factory=dict)
    team: str = ""
    steps: tuple[DemoStep, ...] = ()


def reply(agent: str, text: str) -> DemoStep:
    return DemoStep("reply", agent, text)


def note(agent: str, text: str) -> DemoStep:
    return DemoStep("note", agent, text)


def status(agent: str, value: str) -> DemoStep:
    return DemoStep("status", agent, value)


def customer(text: str) -> DemoStep:
    return DemoStep("customer", "", text)


USDT_TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
ETH_TX = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
ETH_ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
XRP_ADDRESS = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"
XRP_TX = "C53ECF838647FA5A4C780377025FEC7999AB4182590510CA461444B207AB74A9"
BTC_ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
BTC_TX = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16"

REQUESTS: tuple[DemoRequest, ...] = (
    DemoRequest(
        "taro",
        "funds.wrong_network",
        "USDTの入金が反映されません",
        f"昨日の夜、他社から1,500 USDTを送金しました。ネットワークはERC20を選びました。"
        f"送金先は {USDT_TRON} です。まだ残高に反映されていません。",
        facts={
            "asset": "USDT",
            "network": "ERC20",
            "amount": "1,500 USDT",
            "tx_hash": ETH_TX,
            "address": USDT_TRON,
        },
        team="funds",
        steps=(
            note("kenji", "アドレスはTRC20、申告はERC20。TxIDをエクスプローラーで確認中。"),
            reply(
                "kenji",
                "お問い合わせありがとうございます。送金先アドレスはTron(TRC20)のもので、"
                "ERC20とは異なります。実際に送金したネットワークを送金元の画面でご確認ください。",
            ),
        ),
    ),
    DemoRequest(
        "emily",
        "funds.missing_memo",
        "XRP deposit without destination tag",
        f"I sent 2,000 XRP to {XRP_ADDRESS} two hours ago and it has not arrived. "
        "I think I forgot the destination tag.",
        language="en",
        facts={"asset": "XRP", "amount": "2,000 XRP", "tx_hash": XRP_TX, "address": XRP_ADDRESS},
        team="funds",
        steps=(
            reply(
                "emma",
                "Thank you. We found your transaction and are matching it to your account; "
                "this usually takes two business days. Please always include the tag next time.",
            ),
        ),
    ),
    DemoRequest(
        "hanako",
        "account.compromised",
        "アカウントが乗っ取られたかもしれません",
        "知らない端末からのログイン通知が届きました。サポートを名乗る人にDMで聞かれて、"
        f"復元フレーズを送ってしまいました: {TEST_RECOVERY_PHRASE} どうすればいいですか?",
        facts={"occurred_at": "今朝8時ごろ", "steps_taken": "パスワードを変更しました"},
        team="security",
        steps=(
            note("aiko", "出金を一時停止。ログイン履歴を確認。"),
            reply(
                "aiko",
                "ご連絡ありがとうございます。出金を一時停止しました。復元フレーズは漏えいした前提で、"
                "新しいウォレットを作成し資金を移してください。当社が復元フレーズを聞くことはありません。",
            ),
        ),
    ),
    DemoRequest(
        "david",
        "security.phishing_report",
        "Is this your support account?",
        "Someone on Telegram (@madoguchi_support_jp) says they are support and sent me "
        "https://madoguchi-support-login.com to verify my wallet. Is this real?",
        language="en",
        facts={
            "url": "https://madoguchi-support-login.com",
            "contact_handle": "@madoguchi_support_jp",
        },
        team="security",
        steps=(
            reply(
                "emma",
                "That account and site are not ours. Please do not enter anything there. "
                "We have reported both; our only site is the one you are using now.",
            ),
            status("emma", "solved"),
        ),
    ),
    DemoRequest(
        "kenta",
        "funds.withdrawal_delayed",
        "BTCの出金が届きません",
        f"昨日の夜に0.05 BTCを {BTC_ADDRESS} に出金しました。履歴では完了ですが、届いていません。",
        facts={
            "asset": "BTC",
            "amount": "0.05 BTC",
            "tx_hash": BTC_TX,
            "address": BTC_ADDRESS,
            "occurred_at": "昨日の夜",
        },
        team="funds",
        steps=(
            reply(
                "kenji",
                "TxIDはブロックチェーン上で承認済みです。受取側のウォレットで反映をご確認ください。",
            ),
            customer("確認できました。ありがとうございました。"),
            status("kenji", "solved"),
        ),
    ),
    DemoRequest(
        "sofia",
        "funds.crypto_deposit_missing",
        "ETH deposit not credited",
        f"I deposited 0.8 ETH this morning to {ETH_ADDRESS}. The explorer shows it confirmed.",
        language="en",
        facts={"asset": "ETH", "network": "ERC20", "amount": "0.8 ETH", "address": ETH_ADDRESS},
        team="funds",
    ),
    DemoRequest(
        "yui",
        "account.login",
        "ログインできません",
        "パスワード再設定のメールが届きません。迷惑メールフォルダも確認しました。",
        facts={"error_message": "E1042 認証に失敗しました", "device": "iPhone 15 / Safari"},
        steps=(
            reply(
                "aiko",
                "再設定メールを再送しました。30分以内にメール内のリンクを開いてください。",
            ),
        ),
    ),
    DemoRequest(
        "liam",
        "account.2fa_lost",
        "Lost my phone with the authenticator app",
        "My phone was stolen yesterday and I cannot log in without the 2FA code. "
        "I do not have the backup codes.",
        language="en",
        facts={"device": "Pixel 8, Google Authenticator", "occurred_at": "yesterday evening"},
        team="security",
    ),
    DemoRequest(
        "sho",
        "account.kyc",
        "本人確認が否認されました",
        "運転免許証で本人確認を申請しましたが、否認されました。理由がよく分かりません。",
        facts={"error_message": "書類の四隅が写っていません"},
        steps=(
            reply(
                "kenji",
                "書類の四隅がすべて写るように撮影し、再提出してください。",
            ),
            status("kenji", "solved"),
        ),
    ),
    DemoRequest(
        "misaki",
        "funds.fiat_deposit",
        "日本円の入金が反映されない",
        "本日10時に50,000円を振り込みましたが、まだ反映されていません。",
        facts={"amount": "50,000円", "occurred_at": "本日10時"},
        team="funds",
    ),
    DemoRequest(
        "emily",
        "security.verify_channel",
        "Did you call me?",
        "I got a call from +81 3-1234-5678 saying they are from Madoguchi Exchange and asking "
        "me to install AnyDesk. Is that you?",
        language="en",
        facts={"contact_handle": "+81 3-1234-5678"},
        team="security",
        steps=(
            reply(
                "emma",
                "No. We never ask for remote access. Please do not install anything and hang up.",
            ),
            status("emma", "solved"),
        ),
    ),
    DemoRequest(
        "taro",
        "trading.order_issue",
        "指値注文がキャンセルできない",
        "BTC/JPYの指値注文を取り消そうとするとエラーになります。注文IDは 48213377 です。",
        facts={"order_id": "48213377", "asset": "BTC", "occurred_at": "今日の14時"},
    ),
    DemoRequest(
        "david",
        "security.secret_exposed",
        "I typed my seed phrase into a website",
        f"I entered my wallet words on a site that looked like yours: {TEST_RECOVERY_PHRASE}. "
        "What should I do now?",
        language="en",
        facts={"occurred_at": "30 minutes ago"},
        team="security",
        steps=(
            reply(
                "emma",
                "Please create a new wallet now and move all funds to it: assume the old words "
                "are known to the scammer. We will never ask you for them.",
            ),
        ),
    ),
    DemoRequest(
        "hanako",
        "wallet.tx_stuck",
        "ETHの送金が未承認のまま",
        f"ウォレットから送金したETHが未承認のままです。TxIDは {ETH_TX} です。",
        facts={"asset": "ETH", "network": "ERC20", "tx_hash": ETH_TX},
    ),
    DemoRequest(
        "kenta",
        "funds.limits_fees",
        "出金手数料について",
        "XRPの出金手数料と1日の上限を教えてください。",
        facts={"asset": "XRP"},
        steps=(
            reply("kenji", "出金画面に手数料と1日の残り上限額が表示されます。"),
            status("kenji", "solved"),
        ),
    ),
    DemoRequest(
        "sofia",
        "trading.fees",
        "Why did I pay more than the chart price?",
        "I bought 0.01 BTC on the Buy screen and paid more than the price on the chart.",
        language="en",
    ),
    DemoRequest(
        "yui",
        "asset.staking",
        "ステーキング報酬が届いていない",
        "先月分のETHのステーキング報酬が履歴に表示されていません。",
        facts={"asset": "ETH"},
    ),
    DemoRequest(
        "liam",
        "wallet.recovery",
        "Can you restore my wallet?",
        "I lost the paper with my recovery words. Can support restore my hardware wallet?",
        language="en",
        facts={"wallet_type": "Ledger Nano X"},
        steps=(
            reply(
                "emma",
                "We cannot: nobody but you ever has those words. If the wallet still opens, "
                "create a new one and move the funds now.",
            ),
            status("emma", "solved"),
        ),
    ),
    DemoRequest(
        "sho",
        "tech.app_error",
        "アプリが起動しない",
        "アップデート後、アプリを開くとすぐに落ちます。",
        facts={
            "error_message": "予期しないエラーが発生しました (E500)",
            "device": "Android 14 / アプリ 5.2.0",
            "steps_taken": "再起動、再インストール",
        },
    ),
    DemoRequest(
        "misaki",
        "security.unauthorized_withdrawal",
        "身に覚えのない出金があります",
        f"今朝、身に覚えのない0.3 BTCの出金がありました。TxID: {BTC_TX}",
        facts={"asset": "BTC", "amount": "0.3 BTC", "tx_hash": BTC_TX, "occurred_at": "今朝"},
        team="security",
        steps=(note("aiko", "アカウント凍結済み。ログインIPを調査中。"),),
    ),
    DemoRequest(
        "emily",
        "other.tax_report",
        "Annual transaction report",
        "Where can I download last year's annual transaction report?",
        language="en",
        steps=(
            reply("emma", "Under Account > Reports > Annual transaction report."),
            status("emma", "solved"),
        ),
    ),
    DemoRequest(
        "taro",
        "account.update_info",
        "メールアドレスを変更したい",
        "登録しているメールアドレスを新しいものに変更したいです。",
    ),
    DemoRequest(
        "david",
        "funds.address_book",
        "Cannot add a withdrawal address",
        f"Adding {ETH_ADDRESS} to my address book fails with an error.",
        language="en",
        facts={"asset": "ETH", "network": "ERC20"},
        team="funds",
    ),
    DemoRequest(
        "hanako",
        "other.complaint",
        "対応が遅いです",
        "3日前に問い合わせましたが、まだ返事がありません。",
    ),
    DemoRequest(
        "kenta",
        "funds.wrong_address",
        "送金先を間違えました",
        f"出金先アドレスを間違えて {ETH_ADDRESS} に0.5 ETHを送ってしまいました。",
        facts={"asset": "ETH", "network": "ERC20", "amount": "0.5 ETH", "address": ETH_ADDRESS},
        team="funds",
    ),
    DemoRequest(
        "sofia",
        "account.signup",
        "Can I open an account from abroad?",
        "I live in Italy. Can I open an account?",
        language="en",
        steps=(
            reply("emma", "Accounts are available to residents of Japan only, sorry."),
            status("emma", "solved"),
        ),
    ),
    DemoRequest(
        "yui",
        "tech.notifications",
        "SMSの認証コードが届かない",
        "ログイン時のSMS認証コードが届きません。",
        facts={"device": "iPhone 13"},
    ),
    DemoRequest(
        "liam",
        "other.human_agent",
        "I want to talk to a person",
        "Can someone call me back about my account?",
        language="en",
    ),
    DemoRequest(
        "sho",
        "wallet.dapp",
        "dAppの承認を取り消したい",
        "昔接続したdAppのトークン承認を取り消す方法を教えてください。",
        facts={"wallet_type": "MetaMask", "url": "https://app.example-dex.invalid"},
    ),
    DemoRequest(
        "misaki",
        "asset.listing_info",
        "SOLの取り扱いについて",
        "SOLは取り扱っていますか?",
        facts={"asset": "SOL"},
        steps=(reply("kenji", "はい、SOLはSolanaネットワークで入出金できます。"),),
    ),
)
