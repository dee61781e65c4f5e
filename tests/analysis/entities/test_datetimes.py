"""Dates and times resolved against the message time in the desk's zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madoguchi.analysis.entities.datetimes import scan

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 11, 29, 10, 0, tzinfo=TOKYO)  # a Sunday, 10:00 in Tokyo


def _one(text, now=NOW, tz="Asia/Tokyo"):
    found = scan(text, received_at=now, tz=tz)
    assert len(found) == 1, found
    e = found[0]
    assert text[e.start : e.end] == e.text
    return e


def _period(start, end):
    return {"start": start, "end": end}


CASES = [
    # absolute
    ("2024年3月5日 14:30", "2024-03-05T14:30:00+09:00", False, "minute"),
    ("2024年3月5日", "2024-03-05", False, "day"),
    ("3/5 14:30", "2026-03-05T14:30:00+09:00", False, "minute"),
    ("2024-03-05", "2024-03-05", False, "day"),
    ("2024/03/05 09:15", "2024-03-05T09:15:00+09:00", False, "minute"),
    ("2024-03-05T14:30", "2024-03-05T14:30:00+09:00", False, "minute"),
    ("March 5", "2026-03-05", False, "day"),
    ("Mar 5th, 2024", "2024-03-05", False, "day"),
    ("5 March 2024 2pm", "2024-03-05T14:00:00+09:00", False, "minute"),
    ("12月31日", "2025-12-31", False, "day"),  # no year, later than today: last year
    ("11/28（土）", "2026-11-28", False, "day"),
    (
        "3月5日の朝",
        _period("2026-03-05T05:00:00+09:00", "2026-03-05T12:00:00+09:00"),
        False,
        "period",
    ),
    # clock times alone: the latest such time not in the future
    ("14時半", "2026-11-28T14:30:00+09:00", True, "minute"),
    ("9時", "2026-11-29T09:00:00+09:00", True, "minute"),
    ("午後2時", "2026-11-28T14:00:00+09:00", True, "minute"),
    ("at 8:45am", "2026-11-29T08:45:00+09:00", True, "minute"),
    # relative days and periods
    ("昨日", "2026-11-28", True, "day"),
    ("yesterday", "2026-11-28", True, "day"),
    ("おととい", "2026-11-27", True, "day"),
    ("一昨日", "2026-11-27", True, "day"),
    ("the day before yesterday", "2026-11-27", True, "day"),
    ("今日", "2026-11-29", True, "day"),
    ("昨日の夜", _period("2026-11-28T18:00:00+09:00", "2026-11-29T00:00:00+09:00"), True, "period"),
    (
        "last night",
        _period("2026-11-28T18:00:00+09:00", "2026-11-29T00:00:00+09:00"),
        True,
        "period",
    ),
    ("昨夜", _period("2026-11-28T18:00:00+09:00", "2026-11-29T00:00:00+09:00"), True, "period"),
    (
        "yesterday evening",
        _period("2026-11-28T18:00:00+09:00", "2026-11-29T00:00:00+09:00"),
        True,
        "period",
    ),
    ("今朝", _period("2026-11-29T05:00:00+09:00", "2026-11-29T12:00:00+09:00"), True, "period"),
    (
        "this morning",
        _period("2026-11-29T05:00:00+09:00", "2026-11-29T12:00:00+09:00"),
        True,
        "period",
    ),
    ("先週", _period("2026-11-16T00:00:00+09:00", "2026-11-23T00:00:00+09:00"), True, "period"),
    (
        "last week",
        _period("2026-11-16T00:00:00+09:00", "2026-11-23T00:00:00+09:00"),
        True,
        "period",
    ),
    ("先月", _period("2026-10-01T00:00:00+09:00", "2026-11-01T00:00:00+09:00"), True, "period"),
    ("昨日の14時半", "2026-11-28T14:30:00+09:00", True, "minute"),
    ("昨日の午後3時", "2026-11-28T15:00:00+09:00", True, "minute"),
    ("yesterday at 3pm", "2026-11-28T15:00:00+09:00", True, "minute"),
    ("昨夜11時", "2026-11-28T23:00:00+09:00", True, "minute"),
    # durations ago
    ("2時間前", "2026-11-29T08:00:00+09:00", True, "minute"),
    ("30分前", "2026-11-29T09:30:00+09:00", True, "minute"),
    ("1時間半前", "2026-11-29T08:30:00+09:00", True, "minute"),
    ("3日前", "2026-11-26", True, "day"),
    ("三日前", "2026-11-26", True, "day"),
    ("2週間前", "2026-11-15", True, "day"),
    ("2ヶ月前", "2026-09-29", True, "day"),
    ("two hours ago", "2026-11-29T08:00:00+09:00", True, "minute"),
    ("an hour ago", "2026-11-29T09:00:00+09:00", True, "minute"),
    ("half an hour ago", "2026-11-29T09:30:00+09:00", True, "minute"),
    ("45 mins ago", "2026-11-29T09:15:00+09:00", True, "minute"),
    ("3 days ago", "2026-11-26", True, "day"),
    (
        "a few minutes ago",
        _period("2026-11-29T09:53:00+09:00", "2026-11-29T09:58:00+09:00"),
        True,
        "period",
    ),
    # weekdays
    ("last Friday", "2026-11-27", True, "day"),
    ("on Sunday", "2026-11-29", True, "day"),
    ("last Sunday", "2026-11-22", True, "day"),
    ("金曜日", "2026-11-27", True, "day"),
    ("先週の金曜日", "2026-11-20", True, "day"),
]


@pytest.mark.parametrize(
    ("text", "value", "relative", "precision"), CASES, ids=[c[0] for c in CASES]
)
def test_resolution(text, value, relative, precision):
    e = _one(text)
    assert e.kind == "datetime"
    assert e.value == value
    assert e.details["relative"] is relative
    assert e.details["precision"] == precision


def test_inside_a_message():
    text = "昨日の夜に0.5 ETHを送金しましたが、2時間前に確認してもまだ届いていません"
    values = [e.value for e in scan(text, received_at=NOW, tz="Asia/Tokyo")]
    assert values == [
        {"start": "2026-11-28T18:00:00+09:00", "end": "2026-11-29T00:00:00+09:00"},
        "2026-11-29T08:00:00+09:00",
    ]


def test_received_at_is_converted_to_the_desk_zone():
    utc_now = datetime(2026, 11, 28, 16, 0, tzinfo=ZoneInfo("UTC"))  # 01:00 on the 29th in Tokyo
    assert _one("昨日", now=utc_now).value == "2026-11-28"
    assert _one("yesterday", now=utc_now, tz="UTC").value == "2026-11-27"
    assert _one("2 hours ago", now=utc_now, tz="Europe/London").value == "2026-11-28T14:00:00+00:00"


def test_year_inferred_is_reported():
    assert _one("March 5").details.get("year_inferred") is True
    assert "year_inferred" not in _one("2024-03-05").details


@pytest.mark.parametrize(
    "text",
    [
        "3/5 confirmations",
        "1/2 of the amount",
        "I may 2 times",
        "2時間かかります",  # a duration, not a time
        "25時",
        "2024-13-45",
        "2月30日",
        "090-1234-5678",
        "0.5 ETH",
        "1,500円",
        "5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060",
        "version 1.2.3",
    ],
)
def test_not_dates(text):
    assert scan(text, received_at=NOW, tz="Asia/Tokyo") == []


def test_fullwidth_digits_and_spans():
    text = "２０２４年３月５日　１４：３０に送金"
    e = _one(text)
    assert e.value == "2024-03-05T14:30:00+09:00"
    assert e.text == "２０２４年３月５日　１４：３０"


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        "\n" * 100_000,
        " " * 300_000,
        "1" * 1_000_000,
        "3時" * 200_000,
        "1/1 " * 100_000,
        "昨日" * 200_000,
        "2024-" * 200_000,
        "12:" * 300_000,
        "the " * 200_000,
        "".join(f"{i}. \n" for i in range(100_000)),
    ],
)
def test_hostile_input(text):
    assert isinstance(scan(text, received_at=NOW, tz="Asia/Tokyo"), list)


_PIECES = ["昨日の夜", "3/5", "14:30", "2時間前", "last Friday", "March 5", "12月31日", "午後",
           "深夜2時", "24:00", "a few days ago", "先週の", "月曜", "２０２４年", "\u200b", "（火）", "May"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=20).map("".join))
def test_any_text_gives_consistent_entities(text):
    for e in scan(text, received_at=NOW, tz="Asia/Tokyo"):
        assert text[e.start : e.end] == e.text and e.start < e.end
        assert e.details["precision"] in ("minute", "day", "period")
        assert isinstance(e.value, str) == (e.details["precision"] != "period")
