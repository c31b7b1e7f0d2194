"""The headline a page shows when its <title> carries a site tail the suffix rules miss: one test per
entry of ``titles.PIECE_SEPARATORS``, and the cases where the <title> stays."""

from __future__ import annotations

import pytest

from crawler.pages import extract
from crawler.pages.titles import PIECE_SEPARATORS, pieces

ZH = (
    "<p>这是一段用于测试的正文内容，包含足够多的文字和标点，以便正文检测能够选中它。我们再补充一句话。</p>"
    * 4
)
EN = (
    "<p>The council agreed on Tuesday to rebuild the old footbridge over the canal before the winter.</p>" * 4
)


def _title(page_title: str, shown: str, body: str = ZH) -> str | None:
    html = (
        f"<html><head><title>{page_title}</title></head><body><div class='top'>站点导航 Site</div>"
        f"<div class='headline'><b>{shown}</b></div><div class='text'>{body}</div></body></html>"
    )
    return extract(html, "http://a.example.cn/news/1.html")["title"]


def test_every_separator_has_a_case_below() -> None:
    assert set(PIECE_SEPARATORS) == {"separator run", "space between Han", "colon and space"}


@pytest.mark.parametrize(
    ("page_title", "shown"),
    [
        ("市里发布新的公共交通线路调整方案GPU-EDN 电子技术设计", "市里发布新的公共交通线路调整方案GPU"),
        ("明日预测--市里发布新的公共交通线路调整方案", "市里发布新的公共交通线路调整方案"),
    ],
)
def test_separator_run(page_title: str, shown: str) -> None:
    assert _title(page_title, shown) == shown


def test_space_between_han() -> None:
    shown = "街道工作委员会一行到金融街开展调研工作"
    assert _title(f"{shown} 东区办事处_城市网", shown) == shown


def test_colon_and_space() -> None:
    shown = "Council agrees to rebuild the old footbridge"
    assert _title(f"Town Notes: {shown}", shown, EN) == shown


def test_a_space_between_words_is_no_separator() -> None:
    assert pieces("Residential Long Distance Phone Service") == []


def test_the_name_before_a_colon_is_never_the_headline() -> None:
    assert pieces("A Thrifty Blog: Look!") == []


def test_the_title_stays_when_the_page_shows_it_whole() -> None:
    whole = "市里发布新的公共交通线路调整方案-城市网"
    assert _title(whole, whole) == whole


def test_the_title_stays_when_no_part_is_shown() -> None:
    whole = "市里发布新的公共交通线路调整方案GPU-EDN 电子技术设计"
    assert _title(whole, "别的文字") == whole


def _names_page(page_title: str, heading: str, info: str) -> str:
    return (
        f"<html><head><title>{page_title}</title></head><body><h3>首页 - 新闻动态</h3><div class='box'>"
        f"<h5>{heading}</h5><div class='ly'>{info}</div><div class='text'>{ZH}</div></div></body></html>"
    )


def test_a_title_of_names_only_gives_way_to_the_heading_above_the_info_line() -> None:
    heading = "市里召开公共交通线路调整方案座谈会"
    html = _names_page("新闻动态--城市交通学会官网", heading, "发布时间：2019-05-18 来源：城市交通学会")
    assert extract(html, "http://a.example.cn/news/1.html")["title"] == heading


def test_a_heading_without_an_info_line_does_not_replace_the_title() -> None:
    html = _names_page(
        "新闻动态--城市交通学会官网", "市里召开公共交通线路调整方案座谈会", "来源：城市交通学会"
    )
    assert extract(html, "http://a.example.cn/news/1.html")["title"] == "新闻动态--城市交通学会官网"
