"""The headings a page's ``<title>`` names, and where the story stands by them (it follows its headline)."""

from __future__ import annotations

import re

from lxml import etree

from crawler.pages.dom import Stats

_NOT_WORD = re.compile(r"[\W_]+")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: A heading shorter than this (letters and digits) is not taken for a headline: a word or two.
_LEAST = 10
#: The share of the ``<title>`` (spaces aside) the lead headline covers at least: not a name in a sidebar.
_LEAD_SHARE = 0.4
#: A heading may show a short label in an element of its own before or after the headline (原创, Live).
_LABEL = 8


def headlines(root: etree._Element, table: dict[etree._Element, Stats], title: str) -> list[etree._Element]:
    """The shown headings (h1–h6) the page's ``<title>`` holds whole ("Blog name: Headline", "Headline -
    Site"), at least ten letters or digits long, in document order; a heading repeated further down (a list of
    recent posts) is taken where it first stands."""
    wanted = _NOT_WORD.sub("", title).casefold()
    out: list[etree._Element] = []
    if len(wanted) < _LEAST:
        return out
    seen: set[str] = set()
    for node in root.iter(HEADING_TAGS):
        stat = table.get(node)
        if stat is None or stat.text < _LEAST or stat.text > len(title) + _LABEL:
            continue
        key = _NOT_WORD.sub("", "".join(node.itertext())).casefold()
        if len(key) > len(wanted):  # a label shown before or after the headline (原创, 独家, Video)
            key = _labelled(node, key, wanted)
        if len(key) >= _LEAST and key in wanted and key not in seen:
            seen.add(key)
            out.append(node)
    return out


def _labelled(node: etree._Element, key: str, wanted: str) -> str:
    """``key`` without the text of a short first or last child element (a label: 原创, 独家, Video) when what
    is left is the ``<title>``'s headline; ``key`` otherwise."""
    for child in (node[0], node[-1]) if len(node) else ():
        label = _NOT_WORD.sub("", "".join(child.itertext())).casefold()
        if 0 < len(label) <= _LABEL and len(key) - len(label) >= _LEAST:
            rest = key[len(label) :] if key.startswith(label) else key[: -len(label)]
            if rest in wanted:
                return rest
    return key


def holders(headings: list[etree._Element], table: dict[etree._Element, Stats]) -> dict[etree._Element, int]:
    """The headings and their ancestors, each with the length of the longest heading it holds."""
    out: dict[etree._Element, int] = {}
    for node in headings:
        size = table[node].text if node in table else 0
        for holder in (node, *node.iterancestors()):
            out[holder] = max(out.get(holder, 0), size)
    return out


def lead(
    headings: list[etree._Element], table: dict[etree._Element, Stats], title: str
) -> etree._Element | None:
    """The longest of ``headings`` when it covers a good share of the ``<title>`` (the story's own headline,
    not the site's name or an author's); None otherwise."""
    sizes = [(table[node].text, node) for node in headings if node in table]
    if not sizes:
        return None
    size, node = max(sizes, key=lambda pair: pair[0])
    return node if size >= _LEAD_SHARE * len(title.replace(" ", "")) else None


def precedes(node: etree._Element, other: etree._Element) -> bool:
    """True when ``node`` ends before ``other`` starts in document order (neither holds the other)."""
    chain: dict[etree._Element, etree._Element | None] = {other: None}
    child = other
    for ancestor in other.iterancestors():
        chain[ancestor] = child
        child = ancestor
    if node in chain:
        return False  # ``other`` itself or one of its ancestors
    mine = node
    for ancestor in node.iterancestors():
        if ancestor in chain:
            theirs = chain[ancestor]
            return theirs is not None and ancestor.index(mine) < ancestor.index(theirs)
        mine = ancestor
    return False
