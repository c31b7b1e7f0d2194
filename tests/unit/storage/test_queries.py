"""Tests for crawler.storage.queries: the read API returns what ArchiveStore stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from crawler.storage import ArchiveStore, StorageError, queries
from tests.unit.storage.conftest import ItemFactory

A1 = "http://news.example.cn/2024/0301/1.html"


@pytest.fixture
def archive(tmp_path: Path, make_item: ItemFactory) -> Iterator[Database]:
    path = tmp_path / "archive.db"
    with ArchiveStore(path) as store:
        store.save(
            make_item(A1, redirect_urls=["http://news.example.cn/r/1"], related=[{"url": A1 + "?x=1"}])
        )
        store.save(make_item(A1 + "?utm_source=feed"))
        store.save(make_item("http://mirror.example.com/c/1.html"))
        store.save(
            make_item(
                "http://news.example.cn/2024/0305/2.html",
                title="Rural Roads Open",
                body="A new road opened to villages.",
                published_at="2024-03-05T09:00:00+08:00",
                authors=[],
            )
        )
        store.save(
            make_item(
                "http://blog.example.org/3.html",
                site="other",
                title="无日期",
                body="没有日期的文章。",
                published_at=None,
            )
        )
        run_id = store.start_run("example", {"max_depth": 2})
        store.finish_run(run_id, status="finished", stats={"item_scraped_count": 5})
    db = queries.open_archive(path)
    yield db
    db.close()


def test_open_archive_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"missing\.db: no such file"):
        queries.open_archive(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_open_archive_can_create_an_empty_archive(tmp_path: Path) -> None:
    db = queries.open_archive(tmp_path / "new" / "a.db", must_exist=False)
    try:
        assert queries.counts(db) == {
            "articles": 0, "article_urls": 0, "related_links": 0, "crawl_runs": 0, "sites": 0,
        }  # fmt: skip
    finally:
        db.close()


def test_open_archive_refuses_a_foreign_database(tmp_path: Path) -> None:
    other = Database(tmp_path / "other.db")
    other["things"].insert({"a": 1})
    other.close()
    with pytest.raises(StorageError, match="not a newsarchive database"):
        queries.open_archive(tmp_path / "other.db")


def test_counts(archive: Database) -> None:
    assert queries.counts(archive) == {
        "articles": 3, "article_urls": 6, "related_links": 1, "crawl_runs": 1, "sites": 2,
    }  # fmt: skip


def test_recent_is_newest_published_first_with_json_decoded(archive: Database) -> None:
    rows = queries.recent(archive)
    assert [r["title"] for r in rows] == ["Rural Roads Open", "示例标题", "无日期"]
    assert rows[1]["authors"] == ["张三"]
    assert rows[1]["removed"] == {"copyright": ["版权所有"]}
    assert [r["title"] for r in queries.recent(archive, site="other")] == ["无日期"]
    assert len(queries.recent(archive, limit=1)) == 1


@pytest.mark.parametrize(
    ("text", "site", "titles"),
    [
        ("扶贫", None, ["示例标题"]),
        ("扶", None, ["示例标题"]),
        ("ROAD", None, ["Rural Roads Open"]),
        ("villages", "example", ["Rural Roads Open"]),
        ("文章", None, ["无日期"]),
        ("文章", "example", []),
        ("nowhere", None, []),
        ("   ", None, []),
    ],
)
def test_search_finds_chinese_substrings_and_stemmed_english_words(
    archive: Database, text: str, site: str | None, titles: list[str]
) -> None:
    assert [r["title"] for r in queries.search(archive, text, site=site)] == titles


def test_by_url_finds_the_article_from_any_url_that_led_to_it(archive: Database) -> None:
    for url in (
        A1,
        A1 + "#top",
        A1 + "?utm_source=feed",
        "http://news.example.cn/r/1",
        "http://mirror.example.com/c/1.html",
    ):
        found = queries.by_url(archive, url)
        assert found is not None
        assert found["url_key"] == A1
    assert queries.by_url(archive, "http://news.example.cn/unknown.html") is None


def test_iter_articles_streams_every_article(archive: Database) -> None:
    rows = queries.iter_articles(archive, site="example")
    assert not isinstance(rows, list)
    articles = list(rows)
    assert [a["url"] for a in articles] == [A1, "http://news.example.cn/2024/0305/2.html"]
    assert articles[0]["related"] == [{"url": A1 + "?x=1"}]
    assert articles[1]["authors"] == []


def test_run_history_decodes_args_and_stats(archive: Database) -> None:
    (run,) = queries.run_history(archive)
    assert (run["site"], run["status"]) == ("example", "finished")
    assert run["args"] == {"max_depth": 2}
    assert run["stats"] == {"item_scraped_count": 5}


def test_site_stats(archive: Database) -> None:
    assert queries.site_stats(archive) == [
        {"site": "example", "articles": 2, "urls": 5, "first_published": "2024-03-01T08:00:00+08:00",
         "last_published": "2024-03-05T09:00:00+08:00"},
        {"site": "other", "articles": 1, "urls": 1, "first_published": None, "last_published": None},
    ]  # fmt: skip
