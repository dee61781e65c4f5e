"""Pure MIME parsing: raw mail bytes to plain dataclasses, bounded, Japanese-aware. No Django.

>>> from madoguchi.mailparse import parse
>>> parse(b"From: a@example.jp\\r\\nSubject: =?UTF-8?B?5Ye66YeR?=\\r\\n\\r\\nhi\\r\\n").subject
'出金'
"""

from madoguchi.mailparse._charset import decode_bytes, decode_header_value, iso2022jp_as_cp932
from madoguchi.mailparse._errors import MailParseError
from madoguchi.mailparse._html import sanitise, to_text
from madoguchi.mailparse._names import sanitise_filename, single_line
from madoguchi.mailparse._parser import parse
from madoguchi.mailparse._quotes import strip_quoted
from madoguchi.mailparse._types import Address, Attachment, Limits, ParsedMail

__all__ = [
    "Address",
    "Attachment",
    "Limits",
    "MailParseError",
    "ParsedMail",
    "decode_bytes",
    "decode_header_value",
    "iso2022jp_as_cp932",
    "parse",
    "sanitise",
    "sanitise_filename",
    "single_line",
    "strip_quoted",
    "to_text",
]
