"""robots.txt missing (404) allows everything (RFC 9309); 5xx/timeout are covered in tests/unit/test_robots.py."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.hostile.pages import GOOD_BY_KEY
from tests.hostile.server import HostileServer, HostileSite
from tests.integration.conftest import scrapy_crawl

pytestmark = pytest.mark.integration

PRIVATE = "/private/secret-harbour-plans.html"


def crawl_one(tmp_path, robots: str, path: str) -> tuple[HostileServer, dict, int]:
    db = tmp_path / "archive.db"
    with HostileServer(HostileSite(robots=robots, slow=3.0)) as server:
        result = scrapy_crawl(
            db,
            "-a",
            f"start_urls={server.url}{path}",
            "-s",
            "DEPTH_LIMIT=1",
            "-s",
            "ARCHIVE_ROBOTS_TIMEOUT=1",
        )
    assert result.returncode == 0, result.stderr[-2000:]
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
