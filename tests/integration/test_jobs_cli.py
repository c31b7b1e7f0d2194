"""Job controls on the sample site: the lock, budgets, exit codes, retry of failed URLs, drift and ``runs``."""

from __future__ import annotations

import json
import time

import pytest

from crawler.demo.server import SampleSiteServer
from crawler.demo.site import MANIFEST
from crawler.jobs import SiteLock

from .editable_site import EditableSite
from .jobs_helpers import cli_command, crawl_command, query, run

pytestmark = pytest.mark.integration

FAILING = ["/news/20240313205.shtml", "/news/2024031488.shtml", "/en/2024/03/bus-route-redesign.html"]


@pytest.fixture(scope="module")
def server():
    with SampleSiteServer() as serving:
        yield serving


def articles(db):
    return query(db, "select count(*) from articles")[0][0]


def last_run(db):
    status, stats = query(db, "select status, stats from crawl_runs order by id desc limit 1")[0]
    return status, json.loads(stats or "{}")


def test_a_second_job_on_the_same_site_and_archive_exits_at_once(server, tmp_path):
    db = tmp_path / "archive.db"
    lock = SiteLock(str(db), "sample_site")
    assert lock.acquire()
    try:
        before = len(server.requests)
        started = time.monotonic()
        cli = run(cli_command(db, server.url))
        scrapy = run(crawl_command(db, server.url))
        assert time.monotonic() - started < 30
    finally:
        lock.release()
    assert cli.returncode == 75, cli.stderr[-2000:]
    assert "another job" in cli.stderr
    assert scrapy.returncode == 75, scrapy.stderr[-2000:]
    assert len(server.requests) == before
    assert run(cli_command(db, server.url)).returncode == 0  # released: the next job runs


def test_page_budget_ends_cleanly_and_the_next_run_carries_on(server, tmp_path):
    db = tmp_path / "archive.db"
    budget = run(cli_command(db, server.url, "--max-pages", "4"))
    assert budget.returncode == 0, budget.stderr[-2000:]
    status, stats = last_run(db)
    assert status == "closespider_pagecount"
    assert stats["response_received_count"] < 15
    assert articles(db) < len(MANIFEST)
    assert run(cli_command(db, server.url)).returncode == 0
    assert articles(db) == len(MANIFEST)


def test_time_budget_ends_cleanly(server, tmp_path):
    db = tmp_path / "archive.db"
    slow = ("-s", "DOWNLOAD_DELAY=0.5", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "--max-time", "1")
    result = run(cli_command(db, server.url, *slow))
    assert result.returncode == 0, result.stderr[-2000:]
    assert last_run(db)[0] == "closespider_timeout"


def test_nothing_archived_from_a_site_with_articles_exits_4(server, tmp_path):
    result = run(cli_command(tmp_path / "a.db", server.url, "-s", "ARCHIVE_MIN_BODY_CHARS=100000"))
    assert result.returncode == 4, result.stderr[-2000:]
    assert "nothing archived" in result.stderr


def test_a_bad_since_is_a_configuration_error(server, tmp_path):
    result = run(cli_command(tmp_path / "a.db", server.url, "--since", "yesterday"))
    assert result.returncode == 2
    assert "--since" in result.stderr


def test_failed_urls_give_exit_3_and_are_retried_by_the_next_run(tmp_path):
    db = tmp_path / "archive.db"
    with EditableSite() as site:
        site.failing = dict.fromkeys(FAILING, 503)
        first = run(crawl_command(db, site.url, "-s", "RETRY_TIMES=0", "-s", "ARCHIVE_MAX_ERROR_RATE=0.05"))
        assert first.returncode == 3, first.stderr[-2000:]
        assert articles(db) <= len(MANIFEST) - len(FAILING)
        site.failing = {}
        start = len(site.requests)
        second = run(crawl_command(db, site.url, "-s", "RETRY_TIMES=0"))
        assert second.returncode == 0, second.stderr[-2000:]
        fetched = {path for path, _ in site.log_since(start)}
    assert set(FAILING) <= fetched
    assert articles(db) == len(MANIFEST)


def test_drift_is_reported_recorded_and_sets_exit_5(server, tmp_path):
    db = tmp_path / "archive.db"
    for _ in range(2):
        assert run(cli_command(db, server.url)).returncode == 0
    starved = ("-s", "ARCHIVE_MAX_LINKS_PER_PAGE=4", "-s", "ARCHIVE_FOLLOW_FEEDS=False")
    result = run(cli_command(db, server.url, *starved))
    assert result.returncode == 5, result.stderr[-2000:]
    assert "Drift (fail)" in result.stderr
    _, stats = last_run(db)
    assert stats["archive/drift/level"] == "fail"
    assert "articles_found" in stats["archive/drift/articles_found"]

    listing = run([*cli_command(db, server.url)[:3], "runs", "--db", str(db), "--json"])
    rows = json.loads(listing.stdout)
    assert isinstance(rows, list)
    assert [row["exit_code"] for row in rows] == [5, 0, 0]
    assert rows[0]["drift"]["level"] == "fail"
    assert rows[0]["counters"]["job/exit_code"] == 5
    assert rows[1]["counters"].get("incremental/skipped/archived", 0) == rows[1]["skipped"]
    assert rows[2]["counters"]["store/new"] == rows[2]["new"] > 0
    assert all(row["counters"]["spider/hub"] > 0 for row in rows)
    assert not any(key.startswith(("archive/", "drift/")) for row in rows for key in row["counters"])
    table = run([*cli_command(db, server.url)[:3], "runs", "--db", str(db), "--site", "sample_site"])
    assert "drift (fail): articles_found" in table.stdout
