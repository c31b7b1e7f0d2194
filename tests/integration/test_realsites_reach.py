"""Zero-config crawls of the two real sites in ../shared/realsites reach (fetch) their article pages.

Served from the shared folders as they are (never copied into the project); skipped when they are absent.
The gold pages are the ones ``../shared/realsites/score.py`` scores; whether a fetched page is then stored
as an article is page-kind work, scored there.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import threading
import warnings
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.integration.conftest import ROOT, scrapy_crawl

pytestmark = pytest.mark.integration

REALSITES = ROOT.parent / "shared" / "realsites"
#: Guards that must never fire on an ordinary site (offsite links are counted, never an error).
CUTTING = ("depth_limit", "pagination_exhausted", "pattern_budget", "max_page", "path_depth", "repeated_path")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log on stderr."""


def _gold(site: Path) -> set[str]:
    spec = importlib.util.spec_from_file_location("realsites_score", REALSITES / "score.py")
    assert spec is not None
    assert spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    relative = [path.relative_to(site) for path in site.rglob("*")]
    pages = [
        path.as_posix()
        for path in relative
        if score.ARTICLE.search(path.as_posix()) and path.parts[0] != "info"
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # score.py leaves its files to the collector
        return {page for page in pages if len(score.article_text(str(site / page))) >= 100}


@pytest.fixture(scope="module", params=["wjzx", "sszx"])
def crawl(request, tmp_path_factory):
    site = REALSITES / request.param
    if not (site / "index.htm").is_file() or not (REALSITES / "score.py").is_file():
        pytest.skip(f"{site} is not here: the real sites live in ../shared/realsites")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    db = tmp_path_factory.mktemp(request.param) / "archive.db"
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        result = scrapy_crawl(db, "-a", f"start_urls={base}/index.htm", timeout=300)
    finally:
        httpd.shutdown()
        httpd.server_close()
    conn = sqlite3.connect(db)
    fetched = {
        unquote(urlsplit(url).path.lstrip("/"))
        for (url,) in conn.execute("select url from crawl_state where status != 'pending'")
    }
    stats = json.loads(conn.execute("select stats from crawl_runs").fetchone()[0])
    conn.close()
    return {"result": result, "gold": _gold(site), "fetched": fetched, "stats": stats}


def test_the_crawl_fetches_at_least_98_percent_of_the_article_pages(crawl):
    assert crawl["result"].returncode == 0, crawl["result"].stderr[-3000:]
    missed = sorted(crawl["gold"] - crawl["fetched"])
    assert len(missed) <= 0.02 * len(crawl["gold"]), missed[:20]


def test_no_guard_cuts_the_site_and_its_original_host_is_read_as_the_copy(crawl):
    stats = crawl["stats"]
    assert {g: stats[f"archive/guard/{g}"] for g in CUTTING if f"archive/guard/{g}" in stats} == {}
    assert stats["archive/scope/alias_host"] == 1
    assert "mp.weixin.qq.com is an alias" not in crawl["result"].stderr
