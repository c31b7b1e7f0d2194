"""Scheduled jobs: one job per site and archive (lock), the run verdict (exit code) and the drift check.

See README § Scheduled jobs. ``JobGuard`` is an extension: it takes the lock when the spider opens (a
second job closes at once with reason ``locked``), and when the spider closes it compares the run with
the site's own history and stores the verdict in the stats (``archive/job/*``, ``archive/drift/*``), which
CrawlRunRecorder writes into ``crawl_runs``.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.settings import BaseSettings

from crawler.storage import StorageError, queries
from crawler.storage.state import CrawlState

logger = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL, EXIT_EMPTY, EXIT_DRIFT = 0, 1, 2, 3, 4, 5
EXIT_LOCKED = 75  # EX_TEMPFAIL: another job holds the site's lock; try again later
EXIT_MEANINGS = {
    EXIT_OK: "success (a budget that ended the run is a success too)",
    EXIT_FAILED: "failed: a storage error or an interruption stopped the crawl",
    EXIT_USAGE: "usage or configuration error",
    EXIT_PARTIAL: "partial failure: failed URLs above ARCHIVE_MAX_ERROR_RATE",
    EXIT_EMPTY: "nothing archived although the site has articles",
    EXIT_DRIFT: "drift: articles found or field coverage dropped past ARCHIVE_DRIFT_FAIL",
    EXIT_LOCKED: "another job is crawling this site into this archive",
}
FAILED_REASONS = frozenset({"storage_error", "shutdown"})
#: Run statuses whose stats make a baseline for the drift check.
BASELINE_STATUSES = frozenset({"finished", "closespider_pagecount", "closespider_timeout"})
STORED_KEYS = ("new", "updated", "unchanged", "duplicate_content")
COVERAGE_FIELDS = ("published_at", "authors", "body")


class SiteLock:
    """An exclusive, non-blocking ``flock`` on ``<archive>.<site>.lock``; the kernel drops it if we die."""

    def __init__(self, db: str, site: str) -> None:
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", site) or "site"
        self.path = Path(f"{db}.{slug}.lock")
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock; False (at once) when another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return True

    def holder(self) -> str:
        """The pid written by the holder, or ``?``."""
        try:
            return self.path.read_text(encoding="utf-8").strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        """Release the lock (idempotent)."""
        handle, self._file = self._file, None
        if handle is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            handle.close()


def locked_message(lock: SiteLock, site: str, db: str) -> str:
    """The one-line message for a refused second job."""
    return (
        f"another job (pid {lock.holder()}) is crawling {site} into {db}; exiting "
        f"(lock file {lock.path}; it is released when that job ends)"
    )


def probe_lock(db: str, site: str) -> str | None:
    """Check the lock without keeping it: None when free, else the message for the user."""
    if db == ":memory:":
        return None
    lock = SiteLock(db, site)
    if lock.acquire():
        lock.release()
        return None
    return locked_message(lock, site, db)


# --- verdict ------------------------------------------------------------------------------------------


def _n(stats: Mapping[str, Any], key: str) -> int:
    return int(stats.get(key) or 0)


def articles_found(stats: Mapping[str, Any]) -> int:
    """Article pages this run fetched, plus archived ones it found and skipped."""
    return _n(stats, "archive/spider/article") + _n(stats, "archive/incremental/skipped/archived")


def error_rate(stats: Mapping[str, Any]) -> float:
    """Failed URLs (after retries) per URL tried."""
    failed = _n(stats, "archive/state/failed")
    return failed / max(1, _n(stats, "response_received_count") + failed)


def exit_code(stats: Mapping[str, Any], settings: BaseSettings | Mapping[str, Any]) -> int:
    """The documented exit code of a finished run (see EXIT_MEANINGS), from its stats."""
    reason = stats.get("finish_reason")
    if reason == "locked":
        return EXIT_LOCKED
    if reason is None or reason in FAILED_REASONS:
        return EXIT_FAILED
    stored = sum(_n(stats, f"archive/store/{key}") for key in STORED_KEYS)
    if stored == 0 and (
        _n(stats, "archive/spider/article")
        or (articles_found(stats) == 0 and _n(stats, "archive/job/site_articles"))
    ):
        return EXIT_EMPTY
    if error_rate(stats) > float(_get(settings, "ARCHIVE_MAX_ERROR_RATE", 0.2)):
        return EXIT_PARTIAL
    if stats.get("archive/drift/level") == "fail":
        return EXIT_DRIFT
    return EXIT_OK


def _get(settings: BaseSettings | Mapping[str, Any], name: str, default: Any) -> Any:
    value = settings.get(name)
    return default if value in (None, "") else value


# --- drift --------------------------------------------------------------------------------------------


def run_metrics(stats: Mapping[str, Any]) -> dict[str, float]:
    """The figures the drift check compares: articles found and per-field coverage of stored items."""
    metrics = {"articles_found": float(articles_found(stats))}
    items = _n(stats, "archive/coverage/items")
    if items:
        for name in COVERAGE_FIELDS:
            metrics[f"coverage_{name}"] = _n(stats, f"archive/coverage/{name}") / items
    return metrics


def drift(
    current: Mapping[str, float], history: Sequence[Mapping[str, float]], warn: float, fail: float
) -> dict[str, tuple[str, str]]:
    """Metric -> (level, message) for each drop of at least ``warn`` below the median of ``history``."""
    found: dict[str, tuple[str, str]] = {}
    for name, value in current.items():
        past = [h[name] for h in history if name in h]
        if not past:
            continue
        usual = statistics.median(past)
        if usual <= 0:
            continue
        drop = (usual - value) / usual
        if drop >= warn:
            level = "fail" if drop >= fail else "warn"
            found[name] = (
                level,
                f"{name} {value:.3g} vs usual {usual:.3g} (-{drop:.0%} over {len(past)} runs)",
            )
    return found


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
        self.db = crawler.settings.get("ARCHIVE_DB") or "output/archive.db"
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
            with CrawlState(self.db) as state:
                site_articles = state.counts(self.site).get("article/done", 0)
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
