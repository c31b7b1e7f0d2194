"""IncrementalSpiderMiddleware: --since before fetching, newest first, listed dates fill published_at, links recorded."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.dupefilters import LoopCountingDupeFilter
from crawler.items import Article
from crawler.spidermiddlewares.incremental import IncrementalSpiderMiddleware
from crawler.spiders.article import ArticleSpider
from crawler.storage import StorageError
from crawler.storage.state import CrawlState
from tests.crawlers import make_crawler, run_scheduler

BASE = "http://news.example"


@pytest.fixture
def make(tmp_path):
    def build(**settings):
        crawler = make_crawler(ArticleSpider, {"ARCHIVE_DB": str(tmp_path / "a.db"), **settings})
        crawler.spider = ArticleSpider.from_crawler(crawler, start_urls=f"{BASE}/")
        crawler.stats.open_spider()
        return IncrementalSpiderMiddleware.from_crawler(crawler)

    return build


def response(path="/", **meta):
    request = Request(BASE + path, meta=meta)
    return HtmlResponse(BASE + path, body=b"<html><body>x</body></html>", request=request)


def listed(path, day):
    return Request(BASE + path, meta={"listed_date": day})


def test_since_drops_older_listed_requests_before_fetching(make):
    middleware = make(ARCHIVE_SINCE="2024-03-10")
    out = middleware.handle_output(
        response(), [listed("/a", "2024-03-01"), listed("/b", "2024-03-12"), Request(BASE + "/c")]
    )
    assert [r.url for r in out] == [BASE + "/b", BASE + "/c"]
    assert middleware.crawler.stats.get_value("archive/incremental/skipped/older_than_since") == 1


def test_newer_listed_requests_get_higher_priority(make):
    middleware = make()
    old, new, undated = middleware.handle_output(
        response(),
        [listed("/a", "2023-12-31"), listed("/b", "Fri, 15 Mar 2024 09:00:00 +0000"), Request(BASE + "/c")],
    )
    assert new.priority > old.priority > undated.priority == 0


def test_an_article_without_a_date_takes_the_listed_one(make):
    middleware = make()
    dated, undated = Article(url=BASE + "/x", published_at="2024-01-01"), Article(url=BASE + "/y")
    middleware.handle_output(response("/x", listed_date="2024-03-05"), [dated, undated])
    assert dated.published_at == "2024-01-01"
    assert (undated.published_at, undated.date_source) == ("2024-03-05", "listing")


def test_links_are_recorded_and_a_hub_is_marked_done_but_an_article_is_not(make, tmp_path):
    middleware = make()
    middleware.handle_output(response("/list/"), [listed("/a", "2024-03-01")])
    middleware.handle_output(response("/a"), [Article(url=BASE + "/a"), Request(BASE + "/b")])
    middleware.session.close()  # commits the write batch
    with CrawlState(tmp_path / "a.db") as state:
        assert state.get(BASE + "/list/").status == "done"
        assert (state.get(BASE + "/a").status, state.get(BASE + "/a").listed_date) == (
            "pending",
            "2024-03-01",
        )
        assert state.get(BASE + "/b").depth == 1


def test_a_bad_since_is_refused(make):
    with pytest.raises(ValueError, match="ARCHIVE_SINCE"):
        make(ARCHIVE_SINCE="soon")


def test_state_writes_are_batched_until_the_commit_interval(make, tmp_path):
    middleware = make(ARCHIVE_COMMIT_INTERVAL=3600)
    middleware.handle_output(response("/list/"), [Request(BASE + "/b")])
    with CrawlState(tmp_path / "a.db") as reader:
        assert reader.get(BASE + "/list/") is None  # not committed yet
        middleware.session.state.flush()
        assert reader.get(BASE + "/list/").status == "done"


def test_a_zero_commit_interval_commits_every_write(make, tmp_path):
    middleware = make(ARCHIVE_COMMIT_INTERVAL=0)
    middleware.handle_output(response("/list/"), [Request(BASE + "/b")])
    with CrawlState(tmp_path / "a.db") as reader:
        assert reader.get(BASE + "/list/").status == "done"


def test_a_failed_state_write_stops_the_crawl_like_a_failed_save(make, monkeypatch, caplog):
    middleware = make()

    def broken(*args, **kwargs):
        raise StorageError(
            "archive a.db: cannot record discovered URLs: attempt to write a readonly database"
        )

    reasons = []

    class FakeEngine:
        async def close_spider_async(self, *, reason="cancelled"):
            reasons.append(reason)

    middleware.crawler.engine = FakeEngine()
    monkeypatch.setattr(middleware.session.state, "discover", broken)

    async def run():
        assert middleware.handle_output(response("/list/"), [Request(BASE + "/b")]) == []
        await asyncio.sleep(0)

    asyncio.run(run())
    assert reasons == ["storage_error"]
    stats = middleware.crawler.stats
    assert (stats.get_value("archive/store/failed"), stats.get_value("archive/store/error")) == (1, 1)
    assert "readonly database" in caplog.text


def test_links_to_pages_already_requested_are_dropped_before_any_work(make, tmp_path):
    middleware = make()
    dupefilter = LoopCountingDupeFilter.from_crawler(middleware.crawler)
    run_scheduler(middleware.crawler, dupefilter)
    assert not dupefilter.request_seen(Request(BASE + "/seen"))
    dated = Request(BASE + "/seen", meta={"listed_date": "2024-03-01"})
    kept = middleware.handle_output(
        response("/list/"), [Request(BASE + "/seen"), Request(BASE + "/new"), dated]
    )
    assert [r.url for r in kept] == [BASE + "/new", BASE + "/seen"]  # a listed date is still recorded
    assert middleware.crawler.stats.get_value("archive/incremental/links_seen") == 1


def _spy_discover(middleware, monkeypatch, record=lambda found, done: (len(found), list(done))) -> list:
    """What ``record(found, done)`` returns for every ``discover`` call the middleware makes."""
    calls: list = []
    real = middleware.session.state.discover
    monkeypatch.setattr(
        middleware.session.state,
        "discover",
        lambda site, found, done: calls.append(record(found, done)) or real(site, found, done),
    )
    return calls


def test_a_sitemap_output_is_recorded_in_chunks_and_the_page_done_with_the_last(make, monkeypatch):
    from scrapy.http import XmlResponse

    from crawler.spidermiddlewares import incremental

    monkeypatch.setattr(incremental, "FEED_CHUNK", 2)
    middleware = make()
    calls = _spy_discover(middleware, monkeypatch)
    request = Request(BASE + "/sitemap.xml")
    sitemap = XmlResponse(BASE + "/sitemap.xml", body=b"<urlset/>", request=request)
    links = [listed(f"/a{i}", "2024-03-01") for i in range(5)]
    out = list(middleware.process_spider_output(sitemap, iter(links)))
    assert [r.url for r in out] == [r.url for r in links]
    assert [n for n, _ in calls] == [2, 2, 1]
    assert [done for _, done in calls[:-1]] == [[], []]
    assert calls[-1][1] == [(BASE + "/sitemap.xml", "hub")]
    assert middleware.session.state.get(BASE + "/a4").status == "pending"


def test_an_html_page_output_is_recorded_whole(make, monkeypatch):
    from crawler.spidermiddlewares import incremental

    monkeypatch.setattr(incremental, "FEED_CHUNK", 2)
    middleware = make()
    calls = _spy_discover(middleware, monkeypatch, lambda found, done: len(found))
    out = list(
        middleware.process_spider_output(
            response("/list/"), iter([Request(BASE + f"/b{i}") for i in range(5)])
        )
    )
    assert len(out) == 5
    assert calls == [5]
