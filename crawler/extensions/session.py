"""Extension that holds one crawl's archive session: the shared connection, the crawl state, and failures.

Every component that reads or writes the archive, or shares per-crawl state with another component, reaches
it with ``ArchiveSession.of(crawler)`` (``crawler.get_extension``). See README § Architecture.
"""

from __future__ import annotations

import logging
from contextlib import suppress
from typing import TYPE_CHECKING, Any, TypeVar

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from crawler.extensions import required
from crawler.jobs import CLOSE_STORAGE_ERROR, archive_path
from crawler.storage import ArchiveStore, StorageError
from crawler.storage.base import ArchiveConnection
from crawler.storage.state import CrawlState
from crawler.utils.listing import parse_schedule

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
Writer = TypeVar("Writer", bound=ArchiveConnection)
#: Its number in EXTENSIONS: above every extension that uses it, so its ``spider_closed`` handler runs last.
ORDER = 600


class ArchiveSession:
    """The crawl's archive (ARCHIVE_DB), opened on first use and closed after every other component.

    - ``store`` (ArchiveStore) and ``state`` (CrawlState) share one connection and its write batch, so what
      a crash loses is always the newest writes, in order. A timer commits an idle batch every
      ARCHIVE_COMMIT_INTERVAL seconds; ``flush`` commits now; the spider's close commits and closes.
    - ``fail(exc)`` is the one reaction to a failed write: one ERROR line, ``archive/store/error`` and
      ``archive/store/failed``, and the crawl closes with reason ``storage_error`` (exit code 1).
    - The crawl-state settings (ARCHIVE_INCREMENTAL, ARCHIVE_MAX_ATTEMPTS, ARCHIVE_REFRESH and its
      schedule), the site, whether the job lock refused the run (``locked_out``), the redirect hops waiting
      for their target's save (``waiting_hops``) are here for the components.

    Enabled in EXTENSIONS with a number above every other extension that uses it, so that its
    ``spider_closed`` handler runs last.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.path = archive_path(settings)
        #: ARCHIVE_COMMIT_INTERVAL: seconds a write batch may stay uncommitted (0: commit every write).
        self.batch_seconds = max(0.0, settings.getfloat("ARCHIVE_COMMIT_INTERVAL", 1.0))
        self.max_attempts = max(1, settings.getint("ARCHIVE_MAX_ATTEMPTS", 3))
        self.incremental = settings.getbool("ARCHIVE_INCREMENTAL", True)
        self.refresh = settings.getbool("ARCHIVE_REFRESH", False)
        self.schedule = parse_schedule(settings.get("ARCHIVE_REFRESH_SCHEDULE") or "")
        self.failed = False
        #: Redirect hops the dupefilter stopped while their target was still being fetched, by the target's
        #: URL key: linked to the article when it is saved (so which URLs lead to an article never depends
        #: on the order of fetches).
        self.waiting_hops: dict[str, list[str]] = {}
        self._store: ArchiveStore | None = None
        self._state: CrawlState | None = None
        self._timer: task.LoopingCall | None = None
        self._closing: Any = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the extension for a crawler."""
        return cls(crawler)

    @classmethod
    def of(cls, crawler: Crawler) -> ArchiveSession:
        """The crawler's session; a clear error when the extension is not enabled."""
        return required(crawler, cls, ORDER)

    @property
    def site(self) -> str | None:
        """The spider's site name (None before the spider exists)."""
        return getattr(self.crawler.spider, "site_name", None)

    def locked_out(self) -> bool:
        """True when the job lock refused this run (nothing may be written)."""
        return bool(self.crawler.stats and self.crawler.stats.get_value("archive/job/locked"))

    def inc(self, key: str, count: int = 1) -> None:
        """Add ``count`` to the stat ``archive/<key>``."""
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archive/{key}", count)

    @property
    def store(self) -> ArchiveStore:
        """The article writer (opens the archive on first use; StorageError when it cannot)."""
        if self._store is None:
            self._store = self._open(ArchiveStore)
        return self._store

    @property
    def state(self) -> CrawlState:
        """The crawl-state writer, on the same connection and batch as ``store``."""
        if self._state is None:
            self._state = self._open(CrawlState)
        return self._state

    def _open(self, cls: type[Writer]) -> Writer:
        for opened in (self._store, self._state):
            if opened is not None and opened.shared_open:
                return cls(opened.path, share=opened)
        return cls(self.path, batch_seconds=self.batch_seconds)

    def spider_opened(self) -> None:
        """Start the commit timer (batched writes only)."""
        if self.batch_seconds > 0:
            self._timer = task.LoopingCall(self._commit_if_due)
            self._timer.start(self.batch_seconds / 2, now=False)

    def _commit_if_due(self) -> None:
        writer = self._store or self._state
        if writer is None or self.failed:
            return
        try:
            writer.flush_if_due()
        except StorageError as exc:
            self.fail(exc)

    def flush(self) -> None:
        """Commit the open write batch now (StorageError when that fails)."""
        writer = self._store or self._state
        if writer is not None:
            writer.flush()

    def fail(self, exc: StorageError, *, stop: bool = True) -> None:
        """A write failed: log and count it once and (``stop``) close the crawl with reason ``storage_error``."""
        stats = self.crawler.stats
        if self.failed:
            logger.debug("Another archive write failed while stopping: %s", exc)
            return
        self.failed = True
        logger.error("Archive storage failed, stopping the crawl: %(error)s", {"error": exc})
        if stats is not None:
            stats.inc_value("archive/store/error")
            stats.set_value("archive/store/failed", 1)
        self._stop_timer()
        # What was written before the failure is kept (the failed write alone was undone).
        with suppress(StorageError):
            self.flush()
        if stop and self._closing is None:
            self._close_spider()

    def _close_spider(self) -> None:
        try:
            engine = self.crawler.engine
        except RuntimeError:  # Scrapy raises before the engine exists: nothing runs yet, nothing to stop
            return
        if engine is not None:
            self._closing = deferred_from_coro(engine.close_spider_async(reason=CLOSE_STORAGE_ERROR))

    def _stop_timer(self) -> None:
        timer, self._timer = self._timer, None
        if timer is not None and timer.running:
            timer.stop()

    def close(self) -> None:
        """Commit and close the archive (idempotent); a failure is logged once."""
        self._stop_timer()
        writers = [w for w in (self._store, self._state) if w is not None]
        self._store = self._state = None
        for writer in writers:
            try:
                writer.close()
            except StorageError as exc:
                self.fail(exc, stop=False)  # the crawl is closing already
