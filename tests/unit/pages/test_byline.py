"""Byline regions: credit lines after the body container, and the line that shows the headline."""

from __future__ import annotations

from crawler.pages import dom
from crawler.pages.byline import title_line, trailing_credit_lines


def test_credit_line_outside_the_body_container_is_found() -> None:
    root = dom.parse(
        '<html><body><div class="article"><h1>标题</h1><div id="content"><p>正文。</p></div></div>'
        '<div class="credit">来源:港城在线 作者:佚名 责任编辑:王五</div>'
        '<div class="related"><h3>相关阅读</h3><p>来源:别处</p></div></body></html>'
    )
    body = root.xpath("//*[@id='content']")[0]
    assert trailing_credit_lines(body) == ["来源:港城在线 作者:佚名 责任编辑:王五"]


def test_search_stops_at_the_first_line_that_is_not_a_credit() -> None:
    root = dom.parse(
        '<html><body><div id="content"><p>正文。</p></div><p>这是一段很长的其他内容，不是署名行，也不是来源行。</p>'
        "<p>责任编辑:王五</p></body></html>"
    )
    assert trailing_credit_lines(root.xpath("//*[@id='content']")[0]) == []


def test_an_element_counts_only_when_every_line_is_a_credit() -> None:
    root = dom.parse(
        '<html><body><div id="content"><p>正文。</p></div><div><img src="x.jpg"></div>'
        "<div><p>来源:新华社</p><p>责任编辑:王五</p></div>"
        "<div><p>作者:张三</p><p>这是一段很长的其他内容，不是署名行，也不是来源行。</p></div>"
        "<p>责任编辑:赵六</p></body></html>"
    )
    assert trailing_credit_lines(root.xpath("//*[@id='content']")[0]) == ["来源:新华社", "责任编辑:王五"]


def test_title_line_prefers_the_exact_line_over_a_breadcrumb() -> None:
    texts = ["首页 > 新闻 > 江城完成实验室改造", "江城完成实验室改造", "2024-03-12 09:30"]
    assert title_line(texts, "江城完成实验室改造") == 1


def test_title_line_is_none_when_the_page_does_not_show_the_headline() -> None:
    assert title_line(["首页", "新闻"], "江城完成实验室改造") is None


def test_info_lines_take_an_account_over_a_publish_label_or_a_follow_button() -> None:
    from crawler.pages.byline import info_lines

    def lines(after: str) -> list[str]:
        root = dom.parse(
            f"<html><body><h1>东山区推进教育扶贫工作</h1>{after}<p>{'正文很长。' * 30}</p></body></html>"
        )
        return info_lines(root, "东山区推进教育扶贫工作", root.find(".//h1"), "Asia/Shanghai")

    assert lines("<p>东山观察号</p><p>发布时间：09-3022:46</p>") == ["东山观察号", "发布时间：09-3022:46"]
    assert lines("<p>东山观察号</p><p>关注</p>") == ["东山观察号"]
    assert lines("<p>东山观察</p><p>企鹅号</p>") == ["东山观察"]
    assert lines("<p>东山观察号 昨天</p>") == ["东山观察号 昨天"]
    assert lines("<p>东山区的一个副标题</p>") == []


def test_lines_after_title_reads_only_as_far_as_it_needs() -> None:
    from crawler.pages.byline import lines_after_title

    def lines():
        yield from ["首页", "东山区推进教育扶贫工作", "一", "二", "三"]
        raise AssertionError("read too far")

    assert lines_after_title(lines(), "东山区推进教育扶贫工作", 2) == ["一", "二"]
    assert lines_after_title(["首页", "正文"], "东山区推进教育扶贫工作", 2) == []
