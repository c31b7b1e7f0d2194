"""Whole pages in the shape of the realsites school notices: extraction keeps the notice whole (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest

from crawler.pages import extract

NAV = "".join(f'<li><a href="/info/iList_{n}.htm">栏目{n}</a></li>' for n in range(1, 13))
NOTICE = [
    "时间：2021年10月21日、22日",
    "地点：学校多功能厅",
    "主题：学史明理 学史增信",
    "学科：语文、数学、英语",
    "为了迎接建党100周年，在七一到来之际，某某中学党支部组织了党员学习党史分享交流活动，全体党员参加了活动。",
    "活动在充满热情的钢琴曲中开场。党员们一起观看了微视频，十分钟的短片让在场很多党员同志都潸然泪下，会场十分安静。",
    "党员同志们争先发言，积极表达自己对党和国家的热爱，对教育事业的热爱，多位党员情到深处曾几度哽咽，令人动容。",
    "某某中学党支部",
    "2021年6月29日",
]


def _page(title: str, subtitle: str, author: str) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in NOTICE)
    return (
        f"<html><head><title>{title}</title></head><body>"
        f'<div class="nav"><ul>{NAV}</ul></div>'
        '<div class="nrwei2"><span>当前位置：<a href="/">首页</a> &gt; <a href="/info/iList_6.htm">学习园地</a>'
        " &gt; 正文</span></div>"
        f'<div class="neirong"><div class="tit">{title}</div><div class="subtit">{subtitle}</div>'
        f'<div class="futit">发布日期:2021-07-10&nbsp;&nbsp;&nbsp; 作者：{author}&nbsp;&nbsp;&nbsp;</div>'
        f'<div class="rong">{paragraphs}</div>'
        '<div class="fx">分享到：</div>'
        '<div class="xgxx"><h3>相关信息</h3><ul><li><a href="/a/1.htm">另一条通知的标题</a></li>'
        '<li><a href="/a/2.htm">再一条通知的标题</a></li></ul></div></div>'
        '<div class="foot">版权所有 某某中学 地址：某某路1号 技术支持 某某软件有限公司</div>'
        "</body></html>"
    )


@pytest.fixture(scope="module")
def fields() -> dict[str, Any]:
    html = _page("园丁奖评选事迹介绍——许慧莹", "——某某中学党支部党史学习专题会", "某某中学(G)")
    return extract(html.encode("utf-8"), "http://127.0.0.1:1/dwgk/hxwd/258121.htm")


def test_title_keeps_the_part_after_its_dash(fields: dict[str, Any]) -> None:
    assert fields["title"] == "园丁奖评选事迹介绍——许慧莹"


def test_author_keeps_its_brackets(fields: dict[str, Any]) -> None:
    assert fields["authors"] == ["某某中学(G)"]


def test_body_opens_with_the_subtitle_and_keeps_the_notice_whole(fields: dict[str, Any]) -> None:
    assert fields["body"].split("\n\n") == ["——某某中学党支部党史学习专题会", *NOTICE]


def test_only_the_meta_line_is_removed_as_a_credit(fields: dict[str, Any]) -> None:
    assert fields["removed"]["credit_line"] == ["发布日期:2021-07-10 作者：某某中学(G)"]
    assert "head_promo" not in fields["removed"]
