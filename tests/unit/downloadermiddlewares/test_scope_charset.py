"""Downloader middlewares: origin scope (port included) and the charset resolver."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.downloadermiddlewares.charset import CharsetMiddleware
from crawler.downloadermiddlewares.scope import OriginScopeMiddleware
from crawler.pages.links import make_scope
from crawler.spiders.article import ArticleSpider

GBK_HTML = "<html><head><title>镕城新闻</title></head><body><p>喆堃两位同学获奖。</p></body></html>".encode(
    "gbk"
)


@pytest.fixture
def crawler():
    crawler = get_crawler(ArticleSpider)
    crawler.spider = ArticleSpider(name="article", start_urls=["http://127.0.0.1:8000/"])
    crawler.spider.scope = make_scope(["http://127.0.0.1:8000/"], None)
    crawler.stats.open_spider()
    return crawler


def test_other_port_on_the_same_host_is_out_of_scope(crawler):
    mw = OriginScopeMiddleware.from_crawler(crawler)
    assert mw.process_request(Request("http://127.0.0.1:8000/a.html")) is None
    with pytest.raises(IgnoreRequest):
        mw.process_request(Request("http://127.0.0.1:9999/a.html"))
    assert crawler.stats.get_value("archive/scope/offsite") == 1


def test_gbk_bytes_declared_utf8_are_redecoded_and_counted(crawler):
    mw = CharsetMiddleware.from_crawler(crawler)
    response = HtmlResponse(
        "http://127.0.0.1:8000/a.html", body=GBK_HTML, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    fixed = mw.process_response(Request(response.url), response)
    assert fixed.encoding == "gb18030"
    assert "镕城新闻" in fixed.text
    assert crawler.stats.get_value("archive/charset/overridden") == 1


def test_correctly_declared_utf8_is_left_alone(crawler):
    mw = CharsetMiddleware.from_crawler(crawler)
    body = "<html><body><p>教育装备</p></body></html>".encode()
    response = HtmlResponse(
        "http://127.0.0.1:8000/b.html", body=body, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    assert mw.process_response(Request(response.url), response) is response
    assert crawler.stats.get_value("archive/charset/overridden") is None


def test_utf8_with_a_few_invalid_bytes_stays_utf8_and_counts_the_replacements(crawler):
    mw = CharsetMiddleware.from_crawler(crawler)
    text = "中山路公交专用道本周一正式启用，早晚高峰公交车平均提速约五分钟。"
    body = f"<html><body><p>{text}</p></body></html>".encode().replace("提速".encode(), b"\xff\xfe")
    response = HtmlResponse(
        "http://127.0.0.1:8000/c.html", body=body, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    decoded = mw.process_response(Request(response.url), response)
    assert decoded.encoding == "utf-8"
    assert "中山路公交专用道" in decoded.text
    assert crawler.stats.get_value("archive/charset/replacements") == 2
    assert crawler.stats.get_value("archive/charset/overridden") is None
