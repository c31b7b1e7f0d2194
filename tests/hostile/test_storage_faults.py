"""A full archive stops the crawl with a clear error and exit code 1; committed articles stay."""

from __future__ import annotations

import json
import sqlite3

import pytest

from crawler.settings import EXTENSIONS
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
