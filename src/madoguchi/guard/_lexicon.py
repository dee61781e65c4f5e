"""The words the guard looks for, English and Japanese, on NFKC + casefolded text.

Three families: *objects* (what must never be asked for, per kind), *asks* (the verbs and
polite forms that request something), and *contexts* that turn an ask into the desk's own
safety language (negation, "if anyone asks", "scam").
"""

from __future__ import annotations

import re

from madoguchi.guard._types import OTP, PASSWORD, PRIVATE_KEY, RECOVERY_PHRASE, REMOTE_ACCESS

# --- objects -------------------------------------------------------------------------------
_NUMBER_WORDS = r"(?:12|twelve|18|eighteen|24|twenty[\s-]?four)"
OBJECTS_EN: dict[str, re.Pattern[str]] = {
    RECOVERY_PHRASE: re.compile(
        r"\b(?:recovery|seed|secret|backup|mnemonic|restore|restoration|wallet)[\s-]+"
        r"(?:phrase|words?|sentence)s?\b|\bseed\b|\bmnemonics?\b|"
        rf"\b{_NUMBER_WORDS}[\s-]*(?:secret[\s-]+|seed[\s-]+|recovery[\s-]+|backup[\s-]+)?words?\b|"
        # described, not named: "the words written on the backup card"
        r"\bwords\s+(?:\w+\s+){0,3}?(?:on|from|in)\s+(?:your|ur|the)\s+(?:\w+\s+)?"
        r"(?:backup|recovery|seed|wallet)\s+(?:card|sheet|paper)s?\b|"
        r"\b(?:recovery|seed)\s+(?:card|sheet)s?\b|"
        r"\bphotos?\s+of\s+(?:your|ur|the)\s+backup\s+(?:card|sheet)s?\b"
    ),
    PRIVATE_KEY: re.compile(
        r"\b(?:private|secret)[\s-]*keys?\b|\b(?:priv|pvt)\.?[\s-]*keys?\b|"
        r"\bkey[\s-]?store(?:\s+file)?\b|\bwallet\.dat\b|"
        r"\bxprv\w*|\bprivkey\b|"
        # described: "the key for that wallet", "your wallet's key"
        r"\b(?:the|your|ur|its)\s+keys?\s+(?:for|of|to)\s+(?:your|ur|that|this|the)\s+"
        r"(?:[\w-]+\s+)?wallets?\b|\bwallet'?s\s+(?:private\s+)?key\b|\bhex\s+key\b"
    ),
    OTP: re.compile(
        r"\b(?:2fa|two[\s-]*factor|mfa|2[\s-]*step|two[\s-]*step|verification|authentication|"
        r"authenticator|auth|one[\s-]*time|security|sms|text|confirmation|login|otp|totp|"
        r"(?:6|six)[\s-]*digits?|e-?mail)\s+(?:app\s+)?(?:code|pin|number|passcode|token)s?\b|"
        r"\bone[\s-]*time[\s-]*pass(?:word|code)s?\b|\b(?:otp|totp)\b|"
        r"\bcodes?\s+(?:from|in|on|shown\s+(?:in|on|by)|sent\s+to)\s+(?:your|ur|yr|the)\s+"
        r"(?:google\s+|microsoft\s+)?(?:authenticator|sms|phone|e-?mail|text)|"
        r"\b(?:codes?|digits|numbers?|pins?)\s+(?:that\s+)?(?:we|i)\s+"
        r"(?:just\s+|have\s+(?:just\s+)?)?"
        r"(?:sent|e-?mailed|texted|messaged)|"
        # described by where it came from: "the digits you just got by SMS", "the numbers your
        # authenticator shows", "the number shown in your authenticator"
        r"\b(?:codes?|digits|numbers?)\s+(?:that\s+)?you\s+(?:just\s+|have\s+(?:just\s+)?)?"
        r"(?:received|got|get|receive)\b|"
        r"\b(?:codes?|digits|numbers?)\s+"
        r"(?:(?:that\s+)?(?:is\s+|are\s+)?(?:currently\s+|now\s+)?(?:shown|showing|displayed|"
        r"displaying|generated|delivered|appearing|visible)\s+)?(?:from|in|on|by|via)\s+"
        r"(?:(?:your|ur|yr|the)\s+)?(?:google\s+|microsoft\s+)?"
        r"(?:authenticator|authy|sms|text\s+message)|"
        r"\b(?:codes?|digits|numbers?)\s+(?:that\s+)?(?:your|ur|the)\s+(?:google\s+)?authenticator"
        r"(?:\s+app)?\s+(?:shows|displays|generates|gives)|"
        # the 2FA secret itself: "the setup key", "your authenticator's secret", backup codes
        r"\b(?:setup|set-up|2fa|totp|authenticator)\s+(?:secret\s+)?keys?\b|"
        r"\b(?:2fa|totp|authenticator)\s+secrets?\b|\b(?:2fa\s+)?(?:backup|recovery)\s+codes\b"
    ),
    PASSWORD: re.compile(
        r"\bpass(?:word|phrase|code)s?\b|\bpin(?:\s+code|\s+number)?\b|"
        r"\blog-?in\s+(?:details|credentials)\b|\bcredentials\b"
    ),
    REMOTE_ACCESS: re.compile(
        r"\b(?:any\s?desk|team\s?viewer|rust\s?desk|ultra\s?viewer|supremo|splashtop|"
        r"quick\s?assist|chrome\s+remote\s+desktop|logmein|screenconnect)\b|"
        r"\bremote[\s-]*(?:access|desktop|control|support|session|assistance)\b|"
        r"\bscreen[\s-]*shar(?:e|ing)\b|"
        r"\bshare\s+(?:your|ur|the|my)\s+(?:screen|desktop|display)\b|"
        r"\bcontrol\s+of\s+(?:your|ur|the)\s+(?:computer|pc|laptop|mac|device|phone|screen|mouse|"
        r"desktop)\b"
    ),
}

