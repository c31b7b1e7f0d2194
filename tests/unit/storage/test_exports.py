"""Tests for crawler.storage.exports: exports round-trip and the Zyte Article mapping."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from crawler.storage import ArchiveStore, queries
from crawler.storage.exports import read_csv_row, write_export, zyte_article
from tests.unit.storage.conftest import ItemFactory


def fixed_clock() -> datetime:
    return datetime(2024, 3, 3, tzinfo=UTC)


@pytest.fixture
def filled(make_item: ItemFactory):
    with ArchiveStore(":memory:", clock=fixed_clock) as store:
        store.save(make_item(related=[{"url": "http://news.example.cn/r.html", "title": "相关"}]))
        store.save(
            make_item("http://news.example.cn/2.html", title="Second", body="English body.", authors=[])
        )
        yield store


def export(store: ArchiveStore, fmt: str) -> str:
    out = io.StringIO()
    write_export(queries.iter_articles(store.db), out, fmt)
    return out.getvalue()


def test_jsonl_export_round_trips_through_the_store(filled: ArchiveStore) -> None:
    first = export(filled, "jsonl")
    with ArchiveStore(":memory:", clock=fixed_clock) as copy:
        for line in first.splitlines():
            copy.save(json.loads(line))
        assert export(copy, "jsonl") == first
    assert len(first.splitlines()) == 2


def test_csv_export_reads_back_to_the_same_rows(filled: ArchiveStore) -> None:
    rows = [read_csv_row(r) for r in csv.DictReader(io.StringIO(export(filled, "csv")))]
    stored = [{k: v for k, v in r.items() if k in rows[0]} for r in queries.iter_articles(filled.db)]
    assert rows == stored
    assert rows[0]["authors"] == ["张三"]


def test_zyte_export_uses_the_article_schema_names() -> None:
    record = zyte_article(
        {"url": "http://h/1", "canonical_url": None, "title": "T", "published_at": "2024-03-01T08:00:00+08:00",
         "published_raw": "2024-03-01", "authors": ["张三", "anonymous"], "lang": "zh", "body": "正文",
         "fetched_at": "2024-03-02T00:00:00+00:00", "site": "s", "source": "甲报", "editors": ["李四"]}
    )  # fmt: skip
    assert record == {
        "url": "http://h/1", "canonicalUrl": "http://h/1", "headline": "T",
        "datePublished": "2024-03-01T08:00:00+08:00", "datePublishedRaw": "2024-03-01",
        "authors": [{"name": "张三", "nameRaw": "张三"}], "inLanguage": "zh", "articleBody": "正文",
        "metadata": {"dateDownloaded": "2024-03-02T00:00:00+00:00", "probability": 1.0},
        "site": "s", "source": "甲报", "editors": ["李四"],
    }  # fmt: skip


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        write_export([], io.StringIO(), "xml")
