"""robots.txt policy (RFC 9309): 2xx parsed, 4xx allow all, 5xx disallow all for a while."""

from __future__ import annotations

import pytest
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.downloadermiddlewares.robotstxt import RobotsPolicyMiddleware


@pytest.fixture
def mw():
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    crawler.stats.open_spider()
    return RobotsPolicyMiddleware.from_crawler(crawler)


def robots(status: int, body: bytes = b"") -> Response:
    return Response("http://h/robots.txt", status=status, body=body)


def test_a_server_error_disallows_everything_and_is_counted(mw):
    policy = mw.policy_from_response("http://h", robots(503))
    assert not policy.allows("http://h/news/a.html", "bot")
    assert policy.expires < float("inf")
    assert mw.crawler.stats.get_value("archive/robots/unreachable") == 1


def test_a_missing_robots_txt_allows_everything(mw):
    policy = mw.policy_from_response("http://h", robots(404))
    assert policy.allows("http://h/private/a.html", "bot")
    assert mw.crawler.stats.get_value("archive/robots/missing") == 1


def test_rules_are_obeyed(mw):
    policy = mw.policy_from_response("http://h", robots(200, b"User-agent: *\nDisallow: /private/\n"))
    assert not policy.allows("http://h/private/a.html", "bot")
    assert policy.allows("http://h/news/a.html", "bot")


def test_every_waiter_on_one_robots_fetch_gets_the_policy(mw):
    from twisted.internet.defer import Deferred

    from crawler.downloadermiddlewares.robotstxt import _relay

    shared: Deferred = Deferred()
    waiters = [Deferred() for _ in range(3)]
    for waiter in waiters:
        shared.addCallback(_relay, waiter)
    results = []
    for waiter in waiters:
        waiter.addCallback(results.append)
    policy = mw.policy_from_response("http://h", robots(404))
    shared.callback(policy)
    assert results == [policy, policy, policy]
