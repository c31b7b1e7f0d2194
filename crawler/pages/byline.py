"""Byline regions in the DOM: credit lines after the body container, the info lines after a title line.

See chinese-news.md §2.2: credit lines (来源/作者/责任编辑) sit right after the title or after the body,
and on many CMSs outside the body container. Pure functions over one lxml tree.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Iterable, Iterator
from datetime import UTC, datetime
from itertools import chain

from lxml import etree

from crawler.cleaning.credits import is_credit_line
from crawler.cleaning.infoline import name_line
from crawler.cleaning.names import is_account_kind, is_ui_word
from crawler.pages import dom, textlines
from crawler.pages.dates import relative_date, search_date

_STOP_TAGS = frozenset({"body", "html"})
#: A label that may open a line of names ("by: Laurie Oakes", "From: Herald Sun").
_NAMES_LABEL = re.compile(r"^\s*(?:by|from|von|par|por|作者|来源)\s*[:：]?\s*", re.IGNORECASE)
_NAMES_SPLIT = re.compile(r"\s*(?:[,，;；/、|&]|\band\b)\s*", re.IGNORECASE)
_NAMES_MAX = 120
#: A sentence mark: a line holding one is no line of names (a headline the author markup took by mistake).
_EXCLAIM = re.compile(r"[!?！？。…]")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def following_elements(node: etree._Element, limit: int) -> Iterator[etree._Element]:
    """Up to ``limit`` elements after ``node`` in document order: its siblings, then each ancestor's."""
    count = 0
    current: etree._Element | None = node
    while current is not None and dom.tag_of(current) not in _STOP_TAGS:
        for sibling in current.itersiblings():
            if not dom.tag_of(sibling):
                continue
            yield sibling
            count += 1
            if count >= limit:
                return
        current = current.getparent()


def names_only(text: str, names: Collection[str]) -> bool:
    """True for a short line made only of ``names`` (casefolded), after an optional "by"/"From:" label:
    "Meg Kinnard and Errin Haines, Associated Press" when the page's markup names all three."""
    if len(text) > _NAMES_MAX or _EXCLAIM.search(text):
        return False
    rest = _NAMES_LABEL.sub("", text, count=1).strip()
    parts = [part for part in _NAMES_SPLIT.split(rest) if part.strip()]
    return rest.casefold() in names or (
        bool(parts) and all(part.strip().casefold() in names for part in parts)
    )


def trailing_credit_lines(
    last: etree._Element | None, limit: int = 6, shown: Container[etree._Element] | None = None
) -> list[str]:
    """Credit lines in the elements right after the body container, until the first other text.

    Elements without visible text (ads, images) are passed over; a line that is not a credit line ends
    the search, so a related list or a comment area further down is never read.
    """
    if last is None:
        return []
    found: list[str] = []
    for element in following_elements(last, limit):
        lines = textlines.iter_lines(element, shown=shown)
        first = next(lines, None)
        if first is None:
            continue
        if dom.tag_of(element) in _HEADINGS or any(True for _ in element.iter(*_HEADINGS)):
            break  # a new section (related reading, comments) starts
        texts: list[str] = []
        for line in chain([first], lines):  # read no further than the first line that is no credit
            if not is_credit_line(line.text):
                return found
            texts.append(line.text)
        found.extend(texts)
    return found


_NOT_WORD = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text).casefold()


def title_line(texts: list[str], title: str) -> int | None:
    """Index of the line that shows the headline: an exact match first, else the shortest line holding it."""
    return _title_line(texts, title, 0)[1]


def lines_after_title(texts: Iterable[str], title: str, count: int) -> list[str]:
    """Up to ``count`` lines after the line showing the headline among ``texts`` (read no further)."""
    read, index = _title_line(texts, title, count)
    return [] if index is None else read[index + 1 : index + 1 + count]


