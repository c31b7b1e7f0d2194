"""Tests for crawler.storage.pending: batched saves are indexed in bulk at commit, never half-indexed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import crawler.storage.pending as pending_module
from crawler.storage import ArchiveStore, queries
from crawler.storage.errors import StorageError
from tests.unit.storage.conftest import ItemFactory


def _urls(db, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {row["url"] for row in queries.search(db, text, limit=100, collapse=False)}


def _index_consistent(db) -> None:  # type: ignore[no-untyped-def]
    """Every article has exactly one index row and the FTS5 index matches its content table."""
    db.execute("INSERT INTO article_search_fts (article_search_fts) VALUES ('integrity-check')")
    articles = {row[0] for row in db.execute("SELECT id FROM articles")}
    indexed = {row[0] for row in db.execute("SELECT id FROM article_search")}
    assert indexed == articles


def test_a_batched_save_is_searchable_after_the_commit(tmp_path: Path, make_item: ItemFactory) -> None:
    path = tmp_path / "archive.db"
    with ArchiveStore(path, batch_seconds=3600) as store:
        store.save(make_item("http://a.example/1", body="精准扶贫的进展很快。" * 30))
        store.save(
            make_item("http://a.example/2", body="Harbor bridge opened to traffic. " * 20, title="Harbor")
        )
        reader = queries.open_archive(path)
        try:
            assert _urls(reader, "扶贫") == set()  # not committed yet
            store.flush()
            assert _urls(reader, "扶贫") == {"http://a.example/1"}
            assert _urls(reader, "harbor") == {"http://a.example/2"}
            _index_consistent(reader)
        finally:
            reader.close()


def test_an_article_changed_twice_in_one_batch_is_indexed_once_with_its_last_text(
    store_batched: ArchiveStore, make_item: ItemFactory
) -> None:
    url = "http://a.example/1"
    store_batched.save(make_item(url, body="第一版讲的是教育改革。" * 30))
    store_batched.save(make_item(url, body="第二版讲的是农村医疗。" * 30))
    store_batched.save(make_item(url, body="第二版讲的是农村医疗。" * 30, title="新的标题"))
    store_batched.flush()
    db = store_batched.db
    assert _urls(db, "教育改革") == set()
    assert _urls(db, "农村医疗") == {url}
    assert _urls(db, "新的标题") == {url}
    assert db.execute("SELECT count(*) FROM temp.archive_search_pending").fetchone()[0] == 0
    _index_consistent(db)


def test_a_failed_save_leaves_nothing_queued(
    store_batched: ArchiveStore, make_item: ItemFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_batched.save(make_item("http://a.example/1", body="精准扶贫的进展很快。" * 30))

    def fail(*args: object) -> None:
        raise StorageError("link failed")

    monkeypatch.setattr(store_batched, "_link_urls", fail)
    with pytest.raises(StorageError):
        store_batched.save(make_item("http://a.example/2", body="农村医疗改革的新进展。" * 30))
    queued = [
        row[0] for row in store_batched.db.execute("SELECT article_id FROM temp.archive_search_pending")
    ]
    assert len(queued) == 1  # the first save's entry only
    monkeypatch.undo()
    store_batched.flush()
    assert _urls(store_batched.db, "扶贫") == {"http://a.example/1"}
    assert _urls(store_batched.db, "农村医疗") == set()
    _index_consistent(store_batched.db)


CRASH = """
import os, sys, json
from crawler.storage import ArchiveStore
items = json.loads(sys.argv[2])
store = ArchiveStore(sys.argv[1], batch_seconds=3600)
store.save(items[0])
store.flush()
for item in items[1:]:
    store.save(item)
os._exit(0)  # a crash: the open batch is never committed
"""


def test_a_crash_before_the_commit_loses_the_batch_and_leaves_nothing_half_indexed(
    tmp_path: Path, make_item: ItemFactory
) -> None:
    path = tmp_path / "archive.db"
    items = [
        make_item("http://a.example/1", body="精准扶贫的进展很快。" * 30),
        make_item("http://a.example/2", body="农村医疗改革的新进展。" * 30),
        make_item("http://a.example/1", body="精准扶贫的第二版正文。" * 30),
    ]
    subprocess.run([sys.executable, "-c", CRASH, str(path), json.dumps(items)], check=True, cwd=Path.cwd())
    with ArchiveStore(path) as store:
        db = store.db
        assert [row[0] for row in db.execute("SELECT url FROM articles")] == ["http://a.example/1"]
        assert _urls(db, "进展很快") == {"http://a.example/1"}
        assert _urls(db, "农村医疗") == set()
        assert _urls(db, "第二版") == set()
        _index_consistent(db)


def test_the_bulk_index_reads_only_the_queued_articles(store: ArchiveStore) -> None:
    plan = " ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {pending_module.INDEX_QUEUED}"))
    assert "SCAN p" in plan
    assert "SCAN a" not in plan