OBJECTS_JA: dict[str, re.Pattern[str]] = {
    RECOVERY_PHRASE: re.compile(
        r"シード(?:フレーズ)?|リカバリー?フレーズ|復元(?:用の?)?(?:フレーズ|単語|ワード)|"
        r"バックアップフレーズ|ニーモニック|(?:12|24|18)(?:個の)?英?(?:単語|ワード|語)|秘密のフレーズ|"
        r"(?:バックアップ|復元|リカバリー?|シード)用?の?英?(?:単語|ワード)|"
        # described: 「バックアップ用に紙に書いたあの単語」
        r"(?:バックアップ|復元|リカバリー?|シード)用?(?:に|として)[^。、]{0,12}?英?(?:単語|ワード)|"
        r"紙に(?:書いた|書き留めた|メモした|控えた)[^。、]{0,6}?英?(?:単語|ワード)"
    ),
    PRIVATE_KEY: re.compile(r"秘密鍵|プライベートキー|キーストア|private\s*key"),
    OTP: re.compile(
        r"認証コード|確認コード|ワンタイム(?:パスワード|コード)?|セキュリティコード|"
        r"(?:2|二)段階認証の?[^。、]{0,8}?(?:コード|番号)|"
        r"(?:sms|ショートメール|ショートメッセージ|メール|携帯|認証アプリ|認証システム|authenticator)"
        r"(?:に|で|の)?"
        r"(?:届いた|送られた|受信した|表示され(?:た|る|ている))[^。、]{0,10}?"
        r"(?:番号|コード|数字)|\d+桁の(?:コード|番号|数字)|\b(?:otp|2fa)\b|(?:認証|確認)用?の?番号|"
        r"(?:お送り|送信|送付)(?:した|いたした)(?:認証|確認|ワンタイム)?(?:コード|番号|数字)|"
        r"セットアップ(?:キー|コード)|(?:2|二)段階認証の?(?:シークレット|秘密)キー|バックアップコード|"
        r"(?:authenticator|認証アプリ|認証システム|google認証(?:システム)?)の?(?:シークレット|秘密)キー"
    ),
    PASSWORD: re.compile(r"パスワード|パスフレーズ|暗証番号|ログイン情報"),
    REMOTE_ACCESS: re.compile(
        r"any\s?desk|team\s?viewer|rust\s?desk|画面共有|リモート(?:操作|アクセス|サポート|接続|"
        r"デスクトップ)(?:ツール|アプリ|ソフト)?|遠隔操作|遠隔(?:で|から)の?(?:操作|接続)|"
        # 「Zoomで画面を共有」, not 「エラー画面を共有」(a picture of the error screen)
        r"(?:(?<![ぁ-んァ-ヶー一-龠])|(?<=で))画面を(?:ご)?共有|"
        # the screen of the wallet app itself, not an error screen
        r"(?:ウォレット|アプリ|ブラウザ)[^。、]{0,6}?(?:開いた|起動した)画面を(?:ご)?共有|"
        r"(?:接続|リモート)用の?(?:id|番号|コード)"
    ),
}

