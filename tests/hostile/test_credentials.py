"""Authorization and Cookie never follow a redirect to another origin (host, port or scheme)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from crawler.settings import DOWNLOADER_MIDDLEWARES
from tests.hostile.server import HostileServer
from tests.integration.conftest import scrapy_crawl

pytestmark = pytest.mark.integration


def test_credentials_stay_on_their_origin(tmp_path):
    db = tmp_path / "archive.db"
    middlewares = {**DOWNLOADER_MIDDLEWARES, "tests.hostile.faults.CredentialsInjector": 10}
    with HostileServer() as server:
        port = server.httpd.server_address[1]
        spy = f"http://127.0.0.1:{server.spy.server_address[1]}"
        # All four origins are in scope, so the redirects are followed and only header handling is tested
        # (the https one fails at the TLS handshake: the spy speaks plain HTTP).
        start_urls = [
            f"{server.url}/creds/",
            f"http://localhost:{port}/robots.txt",
            f"{spy}/robots.txt",
            spy.replace("http:", "https:") + "/robots.txt",
        ]
        result = scrapy_crawl(
            db,
            "-a",
            f"start_urls={','.join(start_urls)}",
            "-a",
            "follow_feeds=0",
            "-s",
            f"DOWNLOADER_MIDDLEWARES={json.dumps(middlewares)}",
            "-s",
            f"ARCHIVE_TEST_CREDENTIALS_ORIGIN={server.url}",
            "-s",
            "DEPTH_LIMIT=2",
            "-s",
            "ROBOTSTXT_OBEY=False",
            "-s",
            "RETRY_TIMES=0",
            "-s",
            "ARCHIVE_MAX_ERROR_RATE=1",
            "-s",
            "DOWNLOAD_TIMEOUT=2",
            timeout=90,
        )
        with server.httpd.lock:
            main = list(server.httpd.credentials)
        with server.spy.lock:
            spied = list(server.spy.credentials)
    assert result.returncode == 0, result.stderr[-3000:]
    on_home = [c for path, host, c in main if host == f"127.0.0.1:{port}" and path != "/robots.txt"]
    assert on_home  # the test can fail: the credentials were sent at home
    assert all(c == ("Authorization", "Cookie") for c in on_home)
    other_host = [(path, c) for path, host, c in main if host.startswith("localhost")]
    assert ("/news/otherhost.html", ()) in other_host
    assert all(c == () for _, c in other_host)
    assert ("/news/otherport.html", ()) in [(path, c) for path, _, c in spied]
    assert all(c == () for _, _, c in spied)
    conn = sqlite3.connect(db)
    stats = json.loads(conn.execute("select stats from crawl_runs").fetchone()[0])
    conn.close()
    # Scrapy itself drops both on the other host; Cookie it keeps on the other port and on http -> https.
    assert stats["archive/redirect/credentials_dropped"] == 2
