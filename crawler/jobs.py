"""Scheduled jobs' facts: the default archive path, exit codes and failed-close reasons, the site lock, the run
verdict and the drift check.

See README § Scheduled jobs. Every component, command and the CLI read these from here; the extension that
applies them to a crawl is ``crawler.extensions.jobguard.JobGuard``.
"""

from __future__ import annotations

import fcntl
import os
import re
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from scrapy.settings import BaseSettings

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
#: Where the archive lies when neither ARCHIVE_DB nor --db names it.
DEFAULT_ARCHIVE = "output/archive.db"
#: The close reason of a crawl stopped by a failed archive write.
CLOSE_STORAGE_ERROR = "storage_error"
#: Close reasons of a failed run (exit code 1): a storage failure, an interruption.
FAILED_REASONS = frozenset({CLOSE_STORAGE_ERROR, "shutdown"})
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


def archive_path(settings: BaseSettings | Mapping[str, Any]) -> str:
    """The archive a crawl writes: ARCHIVE_DB, or DEFAULT_ARCHIVE when it is empty."""
    return str(settings.get("ARCHIVE_DB") or DEFAULT_ARCHIVE)


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
