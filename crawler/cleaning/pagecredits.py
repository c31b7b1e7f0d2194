"""Credits read from a whole page or paragraph: the first byline among the page's lines, an editor line
anywhere after the text, trailing signatures and blog posters (see ``credits`` for one line)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.cleaning.credits import (
    HAN_NAMES,
    REPORTER,
    Credits,
    has_label,
    is_credit_line,
    normalize_names,
    parse_credits,
)
from crawler.cleaning.names import is_outlet

_AUTHOR_LABEL = re.compile(r"(?:^|\s)作者\s*[:：]")
_CLOSING_NAMES = re.compile(
    rf"[。！？!?.”」]\s*[（(]\s*(?:(?:{REPORTER}|文/图|图/文|文图|文/|图/)\s*)?"
    rf"(?P<names>{HAN_NAMES}|[\u4e00-\u9fff]{{5,10}})\s*[）)]\s*$"
)
_OUTLET_END = re.compile(r"(?:网|报|社|台|刊|新闻|消息|电|讯|图|完)$")
#: What a citation in brackets holds, never a signature: （以上数据来自某某统计局）.
_CITATION = re.compile(r"来自|来源|据|数据|资料|引自|参考|详见|见|注")
_POSTER_BEFORE = re.compile(
    r"^(?!今天|昨天|前天|刚刚)(?P<name>[\w.&-]{2,20})\s+(?:发表于|发布于|posted\s+(?:at|on))\s*[:：]?\s*(?:19|20)\d{2}"
)
_POSTED_BY = re.compile(r"(?:19|20)\d{2}\S*\s+\d{1,2}:\d{2}(?::\d{2})?\s+by\s+(?P<name>[\w.&-]{2,20})")


def closing_names(paragraph: str) -> tuple[str, ...]:
    """Reporter names in brackets closing an article's last paragraph: "…新春佳节。（常书香 马丹阳）"."""
    match = _CLOSING_NAMES.search(paragraph.replace("\xa0", " ").replace("\u3000", " "))
    if not match or _CITATION.search(match["names"]):
        return ()
    names = normalize_names(match["names"])
    return () if any(_OUTLET_END.search(name) or is_outlet(name) for name in names) else names


def poster(text: str) -> tuple[str, ...]:
    """The poster of a blog or forum entry: "ggjj 发表于 2005-9-15 11:46", "发布时间 2005/03/15 by duscha"."""
    line = text.replace("\xa0", " ").replace("\u3000", " ").strip()
    match = _POSTED_BY.search(line) or _POSTER_BEFORE.match(line)
    return normalize_names(match["name"]) if match else ()


def first_author_line(lines: Iterable[str]) -> Credits:
    """The first credit line naming an author, or a blog/forum poster line, among ``lines`` (read only as far as
    that line); empty Credits when there is none."""
    for text in lines:
        labelled = len(text) <= 100 and _AUTHOR_LABEL.search(text)
        if is_credit_line(text) or labelled:
            found = parse_credits(text)
            if found.authors:
                return found
        names = poster(text) if len(text) <= 100 else ()
        if names:
            return Credits(authors=names)
    return Credits()


_EDITOR_MAX = 60


def first_editor_line(lines: Iterable[str]) -> tuple[str, ...]:
    """The editors of the first short credit line naming editors among ``lines`` (read only as far as that
    line): "责任编辑：王一" below the text, outside the body's container."""
    for text in lines:
        if len(text) <= _EDITOR_MAX and has_label(text) and is_credit_line(text):
            editors = parse_credits(text).editors
            if editors:
                return editors
    return ()


#: An editor label and the text after it, up to the next tag, in a page's HTML source.
_EDITOR_RUN = re.compile(r"(?:责任编辑|责编)\s*[:：][^<>\n]{1,40}")
_EDITOR_LABELS = ("责任编辑", "责编")


def editor_runs(html: str) -> list[str]:
    """Editor lines (责任编辑：王一) in a page's HTML source, each up to its tag's end, in document order:
    read when the cleaned page names no editor (the line sat in a share box or a related list)."""
    found = []
    for label in _EDITOR_LABELS:  # a plain search first: a regex scan of the whole page costs ~10x more
        start = html.find(label)
        while start != -1:
            match = _EDITOR_RUN.match(html, start)
            if match and _shown(html, start):
                found.append((start, match[0]))
            start = html.find(label, start + len(label))
    return [text for _, text in sorted(found)]


def _shown(html: str, start: int) -> bool:
    """True when the text at ``start`` is element text: not inside a tag (an ``alt``/``title`` attribute, which
    LABELS.md leaves unused), a comment or a script."""
    if html.rfind("<", 0, start) > html.rfind(">", 0, start):
        return False
    if html.rfind("<!--", 0, start) > html.rfind("-->", 0, start):
        return False
    return html.rfind("<script", 0, start) <= html.rfind("</script", 0, start)
