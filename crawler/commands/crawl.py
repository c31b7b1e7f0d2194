"""``scrapy crawl`` with the archive's exit codes: 1 on a storage error or interruption, else the job verdict
(crawler.jobs)."""

from __future__ import annotations

import argparse

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler

from crawler.jobs import EXIT_FAILED, FAILED_REASONS


class Command(ScrapyCrawlCommand):
    """Run a spider; exit status 1 when a storage error stopped the crawl, else the job verdict."""

    _last_crawler: Crawler | None = None

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self._last_crawler = super()._create_crawler(spidercls)
        return self._last_crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Run the crawl, then turn a storage failure into a non-zero exit code."""
        super().run(args, opts)
        stats = self._last_crawler.stats if self._last_crawler else None
        if stats and stats.get_value("finish_reason") in FAILED_REASONS:
            self.exitcode = EXIT_FAILED
        elif stats and stats.get_value("archive/job/exit_code"):
            self.exitcode = int(stats.get_value("archive/job/exit_code"))  # README § Command line, exit codes
