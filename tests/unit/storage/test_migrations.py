"""Tests for crawler.storage.migrations: schema, indexes, re-application."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from crawler.storage import ArchiveStore
from crawler.storage.migrations import apply_migrations, migrations


def test_migrations_create_the_tables_and_indexes(store: ArchiveStore) -> None:
    tables = set(store.db.table_names())
    assert {"articles", "article_urls", "related_links", "crawl_runs"} <= tables
    article_indexes = {tuple(index.columns) for index in store.db.table("articles").indexes}
    assert {("url_key",), ("site",), ("published_at",), ("content_hash", "title_key")} <= article_indexes
    url_indexes = {tuple(index.columns) for index in store.db.table("article_urls").indexes}
    assert {("url_key",), ("article_id",)} <= url_indexes


def test_migrations_apply_twice_safely(store: ArchiveStore) -> None:
    assert apply_migrations(store.db) == []
    assert migrations.pending(store.db) == []
    assert len(migrations.applied(store.db)) == len(migrations.pending(Database(memory=True)))


def test_reopening_a_file_applies_nothing_and_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "archive.db"
    with ArchiveStore(path) as first:
        run_id = first.start_run("example", {})
    with ArchiveStore(path) as second:
        assert second.db["crawl_runs"].count == 1
        assert len(migrations.pending(second.db)) == 0
        assert second.db.execute("SELECT id FROM crawl_runs").fetchone()[0] == run_id


def test_file_archive_uses_wal_and_busy_timeout(tmp_path: Path) -> None:
    with ArchiveStore(tmp_path / "a.db") as archive:
        assert archive.db.journal_mode == "wal"
        assert archive.db.execute("PRAGMA busy_timeout").fetchone()[0] == 30000
        assert archive.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_source_filter_reads_the_source_index(store: ArchiveStore, make_item) -> None:
    from crawler.storage.filters import ArticleFilter

    store.save(make_item(source="示例日报"))
    where, params = ArticleFilter(source="示例日报").sql("a")
    plan = " ".join(
        str(row[-1])
        for row in store.db.execute(f"EXPLAIN QUERY PLAN SELECT a.id FROM articles a WHERE {where}", params)
    )
    assert "idx_articles_source" in plan
    assert store.db.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0] == 1
