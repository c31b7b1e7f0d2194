"""What kind of response a response is, from its class and headers (no body parsing)."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Response


def is_feed_response(response: Response) -> bool:
    """True for a sitemap or feed: neither an HtmlResponse nor served with an HTML Content-Type."""
    content_type = (response.headers.get(b"Content-Type") or b"").lower()
    return b"html" not in content_type and not isinstance(response, HtmlResponse)


def page_urls(response: Response) -> list[str]:
    """Every URL that led to this response: the redirect chain, then the final URL."""
    return list(dict.fromkeys([*response.meta.get("redirect_urls", []), response.url]))
