"""A full or unwritable archive stops the crawl with a clear error and exit code 1; committed articles stay."""

from __future__ import annotations

import json
import sqlite3

import pytest

from crawler.settings import EXTENSIONS
from tests.hostile.pages import GOOD_BY_KEY
from tests.hostile.server import HostileServer
from tests.integration.conftest import scrapy_crawl

pytestmark = pytest.mark.integration


def test_a_full_database_stops_the_crawl_with_exit_code_1(tmp_path):
    db = tmp_path / "archive.db"
    extensions = {**EXTENSIONS, "tests.hostile.faults.DatabaseFullInjector": 900}
    with HostileServer() as server:
        result = scrapy_crawl(
            db,
            "-a",
            f"start_urls={server.url}/",
            "-s",
            "ARCHIVE_TEST_DB_MAX_PAGES=8",
            "-s",
            f"EXTENSIONS={json.dumps(extensions)}",
            "-s",
            "DOWNLOAD_TIMEOUT=2",
            "-s",
            "ARCHIVE_RETRY_BACKOFF_BASE=0.25",
            timeout=120,
        )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "database or disk is full" in result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_an_unwritable_database_stops_the_crawl_and_keeps_what_was_committed(tmp_path):
    db = tmp_path / "archive.db"
    extensions = {**EXTENSIONS, "tests.hostile.faults.DatabaseFullInjector": 900}
    first, second = GOOD_BY_KEY["g1"].path, GOOD_BY_KEY["g2"].path
    one_page = ["-a", "follow_feeds=0", "-s", "DEPTH_LIMIT=1", "-s", "ARCHIVE_MAX_LINKS_PER_PAGE=0"]
    with HostileServer() as server:
        ok = scrapy_crawl(db, "-a", f"start_urls={server.url}{first}", *one_page, timeout=60)
        assert ok.returncode == 0, ok.stderr[-2000:]
        result = scrapy_crawl(
            db,
            "-a",
            f"start_urls={server.url}{second}",
            *one_page,
            "-s",
            "ARCHIVE_TEST_DB_READONLY=1",
            "-s",
            f"EXTENSIONS={json.dumps(extensions)}",
            timeout=60,
        )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "readonly database" in result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    urls = [row[0] for row in conn.execute("select url from articles")]
    conn.close()
    assert urls == [f"{server.url}{first}"]
