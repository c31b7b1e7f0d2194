"""Publish-date parsing: our own regexes for Chinese and numeric forms, and dates in URLs.

See chinese-news.md §2.1. Every result is ISO 8601 at the precision the text gives: a date alone
(``2019-05-17``) when it shows no time; a time with its own offset, else local to ``tz`` with that zone's
offset, else (``tz`` None: the zone is unknown) a naive local time (``2019-05-17T14:20:00``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

_TIME = r"(?:(?:[T\s]*|-(?=\d{1,2}[:：]\d))(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?(?:\.\d+)?)?"
#: A time written right after a two-digit day with no space (``10-0812:00``, spans joined in the info line).
_GLUED = r"(?=\d{1,2}[:：]\d{2})"
_TZ = r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}))?"
_CN_NUM = "〇零一二三四五六七八九十"
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_MON = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_EN_TIME = r"(?:,?\s*(?:at\s*)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ap>[ap]\.?m\.?)?)?"

#: Full dates with a year, tried together; the earliest match in the text wins (not pattern order).
_FULL = [
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?" + _TIME),
    re.compile(
        r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*([-/.])\s*(?P<m>\d{1,2})\s*\2\s*(?P<d>\d{1,2})(?:(?![\d.])|"
        + _GLUED
        + ")"
        + _TIME
        + _TZ
    ),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s+(?P<m>\d{1,2})\s*/\s*(?P<d>\d{1,2})(?!\d)" + _TIME),
    re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:T(?P<H>\d{2}):?(?P<M>\d{2}))?(?!\d)"
    ),
    re.compile(rf"(?P<y>[{_CN_NUM}]{{4}})年(?P<m>[{_CN_NUM}]{{1,3}})月(?P<d>[{_CN_NUM}]{{1,3}})日"),
    re.compile(
        r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})" + _EN_TIME,
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<d>\d{1,2})\s+" + _MON + r",?\s+(?P<y>(?:19|20)\d{2})" + _EN_TIME, re.IGNORECASE),
]
_YY = re.compile(r"(?<![\d-])(?P<y>\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:(?![\d-])|" + _GLUED + ")" + _TIME)
_YEARLESS = [
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _TIME),
    re.compile(r"(?<![\d\-/.])(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:(?![\d\-])|" + _GLUED + ")" + _TIME),
]
_LABEL = re.compile(
    r"(发布时间|发布日期|发表时间|发表于|更新时间|修改时间|日期|时间|Published|Updated|Posted)\s*[:：]?\s*",
    re.IGNORECASE,
)
#: Labels of an update time: its date is taken only when the text shows no other.
_UPDATE = re.compile(r"更新|修改|Updated", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")

_URL_PATTERNS = [
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?:/|$|[^\d])"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)/(?P<d>[0-3]\d)/"),
    re.compile(r"/t(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)_"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)\d*\.s?html?$"),
]


class DateMatch(NamedTuple):
    """A date found in text: the ISO value, the raw substring, and where it started."""

    iso: str
    raw: str
    start: int


def _cn_number(text: str) -> int:
    """Convert 二〇一七 / 十二 / 十九 style numerals to an int."""
    digits = {ch: i for i, ch in enumerate("〇一二三四五六七八九")}
    digits["零"] = 0
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return int("".join(str(digits.get(ch, 0)) for ch in text))


def _num(value: str | None) -> int:
    if not value:
        return 0
    return int(value) if value.isdigit() else _cn_number(value)


def _build(groups: dict[str, str | None], year: int, tz: str | None) -> str | None:
    """Turn regex groups into an ISO string, or None when the values are not a real date."""
    mon = groups.get("mon")
    month = _MONTHS[mon[:3].lower()] if mon else _num(groups["m"])
    if groups.get("H") is None:
        try:
            return date(year, month, _num(groups["d"])).isoformat()
        except ValueError:
            return None
    hour, minute, second = _num(groups.get("H")), _num(groups.get("M")), _num(groups.get("S"))
    if (groups.get("ap") or "").lower().startswith("p") and hour < 12:
        hour += 12
    try:
        value = datetime(year, month, _num(groups["d"]), hour, minute, second)
    except ValueError:
        return None
    offset = groups.get("tz")
    if offset:
        text = value.isoformat() + ("+00:00" if offset == "Z" else offset)
        try:
            return datetime.fromisoformat(text).isoformat()
        except ValueError:
            return None
    return value.replace(tzinfo=ZoneInfo(tz)).isoformat() if tz else value.isoformat()


def _year_for(month: int, day: int, reference: datetime | date | None) -> int | None:
    """The year that makes month/day the most recent date not after ``reference``."""
    if reference is None:
        return None
    ref = reference.date() if isinstance(reference, datetime) else reference
    for year in (ref.year, ref.year - 1):
        try:
            if date(year, month, day) <= ref + timedelta(days=1):
                return year
        except ValueError:
            continue
    return None


def find_dates(
    text: str, tz: str | None, reference: datetime | date | None = None, cjk: bool | None = None
) -> list[DateMatch]:
    """Every full date in ``text`` in page order; year-less forms only when no full date is present."""
    cjk = bool(_CJK.search(text)) if cjk is None else cjk
    found: list[DateMatch] = []
    patterns = _FULL + ([_YY] if cjk else [])
    for pattern in patterns:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            year = _num(groups["y"]) + (2000 if pattern is _YY else 0)
            iso = _build(groups, year, tz)
            if iso and not any(f.start <= match.start() < f.start + len(f.raw) for f in found):
                found.append(DateMatch(iso, match.group(0).strip(), match.start()))
    if not found:
        for pattern in _YEARLESS:
            for match in pattern.finditer(text):
                groups = match.groupdict()
                guess = _year_for(_num(groups["m"]), _num(groups["d"]), reference)
                iso = _build(groups, guess, tz) if guess else None
                if iso:
                    found.append(DateMatch(iso, match.group(0).strip(), match.start()))
    return sorted(found, key=lambda m: m.start)


def search_date(
    text: str, tz: str | None, reference: datetime | date | None = None, cjk: bool | None = None
) -> DateMatch | None:
    """The best date in a line or block: one after a publish label such as 发布时间： first, else the first one
    not after an update label (更新时间, Updated), else the first one."""
    matches = find_dates(text, tz, reference, cjk)
    if not matches:
        return None
    labels = list(_LABEL.finditer(text))
    published = {m.end() for m in labels if not _UPDATE.match(m.group(1))}
    updated = {m.end() for m in labels if _UPDATE.match(m.group(1))}
    for match in matches:
        if match.start in published:
            return match
    return next((m for m in matches if m.start not in updated), matches[0])


def labelled_date(
    text: str, tz: str | None, reference: datetime | date | None = None, cjk: bool | None = None
) -> DateMatch | None:
    """The first date that directly follows a publish label (发布时间：, 发表于, Published ...), or None."""
    labelled = {m.end() for m in _LABEL.finditer(text)}
    if not labelled:
        return None
    return next((m for m in find_dates(text, tz, reference, cjk) if m.start in labelled), None)


def parse_date(raw: str, tz: str | None, reference: datetime | date | None = None) -> str | None:
    """Parse one date string (with or without label or time) to ISO 8601 with offset, or None."""
    if not raw:
        return None
    match = search_date(raw.strip(), tz, reference)
    return match.iso if match else None


_SCHEME_HOST = re.compile(r"^[a-z]+://[^/]+", re.IGNORECASE)


def url_date(url: str) -> date | None:
    """The publish date encoded in an article URL path (/2017/1219/, /20171219/, t20200921_ ...)."""
    path = _SCHEME_HOST.sub("", url.split("?")[0].split("#")[0])
    for pattern in _URL_PATTERNS:
        match = pattern.search(path)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
    return None


_REL_UNITS = {
    "秒": 1,
    "分钟": 60,
    "分": 60,
    "小时": 3600,
    "个小时": 3600,
    "天": 86400,
    "日": 86400,
    "周": 604800,
    "星期": 604800,
    "个星期": 604800,
    "second": 1,
    "minute": 60,
    "min": 60,
    "hour": 3600,
    "hr": 3600,
    "day": 86400,
    "week": 604800,
}
_AGO = re.compile(
    r"(?P<n>\d{1,3})\s*(?P<zh>秒钟?|分钟|小时|个小时|天|日|周|个?星期)前"
    r"|\b(?P<en_n>\d{1,3}|an?|one)\s+(?P<en>second|minute|min|hour|hr|day|week)s?\s+ago\b",
    re.IGNORECASE,
)
_DAY_WORD = re.compile(
    r"(?P<word>刚刚|今天|今日|昨天|昨日|前天|just now|today|yesterday)"
    r"(?:\s*(?:at\s*)?(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2})(?:\s*(?P<ap>[ap]\.?m\.?))?)?",
    re.IGNORECASE,
)
_DAYS_BACK = {"今天": 0, "今日": 0, "today": 0, "昨天": 1, "昨日": 1, "yesterday": 1, "前天": 2}


def relative_date(text: str, now: datetime, tz: str | None) -> DateMatch | None:
    """A relative date (3小时前, 昨天 10:30, 刚刚, "2 hours ago", "yesterday") resolved against ``now``.

    ``now`` is the crawl time; a naive value is taken as UTC. "3 hours ago" and 刚刚 name an instant: local
    to ``tz``, else in UTC. A day word gives a date alone, or with the time shown: local to ``tz``, else a naive
    time (the zone is unknown; the day is then counted in UTC).
    """
    aware = now if now.tzinfo else now.replace(tzinfo=ZoneInfo("UTC"))
    local = aware.astimezone(ZoneInfo(tz or "UTC"))
    ago = _AGO.search(text)
    if ago:
        unit = (ago["zh"] or ago["en"]).lower().removesuffix("钟")
        count = ago["n"] or ago["en_n"]
        number = int(count) if count.isdigit() else 1
        value = local - timedelta(seconds=number * _REL_UNITS[unit])
        value = value.replace(second=0, microsecond=0)
        return DateMatch(value.isoformat(), ago.group(0), ago.start())
    word = _DAY_WORD.search(text)
    if not word:
        return None
    key = word["word"].lower()
    if key in ("刚刚", "just now"):
        return DateMatch(local.replace(second=0, microsecond=0).isoformat(), word.group(0), word.start())
    day = local - timedelta(days=_DAYS_BACK[key])
    if not word["H"]:
        return DateMatch(day.date().isoformat(), word.group(0).strip(), word.start())
    hour, minute = int(word["H"]), int(word["M"])
    if (word["ap"] or "").lower().startswith("p") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    value = day.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if not tz:
        value = value.replace(tzinfo=None)
    return DateMatch(value.isoformat(), word.group(0).strip(), word.start())


def crawl_time(fetched_at: str | None) -> datetime | None:
    """The crawl time as an aware datetime (naive values are UTC), or None when absent or unreadable."""
    if not fetched_at:
        return None
    try:
        value = datetime.fromisoformat(fetched_at)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=ZoneInfo("UTC"))
