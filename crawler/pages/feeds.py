"""Sitemaps, RSS/Atom feeds and robots.txt sitemap lines: entries with their dates, parsed safely.

XML is parsed with entity resolution and network access off (no XXE, no billion laughs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "recover": True, "huge_tree": False}
_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class FeedEntry:
    """One URL listed by a sitemap or feed, with the date it gives (raw string) when any."""

    url: str
    date: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class FeedDocument:
    """A parsed sitemap/feed: ``kind`` is sitemapindex, urlset, rss, atom or unknown."""

    kind: str
    entries: tuple[FeedEntry, ...] = ()


def robots_sitemaps(base_url: str, robots_txt: str) -> list[str]:
    """Return the absolute sitemap URLs a robots.txt declares."""
    return [urljoin(base_url, m.group(1)) for m in _SITEMAP_LINE.finditer(robots_txt)]


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(node: etree._Element, *names: str) -> str | None:
    for child in node:
        text = child.text
        if _local(child.tag) in names and isinstance(text, str) and text.strip():
            return text.strip()
    return None


def looks_like_feed(body: bytes) -> bool:
    """Return True when the body starts like an XML sitemap or feed."""
    head = body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") or any(
        t in head for t in (b"<rss", b"<feed", b"<urlset", b"<sitemapindex")
    )


def parse_feed(base_url: str, body: bytes) -> FeedDocument:
    """Parse a sitemap, sitemap index, RSS or Atom document into entries."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(**_PARSER_OPTIONS))
    except (etree.XMLSyntaxError, ValueError):
        return FeedDocument("unknown")
    if root is None:
        return FeedDocument("unknown")
    kind = _local(root.tag)
    entries: list[FeedEntry] = []
    if kind in ("urlset", "sitemapindex"):
        for node in root:
            loc = _child_text(node, "loc")
            if loc:
                date = _child_text(node, "lastmod") or _news_date(node)
                entries.append(FeedEntry(urljoin(base_url, loc), date))
    elif kind == "rss" or kind == "rdf":
        for item in root.iter():
            if _local(item.tag) == "item":
                link = _child_text(item, "link", "guid")
                if link:
                    date = _child_text(item, "pubdate", "date", "published")
                    entries.append(FeedEntry(urljoin(base_url, link), date, _child_text(item, "title")))
        kind = "rss"
    elif kind == "feed":
        for entry in root:
            if _local(entry.tag) != "entry":
                continue
            href = next((c.get("href") for c in entry if _local(c.tag) == "link" and c.get("href")), None)
            if href:
                date = _child_text(entry, "published", "updated")
                entries.append(FeedEntry(urljoin(base_url, href), date, _child_text(entry, "title")))
        kind = "atom"
    else:
        kind = "unknown"
    return FeedDocument(kind, tuple(entries))


def _news_date(node: etree._Element) -> str | None:
    for child in node.iter():
        text = child.text
        if _local(child.tag) == "publication_date" and isinstance(text, str):
            return text.strip()
    return None
