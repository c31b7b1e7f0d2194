"""Item pipeline that saves articles to the archive through the crawl's archive session.

See README § Pipelines (order 800), § Performance (ARCHIVE_COMMIT_INTERVAL) and reliability-checklist §5 (a
failed write is reported, not dropped). The connection, its write batch and the reaction to a failed write
belong to ``crawler.extensions.session.ArchiveSession``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from crawler.extensions.session import ArchiveSession
from crawler.jobs import CLOSE_STORAGE_ERROR
from crawler.storage import ArchiveStore, StorageError

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class StorePipeline:
    """Saves each item with ``ArchiveStore.save`` and counts ``archive/store/<outcome>``.

    Writes are batched by the session: committed at least every ARCHIVE_COMMIT_INTERVAL seconds and when
    the spider closes. A recorded version counts ``archive/versions/new``, a title applied to an unchanged
    article ``archive/versions/title_applied``.

    On StorageError the session logs one ERROR line, counts ``archive/store/error`` and sets
    ``archive/store/failed`` = 1, and closes the spider with reason ``storage_error``; every later item is
    dropped unsaved. Earlier saves are committed (the failed save alone is rolled back).
    """

    crawler: Crawler
    session: ArchiveSession

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = cls()
        pipeline.crawler = crawler
        pipeline.session = ArchiveSession.of(crawler)
        return pipeline

    @property
    def store(self) -> ArchiveStore:
        """The session's article writer (opened on first use)."""
        return self.session.store

    def open_spider(self) -> None:
        try:
            self.store  # noqa: B018  (opens the archive now: a bad path fails the crawl at once)
        except StorageError as exc:
            self.session.fail(exc, stop=False)
            raise

    def close_spider(self) -> None:
        if self.session.failed:
            return
        try:
            self.session.flush()
        except StorageError as exc:
            self.session.fail(exc, stop=False)

    def process_item(self, item: Any) -> Any:
        session = self.session
        if session.failed:
            raise DropItem(
                f"{CLOSE_STORAGE_ERROR}: archive {session.path} unavailable after an earlier failure"
            )
        try:
            result = session.store.save(ItemAdapter(item))  # a view: no deep copy (asdict cost 0.3 ms)
        except StorageError as exc:
            session.fail(exc)
            raise DropItem(f"{CLOSE_STORAGE_ERROR}: {exc}") from exc
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(f"archive/store/{result.outcome}")
        if result.version is not None:
            stats.inc_value("archive/versions/new")
        if result.title_changed:
            stats.inc_value("archive/versions/title_applied")
        return item
