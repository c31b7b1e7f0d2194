"""Extensions: CrawlRunRecorder writes a crawl_runs row per crawl; ProgressReporter prints progress.

See README § Crawling (progress and summary) and § Storage (crawl_runs).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.pipelines.store import open_shared
from crawler.storage import ArchiveStore, StorageError

logger = logging.getLogger(__name__)


def summarize(stats: Mapping[str, Any]) -> dict[str, Any]:
    """Condense Scrapy stats into the crawl summary: pages fetched, articles by outcome, drops by reason."""
    prefix = "archive/validate/dropped/"
    return {
        "pages_fetched": int(stats.get("response_received_count", 0)),
        "articles_new": int(stats.get("archive/store/new", 0)),
        "articles_updated": int(stats.get("archive/store/updated", 0)),
        "articles_unchanged": int(stats.get("archive/store/unchanged", 0)),
        "articles_duplicate": int(stats.get("archive/store/duplicate_content", 0)),
        "dropped": {k[len(prefix) :]: int(v) for k, v in sorted(stats.items()) if k.startswith(prefix)},
        "errors": int(stats.get("log_count/ERROR", 0)),
        "finish_reason": stats.get("finish_reason"),
    }


def format_summary(summary: Mapping[str, Any]) -> str:
    """Render a summary as a few human-readable lines."""
    dropped = summary.get("dropped") or {}
    drops = ", ".join(f"{reason} {n}" for reason, n in dropped.items()) or "none"
    return (
        f"pages fetched: {summary['pages_fetched']}\n"
        f"articles: new {summary['articles_new']}, updated {summary['articles_updated']}, "
        f"unchanged {summary['articles_unchanged']}, duplicate {summary['articles_duplicate']}\n"
        f"dropped: {drops}\n"
        f"errors: {summary['errors']}; finish reason: {summary['finish_reason']}"
    )


class CrawlRunRecorder:
    """Record each crawl in the archive's ``crawl_runs`` table: site, start, end, status and stats."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.path = crawler.settings.get("ARCHIVE_DB")
        self.run_id: int | None = None
        if not self.path:
            raise NotConfigured("ARCHIVE_DB is empty")
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunRecorder:
        """Build the extension for a crawler."""
        return cls(crawler)

    def _site(self) -> str | None:
        return getattr(self.crawler.spider, "site_name", None)

    def spider_opened(self) -> None:
        """Insert the run row with status ``running``."""
        spider = self.crawler.spider
        args = {"start_urls": list(getattr(spider, "start_urls", [])), "site": getattr(spider, "args", None)}
        args["site"] = getattr(args["site"], "site", None)
        try:
            with open_shared(self.crawler, ArchiveStore) as store:  # the crawl's connection: no lock waits
                self.run_id = store.start_run(self._site(), args)
        except StorageError as exc:
            logger.error("Cannot record the crawl run: %s", exc)

    def spider_closed(self, reason: str) -> None:
        """Close the run row with the finish reason and the stats; log the summary."""
        stats = dict(self.crawler.stats.get_stats()) if self.crawler.stats else {}
        stats.setdefault("finish_reason", reason)
        logger.info("Crawl summary:\n%s", format_summary(summarize(stats)))
        if self.run_id is None:
            return
        try:
            with open_shared(self.crawler, ArchiveStore) as store:
                store.finish_run(self.run_id, status=reason, stats=stats)
        except StorageError as exc:
            logger.error("Cannot record the end of the crawl run: %s", exc)


class ProgressReporter:
    """Print a one-line progress report to stderr every ARCHIVE_PROGRESS_INTERVAL seconds on a terminal."""

    def __init__(self, crawler: Crawler, interval: float, stream: TextIO) -> None:
        self.crawler = crawler
        self.interval = interval
        self.stream = stream
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressReporter:
        """Enabled when stderr is a terminal, or when ARCHIVE_PROGRESS is true."""
        interval = crawler.settings.getfloat("ARCHIVE_PROGRESS_INTERVAL", 5.0)
        forced = crawler.settings.get("ARCHIVE_PROGRESS")
        wanted = crawler.settings.getbool("ARCHIVE_PROGRESS") if forced is not None else sys.stderr.isatty()
        if not wanted or interval <= 0:
            raise NotConfigured  # quietly: progress is for terminals
        return cls(crawler, interval, sys.stderr)

    def line(self) -> str:
        """Return the current progress line."""
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        s = summarize(stats)
        elapsed = time.monotonic() - self.started
        return (
            f"[{datetime.now(UTC):%H:%M:%S}] {elapsed:6.0f}s  pages {s['pages_fetched']}  "
            f"new {s['articles_new']}  dup {s['articles_duplicate']}  "
            f"dropped {sum(s['dropped'].values())}  errors {s['errors']}"
        )

    def report(self) -> None:
        """Write one progress line."""
        print(self.line(), file=self.stream, flush=True)

    def spider_opened(self) -> None:
        """Start the periodic report."""
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def spider_closed(self) -> None:
        """Stop the periodic report."""
        if self.loop and self.loop.running:
            self.loop.stop()
