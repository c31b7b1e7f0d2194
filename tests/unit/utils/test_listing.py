"""crawler.listing: listed dates and refresh schedules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crawler.utils.listing import parse_listed, parse_schedule


@pytest.mark.parametrize(
    ("raw", "day", "iso"),
    [
        ("2024-03-15", date(2024, 3, 15), "2024-03-15"),
        ("2024-03-15T09:30:00+08:00", date(2024, 3, 15), "2024-03-15T09:30:00+08:00"),
        ("Fri, 15 Mar 2024 09:00:00 +0000", date(2024, 3, 15), "2024-03-15T09:00:00+00:00"),
        ("2024-3-5", date(2024, 3, 5), "2024-03-05"),
    ],
)
def test_parses_sitemap_feed_and_plain_dates(raw, day, iso):
    listed = parse_listed(raw)
    assert (listed.day, listed.iso, listed.raw) == (day, iso, raw)


@pytest.mark.parametrize("raw", [None, "", "yesterday", "2024-02-30", 20240101])
def test_refuses_what_is_not_a_date(raw):
    assert parse_listed(raw) is None


def test_schedule_spans():
    assert parse_schedule("1h, 6h,1d,2w,30m,0s") == (
        timedelta(hours=1),
        timedelta(hours=6),
        timedelta(days=1),
        timedelta(weeks=2),
        timedelta(minutes=30),
        timedelta(0),
    )
    assert parse_schedule("") == ()
    with pytest.raises(ValueError, match="'soon'"):
        parse_schedule("1h,soon")
