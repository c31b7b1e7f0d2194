"""Dates that list pages show next to their links (for newest-first order and --since before fetching).

Pure function over one parsed page; see README § Scheduled jobs. ``<li><a href=..>title</a><span>2024-03-01
</span></li>``, ``2024年3月1日``, ``1 March 2024``, ``<time datetime>`` and year-less ``03-01`` (the most
recent such day not after the crawl date) are read; the link's own text never gives a date unless a part of
it is only a date, so a title mentioning a day is not taken for the listing date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector

from crawler.pages.dates import DateMatch, search_date
from crawler.pages.dom import clean_space

#: Tags that end an entry of a list: the climb from a link stops there.
ITEM_TAGS = frozenset({"li", "tr", "dd", "dt", "article"})
#: Containers never taken as one entry.
LIST_TAGS = frozenset({"ul", "ol", "dl", "table", "tbody", "thead", "body", "html", "main", "nav"})
#: A link with a shorter text is a pager or "more" link, not a listed article.
MIN_TITLE = 4
#: Only short text segments are read: a date line, not a summary that mentions a day.
MAX_SEGMENT = 60
#: An entry with more text than this is not a list entry (an article body holding a link).
MAX_ITEM_TEXT = 600
_CLIMB = 4
_TIME_ONLY = re.compile(r"\d{1,2}\s*[:：时]\s*\d{2}")
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


def base_url(url: str, selector: Selector) -> str:
    """The URL that relative links of the page resolve against (``<base href>`` or the page URL)."""
    base = selector.xpath("//base/@href").get()
    return urljoin(url, base.strip()) if base else url


def list_dates(url: str, selector: Selector, tz: str | None, today: date, limit: int = 500) -> dict[str, str]:
    """Map each linked URL (absolute, without fragment) to the date the page shows next to the link.

    Values are ``YYYY-MM-DD``, or ISO 8601 when a time is shown: local to ``tz``, naive when ``tz`` is None. Dates
    after ``today`` (plus a day for time zones) are ignored. The first dated occurrence of a URL wins; a URL
    is examined at most twice (a headline slot, then the dated list), at most ``limit`` URLs and ``20 *
    limit`` links in all, so a page with a huge number of links costs little.
    """
    base = base_url(url, selector)
    out: dict[str, str] = {}
    tries: dict[str, int] = {}
    for scanned, anchor in enumerate(selector.root.iter("a")):
        if scanned >= 20 * limit:
            break
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        target = urljoin(base, href).split("#", 1)[0]
        if target in out or tries.get(target, 0) >= 2 or not _titled(anchor):
            continue
        if target not in tries and len(tries) >= limit:
            break
        tries[target] = tries.get(target, 0) + 1
        found = anchor_date(anchor, tz, today)
        if found is not None:
            out[target] = found
    return out


def anchor_date(anchor: etree._Element, tz: str | None, today: date) -> str | None:
    """The date shown with one link: a ``<time datetime>``, else the first short dated text of its entry."""
    item = entry_of(anchor)
    if item is None:
        return None
    for node in _time_nodes(anchor, item):
        found = _accept(search_date(node.get("datetime") or "", tz, today), today)
        if found:
            return found
    for text, inside in _segments(anchor, item):
        match = search_date(text, tz, today)
        if match is None or (inside and len(text) - len(match.raw) > 4):
            continue  # inside the link only a part that is nothing but a date counts
        found = _accept(match, today)
        if found:
            return found
    return None


def entry_of(anchor: etree._Element) -> etree._Element | None:
    """The list entry around a link: the largest ancestor (a few levels up) holding no other titled link.

    Returns the anchor itself when its parent holds other links (``<a>t</a><span>date</span><br><a>..``:
    the text after it up to the next link is read), and None when the entry is too long to be one.
    """
    href = anchor.get("href")
    node = anchor
    for _ in range(_CLIMB):
        if node.tag in ITEM_TAGS:
            break
        parent = node.getparent()
        if parent is None or not isinstance(parent.tag, str) or parent.tag in LIST_TAGS:
            break
        if any(other.get("href") != href and _titled(other) for other in parent.iter("a")):
            break
        node = parent
    text = "".join(node.itertext()) if node is not anchor else ""
    return None if len(clean_space(text)) > MAX_ITEM_TEXT else node


def _titled(anchor: etree._Element) -> bool:
    return len(clean_space("".join(anchor.itertext()))) >= MIN_TITLE


def _time_nodes(anchor: etree._Element, item: etree._Element) -> Iterator[etree._Element]:
    scope = [item] if item is not anchor else [anchor, *_following(anchor)]
    for root in scope:
        yield from (n for n in root.iter("time") if n.get("datetime"))


def _following(anchor: etree._Element) -> list[etree._Element]:
    """Siblings after a link up to the next link or line break (for entries that are not wrapped)."""
    out = []
    for sibling in anchor.itersiblings():
        if (
            not isinstance(sibling.tag, str)
            or sibling.tag in ("a", "br")
            or next(sibling.iter("a"), None) is not None
        ):
            break
        out.append(sibling)
    return out


def _segments(anchor: etree._Element, item: etree._Element) -> Iterator[tuple[str, bool]]:
    """Short text segments of the entry in page order, each flagged when it is inside the link."""
    if item is anchor:
        yield from _texts(anchor, inside=True)
        tail = clean_space(anchor.tail or "")
        if tail:
            yield tail[:MAX_SEGMENT], False
        for sibling in _following(anchor):
            yield from _texts(sibling, inside=False)
            if sibling.tail and clean_space(sibling.tail):
                yield clean_space(sibling.tail)[:MAX_SEGMENT], False
        return
    inside_nodes = set(anchor.iter())
    for node in item.iter():
        if not isinstance(node.tag, str) or node.tag in _SKIP_TAGS:
            continue
        parts = [(node.text, node in inside_nodes)]
        if node is not item:  # the entry's own tail belongs to the next entry
            parts.append((node.tail, _tail_inside(node, anchor)))
        for text, is_inside in parts:
            segment = clean_space(text or "")
            if segment and len(segment) <= MAX_SEGMENT:
                yield segment, is_inside


def _tail_inside(node: etree._Element, anchor: etree._Element) -> bool:
    """True when the text after ``node`` still belongs to the link (node is a descendant of the anchor)."""
    return node is not anchor and any(parent is anchor for parent in node.iterancestors())


def _texts(node: etree._Element, inside: bool) -> Iterator[tuple[str, bool]]:
    for text in node.itertext():
        segment = clean_space(text)
        if segment and len(segment) <= MAX_SEGMENT:
            yield segment, inside


def _accept(match: DateMatch | None, today: date) -> str | None:
    """The listed form of a date shown on a page, or None when it lies in the future."""
    if match is None:
        return None
    moment = datetime.fromisoformat(match.iso)
    if moment.date() > today + timedelta(days=1):
        return None
    return match.iso if _TIME_ONLY.search(match.raw) else moment.date().isoformat()
