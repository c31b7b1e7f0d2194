"""Related-reading items: each link's item is the largest part of the block holding no other titled link."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from crawler.pages import dom, extract, related

BLOCK = (
    "<html><body><div id='rel'><h3>相关阅读</h3><ul>"
    "<li><a href='/a/1.html'>第一篇文章标题</a><span>新华网 2024-03-01</span></li>"
    "<li><div><a href='/a/2.html'>第二篇文章标题</a></div><p>第二篇的摘要，较长的一段文字。</p></li>"
    "<li><a href='javascript:void(0)'>不是链接的标题</a></li>"
    "<li><a href='/a/3.html'>短</a><a href='https://other.example/x'>第三篇文章标题</a></li>"
    "<li><a href='/a/1.html#top'>第一篇文章标题</a></li>"
    "</ul></div></body></html>"
)


def test_holders_count_the_titled_links_under_each_element_up_to_the_block() -> None:
    root = dom.parse(BLOCK)
    block = root.find(".//div[@id='rel']")
    titles = related._titles(block)
    assert list(titles.values())[:2] == ["第一篇文章标题", "第二篇文章标题"]
    titled = [a for a, title in titles.items() if len(title) >= related._MIN_TITLE]
    assert len(titled) == 5  # "短" is too short
    holders = related._holders(titled, block)
    assert holders[block] == 5
    assert holders[block.find("ul")] == 5
    items = block.findall("ul/li")
    assert [holders.get(li, 0) for li in items] == [1, 1, 1, 1, 1]
    assert root.find("body") not in holders  # nothing above the block
    for anchor in titled:  # as counting the titled links of every ancestor
        node = anchor
        while node is not block:
            node = node.getparent()
            assert holders.get(node, 0) == sum(1 for a in node.iter("a") if a in titled)


def test_an_item_root_is_the_largest_ancestor_with_one_titled_link() -> None:
    root = dom.parse(BLOCK)
    block = root.find(".//div[@id='rel']")
    titles = related._titles(block)
    holders = related._holders([a for a, t in titles.items() if len(t) >= related._MIN_TITLE], block)
    second = block.find(".//a[@href='/a/2.html']")
    assert related._item_root(second, block, holders).tag == "li"
    assert related._item_root(block, block, holders) is block


def test_related_items_read_title_snippet_source_and_date_once_per_url() -> None:
    root = dom.parse(BLOCK)
    block = root.find(".//div[@id='rel']")
    found = related.related_items([block], "http://example.com/news/today.html", "Asia/Shanghai")
    assert [item["url"] for item in found] == [
        "http://example.com/a/1.html",
        "http://example.com/a/2.html",
        "https://other.example/x",
        "http://example.com/a/1.html#top",
    ]
    first, second, third = found[0], found[1], found[2]
    assert first["title"] == "第一篇文章标题"
    assert first["source"] == "新华网"
    assert first["date"] is not None
    assert first["date"].startswith("2024-03-01")
    assert second["snippet"] == "第二篇的摘要，较长的一段文字。"
    assert second["source"] is None
    assert third["title"] == "第三篇文章标题"


def test_a_link_block_is_its_own_item() -> None:
    root = dom.parse("<html><body><a href='/b/9.html'>一篇相关的文章</a></body></html>")
    anchor = root.find(".//a")
    found = related.related_items([anchor], "http://example.com/", "UTC")
    assert [(item["url"], item["title"]) for item in found] == [
        ("http://example.com/b/9.html", "一篇相关的文章")
    ]


def test_remembered_links_are_made_absolute_as_urljoin_makes_them() -> None:
    """A path-absolute link is remembered by the base's scheme and host: another page of the site, with
    another path, query or fragment, gets what urljoin gives it."""
    hrefs = ["/a/b.html", "/a/../b", "/./x", "/a//b/", "/a;p?q#f", "/?", "/#", "/a\tb", "//other.example/x"]
    bases = [
        "http://news.example/2024/01/page.html?x=1#top",
        "http://news.example/",
        "https://news.example/deep/er/p;q?z#k",
        "ftp://news.example/a",
        "/relative/base",
        "",
    ]
    related._JOINED.clear()
    for base in bases:
        for href in hrefs:
            assert related._absolute(base, href) == urljoin(base, href)
    assert ("http", "news.example", "/a/../b") in related._JOINED
    assert not any(key[0] == "ftp" or key[2].startswith("//") for key in related._JOINED)


def _notice(related_heading: str, footer: str = "") -> str:
    items = "".join(f'<li><a href="/xwzx/{n}.htm">第{n}周工作安排与教学检查通知</a></li>' for n in range(5))
    text = (
        "<p>"
        + "本周学校将组织全体教师开展教学检查，请各教研组做好准备，按时提交教学计划和听课记录。" * 3
        + "</p>"
    )
    return (
        '<html><body><div class="nav"><a href="/">首页</a></div><div class="neirong"><h1>第六周工作安排</h1>'
        f'<div class="rong">{text}</div><div class="xglj"><div class="xgxx1">{related_heading}</div></div>'
        f'<div class="xgxx_list"><ul>{items}</ul></div></div>{footer}</body></html>'
    )


@pytest.mark.parametrize("heading", ["相关信息", "相关新闻", "相关文章", "相关链接", "延伸阅读", "推荐阅读"])
def test_related_reading_headings_are_recorded_and_kept_out_of_the_body(heading):
    fields = extract(_notice(heading), "http://h/xwzx/209492.htm", None)
    assert [r["url"] for r in fields["related"]] == [f"http://h/xwzx/{n}.htm" for n in range(5)]
    assert heading not in fields["body"]
    assert "工作安排与教学检查通知" not in fields["body"]


def test_a_site_footer_under_a_related_heading_is_no_related_reading():
    footer = (
        '<footer><h2>相关信息</h2><a href="/about.html">关于我们网站</a><a href="/terms.html">使用条款说明</a>'
        "<p>版权所有 某某中学</p></footer>"
    )
    fields = extract(_notice("相关信息", footer), "http://h/xwzx/209492.htm", None)
    urls = [r["url"] for r in fields["related"]]
    assert "http://h/about.html" not in urls
    assert "http://h/terms.html" not in urls
    assert len(urls) == 5
