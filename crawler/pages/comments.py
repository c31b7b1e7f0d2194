"""Reader comments inside a detected body: the heading that opens them ("12 Responses to …", "Comments") and what follows."""

from __future__ import annotations

import re

from lxml import etree

from crawler.pages.dom import Stats, clean_space, text_content

_NUMBER = r"(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)"
_READERS = r"(?:comments|responses|replies|trackbacks?|pingbacks?|trackback pings)"
#: The shapes of a heading that opens the readers' part of a page (casefolded, a quoted title left out):
#: "Comments", "12 Responses to", "8 appreciated comments on", "One Response", "Leave a Reply", "评论(3)".
_SHAPES = re.compile(
    rf"(?:{_NUMBER} )?(?!recent |latest |top |popular |most |related )(?:[^\W\d_]+ )?{_READERS}(?: ?\(\d+\))?"
    rf"(?: (?:to|on|in|for|about))?"
    rf"|{_NUMBER} (?:comment|response|reply|thoughts?)(?: (?:to|on|in|for|about))?"
    rf"|{_NUMBER} [^\W\d_]+ (?:responded|commented|replied)(?: (?:to|on|in))?"
    r"|(?:leave|post|add|write|submit|join) (?:a |an |your |the )?(?:comment|reply|response|discussion|conversation)"
    r"(?: below)?"
    r"|(?:网友|读者|最新|全部|精彩)?(?:评论|留言|跟帖)(?: ?[(（]\d+[)）]|\d+条)?|发表评论|我要评论|\d+条评论"
)
#: A quoted title inside such a heading ('42 Responses to "Headline"'): left out before the shapes are tried.
_QUOTED = re.compile(r"[“\"«„‘'][^”\"»“’']{1,300}[”\"»“’']")
_EDGES = " \t.:：!?…>»-–—|"
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Body text that must come before the heading: a heading near the top is a link to the comments.
_BEFORE = 200
_LINKS = 0.5


def comment_heading(text: str) -> bool:
    """True for a heading text naming the readers' part: "Comments", "3 Responses to “…”", "Leave a Reply"."""
    bare = clean_space(_QUOTED.sub("", text)).strip(_EDGES).casefold()
    return _SHAPES.fullmatch(bare) is not None


def after_comments(nodes: list[etree._Element], table: dict[etree._Element, Stats]) -> set[etree._Element]:
    """The first comment heading (``comment_heading``) in the body ``nodes`` that is not mostly a link and
    comes after at least some body text, with every element after it in the body; empty without one."""
    seen = 0
    for index, top in enumerate(nodes):
        for node in top.iter(_HEADINGS):
            stat = table.get(node)
            if stat is None or stat.links > _LINKS * stat.text or not comment_heading(text_content(node)):
                continue
            if seen + _text_before(top, node, table) < _BEFORE:
                continue
            return _following(node, top) | set(nodes[index + 1 :])
        seen += table.get(top, Stats()).text
    return set()


def _text_before(top: etree._Element, node: etree._Element, table: dict[etree._Element, Stats]) -> int:
    """Characters of text in ``top`` before ``node`` (its earlier siblings and theirs up the tree)."""
    total = 0
    child = node
    while child is not top:
        for sibling in child.itersiblings(preceding=True):
            total += table.get(sibling, Stats()).text
        parent = child.getparent()
        if parent is None:
            break
        child = parent
    return total


def _following(node: etree._Element, top: etree._Element) -> set[etree._Element]:
    """``node`` and the elements after it inside ``top`` (later siblings of it and of its ancestors)."""
    out = {node}
    child = node
    while child is not top:
        out.update(child.itersiblings())
        parent = child.getparent()
        if parent is None:
            break
        child = parent
    return out
