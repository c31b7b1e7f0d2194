"""Crawlers for component tests: Scrapy's ``get_crawler`` with the extensions our components reach."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

#: The extensions components reach with ``crawler.get_extension`` (at the project's numbers).
SHARED_STATE = {
    "crawler.extensions.queuebudget.QueueMemoryBudget": 530,
    "crawler.extensions.session.ArchiveSession": 600,
}


def make_crawler(spidercls: Any = None, settings_dict: dict[str, Any] | None = None) -> Crawler:
    """``get_crawler`` with the archive session and the queue budget enabled."""
    settings = dict(settings_dict or {})
    settings["EXTENSIONS"] = {**SHARED_STATE, **settings.get("EXTENSIONS", {})}
    return get_crawler(spidercls, settings)


def run_scheduler(crawler: Crawler, dupefilter: Any) -> None:
    """Stand in for a running engine whose scheduler holds ``dupefilter`` (as Scrapy's holds ``df``)."""
    crawler.engine = SimpleNamespace(scheduler=SimpleNamespace(df=dupefilter))  # type: ignore[assignment]
