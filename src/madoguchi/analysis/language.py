"""The language of a customer message, as an ISO 639-1 code, tuned for short ja/en support text.

>>> detect_language("USDTの出金が pending のまま")
'ja'
>>> detect_language("USDT not arrived")
'en'
"""

from __future__ import annotations

import re
import threading
from typing import Any

#: Only this much of a message is read: the language is settled long before, and py3langid
#: walks every byte in Python.
_CAP = 4_000
_MODEL_CAP = 1_000

# Things that carry no language: URLs, e-mail addresses, hex and base58 strings, anything with
# a digit (amounts, txids, order ids, "ERC20"), and all-capital tokens (USDT, BTC, KYC).
# Each alternative starts only at a token start, so the scan stays linear.
_NOISE = re.compile(
    r"(?:https?://|www\.)\S*|(?<!\S)\S*@\S*|(?<!\w)\w*\d\w*|\b[A-Z]{2,12}s?\b|[A-Za-z0-9]{25,}"
)
_KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\uff66-\uff9d]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_OTHER = re.compile(r"[\u0370-\u03ff\u0400-\u052f\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff]+")

#: Kanji written only in Japanese (shinjitai forms that differ from both simplified and
#: traditional Chinese, plus kokuji), and kanji-only phrases a Japanese support message uses.
_JA_ONLY_HAN = re.compile(
    r"[円込払済続売変検証対気様伝広応関戻録帰単転択読処発図営権拡鉄県辺働峠畑枠匂凪栃]|"
    r"出金|入金|着金|送金|残高|口座|手数料|本人確認|取引所|未反映|反映|振込|振替|御中|宜"
)
#: Simplified-only characters common in Chinese support messages.
_ZH_ONLY_HAN = re.compile(r"[这们说没还钱账户币现为么吗请谢问题时间转帐给够让过]")
_EN_WORDS = frozenset(
    """a an the i my me we you your it is are was were be been not no yes to of in on at for
    from with and or but have has had do does did can could will would please help hi hello
    thanks thank sent send received receive deposit withdrawal withdraw account wallet address
    still yet why what when where how this that there here arrived arrive pending missing lost
    wrong network transfer balance fee support issue problem money coins coin funds ok okay
    hey dear sir madam urgent already never since after before yesterday today hours""".split()
)
#: Languages a Japanese/English crypto desk actually receives; restricting py3langid to these
#: removes the look-alike minor languages it confuses with short English ("help" -> "no").
_CANDIDATES = (
    "en de fr es pt it nl sv da no fi pl cs sk hu ro tr id ms vi tl ru uk bg el ar he fa hi th "
    "ko zh ja"
).split()

_identifier: Any = None
_lock = threading.Lock()


def _model() -> Any:
    """py3langid's identifier, loaded once on first use (loading takes ~0.5 s)."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                ident.set_languages(_CANDIDATES)
                _identifier = ident
    return _identifier


def preload() -> None:
    """Load the py3langid model now rather than on the first Latin-script message."""
    _model()


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(len(run) for run in pattern.findall(text))


def _han_language(text: str) -> str:
    """Kanji without kana: Chinese unless something only Japanese writes is there."""
    ja = len(_JA_ONLY_HAN.findall(text))
    zh = len(_ZH_ONLY_HAN.findall(text))
    return "ja" if ja > zh else "zh"


def _mostly_english(words: list[str]) -> bool:
    """A quarter of the words are common English ones (cheap; no model needed)."""
    english = sum(1 for w in words if w.strip(".,!?;:()\"'") in _EN_WORDS)
    return english * 4 >= len(words) > 0


def _latin_language(text: str) -> str:
    words = text.lower().split()
    letters = sum(len(w) for w in words)
    if len(words) < 3 or letters < 12:
        return "en"  # "help", "ok", "not arrived": too short to be anything but the default
    if _mostly_english(words):
        return "en"
    ranked = _model().rank(text[:_MODEL_CAP])
    best, confidence = ranked[0]
    if best != "en" and confidence < 0.5 and any(lang == "en" for lang, _ in ranked[:3]):
        return "en"  # an unsure guess between English and a neighbour: the desk default
    return best


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("ja", "en", "zh", "ko", "fr"...); "en" when undecidable."""
    text = text[:_CAP]
    if text.isascii():
        if len(text) < 2_000 and _mostly_english(text.lower().split()):
            return "en"  # the common case, before the costlier noise removal
        return _latin_language(_NOISE.sub(" ", text))
    kana = _count(_KANA, text)
    han = _count(_HAN, text)
    if kana and (kana + han) * 4 >= len(text):  # mostly Japanese: no need to look further
        return "ja"
    hangul = _count(_HANGUL, text)
    rest = _NOISE.sub(" ", text)
    latin = _count(_LATIN, rest)
    other = _count(_OTHER, rest)
    # a CJK character carries about as much as three Latin letters: weigh them that way
    if kana and (kana + han) * 3 >= latin:
        return "ja"
    if hangul and hangul * 3 >= latin and hangul >= kana + han:
        return "ko"
    if han and han * 3 >= latin:
        return _han_language(text)
    if other and other >= latin:
        best, _ = _model().classify(rest[:_MODEL_CAP])
        return best
    if latin:
        return _latin_language(_LATIN_ONLY.sub(" ", rest))
    return "ja" if kana else "en"


_LATIN_ONLY = re.compile(r"[^\sA-Za-z\u00c0-\u024f.,!?'\-]+")
