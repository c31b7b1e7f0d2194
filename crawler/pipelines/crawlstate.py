"""Item pipeline that records stored and dropped articles in the crawl state (marks them done).

See README § Pipelines (order 790) and § Scheduled jobs; the state itself is ``crawler.storage.state``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.http import Response

from crawler.extensions.session import ArchiveSession
from crawler.jobs import CLOSE_STORAGE_ERROR
from crawler.storage import StorageError
from crawler.urls import url_key
from crawler.utils.response import page_urls

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class CrawlStatePipeline:
    """Order 790, before StorePipeline: marks stored articles done (ArchiveStore.save keeps versions).

    After the item is stored (``item_scraped``) its URLs are marked done (a refresh advances the refresh
    schedule) and field coverage is counted (``archive/coverage/*``, read by the drift check). A dropped
    item marks its page done as ``dropped``. The marks go through the store's shared connection and write
    batch after the save, so a crash can lose a save and its mark together, never the save alone.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.session = ArchiveSession.of(crawler)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the component for a crawler."""
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        return item

    def item_scraped(self, item: Any, response: Response) -> None:
        """Mark the article done (after its save, in the same or a later batch) and count its coverage."""
        if self.session.locked_out():
            return
        adapter = ItemAdapter(item)
        urls = [*page_urls(response), str(adapter.get("url"))]
        waiting = self.session.waiting_hops
        hops = [hop for url in urls for hop in waiting.pop(url_key(url), [])] if waiting else []
        try:
            self.session.state.article_saved(
                urls,
                self.session.site,
                self.session.schedule,
                refreshed=bool(response.meta.get("archive_refresh")),
            )
            if hops and self.session.store.link_redirects(urls[-1], hops):
                self.session.state.mark_done(hops, self.session.site, "article")
        except StorageError as exc:
            self.session.fail(exc)
            return
        self.session.inc("coverage/items")
        for name in ("published_at", "authors", "body"):
            if adapter.get(name):
                self.session.inc(f"coverage/{name}")

    def item_dropped(self, item: Any, response: Response, exception: BaseException) -> None:
        """A page the pipelines refused is not fetched again by later runs."""
        if str(exception).startswith(CLOSE_STORAGE_ERROR):
            return  # not stored because the archive failed: fetch it again next run
        if response is not None and not self.session.locked_out():
            try:
                self.session.state.mark_done(page_urls(response), self.session.site, "dropped")
            except StorageError as exc:
                self.session.fail(exc)
