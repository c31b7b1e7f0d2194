"""Item pipeline that saves articles to the archive and stops the crawl on the first storage failure.

See README § Pipelines (order 800) and reliability-checklist §5 (a failed write is reported, not dropped).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from crawler.storage import ArchiveStore, StorageError

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: The close reason the crawl ends with after a storage failure.
CLOSE_REASON = "storage_error"


class StorePipeline:
    """Saves each item with ``ArchiveStore.save`` and counts ``archive/store/<outcome>``.

    On StorageError: one ERROR log line, ``archive/store/error`` and ``archive/store/failed`` = 1, the
    spider is closed with reason ``storage_error`` and every later item is dropped unsaved. What was
    committed before stays committed (each save is its own transaction).
    """

    crawler: Crawler

    def __init__(self, path: str) -> None:
        self.path = path
        self.store: ArchiveStore | None = None
        self.failed = False
        self._closing: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = cls(crawler.settings.get("ARCHIVE_DB") or "output/archive.db")
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self) -> None:
        try:
            self.store = ArchiveStore(self.path)
        except StorageError as exc:
            self._record_failure(exc)
            raise

    def close_spider(self) -> None:
        store, self.store = self.store, None
        if store is None:
            return
        try:
            store.close()
        except StorageError as exc:
            self._record_failure(exc)

    def process_item(self, item: Any) -> Any:
        if self.store is None:
            raise DropItem(f"archive {self.path} unavailable after a storage error")
        try:
            result = self.store.save(ItemAdapter(item).asdict())
        except StorageError as exc:
            self._record_failure(exc)
            self._stop()
            raise DropItem(f"{CLOSE_REASON}: {exc}") from exc
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"archive/store/{result.outcome}")
        return item

    def _record_failure(self, exc: StorageError) -> None:
        logger.error("Archive storage failed, stopping the crawl: %(error)s", {"error": exc})
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("archive/store/error")
        self.crawler.stats.set_value("archive/store/failed", 1)
        self.failed = True

    def _stop(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            try:
                store.close()
            except StorageError:
                logger.debug("Closing the archive after a failure also failed", exc_info=True)
        if self.crawler.engine is not None and self._closing is None:
            self._closing = deferred_from_coro(self.crawler.engine.close_spider_async(reason=CLOSE_REASON))
