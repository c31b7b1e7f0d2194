"""article_versions: one row per change of the cleaned title or body, idempotent, with a diff summary."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.storage import ArchiveStore
from crawler.storage.versions import content_key, diff_summary, record_version, versions

URL = "http://news.example/a/1.html"
NOW = "2024-03-02T00:00:00+00:00"


def item(body="first paragraph\nsecond paragraph", title="Title", content_hash="h1", **extra):
    return {"url": URL, "title": title, "body": body, "content_hash": content_hash, "site": "s", **extra}


@pytest.fixture
def store():
    with ArchiveStore(":memory:") as opened:
        opened.save(item())
        yield opened


def test_an_unchanged_article_records_nothing(store):
    assert store.save(item(view_count=99)).version is None
    assert record_version(store.db, 1, item(view_count=99), NOW) is None
    assert versions(store.db, 1) == []


def test_an_edited_body_records_exactly_one_version(store):
    edited = item(body="first paragraph\nsecond paragraph, corrected", content_hash="h2")
    result = store.save(edited)
    assert (result.outcome, result.version) == ("updated", 2)
    assert store.save(edited).version is None  # the edit is stored: nothing changed any more
    rows = versions(store.db, 1)
    assert [r["version"] for r in rows] == [2]
    assert "body: -1 +1 paragraphs" in rows[0]["diff"]
    prev = store.db.execute("select prev_body from article_versions").fetchone()[0]
    assert prev == "first paragraph\nsecond paragraph"


def test_recording_the_same_change_twice_returns_its_version(store):
    edited = item(body="b2", content_hash="h2")
    assert record_version(store.db, 1, edited, NOW) == 2
    assert record_version(store.db, 1, edited, NOW) == 2
    assert len(versions(store.db, 1)) == 1


def test_a_title_only_edit_is_a_version_and_is_applied_in_the_same_save(store):
    retitled = item(title="Better title")
    result = store.save(retitled)
    assert (result.outcome, result.version, result.title_changed) == ("unchanged", 2, True)
    assert store.db.execute("select title from articles").fetchone()[0] == "Better title"
    assert [r["prev_title"] for r in versions(store.db, 1)] == ["Title"]
    assert store.save(retitled).title_changed is False


def test_a_failed_save_keeps_no_version(store, monkeypatch):
    def broken(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_retitle", broken)
    with pytest.raises(Exception, match="disk I/O error"):
        store.save(item(title="Better title"))
    assert versions(store.db, 1) == []
    assert store.db.execute("select title from articles").fetchone()[0] == "Title"


def test_a_second_edit_is_version_three(store):
    store.save(item(content_hash="h2", body="b2"))
    assert store.save(item(content_hash="h3", body="b3")).version == 3


def test_diff_summary_names_title_and_paragraph_changes():
    summary = diff_summary("A", "p1\np2", "B", "p1\np2\np3")
    assert summary == "title: 'A' -> 'B'; body: -0 +1 paragraphs (5 -> 8 chars)"


def test_content_key_depends_on_title_and_hash():
    assert content_key("a", "h") != content_key("b", "h") != content_key("a", "g")
