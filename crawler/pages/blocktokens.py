"""The class/id token rules of the block finder (``blocks.find_blocks``): blocks named in markup.

See chinese-news.md §2.5–2.9. Rule names are shared with the cleaning pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from lxml import etree

from crawler.pages.census import Marked
from crawler.pages.comments import comment_heading
from crawler.pages.dom import Stats, tag_of, text_content
from crawler.pages.headlines import HEADING_TAGS

_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
#: Picture galleries: dropped whatever their size unless they are the article itself.
_GALLERY = frozenset({"gallery", "slideshow", "carousel"})
_ARTICLE_TOKENS = frozenset({"article", "content", "story", "post", "entry", "body", "main"})
_TOKENS = {
    "related_reading": {"xgyd", "xgxw", "xgwz", "tjyd", "ydph", "related", "relate", "recommend", "tuijian"},
    "share_widget": {"share", "fx", "bshare", "bdshare", "jiathis", "social", "sharing", "sharebar"},
    "copyright": {"copyright", "bqsm"},
    "disclaimer": {"mzsm", "disclaimer"},
    "credit_line": {"zrbj"},
    "prev_next": {"shangxia", "sxp", "prevnext", "prev", "pager"},
    "print_widget": {"dayin", "print"},
    "nav_promo": {
        "comment",
        "comments",
        "sidebar",
        "breadcrumb",
        "breadcrumbs",
        "newsletter",
        "advert",
        "advertisement",
        "ad",
        "ads",
        "banner",
        "subscribe",
        "promo",
        "popup",
        "menu",
        "navbar",
        "widget",
        "footer",
        "disqus",
        "outbrain",
        "taboola",
        *_GALLERY,
    },
}
_TOKEN_RULE = {token: rule for rule, tokens in _TOKENS.items() for token in tokens}
_TOKEN_PROSE = 600
_COMMENT_TOKENS = frozenset({"comment", "comments", "disqus", "pinglun", "reply", "replies"})
_WIDGET_RULES = ("share_widget", "print_widget", "prev_next")
_COMMENT_NAME = re.compile(
    r"^(?:comments?|comment[-_]?list|comments?[-_](?:area|section|wrapper|container|list|block|box)|"
    r"disqus[-_]thread|respond|pinglun|plbox)$"
)
_PROSE_LINKS = 0.2
#: Tags of page furniture: a block whatever its class names (unless it is large).
STRUCTURAL = frozenset(["nav", "footer", "aside", "form", "header"])
_COPYRIGHT_TEXT = re.compile(r"©|Copyright|版权所有|All [Rr]ights [Rr]eserved")
#: Plain text (not link text) besides the headline that makes a block holding it a story.
_STORY_TEXT = 200

#: The figures of an element the table lacks (hidden, or dropped): shared, so never to be changed.
_NO_STATS = Stats()


def _raw_opening(node: etree._Element, size: int) -> str:
    """About the first ``size`` characters of all text under ``node`` (scripts included): a cheap probe."""
    out: list[str] = []
    count = 0
    for text in node.itertext():
        out.append(text)
        count += len(text)
        if count >= size:
            break
    return "".join(out)[:size]


def prose(nodes: list[etree._Element], table: dict[etree._Element, Stats], least: int = 300) -> bool:
    """True when a would-be link or widget block is mostly plain text (an article, not a widget)."""
    text = sum(table.get(n, _NO_STATS).text for n in nodes)
    links = sum(table.get(n, _NO_STATS).links for n in nodes)
    return text > least and links < _PROSE_LINKS * text


def _split_tokens(names: str | None, ident: str | None) -> set[str]:
    if not names and not ident:
        return set()
    return set(_TOKEN_SPLIT.split(f"{names or ''} {ident or ''}".lower())) - {""}


@lru_cache(maxsize=4096)
def _token_rules(names: str | None, ident: str | None) -> tuple[frozenset[str], tuple[str, ...]]:
    """The class/id tokens and the rules they name (in token order); pages repeat the same class names."""
    found = frozenset(_split_tokens(names, ident))
    return found, tuple(_TOKEN_RULE[t] for t in sorted(found) if t in _TOKEN_RULE)


#: A token of ``_TOKEN_RULE`` between token separators (as ``_TOKEN_SPLIT`` cuts them) or string ends.
_RULE_TOKEN = re.compile(
    r"(?:^|[\s_\-])(?:"
    + "|".join(sorted(map(re.escape, _TOKEN_RULE), key=len, reverse=True))
    + r")(?=$|[\s_\-])"
)


def names_rule(names: str | None, ident: str | None) -> bool:
    """True when class/id names name a block rule, as ``_token_rules`` would find (one search, no token set)."""
    return _RULE_TOKEN.search(f"{names or ''} {ident or ''}".lower()) is not None


def _tokens(node: etree._Element) -> set[str]:
    return _split_tokens(node.get("class"), node.get("id"))


def _comment_section(node: etree._Element) -> bool:
    """A reader-comment section by its whole id or class name: dropped whatever its size."""
    names = f"{node.get('class', '')} {node.get('id', '')}".lower().split()
    return any(_COMMENT_NAME.match(name) for name in names)


def _gallery(node: etree._Element) -> bool:
    """A picture gallery or slideshow that is not itself the article (an article may carry a gallery class)."""
    tokens = _tokens(node)
    if not tokens & _GALLERY or tokens & _ARTICLE_TOKENS or tag_of(node) in ("article", "main"):
        return False
    return node.find(".//article") is None and node.find(".//*[@itemprop='articleBody']") is None


def inside(node: etree._Element, taken: set[etree._Element]) -> bool:
    """True when an ancestor of ``node`` is in ``taken`` (a getparent() climb: no iterator or generator)."""
    parent = node.getparent()
    while parent is not None:
        if parent in taken:
            return True
        parent = parent.getparent()
    return False


def _holds_story(block: Stats, heading: int) -> bool:
    """True when a block holding the headline also holds some plain text besides it (a story, not a title bar)."""
    return block.text - block.links - heading >= _STORY_TEXT


def by_token(
    table: dict[etree._Element, Stats],
    page: int,
    h1: set[etree._Element],
    marked: list[Marked],
    story: Mapping[etree._Element, int] | None = None,
) -> Iterator[tuple[str, etree._Element]]:
    """(rule, element) of the blocks named by class/id tokens or structural tags; nothing inside a block already yielded is looked at.

    ``marked``: ``Census.marked`` of the tree as it is (every element it may take, in document order).
    ``story``: the headlines' holders (``headlines.holders``): a named block holding one and some plain text
    is the story, not furniture (a blog's post in a "widget"), unless it is a comment section.
    """
    taken: set[etree._Element] = set()
    story = story or {}
    for node, tag, names, ident, _, _ in marked:
        if tag in ("html", "body"):
            continue
        structural = tag in STRUCTURAL
        if not structural and names is None and ident is None:
            continue
        if node in h1:
            continue
        found, rules = _token_rules(names, ident)
        if not rules and not structural:
            continue
        if taken and inside(node, taken):
            continue  # inside a block already yielded
        if tag in HEADING_TAGS and found & _COMMENT_TOKENS and comment_heading(text_content(node)):
            continue  # it opens the comments rather than holds them: the body is cut there (comments.py)
        size = table.get(node, _NO_STATS).text
        big = size > 0.3 * page and (structural or size > 2000)
        if big and not _comment_section(node) and not _gallery(node):
            continue
        if node in story and _gallery(node):
            continue  # a gallery under the headline is the story itself (a picture story), not furniture
        if (
            node in story
            and _holds_story(table.get(node, _NO_STATS), story[node])
            and not _comment_section(node)
        ):
            continue
        rule = rules[0] if rules else "nav_promo"
        wordy = rule in _WIDGET_RULES and not structural and prose([node], table, _TOKEN_PROSE)
        if wordy and not found & _COMMENT_TOKENS:
            continue
        if rule == "nav_promo" and _COPYRIGHT_TEXT.search(_raw_opening(node, 300)):
            rule = "copyright"
        taken.add(node)
        yield rule, node
