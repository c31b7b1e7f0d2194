"""Item pipeline that normalises an article: url_key, title, body whitespace, names, NUL bytes.

See README § Pipelines (order 100) and reliability-checklist §4.4 (malicious-title, nul-bytes).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter

from crawler.cleaning.text import normalize_whitespace, sanitize_title
from crawler.urls import canonicalize, trusted_canonical

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Longest author/editor name or source kept (longer values are page junk, not names).
MAX_NAME_CHARS = 100


def clean_names(names: Iterable[Any]) -> list[str]:
    """Sanitised, stripped, de-duplicated names in their original order; empty values dropped."""
    cleaned = (sanitize_title(str(name), MAX_NAME_CHARS) for name in names if name is not None)
    return list(dict.fromkeys(name for name in cleaned if name))


def _strip_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_strip_nul(v) for v in value]
    return value


class NormalizePipeline:
    """Sets ``url_key`` and cleans title, body, source, authors and editors in place."""

    crawler: Crawler

    def __init__(self, max_title_chars: int = 500) -> None:
        self.max_title_chars = max_title_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = cls(crawler.settings.getint("ARCHIVE_MAX_TITLE_CHARS", 500))
        pipeline.crawler = crawler
        return pipeline

    def _inc(self, event: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"archive/normalize/{event}")

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        self._strip_nuls(adapter)
        self._set_url_key(adapter)
        self._clean_title(adapter)
        adapter["body"] = normalize_whitespace(adapter.get("body") or "")
        source = adapter.get("source")
        if source is not None:
            adapter["source"] = sanitize_title(str(source), MAX_NAME_CHARS) or None
        for key in ("authors", "editors"):
            if adapter.get(key):
                adapter[key] = clean_names(adapter[key])
        return item

    def _strip_nuls(self, adapter: ItemAdapter) -> None:
        stripped = False
        for key, value in adapter.items():
            clean = _strip_nul(value)
            if clean != value:
                adapter[key] = clean
                stripped = True
        if stripped:
            self._inc("nul_stripped")

    def _set_url_key(self, adapter: ItemAdapter) -> None:
        url = adapter.get("url") or ""
        canonical = adapter.get("canonical_url")
        trusted = trusted_canonical(url, canonical) if url else None
        if canonical and trusted is None:
            self._inc("canonical_untrusted")
            logger.info(
                "untrusted canonical %s on %s (another site, a home or a section page): ignored, "
                "the article is stored under the fetched URL",
                canonical,
                url,
            )
        if "canonical_url" in adapter or trusted:
            adapter["canonical_url"] = trusted
        adapter["url_key"] = canonicalize(trusted or url) if url else None

    def _clean_title(self, adapter: ItemAdapter) -> None:
        title = adapter.get("title")
        if title is None:
            return
        clean = sanitize_title(str(title), self.max_title_chars)
        if clean != title:
            self._inc("title_sanitized")
        adapter["title"] = clean or None
