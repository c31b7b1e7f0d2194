"""The baseline for bench/crawl.py: a bare Scrapy spider that follows every link and yields only URLs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor


class BareSpider(scrapy.Spider):
    """Follow every in-site link with LinkExtractor; yield ``{"url": ...}`` per page."""

    name = "bare"

    def __init__(self, start: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start]
        self.allowed_domains = ["127.0.0.1"]
        self.links = LinkExtractor()

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Yield the page's URL and follow all its links."""
        yield {"url": response.url}
        for link in self.links.extract_links(response):
            yield response.follow(link, callback=self.parse)
