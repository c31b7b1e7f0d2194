"""Trap guards: repeated segments, deep paths, pagination that adds nothing, hub budgets."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.pages.links import make_scope
from crawler.spidermiddlewares.traps import (
    DepthLimitCounter,
    TrapGuardMiddleware,
    page_number,
    series_key,
    url_pattern,
)


@pytest.fixture
def guard():
    crawler = get_crawler(settings_dict={"ARCHIVE_MAX_HUBS_PER_PATTERN": 3})
    crawler.stats.open_spider()
    return TrapGuardMiddleware.from_crawler(crawler)


def page(url: str) -> HtmlResponse:
    return HtmlResponse(url, body=b"<html></html>")


def run(guard, url, *links, item=False):
    outputs = [Request(link) for link in links] + ([{"title": "x"}] if item else [])
    return [o.url if isinstance(o, Request) else o for o in guard.process_spider_output(page(url), outputs)]


def test_page_number_and_series():
    assert page_number("http://h/list?page=4") == 4
    assert page_number("http://h/news/index_3.shtml") == 3
    assert page_number("http://h/news/a.html") is None
    assert series_key("http://h/list?page=4&x=1") == "http://h/list?page=N&x=1"
    assert url_pattern("http://h/calendar/2024-01-15?d=3") == "h/calendar/N-N-N?d"


def test_repeated_segments_and_deep_paths_are_dropped(guard):
    out = run(
        guard,
        "http://h/loop/x/x/",
        "http://h/loop/x/x/x/",
        "http://h/" + "/".join("abcdefghijklmnopqrstuvwxyz"),
    )
    assert out == []
    assert guard.crawler.stats.get_value("archive/guard/repeated_path") == 1
    assert guard.crawler.stats.get_value("archive/guard/path_depth") == 1


def test_pagination_stops_after_a_page_with_nothing_new(guard):
    assert run(guard, "http://h/list?page=2", "http://h/a-1.html", "http://h/list?page=3") == [
        "http://h/a-1.html",
        "http://h/list?page=3",
    ]
    assert run(guard, "http://h/list?page=3", "http://h/a-1.html", "http://h/list?page=4") == [
        "http://h/a-1.html"
    ]
    assert guard.crawler.stats.get_value("archive/guard/pagination_exhausted") == 1


def test_a_pattern_that_keeps_giving_hubs_gets_no_more_requests(guard):
    for day in (1, 2):
        assert run(guard, f"http://h/calendar/2024-01-0{day}", f"http://h/calendar/2024-01-0{day + 1}")
    assert run(guard, "http://h/calendar/2024-01-03", "http://h/calendar/2024-01-04") == []
    assert guard.crawler.stats.get_value("archive/guard/pattern_budget") == 1


def test_article_pages_do_not_use_up_the_budget(guard):
    for n in range(5):
        run(guard, f"http://h/news/{n}.html", f"http://h/news/{n + 10}.html", item=True)
    assert (
        run(guard, "http://h/news/1.html", "http://h/news/99.html", item=True)[0] == "http://h/news/99.html"
    )


def test_session_ids_are_counted_not_dropped(guard):
    assert run(guard, "http://h/", "http://h/a.html;jsessionid=ABC") == ["http://h/a.html;jsessionid=ABC"]
    assert guard.crawler.stats.get_value("archive/guard/session_id") == 1


def test_links_that_are_never_followed_are_counted(guard):
    guard.crawler.spider = SimpleNamespace(scope=make_scope(["http://127.0.0.1:8000/"], None))
    body = (
        '<html><body><a href="file:///etc/passwd">f</a><a href="data:text/html,hi">d</a>'
        '<a href="ftp://127.0.0.1/x">x</a><a href="javascript:void(0)">j</a><a href="/in">in</a>'
        '<a href="http://127.0.0.1:9999/other-port">p</a><a href="http://localhost:8000/other-host">h</a>'
        '<a href="https://127.0.0.1:8000/other-scheme">s</a></body></html>'
    )
    response = HtmlResponse(
        "http://127.0.0.1:8000/", body=body.encode(), headers={"Content-Type": "text/html"}
    )
    list(guard.process_spider_output(response, [Request("http://127.0.0.1:8000/in")]))
    assert guard.crawler.stats.get_value("archive/guard/bad_scheme_link") == 3
    assert guard.crawler.stats.get_value("archive/guard/offsite_link") == 3


def test_links_past_the_depth_limit_are_counted_not_dropped():
    crawler = get_crawler(settings_dict={"DEPTH_LIMIT": 2})
    crawler.stats.open_spider()
    counter = DepthLimitCounter.from_crawler(crawler)
    shallow = HtmlResponse(
        "http://h/a", body=b"<html></html>", request=Request("http://h/a", meta={"depth": 1})
    )
    deep = HtmlResponse("http://h/b", body=b"<html></html>", request=Request("http://h/b", meta={"depth": 2}))
    assert len(list(counter.process_spider_output(shallow, [Request("http://h/c")]))) == 1
    assert crawler.stats.get_value("archive/guard/depth_limit") is None
    assert len(list(counter.process_spider_output(deep, [Request("http://h/d"), Request("http://h/e")]))) == 2
    assert crawler.stats.get_value("archive/guard/depth_limit") == 2


def test_a_sitemap_output_streams_through_the_guards(guard):
    from scrapy.http import XmlResponse

    headers = {"Content-Type": "application/xml"}
    sitemap = XmlResponse("http://h.example/sitemap.xml", body=b"<urlset/>", headers=headers)
    pulled = []

    def outputs():
        for i in range(3):
            pulled.append(i)
            yield Request(f"http://h.example/a{i}.html")
        yield Request("http://h.example/" + "x/" * 30)

    stream = guard.process_spider_output(sitemap, outputs())
    first = next(stream)
    assert (first.url, pulled) == ("http://h.example/a0.html", [0])  # not materialised
    assert [r.url for r in stream] == ["http://h.example/a1.html", "http://h.example/a2.html"]
    assert guard.crawler.stats.get_value("archive/guard/path_depth") == 1
