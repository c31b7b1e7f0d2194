"""Response gate: bounded decompression check and the content checks."""

from __future__ import annotations

import gzip
import sys

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

from crawler.downloadermiddlewares.decompression import DecompressionGuardMiddleware
from crawler.downloadermiddlewares.gate import ResponseGateMiddleware, response_rejected
from tests.hostile.payloads import (
    PDF,
    PNG,
    gzip_bomb,
    random_bytes,
    truncated_gzip,
    zstd_bomb,
)

PAGE = b"<html><head><title>t</title></head><body><p>Some text.</p></body></html>"
CAP = 1 << 20


@pytest.fixture
def crawler():
    crawler = get_crawler(settings_dict={"DOWNLOAD_MAXSIZE": CAP})
    crawler.stats.open_spider()
    return crawler


def _raw(body: bytes, coding: str) -> Response:
    return Response("http://h/a", body=body, headers={"Content-Encoding": coding})


def test_guard_rejects_a_gzip_bomb_and_counts_it(crawler):
    mw = DecompressionGuardMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest):
        mw.process_response(Request("http://h/a"), _raw(gzip_bomb(4), "gzip"))
    assert crawler.stats.get_value("archive/gate/bomb") == 1


def test_guard_rejects_a_zstd_bomb_at_the_cap_and_passes_a_zstd_page(crawler):
    mw = DecompressionGuardMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest):
        mw.process_response(Request("http://h/a"), _raw(zstd_bomb(1100), "zstd"))
    assert crawler.stats.get_value("archive/gate/bomb") == 1
    page = _raw(zstd.compress(PAGE), "zstd")
    assert mw.process_response(Request("http://h/a"), page) is page


def test_guard_rejects_a_coding_nobody_can_decode(crawler):
    mw = DecompressionGuardMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest):
        mw.process_response(Request("http://h/a"), _raw(b"\x1f\x9d\x90", "compress"))
    assert crawler.stats.get_value("archive/gate/encoding_unsupported") == 1


def test_guard_passes_a_complete_gzip_page(crawler):
    response = _raw(gzip.compress(PAGE), "gzip")
    assert (
        DecompressionGuardMiddleware.from_crawler(crawler).process_response(Request("http://h/a"), response)
        is response
    )


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"", "text/html", "empty"),
        (b"<html><head><title>x</title></head></html>", "text/html", "empty"),
        (PDF, "application/pdf", "binary"),
        (PNG, "text/html", "binary"),
        (random_bytes(3000), "text/html", "binary"),
        (b'{"a": 1}', "application/json", "not_html"),
        (b"<html><body><p>cut off here", "text/html", "incomplete"),
    ],
)
def test_gate_rejects_what_is_not_a_page(crawler, body, content_type, reason):
    mw = ResponseGateMiddleware.from_crawler(crawler)
    response = HtmlResponse("http://h/a", body=body, headers={"Content-Type": content_type})
    with pytest.raises(IgnoreRequest):
        mw.process_response(Request("http://h/a"), response)
    assert crawler.stats.get_value(f"archive/gate/{reason}") == 1


def test_gate_passes_a_page_with_a_few_nul_bytes_and_counts_it(crawler):
    body = PAGE.replace(b"Some", b"So\x00me") + b"<!--" + b"x" * 500 + b"-->"
    response = HtmlResponse("http://h/a", body=body, headers={"Content-Type": "text/html"})
    assert (
        ResponseGateMiddleware.from_crawler(crawler).process_response(Request("http://h/a"), response)
        is response
    )
    assert crawler.stats.get_value("archive/gate/nul_bytes") == 1


def test_gate_leaves_robots_txt_and_errors_alone(crawler):
    mw = ResponseGateMiddleware.from_crawler(crawler)
    robots = Response("http://h/robots.txt", body=b"User-agent: *", headers={"Content-Type": "text/plain"})
    assert mw.process_response(Request(robots.url), robots) is robots
    error = Response("http://h/x", status=500, body=b"")
    assert mw.process_response(Request(error.url), error) is error


SITEMAP = (
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<url><loc>http://h/news/a.html</loc></url></urlset>"
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]><urlset><url><loc>http://h/&lol9;</loc></url></urlset>"
)
XXE = b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset><url><loc>&x;</loc></url></urlset>'


def _file(url: str, body: bytes, content_type: str) -> Response:
    return Response(url, body=body, headers={"Content-Type": content_type})


def test_a_gzip_sitemap_is_unpacked_for_the_spider(crawler):
    mw = ResponseGateMiddleware.from_crawler(crawler)
    response = _file("http://h/sitemap.xml.gz", gzip.compress(SITEMAP), "application/x-gzip")
    unpacked = mw.process_response(Request(response.url), response)
    assert unpacked.body == SITEMAP
    assert unpacked.headers[b"Content-Type"] == b"application/xml"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (gzip_bomb(4), "bomb"),
        (truncated_gzip(SITEMAP * 50), "incomplete"),
        (gzip.compress(PNG), "not_html"),
    ],
)
def test_a_bad_gzip_sitemap_is_refused_within_the_cap(crawler, body, reason):
    mw = ResponseGateMiddleware.from_crawler(crawler)
    response = _file("http://h/sitemap.xml.gz", body, "application/octet-stream")
    with pytest.raises(IgnoreRequest):
        mw.process_response(Request(response.url), response)
    assert crawler.stats.get_value(f"archive/gate/{reason}") == 1


@pytest.mark.parametrize("body", [LAUGHS, XXE])
def test_xml_declaring_entities_is_refused(crawler, body):
    mw = ResponseGateMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest):
        mw.process_response(
            Request("http://h/sitemap.xml"), _file("http://h/sitemap.xml", body, "application/xml")
        )
    assert crawler.stats.get_value("archive/gate/xml_entities") == 1
    plain = _file("http://h/sitemap.xml", SITEMAP, "application/xml")
    assert mw.process_response(Request(plain.url), plain) is plain


@pytest.mark.parametrize(
    ("body", "has_text"),
    [
        (b"<html><head><title>x</title></head><body> <p> </p></body></html>", False),
        (b"<html><head><title>t</title></head><head>z</head><body> </body></html>", False),
        (b"<html><head></head><body><div>hi</div></body></html>", True),
        (b"<html><head><title>t</title></head><body><script>var a</script></body></html>", True),
        (b"<html><head>x</head>  </html>y", True),
        (b"<a", True),
    ],
)
def test_text_outside_head_is_found_without_stripping_the_page(body, has_text):
    from crawler.downloadermiddlewares.gate import _text_outside_head

    assert _text_outside_head(body) is has_text


def test_each_rejection_is_sent_as_a_signal_with_its_request_and_reason(crawler):
    seen = []

    def receiver(request, response, reason):
        seen.append((request, reason))

    crawler.signals.connect(receiver, response_rejected)
    request = Request("http://h/a")
    with pytest.raises(IgnoreRequest):
        ResponseGateMiddleware.from_crawler(crawler).process_response(
            request, HtmlResponse("http://h/a", body=b"")
        )
    with pytest.raises(IgnoreRequest):
        DecompressionGuardMiddleware.from_crawler(crawler).process_response(
            request, _raw(gzip_bomb(4), "gzip")
        )
    assert seen == [(request, "empty"), (request, "bomb")]
