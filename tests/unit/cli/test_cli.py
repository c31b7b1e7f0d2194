"""The newsarchive command line: argument errors, extract, and the archive-reading commands."""

from __future__ import annotations

import csv
import io
import json

import pytest

from crawler.cli import EXIT_OK, EXIT_USAGE, main
from crawler.cli.runner import parse_setting_pairs
from crawler.storage import ArchiveStore

ARTICLE = {
    "url": "http://news.example/a/1.html",
    "url_key": "http://news.example/a/1.html",
    "site": "news_example",
    "title": "青岛推进教育精准扶贫",
    "published_at": "2024-03-01T10:00:00+08:00",
    "authors": ["anonymous"],
    "editors": ["王编辑"],
    "source": "示例在线",
    "lang": "zh",
    "body": "示例在线3月1日讯 这是一篇关于教育精准扶贫的测试文章。\n\n第二段。",
    "related": [],
    "removed": {},
    "redirect_urls": [],
    "content_hash": "h1",
    "fetched_at": "2024-03-01T12:00:00+00:00",
}


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "archive.db"
    with ArchiveStore(path) as store:
        store.save(ARTICLE)
    return path


def test_crawl_rejects_a_bare_start_url(capsys):
    assert main(["crawl", "example.com"]) == EXIT_USAGE
    assert "absolute http" in capsys.readouterr().err


def test_crawl_rejects_an_unknown_site(capsys):
    assert main(["crawl", "--site", "no_such_site"]) == EXIT_USAGE
    assert "no_such_site" in capsys.readouterr().err


def test_crawl_rejects_a_site_whose_page_class_is_missing(tmp_path, capsys):
    (tmp_path / "lost.toml").write_text(
        'start_urls = ["https://lost.example/"]\npage = "no_such_page"\n', encoding="utf-8"
    )
    args = ["crawl", "--site", "lost", "-s", f"ARCHIVE_SITE_DIRS={tmp_path}", "--db", str(tmp_path / "a.db")]
    assert main(args) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "lost.toml: key 'page'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "a.db").exists()


def test_crawl_needs_urls_or_a_site(capsys):
    assert main(["crawl"]) == EXIT_USAGE
    assert "start URLs" in capsys.readouterr().err


def test_malformed_setting_is_a_usage_error(capsys):
    assert main(["crawl", "http://h.example/", "-s", "NOVALUE"]) == EXIT_USAGE
    assert "NAME=VALUE" in capsys.readouterr().err


def test_setting_pairs_keep_equals_signs_in_values():
    assert parse_setting_pairs(["A=1", "B=x=y"]) == {"A": "1", "B": "x=y"}


def test_missing_archive_is_a_usage_error(tmp_path, capsys):
    assert main(["stats", "--db", str(tmp_path / "none.db")]) == EXIT_USAGE
    assert "none.db" in capsys.readouterr().err


def test_extract_prints_fields_as_json(tmp_path, capsys):
    page = tmp_path / "page.html"
    html = (
        "<html><head><meta charset='gbk'><title>测试标题</title></head><body><h1>测试标题</h1><div>"
        + "<p>这是正文的第一段，讲述了一件事情的经过和结果。</p>" * 10
        + "</div></body></html>"
    )
    page.write_bytes(html.encode("gbk"))
    assert main(["extract", str(page), "--url", "http://h.example/n/1.html"]) == EXIT_OK
    fields = json.loads(capsys.readouterr().out)
    assert fields["title"] == "测试标题"
    assert "经过和结果" in fields["body"]
    assert (fields["kind"], fields["kind_reason"]) == ("hub", "thin")  # short, undated: not stored by a crawl


