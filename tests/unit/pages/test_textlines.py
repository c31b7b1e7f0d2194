"""Visible-text lines: hidden elements count in no line, blocks and <br> end lines, links are measured."""

from __future__ import annotations

import sys

import pytest
from lxml import etree

from crawler.pages import census, dom, textlines

SHOWN = "<p>Shown paragraph.</p>"


@pytest.mark.parametrize(
    "hidden",
    [
        "<div style='display: none'>Secret data</div>",
        "<div style='visibility:hidden'>Secret data</div>",
        "<div hidden>Secret data</div>",
        "<div aria-hidden='true'>Secret data</div>",
    ],
)
def test_hidden_elements_have_no_lines_and_no_text(hidden: str) -> None:
    root = dom.parse(f"<html><body>{SHOWN}{hidden}</body></html>")
    body = root.find("body")
    assert [line.text for line in textlines.lines(body)] == ["Shown paragraph."]
    assert census.stats(root)[body].text == len("Shownparagraph.")


def test_tail_text_after_a_hidden_element_stays() -> None:
    root = dom.parse("<html><body><p>Before <span hidden>x</span>after.</p></body></html>")
    assert [line.text for line in textlines.lines(root.find("body"))] == ["Before after."]


def test_mathml_formulas_are_text_inside_their_line() -> None:
    root = dom.parse(
        "<html><body><p>Solve <math><mrow><mi>x</mi><mo>=</mo><mn>2</mn></mrow>"
        "<annotation>x=2</annotation></math> now.</p></body></html>"
    )
    assert [line.text for line in textlines.lines(root)] == ["Solve x=2 now."]


def test_text_after_a_comment_inside_a_paragraph_is_kept() -> None:
    root = dom.parse("<html><body><p>Eswar Prasad<!-- -->, a trade professor, said so.</p></body></html>")
    assert [line.text for line in textlines.lines(root)] == ["Eswar Prasad, a trade professor, said so."]


def test_lines_stop_at_the_limit() -> None:
    root = dom.parse("<html><body><p>one</p><p>two</p><p>three</p></body></html>")
    assert [line.text for line in textlines.lines(root, limit=2)] == ["one", "two"]
    assert len(textlines.lines(root)) == 3


PAGE = (
    "<html><body><div>Lead <span hidden>x</span>text<button><span>Share</span></button>"
    "<div style='display:none'><p>Secret</p></div><script>var a = 1;</script><ul><li><a href='/a'>A link</a>"
    "</li></ul></div></body></html>"
)


def test_lines_with_the_statistics_table_read_what_the_attribute_tests_read() -> None:
    root = dom.parse(PAGE)
    table = census.stats(root)
    for node in root.iter():
        plain = [(line.text, line.link_chars) for line in textlines.lines(node)]
        assert [(line.text, line.link_chars) for line in textlines.lines(node, shown=table)] == plain
    assert [line.text for line in textlines.lines(root.find("body"), shown=table)] == ["Lead text", "A link"]


def test_blanks_between_lines_neither_open_a_line_nor_join_words() -> None:
    root = dom.parse(
        "<html><body>\n <div>\n\t<p> One\u3000<a href='/a'>two</a>\n</p>\n <p>\xa0<b>th</b><i>ree</i> </p>"
        "<a href='/b'> \n</a><br> <a href='/c'>\u200bfour</a>\n</div> \n</body></html>"
    )
    found = [(line.text, line.link_chars) for line in textlines.lines(root.find("body"))]
    assert found == [("One two", 3), ("three", 0), ("four", 4)]


OPENING = (
    "<html><body>\n<div><h3> Related <b>stories</b></h3>\n<ul><li><a href='/a'>One</a> <i>2024</i></li>"
    "<li>\xa0</li><li><span>Two</span><br>three</li></ul><p hidden>x</p>tail <em>words</em><p>Last "
    "line here, longer than the others</p></div> after\n</body></html>"
)


def _first_lines(root: etree._Element, shown: dict, limit: int, size: int) -> list[str]:
    """What line_texts should read: the generator's lines, up to the same stop."""
    out: list[str] = []
    for line in textlines.iter_lines(root, shown=shown):
        out.append(line.text)
        if len(out) >= limit or sum(map(len, out)) + len(out) >= size:
            break
    return out if limit > 0 else []


@pytest.mark.parametrize(("limit", "size"), [(1, 0), (2, 1000), (3, 20), (100, 10**6), (0, 0)])
def test_line_texts_are_the_lines_iter_lines_yields(limit: int, size: int) -> None:
    for html in (OPENING, PAGE):
        root = dom.parse(html)
        table = census.stats(root)
        some = {node: stat for node, stat in table.items() if node.tag not in ("li", "em")}
        for node in root.iter():
            for shown in (table, some):
                assert textlines.line_texts(node, shown, limit, size) == _first_lines(
                    node, shown, limit, size
                )
                assert textlines.line_texts(node, shown) == [
                    line.text for line in textlines.lines(node, shown=shown)
                ]
    root = dom.parse(OPENING)
    assert textlines.line_texts(root, census.stats(root), 3) == ["Related stories", "One 2024", "Two"]
    assert textlines.line_texts(root, census.stats(root), 9, 30) == [
        "Related stories",
        "One 2024",
        "Two",
        "three",
    ]


def test_line_texts_deeper_than_the_recursion_limit_are_read_all_the_same() -> None:
    root = dom.parse("<html><body></body></html>")
    node = root.find("body")
    for depth in range(sys.getrecursionlimit() + 50):
        node = etree.SubElement(node, "div")
        node.text = f"line {depth}" if depth % 400 == 7 else None
    table = census.stats(root)
    assert textlines.line_texts(root, table, 2) == ["line 7", "line 407"]
    assert textlines.line_texts(root, table, 100) == _first_lines(root, table, 100, sys.maxsize)


def test_iter_lines_reads_no_further_than_asked() -> None:
    root = dom.parse("<html><body><p>One</p><p>Two</p><p>Three</p></body></html>")
    found = textlines.iter_lines(root.find("body"))
    assert next(found).text == "One"
    assert [line.text for line in found] == ["Two", "Three"]
