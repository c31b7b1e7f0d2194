"""Headline choice: JSON-LD/OpenGraph headline, else <title> minus its site suffix, checked against <h1>.

Site suffixes look like "Headline | Site", "Headline - 新华网", "Headline_科技_腾讯网"; a trailing segment is
cut only while it is shorter than what remains, so "Mozilla - Wikipedia" stays whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from difflib import SequenceMatcher
from itertools import islice
from typing import Any

from lxml import etree

from crawler.pages.dates import find_dates
from crawler.pages.dom import Stats, chars, clean_space, text_content
from crawler.pages.textlines import lines

#: An HTML start or end tag written as text.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")

#: The separators before a <title>'s site or section names, by name (each has its test in
#: tests/unit/pages/test_titles_separators.py).
SUFFIX_SEPARATORS: dict[str, str] = {
    # "Headline | Site", "Headline - Site", "Headline » Site"
    "spaced mark": r"\s+[|｜·•»–—-]{1,2}\s+",
    # "Headline|Site", "Headline_科技_腾讯网", "Headline :: Site"
    "pipe, underscore or double colon": r"\s*(?:::|[|｜_])\s*",
    # "江城完成实验室改造-新华网", "（组图）--新浪网"
    "dash after Han": r"(?<=[\u4e00-\u9fff）)])\s*[-–—]{1,2}\s*",
    # "Headline-新华网"
    "dash before Han": r"\s*[-–—]{1,2}\s*(?=[\u4e00-\u9fff])",
    # "New tools for old boats-example.com"
    "dash before a domain": r"-(?=[\w-]+\.(?i:com|net|org|cn)$)",
}
_SEPARATOR = re.compile("|".join(SUFFIX_SEPARATORS.values()))
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SEGMENT_MAX = 40
_MIN_HEADING = 4
_SIMILAR = 0.8
#: Text nodes holding the headline's opening (or, for a short one, a cut <title> segment) that are read, and ancestors of each, to find the whole title.
_PROBES = 20
_PROBE_XPATH = (
    "//body//text()[contains(., $probe)][not(ancestor::title or ancestor::script or ancestor::style)]"
)
_PROBE_DEPTH = 2
_PROBE_CHARS = 12
#: With the page's text statistics: elements whose text is within this many characters of the <title>'s.
_SIZE_SLACK = 2


#: A part of a <title> no larger than this (in ``_size`` units) is a name, not a headline.
_NAME_SIZE = 4
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: The longest line read as the info line under a heading.
_INFO_LINE = 160
#: Where ``pieces`` splits a <title>, by name (each has its test in tests/unit/pages/test_titles_pieces.py).
PIECE_SEPARATORS: dict[str, str] = {
    # "标题-EDN 电子技术设计", "明日股市预测--标题", "标题 | Site", "标题_中山网"
    "separator run": r"\s*[-_|｜·•»–—]+\s*",
    # "标题 东区办事处": a space between Han characters (a space between words is no separator)
    "space between Han": r"(?<=[\u4e00-\u9fff）)】])\s+(?=[\u4e00-\u9fff（(【])",
    # "Blog Name: Post title" (the right side only, see ``pieces``)
    "colon and space": r":\s+",
}
_PIECE_SEPARATOR = re.compile("|".join(PIECE_SEPARATORS.values()))
#: A shorter part of a <title> is not taken for the headline.
_MIN_PIECE = 6
#: Elements whose text is never the headline shown on the page.
_NOT_HEADLINE = frozenset({"title", "option", "script", "style", "textarea"})

_NOT_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W\d_]{2,}|\d+")


def _key(text: str) -> str:
    """Comparison form: NFKC, casefolded, quotes unified, only letters and digits."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub("", text)


def _size(text: str) -> int:
    """Length in words for Latin text, in characters / 2 for CJK text."""
    cjk = len(_CJK.findall(text))
    return cjk // 2 + len(_WORD.findall(_CJK.sub(" ", text)))


def strip_site_suffix(page_title: str) -> str:
    """<title> without trailing site or section names ("Headline | Site" -> "Headline")."""
    parts = _SEPARATOR.split(clean_space(page_title))
    parts = [p for p in parts if p.strip()]
    if not parts:
        return clean_space(page_title)
    while len(parts) > 1:
        last, rest = parts[-1], parts[:-1]
        head = " ".join(rest)
        if len(last) > _SEGMENT_MAX or _size(last) >= _size(head) or len(last) >= len(head):
            break
        parts = rest
    return _rejoin(page_title, parts)


def site_names(page_title: str) -> tuple[str, ...]:
    """The trailing segments ``strip_site_suffix`` removes: the site and section names of a <title>."""
    title = clean_space(page_title)
    rest = title[len(strip_site_suffix(title)) :]
    return tuple(p.strip() for p in _SEPARATOR.split(rest) if p.strip())


