"""The census walk records what census.stats, the block finders and the author scan would each find alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lxml import etree

from crawler.pages import authors, blocks, blocktokens, census, dom
from crawler.pages.article import _named
from crawler.pages.census import survey

PAGE = (
    "<html><head><title>Page</title><script>var more = 1;</script></head><body>"
    "<nav><a href='/'>Home</a> <a href='/more'>More</a></nav>"
    "<div class='main'><h1>Headline, here</h1><p class='byline'>By <a rel='author'>Jane Doe</a></p>"
    "<p>Lead, text<span hidden>x</span> and <b>bold, words</b>. <i>Related</i> tail!</p>"
    "<div style='display:none'><p>Secret, text</p></div><button><span>Share</span></button>"
    "<div id='related'><h3>Related stories</h3><ul><li><a href='/a'>A link</a></li></ul></div>"
    "<span itemprop='author'>John Roe</span><footer>Copyright 2024</footer></div>"
    "<aside class='share-bar'>Share this</aside>Body tail, words.</body></html>"
)


def _figures(table: dict) -> list[tuple]:
    return [(node, s.text, s.links, s.inline, s.punct) for node, s in table.items()]


def test_the_table_is_dom_stats_in_the_same_order() -> None:
    root = dom.parse(PAGE)
    found = survey(root, blocks.hint, blocktokens.STRUCTURAL, _named)
    assert _figures(found.table) == _figures(census.stats(root))
    assert root.find(".//button") not in found.table  # not shown: no figures, as census.stats


def test_a_census_leaves_no_garbage_for_the_cyclic_collector() -> None:
    """The tree, its proxies and the figures go when the last reference does (a cycle would keep a whole
    page alive until a collection of an older generation, which then has all of it to scan).

    Checked in a fresh interpreter: in this one, crawlers that earlier tests left behind may be freed while
    the census runs, and their signal handlers' weak references are cyclic garbage of their own.
    """
    script = (
        "import gc\n"
        "from crawler.pages import blocks, blocktokens, dom\n"
        "from crawler.pages.article import _named\n"
        "from crawler.pages.census import survey\n"
        "from tests.unit.pages.test_census import PAGE\n"
        "root = dom.parse(PAGE)\n"
        "gc.collect()\n"
        "gc.disable()\n"
        "survey(root, blocks.hint, blocktokens.STRUCTURAL, _named)\n"
        "print(gc.collect())\n"
    )
    root_dir = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root_dir, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["0"]


def test_a_tree_deeper_than_the_recursion_limit_is_walked_all_the_same() -> None:
    root = dom.parse("<html><body></body></html>")
    node = root.find("body")
    limit = sys.getrecursionlimit()
    for depth in range(limit + 100):
        node = etree.SubElement(node, "div", {"class": "share"} if depth == 5 else {})
        node.text = "Related, words" if depth == 7 else "x"
    found = survey(root, blocks.hint, blocktokens.STRUCTURAL, _named)
    assert _figures(found.table) == _figures(census.stats(root))
    assert found.table[root.find("body")].text == sys.getrecursionlimit() + 100 + len("Related,words") - 1
    assert [names for _, _, names, _, _, _ in found.marked] == ["share"]
    assert found.hinted == blocks._hinted(root)
    assert sys.getrecursionlimit() == limit  # raised for that walk only


def test_remembered_short_texts_read_as_on_a_first_walk_for_each_hint_test() -> None:
    """Short texts are remembered with their figures, per hint test: a later page, or another test, reads
    them as a walk with nothing remembered would."""
    census._memos.clear()
    fresh = survey(dom.parse(PAGE), blocks.hint, blocktokens.STRUCTURAL, _named)
    assert "Related stories" in census._memos[blocks.hint]
    assert "Lead, text" in census._memos[blocks.hint]
    root = dom.parse(PAGE)
    again = survey(root, blocks.hint, blocktokens.STRUCTURAL, _named)
    assert [f[1:] for f in _figures(again.table)] == [f[1:] for f in _figures(fresh.table)]
    assert again.hinted
    paths = root.getroottree().getpath
    assert {paths(n) for n in again.hinted} == {n.getroottree().getpath(n) for n in fresh.hinted}
    other = survey(root, census.never, frozenset(), authors.byline_names)
    assert not other.hinted  # the same texts, another test: its own answers
    assert _figures(other.table) == _figures(again.table)
    long = "word " * census._SHORT
    survey(dom.parse(f"<html><body><p>{long}</p></body></html>"), blocks.hint, blocktokens.STRUCTURAL, _named)
    assert long not in census._memos[blocks.hint]


def test_texts_of_elements_not_shown_are_hint_tested_all_the_same() -> None:
    """A script's text, a tail inside a button: no figures, but their holders are hinted as any other."""
    root = dom.parse(
        "<html><body><div><script>var more = 1;</script></div><p><button><b>x</b>Share it</button></p>"
        "<p>plain</p></body></html>"
    )
    found = survey(root, blocks.hint, blocktokens.STRUCTURAL, _named)
    script, button = root.find(".//script"), root.find(".//button")
    assert script not in found.table
    assert button not in found.table
    assert {script, script.getparent(), button, button.getparent()} <= found.hinted
    assert root.find(".//b") not in found.hinted
    assert root.findall(".//p")[1] not in found.hinted