# --- asks ----------------------------------------------------------------------------------
# Verbs that ask for disclosure. Present / -ing forms only: "the code we sent" is no ask.
ASK_EN = re.compile(
    r"\b(?:shar(?:e|es|ing)|send(?:s|ing)?|tell(?:s|ing)?|giv(?:e|es|ing)|provid(?:e|es|ing)|"
    r"dm|pm|messag(?:e|ing)|past(?:e|ing)|reply(?:ing)?\s+(?:to\s+(?:this|the|our|my)\s+\S+\s+)?with|"
    r"read(?:ing)?\s+(?:[\w-]+\s+){0,3}?(?:out|back|aloud)|read\s+(?:me|us)|"
    r"read\s+(?:[\w-]+\s+){1,3}?to\s+(?:me|us)|let\s+(?:me|us)\s+know|"
    r"what(?:'s|\s+is|\s+are|\s+were|\s+was)|"
    # "we need to confirm your seed phrase": our need, not the customer's ("you need to ...")
    r"(?:we|i)\s+(?:will\s+|would\s+|'ll\s+|'d\s+|just\s+|first\s+|still\s+)?need\s+to\s+"
    r"(?:confirm|verify|check|see|know|have|get|collect|validate|receive)|need|"
    r"attach(?:ing)?|photograph|screenshot|"
    r"take\s+(?:a\s+)?(?:photo|picture|screenshot|snapshot|pic)s?\s+of|"
    r"drop|turn\s+on|switch\s+on|enabl(?:e|ing)|return(?:ing)?|refund(?:ing)?|repay|pay|"
    r"requir(?:e|es|ing)|ask(?:s|ing)?\s+(?:\w+\s+)?for|submit(?:ting)?|hand\s+over|upload|"
    r"forward|disclos(?:e|ing)|show\s+(?:me|us)|spell\s+out|verify\s+by|install(?:ing)?|"
    r"download(?:ing)?|open|run|launch|start|use|grant|allow|accept|join|set\s+up|"
    r"let'?s|let\s+(?:us|me)|can\s+we|could\s+we|shall\s+we|do\s+a|transfer(?:ring)?|mov(?:e|ing)|"
    r"deposit(?:ing)?|sweep|enter|typ(?:e|ing)|input|fill\s+in|write|confirm)\b"
)
#: verbs that only ask for disclosure when aimed at us ("enter it here", not "in the app")
WEAK_EN = frozenset({"enter", "type", "typing", "input", "fill in", "write", "confirm", "drop"})
#: verbs that only ask for remote access (``use the app`` is no request for a password)
REMOTE_ONLY_EN = ("install", "download", "open", "run", "launch", "start", "use", "grant",
                  "allow", "accept", "join", "set up", "let's", "lets", "let us", "let me", "can we",
                  "could we", "shall we",
                  "do a", "turn on", "switch on", "enabl")  # fmt: skip
