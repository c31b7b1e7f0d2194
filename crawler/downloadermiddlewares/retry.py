"""Retry with exponential back-off, Retry-After and a per-host cool-down; replaces Scrapy's RetryMiddleware.

See README § Limits and safety and reliability-checklist §4.1 (429, 5xx bursts, resets, timeouts).
"""

from __future__ import annotations

import logging
import time
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import load_object
from twisted.internet.task import deferLater

from crawler.urls import origin

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Statuses that put the whole host on a cool-down, not just the URL (the server says it is overloaded).
HOST_STATUSES = frozenset({429, 503})
NOT_BEFORE = "archive_not_before"


def parse_retry_after(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None when absent/invalid."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff_delay(attempt: int, base: float, cap: float) -> float:
    """Delay before retry number ``attempt`` (1-based): ``base * 2**(attempt-1)``, at most ``cap``."""
    return float(min(cap, base * 2 ** max(0, attempt - 1)))


class BackoffRetryMiddleware:
    """Retry RETRY_HTTP_CODES and RETRY_EXCEPTIONS at most RETRY_TIMES times, spaced out.

    The wait before retry n is ``ARCHIVE_RETRY_BACKOFF_BASE * 2**(n-1)`` (at most ARCHIVE_RETRY_BACKOFF_MAX),
    or the server's Retry-After when longer (at most ARCHIVE_RETRY_AFTER_MAX). A 429 or 503 also puts the
    host on a cool-down: no request goes to it until the wait is over, and consecutive strikes on the
    host lengthen it (a circuit breaker). Counters: ``archive/retry/scheduled``, ``archive/retry/gave_up``,
    ``archive/retry/cooldown``, ``archive/retry/waited``.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        self.crawler = crawler
        self.max_retries = settings.getint("RETRY_TIMES")
        self.codes = frozenset(int(code) for code in settings.getlist("RETRY_HTTP_CODES"))
        self.exceptions = tuple(
            load_object(exc) if isinstance(exc, str) else exc for exc in settings.getlist("RETRY_EXCEPTIONS")
        )
        self.base = settings.getfloat("ARCHIVE_RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("ARCHIVE_RETRY_BACKOFF_MAX", 120.0)
        self.retry_after_max = settings.getfloat("ARCHIVE_RETRY_AFTER_MAX", 600.0)
        self.priority_adjust = settings.getint("RETRY_PRIORITY_ADJUST")
        self.cooldown_until: dict[str, float] = {}
        self.strikes: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def _inc(self, event: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archive/retry/{event}")

    def wait_for(self, request: Request, now: float | None = None) -> float:
        """Seconds ``request`` must still wait: its own retry delay or its host's cool-down."""
        now = time.monotonic() if now is None else now
        not_before = max(request.meta.get(NOT_BEFORE, 0.0), self.cooldown_until.get(origin(request.url), 0.0))
        return float(min(max(0.0, not_before - now), max(self.cap, self.retry_after_max)))

    async def process_request(self, request: Request) -> None:
        """Hold the request until its retry delay and its host's cool-down are over."""
        wait = self.wait_for(request)
        if wait > 0:
            from twisted.internet import reactor  # imported late: the crawler installs the reactor

            self._inc("waited")
            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))

    def process_response(self, request: Request, response: Response) -> Request | Response:
        """Retry a retryable status after its delay; otherwise reset the host's strikes."""
        host = origin(request.url)
        if response.status not in self.codes or request.meta.get("dont_retry"):
            if response.status < 400:
                self.strikes.pop(host, None)
            return response
        attempt = request.meta.get("retry_times", 0) + 1
        delay = backoff_delay(attempt, self.base, self.cap)
        retry_after = parse_retry_after(response.headers.get(b"Retry-After"))
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.retry_after_max))
        if response.status in HOST_STATUSES:
            self._cool_down(host, delay)
        return self._retry(request, f"HTTP {response.status}", delay) or response

    def process_exception(self, request: Request, exception: Exception) -> Request | None:
        """Retry a retryable download error (timeout, reset, data loss) after a back-off delay."""
        if not isinstance(exception, self.exceptions) or request.meta.get("dont_retry"):
            return None
        attempt = request.meta.get("retry_times", 0) + 1
        reason = type(exception).__name__
        return self._retry(request, reason, backoff_delay(attempt, self.base, self.cap))

    def _cool_down(self, host: str, delay: float) -> None:
        strikes = self.strikes.get(host, 0) + 1
        self.strikes[host] = strikes
        wait = max(delay, backoff_delay(strikes, self.base, self.cap))
        self.cooldown_until[host] = max(self.cooldown_until.get(host, 0.0), time.monotonic() + wait)
        self._inc("cooldown")
        logger.info("Host %s cooling down for %.1fs (strike %d)", host, wait, strikes)

    def _retry(self, request: Request, reason: str, delay: float) -> Request | None:
        attempt = request.meta.get("retry_times", 0) + 1
        max_retries = request.meta.get("max_retry_times", self.max_retries)
        if attempt > max_retries:
            self._inc("gave_up")
            logger.warning("Gave up on %s after %d attempts: %s", request.url, attempt, reason)
            return None
        retry = request.copy()
        retry.meta["retry_times"] = attempt
        retry.meta[NOT_BEFORE] = time.monotonic() + delay
        retry.dont_filter = True
        retry.priority = request.priority + self.priority_adjust
        self._inc("scheduled")
        logger.info(
            "Retrying %s in %.1fs (retry %d of %d): %s", request.url, delay, attempt, max_retries, reason
        )
        return retry
