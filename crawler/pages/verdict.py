"""Verdicts on a page: is it an article or a hub (from the profile, its URL and its extraction signals), and
why an item is not an article to keep (pure, no Scrapy).

The spider, the validate pipeline and link discovery read the same answers. See README § Pipelines and
reliability-checklist §4.4 (soft-404, boilerplate-only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from crawler.pages.dates import url_date
from crawler.sites import SiteProfile

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


def not_article_reason(url: str, fields: Mapping[str, Any], min_body_chars: int = 80) -> str | None:
    """``soft_404`` or ``boilerplate_only`` for a page the router calls a hub although it claims to be an
    article; None for a plain hub.

    A soft 404 claims it with a declared article type or a dated URL; boilerplate only needs the declared
    type (a dated archive page is often all footer). The reasons are ``drop_reason``'s, so a case counts
    under one name whichever component catches it.
    """
    signals = fields.get("signals") or {}
    declared = bool(
        ARTICLE_TYPES.search(f"{signals.get('og_type') or ''} {signals.get('jsonld_type') or ''}")
    )
    if not declared and url_date(url) is None:
        return None
    reason = drop_reason(
        str(fields.get("title") or ""), str(fields.get("body") or ""), fields.get("removed"), min_body_chars
    )
    if reason == "soft_404" or (reason == "boilerplate_only" and declared):
        return reason
    return None


def path_and_query(url: str) -> str:
    """The path of ``url`` plus its query (``?…``) when it has one: what URL patterns are matched against."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def matches(url: str, patterns: Iterable[re.Pattern[str]]) -> bool:
    """Return True when any pattern matches the URL's path (plus query)."""
    path = path_and_query(url)
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
    path = path_and_query(url)
    url_hint = url_date(url) is not None or any(p.search(path) for p in ARTICLE_URL_HINTS)
    return url_hint or not (urlsplit(url).path in ("", "/") or HUB_URL_HINTS.search(path))


def looks_like_article(url: str, signals: Mapping[str, Any]) -> bool:
    """Heuristic article test for pages without profile patterns."""
    body_chars = int(signals.get("body_chars") or 0)
    link_density = float(signals.get("link_density") or 0.0)
    declared = f"{signals.get('og_type') or ''} {signals.get('jsonld_type') or ''}"
    if ARTICLE_TYPES.search(declared) and body_chars >= 80:
        return True
    path = path_and_query(url)
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
