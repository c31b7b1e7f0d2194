"""Teaser lists: the body region of a list page is a run of items that each lead with a headline link.

A section front, a list page, an author page or a live-blog front shows, where an article shows its text,
sibling items (``li``, ``div``, ``article``, table rows) that each open with one headline link (or a short
title next to its date) to another page, mostly of the same site, often with a standfirst. An article holds
at most a few such items (a related list that no heading announced), and its inline links sit inside prose.
``teasers`` measures the largest run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler.pages.dom import Stats, clean_space, is_link, text_content
from crawler.urls import registrable_domain

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
#: A headline link's text: at least this many Han (kana, hangul) characters, or words and characters.
_HEAD_CJK = 6
_HEAD_WORDS = 3
_HEAD_CHARS = 15
#: A shorter link text opens a teaser when a date sits next to it (a list of names or short titles with
#: their dates), in an item of at most this many characters.
_SHORT_MIN = 2
_DATED_ITEM_MAX = 120
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}月\d{1,2}日|(?<!\d)\d{1,2}-\d{1,2}(?!\d)"
)
#: An item's text may open with this many characters (a date, a number, a section label) before its link.
_LEAD_SLACK = 12
#: Else the link must be at least this share of the item's text (headline plus a short standfirst).
_ITEM_LINK_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class Teasers:
    """The largest run of teaser items in the body region."""

    #: Sibling items under one parent, each leading with a headline link to another page, at least half of
    #: them on the same site (a link roundup that points elsewhere is a post of its own).
    items: int = 0
    #: Their share of the body region's text (0 to 1).
    share: float = 0.0


def headline_text(text: str) -> bool:
    """A link text long enough to be a headline (menus, tags and "more" links are shorter)."""
    cjk = len(_CJK.findall(text))
    if cjk >= _HEAD_CJK // 2:
        return cjk >= _HEAD_CJK
    return len(text.split()) >= _HEAD_WORDS and len(text) >= _HEAD_CHARS


def teasers(nodes: Iterable[etree._Element], table: dict[etree._Element, Stats], url: str) -> Teasers:
    """The largest run of teaser items inside ``nodes`` (the body region), with ``table``'s figures."""
    nodes = list(nodes)
    region = sum(table[n].text for n in nodes if n in table)
    if not region:
        return Teasers()
    site = _site(url)
    runs: dict[etree._Element, list[int]] = {}
    for node in nodes:
        heads = _teaser_links(node, url, table)
        holders: dict[etree._Element, int] = {}
        for anchor in heads:
            for up in anchor.iterancestors():
                holders[up] = holders.get(up, 0) + 1
                if up is node:
                    break
        for anchor in heads:
            item = anchor
            parent = item.getparent()
            while parent is not None and parent is not node and holders.get(parent) == 1:
                item, parent = parent, parent.getparent()
            if parent is None or not _leads(item, anchor, table):
                continue
            run = runs.setdefault(parent, [0, 0, 0])
            run[0] += 1
            run[1] += table[item].text
            run[2] += _site(urljoin(url, anchor.get("href", "").strip())) == site
    if not runs:
        return Teasers()
    items, chars, same_site = max(runs.values())
    if 2 * same_site < items:
        return Teasers()
    return Teasers(items, round(min(1.0, chars / region), 3))


def _site(url: str) -> str:
    return registrable_domain(urlsplit(url).hostname or "")


def _teaser_links(node: etree._Element, url: str, table: dict[etree._Element, Stats]) -> list[etree._Element]:
    """The links under ``node`` that may open a teaser: a headline's text, or a shorter text (a name, a
    title of a few characters) next to a date, where no headline link shares their parent."""
    links = [a for a in node.iter("a") if _page_link(a, url)]
    texts = {a: clean_space(text_content(a)) for a in links}
    heads = {a for a in links if headline_text(texts[a])}
    headed = {a.getparent() for a in heads}
    out = []
    for anchor in links:
        if anchor in heads:
            out.append(anchor)
            continue
        parent = anchor.getparent()
        if len(texts[anchor]) < _SHORT_MIN or parent is None or parent in headed:
            continue
        stat = table.get(parent)
        if stat is not None and stat.text <= _DATED_ITEM_MAX and _DATE.search(text_content(parent)):
            out.append(anchor)
    return out


def _page_link(anchor: etree._Element, url: str) -> bool:
    """A link to another page."""
    if not is_link(anchor):
        return False
    href = str(anchor.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return False
    return urljoin(url, href).split("#", 1)[0] != url.split("#", 1)[0]


def _leads(item: etree._Element, anchor: etree._Element, table: dict[etree._Element, Stats]) -> bool:
    """The item opens with its link (after at most a short label) or the link is a good share of it."""
    item_stat, link_stat = table.get(item), table.get(anchor)
    if item_stat is None or link_stat is None or not item_stat.text:
        return False
    if link_stat.text >= _ITEM_LINK_SHARE * item_stat.text:
        return True
    opening = clean_space(text_content(item))
    head = clean_space(text_content(anchor))[:10]
    return bool(head) and 0 <= opening.find(head) <= _LEAD_SLACK
