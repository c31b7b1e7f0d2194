"""Request identity: the fingerprinter on the canonical URL, and the dupefilter that counts redirect loops.

See README § Limits and safety. ``crawler.urls.canonicalize`` strips tracking and session ids, so
``/a.html;jsessionid=1`` and ``/a.html?utm_source=x`` are one request (reliability-checklist §4.3, §4.4).
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.dupefilters import RFPDupeFilter

from crawler.urls import url_key as canonicalize

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def crawl_dupefilter(crawler: Crawler) -> LoopCountingDupeFilter | None:
    """The running crawl's LoopCountingDupeFilter (Scrapy's scheduler holds it as ``df``), or None."""
    try:
        scheduler = getattr(crawler.engine, "scheduler", None)
    except RuntimeError:  # no engine yet: nothing was requested
        return None
    dupefilter = getattr(scheduler, "df", None)
    return dupefilter if isinstance(dupefilter, LoopCountingDupeFilter) else None


def already_requested(crawler: Crawler, request: Request) -> bool:
    """True when the crawl's dupefilter has already let a request for the same page through.

    A read-only look (the request is not recorded), so spider middlewares can drop a link to a seen page
    before doing any work for it; False for ``dont_filter`` requests and without a LoopCountingDupeFilter.
    """
    dupefilter = crawl_dupefilter(crawler)
    return not request.dont_filter and dupefilter is not None and dupefilter.has_seen(request)


def url_requested(crawler: Crawler, url: str) -> bool:
    """``already_requested`` for a plain GET of ``url``, without building the Request (link discovery)."""
    dupefilter = crawl_dupefilter(crawler)
    if dupefilter is None:
        return False
    if isinstance(dupefilter.fingerprinter, CanonicalRequestFingerprinter):
        return dupefilter.has_seen_fingerprint(_get_fingerprint(url))
    return dupefilter.has_seen(Request(url))  # another fingerprinter: ask it


#: URLs whose GET fingerprint is remembered.
FINGERPRINT_CACHE = 4096


@lru_cache(maxsize=FINGERPRINT_CACHE)
def _get_fingerprint(url: str) -> bytes:
    return url_fingerprint(url)


def request_fingerprint(request: Request) -> bytes:
    """``canonical_fingerprint``, from the bounded cache for a GET without a body."""
    if request.method == "GET" and not request.body:
        return _get_fingerprint(request.url)
    return canonical_fingerprint(request)


def url_fingerprint(url: str) -> bytes:
    """The fingerprint of a GET request for ``url`` without a body (``canonical_fingerprint``)."""
    return hashlib.sha1(b"GET\n" + canonicalize(url).encode("utf-8", "surrogatepass") + b"\n",
                        usedforsecurity=False).digest()  # fmt: skip


def canonical_fingerprint(request: Request) -> bytes:
    """SHA-1 of the method, the canonical URL (``url_key``) and the body."""
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(request.method.encode("ascii", "replace"))
    digest.update(b"\n")
    digest.update(canonicalize(request.url).encode("utf-8", "surrogatepass"))
    digest.update(b"\n")
    digest.update(request.body or b"")
    return digest.digest()


class CanonicalRequestFingerprinter:
    """REQUEST_FINGERPRINTER_CLASS: two requests are the same when their canonical URLs are."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the fingerprinter for a crawler."""
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        """Return the fingerprint of ``request`` (a GET without a body from a bounded cache by URL).

        Not a cache per Request object: a 50,000-entry sitemap keeps 50,000 requests queued, and a weak
        dictionary entry for each cost about 15 MB. A request's fingerprint is asked for a few times
        within moments (the incremental middleware's look, the dupefilter), so a small cache by URL serves.
        """
        return request_fingerprint(request)


class LoopCountingDupeFilter(RFPDupeFilter):
    """RFPDupeFilter that logs and counts a redirect that lands on an already seen URL (a loop).

    Counter: ``archive/redirect/loop``.
    """

    crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the dupefilter and keep the crawler for its stats."""
        dupefilter = super().from_crawler(crawler)
        dupefilter.crawler = crawler
        return dupefilter

    def has_seen(self, request: Request) -> bool:
        """True when ``request_seen`` already recorded a request for the same page (records nothing)."""
        seen = getattr(self, "_fingerprints", None)  # RFPDupeFilter's set; without it, never claim a page
        return seen is not None and self._fingerprint(request) in seen

    def has_seen_fingerprint(self, fingerprint: bytes) -> bool:
        """True when a request with this fingerprint was recorded (records nothing)."""
        seen = getattr(self, "_fingerprints", None)
        return seen is not None and fingerprint in seen

    def request_seen(self, request: Request) -> bool:
        """Return True for a seen request; a seen redirect target is a loop."""
        seen = super().request_seen(request)
        if seen and request.meta.get("redirect_times"):
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("archive/redirect/loop")
            logger.info(
                "Redirect loop stopped at %s (after %s)", request.url, request.meta.get("redirect_urls")
            )
        return seen
