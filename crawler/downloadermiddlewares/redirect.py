"""Redirect audit: log and count redirects and meta refreshes that Scrapy would drop quietly (no Location,
other schemes, other origins, too many hops, loops), and keep credentials on their origin.

See README § Limits and safety and reliability-checklist §4.2.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.response import get_meta_refresh

from crawler.urls import canonicalize, origin

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
    return target_problem(request, urljoin(request.url, location.decode("latin-1").strip()), max_times, scope)


def target_problem(request: Request, target: str, max_times: int, scope: object = None) -> str | None:
    """Why ``request`` must not be redirected to the absolute URL ``target``, or None."""
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


class MetaRefreshAuditMiddleware:
    """Runs just before MetaRefreshMiddleware (order 582): a meta refresh that would be followed (delay
    under METAREFRESH_MAXDELAY) is refused when it points to another scheme (``bad_scheme``) or origin
    (``offsite``), back to a URL of its own chain (``loop``), or past REDIRECT_MAX_TIMES hops, which meta
    refreshes share with redirects (``max_reached``). Each refusal logs a WARNING and counts
    ``archive/metarefresh/<reason>``; the page is dropped."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.enabled = settings.getbool("METAREFRESH_ENABLED") and settings.getbool("REDIRECT_ENABLED")
        self.max_times = settings.getint("REDIRECT_MAX_TIMES")
        self.max_delay = settings.getfloat("METAREFRESH_MAXDELAY")
        self.ignore_tags = settings.getlist("METAREFRESH_IGNORE_TAGS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """Return the response, or raise IgnoreRequest for a meta refresh that must not be followed."""
        if not self.enabled or request.meta.get("dont_redirect") or request.method == "HEAD":
            return response
        if not isinstance(response, HtmlResponse):
            return response
        delay, target = get_meta_refresh(response, ignore_tags=self.ignore_tags)
        if target is None or delay is None or delay >= self.max_delay:
            return response
        scope = getattr(self.crawler.spider, "scope", None)
        reason = target_problem(request, target, self.max_times, scope)
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if reason is None and canonicalize(target) in {canonicalize(url) for url in chain}:
            reason = "loop"
        if reason is None:
            return response
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archive/metarefresh/{reason}")
        logger.warning("Meta refresh not followed (%s): %s -> %r", reason, request.url, target[:200])
        raise IgnoreRequest(f"meta refresh {reason}: {request.url}")


#: Headers that belong to the origin they were set for.
CREDENTIAL_HEADERS = (b"Authorization", b"Cookie")


class CredentialScopeMiddleware:
    """Late in the request chain (order 750, after default headers and cookies): a redirected request
    to another origin (scheme, host or port) than the one its chain started on loses its Authorization
    and Cookie headers. Scrapy drops Authorization on such hops but keeps Cookie across ports (and on
    http -> https), and DEFAULT_REQUEST_HEADERS would add both back. Counter
    ``archive/redirect/credentials_dropped``, one INFO line."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        """Remove credential headers from a cross-origin redirect."""
        chain = request.meta.get("redirect_urls")
        if not chain or origin(chain[0]) == origin(request.url):
            return
        dropped = [
            name.decode() for name in CREDENTIAL_HEADERS if request.headers.pop(name, None) is not None
        ]
        if not dropped:
            return
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("archive/redirect/credentials_dropped")
        logger.info("Dropped %s on a redirect from %s to %s", ", ".join(dropped), chain[0], request.url)