def _rejoin(page_title: str, parts: list[str]) -> str:
    """The prefix of the original title that holds ``parts`` (keeps inner separators as written)."""
    title = clean_space(page_title)
    if len(parts) == 1:
        return parts[0].strip()
    end = title.find(parts[-1], sum(len(p) for p in parts[:-1]))
    return title[: end + len(parts[-1])].strip() if end >= 0 else " ".join(parts)


def headings(root: etree._Element) -> list[tuple[str, Any]]:
    """Visible <h1> then <h2> texts (at least a few characters) with their elements."""
    out = []
    for tag in ("h1", "h2"):
        for node in root.iter(tag):
            text = " ".join(line.text for line in lines(node))
            if len(text) >= _MIN_HEADING:
                out.append((text, node))
    return out


def _matching_heading(title: str, found: list[tuple[str, Any]]) -> tuple[str, Any] | None:
    wanted = _key(title)
    if not wanted:
        return None
    for text, node in found:
        if _key(text) == wanted:
            return text, node
    for text, node in found:
        key = _key(text)
        if len(key) >= 4 and (key in wanted or wanted in key):
            return text, node
    return None


def declared_headlines(meta: dict[str, str], ld: dict[str, Any]) -> list[str]:
    """Headlines the publisher declares in JSON-LD, OpenGraph, Twitter and Dublin Core, in that order."""
    values = (ld.get("headline"), meta.get("og:title"), meta.get("twitter:title"), meta.get("dc.title"))
    return [clean_space(v) for v in values if isinstance(v, str) and clean_space(v)]


def _agrees(candidate: str, shown: list[str]) -> bool:
    """True when ``candidate`` is (nearly) one of the texts the page shows, or contained in one."""
    key = _key(candidate)
    for text in shown:
        other = _key(text)
        if key and other and (key in other or (other in key and len(other) >= 0.6 * len(key))):
            return True
        if key and other and SequenceMatcher(None, key, other, autojunk=False).ratio() >= _SIMILAR:
            return True
    return False


def _truncated(candidate: str, stripped: str) -> bool:
    """True when ``candidate`` is a cut-off start of the <title> headline (an unescaped quote ends a meta).

    The <title> must go on mid-phrase (a letter or a quote next), not after a separator or a sentence end.
    """
    if len(stripped) <= len(candidate) or not stripped.startswith(candidate):
        return False
    following = stripped[len(candidate)]
    return following.isalnum() or following in "\"'“‘「《"


def page_title(root: etree._Element) -> str:
    """The text of the page's ``<title>`` ("" without one), tags written inside it removed.

    ``<title>`` holds text only, so a ``<span style=...>`` in it is markup a template escaped by mistake.
    """
    head = root.find(".//title")
    return clean_space(_TAG.sub("", text_content(head))) if head is not None else ""


def find_title(
    root: etree._Element,
    meta: dict[str, str],
    ld: dict[str, Any],
    table: Mapping[etree._Element, Stats] | None = None,
) -> tuple[str | None, Any]:
    """The headline and the element that shows it (None when no heading shows it).

    A declared headline wins when the page's <title> (or, without one, a heading) agrees with it; one the
    page does not show (a social-media variant, a JSON-LD description) gives way to <title> or <h1>.
    ``table``: the page's text statistics (``census``), when the caller has them: elements whose text is as
    long as the <title> are then the only ones read for a whole-title match.
    """
    found = headings(root)
    title = page_title(root)
    shown = [title] if title else [text for text, _ in found]
    declared = declared_headlines(meta, ld)
    stripped = _headline_of(root, title, table) if title else ""
    for candidate in declared:
        if _truncated(candidate, stripped):
            return stripped, _node_for(stripped, found)
        if _agrees(candidate, shown):
            return candidate, _node_for(candidate, found)
    first_h1 = next(((text, node) for text, node in found if node.tag == "h1"), None)
    if not stripped:
        if first_h1:
            return first_h1
        return (declared[0], None) if declared else (None, None)
    if _size(stripped) <= 2 or _names_only(title):  # the <title> may be only site or section names
        if first_h1 and _size(first_h1[0]) >= 4 and _node_for(stripped, found) is None:
            return first_h1
        shown_whole = any(_key(text) == _key(stripped) for text, _ in found)
        dated = None if shown_whole else _dated_heading(root)
        if dated is not None:
            return dated
    node = _node_for(stripped, found)
    if node is None and table is not None:
        piece = _shown_piece(title, stripped, table)
        if piece is not None:
            return piece
    return stripped, node


