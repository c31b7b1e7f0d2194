"""ArchiveSession: one connection for the store and the crawl state, one reaction to failures, closed last."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest
from scrapy.utils.test import get_crawler

from crawler.extensions.session import ArchiveSession
from crawler.storage import StorageError
from tests.crawlers import make_crawler


class FakeEngine:
    def __init__(self):
        self.reasons = []

    async def close_spider_async(self, *, reason="cancelled"):
        self.reasons.append(reason)


@pytest.fixture
def session(tmp_path):
    crawler = make_crawler(
        settings_dict={"ARCHIVE_DB": str(tmp_path / "a.db"), "ARCHIVE_COMMIT_INTERVAL": 3600}
    )
    crawler._apply_settings()
    crawler.stats.open_spider()
    crawler.engine = FakeEngine()
    found = ArchiveSession.of(crawler)
    yield found
    found.close()


def test_components_are_told_when_the_session_is_not_enabled():
    crawler = get_crawler()
    crawler._apply_settings()
    with pytest.raises(
        RuntimeError, match=r"'crawler\.extensions\.session\.ArchiveSession': 600 to EXTENSIONS"
    ):
        ArchiveSession.of(crawler)


def test_store_and_state_share_one_connection_and_batch(session, tmp_path):
    assert session.state.db is session.store.db
    run = session.store.start_run("site", {})
    session.state.mark_done(["http://h/a"], "site", "hub")
    with sqlite3.connect(tmp_path / "a.db") as reader:
        assert reader.execute("SELECT count(*) FROM crawl_runs").fetchone()[0] == 0  # still in the batch
    session.close()
    with sqlite3.connect(tmp_path / "a.db") as reader:
        assert reader.execute("SELECT id FROM crawl_runs").fetchall() == [(run,)]
        assert reader.execute("SELECT count(*) FROM crawl_state").fetchone()[0] == 1
    session.close()  # idempotent


def test_failures_are_reported_once_and_close_the_crawl_once(session, caplog):
    async def fail_twice():
        session.fail(StorageError("archive a.db: cannot record discovered URLs: disk I/O error"))
        session.fail(StorageError("archive a.db: cannot save: disk I/O error"))
        await asyncio.sleep(0)

    with caplog.at_level(logging.ERROR):
        asyncio.run(fail_twice())
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        "Archive storage failed, stopping the crawl: archive a.db: cannot record discovered URLs: disk I/O error"
    ]
    stats = session.crawler.stats
    assert (stats.get_value("archive/store/error"), stats.get_value("archive/store/failed")) == (1, 1)
    assert session.crawler.engine.reasons == ["storage_error"]
    assert session.failed


def test_writes_before_a_failure_are_committed_at_once(session, tmp_path):
    session.state.mark_done(["http://h/a"], "site", "hub")
    session.fail(StorageError("archive a.db: cannot save: disk I/O error"), stop=False)
    with sqlite3.connect(tmp_path / "a.db") as reader:
        assert reader.execute("SELECT count(*) FROM crawl_state").fetchone()[0] == 1
    assert session.crawler.engine.reasons == []
