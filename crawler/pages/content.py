"""Generic main-content detection: readability-style scoring by text, punctuation and link density.

Works without spaces between words (Chinese): lengths are counted in characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import islice

from lxml import etree

from crawler.pages.comments import after_comments
from crawler.pages.dom import Stats, fold, tag_of
from crawler.pages.headlines import precedes
from crawler.pages.tags import INLINE
from crawler.pages.textlines import Line, lines

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
_PARAGRAPH = frozenset(
    {"p", "pre", "blockquote", "td", "div", "section", "li", "dd", "h2", "h3", "h4", "center"}
)
_GOOD_SHARE = 0.5
_SMALL_EXTRA = 0.08
_EXTRA_LINKS = 0.15
_OWN_TEXT = 0.5
_OWN_WEIGHT = 1.0
_OWN_MIN = 400
_CAPTION = re.compile(r"(?<![a-z])(?<!no[-_])(?<!no)caption", re.IGNORECASE)
_CAPTION_MAX = 600
_LINK_PAGE_KEPT = 200
_WEAK_SCORE = 10.0
_PEER_SHARE = 0.5
_PEERS = 3
_LINK_PAGE_TEXT = 1000
_SIBLING_LINKS = 0.4


@lru_cache(maxsize=4096)
def _name_weight(names: str) -> float:
    """The class/id part of ``_class_weight`` (pages and sites repeat the same names: remembered)."""
    weight = 0.0
    if _POSITIVE.search(names):
        weight += 25
    if _NEGATIVE.search(names):
        weight -= 25
    return weight


def _class_weight(node: etree._Element) -> float:
    weight = _name_weight(f"{node.get('class', '')} {node.get('id', '')}")
    if tag_of(node) in ("article", "main") or node.get("itemprop") == "articleBody":
        weight += 30
    return weight


def _score(root: etree._Element, table: dict[etree._Element, Stats]) -> dict[etree._Element, float]:
    """Add each paragraph's score to its parent, grandparent (1/2) and great-grandparent (1/3)."""
    scores: dict[etree._Element, float] = {}
    scored = _SCORED
    for node, stat in table.items():
        if stat.inline < _MIN_PARAGRAPH:  # first: most elements hold little own text, and reading it is cheap
            continue
        tag = node.tag  # a str, or a function for an entity: not in _SCORED either way
        if tag not in scored:
            continue
        links = stat.link_density
        if tag == "li" and links > 0.3:
            continue
        value = (1 + stat.punct + min(stat.inline / 100, 3)) * (1 - links)
        ancestor = node.getparent()
        for share in (1, 2, 3):  # parent, grandparent, great-grandparent: no iterator to make
            if ancestor is None or ancestor.tag == "html":
                break
            found = scores.get(ancestor)
            if found is None:
                found = _class_weight(ancestor)
            scores[ancestor] = found + value / share
            ancestor = ancestor.getparent()
        if stat.inline >= 3 * _MIN_PARAGRAPH:
            found = scores.get(node)
            if found is None:
                found = scores[node] = _class_weight(node)
            if stat.inline >= max(_OWN_MIN, _OWN_TEXT * stat.text):
                scores[node] = found + value * _OWN_WEIGHT
    return {
        node: score * (1 - own.link_density)
        for node, score in scores.items()
        if (own := table.get(node)) is not None
    }


