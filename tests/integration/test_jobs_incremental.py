"""Incremental re-runs and kill -9 safety, witnessed by the sample server's request log and the archive."""

from __future__ import annotations

import random

import pytest

from crawler.demo.server import SampleSiteServer
from crawler.demo.site import FEED_PATH, HUB_PATHS, MANIFEST, REDIRECTS, SITEMAP_PATH

from .jobs_helpers import crawl_command, crawl_killed_after, query, run, snapshot

pytestmark = pytest.mark.integration

ARTICLE_PATHS = {e["path"] for e in MANIFEST} | {a for e in MANIFEST for a in e["aliases"]}


@pytest.fixture(scope="module")
def server():
    with SampleSiteServer() as serving:
        yield serving


@pytest.fixture(scope="module")
def reference(server, tmp_path_factory):
    """An uninterrupted crawl of the sample site: the archive every other run must reproduce."""
    db = tmp_path_factory.mktemp("reference") / "archive.db"
    result = run(crawl_command(db, server.url))
    assert result.returncode == 0, result.stderr[-3000:]
    return db


def test_a_second_run_fetches_no_archived_article_but_every_hub_and_feed(server, reference, tmp_path):
    db = tmp_path / "archive.db"
    assert run(crawl_command(db, server.url)).returncode == 0
    counts = query(db, "select count(*) from articles")
    before = len(server.requests)
    second = run(crawl_command(db, server.url))
    assert second.returncode == 0, second.stderr[-3000:]
    paths = [path for _, path, _ in server.requests[before:]]
    assert not ARTICLE_PATHS & set(paths), sorted(ARTICLE_PATHS & set(paths))
    assert set(HUB_PATHS) | {FEED_PATH, SITEMAP_PATH, "/robots.txt"} <= set(paths)
    assert query(db, "select count(*) from articles") == counts
    assert snapshot(db) == snapshot(reference)


def test_a_redirect_to_an_article_saved_before_it_is_followed_is_recorded_as_its_url(
    server, reference, tmp_path
):
    """Whether the redirect or a direct link reaches the article first, the old URL leads to it."""
    ((old, new),) = REDIRECTS.items()
    db = tmp_path / "archive.db"
    command = crawl_command(db, server.url)
    command[command.index(f"start_urls={server.url}/")] = f"start_urls={server.url}{new}"
    first = run([*command, "-s", "DEPTH_LIMIT=0", "-s", "CLOSESPIDER_PAGECOUNT=1"])
    assert first.returncode == 0, first.stderr[-3000:]
    assert query(db, "select url from article_urls") == [(server.url + new,)]
    second = run(crawl_command(db, server.url))
    assert second.returncode == 0, second.stderr[-3000:]
    recorded = query(db, "select a.url from article_urls u join articles a on a.id = u.article_id where u.url = ?",
                     server.url + old)  # fmt: skip
    assert recorded == [(server.url + new,)]
    assert query(reference, "select match from article_urls where url = ?", server.url + old) == [
        ("redirect",)
    ]
    assert snapshot(db)["article_urls"] == snapshot(reference)["article_urls"]


def kill_loop(server, reference, db, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    total = 25  # a full crawl of the sample site makes about 27 requests; later runs fewer
    killed = sum(
        crawl_killed_after(server, crawl_command(db, server.url), rng.randint(1, total)) for _ in range(kills)
    )
    assert killed >= 1
    final = run(crawl_command(db, server.url))
    assert final.returncode == 0, final.stderr[-3000:]
    assert snapshot(db) == snapshot(reference)
    assert query(db, "select count(*) from articles") == [(len(MANIFEST),)]


def test_kill_9_at_three_random_points_then_a_rerun_gives_the_same_archive(server, reference, tmp_path):
    kill_loop(server, reference, tmp_path / "archive.db", kills=3, seed=5)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 12])
def test_kill_9_at_ten_random_points_then_a_rerun_gives_the_same_archive(server, reference, tmp_path, seed):
    kill_loop(server, reference, tmp_path / "archive.db", kills=10, seed=seed)