def test_hinted_holders_are_those_of_the_block_finder() -> None:
    root = dom.parse(PAGE)
    found = survey(root, blocks.hint, blocktokens.STRUCTURAL, _named)
    assert found.hinted == blocks._hinted(root)
    assert root.find(".//h3") in found.hinted  # "Related stories"
    assert root.find(".//p[@class='byline']") not in found.hinted


def test_marked_elements_carry_their_names_in_document_order() -> None:
    """Names no scan takes an element by (class "main") are left out; rel, itemprop and structural tags stay."""
    root = dom.parse(PAGE)
    marked = survey(root, blocks.hint, blocktokens.STRUCTURAL, _named).marked
    assert [(tag, names, ident, rel, prop) for _, tag, names, ident, rel, prop in marked] == [
        ("nav", None, None, None, None),
        ("p", "byline", None, None, None),
        ("a", None, None, "author", None),
        ("div", None, "related", None, None),
        ("span", None, None, None, "author"),
        ("footer", None, None, None, None),
        ("aside", "share-bar", None, None, None),
    ]


def test_the_block_finder_and_author_scan_read_the_census_as_the_tree() -> None:
    root = dom.parse(PAGE)
    found = survey(root, blocks.hint, blocktokens.STRUCTURAL, _named)
    table = census.stats(root)
    alone = [(b.rule, b.nodes) for b in blocks.find_blocks(root, table)]
    assert alone
    assert [(b.rule, b.nodes) for b in blocks.find_blocks(root, found.table, found)] == alone
    for after in [None, root, *root.iter()]:
        scanned = list(authors._candidates(root, after))
        assert list(authors._candidates(root, after, found.marked)) == scanned
    headline = root.find(".//h1")
    following = dict(authors._candidates(root, headline, found.marked))
    assert following == {
        root.find(".//p[@class='byline']"): True,
        root.find(".//a[@rel='author']"): True,
        root.find(".//span[@itemprop='author']"): True,
    }
    assert dict(authors._candidates(root, root.find(".//footer"), found.marked)) == dict.fromkeys(
        following, False
    )


def test_follows_is_document_order() -> None:
    root = dom.parse("<html><body><div><p>a</p><p><b>b</b></p></div><span>c</span></body></html>")
    order = list(root.iter())
    for i, first in enumerate(order):
        for j, node in enumerate(order):
            if node is not root:
                assert authors._follows(node, first, root) == (first is not root and i < j), (i, j)


def test_baidu_ids_come_from_the_census_and_leave_with_their_block() -> None:
    from crawler.pages.article import ArticlePage

    html = (
        "<html><body><h1>标题</h1><div class='info'><span id='source_baidu'>来源：新华社</span>"
        "<span id='author_baidu'>作者：张三</span></div><p>正文第一段，内容。</p>"
        "<div class='footer'><span id='editor_baidu'>责任编辑：李四</span></div></body></html>"
    )
    page = ArticlePage("http://example.com/a", html)
    assert [node.get("id") for node in page._baidu_ids] == ["source_baidu", "author_baidu", "editor_baidu"]
    page.cleaned  # noqa: B018 - phase 2 removes the footer block
    assert page._baidu("source") == "来源：新华社"
    assert page._baidu("editor") is None  # its block was dropped


def test_text_inside_a_link_is_link_text_at_every_level() -> None:
    root = dom.parse(
        "<html><body><ul><li><a href='/live/1'><div class='card'><h3>Desk</h3>"
        "<div class='text'>Markets opened higher and then eased back, as expected.</div></div></a></li></ul>"
        "<a name='top'><div>Plain words in an anchor without href.</div></a></body></html>"
    )
    table = census.stats(root)
    card = next(n for n in root.iter("div") if n.get("class") == "text")
    assert table[card].links == table[card].text > 0
    plain = root.find(".//a[@name]/div")
    assert table[plain].links == 0
