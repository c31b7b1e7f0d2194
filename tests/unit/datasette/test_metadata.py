"""Datasette (in process, when the ``datasette`` extra is installed) answers the shipped canned queries."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from crawler.datasette import METADATA_PATH, PLUGINS_DIR, metadata_for, serve_arguments
from crawler.storage import ArchiveStore

LONG = "。这是一段用来凑够长度的正文，讲述事情的经过和结果" * 3


def test_metadata_is_keyed_by_the_database_file_name() -> None:
    metadata = metadata_for("/data/news-2024.db")
    assert list(metadata["databases"]) == ["news-2024"]
    assert metadata["databases"]["news-2024"]["tables"]["articles"]["fts_table"] == "article_search_fts"


def test_serve_arguments_point_at_a_metadata_file_for_the_archive(tmp_path: Path) -> None:
    with serve_arguments(tmp_path / "x.db", host="127.0.0.1", port=9) as arguments:
        metadata = Path(arguments[arguments.index("--metadata") + 1])
        assert "x" in json.loads(metadata.read_text(encoding="utf-8"))["databases"]
        assert arguments[:2] == ["serve", str(tmp_path / "x.db")]
    assert not metadata.exists()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    with ArchiveStore(path) as store:
        store.save(
            {"url": "http://a/1", "title": "精准扶贫见成效", "body": "扶贫" + LONG, "content_hash": "1"}
        )
        store.save({"url": "http://a/2", "title": "教育新闻", "body": "学校教育" + LONG, "content_hash": "2"})
        store.save({"url": "http://a/3", "title": "扶持", "body": "扶持企业" + LONG, "content_hash": "3"})
        store.save(
            {"url": "http://a/4", "title": "Poverty", "body": "Rural poverty relief.", "content_hash": "4"}
        )
        store.save(
            {"url": "http://a/5", "title": "網絡經濟", "body": "新5G網絡帶動經濟" + LONG, "content_hash": "5"}
        )
    return path


def get_json(path: Path, url: str) -> Any:
    app = pytest.importorskip(
        "datasette.app", reason="Datasette is not installed (pip install '.[datasette]')"
    )
    datasette = app.Datasette([str(path)], metadata=metadata_for(path), plugins_dir=str(PLUGINS_DIR))
    response = asyncio.run(datasette.client.get(url))
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("query", "titles"), [("扶贫", ["精准扶贫见成效"]), ("扶", ["精准扶贫见成效", "扶持"]), ("", [])]
)
def test_canned_chinese_search_finds_the_right_rows(archive: Path, query: str, titles: list[str]) -> None:
    rows = get_json(archive, f"/archive/chinese_search.json?q={query}&_shape=objects")["rows"]
    assert sorted(r["title"] for r in rows) == sorted(titles)


def test_plugin_search_handles_mixed_queries(archive: Path) -> None:
    rows = get_json(archive, "/archive/search.json?q=poverty&_shape=objects")["rows"]
    assert [r["title"] for r in rows] == ["Poverty"]
    rows = get_json(archive, "/archive/search.json?q=学校 教育&_shape=objects")["rows"]
    assert [r["title"] for r in rows] == ["教育新闻"]


@pytest.mark.parametrize("query", ["经济", "經濟", "5G网络", "G網"])
def test_plugin_search_folds_traditional_and_matches_mixed_runs(archive: Path, query: str) -> None:
    rows = get_json(archive, f"/archive/search.json?q={query}&_shape=objects")["rows"]
    assert [r["title"] for r in rows] == ["網絡經濟"]


def test_table_search_box_uses_the_bigram_index(archive: Path) -> None:
    rows = get_json(archive, "/archive/articles.json?_search=扶贫&_shape=objects")["rows"]
    assert [r["title"] for r in rows] == ["精准扶贫见成效"]


def test_shipped_metadata_is_valid_json() -> None:
    assert (
        "chinese_search"
        in json.loads(METADATA_PATH.read_text(encoding="utf-8"))["databases"]["archive"]["queries"]
    )


def test_articles_table_has_site_source_author_and_month_facets(archive: Path) -> None:
    facets = get_json(archive, "/archive/articles.json?_shape=objects")["facet_results"]
    assert {"site", "source", "authors", "published_month"} <= set(facets)