#: verbs that move funds
TRANSFER_EN = (
    "send",
    "transfer",
    "mov",
    "deposit",
    "sweep",
    "forward",
    "return",
    "refund",
    "repay",
    "pay",
)
#: of those, the ones that never ask for disclosure ("move your funds to a new wallet with a
#: new recovery phrase" asks for no phrase)
TRANSFER_ONLY_EN = ("transfer", "mov", "deposit", "sweep", "return", "refund", "repay", "pay")
TOWARDS_US = re.compile(
    r"\b(?:here|below|in\s+(?:this|the|your)\s+(?:chat|reply|message|e-?mail|form|page)|"
    r"(?:this|that|the\s+following|our)\s+(?:page|form|link|site|website|portal)|"
    r"https?://|reply|to\s+us|to\s+me)\b"
)
#: what makes a te-form a request: 「教えてください」, not 「教えてしまった」
_REQ = r"(?:ください|下さい|いただ|頂|もらえ|くれ|ほしい|欲し|ちょうだい)"
ASK_JA = re.compile(
    rf"教えて{_REQ}|お?知らせ(?:て{_REQ}|ください|いただ|願)|お?送り(?:ください|いただ|願)|"
    rf"送って{_REQ}|ご?送信(?:して{_REQ}|ください|いただ|を?お願い)|"
    rf"ご?共有(?:して{_REQ}|ください|いただ|を?お願い)|お伝え(?:ください|いただ|願)|"
    rf"伝えて{_REQ}|ご?提供(?:して{_REQ}|ください|いただ|を?お願い)|"
    rf"ご?記入(?:して{_REQ}|ください|いただ|の?うえ)|貼り?付けて{_REQ}|貼って{_REQ}|"
    rf"ペーストして{_REQ}|ご?返信(?:して{_REQ}|ください|いただ)|読み上げて{_REQ}|お聞かせ|"
    rf"ご教示|ご?提示(?:して{_REQ}|ください|いただ)|お渡し(?:ください|いただ|願|を?お願い)|渡して{_REQ}|確認させて{_REQ}|"
    rf"ご?添付(?:して{_REQ}|ください|いただ|の?うえ)|ご?記載(?:して{_REQ}|ください|いただ|の?うえ)|"
    rf"(?:写真に|画像に)?撮って{_REQ}|撮影して{_REQ}|ご?転送(?:して{_REQ}|ください|いただ)|"
    r"お?伺い(?:でき|したく|します)|伺えますか|お尋ね(?:します|したく)|"
    r"頂戴(?:でき|したく|いたします)|お預け|お聞き(?:しても|でき)|"
    rf"ご?入力(?:して{_REQ}|ください|いただ)|"
    # a chain ending in a request: 「…を入力して本人確認を完了してください」
    r"ご?入力して(?=[^。、]{0,25}?(?:て|で)(?:ください|下さい|いただ|もらえ))"
)
#: 入力 asks for disclosure only when aimed at us (not "アプリに入力")
TOWARDS_US_JA = re.compile(
    r"こちら|この(?:チャット|フォーム|ページ|メール)|下記|以下|返信|フォーム|url|リンク|https?://"
)
ASK_REMOTE_JA = re.compile(
    rf"(?:インストール|ダウンロード|起動|接続|許可|導入|追加)(?:して{_REQ}|ください|いただ|を?お願い)|"
    rf"入れて{_REQ}|"
    r"お使いください|ご利用ください"
)
#: right after the remote-access word: 「画面共有をしていただければ」「リモート操作をお願いします」
REMOTE_DIRECT_JA = re.compile(
    rf"を?(?:オンに|有効に|開始)?(?:して{_REQ}|させて{_REQ}|お願い(?:します|いたします|でき|したい|したく))"
)
INSTALL_FOR_US_EN = re.compile(
    r"\b(?:install|download|add\s+(?:the|this|our|a|an)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:extension|add-?on|plug-?in|app))\b.{0,80}?\bso\s+(?:that\s+)?(?:we|i|our\s+\w+|the\s+\w+)\s+"
    r"(?:can|could|will|may)\s+(?:\w+\s+){0,2}?(?:fix|access|see|check|repair|control|look|"
    r"help|operate|connect|view)"
)
INSTALL_FOR_US_JA = re.compile(
    r"(?:(?:インストール|ダウンロード|導入|追加)(?:して|いただ)|入れて)[^。]{0,40}?"
    r"(?:こちらで|弊社で|当方で|こちらから|担当者が|遠隔で|技術者が)"
)
TRANSFER_JA = re.compile(
    r"送金(?:して|ください|いただ|を?お願い)|お?振り?込(?:んで|み(?:ください|いただ|を?お願い))|"
    rf"移して{_REQ}|移動(?:して|ください|いただ|を?お願い)|ご?入金(?:して|ください|いただ|を?お願い)|"
    rf"送って{_REQ}|お送り(?:ください|いただ)|送付して{_REQ}|"
    # the same ask in other words: refund, "evacuate", re-book, pay
    rf"ご?返金(?:して|ください|いただ|を?お願い)|ご?返(?:却|還|送)(?:して{_REQ}|ください|いただ)|"
    rf"(?:避難|退避)させて{_REQ}|(?:避難|退避)(?:して|ください|いただ|を?お願い)|"
    rf"お?振り?替え(?:て{_REQ}|ください|いただ|を?お願い)|移し替えて{_REQ}|"
    rf"お?支払(?:って{_REQ}|い(?:ください|いただ|を?お願い))|移管(?:して|ください|いただ|を?お願い)|"
    rf"お?預け(?:て{_REQ}|ください|いただ|入れ(?:て|ください|いただ))"
)

