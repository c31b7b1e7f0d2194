"""robots.txt the RFC 9309 way, in real crawls: missing (404) allows everything; 503 or hanging disallows
everything for now, and the crawl still ends by itself."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.hostile.pages import GOOD_BY_KEY
from tests.hostile.server import HostileServer, HostileSite
from tests.integration.conftest import scrapy_crawl

pytestmark = pytest.mark.integration

PRIVATE = "/private/secret-harbour-plans.html"


def crawl_one(tmp_path, robots: str, path: str, exit_code: int = 0) -> tuple[HostileServer, dict, int]:
    db = tmp_path / "archive.db"
    # A hanging robots.txt answers after 3 s, three times ARCHIVE_ROBOTS_TIMEOUT; the subprocess timeout
    # bounds the whole crawl.
    with HostileServer(HostileSite(robots=robots, slow=3.0)) as server:
        result = scrapy_crawl(
            db,
            "-a",
            f"start_urls={server.url}{path}",
            "-s",
            "DEPTH_LIMIT=1",
            "-s",
            "ARCHIVE_ROBOTS_TIMEOUT=1",
            timeout=60,
        )
    assert result.returncode == exit_code, result.stderr[-2000:]
    conn = sqlite3.connect(db)
    stats = json.loads(conn.execute("select stats from crawl_runs").fetchone()[0])
    stored = conn.execute("select count(*) from articles").fetchone()[0]
    conn.close()
    return server, stats, stored


def test_missing_robots_txt_allows_everything(tmp_path):
    path = GOOD_BY_KEY["g1"].path
    server, stats, stored = crawl_one(tmp_path, "missing", path)
    assert server.requests(path) == [path]
    assert stored == 1
    assert stats["archive/robots/missing"] >= 1


@pytest.mark.parametrize("robots", ["503", "hang"])
def test_unreachable_robots_txt_disallows_everything_for_now(tmp_path, robots):
    path = GOOD_BY_KEY["g1"].path
    # Exit code 3 (partial failure): robots.txt failed, so the next scheduled run tries the site again.
    server, stats, stored = crawl_one(tmp_path, robots, path, exit_code=3)
    assert server.requests(path) == []
    assert stored == 0
    assert stats["finish_reason"] == "finished"
    assert stats["archive/robots/unreachable"] >= 1
    assert stats["archive/robots/forbidden"] >= 1
    # robots.txt itself is asked once by the middleware and once by the spider (for sitemaps), never retried
    assert len(server.requests("/robots.txt")) <= 2
