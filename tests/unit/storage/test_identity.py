"""Which stored article an item is: only the same URL or the same normalised title and body collapse (issue 15)."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from crawler.cleaning.fingerprint import content_hash
from crawler.storage import ArchiveStore
from crawler.storage.migrations import apply_migrations, migrations
from crawler.storage.rows import title_key
from tests.unit.storage.conftest import ItemFactory
from tests.unit.storage.test_clusters import story

SERIES = "http://news.example.cn/series/{}.html"


def series_item(make_item: ItemFactory, part: int, body: str) -> dict:
    """One numbered part of a series: its own URL and title, the body as the pipelines hash it."""
    return make_item(
        SERIES.format(part), title=f"系列报道（第{part}部分）", body=body, content_hash=content_hash(body)
    )


def test_title_key_ignores_case_width_and_punctuation_only() -> None:
    assert title_key("【Ｎｅｗｓ】示例标题！") == title_key("news 示例标题") == "news示例标题"
    assert title_key("示例标题（一）") != title_key("示例标题（二）")
    assert title_key("Part 1") != title_key("Part 2")
    assert title_key(None) == title_key("") == ""


def test_the_same_body_under_another_title_is_an_article_of_its_own(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    body = story(3)
    first = store.save(series_item(make_item, 1, body))
    second = store.save(series_item(make_item, 2, body))
    assert (first.outcome, second.outcome) == ("new", "new")
    assert first.article_id != second.article_id
    rows = store.db.execute("SELECT title, cluster_id FROM articles ORDER BY id").fetchall()
    assert [title for title, _ in rows] == ["系列报道（第1部分）", "系列报道（第2部分）"]
    assert {cluster for _, cluster in rows} == {first.article_id}


def test_near_duplicates_with_distinct_titles_all_stay_in_one_cluster(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    base = story(5)
    # Parts 0-3 share the body exactly (one content hash); the others add a line of their own.
    bodies = [base if part < 4 else f"{base}\n\n本期为第{part}期。" for part in range(30)]
    results = [store.save(series_item(make_item, part, body)) for part, body in enumerate(bodies)]
    assert [r.outcome for r in results] == ["new"] * 30
    assert store.db.table("articles").count == 30
    assert store.db.execute("SELECT count(DISTINCT cluster_id) FROM articles").fetchone()[0] == 1
    titles = {row[0] for row in store.db.execute("SELECT title FROM articles")}
    assert titles == {f"系列报道（第{part}部分）" for part in range(30)}


def test_the_same_normalised_title_and_body_under_another_url_is_one_article(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    body = story(8)
    first = store.save(series_item(make_item, 1, body))
    copy = make_item("http://portal.example.com/77.html", title="系列报道 第1部分", body=body)
    copy["content_hash"] = content_hash(body)
    again = store.save(copy)
    assert (again.outcome, again.article_id) == ("duplicate_content", first.article_id)
    assert store.db.table("articles").count == 1


def test_a_second_run_over_near_duplicates_changes_nothing(tmp_path: Path, make_item: ItemFactory) -> None:
    base = story(9)
    items = [
        series_item(make_item, part, base if part % 2 else base + f"\n\n第{part}期") for part in range(8)
    ]
    path = tmp_path / "archive.db"
    dumps = []
    for _ in range(2):
        with ArchiveStore(path) as store:
            outcomes = [store.save(item).outcome for item in items]
            dumps.append(
                (
                    outcomes,
                    store.db.execute(
                        "SELECT id, title, body, cluster_id FROM articles ORDER BY id"
                    ).fetchall(),
                    store.db.execute("SELECT * FROM article_urls ORDER BY url").fetchall(),
                    store.db.table("article_versions").count,
                )
            )
    assert dumps[0][0] == ["new"] * 8
    assert dumps[1][0] == ["unchanged"] * 8
    assert dumps[0][1:] == dumps[1][1:]
    assert dumps[1][3] == 0


def test_the_migration_fills_title_keys_of_an_existing_archive() -> None:
    db = Database(memory=True)
    migrations.apply(db, stop_before="add_exact_duplicate_keys")
    db.execute(
        """INSERT INTO articles (id, url_key, url, title, body, content_hash, first_seen, last_seen)
           VALUES (1, 'k1', 'http://a/1', '【示例】标题', 'b', 'h', 'now', 'now')"""
    )
    assert apply_migrations(db)[0] == "add_exact_duplicate_keys"
    assert db.execute("SELECT title_key FROM articles").fetchall() == [("示例标题",)]
    assert "content_key" in db.table("article_urls").columns_dict
    plan = " ".join(
        str(row[-1])
        for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE content_hash = ? AND title_key = ?", ["h", "t"]
        )
    )
    assert "idx_articles_content_hash_title" in plan
