"""A <title> the page shows whole is the headline: its dash or bar is part of it, not a site suffix (issue 15)."""

from __future__ import annotations

import pytest

from crawler.pages import dom
from crawler.pages import meta as md
from crawler.pages.titles import find_title


def _title(title: str, body: str) -> str | None:
    root = dom.parse(f"<html><head><title>{title}</title></head><body>{body}</body></html>")
    return find_title(root, md.metas(root), md.jsonld(root))[0]


@pytest.mark.parametrize(
    "headline",
    [
        "园丁奖评选事迹介绍——许慧莹",
        "“乐和教师”——宋桂花",
        "市级奖：2016年度荣获区学生管乐展演--金奖",
        "学校机构设置和职责分工情况表-2023",
        "【学区化】初中地理大教研|技术赋能 向新而行",
        "Harbour bridge reopens - a year late",
    ],
)
def test_title_shown_whole_in_a_heading_div_is_kept_whole(headline: str) -> None:
    body = f'<div class="nav">首页 &gt; 通知</div><div class="tit">{headline}</div><p>正文第一段。</p>'
    assert _title(headline, body) == headline


def test_headline_split_over_inline_elements_still_counts_as_shown() -> None:
    body = '<div class="tit">园丁奖评选事迹介绍<span>——许慧莹</span></div><p>正文。</p>'
    assert _title("园丁奖评选事迹介绍——许慧莹", body) == "园丁奖评选事迹介绍——许慧莹"


def test_site_suffix_is_still_cut_when_the_page_shows_only_the_headline() -> None:
    body = "<h1>江城完成实验室改造</h1><p>江城示例网 版权所有</p>"
    assert _title("江城完成实验室改造 - 江城示例网", body) == "江城完成实验室改造"


def test_a_reprint_note_naming_headline_and_site_with_another_separator_is_not_the_title() -> None:
    body = "<h1>江城完成实验室改造</h1><p>转载请注明：<a href='/a'>江城完成实验室改造 | 示例商报</a></p>"
    assert _title("江城完成实验室改造--示例商报", body) == "江城完成实验室改造"


def test_a_title_element_misplaced_in_the_body_does_not_show_the_title() -> None:
    html = (
        "<html><head></head><body><title>四年前中奖现穷困潦倒__商贸_产业资讯_示例网</title>"
        "<h1>四年前中奖现穷困潦倒</h1><a href='/c'>产业资讯</a></body></html>"
    )
    root = dom.parse(html)
    assert find_title(root, md.metas(root), md.jsonld(root))[0] == "四年前中奖现穷困潦倒"
