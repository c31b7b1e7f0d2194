"""IncrementalDownloaderMiddleware: what the response gate refuses is recorded, so it is not fetched every run."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.downloadermiddlewares.decompression import DecompressionGuardMiddleware
from crawler.downloadermiddlewares.fetchstate import IncrementalDownloaderMiddleware
from crawler.downloadermiddlewares.gate import ResponseGateMiddleware
from crawler.storage import StorageError
from crawler.storage.state import Discovered
from tests.crawlers import make_crawler
from tests.hostile.payloads import PDF, gzip_bomb, truncated_gzip

BASE = "http://news.example"
PAGE = b"<html><head><title>t</title></head><body><p>Some text.</p></body></html>"


class Chain:
    """The three middlewares of one crawler, run in the order Scrapy runs their process_response."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.state = IncrementalDownloaderMiddleware.from_crawler(crawler)
        self.guard = DecompressionGuardMiddleware.from_crawler(crawler)
        self.gate = ResponseGateMiddleware.from_crawler(crawler)
        self.session = self.state.session

    def fetch(self, request: Request, body: bytes, status: int = 200, **headers: str) -> Response | None:
        """Request ``request`` and answer it; None when a middleware ignores it (before or after the fetch)."""
        try:
            self.state.process_request(request)
            response = Response(request.url, status=status, body=body, headers=headers or None)
            for middleware in (self.guard, self.gate, self.state):
                response = middleware.process_response(request, response)
        except IgnoreRequest:
            return None
        return response

    def stat(self, key: str) -> int | None:
        return self.crawler.stats.get_value(f"archive/{key}")


@pytest.fixture
def chain(tmp_path):
    settings = {"ARCHIVE_DB": str(tmp_path / "a.db"), "ARCHIVE_MAX_ATTEMPTS": 2, "DOWNLOAD_MAXSIZE": 1 << 20}
    crawler = make_crawler(settings_dict=settings)
    crawler.stats.open_spider()
    built = Chain(crawler)
    yield built
    built.session.close()


def page(path: str, **meta) -> Request:
    return Request(BASE + path, meta=meta)


@pytest.mark.parametrize(
    ("body", "headers", "reason"),
    [
        (b"     ", {}, "empty"),
        (b"<html><head><title>x</title></head><body></body></html>", {"Content-Type": "text/html"}, "empty"),
        (PDF, {"Content-Type": "text/html"}, "binary"),
        (b'{"a": 1}', {"Content-Type": "application/json"}, "not_html"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><urlset/>',
            {"Content-Type": "text/xml"},
            "xml_entities",
        ),
        (gzip_bomb(4), {"Content-Encoding": "gzip"}, "bomb"),
        (b"\x1f\x9d\x90", {"Content-Encoding": "compress"}, "encoding_unsupported"),
    ],
)
def test_a_page_refused_for_what_it_is_is_done_and_skipped_by_the_next_run(chain, body, headers, reason):
    chain.session.state.discover("s", [Discovered(BASE + "/a")])
    assert chain.fetch(page("/a"), body, **headers) is None
    assert chain.stat(f"gate/{reason}") == 1
    assert (chain.stat("state/rejected"), chain.stat(f"state/rejected/{reason}")) == (1, 1)
    row = chain.session.state.get(BASE + "/a")
    assert (row.kind, row.status) == ("rejected", "done")
    assert chain.session.state.resume(None, 2) == []
    assert chain.fetch(page("/a"), PAGE) is None  # the next run does not fetch it
    assert chain.stat("incremental/skipped/rejected") == 1


@pytest.mark.parametrize(
    ("body", "headers", "reason"),
    [
        (b"<html><head><title>t</title></head><body><p>Cut off", {"Content-Type": "text/html"}, "incomplete"),
        (truncated_gzip(PAGE * 50), {"Content-Encoding": "gzip"}, "incomplete"),
        (b"\x1f\x8b\x08\x00" + b"\xff" * 64, {"Content-Encoding": "gzip"}, "corrupt"),
    ],
)
def test_a_damaged_body_counts_a_failed_attempt_until_the_limit(chain, body, headers, reason):
    for attempt in (1, 2):
        assert chain.fetch(page("/a"), body, **headers) is None
        row = chain.session.state.get(BASE + "/a")
        assert (row.status, row.attempts) == ("failed", attempt)
        assert [r.url for r in chain.session.state.resume(None, 3)] == [BASE + "/a"]
    assert (chain.stat("state/failed"), chain.stat(f"state/failed/{reason}")) == (2, 2)
    assert chain.fetch(page("/a"), PAGE) is None  # ARCHIVE_MAX_ATTEMPTS = 2
    assert chain.stat("incremental/skipped/failed") == 1


def test_the_redirect_hops_to_a_refused_page_are_done_too(chain):
    assert chain.fetch(page("/b", redirect_urls=[BASE + "/a"]), b"") is None
    assert [chain.session.state.skip_reason(BASE + p, 2) for p in ("/a", "/b")] == ["rejected", "rejected"]


def test_refused_start_pages_and_feeds_are_fetched_again(chain):
    assert chain.fetch(page("/", kind="start"), b"") is None
    feed = Request(BASE + "/sitemap.xml", callback=lambda r: None, meta={"kind": "feed"})
    assert chain.fetch(feed, b"") is None
    assert [chain.session.state.get(BASE + p).kind for p in ("/", "/sitemap.xml")] == ["start", "feed"]
    assert chain.fetch(page("/", kind="start"), PAGE) is not None
    assert chain.fetch(feed, b'<?xml version="1.0"?><urlset/>', **{"Content-Type": "text/xml"}) is not None


def test_a_refused_error_response_is_recorded_by_its_status(chain):
    corrupt = b"\x1f\x8b\x08\x00" + b"\xff" * 64
    assert chain.fetch(page("/gone"), corrupt, status=404, **{"Content-Encoding": "gzip"}) is None
    assert chain.fetch(page("/busy"), corrupt, status=503, **{"Content-Encoding": "gzip"}) is None
    assert chain.session.state.get(BASE + "/gone").status == "gone"
    assert chain.session.state.get(BASE + "/busy").status == "failed"


def test_a_refused_refresh_keeps_the_article_archived(chain):
    chain.session.state.article_saved([BASE + "/a"], "s", chain.session.schedule, refreshed=False)
    assert chain.fetch(page("/a", archive_refresh=True), b"") is None
    row = chain.session.state.get(BASE + "/a")
    assert (row.kind, row.status) == ("article", "done")


def test_nothing_is_recorded_when_the_job_lock_refused_the_run(chain):
    chain.crawler.stats.set_value("archive/job/locked", 1)
    assert chain.fetch(page("/a"), b"") is None
    assert chain.session.state.get(BASE + "/a") is None
    assert chain.stat("state/rejected") is None


def test_a_failed_state_write_stops_the_crawl(chain, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise StorageError("archive a.db: cannot mark rejected URLs done: disk I/O error")

    monkeypatch.setattr(chain.session.state, "mark_rejected", broken)
    assert chain.fetch(page("/a"), b"") is None
    assert chain.stat("store/failed") == 1
    assert "disk I/O error" in caplog.text
