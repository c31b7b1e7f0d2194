"""Credits of whole pages (hand-written HTML): the seed's credit line wherever it stands after the text, the
info line's outlet or account, an editor line below the text, a dateline's reporters."""

from __future__ import annotations

import pytest

from crawler.items import ANONYMOUS
from crawler.pages import extract

_PARA = (
    "<p>东山区教体局坚持扶贫与扶智相结合，建立上下联动、多部门合力推进的教育扶贫机制，资助家庭贫困学生就学，"
    "结对帮扶贫困群众，开展技能扶贫工作，深入推进区内的教育精准脱贫。</p>"
)
_CREDIT = "来源:东山在线 作者:佚名 责任编辑:林小溪 我要投稿"


def _page(inner: str = "", after: str = "", info: str = "东山教育网 2017-12-19 11:08 围观357次") -> bytes:
    return (
        "<html><head><title>东山区推进教育扶贫_东山教育网</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/a'>新闻</a></div>"
        f"<div class='main'><h1>东山区推进教育扶贫</h1><div class='info'>{info}</div>"
        f"<div class='content'>{_PARA * 5}{inner}</div>{after}</div>"
        "<div class='footer'>关于我们 联系我们</div></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("inner", "after"),
    [
        (f"<p>{_CREDIT}</p>", ""),
        (f"<p>{_CREDIT}</p><p>校具采购页</p>", ""),
        (f"<p>{_CREDIT}</p><p>校具采购页</p><p><a href='/x'>更多新闻</a></p>", ""),
        ("", f"<div>{_CREDIT}</div><div>校具采购页</div>"),
    ],
)
def test_the_seed_credit_line_is_parsed_and_cut_wherever_it_stands_after_the_text(inner, after):
    found = extract(_page(inner, after), "http://example.cn/a/1.html")
    assert (found["source"], found["authors"], found["editors"]) == ("东山在线", [ANONYMOUS], ["林小溪"])
    assert "来源" not in found["body"]
    assert "校具采购页" not in found["body"]
    assert found["body"].endswith("教育精准脱贫。")


def test_a_dated_editor_line_closing_the_text_is_cut_with_the_tools_after_it():
    found = extract(
        _page("<p>发布日期：2019-03-06 责任编辑：林小溪</p><p>打印本页</p>"), "http://example.cn/a/1.html"
    )
    assert found["editors"] == ["林小溪"]
    assert found["body"].endswith("教育精准脱贫。")


@pytest.mark.parametrize(
    ("info", "source"),
    [
        ("2019-09-09 16:01 东山晚报", "东山晚报"),
        ("原创 东山观察号 2019-09-09 16:01:46", "东山观察号"),
        ("东山观察号</div><div>发布时间：2019-09-09 16:01", "东山观察号"),
    ],
)
def test_the_info_line_names_the_source(info, source):
    found = extract(_page(info=info), "http://example.cn/a/1.html")
    assert found["source"] == source
    assert source not in found["authors"]


def test_an_editor_line_below_other_text_after_the_body():
    after = "<ul><li>转发请注明本文链接：http://example.cn/a/1.html</li><li>责任编辑: 林小溪</li></ul>"
    found = extract(_page(after=after), "http://example.cn/a/1.html")
    assert found["editors"] == ["林小溪"]


def test_a_dateline_names_the_reporters():
    inner = "<p>东山网10月4日讯（记者林小溪 整合）国庆长假过半，东山游客不减。</p>"
    html = _page().replace(b"<div class='content'>", f"<div class='content'>{inner}".encode())
    assert extract(html, "http://example.cn/a/1.html")["authors"] == ["林小溪"]


def test_a_dateline_adds_its_reporters_to_the_byline():
    inner = "<p>本站讯（通讯员 周小雁 王大山）为推进党建工作，东山区举办技能大赛，百余人参加。</p>"
    html = _page(info="作者：东山支部 2019-10-31").replace(
        b"<div class='content'>", f"<div class='content'>{inner}".encode()
    )
    assert extract(html, "http://example.cn/a/1.html")["authors"] == ["东山支部", "周小雁", "王大山"]


def test_a_chinese_byline_beats_a_latin_json_ld_author():
    ld = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
        '"headline":"东山区推进教育扶贫","author":{"@type":"Person","name":"Hill Desk"}}</script>'
    )
    html = _page(info="2019-09-09 16:01 作者：林小溪").replace(b"</head>", f"{ld}</head>".encode())
    assert extract(html, "http://example.cn/a/1.html")["authors"] == ["林小溪"]
    alone = _page(info="2019-09-09 16:01").replace(b"</head>", f"{ld}</head>".encode())
    assert extract(alone, "http://example.cn/a/1.html")["authors"] == ["Hill Desk"]


def test_an_editor_line_inside_a_removed_share_box():
    after = (
        "<div class='share-box'><p>[责任编辑：林小溪]</p><a href='/s1'>分享到微信</a> <a href='/s2'>微博</a>"
        " <a href='/s3'>QQ空间</a></div>"
    )
    assert extract(_page(after=after), "http://example.cn/a/1.html")["editors"] == ["林小溪"]


def test_a_dateline_under_the_headline_counts_when_no_other_author_is_found():
    dateline = (
        "<p>东山晚报快讯（记者 周小雁）今日有网友爆料，东山区的教育扶贫工作又有了新进展，各方都很关注。</p>"
    )
    html = _page(info="2019-09-09 16:01 东山晚报").replace(
        b"<div class='content'>", f"{dateline}<div class='content'>".encode()
    )
    assert extract(html, "http://example.cn/a/1.html")["authors"] == ["周小雁"]
