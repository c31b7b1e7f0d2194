"""Redirect audit: log and count redirects that Scrapy would drop quietly (no Location, other schemes,
other origins, too many hops). See README § Limits and safety and reliability-checklist §4.2.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def redirect_problem(
    request: Request, response: Response, max_times: int, scope: object = None
) -> str | None:
    """Why a redirect response must not be followed: ``no_location``, ``bad_scheme``, ``max_reached``,
    ``offsite``; None when it may be."""
    location = response.headers.get(b"Location")
    if not location or not location.strip():
        return "no_location"
    target = urljoin(request.url, location.decode("latin-1").strip())
    if urlsplit(target).scheme.lower() not in ("http", "https"):
        return "bad_scheme"
    if request.meta.get("redirect_times", 0) >= max_times:
        return "max_reached"
    allows = getattr(scope, "allows", None)
    if allows is not None and not allows(target):
        return "offsite"
    return None


class RedirectAuditMiddleware:
    """Runs before RedirectMiddleware (order 610): each refused redirect logs a WARNING and counts
    ``archive/redirect/<reason>``; the response is dropped (a redirect without Location passes on to
    HttpErrorMiddleware, which drops it)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_times = crawler.settings.getint("REDIRECT_MAX_TIMES")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """Return the response, or raise IgnoreRequest for a redirect that must not be followed."""
        if response.status not in REDIRECT_STATUSES or request.meta.get("dont_redirect"):
            return response
        scope = getattr(self.crawler.spider, "scope", None)
        reason = redirect_problem(request, response, self.max_times, scope)
        if reason is None:
            return response
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archive/redirect/{reason}")
        location = (response.headers.get(b"Location") or b"").decode("latin-1")[:200]
        logger.warning("Redirect not followed (%s): %s -> %r", reason, request.url, location)
        if reason == "no_location":
            return response
        raise IgnoreRequest(f"redirect {reason}: {request.url}")
