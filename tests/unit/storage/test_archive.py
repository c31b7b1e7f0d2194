"""Tests for crawler.storage.archive: save outcomes, URL linking, idempotence, crawl runs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.storage import ArchiveStore, SaveResult, StorageError
from tests.unit.storage.conftest import ItemFactory

ARTICLE = "http://news.example.cn/2024/0301/1.html"


def _counts(store: ArchiveStore) -> dict[str, int]:
    return {name: store.db.table(name).count for name in ("articles", "article_urls", "related_links")}


def _url_rows(store: ArchiveStore) -> dict[str, tuple[int, str]]:
    rows = store.db.execute("SELECT url, article_id, match FROM article_urls").fetchall()
    return {url: (article_id, match) for url, article_id, match in rows}


def _article(store: ArchiveStore, article_id: int) -> dict[str, Any]:
    return next(store.db.query("SELECT * FROM articles WHERE id = ?", [article_id]))


def test_first_save_is_new_and_stores_every_field(store: ArchiveStore, make_item: ItemFactory) -> None:
    result = store.save(make_item())
    row = _article(store, result.article_id)
    assert result == SaveResult("new", result.article_id)
    assert row["url_key"] == ARTICLE
    assert json.loads(row["authors"]) == ["张三"]
    assert json.loads(row["removed"]) == {"copyright": ["版权所有"]}
    assert row["view_count"] == 10
    assert row["first_seen"] == row["last_seen"]
    assert _url_rows(store) == {ARTICLE: (result.article_id, "fetched")}


def test_same_content_again_is_unchanged_and_only_touches_last_seen_views_and_title(
    make_item: ItemFactory,
) -> None:
    times = iter([datetime(2024, 3, 2, tzinfo=UTC), datetime(2024, 3, 9, tzinfo=UTC)])
    with ArchiveStore(":memory:", clock=lambda: next(times)) as store:
        first = store.save(make_item())
        again = store.save(make_item(view_count=99, title="改过的标题"))
        row = _article(store, first.article_id)
    # A title-only edit is versioned and applied in the same transaction (issue 5).
    assert again == SaveResult("unchanged", first.article_id, version=2, title_changed=True)
    assert (row["view_count"], row["title"]) == (99, "改过的标题")
    assert (row["first_seen"], row["last_seen"]) == ("2024-03-02T00:00:00+00:00", "2024-03-09T00:00:00+00:00")


def test_new_content_at_a_known_url_is_updated(store: ArchiveStore, make_item: ItemFactory) -> None:
    first = store.save(make_item())
    second = store.save(make_item(body="更正后的正文。", title="更正标题"))
    row = _article(store, first.article_id)
    assert second == SaveResult("updated", first.article_id, version=2)
    assert (row["title"], row["body"]) == ("更正标题", "更正后的正文。")
    assert _counts(store)["articles"] == 1


def test_same_body_under_an_unrelated_url_is_duplicate_content(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    original = store.save(make_item(related=[{"url": "http://news.example.cn/r.html", "title": "相关"}]))
    copy = store.save(make_item("http://portal.example.com/syndicated/77.html", related=[]))
    assert copy == SaveResult("duplicate_content", original.article_id)
    assert _counts(store) == {"articles": 1, "article_urls": 2, "related_links": 1}
    assert _url_rows(store)["http://portal.example.com/syndicated/77.html"] == (
        original.article_id,
        "content_hash",
    )


def test_tracking_and_print_urls_collapse_into_one_article(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    tracking = ARTICLE + "?utm_source=wechat&from=timeline"
    printed = "http://news.example.cn/print/2024/0301/1.html"
    results = [
        store.save(make_item()),
        store.save(make_item(tracking, canonical_url=ARTICLE)),
        store.save(make_item(printed, canonical_url=ARTICLE, body="示例新闻正文第一段。")),
    ]
    # The print copy's poorer extraction of the same text in the same run is no edit: no version, the
    # article's text kept.
    assert [r.outcome for r in results] == ["new", "unchanged", "duplicate_content"]
    assert [r.version for r in results] == [None, None, None]
    assert {r.article_id for r in results} == {results[0].article_id}
    assert _counts(store)["articles"] == 1
    assert store.db.table("article_versions").count == 0
    assert _url_rows(store) == {
        ARTICLE: (results[0].article_id, "fetched"),
        tracking: (results[0].article_id, "fetched"),
        printed: (results[0].article_id, "canonical"),
    }
    row = _article(store, results[0].article_id)
    assert (row["url"], row["body"]) == (ARTICLE, make_item()["body"])


def test_redirect_urls_are_linked_and_find_the_article_later(tmp_path: Path, make_item: ItemFactory) -> None:
    old = "http://news.example.cn/old/1.html"
    with ArchiveStore(tmp_path / "a.db") as first_run:
        first = first_run.save(make_item(redirect_urls=[old]))
        assert _url_rows(first_run)[old] == (first.article_id, "redirect")
    with ArchiveStore(tmp_path / "a.db") as second_run:  # a later run: an edit is a version
        moved = second_run.save(
            make_item("http://news.example.cn/moved/1.html", redirect_urls=[old], body="新正文")
        )
        assert moved == SaveResult("updated", first.article_id, version=2)
        assert _url_rows(second_run)["http://news.example.cn/moved/1.html"] == (first.article_id, "fetched")


def test_resaving_the_same_items_leaves_row_counts_unchanged(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    related = [
        {"url": "http://news.example.cn/r1.html", "title": "一"},
        {"url": "http://news.example.cn/r2.html"},
    ]
    items = [
        make_item(related=related, redirect_urls=["http://news.example.cn/r/1"]),
        make_item(ARTICLE + "?spm=1.2", canonical_url=ARTICLE),
        make_item("http://other.example.com/copy.html"),
        make_item("http://news.example.cn/2.html", body="另一篇文章的正文。"),
    ]
    first = [store.save(item) for item in items]
    counts = _counts(store)
    second = [store.save(item) for item in items]
    assert _counts(store) == counts == {"articles": 2, "article_urls": 5, "related_links": 2}
    assert [r.outcome for r in first] == ["new", "unchanged", "duplicate_content", "new"]
    assert [r.outcome for r in second] == ["unchanged", "unchanged", "duplicate_content", "unchanged"]


def test_related_links_are_replaced_on_update(store: ArchiveStore, make_item: ItemFactory) -> None:
    links = [
        {
            "url": "http://news.example.cn/a.html",
            "title": "甲",
            "snippet": "摘要",
            "source": "源",
            "date": "02-20",
        },
        {"url": "http://news.example.cn/a.html", "title": "甲（重复）"},
        {"title": "no url is skipped"},
    ]
    saved = store.save(make_item(related=links))
    rows = list(
        store.db.query("SELECT url, title, date FROM related_links WHERE article_id = ?", [saved.article_id])
    )
    assert rows == [{"url": "http://news.example.cn/a.html", "title": "甲（重复）", "date": None}]
    store.save(make_item(body="新版本", related=[{"url": "http://news.example.cn/b.html", "title": "乙"}]))
    urls = [r["url"] for r in store.db.query("SELECT url FROM related_links")]
    store.save(make_item("http://news.example.cn/print/1.html", canonical_url=ARTICLE, related=[]))
    assert urls == ["http://news.example.cn/b.html"]
    assert store.db.table("related_links").count == 1


def test_item_without_url_key_uses_its_canonical(store: ArchiveStore, make_item: ItemFactory) -> None:
    item = make_item(ARTICLE + "?utm_medium=x", canonical_url=ARTICLE)
    del item["url_key"]
    saved = store.save(item)
    assert _article(store, saved.article_id)["url_key"] == ARTICLE


def test_failed_save_rolls_back_only_itself(store: ArchiveStore, make_item: ItemFactory) -> None:
    store.save(make_item())
    broken = make_item("http://news.example.cn/3.html", body="第三篇", related=[{"url": object()}])
    broken["view_count"] = "not a number"
    with pytest.raises(ValueError, match="invalid literal"):
        store.save(broken)
    assert _counts(store)["articles"] == 1
    assert store.save(make_item("http://news.example.cn/4.html", body="第四篇")).outcome == "new"


def test_crawl_runs_record_status_args_and_stats(store: ArchiveStore) -> None:
    run_id = store.start_run("example", {"start_urls": ["http://news.example.cn/"]})
    running = next(store.db.query("SELECT * FROM crawl_runs WHERE id = ?", [run_id]))
    store.finish_run(
        run_id, status="finished", stats={"start_time": datetime(2024, 3, 1, tzinfo=UTC), "n": 3}
    )
    finished = next(store.db.query("SELECT * FROM crawl_runs WHERE id = ?", [run_id]))
    assert (running["status"], running["finished_at"]) == ("running", None)
    assert json.loads(running["args"]) == {"start_urls": ["http://news.example.cn/"]}
    assert finished["status"] == "finished"
    assert json.loads(finished["stats"]) == {"n": 3, "start_time": "2024-03-01 00:00:00+00:00"}


def test_finish_run_with_unknown_id_raises(store: ArchiveStore) -> None:
    with pytest.raises(StorageError, match="no crawl run with id 42"):
        store.finish_run(42, status="finished", stats={})


def test_an_earlier_published_copy_becomes_the_articles_face(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    reprint_url = "http://portal.example.com/reprint/77.html"
    # The same normalised title and body: an exact duplicate, whatever the punctuation around the title.
    reprint = store.save(
        make_item(reprint_url, published_at="2024-03-02T09:00:00+08:00", title="【示例标题】")
    )
    original = store.save(make_item(published_at="2024-03-01T10:00:00+08:00"))
    row = _article(store, reprint.article_id)
    assert original == SaveResult("duplicate_content", reprint.article_id)
    assert (row["url"], row["published_at"], row["title"]) == (
        ARTICLE,
        "2024-03-01T10:00:00+08:00",
        "示例标题",
    )
    assert _url_rows(store) == {
        ARTICLE: (reprint.article_id, "fetched"),
        reprint_url: (reprint.article_id, "content_hash"),
    }
    assert (
        store.save(make_item(reprint_url, published_at="2024-03-02T09:00:00+08:00")).outcome
        == "duplicate_content"
    )
    assert store.save(make_item(published_at="2024-03-01T10:00:00+08:00")).outcome == "unchanged"
    assert _counts(store)["articles"] == 1


def test_a_later_copy_never_replaces_the_stored_article(store: ArchiveStore, make_item: ItemFactory) -> None:
    first = store.save(make_item(published_at="2024-03-01T10:00:00+08:00"))
    store.save(
        make_item("http://portal.example.com/reprint/77.html", published_at="2024-03-05T10:00:00+08:00")
    )
    assert _article(store, first.article_id)["url"] == ARTICLE


def test_the_clean_url_replaces_a_tracking_url_seen_first(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    tracked = store.save(make_item(ARTICLE + "?utm_source=wechat", url_key=ARTICLE))
    again = store.save(make_item(ARTICLE))
    assert again == SaveResult("unchanged", tracked.article_id)
    assert _article(store, tracked.article_id)["url"] == ARTICLE
