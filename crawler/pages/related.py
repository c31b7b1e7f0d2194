"""Related-reading items: url, title, snippet, source and date of each link in a related block."""

from __future__ import annotations

import re
from collections.abc import Container
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler.pages.dates import parse_date
from crawler.pages.dom import clean_space, text_content
from crawler.pages.textlines import line_texts, lines

_SOURCE_DATE = re.compile(
    r"^(?P<source>.*?)\s*[（(\[]?(?P<date>(?:(?:19|20)\d{2}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2})?)"
    r"[)）\]]?$"
)
_FULL_YEAR = re.compile(r"(19|20)\d{2}")
_MIN_TITLE = 4


def _titles(block: etree._Element) -> dict[etree._Element, str]:
    """The text of every link of a block (spaces collapsed), each read once."""
    return {a: clean_space(text_content(a)) for a in block.iter("a")}


def _holders(titled: list[etree._Element], block: etree._Element) -> dict[etree._Element, int]:
    """For ``block`` and each element inside it, how many of the ``titled`` links it holds (itself included)."""
    count: dict[etree._Element, int] = {}
    for anchor in titled:
        node: etree._Element | None = anchor
        while node is not None:
            count[node] = count.get(node, 0) + 1
            if node is block:
                break
            node = node.getparent()
    return count


def _item_root(
    anchor: etree._Element, block: etree._Element, holders: dict[etree._Element, int]
) -> etree._Element:
    """Climb from a link to the largest ancestor inside ``block`` that holds no other titled link."""
    node = anchor
    while True:
        parent = node.getparent()
        if parent is None or node is block:
            return node
        if holders.get(parent, 0) > 1:  # ``parent`` is inside ``block``
            return node
        node = parent


def _item(
    anchor: etree._Element,
    block: etree._Element,
    base: str,
    tz: str | None,
    reference: date | datetime | None,
    title: str,
    holders: dict[etree._Element, int],
    shown: Container[etree._Element] | None,
) -> dict[str, Any] | None:
    href = (anchor.get("href") or "").strip()
    if not href or href.startswith(("javascript:", "#", "mailto:")) or len(title) < _MIN_TITLE:
        return None
    root = _item_root(anchor, block, holders)
    texts = line_texts(root, shown) if shown is not None else [line.text for line in lines(root)]
    rest = [text.removeprefix(title).strip() for text in texts]
    rest = [text for text in rest if text]
    source = raw_date = snippet = None
    for text in rest:
        # the pattern is tried only where its answer is used (on a long snippet it costs some microseconds)
        match = _SOURCE_DATE.match(text) if raw_date is None and len(text) <= 40 else None
        if match:
            source, raw_date = (match["source"].strip() or None), match["date"]
        elif snippet is None or len(text) > len(snippet):
            snippet = text
    value: str | None = raw_date
    if raw_date and _FULL_YEAR.match(raw_date):
        value = parse_date(raw_date, tz, reference) or raw_date
    return {"url": _absolute(base, href), "title": title, "snippet": snippet, "source": source, "date": value}


#: Path-absolute links already made absolute, by the base's scheme and host: related lists repeat.
_JOINED: dict[tuple[str, str, str], str] = {}
_JOINED_SIZE = 4096


def _absolute(base: str, href: str) -> str:
    """``urljoin(base, href)``, remembered for a path-absolute ``href`` ("/a/b.html") under an http(s) base,
    where the result depends on nothing else of the base than its scheme and host."""
    if href[:1] != "/" or href[:2] == "//":
        return urljoin(base, href)
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return urljoin(base, href)
    key = (parts.scheme, parts.netloc, href)
    found = _JOINED.get(key)
    if found is None:
        if len(_JOINED) >= _JOINED_SIZE:
            _JOINED.clear()
        found = _JOINED[key] = urljoin(base, href)
    return found


#: Tags of page furniture (outside an ``<article>``, whose own footer may hold its related links), and the
#: copyright notice of a site footer: a heading there (a footer's 相关信息 over the site's terms) opens no
#: related reading.
_FURNITURE = frozenset(["footer", "nav", "header"])
_COPYRIGHT = re.compile(r"©|Copyright|版权所有|版权声明|All [Rr]ights [Rr]eserved")


def _page_furniture(block: etree._Element) -> bool:
    """A page's footer, navigation or header, or a block holding a copyright notice."""
    if block.tag in _FURNITURE and next(block.iterancestors("article"), None) is None:
        return True
    return bool(_COPYRIGHT.search(text_content(block)))


def related_items(
    blocks: list[etree._Element],
    base: str,
    tz: str | None,
    reference: date | datetime | None = None,
    shown: Container[etree._Element] | None = None,
) -> list[dict[str, Any]]:
    """Items of every related block, deduplicated by URL, in page order (``shown``: see ``textlines.lines``)."""
    out: dict[str, dict[str, Any]] = {}
    for block in blocks:
        if _page_furniture(block):
            continue
        titles = {block: clean_space(text_content(block))} if block.tag == "a" else _titles(block)
        holders = _holders([a for a, title in titles.items() if len(title) >= _MIN_TITLE], block)
        for anchor, title in titles.items():
            item = _item(anchor, block, base, tz, reference, title, holders, shown)
            if item and item["url"] not in out:
                out[item["url"]] = item
    return list(out.values())
