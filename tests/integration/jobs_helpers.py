"""Helpers for the scheduled-job tests: crawl commands, kill -9 at a request count, archive snapshots."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from crawler.demo import DEMO_SITE_DIR
from crawler.demo.server import SampleSiteServer

ROOT = Path(__file__).resolve().parents[2]
FAST = {
    "ARCHIVE_SITE_DIRS": str(DEMO_SITE_DIR),
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOG_LEVEL": "INFO",
}


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("SCRAPY_", "ARCHIVE_"))}


def crawl_command(db: Path, base_url: str, *extra: str, site: str = "sample_site") -> list[str]:
    """``scrapy crawl article`` of the sample site at ``base_url`` into ``db`` with loopback-fast settings."""
    command = [sys.executable, "-m", "scrapy", "crawl", "article", "-a", f"site={site}"]
    command += ["-a", f"start_urls={base_url}/", "-s", f"ARCHIVE_DB={db}"]
    for name, value in FAST.items():
        command += ["-s", f"{name}={value}"]
    return command + list(extra)


def cli_command(db: Path, base_url: str, *extra: str) -> list[str]:
    """``newsarchive crawl`` of the sample site (in-process Scrapy) with loopback-fast settings."""
    command = [
        sys.executable,
        "-m",
        "crawler",
        "crawl",
        f"{base_url}/",
        "--site",
        "sample_site",
        "--db",
        str(db),
    ]
    for name, value in FAST.items():
        command += ["-s", f"{name}={value}"]
    return command + list(extra)


def run(command: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=timeout, check=False
    )


def crawl_killed_after(
    server: SampleSiteServer, command: list[str], requests: int, timeout: float = 60
) -> bool:
    """Start ``command``; ``kill -9`` it once the server has seen ``requests`` more requests.

    Returns True when it was killed, False when it finished first.
    """
    before = len(server.requests)
    process = subprocess.Popen(
        command, cwd=ROOT, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + timeout
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if len(server.requests) - before >= requests:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
                return True
            time.sleep(0.002)
        return False
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def query(db: Path, sql: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """What must be equal between archives: articles, the URL keys leading to them and related links.

    Ids, timestamps and the raw URL an article was first seen under (a tracking-parameter URL or the clean
    one: whichever arrived first) are left out; url_keys name the same pages whatever the arrival order.
    """
    return {
        "articles": query(
            db,
            """SELECT url_key, canonical_url, site, title, published_at, authors, source, editors,
                      view_count, lang, body, content_hash FROM articles ORDER BY url_key""",
        ),
        "article_urls": query(
            db,
            """SELECT DISTINCT u.url_key, a.url_key FROM article_urls u JOIN articles a ON a.id = u.article_id
               ORDER BY 1, 2""",
        ),
        "related_links": query(
            db,
            """SELECT a.url_key, r.url, r.title FROM related_links r JOIN articles a ON a.id = r.article_id
               ORDER BY a.url_key, r.url""",
        ),
    }
