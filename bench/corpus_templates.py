"""Sentence templates for the bench corpus: support prose in Japanese and English.

``{slot}`` names are filled by :mod:`bench.corpus_gen` (``addr``, ``txid``, ``amount``...).
Secret sentences hold exactly one ``{S}`` where the secret goes (and optionally ``{P}``, a
``0x`` prefix that is *not* part of the planted span).

>>> "withdrawal" in TOPICS
True
"""

from __future__ import annotations

#: topic -> chains it is about (None = any) and sentences per language.
TOPICS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "withdrawal": {
        "chains": None,
        "ja": (
            "{date}に{amount} {asset}を出金申請しましたが、まだ着金していません。",
            "出金ステータスが「処理中」のまま{hours}時間以上経っています。注文番号は{order}です。",
            "送金先アドレスは {addr} です。トランザクションIDは {txid} です。",
            "出金申請から3日経ちますが、{asset}が届きません。確認をお願いします。",
            "出金先：{addr}\n数量：{amount} {asset}\nネットワーク：{network}",
            "出金がキャンセルされたと表示されましたが、残高も戻っていません。",
        ),
        "en": (
            "I requested a withdrawal of {amount} {asset} {date} and it still hasn't arrived.",
            'The withdrawal has been stuck on "processing" for over {hours} hours. Reference: {order}.',
            "Destination address: {addr}\nTxID: {txid}",
            "Can you check why my {asset} withdrawal is pending? It's been three days.",
            "withdrew {amount} {asset} to {addr} via {network}, still nothing on the other side",
            "The app says the withdrawal was cancelled but the funds are not back in my balance.",
        ),
    },
    "deposit": {
        "chains": None,
        "ja": (
            "{date}に外部ウォレットから{amount} {asset}を入金しましたが、残高に反映されていません。",
            "ブロックエクスプローラーでは承認済みになっています：{url}",
            "入金アドレス {addr} に送りました。TXIDは {txid} です。",
            "入金がまだ反映されません。何か手続きが必要でしょうか？",
            "{network}で入金したのですが、承認数が足りないのでしょうか。",
            "日本円の入金（{jpy}円）が反映されていません。振込名義は合っています。",
        ),
        "en": (
            "I deposited {amount} {asset} from my hardware wallet {date} but my balance still shows zero.",
            "The explorer says it's confirmed: {url}",
            "I sent it to my deposit address {addr}, tx hash {txid}.",
            "My deposit is not showing up, is there a delay on {network} right now?",
            "deposit of {amount} {asset} missing, sent {date}!!",
        ),
    },
    "wrong_network": {
        "chains": ("eth", "tron", "sol"),
        "ja": (
            "間違えて{network}で送金してしまいました。{amount} {asset}です。取り戻せますか？",
            "{asset}を{network}ネットワークで送ってしまいました。送金先は {addr} です。",
            "ネットワークの選択を間違えたみたいです。TXID: {txid}",
            "BEP20とERC20を間違えました。資産は戻ってきますか？",
        ),
        "en": (
            "I accidentally sent {amount} {asset} over {network} instead of the right network. Is it recoverable?",
            "I picked the wrong network ({network}) when withdrawing to {addr}. Please help.",
            "Sent {asset} on the wrong chain, tx: {txid}. What are my options?",
        ),
    },
    "missing_tag": {
        "chains": ("xrp",),
        "ja": (
            "XRPを送金する時に宛先タグを入れ忘れました。金額は{amount} XRPです。",
            "宛先タグ {tag} を付けて {addr} に送りましたが、反映されていません。",
            "タグを間違えて入力したかもしれません。TXIDは {txid} です。",
        ),
        "en": (
            "I forgot the destination tag when sending {amount} XRP to {addr}.",
            "I used tag {tag} but the deposit never showed up. tx {txid}",
        ),
    },
    "hacked": {
        "chains": None,
        "ja": (
            "アカウントが乗っ取られたかもしれません。身に覚えのない出金が{date}にありました。",
            "知らないアドレス {addr} に{amount} {asset}が送金されています。すぐにアカウントを凍結してください。",
            "ログイン通知のメールが{email}に届きましたが、私ではありません。",
            "パスワードを変更しましたが、まだ不安です。",
            "不正ログインの履歴があります。IPアドレスも海外になっていました。",
        ),
        "en": (
            "Someone logged into my account and withdrew {amount} {asset} to {addr}. Please freeze my account now!",
            "I got a login alert at {email} that wasn't me, {date}.",
            "I think my account was hacked, there's a withdrawal I never made: {txid}",
            "I already changed my password but I'm still worried.",
        ),
    },
    "kyc": {
        "chains": None,
        "ja": (
            "本人確認書類を提出してから1週間経ちますが、まだ審査中のままです。",
            "マイナンバーカードで本人確認をしましたが、「書類不備」と表示されました。",
            "KYCが完了しないので出金ができません。登録メールアドレスは {email} です。",
            "住所変更をしたので、本人確認書類を再提出したいです。",
            "運転免許証の裏面もアップロードが必要ですか？",
        ),
        "en": (
            "I submitted my KYC documents a week ago and it's still under review.",
            'My ID verification was rejected with "document unclear". What should I upload?',
            "Can you speed up my verification? My account email is {email}.",
            "I moved recently and need to update my proof of address.",
        ),
    },
    "fees": {
        "chains": None,
        "ja": (
            "{asset}の出金手数料が高すぎませんか？{fee} {asset}も取られました。",
            "手数料の計算方法を教えてください。注文番号 {order} の約定で差額があります。",
            "取引手数料が表示と違います。{date}の取引です。",
            "スプレッドが広すぎると思います。販売所ではなく取引所で買うべきでしたか？",
        ),
        "en": (
            "Why was I charged {fee} {asset} as a withdrawal fee? That seems too high.",
            "The trading fee on order {order} doesn't match your fee schedule.",
            "Is there a cheaper network to withdraw {asset}? The {network} fee is huge.",
        ),
    },
    "login": {
        "chains": None,
        "ja": (
            "機種変更をしたら二段階認証アプリが使えなくなりました。",
            "ログインできません。SMSが届きません。登録の電話番号は変わっていません。",
            "2FAのリセットをお願いしたいです。登録メールは {email} です。",
            "パスワードを何度か間違えてアカウントがロックされました。",
            "{date}からログインできない状態です。ロック解除の方法を教えてください。",
        ),
        "en": (
            "I changed phones and lost my authenticator app, how do I reset 2FA?",
            "I'm not receiving the SMS code when logging in.",
            "Please reset two-factor authentication for {email}.",
            "My account got locked {date} after too many login attempts.",
        ),
    },
    "trading": {
        "chains": None,
        "ja": (
            "指値注文 {order} が約定しないまま残っています。",
            "{date}に購入した{amount} {asset}が残高に表示されません。",
            "成行で買ったら想定より高い価格で約定しました。注文番号は{order}です。",
        ),
        "en": (
            "My limit order {order} was filled at a different price than I set.",
            "I bought {amount} {asset} {date} but it's not in my balance.",
            "The order book froze during the dip and my stop loss {order} never triggered.",
        ),
    },
    "scam": {
        "chains": None,
        "ja": (
            "Xでサポートを名乗るアカウントからDMが来ました。公式ですか？ {phish}",
            "「サポート窓口」を名乗る人から、このサイトでウォレットを認証するよう言われました：{phish}",
            "LINEで投資グループに誘われて{amount} {asset}を {addr} に送ってしまいました。",
        ),
        "en": (
            "Someone claiming to be your support on Telegram sent me this link: {phish} Is it legit?",
            "A support agent on Discord asked me to verify my wallet at {phish}",
            "I sent {amount} {asset} to {addr} after a 'support' call, was that you?",
        ),
    },
    "staking": {
        "chains": ("eth", "sol"),
        "ja": (
            "ステーキングの報酬が{date}から付与されていません。",
            "{asset}のステーキングを解除したいです。{amount} {asset}分です。",
        ),
        "en": (
            "My staking rewards for {asset} stopped {date}.",
            "How long does unstaking {amount} {asset} take?",
        ),
    },
    "tax": {
        "chains": None,
        "ja": (
            "確定申告用に年間取引報告書をダウンロードしたいです。",
            "取引履歴のCSVに{date}の取引が入っていません。",
        ),
        "en": (
            "Where can I download my annual transaction report for taxes?",
            "The CSV export is missing trades made {date}.",
        ),
    },
}

