"""Boilerplate blocks found before body detection: heading-led ones here, class/id token ones in blocktokens.

See chinese-news.md §2.5–2.9. Rule names are shared with the cleaning pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from lxml import etree

from crawler.pages.blocktokens import STRUCTURAL, by_token, inside, names_rule, prose
from crawler.pages.census import Census, survey
from crawler.pages.dom import Stats, clean_space, discount, drop, fold, tag_of
from crawler.pages.headlines import headlines, holders
from crawler.pages.textlines import iter_lines, line_texts
from crawler.pages.titles import page_title

_HEADINGS: list[tuple[str, re.Pattern[str]]] = [
    (
        "related_reading",
        re.compile(
            r"^(相关(?:阅读|新闻|文章|链接|报道|信息|资讯|内容|稿件|专题)|(?:此前|早前|往期)报道|推荐阅读|延伸(?:阅读|推荐)|更多阅读|热点推荐|热门推荐|热门文章|更多精彩|精彩推荐|精彩专题|"
            r"猜你喜欢|点击阅读更多|Related(?: articles| stories| posts| news| content| coverage)?|Read more|"
            r"More (?:stories|news|from .{1,30}|in .{1,30}|on .{1,30})|You (?:may|might) also like|Recommended"
            r"(?: for you| stories| articles)?|Most (?:read|popular|viewed|shared|commented)(?: .{1,30})?|"
            r"Trending(?: now| stories)?|Popular (?:now|stories|articles)|Don'?t miss|Also read|Top stories|"
            r"Voc[eê] (?:pode|tamb[eé]m pode) gostar|Te puede interesar|Das k[oö]nnte Sie auch interessieren|"
            r"Tags|Tagged|Topics|标签|关键词|Tags?: .{1,30})$",
            re.IGNORECASE,
        ),
    ),
    ("copyright", re.compile(r"^(版权与免责声明|版权声明|法律声明|网站申明|版权所有)")),
    ("disclaimer", re.compile(r"^(免责声明|特别声明|平台声明|声明[:：])")),
    (
        "share_widget",
        re.compile(
            r"^(分享到|分享让更多人看到|扫一扫|扫描二维码|用微信扫描|Share this|Share on|Share article|Share$)",
            re.IGNORECASE,
        ),
    ),
    ("print_widget", re.compile(r"^(打印本页|打印本稿|打印|关闭窗口|关闭|纠错|Print)$", re.IGNORECASE)),
    (
        "prev_next",
        re.compile(r"^(上一篇|下一篇|上一条|下一条|Previous(?: article| post)?|Next(?: article| post)?)"),
    ),
]
#: A word every heading above starts with: only elements holding such a text can open a headed block
#: (a cheap pre-filter; it may match more, never less — tests/unit/pages/test_blocks.py checks the headings).
_HINT = re.compile(
    r"相关|此前|早前|往期|推荐|延伸|热点|热门|更多|精彩|猜你|点击|标签|关键词|版权|法律|网站|免责|特别|平台|声明|分享|扫|微信|打印|"
    r"关闭|纠错|上一|下一|related|read|more|you|recommend|most|trending|popular|don|also|top|voc|puede|"
    r"nnte|tag|topic|share|print|previous|next",
    re.IGNORECASE,
)
#: A heading line has at most 40 characters; normalize-space() keeps no-break spaces, so leave some room.
_HINT_SLACK = 60
#: Longer texts are first measured on this opening: a script or a paragraph is rejected without a full count.
_HINT_PREFIX = 4 * _HINT_SLACK
_LIMIT = {"related_reading": 2500, "copyright": 3000, "disclaimer": 3000}
_WIDGET_LIMIT = 300
_CLIMB_PROSE = 1000
_LIST_LINKS = 0.15
_LIST_ITEM = 150
#: Unlinked words (a Han character is one) a short list item holds at most (a date, a source); more is a
#: paragraph with a link in it.
_LIST_PLAIN = 60
_WORD = re.compile(r"[\u3400-\u9fff]|[^\W_\u3400-\u9fff]+")
_BIG_LIST_LINKS = 0.5
_CLIMB_LINKS = 0.15
_CLIMB_PLAIN = 600
_CLIMB_LIST = 0.5
_COPYRIGHT_ITEM = re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑴⑵⑶\d一二三四五]|本网|版权|转载|授权|侵权|免责|联系")
_TRIM = " \t:：>»›【】[]()（）<«|-—·•.…"
#: A labelled credit line (source, editor, author): it ends a list of links that comes before it.
_CREDIT_LINE = re.compile(
    r"\W*(?:本文|本稿|文章|稿件|信息|新闻)?(?:来源|责任编辑|值班编辑|编辑|责编|作者|记者)\s*[:：]"
)
#: Spaces and dots set between the characters of a Chinese heading ("延伸 · 推荐"): not part of the words.
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[\s·・•]+(?=[\u4e00-\u9fff])")


#: The figures of an element the table lacks (hidden, or dropped): shared, so never to be changed.
_NO_STATS = Stats()


@dataclass
class Block:
    """Elements to drop under one rule name."""

    rule: str
    nodes: list[etree._Element] = field(default_factory=list)


def heading_rule(text: str | None) -> str | None:
    """The rule a heading text belongs to (相关阅读 -> related_reading), or None."""
    return _heading_rule(text or "")


@lru_cache(maxsize=4096)
def _heading_rule(text: str) -> str | None:
    """``heading_rule``, remembered per text (menus and labels repeat from page to page)."""
    key = _CJK_GAP.sub("", clean_space(text).strip(_TRIM))
    if not key or len(key) > 40:
        return None
    for rule, pattern in _HEADINGS:
        if pattern.match(key):
            return rule
    return None


def _opening(node: etree._Element, size: int, table: dict[etree._Element, Stats] | None) -> str:
    """About the first ``size`` characters of a node's text (lines joined), without reading all of it."""
    if table is not None:
        return "\n".join(line_texts(node, table, size // 20 + 1, size))[:size]
    out: list[str] = []
    count = 0
    for line in islice(iter_lines(node, shown=table), size // 20 + 1):
        out.append(line.text)
        count += len(line.text) + 1
        if count >= size:
            break
    return "\n".join(out)[:size]


def _words(text: str) -> int:
    """Words of a text, each Han character one (a length that means the same in Chinese and English)."""
    return len(_WORD.findall(text))


def _first_text(node: etree._Element, table: dict[etree._Element, Stats]) -> str:
    first = line_texts(node, table, 1)
    return first[0] if first else ""


def _adds_prose(outer: Stats, inner: Stats) -> bool:
    """True when ``outer`` holds, besides ``inner``, a good deal of plain text (a story, not a list)."""
    added, added_links = outer.text - inner.text, outer.links - inner.links
    return added - added_links > _CLIMB_PLAIN and added_links < _CLIMB_LIST * added


def _climb(
    node: etree._Element, rule: str, table: dict[etree._Element, Stats], h1: set[etree._Element]
) -> etree._Element:
    """Go up while the heading is still the first text of the ancestor and the ancestor stays small."""
    limit = _LIMIT.get(rule, _WIDGET_LIMIT)
    while True:
        parent = node.getparent()
        if parent is None or tag_of(parent) in ("body", "html") or parent in h1:
            return node
        stat = table.get(parent, _NO_STATS)
        if stat.text > limit or heading_rule(_first_text(parent, table)[:40]) != rule:
            return node
        if stat.text > _CLIMB_PROSE and stat.link_density < _CLIMB_LINKS:
            return node
        if _adds_prose(stat, table.get(node, _NO_STATS)):
            return node
        node = parent


def _extend(
    node: etree._Element, rule: str, table: dict[etree._Element, Stats], story: Mapping[etree._Element, int]
) -> list[etree._Element]:
    """Following siblings that continue a heading's block (the list after 相关阅读, the ①②③ items), up to
    one holding the headline (``story``)."""
    out = [node]
    for sibling in node.itersiblings():
        if not tag_of(sibling):
            continue
        if sibling in story:
            break
        text = _first_text(sibling, table)
        if heading_rule(text[:40]) not in (None, rule):
            break
        if rule in ("related_reading", "prev_next"):
            if _CREDIT_LINE.match(text):
                break  # the story's credit line (责任编辑：…) after an in-text list: the story's, not the list's
            stat = table.get(sibling, _NO_STATS)
            linked = sibling.find(".//a") is not None or tag_of(sibling) == "a"
            least = _LIST_LINKS if stat.text <= _CLIMB_PROSE else _BIG_LIST_LINKS
            short = stat.text <= _LIST_ITEM and _words(text) * (1 - stat.link_density) < _LIST_PLAIN
            ok = not text or (linked and (stat.link_density >= least or short))
        elif rule in ("copyright", "disclaimer"):
            ok = not text or bool(_COPYRIGHT_ITEM.match(text))
        else:
            ok = False
        if not ok:
            break
        out.append(sibling)
    return out


def _holds_text(nodes: list[etree._Element], table: dict[etree._Element, Stats]) -> bool:
    """True when one of the nodes is a large container that is not a link list (a page, not a list)."""
    return any(
        table.get(n, _NO_STATS).text > _CLIMB_PROSE and table.get(n, _NO_STATS).link_density < _CLIMB_LINKS
        for n in nodes
    )


#: ``_HINT`` without IGNORECASE, for casefolded text (several times faster on the many short texts).
_FOLDED_HINT = re.compile(_HINT.pattern)
#: The spaces XPath's normalize-space() collapses (not the no-break ones).
_XPATH_SPACES = re.compile(r"[ \t\r\n]+")


def _kept(text: str) -> int:
    """Characters normalize-space() keeps whatever their place: a cheap lower bound of its length."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")


def hint(text: str) -> bool:
    """True when a non-blank text short enough to hold a heading line holds a heading word."""
    if len(text) > _HINT_SLACK and (
        _kept(text[:_HINT_PREFIX]) > _HINT_SLACK  # the opening alone is too long (scripts, styles, prose)
        or _kept(text) > _HINT_SLACK
        or len(_XPATH_SPACES.sub(" ", text).strip(" ")) > _HINT_SLACK
    ):
        return False
    return _folded_hint(text)


@lru_cache(maxsize=8192)
def _folded_hint(text: str) -> bool:
    """The heading-word search of ``hint`` on a short text; pages repeat their menus and labels: remembered."""
    return _FOLDED_HINT.search(fold(text)) is not None


def _hinted(root: etree._Element) -> set[etree._Element]:
    """Elements whose text (own or of a descendant) holds a heading word: the only possible block starts."""
    return survey(root, hint, STRUCTURAL, names_rule).hinted


def _h1_chain(root: etree._Element) -> set[etree._Element]:
    """The <h1> elements and their ancestors (one tree search, shared by both block finders)."""
    h1 = set(root.iter("h1"))
    h1 |= {anc for node in h1 for anc in node.iterancestors()}
    return h1


def _headed(
    root: etree._Element,
    table: dict[etree._Element, Stats],
    h1: set[etree._Element],
    hinted: set[etree._Element],
    story: Mapping[etree._Element, int],
) -> Iterator[tuple[str, list[etree._Element]]]:
    """(rule, elements) of the blocks a heading opens (相关阅读 and the list after it, 版权声明 ...)."""
    seen: set[etree._Element] = set()
    taken: list[etree._Element] = []  # ancestors of the walk already taken by a block
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, node in walker:
        if event == "end":
            if taken and node is taken[-1]:
                taken.pop()
            continue
        if taken or node in seen or node not in hinted:
            walker.skip_subtree()
            continue
        if not tag_of(node):
            continue
        own = node.text  # read once: each read decodes it anew
        direct = own if own and own.strip() else (_first_text(node, table) if len(node) <= 3 else "")
        rule = heading_rule(direct[:60]) if direct else None
        stat = table.get(node, _NO_STATS)
        if rule is None or stat.text > _LIMIT.get(rule, _WIDGET_LIMIT):
            continue
        if _adds_prose(stat, Stats(text=len(direct))):
            continue
        top = _climb(node, rule, table, h1)
        nodes = _extend(top, rule, table, story)
        if rule in ("related_reading", "prev_next") and (prose(nodes, table) or _holds_text(nodes, table)):
            continue
        seen.update(nodes)
        walker.skip_subtree()
        if top is not node:
            taken.append(top)
        yield rule, nodes


def find_blocks(
    root: etree._Element,
    table: dict[etree._Element, Stats],
    census: Census | None = None,
    headings: list[etree._Element] | None = None,
) -> list[Block]:
    """All boilerplate blocks, outermost first; nested duplicates are skipped.

    ``census``: a ``census.survey`` of this tree as it is, with ``hint`` and at least ``STRUCTURAL`` and the
    elements ``names_rule`` names (``table`` is then its table); made here when not given. ``headings``: the
    page's ``headlines.headlines`` (found here when not given): no block swallows the story they head.
    """
    body = root.find("body")
    page = table.get(body if body is not None else root, _NO_STATS).text or 1
    blocks: list[Block] = []
    taken: set[etree._Element] = set()
    h1 = _h1_chain(root)
    if census is None:
        census = survey(root, hint, STRUCTURAL, names_rule)
    if headings is None:
        headings = headlines(root, table, page_title(root))
    story = holders(headings, table)
    headed = list(_headed(root, table, h1, census.hinted, story))
    named = [(rule, [node]) for rule, node in by_token(table, page, h1, census.marked, story)]
    for rule, found in [*headed, *named]:
        nodes = [n for n in found if n not in taken and not (taken and inside(n, taken))]
        if nodes:
            taken.update(nodes)
            blocks.append(Block(rule, nodes))
    return blocks


def remove_blocks(
    blocks: list[Block], removed: dict[str, list[str]], table: dict[etree._Element, Stats] | None = None
) -> None:
    """Drop every block from the tree, recording a snippet of its text under its rule.

    With ``table``, the statistics are updated in place to describe the cleaned tree.
    """
    for block in blocks:
        text = clean_space(" ".join(_opening(n, 200, table) for n in block.nodes))
        if text:
            removed.setdefault(block.rule, []).append(text[:200])
        for node in block.nodes:
            if table is not None:
                discount(table, node)
            drop(node)
