"""Test-only extension that makes the archive "full" mid-crawl (CI runs as root: no permission tricks).

Enabled with ``-s ARCHIVE_TEST_DB_MAX_PAGES=N``: when the spider opens, the StorePipeline's connection gets
``PRAGMA max_page_count = <current pages + N>``, so writes fail with "database or disk is full".
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class DatabaseFullInjector:
    """Cap the archive's page count on the store's own connection."""

    def __init__(self, crawler: Crawler, extra_pages: int) -> None:
        self.crawler = crawler
        self.extra_pages = extra_pages

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatabaseFullInjector:
        extra = crawler.settings.getint("ARCHIVE_TEST_DB_MAX_PAGES", 0)
        if not extra:
            raise NotConfigured
        injector = cls(crawler, extra)
        crawler.signals.connect(injector.spider_opened, signal=signals.spider_opened)
        return injector

    def spider_opened(self, **kwargs: Any) -> None:
        assert self.crawler.engine is not None
        for pipeline in self.crawler.engine.scraper.itemproc.middlewares:
            store = getattr(pipeline, "store", None)
            if store is not None:
                pages = store.db.execute("PRAGMA page_count").fetchone()[0]
                store.db.execute(f"PRAGMA max_page_count = {pages + self.extra_pages}")