OPENINGS = {
    "ja": (
        "お世話になっております。",
        "こんにちは。",
        "いつもお世話になっています。",
        "すみません、",
        "至急対応をお願いします。",
        "{name_ja}と申します。",
        "お問い合わせです。",
    ),
    "en": (
        "Hi,",
        "Hello support,",
        "Hi team,",
        "URGENT:",
        "Hey,",
        "Good morning,",
        "Dear support team,",
    ),
}

CLOSINGS = {
    "ja": (
        "よろしくお願いいたします。",
        "宜しくお願いします。",
        "早めの返信をお願いします。",
        "困っています、助けてください。",
        "ご確認よろしくお願いします。\n{name_ja}",
    ),
    "en": ("Thanks.", "Thank you in advance.", "Please help asap!!", "Regards,\n{name_en}", "thx"),
}

#: kind-variant -> language -> sentences with one ``{S}``.
SECRET_SENTENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "bip39": {
        "ja": (
            "ウォレットを復元できません。リカバリーフレーズは以下です。\n{S}",
            "シードフレーズが合っているか確認してください：{S}",
            "サポートの方に言われたので復元フレーズを送ります。\n{S}\nよろしくお願いします。",
            "メモしていた単語です {S} これで合っていますか？",
        ),
        "en": (
            "Here is my seed phrase so you can check it: {S}",
            "support on telegram told me to send my recovery phrase:\n{S}",
            "My backup words are\n{S}\nplease help me restore the wallet",
            "is this phrase valid? {S}",
        ),
    },
    "wif": {
        "ja": (
            "秘密鍵をエクスポートしました {S} 残高を確認してもらえますか",
            "WIF形式の秘密鍵：{S}",
        ),
        "en": (
            "My private key (WIF) is {S} can you import it for me?",
            "exported key from Electrum: {S}",
        ),
    },
    "hex": {
        "ja": (
            "メタマスクの秘密鍵は {P}{S} です。",
            "秘密鍵：{P}{S}\nこれで資産を移せますか？",
        ),
        "en": (
            "private key: {P}{S}",
            "here's the privkey {P}{S} from metamask, please recover my tokens",
        ),
    },
    "xprv": {
        "ja": (
            "拡張秘密鍵（xprv）を貼ります：{S}",
            "バックアップのマスターキー {S} で復元できますか",
        ),
        "en": (
            "xprv from my wallet backup: {S}",
            "this is the extended private key of my wallet {S} please check the balance",
        ),
    },
    "keystore": {
        "ja": ("キーストアファイルの中身です。\n{S}\nパスワードを忘れてしまいました。",),
        "en": ("Here is my keystore file (UTC JSON):\n{S}\nI forgot the password for it.",),
    },
    "password": {
        "ja": (
            "パスワードは {S} です。",
            "パスワード：{S}\n",
            "パスワードは「{S}」で合っているはずです。",
            "ログインパスワード {S} を入れてもエラーになります。",
        ),
        "en": (
            "my password is {S} and it doesn't work",
            "Password: {S}\n",
            "login password = {S} (I double checked)",
            "I reset it yesterday, the new password is {S} ",
        ),
    },
    "otp": {
        "ja": (
            "認証コードは {S} です。",
            "SMSで届いたコード {S} を入力しても進めません。",
            "2段階認証のコード：{S}",
            "認証コードは{S}でした。",
        ),
        "en": (
            "verification code: {S}",
            "the SMS code I got is {S} but it says expired",
            "2FA code {S} didn't work",
            "Google Authenticator shows {S} right now",
        ),
    },
}

