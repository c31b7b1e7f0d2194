"""Verdicts: a would-be article that is a soft 404 or boilerplate only, and a plain hub."""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from crawler.pages import extract
from crawler.pages.verdict import not_article_reason, page_kind
from crawler.spiders.article import ArticleSpider
from tests.hostile.pages import hub_html, not_article_html


@pytest.fixture
def spider():
    crawler = get_crawler(ArticleSpider)
    crawler.stats.open_spider()
    return ArticleSpider.from_crawler(crawler, start_urls="http://h/")


SOFT_404_URL = "http://h/news/2024/03/23/removed-story-notice.html"


@pytest.mark.parametrize(("kind", "reason"), [("soft404", "soft_404"), ("boilerplate", "boilerplate_only")])
def test_a_would_be_article_that_is_a_soft_404_or_boilerplate_is_counted_as_such(spider, kind, reason):
    fields = extract(not_article_html(kind), SOFT_404_URL, None)
    assert page_kind(SOFT_404_URL, None, fields["signals"]) == "hub"
    assert spider._not_article(SOFT_404_URL, fields) is True
    assert spider.crawler.stats.get_value(f"archive/validate/dropped/{reason}") == 1


def test_a_plain_hub_is_not_counted_as_a_non_article(spider):
    url = "http://h/calendar/2024-01-15"
    fields = extract(hub_html("Calendar", ["/calendar/2024-01-16"]), url, None)
    assert not_article_reason(url, fields) is None
    assert spider._not_article(url, fields) is False
    assert not any(k.startswith("archive/validate/") for k in spider.crawler.stats.get_stats())


def test_boilerplate_only_needs_a_declared_article_type():
    fields = {"title": "通知", "body": "", "removed": {"copyright": ["版权所有"]}, "signals": {}}
    assert not_article_reason(SOFT_404_URL, fields) is None
    fields["signals"] = {"og_type": "article"}
    assert not_article_reason(SOFT_404_URL, fields) == "boilerplate_only"


# Page kind from the page's own evidence (issue 15): the URL is a hint that never overrides it.

CHROME = """<div class="nav">{nav}</div><div class="side"><h3>Most read</h3><ul>{side}</ul></div>
<div class="foot">{foot}</div>"""
NAV = "".join(f'<a href="/section/s{i}/index.html">Section {i}</a>' for i in range(16))
SIDE = "".join(
    f'<li><a href="/story/other-story-number-{i}/index.html">An other story headline number {i} here</a></li>'
    for i in range(9)
)
FOOT = "".join(f'<a href="/page{i}.html">Footer {i}</a>' for i in range(20))
PARAGRAPH = (
    "<p>The council voted on Tuesday to extend the harbour wall, a project first proposed a decade ago, "
    "after residents packed the hall to argue about its cost, its look and the fishing it may disturb.</p>"
)


def _page(main: str, head: str = "") -> str:
    chrome = CHROME.format(nav=NAV, side=SIDE, foot=FOOT)
    return f"<html><head><title>Harbour wall</title>{head}</head><body>{chrome}{main}</body></html>"


STORY = (
    '<div itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">Harbour wall</h1>'
    '<p class="by">By <span itemprop="author">Ann Lee</span> <time itemprop="datePublished" '
    'datetime="2024-03-02T10:00:00Z">2 March 2024</time></p><div itemprop="articleBody">'
    + PARAGRAPH * 5
    + "</div></div>"
)


@pytest.mark.parametrize(
    "url",
    [
        "http://h/story/harbour-wall-vote/index.html",  # a static export
        "http://h/story/blowing-smoke/",  # a short slug
        "http://h/misc/a1018.html",  # an unusual path
        "http://h/",
    ],
)
def test_a_story_with_microdata_byline_and_a_long_body_is_an_article_whatever_its_url(url):
    fields = extract(_page(STORY), url, None)
    assert fields["signals"]["microdata_type"] == "Article"
    assert page_kind(url, None, fields["signals"]) == "article"


def test_a_plain_story_without_markup_is_an_article_by_its_byline_and_text():
    main = (
        '<div class="story"><h1>Harbour wall</h1><p class="by">By Ann Lee, March 2, 2024</p>' + PARAGRAPH * 4
    )
    url = "http://h/story/harbour-wall/index.html"
    assert page_kind(url, None, extract(_page(main + "</div>"), url, None)["signals"]) == "article"