def _title_line(texts: Iterable[str], title: str, after: int) -> tuple[list[str], int | None]:
    """``title_line`` over lines read lazily: the lines read and the index; stops ``after`` lines past an
    exact match."""
    read: list[str] = []
    wanted = _key(title)
    if len(wanted) < 4:
        return read, None
    holding: list[tuple[int, int]] = []  # (key length, index) of lines holding the headline
    exact = None
    for text in texts:
        read.append(text)
        if exact is not None:
            if len(read) > exact + after:
                break
            continue
        key = _key(text)
        if key == wanted:
            exact = len(read) - 1
            if not after:
                break
        elif wanted in key and len(key) <= 1.5 * len(wanted) + 20:
            holding.append((len(key), len(read) - 1))
    if exact is not None:
        return read, exact
    return read, min(holding)[1] if holding else None


_INFO_LINES = 6
_INFO_MAX = 80
_RELATIVE_MAX = 40


#: A line the page labels as its publication time (发布时间：…), whatever the date's shape after it.
_PUBLISHED = re.compile(r"^\s*(?:发布|发表|发稿)(?:时间|日期)\s*[:：]")
_PUBLISHED_MAX = 40
_ANY_TIME = datetime(2000, 1, 1, tzinfo=UTC)


def is_info_line(text: str, tz: str, now: datetime | None = None) -> bool:
    """A credit line, a short dated line, a short line labelled as the publication time, or a short relative
    date such as 3小时前."""
    if len(text) > 200:
        return False
    if is_credit_line(text):
        return True
    if len(text) > _INFO_MAX:
        return False
    if search_date(text, tz, None) is not None or (len(text) <= _PUBLISHED_MAX and _PUBLISHED.match(text)):
        return True
    # a relative date (昨天, 3小时前) makes an info line; on a Chinese page whether or not the crawl time is
    # known (the account beside it is the source: ``infoline``)
    if now is None and tz != "Asia/Shanghai":
        return False
    return len(text) <= _RELATIVE_MAX and relative_date(text, now or _ANY_TIME, tz) is not None


def _info_after(texts: list[str], index: int, tz: str, now: datetime | None) -> list[str]:
    """The info lines among the lines after the title, with a line of one name right above one, above a
    follow button or above its account's kind (the account or outlet on a line of its own: "某某号" over
    "发布时间：…", "关注" or "企鹅号")."""
    out = []
    window = texts[index + 1 : index + 1 + _INFO_LINES]
    known: dict[int, bool] = {}

    def info(at: int) -> bool:
        if at not in known:
            known[at] = is_info_line(window[at], tz, now)
        return known[at]

    for at, text in enumerate(window):
        named = at + 1 < len(window) and name_line(text)
        beside = window[at + 1] if named else ""
        if info(at) or (named and (info(at + 1) or is_ui_word(beside) or is_account_kind(beside))):
            out.append(text)
        elif len(text) > _INFO_MAX:
            break
    return out


def info_lines(
    root: etree._Element,
    headline: str | None,
    node: etree._Element | None,
    tz: str,
    now: datetime | None = None,
    shown: Container[etree._Element] | None = None,
) -> list[str]:
    """The info lines (dates, credits) right after the title element, or after the line showing the headline.

    ``shown``: the page's statistics table, when the caller has it (see ``textlines.lines``).
    """
    if node is None:
        body = root.find("body")
        page = (line.text for line in textlines.iter_lines(body if body is not None else root, shown=shown))
        texts, index = _title_line(page, headline or "", _INFO_LINES)
        return [] if index is None else _info_after(texts, index, tz, now)
    title = dom.clean_space(textlines.text_of([node]))
    if not title:
        return []  # no line can show an empty headline
    for ancestor in node.iterancestors():
        found: list[str] = []
        index = None
        # up to the info lines after the first line showing the title
        for line in textlines.iter_lines(ancestor, shown=shown):
            found.append(line.text)
            if index is None and title in line.text:
                index = len(found) - 1
            if index is not None and len(found) > index + _INFO_LINES:
                break
        if index is None:
            continue
        if len(found) - index - 1 < 3 and ancestor.getparent() is not None:
            continue
        return _info_after(found, index, tz, now)
    return []
