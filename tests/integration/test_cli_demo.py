"""``newsarchive demo`` and ``newsarchive crawl`` as a person runs them: subprocesses, exit codes, output."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crawler.demo.site import MANIFEST

from .conftest import ROOT

pytestmark = pytest.mark.integration


def newsarchive(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crawler", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_demo_crawls_the_sample_site_and_prints_three_articles(tmp_path):
    db = tmp_path / "demo.db"
    first = newsarchive("demo", "--db", str(db), "--port", "0")
    assert first.returncode == 0, first.stderr[-3000:]
    assert f"articles: new {len(MANIFEST)}," in first.stderr
    assert first.stdout.count("\n* ") == 3


def test_crawl_command_archives_and_summarises(sample_site, tmp_path):
    db = tmp_path / "cli.db"
    args = (
        "crawl",
        f"{sample_site.url}/",
        "--db",
        str(db),
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=0",
    )
    result = newsarchive(*args)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"articles: new {len(MANIFEST)}," in result.stderr
    assert "pages fetched:" in result.stderr
    again = newsarchive(*args)
    assert "articles: new 0," in again.stderr
    stats = newsarchive("stats", "--db", str(db))
    assert f"articles: {len(MANIFEST)}" in stats.stdout
