"""Headline choice: declared headline vs <title> minus site suffix vs <h1>."""

from __future__ import annotations

import pytest

from crawler.pages import dom
from crawler.pages import meta as md
from crawler.pages.titles import find_title, strip_site_suffix


def _title(html: str) -> str | None:
    root = dom.parse(html)
    return find_title(root, md.metas(root), md.jsonld(root))[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Storm closes the harbour | Harbour Gazette", "Storm closes the harbour"),
        ("江城完成实验室改造 - 新华网", "江城完成实验室改造"),
        ("江城完成实验室改造_科技频道_网易新闻", "江城完成实验室改造"),
        ("江城完成实验室改造-新华网", "江城完成实验室改造"),
        ("New tools for old boats-example.com", "New tools for old boats"),
        ("Just-released tide tables for the bay", "Just-released tide tables for the bay"),
    ],
)
def test_strips_site_suffix(raw: str, expected: str) -> None:
    assert strip_site_suffix(raw) == expected


def test_keeps_title_whose_last_part_is_the_longer_one() -> None:
    assert strip_site_suffix("Mozilla - Wikipedia") == "Mozilla - Wikipedia"


def test_declared_headline_wins_when_the_title_agrees() -> None:
    html = (
        "<html><head><title>Storm closes the harbour | Gazette</title>"
        '<meta property="og:title" content="Storm closes the harbour"></head>'
        "<body><h1>Gazette</h1></body></html>"
    )
    assert _title(html) == "Storm closes the harbour"


def test_jsonld_description_headline_that_the_page_does_not_show_is_ignored() -> None:
    html = (
        "<html><head><title>Tide tables of the bay - Gazette</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Reference list"}</script>'
        "</head><body><h1>Tide tables of the bay</h1></body></html>"
    )
    assert _title(html) == "Tide tables of the bay"


def test_meta_title_cut_at_an_unescaped_quote_gives_way_to_the_page_title() -> None:
    html = (
        '<html><head><title>渔港迎来"开海"第一天_港城新闻</title>'
        '<meta property="og:title" content="渔港迎来"开海"第一天"></head><body></body></html>'
    )
    assert _title(html) == '渔港迎来"开海"第一天'


def test_h1_used_when_the_title_is_only_the_site_name() -> None:
    html = "<html><head><title>Gazette</title></head><body><h1>Storm closes the harbour for two days</h1></body></html>"
    assert _title(html) == "Storm closes the harbour for two days"


def test_h1_used_without_any_title() -> None:
    assert _title("<html><body><h1>Storm closes the harbour</h1></body></html>") == "Storm closes the harbour"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<span style='color:#000'>唱响经典、追逐梦想</span>", "唱响经典、追逐梦想"),
        ("<font color=red>Harbour reopens</font> - Daily", "Harbour reopens"),
        (
            "<b>馆校合作——中国航海博物馆《水手绳结》主题巡展</b>",
            "馆校合作——中国航海博物馆《水手绳结》主题巡展",
        ),
        ("Is 3 < 4? A maths question", "Is 3 < 4? A maths question"),
    ],
)
def test_tags_written_inside_the_title_element_are_not_title_text(head: str, expected: str) -> None:
    assert _title(f"<html><head><title>{head}</title></head><body><p>x</p></body></html>") == expected
