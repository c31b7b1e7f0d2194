"""List-page dates on a real crawl: newest first, published_at for undated articles, --since before fetching."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.demo.server import SampleSiteServer
from crawler.demo.site import Page, Site

from .jobs_helpers import run

pytestmark = pytest.mark.integration

#: Path -> date as the list page shows it, in list order (not date order).
LISTED = {
    "/story/charlie.html": "1 March 2024",
    "/story/alpha.html": "2024-03-05",
    "/story/delta.html": "2024-02-20",
    "/story/bravo.html": "2024年3月3日",
    "/story/echo.html": "2024/02/10",
}
DAYS = {
    "/story/alpha.html": "2024-03-05",
    "/story/bravo.html": "2024-03-03",
    "/story/charlie.html": "2024-03-01",
    "/story/delta.html": "2024-02-20",
    "/story/echo.html": "2024-02-10",
}
#: bravo shows its own publish time, which wins over the list's day.
OWN_DATE = {"/story/bravo.html": "2024-03-04T10:00:00+08:00"}
PROFILE = """name = "listdated"
allowed_domains = ["127.0.0.1"]
start_urls = ["http://127.0.0.1:1/"]
timezone = "Asia/Shanghai"

[links]
article = ['^/story/']
list = ['^/$']
"""


def html(body: str) -> Page:
    text = f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>'
    return Page(200, {"Content-Type": "text/html; charset=utf-8"}, text.encode())


def article(path: str) -> Page:
    name = path.rsplit("/", 1)[1].removesuffix(".html")
    dateline = '<p class="info">发布时间：2024-03-04 10:00</p>' if path in OWN_DATE else ""
    paragraphs = "".join(
        f"<p>{name}报道的第{n}段正文，讲述学校教育装备的采购与使用情况，内容足够长以便被识别为正文段落。</p>"
        for n in "一二三四"
    )
    return html(f'<h1>关于{name}的新闻报道标题</h1>{dateline}<div class="content">{paragraphs}</div>')


def build() -> Site:
    items = "".join(
        f'<li><a href="{path}">关于{path[7:-5]}的新闻报道标题</a><span class="date">{shown}</span></li>'
        for path, shown in LISTED.items()
    )
    pages = {"/": html(f'<ul class="news-list">{items}</ul>')}
    pages.update({path: article(path) for path in LISTED})
    return Site(pages)


def crawl(db: Path, base: str, profiles: Path, *extra: str):
    command = [sys.executable, "-m", "scrapy", "crawl", "article", "-a", "site=listdated"]
    command += ["-a", f"start_urls={base}/", "-s", f"ARCHIVE_DB={db}", "-s", f"ARCHIVE_SITE_DIRS={profiles}"]
    for setting in ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=1"):
        command += ["-s", setting]
    return run([*command, *extra])


def test_list_page_dates_order_fill_and_filter_a_crawl(tmp_path):
    (tmp_path / "listdated.toml").write_text(PROFILE, encoding="utf-8")
    db = tmp_path / "archive.db"
    with SampleSiteServer(build()) as site:
        first = crawl(db, site.url, tmp_path, "-s", "ARCHIVE_SINCE=2024-03-01")
        assert first.returncode == 0, first.stderr[-3000:]
        fetched_first = [path for _, path, _ in site.requests if path.startswith("/story/")]
        middle = len(site.requests)
        second = crawl(db, site.url, tmp_path)
        assert second.returncode == 0, second.stderr[-3000:]
        fetched_second = [path for _, path, _ in site.requests[middle:] if path.startswith("/story/")]

    # Newest first, older than --since never requested; the next run without --since fetches only those.
    assert fetched_first == ["/story/alpha.html", "/story/bravo.html", "/story/charlie.html"]
    assert fetched_second == ["/story/delta.html", "/story/echo.html"]
    conn = sqlite3.connect(db)
    try:
        stored = conn.execute("select url, published_at, date_source from articles").fetchall()
        stats = json.loads(conn.execute("select stats from crawl_runs order by id limit 1").fetchone()[0])
    finally:
        conn.close()
    dated = {urlsplit(url).path: (published, source) for url, published, source in stored}
    assert {path: published for path, (published, _) in dated.items()} == {**DAYS, **OWN_DATE}
    assert {path for path, (_, source) in dated.items() if source == "listing"} == set(DAYS) - set(OWN_DATE)
    assert stats["archive/incremental/skipped/older_than_since"] == 2
    assert stats["archive/spider/list_dated"] == len(LISTED)
