"""The Article item: the fields the archive stores, each with its format contract.

See README § Fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Marker stored in ``authors`` when the page names its author as anonymous (佚名, 匿名, 未知 ...).
ANONYMOUS = "anonymous"


@dataclass
class Article:
    """One news article as extracted from one fetched page, then cleaned by the pipelines."""

    url: str
    """The URL that was fetched (after redirects), absolute."""

    body: str = ""
    """Main text: paragraphs separated by one blank line, no leading/trailing whitespace."""

    canonical_url: str | None = None
    """rel=canonical / og:url when it is trusted (same site, not a home or section page), else None."""

    site: str | None = None
    """Site profile name (``caigou``), or the host when the crawl has no profile."""

    title: str | None = None
    """Headline, whitespace collapsed, control and bidi characters removed."""

    published_at: str | None = None
    """Publish time, ISO 8601 at the precision the page gives: with offset (``2017-12-19T11:08:00+08:00``); a
    date alone (``2017-12-19``) when the page shows no time; a naive local time (``2017-12-19T11:08:00``) when
    the page gives no zone and none is known for the site (see README § Fields)."""

    published_raw: str | None = None
    """The publish-time string exactly as found on the page (or in the URL)."""

    authors: list[str] = field(default_factory=list)
    """Author names; ``["anonymous"]`` when the page says 佚名 or the like."""

    source: str | None = None
    """来源: the outlet a reprint came from (``齐鲁在线``); None when not stated."""

    editors: list[str] = field(default_factory=list)
    """责任编辑 / 编辑 / 责编 names."""

    view_count: int | None = None
    """View counter shown on the page at fetch time (围观357次 -> 357). Volatile: never hashed."""

    lang: str | None = None
    """Language code such as ``zh`` or ``en`` (from <html lang> or detected from the text)."""

    related: list[dict[str, Any]] = field(default_factory=list)
    """Related-reading links: dicts with ``url``, ``title``, ``snippet``, ``source``, ``date``."""

    fetched_at: str | None = None
    """When the page was fetched, ISO 8601 UTC (``2026-11-28T15:00:00+00:00``)."""

    # Filled in by the pipelines and the spider, not by page extraction.
    url_key: str | None = None
    """Canonical key of the article's identity URL (see ``crawler.urls.canonicalize``)."""

    content_hash: str | None = None
    """SHA-1 hex of the normalised cleaned body (volatile parts excluded)."""

    removed: dict[str, list[str]] = field(default_factory=dict)
    """Audit trail: boilerplate rule name -> the lines or blocks that rule removed."""

    redirect_urls: list[str] = field(default_factory=list)
    """URLs that redirected to ``url`` during the fetch, oldest first."""

    date_source: str | None = None
    """Where ``published_at`` came from: ``selector``, ``jsonld``, ``meta``, ``time``, ``byline``, ``relative``,
    ``labelled``, ``script``, ``url``, ``signing``, ``text`` (see crawler/pages/published.py), or ``listing``."""

    encoding: str | None = None
    """The character encoding the page was decoded with."""
