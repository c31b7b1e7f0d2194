"""Back-off retry: Retry-After, exponential delays, host cool-down, bounded attempts."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import DownloadTimeoutError
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.downloadermiddlewares.retry import (
    NOT_BEFORE,
    BackoffRetryMiddleware,
    backoff_delay,
    parse_retry_after,
)


@pytest.fixture
def mw():
    crawler = get_crawler(settings_dict={"RETRY_TIMES": 2, "ARCHIVE_RETRY_BACKOFF_BASE": 1.0})
    crawler.stats.open_spider()
    return BackoffRetryMiddleware.from_crawler(crawler)


def test_retry_after_seconds_and_dates():
    assert parse_retry_after(b"3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after(b"soon") is None


def test_backoff_doubles_up_to_the_cap():
    assert [backoff_delay(n, 2.0, 10.0) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 10.0]


def test_429_waits_at_least_retry_after_and_cools_the_host_down(mw):
    request = Request("http://h:81/a")
    retry = mw.process_response(request, Response(request.url, status=429, headers={"Retry-After": "3"}))
    assert isinstance(retry, Request)
    assert mw.wait_for(retry) >= 2.9
    assert mw.wait_for(Request("http://h:81/other")) >= 2.9
    assert mw.wait_for(Request("http://elsewhere/")) == 0
    assert mw.crawler.stats.get_value("archive/retry/cooldown") == 1


def test_gives_up_after_retry_times_and_returns_the_response(mw):
    request = Request("http://h/a", meta={"retry_times": 2})
    response = Response(request.url, status=500)
    assert mw.process_response(request, response) is response
    assert mw.crawler.stats.get_value("archive/retry/gave_up") == 1


def test_timeouts_are_retried_with_a_delay(mw):
    retry = mw.process_exception(Request("http://h/a"), DownloadTimeoutError("slow"))
    assert retry is not None
    assert retry.meta["retry_times"] == 1
    assert retry.meta[NOT_BEFORE] > 0
    assert retry.dont_filter


def test_dont_retry_is_respected(mw):
    request = Request("http://h/a", meta={"dont_retry": True})
    response = Response(request.url, status=503)
    assert mw.process_response(request, response) is response