class GoodText:
    """Paragraph text (own inline text of text blocks, discounted by links) summed over a subtree.

    Computed on demand and remembered: body detection asks about a few containers, not the whole page.
    Elements without statistics (hidden, skipped) count zero and hide their subtree.
    """

    def __init__(self, table: dict[etree._Element, Stats]) -> None:
        self.table = table
        self.memo: dict[etree._Element, float] = {}

    def get(self, node: etree._Element) -> float:
        memo, table = self.memo, self.table
        found = memo.get(node)
        if found is not None:
            return found
        if node not in table:
            return 0.0
        walker = etree.iterwalk(node, events=("start", "end"))
        for event, inner in walker:
            if event == "start":
                if inner in memo or inner not in table:
                    walker.skip_subtree()
                continue
            if inner in memo:
                continue
            stat = table.get(inner)
            if stat is None:
                continue
            total = 0.0
            for child in inner:
                total += memo.get(child, 0.0)
            if tag_of(inner) in _PARAGRAPH and stat.inline >= _MIN_PARAGRAPH and stat.link_density < 0.3:
                total += stat.inline * (1 - stat.link_density)
            memo[inner] = total
        return memo[node]


def _widen(top: etree._Element, table: dict[etree._Element, Stats], good: GoodText) -> etree._Element:
    """Climb while what the parent adds is mostly paragraph text (an article split into sibling blocks)."""
    node = top
    while not _is_article(node):
        parent = node.getparent()
        if parent is None or tag_of(parent) in ("body", "html") or parent not in table:
            return node
        extra_text = table[parent].text - table[node].text
        extra_links = table[parent].links - table[node].links
        if extra_text > _SMALL_EXTRA * max(1, table[node].text) and (
            good.get(parent) - good.get(node) < _GOOD_SHARE * extra_text
            or extra_links > _EXTRA_LINKS * extra_text
            or _other_article(parent, node)
        ):
            return node
        node = parent
    return node


def _is_article(node: etree._Element) -> bool:
    return tag_of(node) == "article" or node.get("itemprop") == "articleBody"


def _headline_block(node: etree._Element) -> bool:
    """An element that is, or holds, an article or a top-level headline."""
    if _is_article(node) or tag_of(node) == "h1":
        return True
    return node.find(".//h1") is not None or node.find(".//article") is not None


def _other_article(parent: etree._Element, node: etree._Element) -> bool:
    """True when ``parent`` holds, outside ``node``, another article or headline."""
    return any(sibling is not node and tag_of(sibling) and _headline_block(sibling) for sibling in parent)


def _same_kind(node: etree._Element, other: etree._Element) -> bool:
    """Same tag and same non-empty class: another part of an article split around figures or ads."""
    names = other.get("class")
    return bool(names) and tag_of(node) == tag_of(other) and node.get("class") == names


def _list_of_items(scores: dict[etree._Element, float], best: etree._Element) -> etree._Element | None:
    """The container of several short, equally weak text blocks (classified ads, a list of teasers) when no
    block stands out as an article; None otherwise."""
    top = scores[best]
    if top >= _WEAK_SCORE:
        return None
    peers = [node for node, score in scores.items() if score >= _PEER_SHARE * top]
    if len(peers) < _PEERS:
        return None
    common = set(peers[0].iterancestors())
    for node in peers[1:]:
        common.intersection_update(node.iterancestors())
    for ancestor in best.iterancestors():
        if ancestor in common:
            return None if tag_of(ancestor) in ("body", "html") else ancestor
    return None


def main_nodes(
    root: etree._Element, table: dict[etree._Element, Stats], headline: etree._Element | None = None
) -> list[etree._Element]:
    """The top-scoring container plus siblings that look like its continuation, in document order.

    ``headline``: the story's headline (``headlines.lead``), when known: the story follows it, so a container
    ending before it (a profile box, a sidebar on the left) gives way to the best one that does not, if any
    scores more than weakly.
    """
    scores = _score(root, table)
    if not scores:
        body = root.find("body")
        return [body if body is not None else root]
    good = GoodText(table)
    best = max(scores, key=lambda n: scores[n])
    if headline is not None and precedes(best, headline):
        after = [
            node for node, score in scores.items() if score >= _WEAK_SCORE and not precedes(node, headline)
        ]
        if after:
            best = max(after, key=lambda n: scores[n])
    listed = _list_of_items(scores, best)
    top = listed if listed is not None else _widen(best, table, good)
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(10.0, scores.get(top, 0.0) * 0.2)
    out = []
    for sibling in parent:
        if sibling is top:
            out.append(sibling)
            continue
        stat = table.get(sibling)
        if stat is None or not tag_of(sibling) or _headline_block(sibling):
            continue
        if (
            (scores.get(sibling, 0) >= threshold and stat.link_density < _SIBLING_LINKS)
            or (tag_of(sibling) == "p" and stat.text >= 80 and stat.link_density < 0.25)
            or (_same_kind(sibling, top) and good.get(sibling) >= _GOOD_SHARE * stat.text)
        ):
            out.append(sibling)
    return out


