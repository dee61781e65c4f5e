"""Words impostors glue to a brand name: ``binancesupport``, ``securemetamask``, ``okxjp``.

Why a vocabulary: a brand glued to *any* word also matches real, unrelated names
(``opensearch`` for OpenSea, ``ledgerinsights`` for Ledger, ``phantomjs`` for Phantom). What
fake support adds is the language of support, accounts and security, a country, or a
domain ending. With separators (``binance-insights``) the brand is a token of its own and no
vocabulary is needed.

>>> glued_words("supportlogin")
True
>>> glued_words("insights")
False
"""

from __future__ import annotations

from functools import lru_cache

from madoguchi.trust._skeleton import loose_skeleton

#: English and romanised Japanese words of support desks, accounts, security and money, and the
#: country and domain endings put next to a brand. Lower-case ASCII.
IMPOSTOR_WORDS: frozenset[str] = frozenset(
    """
    support help helpdesk desk service services care customer customers contact center centre
    team staff official officials info news notice alert alerts
    login logon signin signon signup sso auth oauth account accounts user member members my
    verify verification verified validate validation confirm check secure security safe safety
    protect guard 2fa otp kyc
    wallet wallets vault app apps web www online portal site page live connect sync link
    extension chrome download install desktop mobile
    restore recover recovery reset unlock unblock unfreeze update upgrade migrate migration
    claim airdrop reward rewards bonus gift giveaway promo event campaign refund
    pay payment payments deposit withdraw withdrawal transfer fund funds
    exchange trade trading market markets pro plus prime global
    defi nft nfts token tokens swap bridge stake staking earn mint
    jp japan jpn nihon us usa uk eu asia en ja
    com net org io co cc xyz top
    sapoto shien toiawase kakunin ninsho nyukin shukkin
    """.split()
)

# Compared in the same lookalike-insensitive form as the brand (``supp0rt`` is ``support``).
_LOOSE_WORDS = frozenset(map(loose_skeleton, IMPOSTOR_WORDS))
_LONGEST = max(map(len, _LOOSE_WORDS))


@lru_cache(maxsize=4096)
def glued_words(text: str) -> bool:
    """True when ``text`` is one or more impostor words run together (empty text is not).

    ``text`` is compared by its loose skeleton, so lookalike spellings count too.
    """
    text = loose_skeleton(text)
    if not text:
        return False
    reachable = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - _LONGEST), end):
            if reachable[start] and text[start:end] in _LOOSE_WORDS:
                reachable[end] = True
                break
    return reachable[-1]