def _teasers(n: int, standfirst: bool = True) -> str:
    items = "".join(
        f'<li><time datetime="2024-03-{i + 1:02d}">{i + 1} March</time> '
        f'<a href="/story/teaser-story-{i}/index.html">Teaser headline for the story number {i}</a>'
        + (f"<p>A short standfirst of story {i}, one sentence long.</p>" if standfirst else "")
        + "</li>"
        for i in range(n)
    )
    return f'<ul class="stream">{items}</ul>'


def test_a_live_blog_front_that_declares_an_article_but_holds_teasers_is_a_hub():
    head = '<meta property="og:type" content="article">'
    url = "http://h/live/election-night/index.html"
    fields = extract(_page("<h1>Election night live</h1>" + _teasers(15), head), url, None)
    assert fields["signals"]["teaser_items"] >= 10
    assert page_kind(url, None, fields["signals"]) == "hub"


@pytest.mark.parametrize("standfirst", [True, False])
def test_list_pages_are_hubs_by_their_teasers_under_any_url(standfirst):
    for url in (
        "http://h/author/ann-lee/index.html",
        "http://h/list/news/2.html",
        "http://h/2024/03/05/x.html",
    ):
        fields = extract(_page("<h1>Ann Lee 第2页</h1>" + _teasers(12, standfirst)), url, None)
        assert page_kind(url, None, fields["signals"]) == "hub", url


def test_an_article_wrapped_in_an_anchor_without_href_is_an_article():
    main = (
        '<a class="wrap"><div class="content"><h1>Harbour wall</h1><p>发布日期：2024-03-02 作者：李安</p>'
        + PARAGRAPH * 3
        + "</div></a>"
    )
    url = "http://h/a/20240302001.html"
    fields = extract(_page(main), url, None)
    assert fields["signals"]["body_chars"] > 500
    assert page_kind(url, None, fields["signals"]) == "article"


def test_a_short_notice_with_an_attachment_keeps_its_text_and_is_an_article():
    main = (
        '<div class="tit">献血报名通知</div><div class="info">发布日期:2017-06-07 作者：某某中学</div>'
        '<div class="rong">相关资料请各位老师自行下载附件。<br>附件：<br>'
        '<a href="/upload/201901/201901160443040.rar">/upload/201901/201901160443040.rar 报名表</a></div>'
    )
    url = "http://h/xwzx/ggtz/209473.htm"
    fields = extract(_page(main), url, None)
    assert "自行下载附件" in fields["body"]
    assert page_kind(url, None, fields["signals"]) == "article"


def test_a_list_of_short_titles_or_names_with_their_dates_is_a_hub():
    names = [
        "许慧莹",
        "吴丽娟",
        "乌云斯琴",
        "孙颖",
        "宋元元",
        "宋桂花",
        "彭艳",
        "陆龙",
        "刘东贺",
        "李祥",
        "蒋伟刚",
        "蒋承芳",
    ]
    items = "".join(
        f'<li><span class="nowdate">2018-11-01</span> <a href="../dwgk/dyfc/2010{n:02d}.htm">{name}</a></li>'
        for n, name in enumerate(names)
    )
    menu = "".join(f'<li><a href="iList_{n}.htm">栏目{n}</a></li>' for n in range(6))
    main = (
        f'<div class="ej"><div class="menu"><h2>党务公开</h2><ul>{menu}</ul></div><div class="rightlist">'
        f'<h1>党员风采</h1><div class="newslists"><ul>{items}</ul></div><p>共有28条 当前第2/2页</p></div></div>'
    )
    nav = "".join(f'<li><a href="../info/iList_{n}.htm">学校栏目{n}</a></li>' for n in range(20, 32))
    page = f"<html><head><title>党员风采</title></head><body><ul class='nav'>{nav}</ul>{main}</body></html>"
    url = "http://h/info/iList_52.htm"
    fields = extract(page, url, None)
    assert fields["signals"]["teaser_items"] == len(names)
    assert page_kind(url, None, fields["signals"]) == "hub"
