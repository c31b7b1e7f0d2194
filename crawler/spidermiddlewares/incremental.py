"""Spider middleware for incremental crawling: resume the frontier, record every page's links.

Skipping archived pages before fetching and refreshing with 304s is
``crawler.downloadermiddlewares.fetchstate``; marking saved articles done is
``crawler.pipelines.crawlstate``; see README
§ Scheduled jobs. State lives in the archive (``crawler.storage.state``), not in JOBDIR, and a
page is marked done only after its links are recorded and (for an article) after the article is saved, so
a ``kill -9`` at any point followed by a re-run ends in the same archive as an uninterrupted run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.http import Response

from crawler.dupefilters import already_requested
from crawler.extensions.session import ArchiveSession
from crawler.items import Article
from crawler.storage import StorageError
from crawler.storage.state import Discovered, UrlState
from crawler.utils.listing import ListedDate, parse_listed
from crawler.utils.response import is_feed_response, page_urls, request_kind

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

#: Days added to the priority of a request per day of its listed date (newest first).
_EPOCH = date(2000, 1, 1).toordinal()
#: Outputs of a sitemap or feed handled (filtered, recorded) at a time.
FEED_CHUNK = 1000


class IncrementalSpiderMiddleware:
    """Order 40 (outermost): resumes the frontier at start, records every page's links before it is done.

    Start: the spider's start requests, then URLs a previous run left pending or failed (at their depth),
    then, with ARCHIVE_REFRESH, archived articles due for a re-check. Output of each page: requests with
    a listed date older than ARCHIVE_SINCE are dropped, the others are prioritised newest first; an
    Article without a date takes the listed date; all links are recorded and the page (unless it is an
    article, which is marked done once saved) marked done, in one transaction.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.session = ArchiveSession.of(crawler)
        since = crawler.settings.get("ARCHIVE_SINCE") or ""
        parsed = parse_listed(since) if since else None
        if since and parsed is None:
            raise ValueError(f"ARCHIVE_SINCE: {since!r} is not a date (give YYYY-MM-DD)")
        self.since = parsed.day if parsed else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the component for a crawler."""
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in start:
            yield obj
        if self.session.locked_out():
            return
        resumed = self.session.state.resume(self.session.site, self.session.max_attempts)
        if resumed:
            self.session.inc("incremental/resumed", len(resumed))
        for row in resumed:
            yield self._request(row, refresh=False)
        if self.session.refresh:
            for row in self.session.state.due_for_refresh(self.session.site):
                self.session.inc("refresh/requested")
                yield self._request(row, refresh=True)

    def _request(self, row: UrlState, *, refresh: bool) -> Request:
        spider = self.crawler.spider
        callback = spider.parse_feed if row.kind == "feed" else spider.parse  # type: ignore[union-attr]
        meta: dict[str, Any] = {"depth": row.depth, "kind": row.kind, "listed_date": row.listed_date}
        if refresh:
            meta["archive_refresh"] = True
        request = Request(row.url, callback=callback, meta=meta, dont_filter=refresh)
        self._prioritise(request)
        return request

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        if not is_feed_response(response):
            yield from self.handle_output(response, list(result))
            return
        chunk: list[Any] = []
        for obj in result:
            chunk.append(obj)
            if len(chunk) >= FEED_CHUNK:
                yield from self.handle_output(response, chunk, final=False)
                chunk = []
        yield from self.handle_output(response, chunk)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        streamed = is_feed_response(response)
        chunk: list[Any] = []
        async for obj in result:
            chunk.append(obj)
            if streamed and len(chunk) >= FEED_CHUNK:
                for kept in self.handle_output(response, chunk, final=False):
                    yield kept
                chunk = []
        for kept in self.handle_output(response, chunk):
            yield kept

    def handle_output(self, response: Response, outputs: list[Any], *, final: bool = True) -> list[Any]:
        """Filter and prioritise requests, date articles, record links and mark the page done.

        A sitemap or feed's output comes in chunks (``final=False`` but for the last): each chunk's links
        are recorded as it passes, the page is marked done with the last one, so a 50,000-entry sitemap is
        never held whole (requests, crawl-state rows) by this middleware.
        """
        if self.session.locked_out():
            return outputs
        kept: list[Any] = []
        found: list[Discovered] = []
        depth = int(response.meta.get("depth", 0)) + 1
        is_article = False
        for obj in outputs:
            if isinstance(obj, Request):
                if (discovered := self._discovered(obj, obj.meta.get("depth", depth))) is None:
                    continue
                found.append(discovered)
            elif isinstance(obj, Article):
                is_article = True
                self._date_article(obj, parse_listed(response.meta.get("listed_date")))
            kept.append(obj)
        done: list[tuple[str, str]] = []
        if final:
            kind = request_kind(response.request) if response.request is not None else "hub"
            settled = is_article or not 200 <= response.status < 300  # articles: once saved; errors: never
            done = (
                []
                if settled
                else [(url, "hub" if kind == "unknown" else kind) for url in page_urls(response)]
            )
        try:
            self.session.state.discover(self.session.site, found, done)
        except StorageError as exc:  # the page is not done: nothing of it goes on
            self.session.fail(exc)
            return []
        return kept

    def _discovered(self, request: Request, depth: int) -> Discovered | None:
        """The crawl-state row of a link to follow (prioritised newest first); None to drop it: already
        requested by this crawl (recorded when first found) or listed before ARCHIVE_SINCE."""
        if not request.meta.get("listed_date") and already_requested(self.crawler, request):
            self.session.inc("incremental/links_seen")
            return None
        listed = parse_listed(request.meta.get("listed_date"))
        if self.since and listed and listed.day < self.since:
            self.session.inc("incremental/skipped/older_than_since")
            return None
        self._prioritise(request, listed)
        return Discovered(request.url, request_kind(request), depth, listed.iso if listed else None)

    def _prioritise(self, request: Request, listed: ListedDate | None = None) -> None:
        listed = listed or parse_listed(request.meta.get("listed_date"))
        if listed is not None:
            request.priority += max(0, listed.day.toordinal() - _EPOCH)

    def _date_article(self, article: Article, listed: ListedDate | None) -> None:
        if article.published_at or listed is None:
            return
        article.published_at = listed.iso
        article.published_raw = article.published_raw or listed.raw
        article.date_source = "listing"
        self.session.inc("incremental/dated_from_listing")
