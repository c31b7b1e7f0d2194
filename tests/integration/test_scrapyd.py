"""Scrapyd: deploy with scrapyd-deploy, schedule ``article`` on the sample site, check the archive.

The README recipe (§ Scheduled jobs, Scrapyd) run for real: a Scrapyd on a free 127.0.0.1 port with its own
config and folders under tmp_path, the project copied out of the checkout (scrapyd-deploy writes setup.py,
build/ and *.egg-info next to scrapy.cfg) and deployed through the scrapy.cfg ``[deploy]`` section.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from crawler.demo import DEMO_SITE_DIR
from crawler.demo.site import MANIFEST
from crawler.urls import canonicalize

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PROJECT_FILES = ("pyproject.toml", "README.md", "scrapy.cfg", "setup.py")
#: No proxy may sit between the tests and 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def child_env(home: Path) -> dict[str, str]:
    """The environment without our settings, proxies or the user's ~/.scrapyd.conf and ~/.scrapy.cfg."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SCRAPY_", "ARCHIVE_", "SCRAPYD_")) and not k.lower().endswith("_proxy")
    }
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), NO_PROXY="127.0.0.1,localhost")
    return env


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None, **query: str) -> dict:
    """GET (or POST ``data`` to) a Scrapyd JSON endpoint and return the answer."""
    url = f"{base}/{endpoint}" + (f"?{urlencode(query)}" if query else "")
    body = urlencode(data).encode() if data is not None else None
    with _OPENER.open(urllib.request.Request(url, data=body), timeout=10) as response:
        return json.loads(response.read())


def _wait_until_up(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"scrapyd exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if api(base, "daemonstatus.json")["status"] == "ok":
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"scrapyd did not answer within 60 s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A real Scrapyd on a free 127.0.0.1 port; yields (base URL, its folder); killed by pid at the end."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    dirs = {name: home / name for name in ("eggs", "logs", "dbs")}
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        + "".join(f"{name}_dir = {path}\n" for name, path in dirs.items())
        + "items_dir =\npoll_interval = 0.5\nmax_proc = 1\n",
        encoding="utf-8",
    )
    log = home / "scrapyd.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "scrapyd", "--pidfile", str(home / "twistd.pid")],
            cwd=home, env=child_env(home), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, base, log)
        yield base, home
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def deploy(base: str, tmp_path: Path) -> dict:
    """Copy the project out of the checkout and run ``scrapyd-deploy local`` there; return Scrapyd's answer."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "crawler", project / "crawler", ignore=shutil.ignore_patterns("__pycache__"))
    for name in PROJECT_FILES:
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, project / name)
    # A target inheriting project (and everything else) from the checked-in [deploy] section.
    with (project / "scrapy.cfg").open("a", encoding="utf-8") as cfg:
        cfg.write(f"\n[deploy:local]\nurl = {base}/\n")
    result = subprocess.run(
        [sys.executable, "-m", "scrapyd_client.deploy", "local", "--version", "r1"],
        cwd=project, env=child_env(tmp_path / "scrapyd"), capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def wait_for_job(base: str, job: str) -> dict:
    """Poll listjobs.json until the job is finished (at most 120 s)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        jobs = api(base, "listjobs.json", project="newsarchive")
        finished = [j for j in jobs["finished"] if j["id"] == job]
        if finished:
            return finished[0]
        time.sleep(0.5)
    pytest.fail(f"job {job} did not finish within 120 s: {jobs}")


def test_scrapyd_deploys_schedules_and_archives_the_sample_site(scrapyd, sample_site, tmp_path):
    base, home = scrapyd
    answer = deploy(base, tmp_path)
    assert (answer["status"], answer["project"], answer["spiders"]) == ("ok", "newsarchive", 1)
    assert api(base, "listspiders.json", project="newsarchive")["spiders"] == ["article"]

    db = tmp_path / "archive.db"
    settings = {
        "ARCHIVE_DB": str(db),
        "ARCHIVE_SITE_DIRS": str(DEMO_SITE_DIR),
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "False",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    }
    form = [("project", "newsarchive"), ("spider", "article"), ("site", "sample_site")]
    form += [("start_urls", f"{sample_site.url}/")]
    form += [("setting", f"{name}={value}") for name, value in settings.items()]
    before = len(sample_site.requests)
    scheduled = api(base, "schedule.json", data=form)
    assert scheduled["status"] == "ok", scheduled
    job = wait_for_job(base, scheduled["jobid"])

    log = (home / "logs" / "newsarchive" / "article" / f"{job['id']}.log").read_text(encoding="utf-8")
    assert "Traceback" not in log, log[-3000:]
    assert "'archive/job/exit_code': 0," in log, log[-3000:]
    conn = sqlite3.connect(db)
    try:
        stored = conn.execute("select count(*) from articles").fetchone()[0]
        keys = [canonicalize(sample_site.url + expected["path"]) for expected in MANIFEST]
        found = conn.execute(
            f"select count(distinct article_id) from article_urls where url_key in ({','.join('?' * len(keys))})",
            keys,
        ).fetchone()[0]
        runs = conn.execute("select site, status from crawl_runs").fetchall()
    finally:
        conn.close()
    assert (stored, found) == (len(MANIFEST), len(MANIFEST))
    assert runs == [("sample_site", "finished")]
    served = {path for method, path, status in sample_site.requests[before:] if status == 200}
    for expected in MANIFEST:  # the job's requests are the witness: each article fetched under some URL
        assert served & {expected["path"], *expected["aliases"]}, expected["path"]
