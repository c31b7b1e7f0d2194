"""Two crawl jobs writing one archive at once, and a reader holding it: nothing lost, nothing duplicated."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading

import pytest

from crawler.demo import DEMO_SITE_DIR
from crawler.demo.server import SampleSiteServer
from crawler.demo.site import MANIFEST
from crawler.storage import ArchiveStore
from tests.integration.conftest import ROOT

pytestmark = pytest.mark.integration


@pytest.fixture
def sample_site():
    with SampleSiteServer() as server:
        yield server


def crawl_command(db, *args: str) -> list[str]:
    return [
        sys.executable, "-m", "scrapy", "crawl", "article", *args,
        "-s", f"ARCHIVE_DB={db}", "-s", f"ARCHIVE_SITE_DIRS={DEMO_SITE_DIR}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    ]  # fmt: skip


def counts(db) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        articles = conn.execute("select count(*) from articles").fetchone()[0]
        keys = conn.execute("select count(distinct url_key) from articles").fetchone()[0]
    finally:
        conn.close()
    return articles, keys


def test_two_jobs_and_a_reader_on_one_archive_lose_and_duplicate_nothing(sample_site, tmp_path):
    db = tmp_path / "archive.db"
    # Create the archive first so the reader can hold a read transaction during both crawls.
    ArchiveStore(db).close()
    reader = sqlite3.connect(db, timeout=0)
    reader.execute("begin")
    reader.execute("select count(*) from articles").fetchone()  # holds a read snapshot (WAL)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCRAPY_", "ARCHIVE_"))}
    jobs = [  # different sites (profile vs zero-config), so the per-site job lock lets both run
        crawl_command(db, "-a", "site=sample_site", "-a", f"start_urls={sample_site.url}/"),
        crawl_command(db, "-a", f"start_urls={sample_site.url}/"),
    ]
    results: list[subprocess.CompletedProcess[str]] = []
    threads = [
        threading.Thread(target=lambda c=c: results.append(
            subprocess.run(c, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)))
        for c in jobs
    ]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reader.rollback()
    reader.close()
    assert [r.returncode for r in results] == [0, 0], [r.stderr[-2000:] for r in results]
    assert not any("database is locked" in r.stderr for r in results)
    assert counts(db) == (len(MANIFEST), len(MANIFEST))
    # Each job stored articles, found them unchanged, or (started later) skipped them as archived.
    done = ("'archive/store/new'", "archive/store/unchanged", "archive/incremental/skipped/archived")
    assert all(any(key in r.stderr for key in done) for r in results)
