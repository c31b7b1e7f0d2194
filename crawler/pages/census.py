"""One walk over a page for what several scans need: text statistics, heading-word holders, attributes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from crawler.pages.dom import INLINE, SKIP, Stats, hidden, punct

#: (element, tag, class, id, rel, itemprop) of an element with a rel or itemprop attribute, a structural tag
#: (``blocks.STRUCTURAL``) or class/id names that pass the ``named`` test of ``survey``, in document order.
Marked = tuple[etree._Element, str, str | None, str | None, str | None, str | None]


@dataclass(slots=True)
class Census:
    """What one walk over a tree records; read by the block finders, the author scan and the scoring."""

    #: Text statistics of every shown element (``dom.stats`` returns this table), in document post-order.
    table: dict[etree._Element, Stats] = field(default_factory=dict)
    #: Elements whose own text or tail, or a descendant's, passes the ``hint`` test (see ``survey``).
    hinted: set[etree._Element] = field(default_factory=set)
    #: The elements that the block finder or the author scan may take by their markup (see ``Marked``).
    marked: list[Marked] = field(default_factory=list)


def survey(
    root: etree._Element,
    hint: Callable[[str], bool],
    structural: frozenset[str],
    named: Callable[[str | None, str | None], bool],
) -> Census:
    """Walk ``root`` once: the text statistics of every shown element (see ``dom.stats``), the holders of
    texts passing ``hint`` (an element holds its text, its parent holds its tail; their ancestors are taken
    too), and every element with a rel or itemprop attribute, a tag in ``structural``, or a class and id for
    which ``named(class, id)`` is true (each may be None; ``named`` is called for elements having either).
    """
    try:
        return _survey(root, hint, structural, named)
    except RecursionError:  # deeper than the recursion limit allows (dom.parse stops at 255 levels)
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(limit + _depth(root) + 100)  # Python-to-Python calls: no C stack is used
        try:
            return _survey(root, hint, structural, named)
        finally:
            sys.setrecursionlimit(limit)


def _depth(root: etree._Element) -> int:
    """The number of levels of the tree under ``root``."""
    deepest = level = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        level += 1 if event == "start" else -1
        deepest = max(deepest, level)
    return deepest


def _survey(
    root: etree._Element,
    hint: Callable[[str], bool],
    structural: frozenset[str],
    named: Callable[[str | None, str | None], bool],
) -> Census:
    """``survey`` by recursion over the children: no start/end events, each element's tag read once."""
    census = Census()
    table, hinted, marked = census.table, census.hinted, census.marked
    add_marked = marked.append
    skip_tags, inline_tags = SKIP, INLINE
    count_punct, is_hidden = punct, hidden

    def visit(node: etree._Element, up: Stats | None) -> None:
        """Record ``node`` and its subtree; add its figures to ``up`` (its parent's, None: not shown)."""
        tag = node.tag
        text = node.text
        if not text or text.isspace():
            text = None
        elif hint(text):  # never taken yet: only ancestors of earlier texts are
            _hold(hinted, node)
        if not isinstance(tag, str):
            return
        keys = node.keys()
        if keys:
            get = node.get
            names = get("class") if "class" in keys else None
            ident = get("id") if "id" in keys else None
            rel = get("rel") if "rel" in keys else None
            prop = get("itemprop") if "itemprop" in keys else None
            if (
                rel is not None
                or prop is not None
                or tag in structural
                or ((names is not None or ident is not None) and named(names, ident))
            ):
                add_marked((node, tag, names, ident, rel, prop))
        elif tag in structural:
            add_marked((node, tag, None, None, None, None))
        acc: Stats | None
        if tag in skip_tags or (
            keys and ("style" in keys or "hidden" in keys or "aria-hidden" in keys) and is_hidden(node)
        ):
            acc = None  # its descendants get figures of their own, which go no further up
        elif text is None:
            acc = Stats()
        else:
            size = len("".join(text.split()))  # dom.chars, inlined
            if "\u200b" in text or "\ufeff" in text:
                size -= text.count("\u200b") + text.count("\ufeff")
            acc = Stats(size, 0, size, count_punct(text))
        if len(node):
            child = node[0]
            while child is not None:
                visit(child, acc)
                tail = child.tail
                if tail and not tail.isspace():
                    if acc is not None:
                        size = len("".join(tail.split()))
                        if "\u200b" in tail or "\ufeff" in tail:
                            size -= tail.count("\u200b") + tail.count("\ufeff")
                        acc.text += size
                        acc.inline += size
                        acc.punct += count_punct(tail)
                    if hint(tail):
                        _hold(hinted, node)
                child = child.getnext()
        if acc is not None:
            table[node] = acc
            if tag == "a":
                acc.links = acc.text
            if up is not None and acc.text:  # no text: no links or punctuation either, nothing to add
                up.text += acc.text
                up.links += acc.links
                if tag in inline_tags:
                    up.inline += acc.text
                    up.punct += acc.punct

    try:
        visit(root, None)
    finally:
        visit = _visited  # the closure referred to itself: released now, not by the cyclic collector
    return census


def _visited(node: etree._Element, up: Stats | None) -> None:
    """What ``_survey``'s walker becomes once the walk is over (which breaks its reference to itself)."""


def _hold(hinted: set[etree._Element], holder: etree._Element | None) -> None:
    """Take ``holder`` and its ancestors up to the first already taken."""
    while holder is not None and holder not in hinted:
        hinted.add(holder)
        holder = holder.getparent()
