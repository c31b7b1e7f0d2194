"""StorePipeline: saves to the archive, counts outcomes, and stops the crawl on a storage failure."""

import asyncio
import logging
import sqlite3

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler

from crawler.items import Article
from crawler.pipelines.store import StorePipeline
from crawler.storage import StorageError
from tests.crawlers import make_crawler

BODY = "示例区教体局坚持扶贫与扶智相结合，资助家庭贫困学生就学。" * 5


class FakeEngine:
    """Records the close reason the pipeline asks for."""

    def __init__(self):
        self.reasons = []

    async def close_spider_async(self, *, reason="cancelled"):
        self.reasons.append(reason)


def _article(path="a", body=BODY):
    url = f"https://news.example.org/{path}.html"
    return Article(
        url=url, url_key=url, title="示例标题", body=body, content_hash=f"hash-{body[:12]}-{len(body)}"
    )


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "archive.db"


@pytest.fixture
def settings(db_path):
    return {"ARCHIVE_DB": str(db_path)}


@pytest.fixture
def engine(crawler):
    crawler.engine = FakeEngine()
    return crawler.engine


@pytest.fixture
def pipeline(crawler, engine):
    pipeline = build_from_crawler(StorePipeline, crawler)
    pipeline.open_spider()
    yield pipeline
    pipeline.close_spider()


def _failing_save(item):
    raise StorageError("archive test.db: cannot save: disk I/O error")


def _process_in_loop(pipeline, item):
    """Run process_item inside a running asyncio loop, as in a crawl, and let scheduled work run."""

    async def run():
        try:
            return pipeline.process_item(item)
        finally:
            await asyncio.sleep(0)

    return asyncio.run(run())


def _rows(db_path):
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_new_article_is_written_and_counted(pipeline, stats, db_path):
    item = _article()
    assert pipeline.process_item(item) is item
    pipeline.close_spider()
    assert _rows(db_path) == 1
    assert stats.get_value("archive/store/new") == 1


def test_same_article_again_counts_unchanged(pipeline, stats):
    pipeline.process_item(_article())
    pipeline.process_item(_article())
    assert stats.get_value("archive/store/unchanged") == 1


def test_same_content_under_another_url_counts_duplicate_content(pipeline, stats, db_path):
    pipeline.process_item(_article("a"))
    pipeline.process_item(_article("b"))
    pipeline.close_spider()
    assert stats.get_value("archive/store/duplicate_content") == 1
    assert _rows(db_path) == 1


def test_the_same_body_under_another_title_is_a_new_article(pipeline, stats, db_path):
    pipeline.process_item(_article("a"))
    retitled = _article("b")
    retitled.title = "示例标题（下）"
    pipeline.process_item(retitled)
    pipeline.close_spider()
    assert stats.get_value("archive/store/new") == 2
    assert _rows(db_path) == 2


def test_a_print_copy_in_the_same_run_counts_duplicate_content_and_no_version(pipeline, stats, db_path):
    pipeline.process_item(_article("a"))
    printed = _article("print/a", body=BODY + "全文完。")
    printed.canonical_url = printed.url_key = "https://news.example.org/a.html"
    pipeline.process_item(printed)
    pipeline.close_spider()
    assert stats.get_value("archive/store/duplicate_content") == 1
    assert stats.get_value("archive/versions/new") is None
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT body FROM articles").fetchall() == [(BODY + "全文完。",)]


def test_storage_error_stops_the_crawl(pipeline, stats, engine, monkeypatch):
    monkeypatch.setattr(pipeline.store, "save", _failing_save)
    with pytest.raises(DropItem, match="storage_error"):
        _process_in_loop(pipeline, _article())
    assert engine.reasons == ["storage_error"]
    assert stats.get_value("archive/store/error") == 1
    assert stats.get_value("archive/store/failed") == 1


def test_storage_error_logs_one_error_line(pipeline, monkeypatch, caplog):
    monkeypatch.setattr(pipeline.store, "save", _failing_save)
    with caplog.at_level(logging.ERROR), pytest.raises(DropItem):
        _process_in_loop(pipeline, _article())
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "disk I/O error" in errors[0].getMessage()


def test_no_item_is_attempted_after_a_failure(pipeline, stats, engine, monkeypatch):
    calls = []

    def save(item):
        calls.append(item)
        _failing_save(item)

    monkeypatch.setattr(pipeline.store, "save", save)
    for path in ("a", "b"):
        with pytest.raises(DropItem):
            _process_in_loop(pipeline, _article(path))
    assert len(calls) == 1
    assert engine.reasons == ["storage_error"]
    assert stats.get_value("archive/store/error") == 1


def test_articles_committed_before_a_failure_are_kept(pipeline, db_path, monkeypatch):
    pipeline.process_item(_article("a", body=BODY + "一"))
    monkeypatch.setattr(pipeline.store, "save", _failing_save)
    with pytest.raises(DropItem):
        _process_in_loop(pipeline, _article("b"))
    assert _rows(db_path) == 1


@pytest.mark.parametrize("settings", [{"ARCHIVE_DB": "/proc/no-such-dir/archive.db"}])
def test_unopenable_archive_fails_loudly_and_is_counted(crawler, stats, engine):
    pipeline = build_from_crawler(StorePipeline, crawler)
    with pytest.raises(StorageError):
        pipeline.open_spider()
    assert stats.get_value("archive/store/failed") == 1


@pytest.mark.parametrize("commit_interval", ["3600"])
def test_saves_are_committed_in_batches_and_on_close(db_path, commit_interval):
    crawler = make_crawler(
        settings_dict={"ARCHIVE_DB": str(db_path), "ARCHIVE_COMMIT_INTERVAL": commit_interval}
    )
    crawler.engine = FakeEngine()
    pipeline = build_from_crawler(StorePipeline, crawler)
    pipeline.open_spider()
    pipeline.process_item(_article("a"))
    assert _rows(db_path) == 0  # in the open batch
    pipeline.close_spider()
    assert _rows(db_path) == 1


def test_a_changed_title_is_versioned_and_counted(pipeline, stats):
    pipeline.process_item(_article())
    retitled = _article()
    retitled.title = "新标题"
    pipeline.process_item(retitled)
    assert stats.get_value("archive/versions/new") == 1
    assert stats.get_value("archive/versions/title_applied") == 1
