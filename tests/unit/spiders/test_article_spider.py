"""ArticleSpider: argument parsing, profile settings, start requests and routing."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.crawler import AsyncCrawlerRunner
from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.utils.test import get_reactor_settings

from crawler.spiders.article import ArticleSpider, SpiderArgs, SpiderArgumentError, parse_start_urls
from tests.crawlers import run_scheduler


def test_start_urls_split_on_commas_and_whitespace():
    assert parse_start_urls("https://a.example/, https://b.example/x") == (
        "https://a.example/",
        "https://b.example/x",
    )
    assert parse_start_urls(["http://a.example/"]) == ("http://a.example/",)


@pytest.mark.parametrize("bad", ["example.com", "h", "ftp://a.example/", "file:///etc/passwd"])
def test_bare_or_non_http_start_url_is_a_clear_error(bad):
    with pytest.raises(SpiderArgumentError, match="absolute http"):
        parse_start_urls(bad)


def test_max_depth_must_be_an_integer():
    with pytest.raises(SpiderArgumentError, match="max_depth"):
        SpiderArgs.from_kwargs({"max_depth": "deep"})
    assert SpiderArgs.from_kwargs({"max_depth": "3"}).max_depth == 3


def make_spider(**kwargs):
    """Create the spider the way Crawler.crawl() does: spider first, then settings are applied and frozen."""
    settings = {"ARCHIVE_DB": ":memory:", "TELNETCONSOLE_ENABLED": False, **get_reactor_settings()}
    crawler = AsyncCrawlerRunner(settings).create_crawler(ArticleSpider)
    crawler.spider = crawler._create_spider(**kwargs)
    crawler._apply_settings()
    return crawler, crawler.spider


def test_profile_settings_and_max_depth_are_applied():
    crawler, spider = make_spider(site="caigou", max_depth="2")
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 2
    assert crawler.settings.getint("DEPTH_LIMIT") == 2
    assert spider.start_urls == ["http://www.caigou.com.cn/news/"]
    assert spider.site_name == "caigou"


def test_no_start_urls_and_no_site_is_an_error():
    with pytest.raises(SpiderArgumentError, match="no start URLs"):
        make_spider()


def collect_start(spider):
    async def run():
        return [r async for r in spider.start()]

    return asyncio.run(run())


def test_start_requests_pages_then_robots():
    _, spider = make_spider(start_urls="http://127.0.0.1:8123/,http://127.0.0.1:8123/en/")
    urls = [r.url for r in collect_start(spider)]
    assert urls == ["http://127.0.0.1:8123/", "http://127.0.0.1:8123/en/", "http://127.0.0.1:8123/robots.txt"]
    assert spider.site_name == "127.0.0.1"


def test_hub_links_are_followed_and_nothing_is_stored():
    _, spider = make_spider(site="caigou")
    html = b'<html><body><a href="/news/20171219108.shtml">t</a><a href="http://other.example/">x</a></body></html>'
    response = HtmlResponse("http://www.caigou.com.cn/news/", body=html, encoding="utf-8")
    out = list(spider.parse(response))
    assert [r.url for r in out if isinstance(r, Request)] == [
        "http://www.caigou.com.cn/news/20171219108.shtml"
    ]
    assert not [o for o in out if not isinstance(o, Request)]


def test_each_page_counts_the_evidence_that_decided_its_kind():
    _, spider = make_spider(start_urls="http://h.example/")
    items = "".join(
        f"<li><span>2024-03-{n:02d}</span><a href='/n/{n}.html'>第{n}条新闻的标题写得比较长一些</a></li>"
        for n in range(1, 16)
    )
    front = HtmlResponse("http://h.example/", body=f"<ul>{items}</ul>".encode(), encoding="utf-8")
    list(spider.parse(front))
    assert spider.crawler.stats.get_value("archive/spider/kind/teasers") == 1
    assert spider.crawler.stats.get_value("archive/spider/hub") == 1


def test_non_html_response_is_skipped_unless_it_is_a_feed():
    _, spider = make_spider(start_urls="http://h.example/")
    pdf = TextResponse(
        "http://h.example/a.pdf", body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}
    )
    assert list(spider.parse(pdf)) == []
    rss = b'<?xml version="1.0"?><rss><channel><item><link>http://h.example/n/1.html</link></item></channel></rss>'
    feed = TextResponse("http://h.example/feed", body=rss, headers={"Content-Type": "application/rss+xml"})
    assert [r.url for r in spider.parse(feed)] == ["http://h.example/n/1.html"]


def test_list_page_dates_ride_on_article_requests_only():
    _, spider = make_spider(site="caigou")
    html = (
        "<html><body><ul>"
        '<li><a href="/news/20171219108.shtml">政府采购新闻标题</a><span>2017-12-19</span></li>'
        '<li><a href="/news/index_2.shtml">下一页的列表页</a><span>2017-12-18</span></li>'
        '<li><a href="/news/20171219109.shtml">另一条新闻的标题</a></li>'
        "</ul></body></html>"
    ).encode()
    response = HtmlResponse("http://www.caigou.com.cn/news/", body=html, encoding="utf-8")
    requests = {r.url: r for r in spider.parse(response) if isinstance(r, Request)}
    base = "http://www.caigou.com.cn/news/"
    assert requests[base + "20171219108.shtml"].meta.get("listed_date") == "2017-12-19"
    assert "listed_date" not in requests[base + "index_2.shtml"].meta  # a hub is never skipped by --since
    assert "listed_date" not in requests[base + "20171219109.shtml"].meta
    assert spider.crawler.stats.get_value("archive/spider/list_dated") == 1


def test_links_already_requested_are_dropped_before_a_request_is_built():
    from crawler.dupefilters import LoopCountingDupeFilter

    crawler, spider = make_spider(site="caigou")
    crawler.stats.open_spider()
    dupefilter = LoopCountingDupeFilter.from_crawler(crawler)
    run_scheduler(crawler, dupefilter)
    dupefilter.request_seen(Request("http://www.caigou.com.cn/news/20171219108.shtml"))
    html = (
        b'<html><body><a href="/news/20171219108.shtml">seen</a><a href="/news/20171219109.shtml">new</a>'
        b'<a href="ftp://www.caigou.com.cn/f">ftp</a></body></html>'
    )
    request = Request("http://www.caigou.com.cn/news/")
    response = HtmlResponse(request.url, body=html, encoding="utf-8", request=request)
    out = list(spider.parse(response))
    assert [r.url for r in out if isinstance(r, Request)] == [
        "http://www.caigou.com.cn/news/20171219109.shtml"
    ]
    assert crawler.stats.get_value("archive/incremental/links_seen") == 1
    assert response.meta["archive_link_audit"] == (["ftp://www.caigou.com.cn/f"], 0)


def test_a_profile_whose_page_class_is_missing_stops_the_spider_before_any_request(tmp_path):
    from scrapy.utils.test import get_crawler

    from crawler.sites import ProfileError

    (tmp_path / "lost.toml").write_text(
        'start_urls = ["https://lost.example/"]\npage = "no_such_page"\n', encoding="utf-8"
    )
    crawler = get_crawler(ArticleSpider, {"ARCHIVE_SITE_DIRS": str(tmp_path)})
    with pytest.raises(ProfileError, match=r"lost\.toml: key 'page'"):
        ArticleSpider.from_crawler(crawler, site="lost")
