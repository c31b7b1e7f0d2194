"""A real crawl of a generated site of near-duplicates and a print copy: nothing vanishes, no spurious version.

Issue 15: every numbered part of a series (bodies almost the same, titles distinct) is its own article, all
in one syndication cluster; an article and its print copy (rel=canonical) in one run are one article with the
richer body and no version; a second run that fetches every page again changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .jobs_helpers import clean_env

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PARTS = 12
STORY = "/news/2024/0306/story.html"
PRINT = "/print/2024/0306/story.html"
_SENTENCES = (
    "市教育局近日召开专题会议，部署新学期农村学校办学条件改善工作，要求各区县逐校摸清底数",
    "会议指出，近三年全市累计投入专项资金四点二亿元，新建和改扩建校舍一百二十余所",
    "各校要把食堂、宿舍和饮水设施的改造放在首位，确保秋季开学前全部投入使用",
    "对于教师周转宿舍紧缺的乡镇，市里将统筹建设一批公寓，并优先安排到偏远学校",
    "教育局有关负责人表示，改善工作将接受人大代表和家长代表的全程监督",
    "项目完成后，由第三方机构逐项验收，验收结果向社会公开，接受群众评议",
)

_STORY = (
    "本市今年将为全部乡村小学配备专职校医，首批三十名校医已完成岗前培训并陆续到岗",
    "卫生部门将与教育部门建立联合巡诊制度，每月至少一次进校开展健康检查",
    "家长可以通过学校公众号预约体检时间，查看孩子历年的健康档案",
    "对于患有慢性病的学生，校医将建立个人台账，定期与家长沟通病情变化",
)


def _page(title: str, paragraphs: list[str], head: str = "") -> bytes:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": "2024-03-06T09:00:00+08:00",
        "author": {"@type": "Person", "name": "王晓明"},
    }
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n{head}"
        f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>\n'
        f'</head>\n<body>\n<div class="nav"><a href="/">首页</a></div>\n<article>\n<h1>{title}</h1>\n'
        '<div class="info">发布时间：2024-03-06 09:00　作者：王晓明</div>\n'
        f'<div class="content">\n{body}\n</div>\n</article>\n</body>\n</html>\n'
    ).encode()


def _series_part(part: int) -> list[str]:
    """Part ``part``'s paragraphs: the shared text, plus a line of its own unless ``part`` is a multiple of 3."""
    paragraphs = [f"{s}。{_SENTENCES[(i + 1) % len(_SENTENCES)]}。" for i, s in enumerate(_SENTENCES)]
    return paragraphs + ([f"本期为第{part}期，敬请关注后续报道。"] if part % 3 else [])


def build_site() -> dict[str, bytes]:
    """path -> page: a front page listing the series parts, the story and the story's print copy."""
    pages = {
        f"/series/part{part}.html": _page(f"农村学校改善工作系列报道之{part}", _series_part(part))
        for part in range(PARTS)
    }
    story = [f"{s}。{_STORY[(i + 1) % len(_STORY)]}。" for i, s in enumerate(_STORY)] * 2
    pages[STORY] = _page("全市农村学校办学条件改善工作全面启动", story[:-2])  # the web page loses its tail
    canonical = f'<link rel="canonical" href="{STORY}">\n'
    pages[PRINT] = _page("全市农村学校办学条件改善工作全面启动", story, canonical)
    links = "\n".join(f'<li><a href="{path}">{path}</a></li>' for path in pages)
    pages["/"] = (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>新闻</title></head>\n<body><ul>\n{links}\n</ul></body></html>\n'.encode()
    )
    return pages


class _Handler(BaseHTTPRequestHandler):
    server: _Site

    def do_GET(self) -> None:
        page = self.server.pages.get(self.path.split("?", 1)[0])
        self.send_response(200 if page else 404)
        body = page or b"not found"
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


class _Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages = build_site()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture(scope="module")
def site() -> Iterator[_Site]:
    server = _Site()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def crawl(db: Path, url: str, *settings: str) -> subprocess.CompletedProcess[str]:
    """A zero-config ``scrapy crawl article`` of the site (no profile), loopback-fast."""
    command = [sys.executable, "-m", "scrapy", "crawl", "article", "-a", f"start_urls={url}/"]
    for setting in ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "LOG_LEVEL=INFO", *settings):
        command += ["-s", setting]
    command += ["-s", f"ARCHIVE_DB={db}"]
    return subprocess.run(
        command, cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=180, check=False
    )


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The archive's articles, URLs, related links and versions, crawl times aside."""
    queries = {
        "articles": "SELECT id, url_key, url, title, body, content_hash, authors, published_at, cluster_id"
        " FROM articles ORDER BY id",
        "article_urls": "SELECT url, article_id, match, content_key FROM article_urls ORDER BY url",
        "related_links": "SELECT article_id, url FROM related_links ORDER BY 1, 2",
        "article_versions": "SELECT article_id, version, diff FROM article_versions ORDER BY 1, 2",
    }
    conn = sqlite3.connect(db)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def crawled(site: _Site, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    db = tmp_path_factory.mktemp("neardup") / "archive.db"
    first = crawl(db, site.url, "ARCHIVE_REFRESH_SCHEDULE=0s,0s,0s")
    assert first.returncode == 0, first.stderr[-4000:]
    once = snapshot(db)
    # A second run that fetches every article again (refresh due at once).
    second = crawl(db, site.url, "ARCHIVE_REFRESH=True", "ARCHIVE_REFRESH_SCHEDULE=0s,0s,0s")
    assert second.returncode == 0, second.stderr[-4000:]
    assert "archive/store/unchanged" in second.stderr, second.stderr[-4000:]
    return once, snapshot(db)


def test_every_near_duplicate_part_is_kept_in_one_cluster(
    crawled: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    once, _ = crawled
    parts = [row for row in once["articles"] if "/series/" in row[2]]
    assert sorted(row[3] for row in parts) == sorted(
        f"农村学校改善工作系列报道之{part}" for part in range(PARTS)
    )
    assert len({row[5] for row in parts}) < PARTS  # some parts share their body exactly
    assert len({row[8] for row in parts}) == 1


def test_an_article_and_its_print_copy_are_one_article_without_a_version(
    crawled: tuple[dict[str, Any], dict[str, Any]], site: _Site
) -> None:
    once, _ = crawled
    stories = [row for row in once["articles"] if row[1] == site.url + STORY]
    assert len(stories) == 1
    article_id, _, url, _, body, *_ = stories[0]
    assert url == site.url + STORY
    assert body.count("。") == 4 * len(_STORY)  # the print copy's whole text
    assert json.loads(stories[0][6]) == ["王晓明"]
    linked = {row[0]: row[1] for row in once["article_urls"]}
    assert linked[site.url + PRINT] == linked[site.url + STORY] == article_id
    assert once["article_versions"] == []
    assert len(once["articles"]) == PARTS + 1


def test_a_second_run_fetching_every_page_again_changes_nothing(
    crawled: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    once, twice = crawled
    assert twice == once
