"""Fixtures for storage tests: an in-memory ArchiveStore (closed automatically) and item builders."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from crawler.storage import ArchiveStore
from crawler.urls import canonicalize

ItemFactory = Callable[..., dict[str, Any]]


@pytest.fixture
def store() -> Iterator[ArchiveStore]:
    with ArchiveStore(":memory:") as archive:
        yield archive


@pytest.fixture
def make_item() -> ItemFactory:
    """Build an Article-shaped dict as the pipelines hand it to the store (url_key, content_hash filled)."""

    def build(url: str = "http://news.example.cn/2024/0301/1.html", **fields: Any) -> dict[str, Any]:
        body = fields.pop("body", "示例新闻正文第一段。\n\n第二段讲的是精准扶贫的进展。")
        item: dict[str, Any] = {
            "url": url,
            "body": body,
            "canonical_url": None,
            "site": "example",
            "title": "示例标题",
            "published_at": "2024-03-01T08:00:00+08:00",
            "published_raw": "2024-03-01 08:00",
            "date_source": "meta",
            "authors": ["张三"],
            "source": "示例日报",
            "editors": ["李四"],
            "view_count": 10,
            "lang": "zh",
            "related": [],
            "removed": {"copyright": ["版权所有"]},
            "fetched_at": "2024-03-02T00:00:00+00:00",
            "redirect_urls": [],
            "encoding": "utf-8",
        }
        item.update(fields)
        item.setdefault("url_key", canonicalize(item["canonical_url"] or item["url"]))
        item.setdefault("content_hash", hashlib.sha1(item["body"].encode()).hexdigest())
        return item

    return build


@pytest.fixture
def store_batched() -> Iterator[ArchiveStore]:
    """An in-memory ArchiveStore that batches its writes (commits on ``flush`` and close)."""
    with ArchiveStore(":memory:", batch_seconds=3600) as archive:
        yield archive
