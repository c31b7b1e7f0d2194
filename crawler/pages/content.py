"""Generic main-content detection: readability-style scoring by text, punctuation and link density.

Works without spaces between words (Chinese): lengths are counted in characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from crawler.pages.dom import INLINE, Line, Stats, lines, tag_of

_SCORED = frozenset(
    {"p", "pre", "td", "blockquote", "div", "section", "article", "li", "dd", "center", "main"}
)
_POSITIVE = re.compile(
    r"article|content|main|body|post|entry|story|text|detail|zhengwen|neirong|wenzhang", re.IGNORECASE
)
_NEGATIVE = re.compile(
    r"comment|sidebar|footer|header|menu|nav|related|share|promo|advert|banner|widget", re.IGNORECASE
)
_MIN_PARAGRAPH = 20


def _class_weight(node: etree._Element) -> float:
    names = f"{node.get('class', '')} {node.get('id', '')}"
    weight = 0.0
    if _POSITIVE.search(names):
        weight += 25
    if _NEGATIVE.search(names):
        weight -= 25
    if tag_of(node) in ("article", "main") or node.get("itemprop") == "articleBody":
        weight += 30
    return weight


def _score(root: etree._Element, table: dict[etree._Element, Stats]) -> dict[etree._Element, float]:
    """Add each paragraph's score to its parent, grandparent (1/2) and great-grandparent (1/3)."""
    scores: dict[etree._Element, float] = {}
    for node, stat in table.items():
        if tag_of(node) not in _SCORED or stat.inline < _MIN_PARAGRAPH:
            continue
        if tag_of(node) == "li" and stat.link_density > 0.3:
            continue
        value = (1 + stat.punct + min(stat.inline / 100, 3)) * (1 - stat.link_density)
        for level, ancestor in enumerate(node.iterancestors()):
            if level == 3 or tag_of(ancestor) in ("html",):
                break
            if ancestor not in scores:
                scores[ancestor] = _class_weight(ancestor)
            scores[ancestor] += value / (1 + level if level < 2 else 3)
        if stat.inline >= 3 * _MIN_PARAGRAPH and node not in scores:
            scores[node] = _class_weight(node)
    return {node: score * (1 - table[node].link_density) for node, score in scores.items() if node in table}


def main_nodes(root: etree._Element, table: dict[etree._Element, Stats]) -> list[etree._Element]:
    """The top-scoring container plus siblings that look like its continuation, in document order."""
    scores = _score(root, table)
    if not scores:
        body = root.find("body")
        return [body if body is not None else root]
    top = max(scores, key=lambda n: scores[n])
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(10.0, scores[top] * 0.2)
    out = []
    for sibling in parent:
        if sibling is top:
            out.append(sibling)
            continue
        stat = table.get(sibling)
        if stat is None or not tag_of(sibling):
            continue
        if scores.get(sibling, 0) >= threshold or (
            tag_of(sibling) == "p" and stat.text >= 80 and stat.link_density < 0.25
        ):
            out.append(sibling)
    return out


def _noisy(table: dict[etree._Element, Stats]) -> Callable[[etree._Element], bool]:
    def skip(node: etree._Element) -> bool:
        stat = table.get(node)
        if stat is None or tag_of(node) in INLINE:
            return False
        return bool(
            tag_of(node) in ("ul", "ol", "table", "div", "dl") and stat.text and stat.link_density > 0.5
        )

    return skip


def body_lines(nodes: list[etree._Element], table: dict[etree._Element, Stats]) -> list[Line]:
    """Visible lines of the content nodes, skipping link-dominated lists and tables inside them."""
    skip = _noisy(table)
    out: list[Line] = []
    for node in nodes:
        out.extend(lines(node, skip))
    return out