DATES = {
    "ja": (
        "{m}月{d}日",
        "{y}/{mm}/{dd} {hh}:{mi}頃",
        "昨日の夜{h12}時ごろ",
        "先週の金曜日",
        "今朝",
        "{y}年{m}月{d}日",
    ),
    "en": (
        "on {mon} {d}",
        "on {y}-{mm}-{dd} {hh}:{mi}",
        "yesterday around {h12}pm",
        "last Friday",
        "on {dd}/{mm}/{y}",
        "this morning",
        "on {mon} {d}, {y} at {h12}:{mi}",
    ),
}
MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
NAMES_JA = ("山田太郎", "佐藤", "鈴木花子", "高橋", "田中一郎", "伊藤美咲")
NAMES_EN = ("John", "Emily R.", "Ken Tanaka", "Sarah", "Mike", "Yuki S.")
EMAIL_USERS = ("taro.yamada", "hanako_s", "ktanaka88", "emily.r", "mike.trades", "yuki2020")
EMAIL_DOMAINS = ("gmail.com", "yahoo.co.jp", "icloud.com", "outlook.jp", "docomo.ne.jp")
PHISH = (
    "https://bitflyer-support-login.com/verify",
    "https://metamask-wallet-restore.app/sync",
    "https://coincheck-help.net/account/unlock",
    "https://binance-kyc-verify.org/?id=88213",
)

#: chain -> (assets, networks) used to fill ``{asset}`` and ``{network}`` consistently.
CHAIN_LABELS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "btc": (("BTC",), ("Bitcoin", "BTC", "ビットコイン")),
    "eth": (("ETH", "USDT", "USDC"), ("ERC20", "Ethereum", "イーサリアム")),
    "tron": (("USDT", "TRX"), ("TRC20", "Tron")),
    "xrp": (("XRP",), ("XRP Ledger", "XRP")),
    "ltc": (("LTC",), ("Litecoin",)),
    "doge": (("DOGE",), ("Dogecoin",)),
    "sol": (("SOL", "USDC"), ("Solana", "SPL")),
}
