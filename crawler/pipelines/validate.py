"""Item pipeline that drops what is not an article: no title, soft 404s, boilerplate-only or short bodies.

See README § Pipelines (order 300) and reliability-checklist §4.4 (soft-404, boilerplate-only).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

#: A page whose body has fewer non-space characters than this may be a soft 404 (a real article
#: that merely mentions a deleted page is longer).
SOFT_404_MAX_CHARS = 500
SOFT_404_RE = re.compile(
    r"页面不存在|页面未找到|网页不存在|找不到(该|此|您要|你要)?(访问)?的?(页面|网页|文章|内容)|您(所)?访问的(页面|网页|内容)"
    r"|(文章|内容|信息|新闻|页面|网页|稿件)(已被|已经被|已)(删除|下线|撤回)|已被删除|不存在或已(被)?删除|无法找到(该|此)?页面"
    r"|\b404\b|page not found|file not found|page (does not|doesn't) exist|the page you (requested|were looking for)",
    re.IGNORECASE,
)
_SPACE_RE = re.compile(r"\s+")


def drop_reason(title: str, body: str, removed: Any, min_body_chars: int) -> str | None:
    """The reason to drop an article, checked in this order, or None to keep it."""
    chars = len(_SPACE_RE.sub("", body))
    if not title.strip():
        return "no_title"
    if chars < SOFT_404_MAX_CHARS and (SOFT_404_RE.search(title) or SOFT_404_RE.search(body)):
        return "soft_404"
    if chars == 0 and removed:
        return "boilerplate_only"
    if chars < min_body_chars:
        return "body_too_short"
    return None


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
