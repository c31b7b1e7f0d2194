"""The scheduler's FIFO request queue: the oldest pending requests in memory, the overflow pickled to disk.

See README § Performance (peak RSS) and the settings ARCHIVE_QUEUE_MEMORY and ARCHIVE_QUEUE_DIR.
"""

from __future__ import annotations

import logging
import shutil
from collections import deque
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.squeues import PickleFifoDiskQueue

from crawler.extensions.queuebudget import QueueMemoryBudget

logger = logging.getLogger(__name__)


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

    def __init__(self, crawler: Crawler, budget: QueueMemoryBudget) -> None:
        self.crawler = crawler
        self.budget = budget
        self.memory: deque[Request] = deque()
        self.disk: Any = None  # a PickleFifoDiskQueue once this queue has spilled

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        return cls(crawler, QueueMemoryBudget.of(crawler))

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
