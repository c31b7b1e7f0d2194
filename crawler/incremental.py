"""Incremental crawling: resume the frontier, record every page's links, mark saved articles done.

Skipping archived pages before fetching and refreshing with 304s is ``crawler.fetchstate``; see README
§ Scheduled jobs. State lives in the archive (``crawler.storage.state``), not in JOBDIR, and a
page is marked done only after its links are recorded and (for an article) after the article is saved, so
a ``kill -9`` at any point followed by a re-run ends in the same archive as an uninterrupted run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Request, signals
from scrapy.http import Response

from crawler.fingerprint import already_requested
from crawler.gate import is_feed_response
from crawler.items import Article
from crawler.listing import ListedDate, parse_listed
from crawler.pipelines.store import CLOSE_REASON, stop_on_storage_error
from crawler.stateuser import WAITING_HOPS, StateUser, page_urls
from crawler.storage import StorageError
from crawler.storage.keys import url_key
from crawler.storage.state import Discovered, UrlState

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

#: Days added to the priority of a request per day of its listed date (newest first).
_EPOCH = date(2000, 1, 1).toordinal()
_FEED_CALLBACKS = ("parse_feed", "parse_robots")
#: Outputs of a sitemap or feed handled (filtered, recorded) at a time.
FEED_CHUNK = 1000


class IncrementalSpiderMiddleware(StateUser):
    """Order 40 (outermost): resumes the frontier at start, records every page's links before it is done.

    Start: the spider's start requests, then URLs a previous run left pending or failed (at their depth),
    then, with ARCHIVE_REFRESH, archived articles due for a re-check. Output of each page: requests with
    a listed date older than ARCHIVE_SINCE are dropped, the others are prioritised newest first; an
    Article without a date takes the listed date; all links are recorded and the page (unless it is an
    article, which is marked done once saved) marked done, in one transaction.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        since = crawler.settings.get("ARCHIVE_SINCE") or ""
        parsed = parse_listed(since) if since else None
        if since and parsed is None:
            raise ValueError(f"ARCHIVE_SINCE: {since!r} is not a date (give YYYY-MM-DD)")
        self.since = parsed.day if parsed else None

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in start:
            yield obj
        if self.locked_out():
            return
        resumed = self.state.resume(self.site, self.max_attempts)
        if resumed:
            self._inc("incremental/resumed", len(resumed))
        for row in resumed:
            yield self._request(row, refresh=False)
        if self.refresh:
            for row in self.state.due_for_refresh(self.site):
                self._inc("refresh/requested")
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
        if self.locked_out():
            return outputs
        kept: list[Any] = []
        found: list[Discovered] = []
        depth = int(response.meta.get("depth", 0)) + 1
        is_article = False
        for obj in outputs:
            if isinstance(obj, Request):
                if (discovered := self._discovered(obj, depth)) is None:
                    continue
                found.append(discovered)
            elif isinstance(obj, Article):
                is_article = True
                self._date_article(obj, parse_listed(response.meta.get("listed_date")))
            kept.append(obj)
        done: list[tuple[str, str]] = []
        if final:
            kind = _kind(response.request) if response.request is not None else "hub"
            settled = is_article or not 200 <= response.status < 300  # articles: once saved; errors: never
            done = (
                []
                if settled
                else [(url, "hub" if kind == "unknown" else kind) for url in page_urls(response)]
            )
        try:
            self.state.discover(self.site, found, done)
        except StorageError as exc:  # the page is not done: nothing of it goes on
            stop_on_storage_error(self.crawler, exc)
            return []
        return kept

    def _discovered(self, request: Request, depth: int) -> Discovered | None:
        """The crawl-state row of a link to follow (prioritised newest first); None to drop it: already
        requested by this crawl (recorded when first found) or listed before ARCHIVE_SINCE."""
        if not request.meta.get("listed_date") and already_requested(self.crawler, request):
            self._inc("incremental/links_seen")
            return None
        listed = parse_listed(request.meta.get("listed_date"))
        if self.since and listed and listed.day < self.since:
            self._inc("incremental/skipped/older_than_since")
            return None
        self._prioritise(request, listed)
        return Discovered(request.url, _kind(request), depth, listed.iso if listed else None)

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
        self._inc("incremental/dated_from_listing")


def _kind(request: Request) -> str:
    """The kind a request's page will have, as far as it is known before fetching."""
    if request.meta.get("kind") == "start":
        return "start"
    callback = getattr(request.callback, "__name__", "")
    return "feed" if callback in _FEED_CALLBACKS else str(request.meta.get("kind") or "unknown")


class VersionPipeline(StateUser):
    """Order 790, before StorePipeline: marks stored articles done (ArchiveStore.save keeps versions).

    After the item is stored (``item_scraped``) its URLs are marked done (a refresh advances the refresh
    schedule) and field coverage is counted (``archive/coverage/*``, read by the drift check). A dropped
    item marks its page done as ``dropped``. The marks go through the store's shared connection and write
    batch after the save, so a crash can lose a save and its mark together, never the save alone.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    def process_item(self, item: Any) -> Any:
        return item

    def item_scraped(self, item: Any, response: Response) -> None:
        """Mark the article done (after its save, in the same or a later batch) and count its coverage."""
        if self.locked_out():
            return
        adapter = ItemAdapter(item)
        urls = [*page_urls(response), str(adapter.get("url"))]
        waiting = WAITING_HOPS.get(self.crawler)
        hops = [hop for url in urls for hop in waiting.pop(url_key(url), [])] if waiting else []
        try:
            self.state.article_saved(
                urls, self.site, self.schedule, refreshed=bool(response.meta.get("archive_refresh"))
            )
            if hops and self.store.link_redirects(urls[-1], hops):
                self.state.mark_done(hops, self.site, "article")
        except StorageError as exc:
            stop_on_storage_error(self.crawler, exc)
            return
        self._inc("coverage/items")
        for name in ("published_at", "authors", "body"):
            if adapter.get(name):
                self._inc(f"coverage/{name}")

    def item_dropped(self, item: Any, response: Response, exception: BaseException) -> None:
        """A page the pipelines refused is not fetched again by later runs."""
        if str(exception).startswith(CLOSE_REASON):
            return  # not stored because the archive failed: fetch it again next run
        if response is not None and not self.locked_out():
            try:
                self.state.mark_done(page_urls(response), self.site, "dropped")
            except StorageError as exc:
                stop_on_storage_error(self.crawler, exc)
