"""Link discovery and page kinds: which links a page offers and whether it is an article or a hub.

Pure functions over (url, html, profile); the spider only routes on their answers. See README § Crawling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawler.pages.dates import url_date
from crawler.sites import SiteProfile

#: Extensions that are never pages worth fetching.
BINARY_EXT = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|bmp|tiff?|pdf|zip|rar|7z|gz|tgz|bz2|xz|exe|msi|dmg|apk|"
    r"docx?|xlsx?|pptx?|mp[34]|m4a|avi|mov|wmv|flv|wav|ogg|webm|css|js|woff2?|ttf|eot)$",
    re.IGNORECASE,
)
#: URL shapes typical of article pages besides a date (``crawler.pages.dates.url_date``): a long numeric id,
#: a year-month folder, or a long slug.
ARTICLE_URL_HINTS = (
    re.compile(r"/(?:19|20)\d{2}[-/]?(?:0[1-9]|1[0-2])/"),
    re.compile(r"/\d{5,}\.s?html?$"),
    re.compile(r"/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.s?html?)?/?$"),
    re.compile(r"[?&](?:id|aid|nid|articleid|newsid)=\d+"),
)
HUB_URL_HINTS = re.compile(
    r"(?:/|/index(?:_\d+)?\.s?html?|[?&]page=\d+|/page/\d+/?|/list[^/]*|/tag/[^/]+/?|/category/[^/]+/?)$"
)
ARTICLE_TYPES = re.compile(r"(?:News|Blog|Report|Scholarly|Tech)?Article|Posting|Report", re.IGNORECASE)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "text/xml")


@dataclass(frozen=True)
class Scope:
    """Where a crawl may go: origins (scheme://host:port) from start URLs, plus profile domains."""

    origins: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    def allows(self, url: str) -> bool:
        """Return True when ``url`` is http(s) and inside one of the origins or domains."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        if origin_of(url) in self.origins:
            return True
        host = parts.hostname.lower()
        if parts.port not in (None, 80, 443):
            return False
        return any(host == d or host.endswith("." + d) for d in self.domains)


def origin_of(url: str) -> str:
    """Return ``scheme://host:port`` with the default port made explicit."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def make_scope(start_urls: Iterable[str], profile: SiteProfile | None) -> Scope:
    """Build the crawl scope from the start URLs' origins and the profile's allowed domains."""
    origins = frozenset(origin_of(u) for u in start_urls)
    domains = frozenset(d.lower().lstrip(".") for d in (profile.allowed_domains if profile else ()))
    return Scope(origins=origins, domains=domains)


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def is_denied(url: str, profile: SiteProfile | None) -> bool:
    """Return True for binary files and URLs matching the profile's deny patterns."""
    path = _path_and_query(url)
    if BINARY_EXT.search(urlsplit(url).path):
        return True
    return bool(profile and any(p.search(path) for p in profile.deny_patterns))


def page_links(
    url: str, selector: Selector, scope: Scope, profile: SiteProfile | None, limit: int
) -> list[str]:
    """Return the in-scope, non-denied absolute links of a page, first occurrence order, at most ``limit``."""
    base = selector.xpath("//base/@href").get()
    base_url = urljoin(url, base.strip()) if base else url
    seen: dict[str, None] = {}
    for href in selector.xpath("//a/@href | //area/@href").getall():
        href = href.strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolute = urljoin(base_url, href).split("#", 1)[0]
        if absolute in seen or not scope.allows(absolute) or is_denied(absolute, profile):
            continue
        seen[absolute] = None
        if len(seen) >= limit:
            break
    return list(seen)


def feed_links(url: str, selector: Selector) -> list[str]:
    """Return the RSS/Atom feeds a page declares with ``<link rel="alternate">``."""
    out = []
    for node in selector.xpath("//link[contains(@rel, 'alternate')][@href]"):
        kind = (node.attrib.get("type") or "").lower()
        if kind in FEED_TYPES:
            out.append(urljoin(url, node.attrib["href"].strip()))
    return out


def matches(url: str, patterns: Iterable[re.Pattern[str]]) -> bool:
    """Return True when any pattern matches the URL's path (plus query)."""
    path = _path_and_query(url)
    return any(p.search(path) for p in patterns)


def page_kind(url: str, profile: SiteProfile | None, signals: Mapping[str, Any] | None = None) -> str:
    """Return ``"article"`` or ``"hub"``: profile patterns first, else URL shape and page signals."""
    if profile and (profile.article_patterns or profile.list_patterns):
        if matches(url, profile.article_patterns):
            return "article"
        if matches(url, profile.list_patterns) or profile.article_patterns:
            return "hub"
    return "article" if looks_like_article(url, signals or {}) else "hub"


def may_be_article(url: str, profile: SiteProfile | None) -> bool:
    """Before fetching: False for a URL the profile's patterns make a hub or that is shaped like a list page."""
    if profile and (profile.article_patterns or profile.list_patterns):
        return page_kind(url, profile) == "article"
    path = _path_and_query(url)
    url_hint = url_date(url) is not None or any(p.search(path) for p in ARTICLE_URL_HINTS)
    return url_hint or not (urlsplit(url).path in ("", "/") or HUB_URL_HINTS.search(path))


def looks_like_article(url: str, signals: Mapping[str, Any]) -> bool:
    """Heuristic article test for pages without profile patterns."""
    body_chars = int(signals.get("body_chars") or 0)
    link_density = float(signals.get("link_density") or 0.0)
    declared = f"{signals.get('og_type') or ''} {signals.get('jsonld_type') or ''}"
    if ARTICLE_TYPES.search(declared) and body_chars >= 80:
        return True
    path = _path_and_query(url)
    url_hint = url_date(url) is not None or any(p.search(path) for p in ARTICLE_URL_HINTS)
    # Section fronts and their pagination (/news/, index_2.shtml, ?page=2) carry dated teasers that look
    # like bylines; their URL shape decides unless it also looks like an article URL.
    if urlsplit(url).path in ("", "/") or (HUB_URL_HINTS.search(path) and not url_hint):
        return False
    byline = bool(signals.get("has_byline"))
    # A short news brief is still an article when both its URL and its byline say so.
    if link_density > 0.6 or body_chars < (60 if url_hint and byline else 150):
        return False
    return url_hint or byline or (body_chars >= 600 and link_density < 0.3)
