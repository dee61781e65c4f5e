"""Well-known sites that name their own products by subdomain: ``gemini.google.com``.

A brand's name as a bare label under someone else's domain is usually an impostor
(``binance.secure-session.io``, ``metamask.github.io``), but not when the owner is a large,
well-known company naming one of its own products (``gemini.google.com`` is Google's
assistant, not the exchange gemini.com). The brand's *domain* (``gemini.com.google.com``) or
the brand plus a word (``gemini-login.google.com``) is still flagged under these owners.

Only sites that hand out no subdomains to the public belong here: user-content hosts
(``github.io``, ``blogspot.com``, ``wordpress.com``, ``medium.com``, ``zendesk.com``,
``netlify.app`` ...) are exactly where impostors put ``brand.host``.
"""

from __future__ import annotations

#: Registrable domains (Public Suffix List sense) of large companies' own sites.
WELL_KNOWN_OWNERS: frozenset[str] = frozenset(
    """
    google.com google.co.jp youtube.com android.com
    yahoo.com yahoo.co.jp
    microsoft.com live.com office.com bing.com msn.com
    apple.com icloud.com
    amazon.com amazon.co.jp
    ibm.com oracle.com adobe.com intel.com nvidia.com cisco.com
    samsung.com sony.com sony.co.jp nintendo.com nintendo.co.jp panasonic.com
    rakuten.co.jp rakuten.com line.me naver.com kakao.com baidu.com qq.com alibaba.com
    docomo.ne.jp nttdocomo.co.jp au.com softbank.jp
    wikipedia.org mozilla.org
    nhk.or.jp nikkei.com bbc.co.uk bbc.com reuters.com bloomberg.com
    paypal.com salesforce.com atlassian.com cloudflare.com
    """.split()
)
