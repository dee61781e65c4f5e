"""Dates and times, resolved against when the message arrived, in the desk's time zone.

>>> from datetime import datetime; from zoneinfo import ZoneInfo
>>> now = datetime(2026, 11, 29, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
>>> [e.value for e in scan("昨日の14時半", received_at=now, tz="Asia/Tokyo")]
['2026-11-28T14:30:00+09:00']
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from madoguchi.analysis._types import DATETIME, Entity
from madoguchi.analysis.entities._view import view
from madoguchi.analysis.entities._vocab import trie_pattern

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august|"
        "sep sept september|oct october|nov november|dec december".split("|")
    )
    for m in names.split()
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAYS = {
    **{d: i for i, d in enumerate("月火水木金土日")},
    **{
        d: i
        for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
    },
}
_KANJI_NUMBERS = {c: i for i, c in enumerate("〇一二三四五六七八九十", start=0)}
_EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "a couple of": 2,
}  # fmt: skip
_FEW = ("数", "a few", "few", "several")
_SP = r"[ \t\u3000]{0,2}"  # bounded: "\s*" would make a newline flood quadratic

_DATE = re.compile(
    "|".join(
        (
            rf"(?:(?P<jy>\d{{4}}){_SP}年{_SP})?(?<!\d)(?P<jm>\d{{1,2}}){_SP}月{_SP}(?P<jd>\d{{1,2}}){_SP}日(?!{_SP}(?:前|間))",
            r"(?<![\d.:/-])(?P<iy>\d{4})(?P<sep>[-/.])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})(?![\d/.-]\d)(?!\d)",
            r"(?<![\d./:,-])(?P<sm>\d{1,2})/(?P<sd>\d{1,2})(?![\d/])",
            rf"\b(?P<mon1>{_MONTH})\.?[ \t]{{1,2}}(?P<md1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?[ \t]{{1,2}}(?P<my1>\d{{4}})\b)?",
            rf"(?<!\d)(?P<md2>\d{{1,2}})(?:st|nd|rd|th)?[ \t]{{1,2}}(?:of[ \t])?(?P<mon2>{_MONTH})\b\.?(?:,?[ \t]{{1,2}}(?P<my2>\d{{4}})\b)?",
            r"(?P<ago>(?P<an>\d{1,3}|[一二三四五六七八九十]|数)"
            rf"{_SP}(?P<au>分|時間|日|週間|週|か月|ヶ月|カ月|ヵ月|ケ月){_SP}(?P<ahalf>半)?(?:ほど|くらい|ぐらい|程)?{_SP}前)",
            r"(?P<eago>\b(?P<ean>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
            r"half an?|a few|few|several|a couple of)[ \t](?P<eau>min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)"
            r"[ \t]ago\b)",
            r"(?P<per>昨夜|昨晩|今朝|今夜|今晩|先週(?!の?[月火水木金土日]曜)|今週(?!の?[月火水木金土日]曜)|先月|今月|"
            r"\blast[ \t]night\b|\bthis[ \t](?:morning|afternoon|evening|week|month)\b|\btonight\b|"
            r"\blast[ \t](?:week|month)\b)",
            r"(?P<rel>一昨日|おととい|昨日|きのう|今日|きょう|本日|明日|あした|\bthe[ \t]day[ \t]before[ \t]yesterday\b|"
            r"\byesterday\b|\btoday\b|\btomorrow\b)",
            r"(?P<wdpre>先週の?|今週の?|\blast[ \t]|\bthis[ \t]|\bon[ \t])?"
            r"(?P<wd>[月火水木金土日](?=曜)|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)(?P<wdtail>曜日?)?",
        )
    ),
    re.IGNORECASE,
)
_TIME = re.compile(
    rf"(?:(?P<tap>午前|午後|朝|夜|夕方|深夜){_SP})?(?<![\d:])(?P<th>\d{{1,2}}){_SP}時(?!間)"
    rf"(?:{_SP}(?P<tmi>\d{{1,2}}){_SP}分|(?P<thalf>半))?(?:頃|ごろ|過ぎ)?"
    r"|(?<![\d:.])(?P<ch>\d{1,2}):(?P<cmi>\d{2})(?::\d{2})?(?![\d:])(?:[ \t]?(?P<cap>[ap]\.?m\b\.?))?"
    r"|(?<![\d:.])(?P<eh>\d{1,2})[ \t]?(?P<eap>[ap]\.?m\b\.?)",
    re.IGNORECASE,
)
_JOIN = re.compile(
    rf"(?:{_SP}[(（][月火水木金土日][)）])?(?:T|{_SP}(?:at|@|の|、|,)?{_SP})", re.IGNORECASE
)
_PART = re.compile(
    r"(?:の|[ \t])?(?P<part>午前中|夕方|深夜|朝|昼|午後|夜|晩|(?:in[ \t]the[ \t])?(?:morning|afternoon|evening)|(?:at[ \t])?night)(?![a-z])",
    re.IGNORECASE,
)
_MD_FOLLOW = re.compile(rf"{_SP}(?:[(（][月火水木金土日]|に|の|から|まで|頃|ごろ|付|時点)")
_MD_BEFORE = re.compile(r"\b(?:on|since|from|until)[ \t]$", re.IGNORECASE)
#: Part of day -> (start hour, end hour); end may pass 24 (into the next day).
_PARTS = {
    "朝": (5, 12), "morning": (5, 12), "午前中": (0, 12), "昼": (11, 14), "午後": (12, 18),
    "afternoon": (12, 18), "夕方": (16, 19), "evening": (18, 24), "夜": (18, 24), "晩": (18, 24),
    "night": (18, 24), "深夜": (22, 29),
}  # fmt: skip
_PM_PARTS = {"午後", "夜", "夕方", "晩", "evening", "night", "afternoon"}
_PERIOD_WORDS = {
    "昨夜": (-1, "night"), "昨晩": (-1, "night"), "last night": (-1, "night"),
    "今朝": (0, "morning"), "this morning": (0, "morning"), "this afternoon": (0, "afternoon"),
    "今夜": (0, "night"), "今晩": (0, "night"), "tonight": (0, "night"), "this evening": (0, "evening"),
}  # fmt: skip
_DAY_WORDS = {
    "一昨日": -2, "おととい": -2, "the day before yesterday": -2, "昨日": -1, "きのう": -1,
    "yesterday": -1, "今日": 0, "きょう": 0, "本日": 0, "today": 0, "明日": 1, "あした": 1,
    "tomorrow": 1,
}  # fmt: skip
_UNIT_MINUTES = {"分": 1, "min": 1, "時間": 60, "hour": 60, "hr": 60}
_UNIT_DAYS = {"日": 1, "day": 1, "週間": 7, "週": 7, "week": 7}
_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d+")  # not inside hex ids: "3ae8774acd..."
#: Words a date or time can start with (lower case); "曜", "ago" and "前" point before themselves.
_KEYWORD = re.compile(
    trie_pattern(
        [*_MONTHS, *(d for d in _WEEKDAYS if d.isascii()), "yesterday", "today", "tomorrow",
         "tonight", "the day before", "last", "this", "ago", "曜", "前", "昨日", "昨夜", "昨晩",
         "今朝", "今日", "今夜", "今晩", "今週", "今月", "先週", "先月", "一昨日", "おととい",
         "きのう", "きょう", "本日", "明日", "あした", "午前", "午後", "朝", "夜", "夕方", "深夜"]
    )
)  # fmt: skip
_AGO_BEFORE = re.compile(
    r"(?<![a-z])(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half an?|a few|few|"
    r"several|a couple of)[ \t](?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)[ \t]$"
    rf"|(?:[一二三四五六七八九十]|数){_SP}(?:分|時間|日|週間|週|か月|ヶ月|カ月|ヵ月|ケ月){_SP}半?(?:ほど|くらい|ぐらい|程)?{_SP}$"
)
_CAP = 200_000  # dates are near the start of a message; a flood past this is not read


class _Ctx:
    __slots__ = ("now", "zone")

    def __init__(self, now: datetime, zone: ZoneInfo) -> None:
        self.now, self.zone = now, zone

    def at(self, day: date, hour: int = 0, minute: int = 0) -> datetime:
        naive = datetime(day.year, day.month, day.day) + timedelta(hours=hour, minutes=minute)
        return naive.replace(tzinfo=self.zone)


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _period(ctx: _Ctx, day: date, hours: tuple[int, int]) -> dict[str, str]:
    return {"start": _iso(ctx.at(day, hours[0])), "end": _iso(ctx.at(day, hours[1]))}


def _clock(m: re.Match[str], part: str | None) -> tuple[int, int] | None:
    """(hour, minute) of a _TIME match, 24-hour; None when out of range."""
    if m.group("th"):
        h = int(m.group("th"))
        mi = 30 if m.group("thalf") else int(m.group("tmi") or 0)
        ap = m.group("tap") or part
        pm, am = ap in _PM_PARTS, ap in ("午前", "朝")
    else:
        h = int(m.group("ch") or m.group("eh"))
        mi = int(m.group("cmi") or 0)
        marker = (m.group("cap") or m.group("eap") or "").lower()
        pm, am = (
            marker.startswith("p") or (not marker and part in _PM_PARTS),
            marker.startswith("a"),
        )
        if marker and not 1 <= h <= 12:
            return None
    if pm and h < 12 and not (part == "夜" and h <= 4 and not m.group("tap")):
        h += 12
    elif am and h == 12:
        h = 0
    if h > 24 or mi > 59 or (h == 24 and mi):
        return None
    return h, mi


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _yearless(ctx: _Ctx, month: int, day: int) -> date | None:
    """Most recent such date not after (today + 2 days): support messages talk about the past."""
    today = ctx.now.date()
    found = _safe_date(today.year, month, day)
    if found is None or found > today + timedelta(days=2):
        found = _safe_date(today.year - 1, month, day)
    return found


def _weekday(ctx: _Ctx, wd: int, pre: str) -> date:
    today = ctx.now.date()
    monday = today - timedelta(days=today.weekday())
    pre = pre.strip().lower()
    if pre.startswith("先週"):
        return monday - timedelta(days=7) + timedelta(days=wd)
    if pre.startswith(("今週", "this")):
        return monday + timedelta(days=wd)
    back = (today.weekday() - wd) % 7
    if pre == "last" and back == 0:
        back = 7  # "last Friday" said on a Friday means a week ago
    return today - timedelta(days=back)


def _month_start(day: date, delta: int) -> date:
    index = day.year * 12 + day.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def _ago(ctx: _Ctx, m: re.Match[str]) -> tuple[object, str]:
    count = (m.group("an") or m.group("ean")).lower()
    unit = (m.group("au") or m.group("eau")).lower().rstrip("s")
    unit = "min" if unit.startswith("min") else unit
    few = count in _FEW
    n = (
        3
        if few
        else (
            int(count)
            if count.isdigit()
            else _KANJI_NUMBERS.get(count) or _EN_NUMBERS.get(count, 1)
        )
    )
    minutes = _UNIT_MINUTES.get(unit)
    half = bool(m.group("ahalf")) or count.startswith("half")
    now = ctx.now.replace(second=0, microsecond=0)
    if minutes:
        if count.startswith("half"):
            return _iso(now - timedelta(minutes=30)), "minute"
        delta = timedelta(minutes=n * minutes + (30 if half else 0))
        if few:
            return {"start": _iso(now - 7 * delta / 3), "end": _iso(now - 2 * delta / 3)}, "period"
        return _iso(now - delta), "minute"
    today = ctx.now.date()
    if unit in _UNIT_DAYS:
        days = _UNIT_DAYS[unit]
        if few:
            return {"start": _iso(ctx.at(today - timedelta(days=7 * days))),
                    "end": _iso(ctx.at(today - timedelta(days=2 * days - 1)))}, "period"  # fmt: skip
        return (today - timedelta(days=n * days)).isoformat(), "day"
    first = _month_start(today, -n)  # months: same day n months back, clamped to the month end
    last_day = (_month_start(first, 1) - timedelta(days=1)).day
    return first.replace(day=min(today.day, last_day)).isoformat(), "day"


def _date_of(ctx: _Ctx, m: re.Match[str], v: str) -> tuple[date | None, bool, dict]:
    """The calendar day a _DATE match names: (day, relative, extra details)."""
    g = m.group
    if g("jm"):
        mo, d = int(g("jm")), int(g("jd"))
        if g("jy"):
            return _safe_date(int(g("jy")), mo, d), False, {}
        return _yearless(ctx, mo, d), False, {"year_inferred": True}
    if g("iy"):
        return _safe_date(int(g("iy")), int(g("im")), int(g("id"))), False, {}
    if g("sm"):
        follows = _TIME.match(v, _JOIN.match(v, m.end()).end()) or _MD_FOLLOW.match(v, m.end())
        if not (follows or _MD_BEFORE.search(v, max(0, m.start() - 8), m.start())):
            return None, False, {}  # "3/5 confirmations" is a ratio, not a date
        return _yearless(ctx, int(g("sm")), int(g("sd"))), False, {"year_inferred": True}
    if g("mon1") or g("mon2"):
        name = g("mon1") or g("mon2")
        if name.lower() == "may" and not name[0].isupper():
            return None, False, {}  # "I may 2..." is a verb
        mo, d, y = _MONTHS[name.lower()], int(g("md1") or g("md2")), g("my1") or g("my2")
        if y:
            return _safe_date(int(y), mo, d), False, {}
        return _yearless(ctx, mo, d), False, {"year_inferred": True}
    if g("rel"):
        key = re.sub(r"[ \t]+", " ", g("rel").lower())
        return ctx.now.date() + timedelta(days=_DAY_WORDS[key]), True, {}
    if g("wd"):
        wd = _WEEKDAYS[g("wd").lower()]
        return _weekday(ctx, wd, g("wdpre") or ""), True, {}
    return None, False, {}


def _resolve(ctx: _Ctx, m: re.Match[str], v: str) -> tuple[int, object, dict] | None:
    """(end, value, details) for one _DATE match, extended by a following time or part of day."""
    g = m.group
    if g("ago") or g("eago"):
        value, precision = _ago(ctx, m)
        return m.end(), value, {"relative": True, "precision": precision}
    if g("per"):
        word = re.sub(r"[ \t]+", " ", g("per").lower())
        today = ctx.now.date()
        if word in _PERIOD_WORDS:
            offset, part = _PERIOD_WORDS[word]
            day = today + timedelta(days=offset)
            t = _TIME.match(v, _JOIN.match(v, m.end()).end())
            clock = _clock(t, part) if t else None
            if clock:
                return t.end(), _iso(ctx.at(day, *clock)), {"relative": True, "precision": "minute"}
            return (
                m.end(),
                _period(ctx, day, _PARTS[part]),
                {"relative": True, "precision": "period"},
            )
        monday = today - timedelta(days=today.weekday())
        if word in ("先週", "last week", "今週", "this week"):
            start = monday - timedelta(days=7) if word in ("先週", "last week") else monday
            end = start + timedelta(days=7)
        else:
            start = _month_start(today, -1 if word in ("先月", "last month") else 0)
            end = _month_start(start, 1)
        value = {"start": _iso(ctx.at(start)), "end": _iso(ctx.at(end))}
        return m.end(), value, {"relative": True, "precision": "period"}
    day, relative, extra = _date_of(ctx, m, v)
    if day is None:
        return None
    details = {"relative": relative, **extra}
    end = m.end()
    part_m = _PART.match(v, end)
    part = (
        part_m.group("part").lower().removeprefix("in the ").removeprefix("at ") if part_m else None
    )
    t = _TIME.match(v, _JOIN.match(v, part_m.end() if part_m else end).end())
    clock = _clock(t, part) if t else None
    if clock:
        return t.end(), _iso(ctx.at(day, *clock)), {**details, "precision": "minute"}
    if part_m:
        return part_m.end(), _period(ctx, day, _PARTS[part]), {**details, "precision": "period"}
    return end, day.isoformat(), {**details, "precision": "day"}


def _candidates(v: str) -> list[int]:
    """Positions where a date or time may start: digit runs and keyword hits.

    Matching the full grammar only at these few positions keeps a message without dates at a
    few microseconds (running the grammar over every position costs ~100 µs per message).
    """
    found = [m.start() for m in _DIGITS.finditer(v)]
    lower = v.lower()
    for m in _KEYWORD.finditer(lower if len(lower) == len(v) else v):
        word, at = m.group(), m.start()
        if word == "曜":
            found.append(at - 1)
        elif word in ("ago", "前"):  # "two hours ago", "三日前": the number is before the keyword
            back = _AGO_BEFORE.search(lower, max(0, at - 40), at)
            if back:
                found.append(back.start())
        else:
            found.append(at)
    return sorted(set(found))


def scan(text: str, *, received_at: datetime, tz: str) -> list[Entity]:
    """DATETIME entities; see docs/analysis-entities.md for the value shapes."""
    zone = ZoneInfo(tz)
    ctx = _Ctx(received_at.astimezone(zone), zone)
    vw = view(text)
    v = vw.text[:_CAP]
    found: list[tuple[int, int, object, dict]] = []
    consumed = 0
    for pos in _candidates(v):
        if pos < consumed:
            continue
        m = _DATE.match(v, pos)
        resolved = _resolve(ctx, m, v) if m else None
        if resolved:
            found.append((pos, *resolved))
            consumed = resolved[0]
            continue
        t = _TIME.match(v, pos)
        clock = _clock(t, None) if t else None
        if clock is None:
            continue
        when = ctx.at(ctx.now.date(), *clock)
        if when > ctx.now + timedelta(minutes=10):  # a bare time is the latest one past
            when -= timedelta(days=1)
        found.append((pos, t.end(), _iso(when), {"relative": True, "precision": "minute"}))
        consumed = t.end()
    out = []
    for start, end, value, details in found:
        s, e = vw.span(start, end)
        out.append(Entity(DATETIME, text[s:e], s, e, value=value, details=details))
    return out
