"""``published_at`` of every precision the pages give (a date alone, a naive time, a time with offset) in
filters, the choice of an earlier copy, cluster originals and exports."""

from __future__ import annotations

import pytest

from crawler.storage import ArchiveStore, queries
from crawler.storage.clusters import elect_original
from crawler.storage.exports import zyte_article
from crawler.storage.filters import ArticleFilter
from crawler.storage.identity import _earlier
from tests.unit.storage.conftest import ItemFactory


@pytest.mark.parametrize(
    ("candidate", "stored", "earlier"),
    [
        ("2024-03-01T10:00:00+08:00", "2024-03-02T09:00:00+08:00", True),
        ("2024-03-01", "2024-03-02T09:00:00+08:00", True),  # a date alone: by day
        ("2024-03-02", "2024-03-02T09:00:00+08:00", False),  # the same day is not earlier
        ("2024-03-02T08:00:00+08:00", "2024-03-02", False),
        ("2024-03-01T23:00:00", "2024-03-02T01:00:00+00:00", True),  # naive against zoned: by day
        ("2024-03-02T08:00:00", "2024-03-02T09:00:00", True),  # two naive times compare as times
        ("2024-03-01", "2024-03-02", True),
        (None, "2024-03-02", False),
        ("yesterday", "2024-03-02", False),
    ],
)
def test_an_earlier_copy_across_precisions(candidate: str | None, stored: str, earlier: bool) -> None:
    assert _earlier(candidate, stored) is earlier


def test_a_date_alone_and_a_naive_time_are_stored_and_filtered(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    store.save(make_item("http://a.example/1", site="a", body="扶贫一", published_at="2024-05-02"))
    store.save(make_item("http://b.example/1", site="b", body="扶贫二", published_at="2024-05-02T08:00:00"))
    store.save(
        make_item("http://c.example/1", site="c", body="扶贫三", published_at="2024-05-02T12:00:00+08:00")
    )

    def urls(**conditions: str) -> list[str]:
        found = queries.search(store.db, "扶贫", filters=ArticleFilter(**conditions))
        return sorted(r["url"] for r in found)

    everything = ["http://a.example/1", "http://b.example/1", "http://c.example/1"]
    assert urls(since="2024-05-02") == everything
    assert urls(until="2024-05-02") == everything
    assert urls(since="2024-05-02T10:00") == ["http://a.example/1", "http://c.example/1"]
    assert urls(until="2024-05-02T10:00") == ["http://a.example/1", "http://b.example/1"]
    assert urls(since="2024-05-03") == []


def test_cluster_originals_order_every_precision() -> None:
    members = [
        (1, "a", None, "2024-03-02T09:00:00+08:00"),
        (2, "b", None, "2024-03-01"),
        (3, "c", None, None),
    ]
    assert elect_original(members) == 2
    assert elect_original([(1, "a", None, "2024-03-02T09:00:00"), (2, "b", None, "2024-03-03")]) == 1


@pytest.mark.parametrize("value", ["2024-03-01", "2024-03-01T10:00:00", "2024-03-01T10:00:00+08:00"])
def test_exports_keep_the_value_as_archived(value: str) -> None:
    assert zyte_article({"url": "http://a.example/1", "published_at": value})["datePublished"] == value