def _caption(node: etree._Element, table: dict[etree._Element, Stats]) -> bool:
    """A picture caption or photo credit (figcaption, class *caption*): describes an image, not the story."""
    names = node.get("class")
    named = tag_of(node) == "figcaption" or (
        names is not None and "caption" in fold(names) and _CAPTION.search(names) is not None
    )
    return named and table.get(node, Stats()).text <= _CAPTION_MAX


def _noisy(
    table: dict[etree._Element, Stats],
    links: bool = True,
    cut: frozenset[etree._Element] = frozenset(),
    captions: bool = True,
) -> Callable[[etree._Element], bool]:
    def skip(node: etree._Element) -> bool:
        if node in cut or (captions and _caption(node, table)):
            return True
        stat = table.get(node)
        if not links or stat is None or tag_of(node) in INLINE:
            return False
        return bool(
            tag_of(node) in ("ul", "ol", "table", "div", "dl") and stat.text and stat.link_density > 0.5
        )

    return skip


#: The most text a video player's box holds (its title, an autoplay switch): more is a story around a video.
_PLAYER_TEXT = 60


def _players(nodes: list[etree._Element], table: dict[etree._Element, Stats]) -> frozenset[etree._Element]:
    """The boxes around a ``<video>`` that hold little text besides it (a player: its title and its switches
    are the player's labels, not the story's text); the widest such box up to three levels above."""
    out = []
    for node in nodes:
        for video in node.iter("video"):
            box = None
            for ancestor in islice(video.iterancestors(), 3):
                if ancestor is node or table.get(ancestor, Stats()).text > _PLAYER_TEXT:
                    break
                box = ancestor
            if box is not None:
                out.append(box)
    return frozenset(out)


def body_lines(nodes: list[etree._Element], table: dict[etree._Element, Stats]) -> list[Line]:
    """Visible lines of the content nodes, skipping link-dominated lists and tables inside them.

    When that leaves nothing, or next to nothing of a container holding a good deal of text, the content is
    itself a list of links (a section front, a list of teasers): it is kept rather than lost; so are the captions of a
    body that holds next to nothing else (a picture story). Reader comments under
    the story go from their heading on (``comments.after_comments``).
    """
    cut = frozenset(after_comments(nodes, table)) | _players(nodes, table)
    if cut:
        nodes = [node for node in nodes if node not in cut]
    out = _lines_of(nodes, table, _noisy(table, cut=cut))
    kept = sum(len(line.text) for line in out)
    if kept < _LINK_PAGE_KEPT:  # next to nothing but captions: a picture story's text is its captions
        captioned = _lines_of(nodes, table, _noisy(table, cut=cut, captions=False))
        if (more := sum(len(line.text) for line in captioned)) > kept:
            out, kept = captioned, more
    if kept < _LINK_PAGE_KEPT and (
        not kept or sum(table[n].text for n in nodes if n in table) >= _LINK_PAGE_TEXT
    ):
        out = _lines_of(nodes, table, _noisy(table, links=False, cut=cut))
    return out


def _lines_of(
    nodes: list[etree._Element], table: dict[etree._Element, Stats], skip: Callable[[etree._Element], bool]
) -> list[Line]:
    out: list[Line] = []
    for node in nodes:
        out.extend(lines(node, skip, shown=table))
    return out
