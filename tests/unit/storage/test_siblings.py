"""One story under two URLs in one run: no edit version, the richer extraction kept; later runs as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crawler.cleaning.fingerprint import content_hash
from crawler.storage import ArchiveStore, SaveResult, StorageError
from crawler.storage.siblings import CLAIMS, richness, same_text
from tests.unit.storage.conftest import ItemFactory
from tests.unit.storage.test_clusters import story

ARTICLE = "http://news.example.cn/2024/0301/1.html"
PRINTED = "http://news.example.cn/print/2024/0301/1.html"
FULL = story(21)
#: The article page's extraction: every field, but the body lost its last paragraph to a widget.
SHORT = FULL.rsplit("\n\n", 1)[0]


def article(make_item: ItemFactory, body: str = SHORT, **fields: Any) -> dict[str, Any]:
    return make_item(ARTICLE, body=body, content_hash=content_hash(body), **fields)


def printed(make_item: ItemFactory, body: str = FULL, **fields: Any) -> dict[str, Any]:
    """The print copy: rel=canonical to the article, the whole body, no byline, source or related box."""
    bare = {"authors": [], "source": None, "editors": [], "view_count": None, "related": []}
    return make_item(
        PRINTED, canonical_url=ARTICLE, body=body, content_hash=content_hash(body), **{**bare, **fields}
    )


def snapshot(store: ArchiveStore) -> tuple[list[Any], ...]:
    """Everything a save writes, timestamps aside."""
    return (
        store.db.execute(
            "SELECT id, url_key, url, title, title_key, body, content_hash, authors, source, view_count,"
            " related, cluster_id FROM articles ORDER BY id"
        ).fetchall(),
        store.db.execute(
            "SELECT url, article_id, match, content_key FROM article_urls ORDER BY url"
        ).fetchall(),
        store.db.execute("SELECT article_id, url FROM related_links ORDER BY 1, 2").fetchall(),
        store.db.execute("SELECT * FROM article_versions").fetchall(),
    )


def _row(store: ArchiveStore) -> dict[str, Any]:
    return next(store.db.query("SELECT * FROM articles"))


RELATED = [{"url": "http://news.example.cn/r.html", "title": "相关"}]


@pytest.mark.parametrize("order", ["article first", "print first"])
def test_an_article_and_its_print_copy_in_one_run_are_one_article_without_a_version(
    store: ArchiveStore, make_item: ItemFactory, order: str
) -> None:
    items = [article(make_item, related=RELATED), printed(make_item)]
    if order == "print first":
        items.reverse()
    results = [store.save(item) for item in items]
    assert [r.outcome for r in results] == ["new", "duplicate_content"]
    assert [r.version for r in results] == [None, None]
    assert store.db.table("articles").count == 1
    assert store.db.table("article_versions").count == 0
    row = _row(store)
    # The richer body (the print copy's), every field the article page had, the article's URL as the face.
    assert (row["body"], row["content_hash"]) == (FULL, content_hash(FULL))
    assert (row["url"], row["source"], row["authors"], row["view_count"]) == (
        ARTICLE,
        "示例日报",
        '["张三"]',
        10,
    )
    assert store.db.execute("SELECT url FROM related_links").fetchall() == [(RELATED[0]["url"],)]
    # The search index and the cluster follow the kept body.
    store.flush()
    indexed = store.db.execute("SELECT body_bi FROM article_search").fetchone()[0]
    assert FULL.rsplit("\n\n", 1)[1][:2] in indexed


def test_the_poorer_copy_never_replaces_a_richer_article(store: ArchiveStore, make_item: ItemFactory) -> None:
    store.save(article(make_item, body=FULL))
    result = store.save(printed(make_item, body=SHORT, title="示例标题（打印版）"))
    assert result == SaveResult("duplicate_content", 1)
    row = _row(store)
    assert (row["body"], row["title"], row["source"]) == (FULL, "示例标题", "示例日报")


def test_another_text_behind_a_canonical_link_is_compared_as_before(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    """A page 2 (or a wrong canonical link) naming the article is not the same text: kept as a version."""
    store.save(article(make_item, body=FULL))
    page_two = story(22)
    result = store.save(printed(make_item, body=page_two))
    assert (result.outcome, result.version) == ("updated", 2)
    assert store.db.execute("SELECT prev_body FROM article_versions").fetchall() == [(FULL,)]


def test_same_text_is_equal_contained_or_near_duplicate_bodies() -> None:
    assert same_text(FULL, SHORT)
    assert same_text(SHORT, FULL)
    assert same_text(FULL, FULL.replace("。", "！"))
    assert same_text(FULL, FULL[: len(FULL) // 2] + "多出来的一段话。" + FULL[len(FULL) // 2 :])
    assert not same_text(FULL, story(22))
    assert not same_text("短讯一则。", "另一条短讯。")


def test_richness_is_the_body_first_then_the_filled_fields(make_item: ItemFactory) -> None:
    rich, bare = article(make_item, body=FULL), printed(make_item, body=FULL)
    assert richness(rich) > richness(bare)
    assert richness(printed(make_item, body=FULL)) > richness(article(make_item, body=SHORT))


def test_a_later_run_fetching_both_copies_again_changes_nothing(
    tmp_path: Path, make_item: ItemFactory
) -> None:
    path = tmp_path / "archive.db"
    snapshots, outcomes = [], []
    for _ in range(3):
        with ArchiveStore(path) as store:
            outcomes.append([store.save(item).outcome for item in (article(make_item), printed(make_item))])
            snapshots.append(snapshot(store))
    assert outcomes == [["new", "duplicate_content"], ["unchanged", "unchanged"], ["unchanged", "unchanged"]]
    assert snapshots[0] == snapshots[1] == snapshots[2]
    assert snapshots[0][3] == []


def test_an_edit_in_a_later_run_is_still_a_version(tmp_path: Path, make_item: ItemFactory) -> None:
    path = tmp_path / "archive.db"
    with ArchiveStore(path) as store:
        store.save(article(make_item))
        store.save(printed(make_item))
    edited = FULL.replace(FULL[:4], "更正一处", 1)
    with ArchiveStore(path) as store:
        assert store.save(article(make_item)).outcome == "unchanged"  # the article page as before
        result = store.save(printed(make_item, body=edited))
        # The article page (fetched again in this run, unchanged) does not hide the print copy's edit ...
        assert (result.outcome, result.version) == ("updated", 2)
        assert _row(store)["body"] == edited
    with ArchiveStore(path) as store:
        assert store.save(article(make_item, body=SHORT + "\n\n补充一段。")).version == 3
        # ... and once one URL's edit is stored in a run, another URL's new text is that edit's sibling.
        assert store.save(printed(make_item, body=edited + "\n\n补充一段。")).version is None
        assert store.db.table("article_versions").count == 2


def test_a_url_new_to_the_article_in_a_later_run_is_compared_as_before(
    tmp_path: Path, make_item: ItemFactory
) -> None:
    path = tmp_path / "archive.db"
    with ArchiveStore(path) as store:
        store.save(article(make_item, body=FULL))
    with ArchiveStore(path) as store:
        edited = printed(make_item, body=FULL + "\n\n更正：第二段数字有误。")
        assert (store.save(edited).outcome, store.db.table("article_versions").count) == ("updated", 1)


def test_the_same_url_again_in_one_run_is_an_edit(store: ArchiveStore, make_item: ItemFactory) -> None:
    store.save(article(make_item))
    assert store.save(article(make_item, body=FULL)) == SaveResult("updated", 1, version=2)


def test_a_rolled_back_save_leaves_no_claim(
    store_batched: ArchiveStore, make_item: ItemFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise StorageError("link failed")

    store = store_batched
    monkeypatch.setattr(store, "_link_urls", fail)
    with pytest.raises(StorageError):
        store.save(article(make_item))
    monkeypatch.undo()
    assert store.db.execute(f"SELECT count(*) FROM {CLAIMS}").fetchone()[0] == 0
    assert store.save(article(make_item)).outcome == "new"
    assert store.db.execute(f"SELECT url, wrote FROM {CLAIMS}").fetchall() == [(ARTICLE, 1)]
