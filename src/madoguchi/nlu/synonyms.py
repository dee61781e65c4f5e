"""Domain synonyms: surface forms in Japanese and English mapped to one concept token.

Customers write 出金, 引き出し, 引出し, "withdraw" and "cash out" for the same thing; the
tokeniser adds the concept token (``§withdraw``) next to the words it found, so the classifier
and the retriever see one feature where the customers used five. It is data, not code: add a
row when the misses in ``madoguchi eval`` show a new way of saying something.

Surface forms are matched after NFKC folding and lower-casing. A form with any non-ASCII
character is matched as a substring (Japanese has no spaces); an ASCII form is matched at word
boundaries, with common English endings allowed (``withdraw`` matches "withdrawals").

>>> CONCEPTS["withdraw"][:3]
('出金', '引き出し', '引出し')
"""

from __future__ import annotations

from madoguchi.nlu._synonyms_account import ACCOUNT
from madoguchi.nlu._synonyms_funds import FUNDS
from madoguchi.nlu._synonyms_other import OTHER

#: concept -> surface forms (both languages). Order within a row does not matter. The rows live
#: in three data modules by concept family, merged here in the table's original order (funds,
#: coins, trading; account, security; wallets, tech, other).
CONCEPTS: dict[str, tuple[str, ...]] = {**FUNDS, **ACCOUNT, **OTHER}