def test_extract_says_why_a_list_page_is_a_hub(tmp_path, capsys):
    page = tmp_path / "list.html"
    items = "".join(
        f"<li><span>2024-03-{n:02d}</span><a href='/n/{n}.html'>第{n}条新闻的标题在这里写得比较长</a></li>"
        for n in range(1, 16)
    )
    page.write_text(f"<html><body><h1>新闻列表</h1><ul>{items}</ul></body></html>", encoding="utf-8")
    assert main(["extract", str(page), "--url", "http://h.example/story/index.html"]) == EXIT_OK
    fields = json.loads(capsys.readouterr().out)
    assert (fields["kind"], fields["kind_reason"]) == ("hub", "teasers")


def test_stats_counts_articles(archive, capsys):
    assert main(["stats", "--db", str(archive), "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["counts"]["articles"] == 1


def test_search_finds_chinese_substrings(archive, capsys):
    assert main(["search", "精准扶贫", "--db", str(archive), "--json"]) == EXIT_OK
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [h["title"] for h in hits] == [ARTICLE["title"]]
    assert main(["search", "不存在的词", "--db", str(archive), "--json"]) == EXIT_OK
    assert capsys.readouterr().out == ""


def test_export_jsonl_and_csv(archive, tmp_path, capsys):
    assert main(["export", "--db", str(archive)]) == EXIT_OK
    line = json.loads(capsys.readouterr().out)
    assert line["title"] == ARTICLE["title"]
    out = tmp_path / "a.csv"
    assert main(["export", "--db", str(archive), "--format", "csv", "-o", str(out)]) == EXIT_OK
    records = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert records[0]["source"] == "示例在线"
    assert json.loads(records[0]["authors"]) == ["anonymous"]


def test_crawl_with_an_unusable_archive_path_fails_before_crawling(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["crawl", "http://127.0.0.1:9/", "--db", str(blocker / "a.db")]) == 1
    err = capsys.readouterr().err
    assert "storage error" in err
    assert str(blocker) in err


def test_search_prints_title_date_source_url_and_highlighted_snippet(archive, capsys):
    assert main(["search", "扶贫", "--db", str(archive)]) == EXIT_OK
    captured = capsys.readouterr()
    assert "1. 青岛推进教育精准扶贫" in captured.out
    assert "2024-03-01T10:00:00+08:00 · 示例在线 · news_example" in captured.out
    assert ARTICLE["url"] in captured.out
    assert "教育精准[扶贫]的测试文章" in captured.out
    assert "1 result(s)" in captured.err


def test_search_filters_exclude_other_sources_and_dates(archive, capsys):
    for extra in (
        ["--source", "别的报"],
        ["--author", "nobody"],
        ["--since", "2025"],
        ["--until", "2024-02"],
    ):
        assert main(["search", "扶贫", "--db", str(archive), "--json", *extra]) == EXIT_OK
        assert capsys.readouterr().out == "", extra
    assert main(["search", "扶贫", "--db", str(archive), "--json", "--author", "anonymous"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["reprints"] == 0


def test_export_zyte_records(archive, capsys):
    assert main(["export", "--db", str(archive), "--format", "zyte", "--site", "news_example"]) == EXIT_OK
    record = json.loads(capsys.readouterr().out)
    assert record["headline"] == ARTICLE["title"]
    assert record["articleBody"] == ARTICLE["body"]
    assert record["source"] == "示例在线"


def test_similar_lists_the_cluster_and_refuses_unknown_articles(archive, capsys):
    assert main(["similar", ARTICLE["url"], "--db", str(archive), "--json"]) == EXIT_OK
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["url"], r["original"]) for r in rows] == [(ARTICLE["url"], True)]
    assert main(["similar", "999", "--db", str(archive)]) == EXIT_USAGE
    assert "no article '999'" in capsys.readouterr().err


def test_serve_without_datasette_is_a_usage_error(archive, monkeypatch, capsys):
    monkeypatch.setattr("crawler.cli.query.importlib.util.find_spec", lambda name: None)
    assert main(["serve", "--db", str(archive)]) == EXIT_USAGE
    assert "newsarchive[datasette]" in capsys.readouterr().err
