"""Item pipeline that saves articles to the archive, in batches, and stops the crawl on the first storage failure.

See README § Pipelines (order 800), § Performance (ARCHIVE_COMMIT_INTERVAL) and reliability-checklist §5 (a
failed write is reported, not dropped). Every archive writer of one crawl shares one connection and its
write batch (``open_shared``), so what a crash loses is always the newest writes, in order.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.storage import ArchiveStore, StorageError
from crawler.storage.base import ArchiveConnection

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

#: The close reason the crawl ends with after a storage failure.
CLOSE_REASON = "storage_error"
Writer = TypeVar("Writer", bound=ArchiveConnection)
_SHARED: WeakKeyDictionary[Crawler, ArchiveConnection] = WeakKeyDictionary()
_STOPPING: WeakKeyDictionary[Crawler, Any] = WeakKeyDictionary()


def stop_on_storage_error(crawler: Crawler, exc: StorageError) -> None:
    """A write of another archive writer (the crawl state) failed: stop the crawl as a failed save does.

    One ERROR line, ``archive/store/error`` and ``archive/store/failed``, close reason ``storage_error``
    (exit code 1); nothing more once the crawl is already stopping for a storage failure.
    """
    stats = crawler.stats
    assert stats is not None
    if stats.get_value("archive/store/failed"):
        logger.debug("Another archive write failed while stopping: %s", exc)
        return
    logger.error("Archive storage failed, stopping the crawl: %(error)s", {"error": exc})
    stats.inc_value("archive/store/error")
    stats.set_value("archive/store/failed", 1)
    if crawler.engine is not None and crawler not in _STOPPING:
        _STOPPING[crawler] = deferred_from_coro(crawler.engine.close_spider_async(reason=CLOSE_REASON))


def commit_interval(settings: BaseSettings) -> float:
    """ARCHIVE_COMMIT_INTERVAL: seconds a write batch may stay uncommitted (0: commit every write)."""
    return max(0.0, settings.getfloat("ARCHIVE_COMMIT_INTERVAL", 1.0))


def open_shared(crawler: Crawler, cls: type[Writer]) -> Writer:
    """Open ``cls`` (ArchiveStore, CrawlState) on the crawl's shared archive connection; close it when done.

    The first call opens ARCHIVE_DB with batched writes; later calls share that connection (and its open
    batch) while any writer still holds it.
    """
    first = _SHARED.get(crawler)
    if first is not None and first.shared_open:
        return cls(first.path, share=first)
    path = crawler.settings.get("ARCHIVE_DB") or "output/archive.db"
    opened = cls(path, batch_seconds=commit_interval(crawler.settings))
    _SHARED[crawler] = opened
    return opened


class StorePipeline:
    """Saves each item with ``ArchiveStore.save`` and counts ``archive/store/<outcome>``.

    Writes are batched: committed at least every ARCHIVE_COMMIT_INTERVAL seconds (a timer commits an idle
    batch) and when the spider closes. A recorded version counts ``archive/versions/new``, a title applied
    to an unchanged article ``archive/versions/title_applied``.

    On StorageError: one ERROR log line, ``archive/store/error`` and ``archive/store/failed`` = 1, the
    spider is closed with reason ``storage_error`` and every later item is dropped unsaved. Earlier
    saves are committed (the failed save alone is rolled back).
    """

    crawler: Crawler

    def __init__(self, path: str) -> None:
        self.path = path
        self.store: ArchiveStore | None = None
        self.failed = False
        self._closing: Any = None
        self._timer: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = cls(crawler.settings.get("ARCHIVE_DB") or "output/archive.db")
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self) -> None:
        try:
            self.store = open_shared(self.crawler, ArchiveStore)
        except StorageError as exc:
            self._record_failure(exc)
            raise
        interval = commit_interval(self.crawler.settings)
        if interval > 0:
            self._timer = task.LoopingCall(self._commit_if_due)
            self._timer.start(interval / 2, now=False)

    def _commit_if_due(self) -> None:
        if self.store is None:
            return
        try:
            self.store.flush_if_due()
        except StorageError as exc:
            self._record_failure(exc)
            self._stop()

    def close_spider(self) -> None:
        self._stop_timer()
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
            result = self.store.save(ItemAdapter(item))  # a view: no deep copy (asdict cost 0.3 ms)
        except StorageError as exc:
            self._record_failure(exc)
            self._stop()
            raise DropItem(f"{CLOSE_REASON}: {exc}") from exc
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(f"archive/store/{result.outcome}")
        if result.version is not None:
            stats.inc_value("archive/versions/new")
        if result.title_changed:
            stats.inc_value("archive/versions/title_applied")
        return item

    def _record_failure(self, exc: StorageError) -> None:
        logger.error("Archive storage failed, stopping the crawl: %(error)s", {"error": exc})
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("archive/store/error")
        self.crawler.stats.set_value("archive/store/failed", 1)
        self.failed = True

    def _stop_timer(self) -> None:
        timer, self._timer = self._timer, None
        if timer is not None and timer.running:
            timer.stop()

    def _stop(self) -> None:
        self._stop_timer()
        store, self.store = self.store, None
        if store is not None:
            try:
                store.close()
            except StorageError:
                logger.debug("Closing the archive after a failure also failed", exc_info=True)
        if self.crawler.engine is not None and self._closing is None:
            self._closing = deferred_from_coro(self.crawler.engine.close_spider_async(reason=CLOSE_REASON))
