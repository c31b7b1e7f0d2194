"""Extension that prints a one-line progress report on a terminal while a crawl runs.

See README § Crawling (progress and summary).
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from typing import TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.extensions.runs import summarize


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
