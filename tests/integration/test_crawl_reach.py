"""A zero-config crawl reaches every story a site links to, and the trap next to them is still cut off.

The site (``tests.integration.reach_site``): sections sharing one list-file pattern, lists of 9 pages
chained page to page, half of them through absolute links to the site's original host, stories only
author pages list, an endless calendar.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from crawler.demo.server import SampleSiteServer
from crawler.urls import canonicalize
from tests.integration.conftest import scrapy_crawl
from tests.integration.reach_site import PAGES, SECTIONS, ReachSite, build, list_path

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    pages, stories = build()
    db = tmp_path_factory.mktemp("reach") / "archive.db"
    with SampleSiteServer(ReachSite(pages)) as server:
        result = scrapy_crawl(db, "-a", f"start_urls={server.url}/index.htm", timeout=240)
        conn = sqlite3.connect(db)
        stored = {key for (key,) in conn.execute("select url_key from article_urls")}
        depths = dict(conn.execute("select url, depth from crawl_state"))
        stats = json.loads(conn.execute("select stats from crawl_runs").fetchone()[0])
        conn.close()
        yield {
            "result": result,
            "base": server.url,
            "stories": stories,
            "stored": stored,
            "depths": depths,
            "stats": stats,
            "requests": [path for _, path, _ in server.requests],
        }


def test_every_story_is_archived(crawl):
    assert crawl["result"].returncode == 0, crawl["result"].stderr[-3000:]
    missing = [path for path in crawl["stories"] if canonicalize(crawl["base"] + path) not in crawl["stored"]]
    assert missing == []


def test_a_lists_next_pages_are_as_deep_as_its_first(crawl):
    for section in range(1, SECTIONS + 1):
        depths = {crawl["depths"].get(crawl["base"] + list_path(section, n)) for n in range(1, PAGES + 1)}
        assert depths == {1}, section


def test_no_guard_cuts_an_ordinary_list_and_the_calendar_is_cut(crawl):
    stats = crawl["stats"]
    for guard in ("pagination_exhausted", "pattern_budget", "max_page", "path_depth", "repeated_path"):
        assert f"archive/guard/{guard}" not in stats, guard
    assert stats["archive/guard/depth_limit"] >= 1
    calendar = [path for path in crawl["requests"] if path.startswith("/calendar/")]
    assert 1 < len(calendar) <= 2 * 5 + 1  # both ways for ARCHIVE_MAX_HUB_DEPTH hops
    assert "trap guards: depth_limit" in crawl["result"].stderr


def test_the_original_host_is_taken_as_the_copy_and_never_fetched(crawl):
    stats = crawl["stats"]
    assert stats["archive/scope/alias_host"] == 1
    assert stats["archive/scope/alias_link"] >= SECTIONS // 2 * (PAGES - 1)
    assert "archive/scope/offsite" not in stats
    assert "www.school-news.invalid is an alias of" in crawl["result"].stderr
