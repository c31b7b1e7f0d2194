"""Plumbing shared by the crawl-state middlewares and pipeline: settings, the lazily opened writers, stats.

See README § Scheduled jobs; the state itself is ``crawler.storage.state``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.http import Response

from crawler.listing import parse_schedule
from crawler.pipelines.store import open_shared
from crawler.storage import ArchiveStore
from crawler.storage.state import CrawlState

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class StateUser:
    """Shared plumbing: settings, the lazily opened CrawlState, the site name and stats."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.path = settings.get("ARCHIVE_DB") or "output/archive.db"
        self.max_attempts = max(1, settings.getint("ARCHIVE_MAX_ATTEMPTS", 3))
        self.incremental = settings.getbool("ARCHIVE_INCREMENTAL", True)
        self.refresh = settings.getbool("ARCHIVE_REFRESH", False)
        self.schedule = parse_schedule(settings.get("ARCHIVE_REFRESH_SCHEDULE") or "")
        self._state: CrawlState | None = None
        self._store: ArchiveStore | None = None
        crawler.signals.connect(self._close_state, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def state(self) -> CrawlState:
        if self._state is None:
            self._state = open_shared(self.crawler, CrawlState)
        return self._state

    @property
    def store(self) -> ArchiveStore:
        """The archive's article writer on the crawl's shared connection (for redirect hops)."""
        if self._store is None:
            self._store = open_shared(self.crawler, ArchiveStore)
        return self._store

    def _close_state(self) -> None:
        for writer in (self._store, self._state):
            if writer is not None:
                writer.close()
        self._state = self._store = None

    @property
    def site(self) -> str | None:
        return getattr(self.crawler.spider, "site_name", None)

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archive/{key}", count)

    def locked_out(self) -> bool:
        """True when the job lock refused this run (nothing may be written)."""
        return bool(self.crawler.stats and self.crawler.stats.get_value("archive/job/locked"))


def page_urls(response: Response) -> list[str]:
    """Every URL that led to this response: the redirect chain, then the final URL."""
    return list(dict.fromkeys([*response.meta.get("redirect_urls", []), response.url]))


#: Redirect hops the dupefilter stopped while their target was still being fetched, by the target's URL
#: key: linked to the article when it is saved (so which URLs lead to an article never depends on order).
WAITING_HOPS: WeakKeyDictionary[Crawler, dict[str, list[str]]] = WeakKeyDictionary()
