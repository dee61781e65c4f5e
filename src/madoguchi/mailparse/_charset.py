"""Bytes to text the way Japanese mail needs it: declared charset first, then known fallbacks.

Japanese mail often lies about its charset: "Shift_JIS" is really Windows-31J (cp932), and
"ISO-2022-JP" carries NEC/IBM extensions (①, ㈱, 髙) that only Microsoft's cp50220 knows and
Python has no codec for. :func:`iso2022jp_as_cp932` re-codes such bytes to Shift_JIS form and
decodes them with cp932, which is what cp50220 does.
"""

from __future__ import annotations

import codecs
import email.header

_SJIS = frozenset(
    {
        "shift_jis",
        "shift-jis",
        "sjis",
        "x-sjis",
        "ms_kanji",
        "csshiftjis",
        "windows-31j",
        "cp932",
        "ms932",
        "x-ms-cp932",
        "shift_jisx0213",
        "shift_jis_2004",
    }
)
_EUC = frozenset({"euc-jp", "eucjp", "euc_jp", "x-euc-jp", "ujis", "cseucpkdfmtjapanese"})
#: tried, in order, after the declared charset (and its family) fails
_GENERIC = ("utf-8", "iso2022jp-as-cp932", "cp932", "euc_jp")

_ESC = 0x1B
_SO, _SI = 0x0E, 0x0F


def iso2022jp_as_cp932(data: bytes) -> str:
    """Decode ISO-2022-JP like Microsoft's cp50220/cp50221 (NEC and IBM rows included).

    >>> iso2022jp_as_cp932(b"\\x1b$B-!\\x1b(B")
    '①'
    """
    out = bytearray()
    mode = "ascii"  # ascii | kanji | kana
    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        if byte == _ESC:
            seq = data[i + 1 : i + 4]
            if seq[:2] in (b"$B", b"$@"):
                mode, i = "kanji", i + 3
                continue
            if seq[:3] in (b"$(Q", b"$(O"):  # JIS X 0213 plane 1: same rows for the common part
                mode, i = "kanji", i + 4
                continue
            if seq[:2] in (b"(B", b"(J"):
                mode, i = "ascii", i + 3
                continue
            if seq[:2] == b"(I":
                mode, i = "kana", i + 3
                continue
            raise UnicodeDecodeError("iso2022jp-as-cp932", data, i, i + 1, "unknown escape")
        if byte == _SO:
            mode, i = "kana", i + 1
            continue
        if byte == _SI:
            mode, i = "ascii", i + 1
            continue
        if byte >= 0x80:
            raise UnicodeDecodeError("iso2022jp-as-cp932", data, i, i + 1, "8-bit byte")
        if mode == "kanji" and byte not in (0x0A, 0x0D):
            if i + 1 >= n:
                raise UnicodeDecodeError("iso2022jp-as-cp932", data, i, n, "truncated pair")
            j1, j2 = byte, data[i + 1]
            if not (0x21 <= j1 <= 0x7E and 0x21 <= j2 <= 0x7E):
                raise UnicodeDecodeError("iso2022jp-as-cp932", data, i, i + 2, "not JIS")
            s1 = (j1 + 1) // 2 + 0x70
            if s1 >= 0xA0:
                s1 += 0x40
            if j1 % 2:
                s2 = j2 + 0x1F + (1 if j2 >= 0x60 else 0)
            else:
                s2 = j2 + 0x7E
            out += bytes((s1, s2))
            i += 2
            continue
        if mode == "kana" and 0x21 <= byte <= 0x5F:
            out.append(byte + 0x80)
        else:
            out.append(byte)
        i += 1
    return out.decode("cp932")


def _normalise(name: str | None) -> str:
    if not name:
        return ""
    name = name.strip().strip("\"'").lower()
    if len(name) > 40 or not name.isascii():
        return ""
    return name


def _candidates(declared: str) -> list[str]:
    if declared in _SJIS:
        return ["cp932", "shift_jis_2004"]
    if declared.startswith(("iso-2022-jp", "iso2022jp", "iso_2022_jp", "csiso2022jp")):
        return [
            "iso2022_jp",
            "iso2022_jp_2",
            "iso2022_jp_ext",
            "iso2022_jp_3",
            "iso2022jp-as-cp932",
        ]
    if declared in _EUC:
        return ["euc_jp", "euc_jis_2004", "cp932"]
    if declared in ("us-ascii", "ascii"):
        return ["ascii"]
    return [declared] if declared else []


def _try(data: bytes, codec: str) -> str | None:
    try:
        if codec == "iso2022jp-as-cp932":
            return iso2022jp_as_cp932(data)
        return codecs.decode(data, codec)
    except (LookupError, UnicodeError, TypeError, ValueError):
        return None


def decode_bytes(data: bytes, declared: str | None) -> tuple[str, str | None]:
    """``data`` as text, and a warning when the declared charset was not what decoded it.

    Never raises: the last resort is UTF-8 with U+FFFD for what cannot be read.

    >>> decode_bytes("窓口".encode("cp932"), "Shift_JIS")
    ('窓口', None)
    """
    name = _normalise(declared)
    tried: list[str] = []
    generic = _GENERIC
    if b"\x1b$" in data:  # 7-bit ISO-2022-JP is also valid UTF-8: try it first
        generic = ("iso2022jp-as-cp932", *_GENERIC)
    for index, codec in enumerate([*_candidates(name), *generic]):
        if codec in tried:
            continue
        tried.append(codec)
        text = _try(data, codec)
        if text is not None:
            if index == 0 and name:
                return text, None
            if not name and data.isascii() and _ESC not in data:
                return text, None  # plain ASCII needs no charset
            return text, f"charset {declared or '(none)'!r} read as {codec}"
    return (
        data.decode("utf-8", "replace"),
        f"charset {declared or '(none)'!r} unreadable: utf-8 with replacement characters",
    )


def decode_header_value(raw: str, warnings: list[str] | None = None) -> str:
    """A header value with RFC 2047 encoded-words and raw 8-bit bytes decoded.

    >>> decode_header_value("=?ISO-2022-JP?B?GyRCJD8kJDRWGyhC?=")
    'たい間'
    """
    raw = raw.replace("\r\n", "\n")
    unfolded = "".join(line.lstrip(" \t") if i else line for i, line in enumerate(raw.split("\n")))
    try:
        chunks = email.header.decode_header(unfolded)
    except Exception:  # the stdlib's decoder on hostile input: read it as plain bytes
        chunks = [(unfolded, None)]
    out: list[str] = []
    for value, charset in chunks:
        if isinstance(value, str):
            data = _escaped_bytes(value)
        else:
            data = value
            if charset is None:  # an unencoded run between encoded-words
                data = _escaped_bytes(value.decode("raw-unicode-escape", "replace"))
        text, warning = decode_bytes(data, charset)
        if warning and warnings is not None:
            warnings.append(f"header: {warning}")
        out.append(text)
    return "".join(out)


def _escaped_bytes(value: str) -> bytes:
    try:
        return value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:  # real non-ASCII characters (a str policy): keep them as UTF-8
        return value.encode("utf-8", "surrogatepass")
