"""Run the article spider in-process (for the CLI and the demo) and return its stats and summary."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from crawler.extensions.runs import summarize
from crawler.jobs import FAILED_REASONS


@dataclass(frozen=True)
class CrawlOutcome:
    """What a finished crawl reports: its stats, the condensed summary and whether it failed."""

    stats: Mapping[str, Any]
    summary: Mapping[str, Any]

    @property
    def failed(self) -> bool:
        """True when the crawl stopped on a storage error, was interrupted, or never started."""
        reason = self.summary.get("finish_reason")
        return reason is None or reason in FAILED_REASONS


def project_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    """Return the project's settings (found without scrapy.cfg) with command-line priority overrides."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def parse_setting_pairs(pairs: Sequence[str]) -> dict[str, str]:
    """Turn ``["NAME=VALUE", ...]`` into a dict; raise ValueError naming a malformed pair."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"setting {pair!r} is not NAME=VALUE")
        out[name.strip()] = value
    return out


def run_crawl(spider_kwargs: Mapping[str, Any], overrides: Mapping[str, Any] | None = None) -> CrawlOutcome:
    """Run ``ArticleSpider`` with the given arguments in this process; block until it finishes."""
    process = CrawlerProcess(project_settings(overrides))
    crawler = process.create_crawler("article")
    process.crawl(crawler, **spider_kwargs)
    process.start()
    stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
    return CrawlOutcome(stats=stats, summary=summarize(stats))
