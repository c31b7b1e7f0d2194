"""Verdicts on a page's extracted fields: why an item is not an article to keep (pure, no Scrapy).

The validate pipeline, the spider and the tests read the same reasons. See README § Pipelines and
reliability-checklist §4.4 (soft-404, boilerplate-only).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from crawler.pages.dates import url_date
from crawler.pages.links import ARTICLE_TYPES

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
