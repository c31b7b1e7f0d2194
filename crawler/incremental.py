"""Incremental crawling: skip archived articles, resume the frontier, retry failures, refresh with 304s.

See README § Scheduled jobs. State lives in the archive (``crawler.storage.state``), not in JOBDIR, and a
page is marked done only after its links are recorded and (for an article) after the article is saved, so
a ``kill -9`` at any point followed by a re-run ends in the same archive as an uninterrupted run.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from itemadapter import ItemAdapter
from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.fingerprint import already_requested
from crawler.gate import is_feed_response
from crawler.items import Article
from crawler.listing import ListedDate, parse_listed, parse_schedule
from crawler.pipelines.store import CLOSE_REASON, open_shared, stop_on_storage_error
from crawler.storage import ArchiveStore, StorageError
from crawler.storage.keys import url_key
from crawler.storage.state import CrawlState, Discovered, UrlState

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Days added to the priority of a request per day of its listed date (newest first).
_EPOCH = date(2000, 1, 1).toordinal()
_FEED_CALLBACKS = ("parse_feed", "parse_robots")
#: Outputs of a sitemap or feed handled (filtered, recorded) at a time.
FEED_CHUNK = 1000


class _StateUser:
    """Shared plumbing: settings, the lazily opened CrawlState, the site name and stats."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.path = settings.get("ARCHIVE_DB") or "output/archive.db"
        self.max_attempts = max(1, settings.getint("ARCHIVE_MAX_ATTEMPTS", 3))
        self.incremental = settings.getbool("ARCHIVE_INCREMENTAL", True)
        self.refresh = settings.getbool("ARCHIVE_REFRESH", False)
        self.schedule = parse_schedule(settings.get("ARCHIVE_REFRESH_SCHEDULE") or "")
        self._state: CrawlState | None = None
        self._store: ArchiveStore | None = None
        crawler.signals.connect(self._close_state, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def state(self) -> CrawlState:
        if self._state is None:
            self._state = open_shared(self.crawler, CrawlState)
        return self._state

    @property
    def store(self) -> ArchiveStore:
        """The archive's article writer on the crawl's shared connection (for redirect hops)."""
        if self._store is None:
            self._store = open_shared(self.crawler, ArchiveStore)
        return self._store

    def _close_state(self) -> None:
        for writer in (self._store, self._state):
            if writer is not None:
                writer.close()
        self._state = self._store = None

    @property
    def site(self) -> str | None:
        return getattr(self.crawler.spider, "site_name", None)

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archive/{key}", count)

    def locked_out(self) -> bool:
        """True when the job lock refused this run (nothing may be written)."""
        return bool(self.crawler.stats and self.crawler.stats.get_value("archive/job/locked"))


def page_urls(response: Response) -> list[str]:
    """Every URL that led to this response: the redirect chain, then the final URL."""
    return list(dict.fromkeys([*response.meta.get("redirect_urls", []), response.url]))


#: Redirect hops the dupefilter stopped while their target was still being fetched, by the target's URL
#: key: linked to the article when it is saved (so which URLs lead to an article never depends on order).
_WAITING_HOPS: WeakKeyDictionary[Crawler, dict[str, list[str]]] = WeakKeyDictionary()


class IncrementalDownloaderMiddleware(_StateUser):
    """Order 540 (inside the retry middleware, so it sees final outcomes).

    Requests: archived article URLs, dropped pages, 404/410s and URLs out of attempts are skipped before
    fetching (``archive/incremental/skipped/<reason>``); start pages and redirect hops never are. Refresh
    requests get ``If-None-Match`` / ``If-Modified-Since``. Responses: a 304 to a refresh advances its
    schedule and stops there; 404/410 mark the URL gone; 5xx and download errors count a failed attempt.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    def process_request(self, request: Request) -> None:
        if request.meta.get("kind") == "start" or request.url.endswith("/robots.txt"):
            return
        if request.meta.get("archive_refresh"):
            self._add_validators(request)
            return
        if not self.incremental:
            return
        try:
            reason = self.state.skip_reason(request.url, self.max_attempts)
            if reason is None or (request.meta.get("redirect_urls") and reason != "archived"):
                return
            if reason == "archived":
                self._settle_archived(request.url, request.meta.get("redirect_urls", []))
        except StorageError as exc:
            stop_on_storage_error(self.crawler, exc)
            raise IgnoreRequest(f"archive unavailable: {request.url}") from exc
        self._inc(f"incremental/skipped/{reason}")
        raise IgnoreRequest(f"already {reason}: {request.url}")

    def _settle_archived(self, url: str, hops: list[str]) -> None:
        """Mark an archived article done if a run killed before marking it left it pending (its refresh
        schedule starts now); record redirect hops to it as its URLs and mark them done (never refreshed
        themselves)."""
        current = self.state.get(url)
        if current is None or current.status != "done":
            self.state.article_saved([url], self.site, self.schedule, refreshed=False)
        if hops:
            self.store.link_redirects(url, hops)
        unsettled = [u for u in hops if (known := self.state.get(u)) is None or known.status != "done"]
        if unsettled:
            self.state.mark_done(unsettled, self.site, "article")

    def request_dropped(self, request: Request) -> None:
        """A redirect the dupefilter stopped because its target was seen: record the hops now if the target
        is archived, else when it is saved (a hop whose target is never saved stays pending)."""
        hops = request.meta.get("redirect_urls")
        if not hops or self.locked_out():
            return
        try:
            if self.state.skip_reason(request.url, self.max_attempts) == "archived":
                self._settle_archived(request.url, hops)
                return
        except StorageError as exc:
            stop_on_storage_error(self.crawler, exc)
            return
        _WAITING_HOPS.setdefault(self.crawler, {}).setdefault(url_key(request.url), []).extend(hops)

    def _add_validators(self, request: Request) -> None:
        current = self.state.get(request.url)
        if current and current.etag:
            request.headers.setdefault(b"If-None-Match", current.etag.encode("latin-1"))
        if current and current.last_modified:
            request.headers.setdefault(b"If-Modified-Since", current.last_modified.encode("latin-1"))

    def process_response(self, request: Request, response: Response) -> Response:
        if self.locked_out():
            return response
        try:
            return self._record_response(request, response)
        except StorageError as exc:
            stop_on_storage_error(self.crawler, exc)
            raise IgnoreRequest(f"archive unavailable: {request.url}") from exc

    def _record_response(self, request: Request, response: Response) -> Response:
        status = response.status
        if status == 304 and request.meta.get("archive_refresh"):
            self.state.not_modified(request.url, self.schedule)
            self._inc("refresh/not_modified")
            raise IgnoreRequest(f"not modified: {request.url}")
        if status in (404, 410):
            self.state.mark_gone(request.url, self.site, status)
            self._inc("state/gone")
        elif status >= 500 or status == 429:
            self.state.mark_failed(request.url, self.site, status)
            self._inc("state/failed")
        elif 200 <= status < 300:
            etag, modified = response.headers.get(b"ETag"), response.headers.get(b"Last-Modified")
            self.state.set_validators(
                response.url,
                etag.decode("latin-1") if etag else None,
                modified.decode("latin-1") if modified else None,
            )
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, IgnoreRequest) or self.locked_out():
            return
        try:
            self.state.mark_failed(request.url, self.site)
        except StorageError as exc:
            stop_on_storage_error(self.crawler, exc)
            return
        self._inc("state/failed")
        self._inc(f"state/failed/{type(exception).__name__}")
        logger.info("Failed %s: %r (retried by the next run)", request.url, exception)


class IncrementalSpiderMiddleware(_StateUser):
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
                if not obj.meta.get("listed_date") and already_requested(self.crawler, obj):
                    # A page this crawl already requested was recorded when it was first found.
                    self._inc("incremental/links_seen")
                    continue
                listed = parse_listed(obj.meta.get("listed_date"))
                if self.since and listed and listed.day < self.since:
                    self._inc("incremental/skipped/older_than_since")
                    continue
                self._prioritise(obj, listed)
                found.append(Discovered(obj.url, _kind(obj), depth, listed.iso if listed else None))
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


class VersionPipeline(_StateUser):
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
        waiting = _WAITING_HOPS.get(self.crawler)
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
