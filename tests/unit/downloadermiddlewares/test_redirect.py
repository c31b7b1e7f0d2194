"""Redirect audit: refused redirects are logged and counted."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from crawler.downloadermiddlewares.redirect import (
    CredentialScopeMiddleware,
    MetaRefreshAuditMiddleware,
    RedirectAuditMiddleware,
    redirect_problem,
)
from crawler.pages.links import make_scope

SCOPE = make_scope(["http://127.0.0.1:8000/"], None)


def redirect(location: str | None) -> Response:
    headers = {"Location": location} if location is not None else {}
    return Response("http://127.0.0.1:8000/r", status=302, headers=headers)


@pytest.mark.parametrize(
    ("location", "meta", "reason"),
    [
        (None, {}, "no_location"),
        ("file:///etc/passwd", {}, "bad_scheme"),
        ("data:text/html,hi", {}, "bad_scheme"),
        ("/next", {"redirect_times": 8}, "max_reached"),
        ("http://127.0.0.1:9999/x", {}, "offsite"),
        ("/next", {}, None),
    ],
)
def test_redirect_problems(location, meta, reason):
    request = Request("http://127.0.0.1:8000/r", meta=meta)
    assert redirect_problem(request, redirect(location), 8, SCOPE) == reason


def test_a_redirect_to_file_is_dropped_and_counted():
    crawler = get_crawler()
    crawler.stats.open_spider()
    mw = RedirectAuditMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest):
        mw.process_response(Request("http://127.0.0.1:8000/r"), redirect("file:///etc/passwd"))
    assert crawler.stats.get_value("archive/redirect/bad_scheme") == 1


def refresh_page(url: str, target: str, delay: int = 0) -> HtmlResponse:
    body = (
        f'<html><head><meta http-equiv="refresh" content="{delay};url={target}"></head>'
        "<body><p>Moved.</p></body></html>"
    )
    return HtmlResponse(url, body=body.encode(), headers={"Content-Type": "text/html"})


@pytest.fixture
def refresh_crawler():
    crawler = get_crawler(settings_dict={"REDIRECT_MAX_TIMES": 8, "METAREFRESH_MAXDELAY": 10})
    crawler.stats.open_spider()
    crawler.spider = SimpleNamespace(scope=SCOPE)
    return crawler


@pytest.mark.parametrize(
    ("url", "target", "meta", "reason"),
    [
        (
            "http://127.0.0.1:8000/r/a",
            "http://127.0.0.1:8000/r/b",
            {"redirect_urls": ["http://127.0.0.1:8000/r/b"]},
            "loop",
        ),
        ("http://127.0.0.1:8000/r/self", "/r/self", {}, "loop"),
        ("http://127.0.0.1:8000/r/9", "/r/10", {"redirect_times": 8}, "max_reached"),
        ("http://127.0.0.1:8000/r/f", "file:///etc/passwd", {}, "bad_scheme"),
        ("http://127.0.0.1:8000/r/o", "http://localhost:8000/x", {}, "offsite"),
    ],
)
def test_a_meta_refresh_that_must_not_be_followed_is_dropped_and_counted(
    refresh_crawler, url, target, meta, reason
):
    mw = MetaRefreshAuditMiddleware.from_crawler(refresh_crawler)
    with pytest.raises(IgnoreRequest):
        mw.process_response(Request(url, meta=meta), refresh_page(url, target))
    assert refresh_crawler.stats.get_value(f"archive/metarefresh/{reason}") == 1


def test_a_good_or_slow_meta_refresh_passes_uncounted(refresh_crawler):
    mw = MetaRefreshAuditMiddleware.from_crawler(refresh_crawler)
    url = "http://127.0.0.1:8000/r/a"
    for page in (refresh_page(url, "/r/b"), refresh_page(url, "file:///etc/passwd", delay=30)):
        assert mw.process_response(Request(url), page) is page
    assert not any(k.startswith("archive/metarefresh/") for k in refresh_crawler.stats.get_stats())


@pytest.mark.parametrize(
    "target",
    [
        "http://localhost:8000/next",  # other host
        "http://127.0.0.1:9000/next",  # other port: Scrapy keeps Cookie here
        "https://127.0.0.1:8000/next",  # other scheme: Scrapy keeps Cookie on http -> https
    ],
)
def test_credentials_never_follow_a_redirect_to_another_origin(target):
    crawler = get_crawler(settings_dict={"DEFAULT_REQUEST_HEADERS": {}})
    crawler.stats.open_spider()
    source = Request("http://127.0.0.1:8000/r", headers={"Authorization": "Basic c2VjcmV0", "Cookie": "s=1"})
    redirected = RedirectMiddleware.from_crawler(crawler).process_response(
        source, Response(source.url, status=302, headers={"Location": target})
    )
    assert isinstance(redirected, Request)
    assert redirected.url == target
    CredentialScopeMiddleware.from_crawler(crawler).process_request(redirected)
    assert b"Authorization" not in redirected.headers
    assert b"Cookie" not in redirected.headers


def test_credentials_stay_on_a_same_origin_redirect():
    crawler = get_crawler()
    crawler.stats.open_spider()
    source = Request("http://127.0.0.1:8000/r", headers={"Authorization": "Basic c2VjcmV0", "Cookie": "s=1"})
    redirected = RedirectMiddleware.from_crawler(crawler).process_response(
        source, Response(source.url, status=302, headers={"Location": "/next"})
    )
    assert isinstance(redirected, Request)
    CredentialScopeMiddleware.from_crawler(crawler).process_request(redirected)
    assert redirected.headers[b"Authorization"] == b"Basic c2VjcmV0"
    assert redirected.headers[b"Cookie"] == b"s=1"
    assert crawler.stats.get_value("archive/redirect/credentials_dropped") is None
