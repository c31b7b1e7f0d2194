"""Tests for storage failures: every sqlite3 error becomes StorageError and committed rows survive."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from crawler.storage import ArchiveStore, StorageError
from tests.unit.storage.conftest import ItemFactory


def test_disk_full_raises_storage_error_and_keeps_earlier_rows(
    tmp_path: Path, make_item: ItemFactory
) -> None:
    path = tmp_path / "full.db"
    with ArchiveStore(path) as store:
        store.save(make_item())
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StorageError, match=r"full\.db.*database or disk is full"):
            store.save(make_item("http://news.example.cn/big.html", body="长" * 200_000))
        store.db.execute("PRAGMA max_page_count = 1000000")
        assert store.save(make_item("http://news.example.cn/small.html", body="小")).outcome == "new"
    with ArchiveStore(path) as reopened:
        urls = [row[0] for row in reopened.db.execute("SELECT url FROM articles ORDER BY id")]
    assert urls == ["http://news.example.cn/2024/0301/1.html", "http://news.example.cn/small.html"]


def test_read_only_database_raises_storage_error(store: ArchiveStore, make_item: ItemFactory) -> None:
    store.save(make_item())
    store.db.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError, match="attempt to write a readonly database"):
        store.save(make_item("http://news.example.cn/2.html", body="另一篇"))
    with pytest.raises(StorageError, match="start a crawl run"):
        store.start_run("example", {})
    assert store.db.table("articles").count == 1


def test_unusable_parent_folder_raises_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="not_a_folder"):
        ArchiveStore(blocker / "archive.db")


def test_a_file_that_is_not_sqlite_raises_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match=r"garbage\.db.*not a database"):
        ArchiveStore(path)


def test_closed_store_raises_storage_error(make_item: ItemFactory) -> None:
    store = ArchiveStore(":memory:")
    store.close()
    with pytest.raises(StorageError, match="closed"):
        store.save(make_item())


def test_reader_holding_a_transaction_does_not_block_save(tmp_path: Path, make_item: ItemFactory) -> None:
    path = tmp_path / "wal.db"
    with ArchiveStore(path) as store:
        store.save(make_item())
        reader = sqlite3.connect(path, isolation_level=None)
        try:
            reader.execute("BEGIN")
            assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
            started = time.monotonic()
            store.save(make_item("http://news.example.cn/2.html", body="另一篇"))
            elapsed = time.monotonic() - started
            assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
            reader.execute("COMMIT")
            assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        finally:
            reader.close()
    assert elapsed < 2.0


def test_two_writers_on_one_file_neither_fail_nor_duplicate(tmp_path: Path, make_item: ItemFactory) -> None:
    path = tmp_path / "shared.db"
    ArchiveStore(path).close()
    items = [make_item(f"http://news.example.cn/{i}.html", body=f"正文{i}") for i in range(40)]
    errors: list[StorageError] = []

    def write(order: list[dict[str, object]]) -> None:
        try:
            with ArchiveStore(path) as store:
                for item in order:
                    store.save(item)
        except StorageError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(order,)) for order in (items, items[::-1])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with ArchiveStore(path) as store:
        counts = (store.db.table("articles").count, store.db.table("article_urls").count)
    assert errors == []
    assert counts == (40, 40)
