"""Tests for archive connections: the settings every connection gets and the writers' page cache."""

from __future__ import annotations

from crawler.storage import ArchiveStore
from crawler.storage.connection import WRITER_CACHE_KIB, connect


def test_a_connection_is_in_wal_mode_with_sqlites_page_cache(tmp_path) -> None:
    db = connect(tmp_path / "archive.db")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA cache_size").fetchone()[0] == -2000
    finally:
        db.close()


def test_a_writer_gets_the_larger_page_cache(tmp_path) -> None:
    with ArchiveStore(tmp_path / "archive.db") as store:
        assert store.db.execute("PRAGMA cache_size").fetchone()[0] == -WRITER_CACHE_KIB
