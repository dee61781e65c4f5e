"""Why a verdict was reached, in English and Japanese.

Codes are stable (for APIs and tests); the texts are for people pasting a link on the verify
page, so they say what looks wrong, not how the detector works.
"""

from __future__ import annotations

REASONS: dict[str, tuple[str, str]] = {
    "official": (
        "This is registered as an official {kind} of the brand.",
        "これはブランドの公式{kind_ja}として登録されています。",
    ),
    "official_subdomain": (
        "This is a subdomain of the official domain {imitates}.",
        "これは公式ドメイン {imitates} のサブドメインです。",
    ),
    "punycode": (
        "The address is an internationalised (punycode) name that displays as {shown}.",
        "このアドレスは国際化ドメイン名（punycode）で、{shown} と表示されます。",
    ),
    "mixed_scripts": (
        "The name mixes alphabets (for example Latin and Cyrillic), a common disguise.",
        "名前に複数の文字体系（ラテン文字とキリル文字など）が混在しています。よくある偽装です。",
    ),
    "confusable": (
        "It is written with lookalike characters to resemble {imitates}.",
        "{imitates} に似せるため、見た目の似た文字が使われています。",
    ),
    "edit_distance": (
        "It differs from {imitates} by only {distance} character(s).",
        "{imitates} と {distance} 文字しか違いません。",
    ),
    "brand_plus_word": (
        "It adds words to the brand name {imitates}; the brand does not use this name.",
        "ブランド名 {imitates} に単語を付け足した名前で、公式には使われていません。",
    ),
    "brand_in_subdomain": (
        "The brand {imitates} appears only as a subdomain; the real owner is {owner}.",
        "ブランド {imitates} はサブドメインとして使われているだけで、実際の所有者は {owner} です。",
    ),
    "brand_split": (
        "The name {imitates} is cut by a dot; the real domain is {owner}.",
        "{imitates} という名前がドットで区切られており、実際のドメインは {owner} です。",
    ),
    "tld_swap": (
        "Same name as {imitates} but a different ending ({suffix}); not an official domain.",
        "{imitates} と同じ名前ですが末尾（{suffix}）が異なり、公式ドメインではありません。",
    ),
    "sender_unregistered": (
        "The domain is official, but this sender address is not a registered one.",
        "ドメインは公式ですが、この送信元アドレスは登録されていません。",
    ),
    "handle_other_platform": (
        "This handle is official on {platforms}, not on {platform}.",
        "このアカウント名は {platforms} では公式ですが、{platform} では公式ではありません。",
    ),
    "platform_missing": (
        "This handle is official on {platforms}; check that you are on that platform.",
        "このアカウント名は {platforms} で公式です。そのサービス上のものか確認してください。",
    ),
    "staff_unregistered": (
        "No staff member of this name is registered. Staff never ask for passwords or keys.",
        "この名前のスタッフは登録されていません。スタッフがパスワードや秘密鍵を尋ねることはありません。",
    ),
    "unrelated": (
        "{owner} belongs to a different organisation, not us: it is not an impersonation, "
        "but it is not one of our channels either.",
        "{owner} は当社とは別の組織のものです。なりすましではありませんが、当社の窓口でもありません。",
    ),
    "unchecked": (
        "This could not be checked; treat it as unofficial.",
        "確認できませんでした。非公式のものとして扱ってください。",
    ),
    "not_registered": (
        "This is not in the official registry and does not resemble it.",
        "公式の登録にはなく、公式のものに似てもいません。",
    ),
}

KIND_JA = {
    "domain": "ドメイン", "url": "URL", "email": "メールアドレス", "phone": "電話番号",
    "handle": "アカウント", "app": "アプリ", "staff": "スタッフ名",
}  # fmt: skip


def render(code: str, **values: object) -> tuple[str, str]:
    """English and Japanese text for a reason code, filled with its values."""
    english, japanese = REASONS[code]
    kind = str(values.get("kind", ""))
    filled = {"kind_ja": KIND_JA.get(kind, kind), **{k: str(v) for k, v in values.items()}}
    return english.format_map(_Default(filled)), japanese.format_map(_Default(filled))


class _Default(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""
