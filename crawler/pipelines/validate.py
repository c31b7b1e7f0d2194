"""Item pipeline that drops what is not an article: no title, soft 404s, boilerplate-only or short bodies.

See README § Pipelines (order 300) and reliability-checklist §4.4 (soft-404, boilerplate-only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from crawler.pages.verdict import drop_reason

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class ValidatePipeline:
    """Raises DropItem (counted under ``archive/validate/dropped/<reason>``) for non-articles."""

    crawler: Crawler

    def __init__(self, min_body_chars: int = 80) -> None:
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = cls(crawler.settings.getint("ARCHIVE_MIN_BODY_CHARS", 80))
        pipeline.crawler = crawler
        return pipeline

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        reason = drop_reason(
            adapter.get("title") or "", adapter.get("body") or "", adapter.get("removed"), self.min_body_chars
        )
        assert self.crawler.stats is not None
        if reason is not None:
            self.crawler.stats.inc_value(f"archive/validate/dropped/{reason}")
            raise DropItem(f"{reason}: {adapter.get('url')}")
        self.crawler.stats.inc_value("archive/validate/passed")
        return item
