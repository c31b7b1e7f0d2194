"""robots.txt the RFC 9309 way: 2xx is parsed, 4xx allows all, 5xx or unreachable disallows all for a while.

Replaces Scrapy's RobotsTxtMiddleware (which allows everything when robots.txt fails). See README
§ Limits and safety and reliability-checklist §4.2.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)

ALLOW_ALL = "allow"
DISALLOW_ALL = "disallow"


class RobotsPolicy:
    """What one origin's robots.txt said: a parser, allow-all or disallow-all (until ``expires``)."""

    def __init__(self, parser: RobotParser | str, expires: float = float("inf")) -> None:
        self.parser = parser
        self.expires = expires

    def allows(self, url: str, useragent: str | bytes) -> bool:
        """Return True when ``url`` may be fetched."""
        if self.parser == ALLOW_ALL:
            return True
        if self.parser == DISALLOW_ALL:
            return False
        assert not isinstance(self.parser, str)
        return bool(self.parser.allowed(url, useragent))


class RobotsPolicyMiddleware:
    """Obey robots.txt (ROBOTSTXT_OBEY); an unreachable robots.txt means "disallow all" (RFC 9309 §2.3.1.4).

    A 5xx answer or a failed fetch (timeout, reset) blocks the origin for ARCHIVE_ROBOTS_RECHECK seconds,
    after which robots.txt is fetched again. robots.txt is fetched without retries and with a timeout of
    at most ARCHIVE_ROBOTS_TIMEOUT. Counters: ``archive/robots/forbidden``, ``archive/robots/unreachable``,
    ``archive/robots/missing`` (4xx, allow all).
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.useragent: str = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT") or "*"
        self.recheck = settings.getfloat("ARCHIVE_ROBOTS_RECHECK", 600.0)
        self.timeout = min(
            settings.getfloat("ARCHIVE_ROBOTS_TIMEOUT", 10.0), settings.getfloat("DOWNLOAD_TIMEOUT")
        )
        self.parser_class = load_object(settings.get("ROBOTSTXT_PARSER"))
        self.policies: dict[str, RobotsPolicy | Deferred[RobotsPolicy]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def _inc(self, event: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archive/robots/{event}")

    async def process_request(self, request: Request) -> None:
        """Raise IgnoreRequest when robots.txt (or its absence through a server error) forbids the URL."""
        parts = urlsplit(request.url)
        if request.meta.get("dont_obey_robotstxt") or parts.scheme not in ("http", "https"):
            return
        if parts.path == "/robots.txt":
            return
        policy = await self.policy_for(f"{parts.scheme}://{parts.netloc}")
        if not policy.allows(request.url, self.useragent):
            self._inc("forbidden")
            logger.info("Forbidden by robots.txt: %s", request.url)
            raise IgnoreRequest(f"forbidden by robots.txt: {request.url}")

    async def policy_for(self, origin: str) -> RobotsPolicy:
        """The policy of ``origin``, fetching robots.txt when unknown or expired."""
        known = self.policies.get(origin)
        if isinstance(known, Deferred):
            # One Deferred per waiter: awaiting the shared one would hand later waiters None.
            mine: Deferred[RobotsPolicy] = Deferred()
            known.addCallback(_relay, mine)
            return await maybe_deferred_to_future(mine)
        if known is not None and known.expires > time.monotonic():
            return known
        waiting: Deferred[RobotsPolicy] = Deferred()
        self.policies[origin] = waiting
        policy = await self._fetch(origin)
        self.policies[origin] = policy
        waiting.callback(policy)
        return policy

    async def _fetch(self, origin: str) -> RobotsPolicy:
        request = Request(
            f"{origin}/robots.txt",
            priority=1000,
            callback=NO_CALLBACK,
            meta={"dont_obey_robotstxt": True, "dont_retry": True, "download_timeout": self.timeout},
        )
        assert self.crawler.engine is not None
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as exc:  # noqa: BLE001 - any failure means "unreachable"
            return self._unreachable(origin, type(exc).__name__)
        return self.policy_from_response(origin, response)

    def policy_from_response(self, origin: str, response: Response) -> RobotsPolicy:
        """Turn a robots.txt response into a policy (RFC 9309 §2.3.1)."""
        if response.status >= 500:
            return self._unreachable(origin, f"HTTP {response.status}")
        if response.status >= 400:
            self._inc("missing")
            logger.info("robots.txt of %s answered %d: everything allowed", origin, response.status)
            return RobotsPolicy(ALLOW_ALL)
        if response.status >= 300:
            return self._unreachable(origin, f"HTTP {response.status} without a usable redirect")
        return RobotsPolicy(build_from_crawler(self.parser_class, self.crawler, response.body))

    def _unreachable(self, origin: str, reason: str) -> RobotsPolicy:
        self._inc("unreachable")
        logger.warning(
            "robots.txt of %s unreachable (%s): nothing fetched there for %.0fs", origin, reason, self.recheck
        )
        return RobotsPolicy(DISALLOW_ALL, time.monotonic() + self.recheck)


def _relay(policy: RobotsPolicy, target: Deferred[RobotsPolicy]) -> RobotsPolicy:
    """Pass a fetched policy to one more waiter and on down the shared chain."""
    target.callback(policy)
    return policy
