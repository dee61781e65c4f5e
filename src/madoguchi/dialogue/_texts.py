"""What the assistant says, in both languages: one table, ``{key: {"ja": ..., "en": ...}}``.

The pure package cannot use Django's gettext, so its customer-facing sentences live here (the
same shape as ``analysis/secret_warnings.py``). Slot labels and the urgent first steps are the
portal's, translated by Django: the conversations app renders those from the action's data.

>>> text("ask_helped", "ja")
'この内容で解決しましたか？'
"""

from __future__ import annotations

from madoguchi.dialogue._types import Action, State

TEXTS: dict[str, dict[str, str]] = {
    "greeting": {
        "en": (
            "Hello, this is the Madoguchi Exchange support assistant. Tell me what happened, "
            "in your own words. Support will never ask for your recovery phrase, private keys, "
            "password or two-factor codes, never asks for remote access to your device, and "
            "never asks you to send funds anywhere. If anyone does, it is not us. You can ask "
            "for a person at any time."
        ),
        "ja": (
            "こんにちは。Madoguchi Exchange サポートアシスタントです。どのようなことが"
            "ありましたか？ご自身の言葉でお聞かせください。サポートがリカバリーフレーズ・秘密鍵・"
            "パスワード・2段階認証コードをお尋ねすること、端末の遠隔操作を求めること、どこかへの"
            "送金を求めることは決してありません。求められた場合、それは当社ではありません。"
            "担当者との会話をご希望の場合は、いつでもお申し付けください。"
        ),
    },
    "answer_intro": {
        "en": "This article should help:",
        "ja": "こちらの記事が参考になるかと思います。",
    },
    "ask_helped": {
        "en": "Did this help?",
        "ja": "この内容で解決しましたか？",
    },
    "helped_yes": {
        "en": "I'm glad it is sorted. If there is anything else, just write here.",
        "ja": "解決してよかったです。ほかにもご不明な点があれば、こちらにお書きください。",
    },
    "helped_no": {
        "en": (
            "Sorry that did not solve it. I will pass this to a support agent; a few details "
            "first, so they do not have to ask you again."
        ),
        "ja": (
            "解決せず申し訳ありません。担当者にお引き継ぎします。担当者が改めてお尋ねしなくて"
            "済むよう、いくつか確認させてください。"
        ),
    },
    "collect_intro": {
        "en": "I will pass this to a support agent. A few details first, one at a time.",
        "ja": "担当者にお引き継ぎします。その前に、いくつか順番に確認させてください。",
    },
    "handoff_general": {
        "en": "I will pass this to a support agent, who will read what you wrote.",
        "ja": "担当者にお引き継ぎします。お書きいただいた内容は担当者が確認します。",
    },
    "skip_hint": {
        "en": "If you do not know, write “I don't know” and we will skip it.",
        "ja": "わからない場合は「わからない」とお書きください。次の質問に進みます。",
    },
    "slot_skipped": {
        "en": "No problem, let's skip that.",
        "ja": "承知しました。この項目は飛ばします。",
    },
    "slot_thanks": {
        "en": "Thank you, noted.",
        "ja": "ありがとうございます。記録しました。",
    },
    "slot_accepted_with_note": {
        "en": "I have noted it as you gave it, with a remark for the agent to check.",
        "ja": "いただいた内容のまま、担当者が確認するよう注記して記録しました。",
    },
    "slot_ask_again": {
        "en": "Could you check it and send it again?",
        "ja": "ご確認のうえ、もう一度お送りいただけますか？",
    },
    "memo_missing": {
        "en": (
            "Deposits of this coin to an exchange need a memo or destination tag. If it was "
            "left out, the agent can usually still trace the deposit with the transaction ID."
        ),
        "ja": (
            "この通貨を取引所へ入金するには、メモ（宛先タグ）が必要です。付け忘れた場合でも、"
            "トランザクションIDがあれば多くの場合は担当者が入金を追跡できます。"
        ),
    },
    "clarify": {
        "en": "I want to be sure I understand. Is it one of these? Reply with the number.",
        "ja": "念のため確認させてください。次のうちどれに近いですか？番号でお答えください。",
    },
    "clarify_none": {
        "en": "If none of these fits, write “none” and I will pass you to a person.",
        "ja": "どれにも当てはまらない場合は「どれでもない」とお書きください。担当者にお繋ぎします。",
    },
    "not_understood": {
        "en": (
            "I am not sure I understood. Could you describe it in a little more detail, for "
            "example what you were doing and what you saw?"
        ),
        "ja": (
            "申し訳ありません、うまく理解できませんでした。何をしようとして、どのような表示が"
            "出たかなど、もう少し詳しくお聞かせいただけますか？"
        ),
    },
    "decline_unknown": {
        "en": (
            "I am afraid this is not something Madoguchi Exchange support can help with. You may "
            "find answers in our community forum. If it is about your account or your funds "
            "with us, tell me more, or ask for a person."
        ),
        "ja": (
            "申し訳ありませんが、こちらは Madoguchi Exchange のサポートでお手伝いできる内容では"
            "ありません。コミュニティフォーラムで情報が見つかるかもしれません。当取引所の"
            "口座や資産に関することでしたら、詳しくお聞かせいただくか、担当者をご指名ください。"
        ),
    },
    "decline_investment": {
        "en": (
            "I am sorry, but we cannot give investment advice: we cannot tell you which coin to "
            "buy or sell, or when. For advice that fits your situation, please talk to an "
            "independent financial adviser. Our help centre explains how trading, orders and "
            "fees work, and the community forum is a place to exchange views."
        ),
        "ja": (
            "申し訳ありませんが、投資に関する助言はいたしかねます。どの通貨をいつ売買すべきかは"
            "お答えできません。ご自身の状況に合った助言は、独立したファイナンシャルアドバイザー"
            "にご相談ください。取引・注文・手数料の仕組みはヘルプセンターで、意見交換は"
            "コミュニティフォーラムでご覧いただけます。"
        ),
    },
    "referral_experts": {
        "en": (
            "For legal or tax questions about your own situation, a lawyer or a tax accountant "
            "is the right person; we can provide your transaction history and annual report."
        ),
        "ja": (
            "ご自身の状況に関する法律や税金のご相談は、弁護士または税理士にお問い合わせください。"
            "取引履歴や年間取引報告書は当社からご提供できます。"
        ),
    },
    "status_page": {
        "en": "Current incidents and maintenance are listed on our status page.",
        "ja": "現在発生中の障害やメンテナンスはステータスページでご確認いただけます。",
    },
    "urgent_intro": {
        "en": "This is urgent. Please do these steps first, right now:",
        "ja": "緊急のご用件です。まず、今すぐ次のことを行ってください。",
    },
    "secret_playbook": {
        "en": "To protect your funds, please do this now:",
        "ja": "資産を守るため、今すぐ次のことを行ってください。",
    },
    "human_ack": {
        "en": "Of course. I am passing you to a support agent now.",
        "ja": "承知しました。ただいま担当者にお繋ぎします。",
    },
    "angry_ack": {
        "en": (
            "I am very sorry for the trouble and the wait; I understand how frustrating this "
            "is. I will get a person on it straight away."
        ),
        "ja": (
            "ご迷惑とご心配をおかけし、大変申し訳ございません。お気持ちはもっともです。"
            "すぐに担当者へお繋ぎします。"
        ),
    },
    "ask_email": {
        "en": (
            "Which e-mail address should the agent reply to? (If you prefer, write “skip”: the "
            "answer will then appear only on this page.)"
        ),
        "ja": (
            "担当者からの回答をお送りするメールアドレスを教えてください。（ご希望でなければ"
            "「スキップ」とお書きください。その場合、回答はこのページにのみ表示されます。）"
        ),
    },
    "bad_email": {
        "en": "That does not look like an e-mail address, e.g. taro@example.com.",
        "ja": "メールアドレスの形式ではないようです（例: taro@example.com）。",
    },
    "ask_phone": {
        "en": (
            "Because this is urgent, an agent can call you back. Which phone number should "
            "they call? (e.g. 090-1234-5678 or +81 90 1234 5678; write “skip” if you prefer "
            "not to be called.)"
        ),
        "ja": (
            "緊急のため、担当者から折り返しお電話できます。お電話番号を教えてください"
            "（例: 090-1234-5678、+81 90 1234 5678。お電話を希望されない場合は「スキップ」"
            "とお書きください）。"
        ),
    },
    "bad_phone": {
        "en": "I could not read that as a phone number; e.g. 090-1234-5678 or +44 20 7946 0958.",
        "ja": "電話番号として読み取れませんでした（例: 090-1234-5678、+81 90 1234 5678）。",
    },
    "phone_noted": {
        "en": "Thank you. An agent will call you at {phone}. Keep this page open.",
        "ja": "ありがとうございます。担当者から {phone} へ折り返しお電話します。このページは"
        "開いたままにしてください。",
    },
    "phone_skipped": {
        "en": "Understood, no call. The agent will answer on this page.",
        "ja": "承知しました。お電話はせず、このページで担当者がお返事します。",
    },
    "email_noted": {
        "en": "Thank you. We will reply to {email} and on this page.",
        "ja": "ありがとうございます。{email} とこのページでお返事します。",
    },
    "email_skipped": {
        "en": "Understood. The agent's answer will appear on this page.",
        "ja": "承知しました。担当者の回答はこのページに表示されます。",
    },
    "handed_off": {
        "en": "I have opened request {reference} for you.",
        "ja": "お問い合わせ {reference} を作成しました。",
    },
    "channel_urgent": {
        "en": (
            "It is in our priority queue: an agent will contact you {time}. We will also call "
            "you back if you give a phone number."
        ),
        "ja": (
            "優先対応の列に登録しました。担当者が{time}ご連絡します。お電話番号をいただければ"
            "折り返しお電話もいたします。"
        ),
    },
    "channel_email": {
        "en": "An agent will answer {time}, here and by e-mail.",
        "ja": "担当者が{time}、このページとメールでお返事します。",
    },
    "channel_page": {
        "en": "An agent will answer {time} on this page.",
        "ja": "担当者が{time}、このページでお返事します。",
    },
    "time_urgent": {"en": "within 1 hour, day and night", "ja": "昼夜を問わず1時間以内に"},
    "time_high": {"en": "within 4 hours", "ja": "4時間以内に"},
    "time_normal": {"en": "within 1 business day", "ja": "1営業日以内に"},
    "note_added": {
        "en": "I have added this to request {reference}; the agent will see it.",
        "ja": "お問い合わせ {reference} に追記しました。担当者が確認します。",
    },
    "agent_left": {
        "en": "The agent has finished. If you need anything else, write here.",
        "ja": "担当者の対応が終了しました。ほかにご用件があれば、こちらにお書きください。",
    },
    "choose_number": {
        "en": "Please reply with one of the numbers, or write “none”.",
        "ja": "番号でお答えいただくか、「どれでもない」とお書きください。",
    },
}


def text(key: str, language: str, **values: str) -> str:
    """The sentence ``key`` in ``language`` ("ja" or anything else for English), filled in."""
    entry = TEXTS[key]
    template = entry["ja"] if language == "ja" else entry["en"]
    return template.format(**values) if values else template


def say(state: State, out: list[Action], key: str, **values: str) -> None:
    """Append the sentence ``key`` as a ``say`` action and remember that it was said."""
    out.append(Action("say", text(key, state.language, **values), {"key": key}))
    state.said.append(key)
