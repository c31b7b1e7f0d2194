"""Extension that holds the crawl-wide memory budget of the scheduler's queues and their spill folder.

See README § Performance (peak RSS) and the settings ARCHIVE_QUEUE_MEMORY and ARCHIVE_QUEUE_DIR; the queue
itself is ``crawler.squeues.SpillingFifoQueue``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.extensions import required

logger = logging.getLogger(__name__)

#: Default for ARCHIVE_QUEUE_MEMORY: pending requests held in memory before new ones wait on disk.
DEFAULT_MEMORY = 10_000


class QueueMemoryBudget:
    """One crawl's count of requests held in memory by its SpillingFifoQueues, and their spill folder.

    An extension, so the queues Scrapy makes (one per priority) share it through ``crawler.get_extension``;
    the folder is removed when the engine stops.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.limit = crawler.settings.getint("ARCHIVE_QUEUE_MEMORY", DEFAULT_MEMORY)
        self.held = 0
        self.folder: Path | None = None
        self.made = 0
        self.warned = False
        crawler.signals.connect(self.remove, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the extension for a crawler."""
        return cls(crawler)

    @classmethod
    def of(cls, crawler: Crawler) -> QueueMemoryBudget:
        """The crawler's budget; a clear error when the extension is not enabled."""
        return required(crawler, cls, 530)

    def take(self) -> bool:
        """Count one more request in memory if the budget allows it (a limit of 0: no limit)."""
        if self.limit > 0 and self.held >= self.limit:
            return False
        self.held += 1
        return True

    def new_path(self) -> str:
        """A fresh folder name for one queue's spill (the crawl's temporary folder is made on first use)."""
        if self.folder is None:
            folder = self.crawler.settings.get("ARCHIVE_QUEUE_DIR") or None
            self.folder = Path(tempfile.mkdtemp(prefix="newsarchive-queue-", dir=folder))
            logger.info("Pending requests beyond %d wait on disk in %s", self.limit, self.folder)
        self.made += 1
        return str(self.folder / f"q{self.made}")

    def inc(self, event: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archive/queue/{event}", count)

    def remove(self) -> None:
        """Delete the spill folder (the crawl has stopped: its queues are gone)."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
