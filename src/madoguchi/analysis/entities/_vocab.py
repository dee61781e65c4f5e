"""Synonym tables for networks and assets (the scanners' shared view is in :mod:`._view`).

>>> TERMS["erc20"].network
'ethereum'
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    """One surface form: what network and/or asset it names, and which it means by default."""

    network: str | None
    asset: str | None
    default: str  # "network" | "asset"


def _t(network: str | None, asset: str | None, default: str | None = None) -> Term:
    return Term(network, asset, default or ("network" if asset is None else "asset"))


#: Surface form (lower case, separators removed, see :func:`term_key`) -> Term. Names that are both a
#: chain and its coin ("Ethereum", "Solana") carry both; context decides (see crypto.py).
TERMS: dict[str, Term] = {
    # --- network-only names (token standards, chain names) ---
    "erc20": _t("ethereum", None),
    "bep20": _t("bsc", None),
    "bsc": _t("bsc", None),
    "bnbsmartchain": _t("bsc", None),
    "binancesmartchain": _t("bsc", None),
    "bnbchain": _t("bsc", None),
    "bep2": _t("bnb-beacon", None),
    "bnbbeaconchain": _t("bnb-beacon", None),
    "trc20": _t("tron", None),
    "trc10": _t("tron", None),
    "spl": _t("solana", None),
    "lightning": _t("lightning", None),
    "lightningnetwork": _t("lightning", None),
    "ln": _t("lightning", None),  # capitals only (crypto.py)
    "xrpl": _t("xrp", None),
    "xrpledger": _t("xrp", None),
    "arbitrum": _t("arbitrum", None),
    "zksync": _t("zksync", None),
    "zksyncera": _t("zksync", None),
    "arbitrumone": _t("arbitrum", None),
    "opmainnet": _t("optimism", None),
    "avalanchecchain": _t("avalanche-c", None),
    "avaxcchain": _t("avalanche-c", None),
    "cchain": _t("avalanche-c", None),
    "omni": _t("omni", None),
    "omnilayer": _t("omni", None),
    "maticnetwork": _t("polygon", None),
    "polygonpos": _t("polygon", None),
    "イーサリアムネットワーク": _t("ethereum", None),
    "バイナンススマートチェーン": _t("bsc", None),
    "bnbスマートチェーン": _t("bsc", None),
    "ライトニング": _t("lightning", None),
    "ライトニングネットワーク": _t("lightning", None),
    "アービトラム": _t("arbitrum", None),
    "オプティミズム": _t("optimism", None),
    # --- chain names that also name the coin; default in the third field ---
    "bitcoin": _t("bitcoin", "BTC"),
    "ビットコイン": _t("bitcoin", "BTC"),
    "ethereum": _t("ethereum", "ETH"),
    "イーサリアム": _t("ethereum", "ETH"),
    "tron": _t("tron", "TRX", "network"),
    "トロン": _t("tron", "TRX", "network"),
    "polygon": _t("polygon", "POL", "network"),
    "ポリゴン": _t("polygon", "POL", "network"),
    "solana": _t("solana", "SOL", "network"),
    "ソラナ": _t("solana", "SOL", "network"),
    "optimism": _t("optimism", "OP", "network"),
    "avalanche": _t("avalanche-c", "AVAX"),
    "アバランチ": _t("avalanche-c", "AVAX"),
    "litecoin": _t("litecoin", "LTC"),
    "ライトコイン": _t("litecoin", "LTC"),
    "dogecoin": _t("dogecoin", "DOGE"),
    "ドージコイン": _t("dogecoin", "DOGE"),
    "bitcoincash": _t("bitcoin-cash", "BCH"),
    "ビットコインキャッシュ": _t("bitcoin-cash", "BCH"),
    "stellar": _t("stellar", "XLM"),
    "ステラ": _t("stellar", "XLM"),
    "ステラルーメン": _t("stellar", "XLM"),
    "cosmos": _t("cosmos", "ATOM"),
    "コスモス": _t("cosmos", "ATOM"),
    "ripple": _t("xrp", "XRP"),
    "リップル": _t("xrp", "XRP"),
    # --- asset-only names ---
    "ether": _t(None, "ETH"),
    "イーサ": _t(None, "ETH"),
    "tether": _t(None, "USDT"),
    "テザー": _t(None, "USDT"),
    "usdコイン": _t(None, "USDC"),
    "usdcoin": _t(None, "USDC"),
    "cardano": _t(None, "ADA"),
    "カルダノ": _t(None, "ADA"),
    "エイダ": _t(None, "ADA"),
    "polkadot": _t(None, "DOT"),
    "ポルカドット": _t(None, "DOT"),
    "shibainu": _t(None, "SHIB"),
    "シバイヌ": _t(None, "SHIB"),
    "柴犬コイン": _t(None, "SHIB"),
    "binancecoin": _t(None, "BNB"),
    "バイナンスコイン": _t(None, "BNB"),
    "イーサリアムクラシック": _t(None, "ETC"),
}

#: Tickers matched in any case ("usdt", "Btc"): none is an everyday word.
TICKERS_ANY_CASE = (
    "BTC ETH XRP USDT USDC SOL TRX LTC BCH DOGE XLM BNB MATIC SHIB AVAX DAI BUSD WBTC WETH "
    "FDUSD TUSD PYUSD XEM MONA"
).split()
#: Tickers that are also words ("dot", "atom", "ada", "op", "pol", "etc") only in capitals.
TICKERS_UPPER = "ADA DOT ATOM POL OP ARB ETC APT SUI TON NEAR LINK UNI".split()
#: Also a ticker for its chain: the XRP ticker names the XRP Ledger when followed by "network".
TICKER_NETWORK = {
    "BTC": "bitcoin",
    "ETH": "ethereum",
    "XRP": "xrp",
    "SOL": "solana",
    "TRX": "tron",
    "LTC": "litecoin",
    "BCH": "bitcoin-cash",
    "DOGE": "dogecoin",
    "XLM": "stellar",
    "ATOM": "cosmos",
    "MATIC": "polygon",
    "POL": "polygon",
    "AVAX": "avalanche-c",
    "BNB": "bsc",
    "ARB": "arbitrum",
    "OP": "optimism",
}
#: Names that are everyday English words in lower case: matched only when capitalised.
CAPITALISED_ONLY = frozenset({"stellar", "cosmos", "optimism", "avalanche", "ripple", "polygon"})

FIAT = {"JPY", "USD"}

NETWORK_LABELS: dict[str, tuple[str, str]] = {
    "bitcoin": ("Bitcoin", "ビットコイン"),
    "ethereum": ("Ethereum (ERC20)", "イーサリアム（ERC20）"),
    "bsc": ("BNB Smart Chain (BEP20)", "BNBスマートチェーン（BEP20）"),
    "bnb-beacon": ("BNB Beacon Chain (BEP2)", "BNBビーコンチェーン（BEP2）"),
    "tron": ("Tron (TRC20)", "トロン（TRC20）"),
    "polygon": ("Polygon", "ポリゴン"),
    "arbitrum": ("Arbitrum", "アービトラム"),
    "optimism": ("Optimism", "オプティミズム"),
    "base": ("Base", "Base"),
    "solana": ("Solana", "ソラナ"),
    "lightning": ("Lightning Network", "ライトニングネットワーク"),
    "xrp": ("XRP Ledger", "XRPレジャー"),
    "avalanche-c": ("Avalanche C-Chain", "アバランチCチェーン"),
    "litecoin": ("Litecoin", "ライトコイン"),
    "dogecoin": ("Dogecoin", "ドージコイン"),
    "bitcoin-cash": ("Bitcoin Cash", "ビットコインキャッシュ"),
    "stellar": ("Stellar", "ステラ"),
    "cosmos": ("Cosmos", "コスモス"),
    "omni": ("Omni Layer", "Omni"),
    "zksync": ("zkSync Era", "zkSync Era"),
}


def term_key(surface: str) -> str:
    """Lookup key of a matched surface form: ``term_key("BNB Smart-Chain") == "bnbsmartchain"``."""
    return _SEPARATORS.sub("", surface).lower()


_SEPARATORS = re.compile(r"[\s\-_]+")


def label(network: str, lang: str) -> str:
    """Human label of a canonical network id: ``label("tron", "ja") == "トロン（TRC20）"``."""
    en, ja = NETWORK_LABELS.get(network, (network, network))
    return ja if lang == "ja" else en


_SEP = r"[ \t\-_]?"


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of ``words`` as a trie, so matching is one pass with no retries.

    ``~`` in a word stands for an optional separator (space, tab, hyphen, underscore).
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [
            (_SEP if ch == "~" else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a word ends here but may go on: prefer the longer (greedy "?")
            body = "(?:" + body + ")?"
        return body

    return emit(trie)
