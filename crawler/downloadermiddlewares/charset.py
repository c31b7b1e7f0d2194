"""Downloader middleware that re-decides the encoding of HTML responses from their bytes.

See README § Crawling and chinese-news.md §4.5.
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response, TextResponse

from crawler.pages.decode import decode_html

logger = logging.getLogger(__name__)


class CharsetMiddleware:
    """Re-decide the encoding of HTML responses from their bytes (valid UTF-8 wins, GB labels as gb18030).

    Every override of the declared charset is counted as ``archive/charset/overridden``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetMiddleware:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """Return the response re-decoded with the resolved encoding when it differs."""
        if not isinstance(response, TextResponse) or not response.body:
            return response
        if not isinstance(response, HtmlResponse) and b"<html" not in response.body[:2048].lower():
            return response
        declared = _header_charset(response)
        decoded = decode_html(response.body, declared)
        stats = self.crawler.stats
        if decoded.replacements and stats:
            stats.inc_value("archive/charset/replacements", decoded.replacements)
        if decoded.encoding == response.encoding:
            return response
        if decoded.overridden and stats:
            stats.inc_value("archive/charset/overridden")
            logger.info(
                "Charset override for %s: declared %s, decoded as %s",
                response.url,
                declared,
                decoded.encoding,
            )
        return response.replace(encoding=decoded.encoding)


def _header_charset(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    if not value:
        return None
    for part in value.decode("latin-1").split(";")[1:]:
        key, _, charset = part.strip().partition("=")
        if key.lower() == "charset" and charset:
            return charset.strip("\"' ")
    return None
