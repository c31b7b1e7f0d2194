"""What kind of page a request or response is, from its class, headers and callback (no body parsing)."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse, Response

#: Spider callbacks that read sitemaps and feeds.
FEED_CALLBACKS = ("parse_feed", "parse_robots")


def is_feed_response(response: Response) -> bool:
    """True for a sitemap or feed: neither an HtmlResponse nor served with an HTML Content-Type."""
    content_type = (response.headers.get(b"Content-Type") or b"").lower()
    return b"html" not in content_type and not isinstance(response, HtmlResponse)


def page_urls(response: Response) -> list[str]:
    """Every URL that led to this response: the redirect chain, then the final URL."""
    return list(dict.fromkeys([*response.meta.get("redirect_urls", []), response.url]))


def request_kind(request: Request) -> str:
    """The kind a request's page will have, as far as it is known before fetching: ``start``, ``feed`` (a
    sitemap or feed callback), else the kind the spider put in its meta (``unknown`` without one)."""
    if request.meta.get("kind") == "start":
        return "start"
    callback = getattr(request.callback, "__name__", "")
    return "feed" if callback in FEED_CALLBACKS else str(request.meta.get("kind") or "unknown")
