"""crawl_state: frontier, done marks, failures, gone, refresh schedule and validators."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crawler.storage import ArchiveStore, StorageError
from crawler.storage.state import CrawlState, Discovered

SCHEDULE = (timedelta(hours=1), timedelta(hours=6))
A = "http://news.example/a/1.html"
B = "http://news.example/a/2.html"
HUB = "http://news.example/list/"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def state(tmp_path, clock):
    with CrawlState(tmp_path / "a.db", clock=clock) as opened:
        yield opened


def test_discovered_urls_are_resumed_until_done(state):
    state.discover("s", [Discovered(A, depth=2), Discovered(B, listed_date="2024-03-01")], [(HUB, "hub")])
    assert [row.url for row in state.resume("s", 3)] == [B, A]
    assert state.get(A).depth == 2
    state.mark_done([A], "s", "hub")
    assert [row.url for row in state.resume("s", 3)] == [B]
    assert state.get(HUB).status == "done"


def test_rediscovery_keeps_status_and_first_listed_date(state):
    state.discover("s", [Discovered(A, listed_date="2024-01-01")], [(A, "hub")])
    state.discover("s", [Discovered(A + "?utm_source=x", listed_date="2024-02-02")])
    row = state.get(A)
    assert (row.status, row.listed_date) == ("done", "2024-01-01")


def test_failures_are_retried_up_to_the_limit(state):
    state.discover("s", [Discovered(A)])
    assert state.mark_failed(A, "s", 503) == 1
    assert [r.url for r in state.resume("s", 2)] == [A]
    assert state.skip_reason(A, 2) is None
    assert state.mark_failed(A, "s", 503) == 2
    assert state.resume("s", 2) == []
    assert state.skip_reason(A, 2) == "failed"


def test_gone_urls_are_skipped(state):
    state.mark_gone(A, "s", 404)
    assert state.skip_reason(A, 3) == "gone"


def test_archived_article_urls_are_skipped_even_without_state(tmp_path, state):
    with ArchiveStore(state.path) as store:
        store.save({"url": A, "title": "t", "body": "body " * 40, "content_hash": "h1", "site": "s"})
    assert state.skip_reason(A, 3) == "archived"
    assert state.skip_reason(B, 3) is None


def test_article_refresh_schedule_decays_then_stops(state, clock):
    state.article_saved([A], "s", SCHEDULE, refreshed=False)
    assert state.due_for_refresh("s") == []
    clock.now += timedelta(hours=1)
    assert [r.url for r in state.due_for_refresh("s")] == [A]
    state.not_modified(A, SCHEDULE)
    assert state.get(A).refresh_step == 1
    clock.now += timedelta(hours=5)
    assert state.due_for_refresh("s") == []
    clock.now += timedelta(hours=1)
    state.article_saved([A], "s", SCHEDULE, refreshed=True)
    assert state.get(A).next_try is None
    clock.now += timedelta(days=365)
    assert state.due_for_refresh("s") == []


def test_a_failed_refresh_keeps_the_article_archived(state):
    state.article_saved([A], "s", SCHEDULE, refreshed=False)
    state.mark_failed(A, "s", 500)
    state.mark_gone(A, "s", 404)
    assert state.get(A).status == "done"
    assert state.skip_reason(A, 1) == "archived"


def test_a_rejected_page_is_done_and_skipped_by_later_runs(state):
    state.discover("s", [Discovered(A), Discovered(B)])
    state.mark_rejected([A + "?utm_source=x", A], "s")
    assert (state.get(A).kind, state.get(A).status) == ("rejected", "done")
    assert [row.url for row in state.resume("s", 3)] == [B]
    assert state.skip_reason(A, 3) == "rejected"
    state.mark_failed(A, "s", 500)
    state.mark_gone(A, "s", 404)
    assert state.skip_reason(A, 3) == "rejected"


def test_rejected_start_pages_hubs_and_feeds_stay_revisited(state):
    feed = "http://news.example/sitemap.xml"
    state.discover("s", [Discovered(feed, kind="feed")], [(HUB, "hub")])
    state.mark_rejected([HUB], "s")
    state.mark_rejected([feed], "s")
    state.mark_rejected([A], "s", kind="start")
    assert [(state.get(u).kind, state.get(u).status) for u in (HUB, feed, A)] == [
        ("hub", "done"),
        ("feed", "done"),
        ("start", "done"),
    ]
    assert [state.skip_reason(u, 3) for u in (HUB, feed, A)] == [None, None, None]
    assert state.resume("s", 3) == []


def test_a_rejected_refresh_keeps_the_article_and_its_schedule(state):
    state.article_saved([A], "s", SCHEDULE, refreshed=False)
    before = state.get(A)
    state.mark_rejected([A], "s")
    assert state.get(A) == before


def test_validators_are_kept_for_known_urls(state):
    state.discover("s", [Discovered(A)])
    state.set_validators(A, '"v1"', "Fri, 01 Mar 2024 08:00:00 GMT")
    assert (state.get(A).etag, state.get(A).last_modified) == ('"v1"', "Fri, 01 Mar 2024 08:00:00 GMT")


def test_counts_by_kind_and_status(state):
    state.discover("s", [Discovered(A), Discovered(B)], [(HUB, "hub")])
    assert state.counts("s") == {"unknown/pending": 2, "hub/done": 1}


def test_batched_writes_commit_when_due_on_flush_and_on_close(tmp_path):
    path = tmp_path / "batched.db"
    with CrawlState(path, batch_seconds=3600) as writer, CrawlState(path) as reader:
        writer.discover("s", [Discovered("http://a.example/1")])
        assert reader.get("http://a.example/1") is None
        writer.flush_if_due()  # not an hour old yet
        assert reader.get("http://a.example/1") is None
        writer.flush()
        assert reader.get("http://a.example/1").status == "pending"
        writer.discover("s", [Discovered("http://a.example/2")])
    with CrawlState(path) as reader:
        assert reader.get("http://a.example/2").status == "pending"


def test_a_failed_batched_write_rolls_back_only_itself(tmp_path):
    path = tmp_path / "batched.db"
    with CrawlState(path, batch_seconds=3600) as writer:
        writer.discover("s", [Discovered("http://a.example/1")])

        def failing_write():
            with writer._transaction("fail"):
                writer.db.execute("INSERT INTO crawl_state (url_key, url, updated_at) VALUES ('k', 'u', 'x')")
                writer.db.execute("INSERT INTO no_such_table VALUES (1)")

        with pytest.raises(StorageError):
            failing_write()
        writer.discover("s", [Discovered("http://a.example/2")])
    with CrawlState(path) as reader:
        assert reader.get("http://a.example/1") is not None
        assert reader.get("http://a.example/2") is not None
        assert reader.db.execute("SELECT count(*) FROM crawl_state WHERE url_key = 'k'").fetchone()[0] == 0


def test_writers_sharing_a_connection_commit_in_write_order(tmp_path):
    path = tmp_path / "shared.db"
    with ArchiveStore(path, batch_seconds=3600) as store:
        state = CrawlState(path, share=store)
        store.start_run("s", {})
        state.discover("s", [Discovered("http://a.example/1")])
        store.close()  # commits the shared batch; the connection stays open for the state
        state.discover("s", [Discovered("http://a.example/2")])
        with CrawlState(path) as reader:
            assert reader.get("http://a.example/1") is not None
            assert reader.get("http://a.example/2") is None
        state.close()
    with CrawlState(path) as reader:
        assert reader.get("http://a.example/2") is not None
        assert reader.db.execute("SELECT count(*) FROM crawl_runs").fetchone()[0] == 1
    with pytest.raises(StorageError, match="closed"):
        CrawlState(path, share=state)
