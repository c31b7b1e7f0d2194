"""The scheduler's FIFO request queue: the oldest pending requests in memory, the overflow pickled to disk.

See README § Performance (peak RSS) and the settings ARCHIVE_QUEUE_MEMORY and ARCHIVE_QUEUE_DIR.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections import deque
from pathlib import Path
from typing import Any, Self
from weakref import WeakKeyDictionary

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.squeues import PickleFifoDiskQueue

logger = logging.getLogger(__name__)

#: Default for ARCHIVE_QUEUE_MEMORY: pending requests held in memory before new ones wait on disk.
DEFAULT_MEMORY = 10_000


class _Budget:
    """One crawl's count of requests held in memory by its queues, and its temporary spill folder."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.limit = crawler.settings.getint("ARCHIVE_QUEUE_MEMORY", DEFAULT_MEMORY)
        self.held = 0
        self.folder: Path | None = None
        self.made = 0
        self.warned = False
        crawler.signals.connect(self.remove, signal=signals.engine_stopped)

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


_BUDGETS: WeakKeyDictionary[Crawler, _Budget] = WeakKeyDictionary()


def _budget(crawler: Crawler) -> _Budget:
    found = _BUDGETS.get(crawler)
    if found is None:
        found = _BUDGETS[crawler] = _Budget(crawler)
    return found


class SpillingFifoQueue:
    """A FIFO of requests held in memory within the crawl's budget, the overflow pickled to disk.

    Scrapy's memory queue keeps every pending Request as a live object (about 1 KB each): a sitemap of
    50,000 articles is 50 MB of frontier before the first article is fetched. This queue (the
    ``SCHEDULER_MEMORY_QUEUE``, one per priority as Scrapy makes them) keeps requests in memory while the
    crawl holds fewer than ``ARCHIVE_QUEUE_MEMORY`` of them in all its queues; past that, it appends new
    requests to a pickled FIFO on disk (Scrapy's ``PickleFifoDiskQueue``) in a temporary folder removed when
    the engine stops. Order is exactly a FIFO's: once a queue has spilled, its new requests go to disk behind
    the spilled ones until those are read back, so priorities and breadth-first order are unchanged. Only a
    request that cannot be pickled (a callback that is not a spider method) stays in memory out of turn
    (``archive/queue/unserializable``), as does everything when the folder cannot be written
    (``archive/queue/spill_failed``, one ERROR line). With ``JOBDIR`` set Scrapy keeps its own disk queues
    and this one holds only what those cannot.
    """

    def __init__(self, crawler: Crawler, budget: _Budget) -> None:
        self.crawler = crawler
        self.budget = budget
        self.memory: deque[Request] = deque()
        self.disk: Any = None  # a PickleFifoDiskQueue once this queue has spilled

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        return cls(crawler, _budget(crawler))

    def push(self, request: Request) -> None:
        if not self.disk and self.budget.take():
            self.memory.append(request)
            return
        try:
            disk = self.disk if self.disk is not None else self._open_disk()
            disk.push(request)
        except ValueError:  # not picklable (a callback that is not a spider method)
            self._keep(request, "unserializable")
        except OSError as exc:  # the spill folder cannot be made or written (full disk): nothing is lost
            if not self.budget.warned:
                logger.error("Cannot spill pending requests to disk (%s); they stay in memory", exc)
                self.budget.warned = True
            self._keep(request, "spill_failed")
        else:
            self.budget.inc("spilled")

    def _keep(self, request: Request, event: str) -> None:
        """Hold a request that could not go to disk in memory, out of turn, and count why."""
        if not self.disk:
            self._close_disk()
        self.budget.held += 1
        self.budget.inc(event)
        self.memory.append(request)

    def pop(self) -> Request | None:
        if self.memory:
            self.budget.held -= 1
            return self.memory.popleft()
        if self.disk:
            request: Request | None = self.disk.pop()
            if not self.disk:
                self._close_disk()
            return request
        return None

    def peek(self) -> Request | None:
        if self.memory:
            return self.memory[0]
        if self.disk:
            found: Request | None = self.disk.peek()
            return found
        return None

    def __len__(self) -> int:
        return len(self.memory) + (len(self.disk) if self.disk is not None else 0)

    def close(self) -> None:
        self.budget.held -= len(self.memory)
        self.memory.clear()
        self._close_disk()

    def _open_disk(self) -> Any:
        self.disk = PickleFifoDiskQueue.from_crawler(self.crawler, self.budget.new_path())  # type: ignore[attr-defined]
        return self.disk

    def _close_disk(self) -> None:
        if self.disk is None:
            return
        path = self.disk.path
        self.disk.close()
        self.disk = None
        shutil.rmtree(path, ignore_errors=True)
