"""Two runs over the pages the response gate refuses: each is fetched once, except damaged bodies (retried
by later runs up to ARCHIVE_MAX_ATTEMPTS) and sitemaps (revisited by every run). Issue 15."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.hostile.pages import GOOD_BY_KEY, hub_html
from tests.hostile.server import HostileServer, HostileSite
from tests.integration.conftest import scrapy_crawl

pytestmark = pytest.mark.integration

#: Refused for what they are: empty body, head only, 204, random bytes as HTML, PNG as HTML, PDF, JSON.
FINAL = [
    "/empty.html",
    "/head-only.html",
    "/no-content",
    "/binary.html",
    "/fake.html",
    "/files/report",
    "/api/data",
]
#: Refused for a damaged body: a failed attempt each run.
RETRIED = ["/truncated-gzip", "/corrupt-gzip"]
#: Sitemaps refused for a bomb or entity declarations: feeds, so revisited.
FEEDS = ["/sitemap-bomb.xml.gz", "/sitemap-laughs.xml"]


class RefusedSite(HostileSite):
    """The hostile site with a home page that links only to refused pages and one good article."""

    def route(self, h):
        if h.path == "/":
            return h.send(200, hub_html("Refused", [*FINAL, *RETRIED, GOOD_BY_KEY["g1"].path]).encode())
        return super().route(h)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    db = tmp_path_factory.mktemp("refused") / "archive.db"
    with HostileServer(RefusedSite(bomb_mib=64)) as server:
        requests = []
        for _ in range(2):
            # 2 damaged bodies among a dozen pages are above ARCHIVE_MAX_ERROR_RATE (exit code 3)
            result = scrapy_crawl(db, "-a", f"start_urls={server.url}/", "-s", "ARCHIVE_MAX_ERROR_RATE=0.5")
            assert result.returncode == 0, result.stderr[-3000:]
            requests.append(server.requests())
    conn = sqlite3.connect(db)
    stats = [json.loads(row[0]) for row in conn.execute("select stats from crawl_runs order by id")]
    states = dict(conn.execute("select url, kind || '/' || status from crawl_state"))
    conn.close()
    first, both = requests
    return {"first": first, "second": both[len(first) :], "stats": stats, "states": states, "url": server.url}


def test_a_refused_page_is_fetched_once_across_two_runs(runs):
    assert [(path, runs["first"].count(path), runs["second"].count(path)) for path in FINAL] == [
        (path, 1, 0) for path in FINAL
    ]
    assert runs["stats"][1].get("archive/incremental/skipped/rejected") == len(FINAL)
    assert {runs["states"][runs["url"] + path] for path in FINAL} == {"rejected/done"}


def test_a_damaged_body_is_tried_again_by_the_next_run(runs):
    assert [(path, runs["first"].count(path), runs["second"].count(path)) for path in RETRIED] == [
        (path, 1, 1) for path in RETRIED
    ]
    assert {runs["states"][runs["url"] + path] for path in RETRIED} == {"unknown/failed"}


def test_refused_sitemaps_are_revisited_by_every_run(runs):
    assert [(path, runs["first"].count(path), runs["second"].count(path)) for path in FEEDS] == [
        (path, 1, 1) for path in FEEDS
    ]
    assert {runs["states"][runs["url"] + path] for path in FEEDS} == {"feed/done"}
