"""Depth of every request: a list's own next pages are no deeper, and an article starts the count of hub hops afresh.

Spider middleware that takes the place of Scrapy's DepthMiddleware (order 900). See README § Limits and safety.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.http import Response
from scrapy.spidermiddlewares.depth import DepthMiddleware as ScrapyDepthMiddleware

from crawler.items import Article
from crawler.spidermiddlewares.shapes import continues
from crawler.utils.aliases import NOT_LINKED
from crawler.utils.response import is_feed_response

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: ``request.meta`` key: links followed in a row through pages that are not articles.
HUB_DEPTH = "hub_depth"


class DepthMiddleware(ScrapyDepthMiddleware):
    """Scrapy's depth bookkeeping (``meta["depth"]``, DEPTH_LIMIT, DEPTH_PRIORITY, depth stats), with two rules.

    * A link to another page of the page's own list (``shapes.continues``: the same URL but for the page
      number, up to ARCHIVE_MAX_PAGE_NUMBER) is as deep as the page: a list of 50 pages is one hop deep.
    * ``meta["hub_depth"]`` counts the links followed in a row through pages that are not articles, from a
      start page or from an article (an article page's links have hub depth 1). Above
      ARCHIVE_MAX_HUB_DEPTH a request is dropped: trap pages (calendars, generated lists) never lead to an
      article, real list pages do within a few hops.

    A request dropped by either limit counts ``archive/guard/depth_limit``; the first drop of each limit
    logs one INFO line naming its setting. Scrapy's ``depth_reset`` meta key still gives depth 0.
    """

    def __init__(
        self,
        maxdepth: int,
        stats: Any,
        verbose_stats: bool = False,
        prio: int = 1,
        max_hub_depth: int = 0,
        max_page: int = 0,
    ) -> None:
        super().__init__(maxdepth, stats, verbose_stats, prio)
        self.max_hub_depth = max_hub_depth
        self.max_page = max_page
        self._logged: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware from DEPTH_* and ARCHIVE_MAX_HUB_DEPTH."""
        settings = crawler.settings
        middleware = cls(
            settings.getint("DEPTH_LIMIT"),
            crawler.stats,
            settings.getbool("DEPTH_STATS_VERBOSE"),
            settings.getint("DEPTH_PRIORITY"),
            settings.getint("ARCHIVE_MAX_HUB_DEPTH", 5),
            settings.getint("ARCHIVE_MAX_PAGE_NUMBER", 200),
        )
        middleware.crawler = crawler
        return middleware

    def process_spider_output(  # type: ignore[override]
        self, response: Response | None, result: Iterable[Any]
    ) -> Iterator[Any]:
        """Set the depths of a page's requests (its output is read whole: is the page an article?)."""
        if response is None:
            yield from result
            return
        self._init_depth(response)
        if is_feed_response(response):
            yield from self._each(response, result, article=False)
            return
        outputs = list(result)
        yield from list(self._each(response, outputs, article=_has_article(outputs)))

    async def process_spider_output_async(  # type: ignore[override]
        self, response: Response | None, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        """Async twin of ``process_spider_output``."""
        if response is None:
            async for output in result:
                yield output
            return
        self._init_depth(response)
        if is_feed_response(response):
            async for output in result:
                for kept in self._each(response, (output,), article=False):
                    yield kept
            return
        outputs = [output async for output in result]
        for kept in list(self._each(response, outputs, article=_has_article(outputs))):
            yield kept

    def _each(self, response: Response, outputs: Iterable[Any], *, article: bool) -> Iterator[Any]:
        for output in outputs:
            if not isinstance(output, Request) or self._place(output, response, article) is not None:
                yield output

    def _place(self, request: Request, response: Response, article: bool) -> Request | None:
        """Give ``request`` its depth and hub depth; None when a limit drops it."""
        if request.meta.pop("depth_reset", False):
            depth, hub_depth = 0, 0
        else:
            same_list = not request.meta.get(NOT_LINKED) and continues(
                response.url, request.url, self.max_page
            )
            step = 0 if same_list else 1
            depth = response.meta["depth"] + step
            hub_depth = (0 if article else response.meta.get(HUB_DEPTH, 0)) + step
        request.meta["depth"] = depth
        request.meta[HUB_DEPTH] = hub_depth
        if self.prio:
            request.priority -= depth * self.prio
        if self.maxdepth and depth > self.maxdepth:
            self.stats.inc_value("depth/request_ignored_count")
            self._drop(request, response, "DEPTH_LIMIT", self.maxdepth, "link depth")
            return None
        if self.max_hub_depth and hub_depth > self.max_hub_depth:
            self._drop(
                request, response, "ARCHIVE_MAX_HUB_DEPTH", self.max_hub_depth, "hops without an article"
            )
            return None
        if self.verbose_stats:
            self.stats.inc_value(f"request_depth_count/{depth}")
        self.stats.max_value("request_depth_max", depth)
        return request

    def _drop(self, request: Request, response: Response, setting: str, limit: int, what: str) -> None:
        self.stats.inc_value("archive/guard/depth_limit")
        if setting not in self._logged:
            self._logged.add(setting)
            logger.info(
                "Depth limit (%s %d, %s) reached at %s: %s and deeper links are not followed "
                "(archive/guard/depth_limit)",
                setting,
                limit,
                what,
                response.url,
                request.url,
            )


def _has_article(outputs: list[Any]) -> bool:
    return any(isinstance(output, Article) for output in outputs)
