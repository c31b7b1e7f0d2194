"""The crawl summary names every trap guard that dropped something, with its count."""

from __future__ import annotations

from crawler.extensions.runs import format_summary, summarize

STATS = {
    "response_received_count": 12,
    "archive/guard/depth_limit": 3,
    "archive/guard/pagination_exhausted": 1,
    "archive/guard/offsite_link": 40,
    "archive/guard/session_id": 2,
    "finish_reason": "finished",
}


def test_every_guard_that_dropped_something_is_named_with_its_count():
    summary = summarize(STATS)
    assert summary["guards"] == {"depth_limit": 3, "offsite_link": 40, "pagination_exhausted": 1}
    assert "trap guards: depth_limit 3, offsite_link 40, pagination_exhausted 1" in format_summary(summary)


def test_a_crawl_without_guard_drops_says_so():
    text = format_summary(summarize({"response_received_count": 1, "archive/guard/session_id": 4}))
    assert "trap guards: none" in text
