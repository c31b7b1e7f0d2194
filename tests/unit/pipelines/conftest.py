"""Fixtures for pipeline tests: a crawler with a spider that may carry a site profile, and its stats."""

import pytest
from scrapy import Spider

from tests.crawlers import make_crawler


class ProfiledSpider(Spider):
    """A spider with the ``profile`` attribute the article spider has."""

    name = "profiled"
    profile = None


@pytest.fixture
def settings():
    return {}


@pytest.fixture
def crawler(settings):
    crawler = make_crawler(ProfiledSpider, settings)
    crawler.spider = ProfiledSpider.from_crawler(crawler)
    return crawler


@pytest.fixture
def stats(crawler):
    return crawler.stats
