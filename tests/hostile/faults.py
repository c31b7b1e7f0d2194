"""Test-only components, not part of the crawler: a "full" archive and a spider that sends credentials.

``DatabaseFullInjector`` (CI runs as root: no permission tricks) is enabled with
``-s ARCHIVE_TEST_DB_MAX_PAGES=N``: when the spider opens, the StorePipeline's connection gets
``PRAGMA max_page_count = <current pages + N>``, so writes fail with "database or disk is full".
With ``-s ARCHIVE_TEST_DB_READONLY=1`` it gets ``PRAGMA query_only = 1`` instead: the archive is
unwritable ("attempt to write a readonly database").
``CredentialsInjector`` is enabled with ``-s ARCHIVE_TEST_CREDENTIALS_ORIGIN=http://host:port``.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class DatabaseFullInjector:
    """Cap the archive's page count on the store's own connection."""

    def __init__(self, crawler: Crawler, extra_pages: int, readonly: bool = False) -> None:
        self.crawler = crawler
        self.extra_pages = extra_pages
        self.readonly = readonly

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatabaseFullInjector:
        extra = crawler.settings.getint("ARCHIVE_TEST_DB_MAX_PAGES", 0)
        readonly = crawler.settings.getbool("ARCHIVE_TEST_DB_READONLY")
        if not extra and not readonly:
            raise NotConfigured
        injector = cls(crawler, extra, readonly)
        crawler.signals.connect(injector.spider_opened, signal=signals.spider_opened)
        return injector

    def spider_opened(self, **kwargs: Any) -> None:
        assert self.crawler.engine is not None
        for pipeline in self.crawler.engine.scraper.itemproc.middlewares:
            store = getattr(pipeline, "store", None)
            if store is not None and self.readonly:
                store.db.execute("PRAGMA query_only = 1")
            elif store is not None:
                pages = store.db.execute("PRAGMA page_count").fetchone()[0]
                store.db.execute(f"PRAGMA max_page_count = {pages + self.extra_pages}")


#: What CredentialsInjector sends; the hostile server records which requests carried them.
SECRET_AUTHORIZATION = "Basic aG9zdGlsZTpzZWNyZXQ="
SECRET_COOKIE = "session=hostile-secret"


class CredentialsInjector:
    """A downloader middleware standing in for a spider that logs in: every request it starts on one
    origin carries Authorization and Cookie (redirects keep whatever the crawler lets through)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin.rstrip("/")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CredentialsInjector:
        origin = crawler.settings.get("ARCHIVE_TEST_CREDENTIALS_ORIGIN")
        if not origin:
            raise NotConfigured
        return cls(origin)

    def process_request(self, request: Request) -> None:
        if request.meta.get("redirect_urls") or not request.url.startswith(self.origin + "/"):
            return
        request.headers["Authorization"] = SECRET_AUTHORIZATION
        request.headers["Cookie"] = SECRET_COOKIE
