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
