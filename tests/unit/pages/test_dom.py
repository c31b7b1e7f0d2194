"""DOM helpers: statistics after a drop, text samples, replay, whitespace, folding, parsing, punctuation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from lxml import etree

from crawler.pages import census, dom


def test_discount_matches_a_fresh_count_after_a_drop() -> None:
    html = (
        "<html><body><div id='a'><p>Some words, here.</p><div id='b'><a href='/x'>link text</a> tail</div>"
        "<span>inline, words</span></div></body></html>"
    )
    root = dom.parse(html)
    table = census.stats(root)
    for node in [root.xpath("//*[@id='b']")[0], root.find(".//span")]:
        dom.discount(table, node)
        dom.drop(node)
    fresh = census.stats(root)
    assert {n: (s.text, s.links, s.inline, s.punct) for n, s in table.items()} == {
        n: (s.text, s.links, s.inline, s.punct) for n, s in fresh.items()
    }


def test_text_sample_skips_scripts_and_stops_near_the_size() -> None:
    root = dom.parse("<html><body><script>var x = 1;</script><p>一二三</p><p>abc def</p></body></html>")
    assert dom.text_sample(root, 100) == "一二三\nabc def"
    assert dom.text_sample(root, 2) == "一二"


def test_replayable_replays_what_one_reader_read_to_the_next() -> None:
    pulled: list[int] = []

    def source() -> Iterator[int]:
        for item in range(5):
            pulled.append(item)
            yield item

    items = dom.Replayable(source())
    assert next(iter(items)) == 0
    assert pulled == [0]
    assert list(items) == [0, 1, 2, 3, 4]
    assert list(items) == [0, 1, 2, 3, 4]
    assert pulled == [0, 1, 2, 3, 4]


def test_whitespace_includes_full_width_no_break_zero_width_and_bom() -> None:
    text = "\ufeff 新闻\u3000标题\xa0text\u200bmore \t\n"
    assert dom.clean_space(text) == "新闻 标题 text more"
    assert dom.chars(text) == len("新闻标题textmore")
    assert dom.chars("\u200b\ufeff") == 0


def test_fold_matches_what_a_case_insensitive_search_matches() -> None:
    assert dom.fold("PRİNT Share") == "print share"


@pytest.mark.parametrize(
    "text",
    [
        "<html><body><p>新闻 text</p></body></html>",
        "<?xml version='1.0' encoding='gbk'?><html><body><p>中文</p></body></html>",
        "",
    ],
)
def test_parsing_the_utf8_bytes_gives_the_tree_of_the_text(text: str) -> None:
    expected = etree.tostring(dom.parse(text))
    assert etree.tostring(dom.parse(text, text.encode("utf-8"))) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain words",
        "One, two. Three! Four? Five; six: seven.",
        "中文，句子。问号？冒号：顿号、引“号”！分号；",
        "mixed, 中文。",
    ],
)
def test_punct_counts_what_the_pattern_matches(text: str) -> None:
    assert dom.punct(text) == len(dom._PUNCT.findall(text))


def test_an_early_html_end_tag_does_not_cut_the_page() -> None:
    text = "<html><body><div>header</div></html>\n<!-- end header -->\n<div><p>The story itself.</p></div></body></html>"
    root = dom.parse(text)
    assert "The story itself." in dom.text_content(root)


def test_comments_after_the_html_end_tag_change_nothing() -> None:
    text = "<html><body><p>The story itself.</p></body></html>\n<!-- generated in 0.5 s -->"
    assert dom.text_content(dom.parse(text)) == "The story itself."
