"""A real crawl of the bundled sample site, then assertions on the SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.demo.site import BOILERPLATE_MARKERS, HUB_PATHS, MANIFEST, NOT_FOUND_PATH, RELATED_ONLY_PATH
from crawler.urls import canonicalize

from .conftest import scrapy_crawl

pytestmark = pytest.mark.integration


def rows(db: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def table_counts(db: Path) -> dict[str, int]:
    names = ("articles", "article_urls", "related_links")
    return {name: rows(db, f"select count(*) as n from {name}")[0]["n"] for name in names}


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def crawled(sample_site, tmp_path_factory):
    db = tmp_path_factory.mktemp("crawl") / "archive.db"
    result = scrapy_crawl(db, "-a", "site=sample_site", "-a", f"start_urls={sample_site.url}/")
    assert result.returncode == 0, result.stderr[-4000:]
    return db, result


def article_by_path(db: Path, base: str, path: str) -> sqlite3.Row | None:
    found = rows(
        db,
        "select a.* from articles a join article_urls u on u.article_id = a.id where u.url_key = ?",
        canonicalize(base + path),
    )
    return found[0] if found else None


def test_every_article_is_stored_exactly_once(crawled, sample_site):
    db, _ = crawled
    ids = []
    for expected in MANIFEST:
        row = article_by_path(db, sample_site.url, expected["path"])
        assert row is not None, f"not archived: {expected['path']}"
        ids.append(row["id"])
    assert len(set(ids)) == len(MANIFEST)
    assert table_counts(db)["articles"] == len(MANIFEST)


def test_fields_match_the_manifest(crawled, sample_site):
    db, _ = crawled
    for expected in MANIFEST:
        row = article_by_path(db, sample_site.url, expected["path"])
        assert row["title"] == expected["title"], expected["path"]
        assert row["published_at"] == expected["published_at"], expected["path"]
        assert row["lang"] == expected["lang"], expected["path"]
        for key in ("source", "view_count"):
            if expected.get(key) is not None:
                assert row[key] == expected[key], (expected["path"], key)
        for key in ("authors", "editors"):
            if expected.get(key):
                assert json.loads(row[key]) == expected[key], (expected["path"], key)
        for snippet in expected["body_snippets"]:
            assert snippet in row["body"], (expected["path"], snippet)


def test_aliases_are_collapsed_and_recorded(crawled, sample_site):
    db, _ = crawled
    for expected in MANIFEST:
        row = article_by_path(db, sample_site.url, expected["path"])
        for alias in expected.get("aliases", []):
            alias_row = article_by_path(db, sample_site.url, alias)
            assert alias_row is not None, f"alias not recorded: {alias}"
            assert alias_row["id"] == row["id"], alias


def test_no_boilerplate_left_in_any_body(crawled):
    db, _ = crawled
    for row in rows(db, "select url, body from articles"):
        for marker in BOILERPLATE_MARKERS:
            assert marker not in row["body"], (row["url"], marker)


def test_hubs_and_missing_pages_are_not_stored(crawled, sample_site):
    db, _ = crawled
    stored = {path_of(r["url"]) for r in rows(db, "select url from article_urls")}
    for path in HUB_PATHS:
        assert path not in stored, path
    assert NOT_FOUND_PATH not in stored


def test_related_links_are_recorded_and_followed(crawled, sample_site):
    db, _ = crawled
    assert table_counts(db)["related_links"] > 0
    assert article_by_path(db, sample_site.url, RELATED_ONLY_PATH) is not None
    linked = rows(db, "select 1 from related_links where url = ?", sample_site.url + RELATED_ONLY_PATH)
    assert linked, "the related-only article's incoming related link is not recorded"


def test_crawl_run_is_recorded_with_stats(crawled):
    db, _ = crawled
    runs = rows(db, "select * from crawl_runs")
    assert len(runs) == 1
    assert runs[0]["status"] == "finished"
    stats = json.loads(runs[0]["stats"])
    assert stats["archive/store/new"] == len(MANIFEST)


def test_second_run_changes_no_row_count(crawled, sample_site):
    db, _ = crawled
    before = table_counts(db)
    result = scrapy_crawl(db, "-a", "site=sample_site", "-a", f"start_urls={sample_site.url}/")
    assert result.returncode == 0, result.stderr[-4000:]
    assert table_counts(db) == before
    assert len(rows(db, "select * from crawl_runs")) == 2


def test_zero_config_crawl_finds_the_same_articles(sample_site, tmp_path):
    db = tmp_path / "zero.db"
    result = scrapy_crawl(db, "-a", f"start_urls={sample_site.url}/")
    assert result.returncode == 0, result.stderr[-4000:]
    for expected in MANIFEST:
        assert article_by_path(db, sample_site.url, expected["path"]) is not None, expected["path"]
    assert table_counts(db)["articles"] == len(MANIFEST)


def test_unwritable_archive_fails_the_crawl_with_exit_code_1(sample_site, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the archive's folder should be")
    result = scrapy_crawl(
        blocker / "archive.db", "-a", "site=sample_site", "-a", f"start_urls={sample_site.url}/"
    )
    assert result.returncode == 1
    assert "not-a-folder" in result.stderr


def test_a_crawl_whose_queue_spills_to_disk_archives_the_same(crawled, sample_site, tmp_path):
    db, _ = crawled
    spilled_db, spill_dir = tmp_path / "spilled.db", tmp_path / "queue"
    spill_dir.mkdir()
    result = scrapy_crawl(
        spilled_db,
        "-a",
        "site=sample_site",
        "-a",
        f"start_urls={sample_site.url}/",
        "-s",
        "ARCHIVE_QUEUE_MEMORY=1",
        "-s",
        f"ARCHIVE_QUEUE_DIR={spill_dir}",
    )
    assert result.returncode == 0, result.stderr[-4000:]
    stats = json.loads(rows(spilled_db, "select stats from crawl_runs")[0]["stats"])
    assert stats["archive/queue/spilled"] > 0
    assert "archive/queue/unserializable" not in stats
    assert list(spill_dir.iterdir()) == []  # the spill folder goes with the crawl
    # Distinct keys: which spelling of a URL is recorded (tracking parameters or not) depends on which the
    # crawl fetched first, with or without spilling; the URL keys that lead to each article do not.
    key = "select distinct u.url_key, a.content_hash from article_urls u join articles a on a.id = u.article_id order by 1"
    assert [tuple(r) for r in rows(spilled_db, key)] == [tuple(r) for r in rows(db, key)]
