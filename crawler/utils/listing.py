"""Dates listed by sitemaps, feeds and list pages (for newest-first order and --since) and schedule strings.

See README § Scheduled jobs. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_SPAN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


@dataclass(frozen=True)
class ListedDate:
    """A listed date: its calendar day, an ISO 8601 form (date or date-time) and the raw text."""

    day: date
    iso: str
    raw: str


def parse_listed(raw: Any) -> ListedDate | None:
    """Parse a sitemap ``lastmod``/``news:publication_date``, a feed ``pubDate`` or ``YYYY-MM-DD``."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    if len(text) > 10:
        return _moment(text)
    match = _DAY.match(text)
    if match:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
        return ListedDate(day, day.isoformat(), text)
    return None


def _moment(text: str) -> ListedDate | None:
    try:
        moment = datetime.fromisoformat(text)
        return ListedDate(moment.date(), moment.isoformat(), text)
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return ListedDate(moment.date(), moment.isoformat(), text)
    except (TypeError, ValueError, IndexError):
        pass
    return parse_listed(text[:10]) if _DAY.match(text) else None


def parse_schedule(text: str) -> tuple[timedelta, ...]:
    """``"1h,6h,1d,7d"`` -> the delays before each refresh (then never); empty text: no refresh."""
    spans = []
    for part in (p for p in text.split(",") if p.strip()):
        match = _SPAN.match(part)
        if not match:
            raise ValueError(f"refresh schedule: {part.strip()!r} is not a span like 30m, 6h, 1d or 2w")
        spans.append(timedelta(seconds=float(match[1]) * _UNITS[match[2].lower()]))
    return tuple(spans)
