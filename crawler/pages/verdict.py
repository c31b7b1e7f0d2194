"""Verdicts on a page: is it an article or a hub (from the profile, else its extraction signals), and
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
#: List-page URL shapes that raise the evidence a page needs to be an article: pagination and list, tag and
#: category paths. A bare ``/`` or ``/index.html`` is not one (static exports end every URL so).
LIST_URL_HINTS = re.compile(
    r"(?:[?&](?:page|p|pn|pg)=\d+|/page/\d+/?(?:index\.s?html?)?|/index_\d+\.s?html?|/list[^/]*|/tags?/[^/]+/?"
    r"|/category/[^/]+/?)$",
    re.IGNORECASE,
)
#: A run of teaser items that makes a page a list: this many items covering this share of the body region
#: (two items when they cover nearly all of it).
TEASER_ITEMS = 3
TEASER_SHARE = 0.6
TEASER_SHARE_OF_TWO = 0.9
#: A body whose lines are more than this share link text is a list of links, not an article's text.
BODY_LINK_SHARE = 0.5
#: Body characters an article needs: declared by its markup; with a byline or a date; with a byline or date
#: and an article-shaped URL; with nothing else.
DECLARED_MIN_CHARS = 80
TEXT_MIN_CHARS = 150
BRIEF_MIN_CHARS = 60
LONG_MIN_CHARS = 400
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
    declared = declared_article(signals)
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
    """Return ``"article"`` or ``"hub"``: profile patterns first, else the page's evidence (``kind_reason``)."""
    return kind_reason(url, profile, signals)[0]


def kind_reason(
    url: str, profile: SiteProfile | None, signals: Mapping[str, Any] | None = None
) -> tuple[str, str]:
    """``page_kind`` with the reason for it: ``profile`` (its patterns decided), else ``evidence_kind``'s."""
    if profile and (profile.article_patterns or profile.list_patterns):
        if matches(url, profile.article_patterns):
            return "article", "profile"
        if matches(url, profile.list_patterns) or profile.article_patterns:
            return "hub", "profile"
    return evidence_kind(url, signals or {})


def may_be_article(url: str, profile: SiteProfile | None) -> bool:
    """Before fetching: False for a URL the profile's patterns make a hub or that is shaped like a list page."""
    if profile and (profile.article_patterns or profile.list_patterns):
        return page_kind(url, profile) == "article"
    path = path_and_query(url)
    return article_url(url) or not (urlsplit(url).path in ("", "/") or HUB_URL_HINTS.search(path))


def article_url(url: str) -> bool:
    """The URL is shaped like an article's (a date, a long numeric id, a long slug): a hint, never a verdict."""
    path = path_and_query(url)
    return url_date(url) is not None or any(p.search(path) for p in ARTICLE_URL_HINTS)


def list_url(url: str) -> bool:
    """The URL is shaped like a list page's (pagination, a list/tag/category path) and not like an article's."""
    return bool(LIST_URL_HINTS.search(path_and_query(url))) and not article_url(url)


def declared_article(signals: Mapping[str, Any]) -> bool:
    """The page declares itself an article: og:type, the JSON-LD @type or a microdata itemtype."""
    declared = " ".join(str(signals.get(key) or "") for key in ("og_type", "jsonld_type", "microdata_type"))
    return bool(ARTICLE_TYPES.search(declared))


def evidence_kind(url: str, signals: Mapping[str, Any]) -> tuple[str, str]:
    """Article or hub from what the page shows, with the reason; the URL's shape only tips a page whose own
    evidence is thin (a short or undated text), never one with a clear verdict.

    In order: a body region that is a run of teaser items is a list (``teasers``), whatever the page declares
    (a live-blog front typed as an article), and so is a body that is mostly link text (``links``); a
    declared article with text is one (``declared``); a text with a byline is one (``byline``), and so is one
    with a date (``dated``) or a long one (``long``) unless the URL is a list's (pagination, ``/tag/``, the
    site root); a shorter text with a byline or a date is one when the URL looks like an article's
    (``brief``); the rest are hubs (``thin``).
    """
    body = int(signals.get("body_chars") or 0)
    items = int(signals.get("teaser_items") or 0)
    share = float(signals.get("teaser_share") or 0.0)
    if (items >= TEASER_ITEMS and share >= TEASER_SHARE) or (items >= 2 and share >= TEASER_SHARE_OF_TWO):
        return "hub", "teasers"
    if float(signals.get("body_link_share") or 0.0) > BODY_LINK_SHARE:
        return "hub", "links"
    if declared_article(signals) and body >= DECLARED_MIN_CHARS:
        return "article", "declared"
    byline, dated = bool(signals.get("has_byline")), bool(signals.get("dated"))
    listed = list_url(url) or urlsplit(url).path in ("", "/")
    hinted = article_url(url)
    if body >= TEXT_MIN_CHARS and byline:
        return "article", "byline"
    if body >= TEXT_MIN_CHARS and dated and not listed:
        return "article", "dated"
    if body >= BRIEF_MIN_CHARS and (byline or dated) and hinted:
        return "article", "brief"
    if body >= LONG_MIN_CHARS and not listed:
        return "article", "long"
    return "hub", "thin"
