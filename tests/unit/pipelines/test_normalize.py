"""NormalizePipeline: url_key, sanitised title, normalised body, names, NUL bytes."""

import pytest
from scrapy.utils.misc import build_from_crawler

from crawler.items import Article
from crawler.pipelines.normalize import NormalizePipeline


@pytest.fixture
def pipeline(crawler):
    return build_from_crawler(NormalizePipeline, crawler)


def test_url_key_comes_from_a_trusted_canonical(pipeline):
    item = Article(url="https://news.example.org/a/1.html?utm_source=x", canonical_url="/a/1.html")
    pipeline.process_item(item)
    assert item.url_key == "https://news.example.org/a/1.html"


def test_untrusted_canonical_is_dropped_and_counted(pipeline, stats):
    item = Article(
        url="https://news.example.org/a/1.html?utm_source=x", canonical_url="https://news.example.org/"
    )
    pipeline.process_item(item)
    assert item.canonical_url is None
    assert item.url_key == "https://news.example.org/a/1.html"
    assert stats.get_value("archive/normalize/canonical_untrusted") == 1


def test_offsite_canonical_is_dropped_counted_and_logged(pipeline, stats, caplog):
    item = Article(
        url="https://news.example.org/a/2.html", canonical_url="https://other.example.com/a/2.html"
    )
    with caplog.at_level("INFO", logger="crawler.pipelines.normalize"):
        pipeline.process_item(item)
    assert item.canonical_url is None
    assert item.url_key == "https://news.example.org/a/2.html"
    assert stats.get_value("archive/normalize/canonical_untrusted") == 1
    assert "https://other.example.com/a/2.html" in caplog.text


def test_malicious_title_is_sanitised_and_counted(pipeline, stats):
    item = Article(url="https://e.org/a", title="Evil\x07\x1b\u202e title\u200b" + "x" * 1000)
    pipeline.process_item(item)
    assert item.title.startswith("Evil title")
    assert len(item.title) == 500
    assert stats.get_value("archive/normalize/title_sanitized") == 1


@pytest.mark.parametrize("settings", [{"ARCHIVE_MAX_TITLE_CHARS": 10}])
def test_title_cap_follows_the_setting(pipeline):
    item = Article(url="https://e.org/a", title="标" * 50)
    pipeline.process_item(item)
    assert item.title == "标" * 10


def test_clean_title_is_not_counted(pipeline, stats):
    pipeline.process_item(Article(url="https://e.org/a", title="示例标题"))
    assert stats.get_value("archive/normalize/title_sanitized") is None


def test_body_whitespace_is_normalised(pipeline):
    item = Article(url="https://e.org/a", body="\u3000\u3000第一段。\r\n第二段\xa0内容。\n\n\n")
    pipeline.process_item(item)
    assert item.body == "第一段。\n\n第二段 内容。"


def test_nul_bytes_are_stripped_from_every_field_and_counted(pipeline, stats):
    item = Article(url="https://e.org/a", title="示\x00例", source="示例\x00日报", authors=["王\x00五"])
    pipeline.process_item(item)
    assert (item.title, item.source, item.authors) == ("示例", "示例日报", ["王五"])
    assert stats.get_value("archive/normalize/nul_stripped") == 1


def test_authors_and_editors_are_stripped_and_deduplicated(pipeline):
    item = Article(url="https://e.org/a", authors=[" 王五 ", "王五", ""], editors=["李华", "李华 "])
    pipeline.process_item(item)
    assert (item.authors, item.editors) == (["王五"], ["李华"])


def test_dict_items_are_supported(pipeline):
    item = {"url": "https://e.org/a/?utm_medium=y", "title": " 标题 ", "body": "正文"}
    pipeline.process_item(item)
    assert (item["url_key"], item["title"]) == ("https://e.org/a", "标题")