# --- destinations of a transfer --------------------------------------------------------------
ADDRESS = re.compile(
    # case-folded Base58 (the alphabet's upper/lower split is lost after casefold)
    r"\b(?:0x[0-9a-f]{40}|bc1[0-9a-z]{25,62}|[13][1-9a-z]{25,34}|t[1-9a-z]{33}|"
    r"r(?=[1-9a-z]*\d)[1-9a-z]{24,34})\b"
)
_NOT_A_NAME = r"(?!(?:to|in|on|at|under|from|with|for|of|and|or)\b)"
#: a destination that is someone else's: "to this safe wallet", "to our verification address"
DESTINATION_EN = re.compile(
    r"\b(?:to|into|at)\s+(?:this|that|these|the\s+following|the\s+below|our|my|"
    r"(?:a|an|the)\s+(?:safe|secure|safer|protected|verification|holding|temporary|"
    r"designated|specified|escrow|special|backup|recovery|safekeeping|safe-keeping|quarantine|"
    r"protection|protected|custody|insurance|reserve)|(?:a|the)\s+new)"
    rf"\s+(?:{_NOT_A_NAME}[\w-]+\s+){{0,2}}?(?:wallet|address|account|contract|vault)s?\b|"
    # "to the address below", "to the wallet we gave you"
    r"\b(?:to|into|at)\s+the\s+(?:[\w-]+\s+){0,2}?(?:wallet|address|account|contract|vault)\s+"
    r"(?:below|above|provided|given|shown\s+below|listed|"
    r"(?:that\s+)?(?:we|i)\s+(?:gave|sent|provided|shared)|"
    # promised: "the address I'll send in my next message"
    r"(?:that\s+)?(?:we|i)(?:'ll|\s+will|\s+am\s+going\s+to|\s+are\s+going\s+to)\s+"
    r"(?:send|give|provide|share|message|dm|e-?mail))\b|"
    # "send it back to us / to r..."
    r"\bback\s+to\s+(?:us|me|our\s|my\s)"
)
#: "a new wallet" is the customer's own unless we hand it over ("the new address we provide")
OURS_AFTER = re.compile(r"\b(?:we|i|our|us)\b|\bbelow\b|\bfollowing\b|:\s*\S")
#: something that is money: a transfer needs it between verb and a worded destination
FUNDS = re.compile(
    r"\b(?:funds?|coins?|crypto\w*|assets?|balance|money|tokens?|btc|eth|usdt|usdc|xrp|sol|"
    r"bitcoin|ether|yen|them|it|everything|all|difference|amount|overpayment|excess|extra|"
    r"surplus|remainder|rest)\b|\d"
)
DESTINATION_JA = re.compile(
    r"(?:以下|下記|こちら|次の|指定|安全な|保護用?|保管用|保全用?|退避用?|避難用?|一時保管用?|確認用|認証用|"
    r"当社|弊社|専用)"
    r"の?[^。、]{0,12}?(?:アドレス|ウォレット|口座)"
)
OWN_DESTINATION = re.compile(
    r"\byour\b|\byou\s+(?:create|control|own)|\byourself\b|ご自身|ご本人|作(?:り|って|成)"
)
#: after the destination: "a new wallet that you create yourself" is the customer's own
OWN_AFTER = re.compile(
    r"\byou\s+(?:create|control|own|made)|\byourself\b|\bwith\s+a\s+new\s+(?:recovery|seed)"
)

