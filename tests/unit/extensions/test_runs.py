"""Crawl summary and progress line (crawler.extensions)."""

from __future__ import annotations

from crawler.extensions.runs import format_summary, summarize

STATS = {
    "response_received_count": 27,
    "archive/store/new": 13,
    "archive/store/unchanged": 2,
    "archive/store/duplicate_content": 1,
    "archive/validate/dropped/soft_404": 2,
    "archive/validate/dropped/body_too_short": 1,
    "log_count/ERROR": 0,
    "finish_reason": "finished",
}


def test_summary_counts_pages_outcomes_and_drop_reasons():
    summary = summarize(STATS)
    assert summary["pages_fetched"] == 27
    assert (summary["articles_new"], summary["articles_duplicate"]) == (13, 1)
    assert summary["dropped"] == {"body_too_short": 1, "soft_404": 2}


def test_summary_text_names_every_figure():
    text = format_summary(summarize(STATS))
    assert "pages fetched: 27" in text
    assert "new 13" in text
    assert "soft_404 2" in text
    assert "finish reason: finished" in text
