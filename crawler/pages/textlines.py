"""Visible-text lines of an lxml tree: split at block elements and <br>, with their share of link text.

See ``crawler.pages.dom`` and ``crawler.pages.tags`` for the helpers and tag classes these read.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from lxml import etree

from crawler.pages.dom import chars, clean_space, hidden, is_link
from crawler.pages.tags import INLINE, SKIP


@dataclass(slots=True)
class Line:
    """One visible line of text and how much of it is link text."""

    text: str
    link_chars: int = 0

    @property
    def link_ratio(self) -> float:
        return self.link_chars / max(1, len(self.text.replace(" ", "")))


def lines(
    root: etree._Element,
    skip: Callable[[etree._Element], bool] | None = None,
    limit: int = 0,
    shown: Container[etree._Element] | None = None,
) -> list[Line]:
    """Visible text of ``root`` split into lines at block elements and <br>; ``skip`` prunes subtrees.

    With ``limit``, stops after that many lines (``first_text`` needs one, not the whole subtree).
    ``shown`` is the page's ``stats`` table when the caller has it: an element in it is shown, one out of
    it (script, hidden) is not, which spares reading attributes (the table must describe the current tree).
    """
    found = iter_lines(root, skip, shown)
    return list(islice(found, limit) if limit else found)


def iter_lines(
    root: etree._Element,
    skip: Callable[[etree._Element], bool] | None = None,
    shown: Container[etree._Element] | None = None,
) -> Iterator[Line]:
    """``lines`` one at a time: the walk goes no further than the last line read."""
    if not isinstance(root.tag, str):
        return
    buf: list[str] = []
    link_chars = 0
    depth = 0
    skipped: set[etree._Element] = set()
    links_open: set[etree._Element] = set()  # anchors entered as links (``dom.is_link`` read once each)
    inline, skip_tags = INLINE, SKIP
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        if event == "start":
            if (
                node not in shown
                if shown is not None
                else tag in skip_tags or not isinstance(tag, str) or hidden(node)
            ) or (skip is not None and node is not root and skip(node)):
                skipped.add(node)
                walker.skip_subtree()
                continue
            if buf and tag not in inline:
                line = clean_space("".join(buf))
                buf.clear()
                link_chars_before, link_chars = link_chars, 0
                if line:
                    yield Line(line, link_chars_before)
            if tag == "a" and is_link(node):
                links_open.add(node)
                depth += 1
            text = node.text
        else:
            if not skipped or node not in skipped:
                if tag == "a" and node in links_open:
                    depth -= 1
                if buf and (tag not in inline or tag == "br"):
                    line = clean_space("".join(buf))
                    buf.clear()
                    link_chars_before, link_chars = link_chars, 0
                    if line:
                        yield Line(line, link_chars_before)
            if node is root:
                continue
            text = node.tail
        if text and (buf or not text.isspace()):  # blanks opening a line would be cut off anyway
            buf.append(text)
            if depth:
                link_chars += chars(text)
    if buf:
        line = clean_space("".join(buf))
        if line:
            yield Line(line, link_chars)


def line_texts(
    root: etree._Element, shown: Container[etree._Element], limit: int | None = None, size: int | None = None
) -> list[str]:
    """The texts of the lines ``iter_lines(root, shown=shown)`` yields, read (with ``limit``) until there are
    that many or (with ``size``) until they hold that many characters, one more counted for each line's end.

    A recursion that keeps no start/end events and makes no ``Line``: several times faster than the
    generator, for the few lines a block finder reads to name a block or the text of a related item.
    """
    out: list[str] = []
    limit = sys.maxsize if limit is None else limit
    if limit <= 0 or not isinstance(root.tag, str) or root not in shown:
        return out
    buf: list[str] = []
    size = sys.maxsize if size is None else size
    try:
        if not _opening_of(root, buf, out, (shown, limit, size)) and buf:
            _line_end(buf, out, limit, size)
    except RecursionError:  # deeper than the recursion limit allows: the generator has no limit
        out.clear()
        for line in iter_lines(root, shown=shown):
            out.append(line.text)
            if len(out) >= limit or sum(map(len, out)) + len(out) >= size:
                break
    return out


def _opening_of(
    node: etree._Element, buf: list[str], out: list[str], want: tuple[Container[etree._Element], int, int]
) -> bool:
    """``line_texts`` in a shown element (not entered yet); True once enough lines were read."""
    tag = node.tag
    shown, limit, size = want
    if buf and tag not in INLINE and _line_end(buf, out, limit, size):
        return True
    text = node.text
    if text and (buf or not text.isspace()):
        buf.append(text)
    if len(node):
        child = node[0]
        while child is not None:
            if child in shown and _opening_of(child, buf, out, want):
                return True
            tail = child.tail
            if tail and (buf or not tail.isspace()):
                buf.append(tail)
            child = child.getnext()
    return bool(buf) and (tag not in INLINE or tag == "br") and _line_end(buf, out, limit, size)


def _line_end(buf: list[str], out: list[str], limit: int, size: int) -> bool:
    """End the line held in ``buf``; True when ``out`` then holds enough lines (see ``line_texts``)."""
    line = clean_space("".join(buf))
    buf.clear()
    if not line:
        return False
    out.append(line)
    return len(out) >= limit or sum(map(len, out)) + len(out) >= size


def text_of(nodes: Iterable[etree._Element]) -> str:
    """Visible text of several elements, lines joined by newlines."""
    return "\n".join(line.text for node in nodes for line in lines(node))