# --- contexts --------------------------------------------------------------------------------
#: phrases that contain a negation but do not negate the ask ("don't worry, just send...")
NOT_NEGATIONS = re.compile(
    r"\b(?:don'?t|do\s+not|no)\s+(?:worry|worries|hesitate|problem)\b|\bnot\s+(?:sure|only)\b|"
    r"\bif\s+not\b"
)
NEGATION_EN = re.compile(
    r"\b(?:never|not|no|nobody|nor|neither|cannot|avoid|refuse|without)\b|n'?t\b|"
    r"\bno\s+one\b"
)
#: "never" reaches over a list ("never ask for X, ask you to Y, or ...") up to a hard break
STRONG_NEGATION_EN = re.compile(
    r"\b(?:never|under\s+no\s+circumstances|nobody|no\s+one|"
    r"no\s+(?:[\w-]+\s+){0,2}(?:will|would|can|should|ever|may))\b"
)
HARD_BREAK_EN = re.compile(r"[;:]|\b(?:but|unless|however|otherwise|so|because|then)\b")
#: the verb tells the customer something ("we will tell you your balance"): no ask
TO_YOU = re.compile(r"\s+you\b(?!'re|\s+are)")
#: right before "need"/"require": the customer or the app needs it, not us
SOMEONE_ELSE_NEEDS = re.compile(
    r"\b(?:you|you'll|you'd|they|it|this|that|which|the\s+app|the\s+wallet)\s+"
    r"(?:(?:will|would|may|might|also|still|only|just|always|then|first)\s+)*$"
)
#: "ask for" asks only when we ask: "they ask for your phrase" describes scammers
FIRST_PERSON = re.compile(r"\b(?:we|i|may\s+i|can\s+i)\b")
#: a bare domain (no scheme, no path) is a link when the reader is sent there
GO_THERE_EN = re.compile(
    r"\b(?:visit|go\s+to|open|log\s*in\s+(?:at|on|to|via)|sign\s*in\s+(?:at|on|to|via)|at|on|"
    r"via|from|click|browse\s+to|head\s+to|check|see|use|through)\s*$"
)
GO_THERE_JA = re.compile(
    r"^\s*(?:に|へ|から|で|を)\s*(?:アクセス|ログイン|手続|開|接続|ご確認|確認|登録)"
)
#: where a clause ends: the scope of a negation
CLAUSE_BREAK_EN = re.compile(
    r"[;:()]|,(?!\d)|\b(?:but|unless|so|because|otherwise|then)\b|\s[-–—]\s"
)
#: a subordinate clause after the verb holds no object of it
SUBORDINATE_EN = re.compile(r"\b(?:if|whether|when|once|until|unless|while|in\s+case)\b")
#: the sentence talks about fraud, it does not commit it
WARNING_EN = re.compile(
    r"\b(?:scam\w*|phishing|fraud\w*|impost[eo]rs?|impersonat\w*|fake|claiming\s+to\s+be|"
    r"pretending\s+to\s+be|anyone\s+who|someone\s+who|whoever|if\s+(?:anyone|someone|somebody|"
    r"a\s+person|you\s+are\s+asked|you'?re\s+asked|you\s+receive|you\s+received|you\s+get))\b|"
    r"\bwho\s+(?:asks?|wants?|requests?|tells?|offers?)\b|\bnot\s+us\b"
)
NEGATION_JA = re.compile(r"(?:ない|ません|ず|禁止|不要|厳禁)(?!か|でしょうか)")
WARNING_JA = re.compile(r"詐欺|名乗る|なりすまし|偽の?|フィッシング|求められても|応じないで")
#: a destination we will hand over later: 「移動先のアドレスは担当者から別途お知らせ」
PROMISED_DESTINATION_JA = re.compile(
    r"(?:移動|送金|送付|振込|入金|返金|移管|避難|退避)先の?(?:アドレス|ウォレット|口座)?[^。]{0,16}?"
    r"(?:別途|後ほど|のちほど|追って|改めて|次の(?:メッセージ|メール))"
)
#: "our technician will connect to your computer", 「こちらから操作して」: we offer remote access
REMOTE_OFFER_EN = re.compile(
    r"\b(?:we|i|our(?:\s+[\w-]+){1,3}?|the\s+(?:technician|engineer|agent|team))\s+"
    r"(?:will|can|could|would|'ll|may|am\s+going\s+to|are\s+going\s+to|is\s+going\s+to)\s+"
    r"(?:\w+\s+){0,2}?(?:connect|remote[\s-]*connect|log\s*in|take\s+(?:over|control))\s+"
    r"(?:to|into|on|of)\s+(?:your|ur)\s+(?:computer|pc|laptop|mac|device|phone|desktop|screen|"
    r"machine|wallet)\b"
)
REMOTE_OFFER_JA = re.compile(
    r"(?:こちら|弊社|当方|担当者|技術者|エンジニア)(?:から|で|が)(?:直接)?(?:遠隔で?)?"
    r"(?:操作|接続)(?:して|し|いたし|します|させ)|"
    r"(?:接続|操作|アクセス|ログイン)させて(?:いただ|もら)|"
    r"画面共有(?:で|にて|を通じて)[^。、]{0,4}?(?:ご案内|サポート|操作|対応|ご説明|説明)"
)
#: a link in the sentence: the page we point to is where an "enter" is aimed
LINK_TEXT = re.compile(r"https?://|\bwww\.")
#: a place that is not ours: "enter it in the app", "type it yourself"
AWAY_FROM_US = re.compile(
    r"\b(?:in|into|on)\s+(?:the|your|ur)\s+(?:[\w-]+\s+)?(?:app|application|wallet|device|"
    r"phone|authenticator)\b|\byourself\b"
)
#: what no page, not even the official site, ever takes
NO_PAGE_TAKES = frozenset({"recovery_phrase", "private_key"})
#: an e-mail address offered as a contact: "contact our senior agent at", "write to",
#: 「…までご連絡ください」「…宛にお送りください」
CONTACT_AT_EN = re.compile(
    r"\b(?:contact\w*|reach(?:\s+out)?|write|e-?mail\s+(?:us|me|him|her|them|our)|send|"
    r"forward|message|escalat\w*|cc)\b[^.!?\n]{0,50}$"
)
#: "we'll send the link to tanaka@…": the customer's own address, not a contact offered
WE_SEND = re.compile(r"\b(?:we|i)(?:'ll|'ve|\s+will|\s+have|\s+just|\s+can)?\s+(?:send|forward)")
CONTACT_AT_JA = re.compile(
    r"^\s*(?:まで|宛て?に?|へ|に)\s*(?:ご?連絡|お問い?合わせ|お?問合せ|ご?返信|お?送り|送って|送信|メール)"
)
