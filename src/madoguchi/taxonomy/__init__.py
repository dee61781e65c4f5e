"""The support taxonomy (pure): 42 intents, their urgency and the facts each needs.

The data file is a copy of the project's shared spec (``intents.json``), bundled so the
package needs nothing outside itself at run time.

>>> intent("funds.wrong_network").slots
('asset', 'network', 'amount', 'tx_hash', 'address')
>>> category_of("funds.wrong_network")
'funds'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

__all__ = [
    "CATEGORIES",
    "SLOTS",
    "URGENCY_LEVELS",
    "Intent",
    "Slot",
    "UnknownIntentError",
    "all_intents",
    "category_of",
    "intent",
    "intents_in",
]


class UnknownIntentError(KeyError):
    """An intent id that is not in the taxonomy."""


@dataclass(frozen=True, slots=True)
class Intent:
    id: str
    urgency: str
    slots: tuple[str, ...]
    title_en: str
    title_ja: str
    description: str

    @property
    def category(self) -> str:
        return category_of(self.id)

    def title(self, language: str) -> str:
        return self.title_ja if language == "ja" else self.title_en


@dataclass(frozen=True, slots=True)
class Slot:
    id: str
    description: str


#: Categories in display order, with their names in both languages.
CATEGORIES: dict[str, tuple[str, str]] = {
    "security": ("Security, hacking and scams", "セキュリティ・不正利用・詐欺"),
    "funds": ("Deposits and withdrawals", "入出金"),
    "account": ("Account and login", "口座・ログイン"),
    "trading": ("Trading", "取引"),
    "wallet": ("Wallets", "ウォレット"),
    "tech": ("App and website problems", "アプリ・サイトの不具合"),
    "asset": ("Coins, tokens and staking", "通貨・トークン・ステーキング"),
    "other": ("Other", "その他"),
}


@cache
def _data() -> dict:
    return json.loads(files("madoguchi.taxonomy").joinpath("intents.json").read_text("utf-8"))


@cache
def all_intents() -> tuple[Intent, ...]:
    return tuple(
        Intent(
            id=i["id"],
            urgency=i["urgency"],
            slots=tuple(i["slots"]),
            title_en=i["title_en"],
            title_ja=i["title_ja"],
            description=i["description"],
        )
        for i in _data()["intents"]
    )


@cache
def _by_id() -> dict[str, Intent]:
    return {i.id: i for i in all_intents()}


def intent(intent_id: str) -> Intent:
    """The intent with this id; :class:`UnknownIntentError` if there is none."""
    try:
        return _by_id()[intent_id]
    except KeyError:
        raise UnknownIntentError(intent_id) from None


def category_of(intent_id: str) -> str:
    return intent_id.split(".", 1)[0]


def intents_in(category: str) -> tuple[Intent, ...]:
    return tuple(i for i in all_intents() if i.category == category)


URGENCY_LEVELS: tuple[str, ...] = tuple(_data()["urgency_levels"])
SLOTS: dict[str, Slot] = {k: Slot(k, v) for k, v in _data()["slots"].items()}
