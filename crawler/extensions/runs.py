"""Extension that records each crawl in ``crawl_runs``, and the crawl summary it logs (also read by the CLI).

See README § Crawling (summary) and § Storage (crawl_runs).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.extensions.session import ArchiveSession
from crawler.storage import StorageError

logger = logging.getLogger(__name__)


#: Guard counters that count without dropping anything (a session-id URL is fetched once, as one request).
COUNTED_ONLY = frozenset({"session_id"})


def summarize(stats: Mapping[str, Any]) -> dict[str, Any]:
    """Condense Scrapy stats into the crawl summary: pages fetched, articles by outcome, drops by reason,
    and every trap guard that dropped a request or left links unfollowed (``archive/guard/<name>``)."""
    prefix = "archive/validate/dropped/"
    guard = "archive/guard/"
    return {
        "pages_fetched": int(stats.get("response_received_count", 0)),
        "articles_new": int(stats.get("archive/store/new", 0)),
        "articles_updated": int(stats.get("archive/store/updated", 0)),
        "articles_unchanged": int(stats.get("archive/store/unchanged", 0)),
        "articles_duplicate": int(stats.get("archive/store/duplicate_content", 0)),
        "dropped": {k[len(prefix) :]: int(v) for k, v in sorted(stats.items()) if k.startswith(prefix)},
        "guards": {
            k[len(guard) :]: int(v)
            for k, v in sorted(stats.items())
            if k.startswith(guard) and k[len(guard) :] not in COUNTED_ONLY and v
        },
        "errors": int(stats.get("log_count/ERROR", 0)),
        "finish_reason": stats.get("finish_reason"),
    }


def format_summary(summary: Mapping[str, Any]) -> str:
    """Render a summary as a few human-readable lines."""
    dropped = summary.get("dropped") or {}
    drops = ", ".join(f"{reason} {n}" for reason, n in dropped.items()) or "none"
    guards = ", ".join(f"{name} {n}" for name, n in (summary.get("guards") or {}).items()) or "none"
    return (
        f"pages fetched: {summary['pages_fetched']}\n"
        f"articles: new {summary['articles_new']}, updated {summary['articles_updated']}, "
        f"unchanged {summary['articles_unchanged']}, duplicate {summary['articles_duplicate']}\n"
        f"dropped: {drops}\n"
        f"trap guards: {guards}\n"
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
            session = ArchiveSession.of(self.crawler)  # the crawl's connection: no lock waits
            self.run_id = session.store.start_run(self._site(), args)
            session.flush()  # the row is there from the start, whatever happens to the crawl
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
            session = ArchiveSession.of(self.crawler)
            session.store.finish_run(self.run_id, status=reason, stats=stats)
            session.flush()
        except StorageError as exc:
            logger.error("Cannot record the end of the crawl run: %s", exc)
