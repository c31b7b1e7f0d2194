"""Extension that guards a scheduled job: the site lock at the start, the drift check and run verdict at the end.

See README § Scheduled jobs. It takes the lock when the spider opens (a second job closes at once with
reason ``locked``), and when the spider closes it compares the run with the site's own history and stores
the verdict in the stats (``archive/job/*``, ``archive/drift/*``), which CrawlRunRecorder writes into
``crawl_runs``.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider

from crawler.extensions.session import ArchiveSession
from crawler.jobs import (
    BASELINE_STATUSES,
    EXIT_LOCKED,
    EXIT_MEANINGS,
    EXIT_OK,
    SiteLock,
    archive_path,
    drift,
    exit_code,
    locked_message,
    run_metrics,
)
from crawler.storage import StorageError, queries

logger = logging.getLogger(__name__)


def site_history(db: str, site: str | None, limit: int) -> list[dict[str, float]]:
    """Metrics of the site's last ``limit`` baseline runs, newest first."""
    database = queries.open_archive(db)
    try:
        runs = queries.run_history(database, limit=500)
    finally:
        database.close()
    chosen = [r for r in runs if r.get("site") == site and r.get("status") in BASELINE_STATUSES]
    return [run_metrics(r.get("stats") or {}) for r in chosen[:limit]]


class JobGuard:
    """Extension (order 490): the site lock, then the drift check and the run verdict at the end."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db = archive_path(crawler.settings)
        self.use_lock = crawler.settings.getbool("ARCHIVE_LOCK", True) and self.db != ":memory:"
        self.lock: SiteLock | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JobGuard:
        """Build the extension for a crawler."""
        return cls(crawler)

    @property
    def site(self) -> str:
        return str(getattr(self.crawler.spider, "site_name", None) or "unknown")

    def spider_opened(self) -> None:
        """Take the site's lock, or close the spider at once with reason ``locked``."""
        if not self.use_lock:
            return
        lock = SiteLock(self.db, self.site)
        if not lock.acquire():
            assert self.crawler.stats is not None
            self.crawler.stats.set_value("archive/job/locked", 1)
            self.crawler.stats.set_value("archive/job/exit_code", EXIT_LOCKED)
            logger.error("%s", locked_message(lock, self.site, self.db))
            raise CloseSpider("locked")
        self.lock = lock

    def spider_closed(self, reason: str) -> None:
        """Check drift against the site's history, store the verdict in the stats, release the lock."""
        try:
            if reason != "locked":
                self._judge(reason)
        finally:
            if self.lock is not None:
                self.lock.release()

    def _judge(self, reason: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        settings = self.crawler.settings
        try:
            site_articles = ArchiveSession.of(self.crawler).state.counts(self.site).get("article/done", 0)
            history = site_history(self.db, self.site, settings.getint("ARCHIVE_DRIFT_HISTORY", 5))
        except StorageError as exc:
            logger.error("Cannot read the site's history for the drift check: %s", exc)
            site_articles, history = 0, []
        stats.set_value("archive/job/site_articles", site_articles)
        warn, fail = (
            settings.getfloat("ARCHIVE_DRIFT_WARN", 0.3),
            settings.getfloat("ARCHIVE_DRIFT_FAIL", 0.6),
        )
        found = drift(run_metrics(stats.get_stats()), history, warn, fail)
        for name, (level, message) in found.items():
            stats.set_value(f"archive/drift/{name}", message)
            logger.warning("Drift (%s) for %s: %s", level, self.site, message)
        if found:
            levels = {level for level, _ in found.values()}
            stats.set_value("archive/drift/level", "fail" if "fail" in levels else "warn")
        snapshot = {**stats.get_stats(), "finish_reason": stats.get_value("finish_reason") or reason}
        code = exit_code(snapshot, settings)
        stats.set_value("archive/job/exit_code", code)
        if code != EXIT_OK:
            logger.warning("Run verdict for %s: exit %d (%s)", self.site, code, EXIT_MEANINGS[code])