def _names_only(page_title: str) -> bool:
    """True for a Chinese <title> made of short names between separators ("新闻动态--中国地理学会官网": a
    section and the site). English titles are left alone: a headline of three or four words is common there."""
    parts = [p for p in _SEPARATOR.split(clean_space(page_title)) if p.strip()]
    return len(parts) >= 2 and all(_CJK.search(part) and _size(part) <= _NAME_SIZE for part in parts)


def _dated_heading(root: etree._Element) -> tuple[str, Any] | None:
    """The first heading (h1 to h6, at least a few words) whose next element shows a date: a headline above
    its info line ("<h5>标题</h5><div>发布时间：2019-05-18 来源：…</div>")."""
    for node in root.iter(*_HEADING_TAGS):
        text = clean_space(text_content(node))
        if _size(text) < _MIN_HEADING:
            continue
        following = node.getnext()
        while following is not None and not isinstance(following.tag, str):
            following = following.getnext()
        line = clean_space(text_content(following)) if following is not None else ""
        if line and len(line) <= _INFO_LINE and find_dates(line, None):
            return text, node
    return None


def pieces(page_title: str) -> list[str]:
    """The larger side (``_size``) of each split of a <title> at a separator (``_PIECE_SEPARATOR``), longest
    first: the parts a page may show as its headline (``标题 东区办事处_中山网``: ``标题 东区办事处``, ``标题``)."""
    title = clean_space(page_title)
    found: dict[str, None] = {}
    for match in _PIECE_SEPARATOR.finditer(title):
        left, right = title[: match.start()].strip(), title[match.end() :].strip()
        piece, rest = (left, right) if _size(left) >= _size(right) else (right, left)
        if match.group().startswith(":") and piece is left:
            continue  # "Blog Name: Post title": the name comes first
        if chars(piece) >= _MIN_PIECE and _size(piece) > _size(rest):
            found[piece] = None
    return sorted(found, key=len, reverse=True)


def _shown_piece(title: str, current: str, table: Mapping[etree._Element, Stats]) -> tuple[str, Any] | None:
    """The longest part of the <title> (``pieces``) that one element of the page shows as its whole text,
    with that element, when no element shows ``current`` (the <title> minus its site suffix) itself: the
    site's tail the suffix rules missed comes off (``标题-EDN 电子技术设计``, ``明日股市预测--标题``)."""
    wanted = {_shown(piece): piece for piece in [current, *pieces(title)]}
    sizes = {chars(piece) for piece in wanted.values()}
    best: tuple[str, Any] | None = None
    for node, stat in table.items():
        if stat.text not in sizes or node.tag in _NOT_HEADLINE:
            continue
        piece = wanted.get(_shown(text_content(node)))
        if piece == current:
            return None
        if piece is not None and (best is None or len(piece) > len(best[0])):
            best = (piece, node)
    return best


def _headline_of(
    root: etree._Element, title: str, table: Mapping[etree._Element, Stats] | None = None
) -> str:
    """<title> without its site suffix, unless the page shows the whole <title> as one element's text: then
    the "suffix" is part of the headline ("园丁奖评选事迹介绍——许慧莹", "…展演--金奖")."""
    stripped = strip_site_suffix(title)
    cut = site_names(title)
    if not cut:
        return stripped
    wanted = _shown(title)
    if table is not None:
        size = chars(title)
        for node, stat in table.items():
            if (
                abs(stat.text - size) <= _SIZE_SLACK
                and node.tag != "title"
                and _shown(text_content(node)) == wanted
            ):
                return clean_space(title)
        return stripped
    # The headline's opening is rarer on the page than the site name (menus, footers): fewer nodes to read.
    probe = stripped[:_PROBE_CHARS] if len(stripped) >= _MIN_HEADING else max(cut, key=len)
    for text in root.xpath(_PROBE_XPATH, probe=probe)[:_PROBES]:
        holder = text.getparent()
        if holder is not None and text.is_tail:
            holder = holder.getparent()
        for node in [holder, *islice(holder.iterancestors(), _PROBE_DEPTH)] if holder is not None else []:
            raw = text_content(node)
            if len(raw) > 4 * len(wanted) + 200:  # far longer, blanks and all: no need to normalise it
                break
            shown = _shown(raw)
            if shown == wanted:
                return clean_space(title)
            if len(shown) > 2 * len(wanted):
                break
    return stripped


def _shown(text: str) -> str:
    """Comparison form of a text as written (separators kept: "A | Site" is not "A--Site")."""
    return clean_space(unicodedata.normalize("NFKC", text))


def _node_for(title: str, found: list[tuple[str, Any]]) -> Any:
    match = _matching_heading(title, found)
    return match[1] if match else None
