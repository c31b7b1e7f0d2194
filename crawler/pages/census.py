"""One walk over a page for what several scans need: text statistics, heading-word holders, attributes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from crawler.pages.dom import HIDING, Stats, chars, hidden, is_link, punct
from crawler.pages.tags import INLINE, SKIP

#: (element, tag, class, id, rel, itemprop) of an element with a rel or itemprop attribute, a structural
#: tag (``blocktokens.STRUCTURAL``) or class/id names that pass the ``named`` test of ``survey``, in
#: document order.
Marked = tuple[etree._Element, str, str | None, str | None, str | None, str | None]


@dataclass(slots=True)
class Census:
    """What one walk over a tree records; read by the block finders, the author scan and the scoring."""

    #: Text statistics of every shown element (``stats`` returns this table alone), in document post-order.
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
    """Walk ``root`` once: the text statistics of every shown element (see ``stats``), the holders of
    texts passing ``hint`` (an element holds its text, its parent holds its tail; their ancestors are taken
    too), and every element with a rel or itemprop attribute, a tag in ``structural``, or a class and id for
    which ``named(class, id)`` is true (each may be None; ``named`` is called for elements having either).
    ``hint`` must depend on the text alone: short texts are remembered with its answer from page to page.
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


def never(*_: object) -> bool:
    """A ``hint`` or ``named`` test that takes nothing (for a caller that needs only part of the census)."""
    return False


def stats(root: etree._Element) -> dict[etree._Element, Stats]:
    """Total text, link text, own inline text and punctuation for every element (``survey``'s table alone).

    Elements that are not shown (scripts, hidden elements) get no entry and add nothing to their ancestors,
    but their tails do; inside them, descendants still get figures of their own (so that ``lines`` may
    start inside a button or a hidden block and read it as the attribute tests would). The table is in
    document post-order.
    """
    return survey(root, never, frozenset(), never).table


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
    is_hidden = hidden
    memo = _memo(hint)

    def visit(node: etree._Element, up: Stats | None, in_link: bool = False) -> None:
        """Record ``node`` and its subtree; add its figures to ``up`` (its parent's, None: not shown);
        ``in_link``: inside a link, whose text is all link text (a card or a teaser wrapped in ``<a href>``)."""
        tag = node.tag
        text = node.text
        if not text or text.isspace():
            text = None
        if not isinstance(tag, str):
            if text is not None and hint(text):
                _hold(hinted, node)
            return
        shown = tag not in skip_tags
        attributes = node.keys()  # names only: items() would decode every value (links, image sources)
        linked = False
        if attributes:
            names = ident = rel = prop = None
            for key in attributes:
                if key == "class":
                    names = node.get(key)
                elif key == "id":
                    ident = node.get(key)
                elif key == "rel":
                    rel = node.get(key)
                elif key == "itemprop":
                    prop = node.get(key)
                elif key == "href":
                    linked = tag == "a" and is_link(node)
                elif shown and key in HIDING:
                    shown = not is_hidden(node)
            if (
                rel is not None
                or prop is not None
                or tag in structural
                or ((names is not None or ident is not None) and named(names, ident))
            ):
                add_marked((node, tag, names, ident, rel, prop))
        elif tag in structural:
            add_marked((node, tag, None, None, None, None))
        acc: Stats | None = None  # not shown: its descendants get figures of their own, going no further up
        if text is None:
            acc = Stats() if shown else None
        elif not shown:  # a script, a style: the heading-word test alone
            if hint(text):
                _hold(hinted, node)
        else:
            figures = memo.get(text) or _figures(text, hint, memo)
            acc = Stats(figures[0], 0, figures[0], figures[1])
            if figures[2]:  # never taken yet: only ancestors of earlier texts are
                _hold(hinted, node)
        if len(node):
            child = node[0]
            inner = in_link or linked
            while child is not None:
                visit(child, acc, inner)
                tail = child.tail
                if tail and not tail.isspace():
                    if acc is None:
                        if hint(tail):
                            _hold(hinted, node)
                    else:
                        figures = memo.get(tail) or _figures(tail, hint, memo)
                        acc.text += figures[0]
                        acc.inline += figures[0]
                        acc.punct += figures[1]
                        if figures[2]:
                            _hold(hinted, node)
                child = child.getnext()
        if acc is not None:
            table[node] = acc
            if linked or in_link:  # not an anchor without href (a styling wrapper) or to an attachment
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


def _visited(node: etree._Element, up: Stats | None, in_link: bool = False) -> None:
    """What ``_survey``'s walker becomes once the walk is over (which breaks its reference to itself)."""


#: Texts up to this length are remembered with their figures: menus, labels and links repeat page after page.
_SHORT = 80
#: Remembered texts per ``hint`` test (the memo starts afresh when full).
_MEMO_SIZE = 8192
#: The memo of each ``hint`` test seen lately: text -> (characters, punctuation, passes ``hint``).
_memos: dict[Callable[[str], bool], dict[str, tuple[int, int, bool]]] = {}


def _memo(hint: Callable[[str], bool]) -> dict[str, tuple[int, int, bool]]:
    """The memo of texts for ``hint`` (which must depend on the text alone)."""
    memo = _memos.get(hint)
    if memo is None or len(memo) > _MEMO_SIZE:
        if len(_memos) > 8:  # a caller making a new test per call
            _memos.clear()
        memo = _memos[hint] = {}
    return memo


def _figures(
    text: str, hint: Callable[[str], bool], memo: dict[str, tuple[int, int, bool]]
) -> tuple[int, int, bool]:
    """Characters (as ``dom.chars`` counts them), punctuation (``dom.punct``) and ``hint`` of a non-blank
    text, remembered in ``memo`` when the text is short."""
    figures = (chars(text), punct(text), hint(text))
    if len(text) <= _SHORT:
        memo[text] = figures
    return figures


def _hold(hinted: set[etree._Element], holder: etree._Element | None) -> None:
    """Take ``holder`` and its ancestors up to the first already taken."""
    while holder is not None and holder not in hinted:
        hinted.add(holder)
        holder = holder.getparent()
