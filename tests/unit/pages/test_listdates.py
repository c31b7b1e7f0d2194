"""crawler.pages.listdates: the dates list pages show next to their links."""

from __future__ import annotations

from datetime import date

import pytest
from parsel import Selector

from crawler.pages.listdates import list_dates
from crawler.pages.verdict import may_be_article

BASE = "http://news.example/"
TODAY = date(2024, 3, 10)


def dates(body: str, today: date = TODAY, tz: str = "Asia/Shanghai") -> dict[str, str]:
    found = list_dates(BASE + "list/", Selector(text=f"<html><body>{body}</body></html>"), tz, today)
    return {url.removeprefix(BASE): day for url, day in found.items()}


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('<li><a href="/a">新闻标题一二</a><span>2024-03-01</span></li>', "2024-03-01"),
        ('<li><a href="/a">新闻标题一二</a><span class="date">2024/3/1</span></li>', "2024-03-01"),
        ('<li><a href="/a">新闻标题一二</a>[2024.03.01]</li>', "2024-03-01"),
        ('<li><span>2024年3月1日</span><a href="/a">新闻标题一二</a></li>', "2024-03-01"),
        ('<li><a href="/a">A story title</a> <time>1 March 2024</time></li>', "2024-03-01"),
        ('<li><a href="/a">A story title</a> <em>Mar 1, 2024</em></li>', "2024-03-01"),
        ('<tr><td><a href="/a">新闻标题一二</a></td><td>2024-03-01</td></tr>', "2024-03-01"),
        ('<li><a href="/a"><b>新闻标题一二</b><i>2024-03-01</i></a></li>', "2024-03-01"),
        ('<li><a href="/a">新闻标题一二</a><span>发布时间：2024-03-01 09:30</span></li>', "2024-03-01T09:30:00+08:00"),
        ('<li><a href="/a">A story title</a><time datetime="2024-02-29T23:00:00Z">Yesterday</time></li>', "2024-02-29T23:00:00+00:00"),
    ],
)  # fmt: skip
def test_dates_next_to_links_are_read(entry, expected):
    assert dates(f"<ul>{entry}</ul>") == {"a": expected}


@pytest.mark.parametrize(
    ("shown", "today", "expected"),
    [
        ("03-01", date(2024, 3, 10), "2024-03-01"),
        ("3月1日", date(2024, 3, 10), "2024-03-01"),
        ("12-30", date(2024, 1, 5), "2023-12-30"),  # a year-less day after the crawl date is last year's
        ("03-11", date(2024, 3, 10), "2024-03-11"),  # tomorrow's date: another time zone, same year
    ],
)
def test_year_less_dates_take_the_most_recent_year(shown, today, expected):
    assert dates(f'<ul><li><a href="/a">新闻标题一二</a><span>{shown}</span></li></ul>', today) == {
        "a": expected
    }


def test_unwrapped_entries_read_the_text_up_to_the_next_link():
    body = (
        '<div><a href="/a">第一条新闻标题</a><span>2024-02-01</span><br>'
        '<a href="/b">第二条新闻标题</a> 2024-02-02<br>'
        '<a href="/c">第三条新闻标题</a><br><span>2024-02-03</span></div>'
    )
    assert dates(body) == {"a": "2024-02-01", "b": "2024-02-02"}


@pytest.mark.parametrize(
    "entry",
    [
        '<li><a href="/a">关于2023年5月1日起施行的规定</a></li>',  # a date in the title is not the listing date
        '<li><a href="/a">新闻标题一二</a><span>2030-01-01</span></li>',  # in the future
        '<li><a href="/a">2</a><span>2024-03-01</span></li>',  # a pager link
        '<li><a href="/a">新闻标题一二</a><p>' + "长" * 80 + "2024-03-01 的摘要</p></li>",  # inside a summary
        '<li><a href="javascript:void(0)">新闻标题一二</a><span>2024-03-01</span></li>',
    ],
)
def test_no_date_is_made_up(entry):
    assert dates(f"<ul>{entry}</ul>") == {}


def test_a_long_block_around_a_link_is_not_a_list_entry():
    body = (
        '<div class="content"><p>2024-03-01 发布</p><p>'
        + "正文" * 400
        + '<a href="/a">相关链接标题</a></p></div>'
    )
    assert dates(body) == {}


def test_each_entry_keeps_its_own_date_and_the_first_occurrence_wins():
    body = (
        '<ul><li><a href="/a">第一条新闻标题</a><span>2024-03-01</span></li>'
        '<li><a href="/b">第二条新闻标题</a><span>2024-02-01</span></li>'
        '<li><a href="/a#comments">第一条新闻标题</a><span>2024-01-01</span></li></ul>'
    )
    assert dates(body) == {"a": "2024-03-01", "b": "2024-02-01"}


def test_base_href_resolves_links():
    body = '<ul><li><a href="x.html">新闻标题一二</a><span>2024-03-01</span></li></ul>'
    html = f'<html><head><base href="http://news.example/sub/"></head><body>{body}</body></html>'
    found = list_dates(BASE, Selector(text=html), "UTC", TODAY)
    assert found == {"http://news.example/sub/x.html": "2024-03-01"}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://news.example/2024/03/01/a-story.html", True),
        ("http://news.example/n/123456.shtml", True),
        ("http://news.example/news/", False),
        ("http://news.example/list/index_2.html", False),
        ("http://news.example/?page=2", False),
    ],
)
def test_only_links_that_may_be_articles_carry_a_listed_date(url, expected):
    assert may_be_article(url, None) is expected


def test_a_url_is_examined_twice_at_most_and_examined_urls_are_capped():
    body = (
        '<ul><li><a href="/a">第一条新闻标题</a></li>'  # headline slot, then the dated list
        '<li><a href="/a">第一条新闻标题</a><span>2024-01-01</span></li>'
        + '<li><a href="/b">第二条新闻标题</a></li>' * 2
        + '<li><a href="/b">第二条新闻标题</a><span>2024-01-02</span></li>'
        + "".join(
            f'<li><a href="/n{n}">第{n}条新闻标题</a><span>2024-02-0{n}</span></li>' for n in range(1, 6)
        )
        + "</ul>"
    )
    found = list_dates(BASE, Selector(text=f"<html><body>{body}</body></html>"), "UTC", TODAY, limit=4)
    assert found == {BASE + "a": "2024-01-01", BASE + "n1": "2024-02-01", BASE + "n2": "2024-02-02"}


def test_an_unwrapped_entry_stops_at_an_element_holding_a_link():
    body = (
        '<div><a href="/a">第一条新闻标题</a><span><a href="/tag/x">标签</a> 2024-02-01</span>'
        '<a href="/b">第二条新闻标题</a><span>2024-02-02</span></div>'
    )
    assert dates(body) == {"b": "2024-02-02"}
