"""Zero-config crawls of sites nobody tuned for (issue 15): every article stored, nothing else.

The generated fixture sites (``tests.sites``: an English magazine exported as static files, a Chinese school
portal) are served from memory; the two real sites of ``../shared/realsites`` are served from their folders
by ``python -m http.server`` and scored with the shared ``score.py`` (skipped with a message when absent).
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.demo.server import SampleSiteServer
from crawler.urls import canonicalize
from tests.sites import FixtureSite, magazine, portal

from .conftest import ROOT

pytestmark = pytest.mark.integration

REALSITES = ROOT.parent / "shared" / "realsites"
_SCORE = re.compile(
    r"recall (?P<recall>[\d.]+) .*?(?P<listed>\d+) non-article pages stored; (?P<markup>\d+) titles with markup; "
    r"lang zh (?P<zh>[\d.]+); (?P<related>\d+) related links"
)


def crawl(start: str, db: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``newsarchive crawl START --db DB`` with no profile, as a new user runs it (fast loopback politeness)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler",
            "crawl",
            start,
            "--db",
            str(db),
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def stored_paths(db: Path) -> dict[int, set[str]]:
    """Article id -> the paths of every URL that led to it."""
    with sqlite3.connect(db) as con:
        out: dict[int, set[str]] = {}
        for article_id, url in con.execute("SELECT article_id, url FROM article_urls"):
            parts = urlsplit(url)
            out.setdefault(article_id, set()).add(parts.path + (f"?{parts.query}" if parts.query else ""))
        return out


@pytest.fixture(scope="module", params=["magazine", "portal"])
def fixture_crawl(request, tmp_path_factory) -> tuple[FixtureSite, Path, subprocess.CompletedProcess[str]]:
    fixture = magazine.build() if request.param == "magazine" else portal.build()
    db = tmp_path_factory.mktemp(request.param) / "archive.db"
    with SampleSiteServer(fixture.site) as server:
        result = crawl(server.url + fixture.start, db)
    return fixture, db, result


def test_every_article_of_the_fixture_site_is_stored_and_nothing_else(fixture_crawl):
    fixture, db, result = fixture_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    stored = stored_paths(db)
    found = {canonicalize(p) for paths in stored.values() for p in paths}
    articles = {canonicalize(p) for p, label in fixture.labels.items() if label == "article"}
    hubs = {canonicalize(p) for p, label in fixture.labels.items() if label == "hub"}
    missed = sorted(articles - found)
    assert missed == [], f"{len(missed)} of {len(articles)} articles missed, e.g. {missed[:5]}"
    assert sorted(found & hubs) == []
    assert len(stored) == len(articles)


def test_fixture_site_titles_are_plain_text_and_the_portal_keeps_its_related_lists(fixture_crawl):
    fixture, db, result = fixture_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    with sqlite3.connect(db) as con:
        titles = [t for (t,) in con.execute("SELECT title FROM articles")]
        related = con.execute("SELECT count(*) FROM related_links").fetchone()[0]
    assert titles
    assert not [t for t in titles if re.search(r"<[a-zA-Z/]", t)]
    if fixture.name == "portal":
        assert related > 0


@pytest.fixture(scope="module", params=["wjzx", "sszx"])
def real_crawl(request, tmp_path_factory) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """Crawl a real site twice (the second run incremental); its score and the archive's figures after each."""
    folder = REALSITES / request.param
    if not (folder / "index.htm").is_file() or not (REALSITES / "score.py").is_file():
        pytest.skip(f"real site {request.param} not found under {REALSITES}: zero-config crawl not run")
    db = tmp_path_factory.mktemp(request.param) / "archive.db"
    with StaticServer(folder) as base:
        first = crawl(f"{base}/index.htm", db, timeout=900)
        assert first.returncode == 0, first.stderr[-3000:]
        score = subprocess.run(
            [sys.executable, str(REALSITES / "score.py"), str(folder), str(db), "--base-url", f"{base}/"],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        before = _figures(db)
        again = crawl(f"{base}/index.htm", db, timeout=900)
        assert again.returncode == 0, again.stderr[-3000:]
    return score, before, _figures(db)


def _figures(db: Path) -> tuple[int, ...]:
    """Articles, URLs, body characters, versions and related links in the archive."""
    with sqlite3.connect(db) as con:
        return tuple(
            con.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_urls), "
                "(SELECT total(length(body)) FROM articles), (SELECT count(*) FROM article_versions), "
                "(SELECT count(*) FROM related_links)"
            ).fetchone()
        )


class StaticServer:
    """``python -m http.server`` on a free 127.0.0.1 port serving ``folder``, as the realsites README says."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> str:
        import socket
        import time
        import urllib.request

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/index.htm", timeout=1).close()
                return base
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"static server on {base} did not start")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


def test_zero_config_crawl_of_a_real_site_scores_as_users_expect(real_crawl):
    score, _, _ = real_crawl
    found = _SCORE.search(score)
    assert found, score
    assert float(found["recall"]) >= 0.98, score
    assert int(found["listed"]) == 0, score
    assert int(found["markup"]) == 0, score
    assert float(found["zh"]) >= 0.95, score
    assert int(found["related"]) > 0, score


def test_crawling_a_real_site_again_changes_nothing(real_crawl):
    _, before, after = real_crawl
    assert before[0] > 0
    assert after == before
