"""Consistency and safety findings across the entities of one message.

>>> from madoguchi.analysis._textmap import INVISIBLE
from madoguchi.analysis._types import Entity
>>> addr = Entity("address", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", 6, 40, chain="tron", valid=True,
...               details={"status": "valid", "network": "mainnet", "compatible_networks": ["tron"]})
>>> [f.code for f in check("ERC20 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", [
...     Entity("network", "ERC20", 0, 5, value="ethereum"), addr])]
['network_mismatch']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from madoguchi.analysis._textmap import INVISIBLE
from madoguchi.analysis._types import ADDRESS, AMOUNT, ASSET, MEMO, NETWORK, Entity, Finding
from madoguchi.analysis.entities._vocab import FIAT, NETWORK_LABELS, label

EVM = ("ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche-c")
#: Address chain -> networks its addresses receive on, when the chains module gives none.
#: Omni USDT lives on Bitcoin addresses, so "omni" is compatible with a Bitcoin address.
_FALLBACK_NETWORKS = {"ethereum": EVM, "bitcoin": ("bitcoin", "omni")}
#: EVM networks the chains module may not list; an EVM address is valid on them too.
EVM_EXTRA = ("zksync",)
#: Asset -> address chains (families) it can be held on. Assets absent here are not judged.
ASSET_CHAINS: dict[str, frozenset[str]] = {
    k: frozenset(v)
    for k, v in {
        "BTC": ("bitcoin",),
        "ETH": ("ethereum",),
        "USDT": ("ethereum", "tron", "solana"),
        "USDC": ("ethereum", "solana", "stellar", "cosmos"),
        "DAI": ("ethereum",),
        "XRP": ("xrp",),
        "LTC": ("litecoin",),
        "BCH": ("bitcoin-cash",),
        "DOGE": ("dogecoin",),
        "SOL": ("solana",),
        "TRX": ("tron",),
        "XLM": ("stellar",),
        "ATOM": ("cosmos",),
        "BNB": ("ethereum", "cosmos"),  # BSC (EVM) and the bnb1... beacon chain
        "MATIC": ("ethereum",),
        "POL": ("ethereum",),
        "AVAX": ("ethereum",),
        "SHIB": ("ethereum",),
        "ARB": ("ethereum",),
        "OP": ("ethereum",),
    }.items()
}
#: Networks where exchanges issue pegged versions of other coins (BTCB and "XRP" on BEP20...).
TOKEN_PLATFORMS = frozenset({*EVM, *EVM_EXTRA, "tron", "solana"})
MEMO_CHAINS = frozenset({"xrp", "stellar", "cosmos"})
MEMO_NETWORKS = frozenset({"xrp", "stellar", "cosmos", "bnb-beacon"})
MEMO_ASSETS = frozenset({"XRP", "XLM", "ATOM"})
_CHAIN_NAMES = {
    "bitcoin": ("Bitcoin", "ビットコイン"),
    "ethereum": ("Ethereum-compatible (EVM)", "イーサリアム系（EVM）"),
    "tron": ("Tron", "トロン"),
    "xrp": ("XRP Ledger", "XRPレジャー"),
    "litecoin": ("Litecoin", "ライトコイン"),
    "bitcoin-cash": ("Bitcoin Cash", "ビットコインキャッシュ"),
    "dogecoin": ("Dogecoin", "ドージコイン"),
    "solana": ("Solana", "ソラナ"),
    "stellar": ("Stellar", "ステラ"),
    "cosmos": ("Cosmos", "コスモス"),
}
_TRANSFER_WORDS = re.compile(
    r"送金|入金|出金|送っ|送り|着金|振替|deposit|withdr|sent|send|transfer", re.IGNORECASE
)
_OBFUSCATION = ("zero", "invisible", "bidi", "homoglyph", "confusable", "mixed", "fullwidth")


def _short(address: str) -> str:
    """A recognisable, visible abbreviation: invisible and bidi characters must not reach a UI."""
    address = "".join(ch for ch in address[:200] if ch not in INVISIBLE)
    return address if len(address) <= 14 else f"{address[:8]}…{address[-4:]}"


def _chain_name(chain: str | None, lang: int) -> str:
    return _CHAIN_NAMES.get(chain or "", (chain or "?", chain or "?"))[lang]


def _home(chain: str | None, lang: int) -> str:
    """The network an address belongs to, named the way customers know it ("Tron (TRC20)")."""
    if chain == "ethereum":
        return ("EVM (Ethereum (ERC20), BNB Smart Chain (BEP20), Polygon...)",
                "EVM系（イーサリアム（ERC20）、BNBスマートチェーン（BEP20）、ポリゴンなど）")[lang]  # fmt: skip
    if chain in NETWORK_LABELS:
        return label(chain, "ja" if lang else "en")
    return _chain_name(chain, lang)


def _networks_for(address: Entity) -> set[str]:
    given = address.details.get("compatible_networks")
    networks = set(given) if given else set(_FALLBACK_NETWORKS.get(address.chain or "", ()))
    if address.chain:
        networks.add(address.chain)
    if address.chain == "bitcoin":
        networks.add("omni")
    if address.chain == "ethereum":
        networks.update(EVM_EXTRA)
    return networks


def _span(e: Entity) -> tuple[int, int]:
    return (e.start, e.end)


def _finding(code, severity, en, ja, entities: Iterable[Entity], **details) -> Finding:
    spans = tuple(sorted({_span(e) for e in entities}))
    return Finding(code, severity, en, ja, spans, details)


def _address_checks(addr: Entity) -> list[Finding]:
    d, short = addr.details, _short(addr.text)
    out: list[Finding] = []
    warnings = [str(w) for w in d.get("warnings") or ()]
    tricks = [w for w in warnings if any(t in w.lower() for t in _OBFUSCATION)]
    if tricks:
        out.append(_finding(
            "address_obfuscated", "danger",
            f"The address {short} contains hidden or look-alike characters ({', '.join(tricks)}). "
            "This is a common trick to make a scammer's address look like the real one: do not "
            "send to it, and compare it character by character with the address shown in the app.",
            f"アドレス {short} に見えない文字や紛らわしい文字（{', '.join(tricks)}）が含まれています。"
            "詐欺でよく使われる手口です。このアドレスには送金せず、アプリに表示されたアドレスと"
            "一文字ずつ照合してください。",
            [addr], chain=addr.chain, warnings=tricks,
        ))  # fmt: skip
    status = d.get("status")
    if status in ("invalid_checksum", "invalid_format"):
        out.append(_finding(
            "address_invalid", "warning",
            f"The address {short} looks like a {_chain_name(addr.chain, 0)} address but fails its "
            "checksum, so at least one character is wrong. Please copy it again from the source.",
            f"アドレス {short} は{_chain_name(addr.chain, 1)}のアドレスの形式ですが、チェックサムが"
            "一致しません。どこかの文字が間違っている可能性があります。コピー元から貼り付け直して"
            "ご確認ください。",
            [addr], chain=addr.chain, status=status,
        ))  # fmt: skip
    elif status == "unchecked":
        out.append(_finding(
            "address_unchecked", "info",
            f"The address {short} is written all in lower or upper case, so its checksum cannot be "
            "verified. Compare it carefully with the original.",
            f"アドレス {short} はすべて小文字（または大文字）のため、チェックサムで誤りを確認できません。"
            "元のアドレスと慎重に照合してください。",
            [addr], chain=addr.chain,
        ))  # fmt: skip
    if d.get("network") in ("testnet", "regtest"):
        out.append(_finding(
            "address_testnet", "warning",
            f"The address {short} is a {d['network']} address. Real funds cannot be sent to it; "
            "the customer may have copied it from a test wallet.",
            f"アドレス {short} はテストネット用のアドレスです。実際の資産は送金できません。"
            "テスト用ウォレットからコピーした可能性があります。",
            [addr], chain=addr.chain, network=d["network"],
        ))  # fmt: skip
    return out


def _network_mismatch(addr: Entity, networks: list[Entity]) -> list[Finding]:
    accepted = _networks_for(addr)
    if not accepted or addr.chain is None:
        return []
    wrong = [n for n in networks if n.value not in accepted]
    if not wrong:
        return []
    fits = any(n.value in accepted for n in networks)
    names_en = ", ".join(dict.fromkeys(label(n.value, "en") for n in wrong))
    names_ja = "、".join(dict.fromkeys(label(n.value, "ja") for n in wrong))
    short = _short(addr.text)
    return [_finding(
        "network_mismatch", "warning" if fits else "danger",
        f"The address {short} is a {_home(addr.chain, 0)} address, but the message mentions "
        f"{names_en}. Funds sent over a network the address does not belong to may not arrive; "
        "confirm which network was actually used.",
        f"アドレス {short} は{_home(addr.chain, 1)}のアドレスですが、メッセージでは{names_ja}"
        "が指定されています。アドレスと異なるネットワークで送金すると着金しないおそれがあります。"
        "実際に使用したネットワークをご確認ください。",
        [addr, *wrong], chain=addr.chain, networks=sorted({n.value for n in wrong}),
        compatible_networks=sorted(accepted),
    )]  # fmt: skip


def _asset_mismatch(
    addr: Entity, assets: list[tuple[Entity, str]], networks: list[Entity]
) -> list[Finding]:
    accepted = _networks_for(addr)
    if any(n.value in accepted and n.value in TOKEN_PLATFORMS for n in networks):
        return []  # "BTC via BEP20" to an EVM address: a wrapped/pegged token exists there
    judged = [(e, s) for e, s in assets if s in ASSET_CHAINS]
    wrong = [(e, s) for e, s in judged if addr.chain not in ASSET_CHAINS[s]]
    if addr.chain is None or not wrong:
        return []
    fits = any(addr.chain in ASSET_CHAINS[s] for _, s in judged)
    symbols = ", ".join(dict.fromkeys(s for _, s in wrong))
    short = _short(addr.text)
    return [_finding(
        "asset_chain_mismatch", "warning" if fits else "danger",
        f"{symbols} cannot be received at {short}, which is a {_chain_name(addr.chain, 0)} "
        "address. Check the asset and the destination address.",
        f"{short} は{_chain_name(addr.chain, 1)}のアドレスのため、{symbols}を受け取ることが"
        "できません。送金した通貨と送金先アドレスをご確認ください。",
        [addr, *(e for e, _ in wrong)], chain=addr.chain,
        assets=sorted({s for _, s in wrong}),
    )]  # fmt: skip


def _carries_tag(address: Entity) -> bool:
    """An XRP X-address encodes its destination tag, so it needs no separate one."""
    d = address.details
    return bool(d.get("tag")) or str(d.get("type", "")).lower().startswith("x")


def _memo_findings(
    text: str, addresses: list[Entity], networks: list[Entity], assets: list[tuple[Entity, str]],
    memos: list[Entity],
) -> list[Finding]:  # fmt: skip
    absent = [m for m in memos if m.details.get("present") is False]
    present = [m for m in memos if m.details.get("present") is not False]
    memo_addresses = [a for a in addresses if a.chain in MEMO_CHAINS and not _carries_tag(a)]
    memo_mentions = [n for n in networks if n.value in MEMO_NETWORKS]
    memo_mentions += [e for e, s in assets if s in MEMO_ASSETS]
    if absent:
        severity, involved = "warning", [*absent, *memo_addresses, *memo_mentions]
        en = ("The customer says the memo / destination tag was left out. A deposit to an exchange "
              "without it usually needs a manual recovery: ask for the transaction ID and the tag "
              "that should have been used.")  # fmt: skip
        ja = ("メモ（宛先タグ）を付け忘れたとのことです。取引所への入金でタグがない場合、通常は手動での"
              "復旧対応が必要です。トランザクションIDと本来入力すべきだったタグをお知らせください。")  # fmt: skip
    elif present:
        return []
    elif memo_addresses:
        severity, involved = "warning", [*memo_addresses, *memo_mentions]
        en = ("An address on a chain that uses a memo / destination tag is mentioned without one. "
              "If it is an exchange deposit address, the tag is required: ask for it.")  # fmt: skip
        ja = ("メモ（宛先タグ）が必要なチェーンのアドレスが記載されていますが、タグがありません。"
              "取引所の入金アドレスの場合はタグが必須ですので、タグをご確認ください。")  # fmt: skip
    elif memo_mentions and _TRANSFER_WORDS.search(text):
        severity, involved = "info", memo_mentions
        en = ("This transfer involves an asset that usually needs a memo / destination tag, and "
              "none is mentioned. Check whether one was used.")  # fmt: skip
        ja = ("メモ（宛先タグ）が必要となることが多い通貨の送金ですが、タグの記載がありません。"
              "タグを入力したかご確認ください。")  # fmt: skip
    else:
        return []
    chains = sorted(
        {a.chain for a in memo_addresses} | {n.value for n in networks if n.value in MEMO_NETWORKS}
    )
    return [
        _finding("memo_missing", severity, en, ja, involved, explicit=bool(absent), chains=chains)
    ]


def _network_unstated(addresses: list[Entity], networks: list[Entity]) -> list[Finding]:
    evm = [a for a in addresses if a.chain == "ethereum"]
    if not evm or any(n.value in EVM or n.value in EVM_EXTRA for n in networks):
        return []
    return [_finding(
        "network_unstated", "info",
        "An EVM address was given without a network. The same address exists on Ethereum, "
        "BNB Smart Chain, Polygon, Arbitrum and others: ask which network was used.",
        "EVMアドレスが記載されていますが、ネットワークの指定がありません。同じアドレスが"
        "イーサリアム、BNBスマートチェーン、ポリゴン、アービトラムなどで使えるため、"
        "どのネットワークを使用したかご確認ください。",
        evm, networks=list(EVM),
    )]  # fmt: skip


def check(text: str, entities: Iterable[Entity]) -> list[Finding]:
    """Findings for one message; ``entities`` are the orchestrator's resolved entities."""
    entities = list(entities)
    addresses = [e for e in entities if e.kind == ADDRESS]
    networks = [e for e in entities if e.kind == NETWORK and isinstance(e.value, str)]
    memos = [e for e in entities if e.kind == MEMO]
    assets: list[tuple[Entity, str]] = [(e, e.value) for e in entities if e.kind == ASSET]
    assets += [
        (e, e.value["unit"])
        for e in entities
        if e.kind == AMOUNT and isinstance(e.value, dict) and e.value.get("unit") not in FIAT
    ]
    out: list[Finding] = []
    for addr in addresses:
        out += _address_checks(addr)
        out += _network_mismatch(addr, networks)
        out += _asset_mismatch(addr, assets, networks)
    out += _memo_findings(text, addresses, networks, assets, memos)
    out += _network_unstated(addresses, networks)
    return out
