"""Crawl the hostile site: every good article exactly once with its text intact, nothing else, bounded."""

from __future__ import annotations

import json
import resource
import sqlite3
import time

import pytest

from crawler.urls import canonicalize
from tests.hostile.pages import GOOD
from tests.hostile.server import HostileServer
from tests.integration.conftest import scrapy_crawl

pytestmark = pytest.mark.integration

FAST = [
    "-s",
    "DOWNLOAD_TIMEOUT=2",
    "-s",
    "ARCHIVE_RETRY_BACKOFF_BASE=0.25",
    "-s",
    "ARCHIVE_RETRY_BACKOFF_MAX=2",
]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "archive.db"
    with HostileServer() as server:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.monotonic()
        result = scrapy_crawl(db, "-a", f"start_urls={server.url}/", *FAST, timeout=150)
        duration = time.monotonic() - started
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        conn = sqlite3.connect(db)
        conn.row_factory = sqlite3.Row
        articles = conn.execute("select * from articles").fetchall()
        stats = json.loads(conn.execute("select stats from crawl_runs").fetchone()["stats"])
        conn.close()
        print(
            f"hostile crawl: {len(articles)} articles, {stats.get('downloader/request_count')} requests, "
            f"{duration:.1f}s, peak RSS {peak_kib / 1024:.0f} MB (before {before / 1024:.0f} MB)"
        )
        yield {
            "result": result,
            "articles": articles,
            "stats": stats,
            "server": server,
            "duration": duration,
            "peak_mb": peak_kib / 1024,
        }


def test_the_crawl_finishes_by_itself_in_bounded_time_and_memory(crawl):
    assert crawl["result"].returncode == 0, crawl["result"].stderr[-3000:]
    assert crawl["stats"]["finish_reason"] == "finished"
    assert crawl["duration"] < 120
    assert crawl["peak_mb"] < 300


def test_every_good_article_is_stored_exactly_once_with_its_text(crawl):
    base = crawl["server"].url
    by_key = {}
    for row in crawl["articles"]:
        by_key.setdefault(row["url_key"], []).append(row)
    missing = [g.key for g in GOOD if canonicalize(base + g.path) not in by_key]
    assert missing == []
    for good in GOOD:
        (row,) = by_key[canonicalize(base + good.path)]
        assert good.marker in row["body"], good.key


def test_nothing_else_is_stored(crawl):
    assert len(crawl["articles"]) == len(GOOD)


def test_titles_are_sanitised_and_capped(crawl):
    for row in crawl["articles"]:
        assert len(row["title"]) <= 500
        assert not any(ch in row["title"] for ch in "\x00\x07\x08\x1b\u202e\u200b")
        assert "\x00" not in row["body"]


@pytest.mark.parametrize(
    ("counter", "minimum"),
    [
        ("archive/gate/bomb", 4),
        ("archive/gate/encoding_unsupported", 1),
        ("archive/gate/incomplete", 1),
        ("archive/gate/corrupt", 1),
        ("archive/gate/too_large", 2),
        ("archive/gate/binary", 4),
        ("archive/gate/not_html", 1),
        ("archive/gate/empty", 2),
        ("archive/retry/gave_up", 4),
        ("archive/retry/cooldown", 1),
        ("archive/redirect/bad_scheme", 2),
        ("archive/redirect/no_location", 1),
        ("archive/redirect/max_reached", 1),
        ("archive/redirect/loop", 1),
        ("archive/redirect/offsite", 1),
        ("archive/scope/offsite", 0),
        ("archive/robots/forbidden", 1),
        ("archive/guard/repeated_path", 1),
        ("archive/guard/path_depth", 1),
        ("archive/guard/pagination_exhausted", 1),
        ("archive/guard/session_id", 1),
        ("archive/spider/links_capped", 1),
        ("archive/charset/overridden", 1),
        ("archive/normalize/title_sanitized", 1),
        ("urllength/request_ignored_count", 1),
    ],
)
def test_each_case_is_counted(crawl, counter, minimum):
    assert crawl["stats"].get(counter, 0) >= minimum, counter


def test_traps_and_forbidden_paths_are_bounded(crawl):
    server = crawl["server"]
    assert server.requests("/private/") == []
    assert len(server.requests("/chain/")) <= 9
    assert len(server.requests("/calendar/")) <= 12
    assert len(server.requests("/list")) <= 4
    assert len(server.requests("/session/")) == 1
    assert len(server.requests("/loop/")) <= 3
    assert len(server.requests("/many/")) <= 500
    assert len(server.requests("/error/500")) == 5
    with server.spy.lock:
        assert server.spy.log == []
