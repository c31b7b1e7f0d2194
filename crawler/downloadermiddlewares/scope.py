"""Downloader middleware that keeps requests on the crawl's origins (scheme, host and port).

See README § Crawling.
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

logger = logging.getLogger(__name__)


class OriginScopeMiddleware:
    """Drop requests (including redirects) outside the spider's scope of origins and domains.

    Scrapy's offsite filter compares host names only; this one also compares scheme and port.
    robots.txt requests are let through (they are per origin by construction).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OriginScopeMiddleware:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        """Raise IgnoreRequest for an out-of-scope URL."""
        scope = getattr(self.crawler.spider, "scope", None)
        if scope is None or request.url.endswith("/robots.txt") or scope.allows(request.url):
            return
        if self.crawler.stats:
            self.crawler.stats.inc_value("archive/scope/offsite")
        logger.debug("Out of scope, not fetched: %s", request.url)
        raise IgnoreRequest(f"out of scope: {request.url}")
