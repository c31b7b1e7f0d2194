"""The sample site server: statuses, headers, bytes, HEAD, 404, redirects, request log and the CLI entry."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.demo.server import SampleSiteServer
from crawler.demo.site import MANIFEST, NOT_FOUND_PATH, REDIRECTS, build_site

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def site():
    return build_site()


@pytest.fixture
def server(site):
    with SampleSiteServer(site) as running:
        yield running


class Fetched:
    """Status, headers and body of one response, read in full."""

    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status = response.status
        self.getheader = response.getheader
        self.body = response.read()


def fetch(base: str, target: str, method: str = "GET") -> Fetched:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        conn.request(method, target)
        return Fetched(conn.getresponse())
    finally:
        conn.close()


def test_start_returns_a_loopback_base_url(server):
    assert server.url.startswith("http://127.0.0.1:")
    assert not server.url.endswith("/")
    assert server.start() == server.url


def test_serves_every_page_with_its_status_headers_and_bytes(server, site):
    for target, page in site.items():
        response = fetch(server.url, target)
        expected = site.resolve(target, server.url)
        assert response.status == page.status, target
        assert response.getheader("Content-Type") == page.headers["Content-Type"], target
        assert response.getheader("Content-Length") == str(len(expected.body)), target
        assert response.body == expected.body, target


def test_absolute_urls_in_sitemap_use_the_request_host(server):
    body = fetch(server.url, "/sitemap.xml").body.decode()
    assert f"<loc>{server.url}{MANIFEST[0]['path']}</loc>" in body
    assert "__BASE_URL__" not in body


def test_gbk_page_arrives_as_gbk_bytes(server):
    article = next(a for a in MANIFEST if "陈喆" in a["authors"])
    response = fetch(server.url, article["path"])
    assert response.getheader("Content-Type") == "text/html; charset=gb2312"
    with pytest.raises(UnicodeDecodeError):
        response.body.decode("utf-8")
    assert "镕城县" in response.body.decode("gb18030")


@pytest.mark.parametrize("target", [NOT_FOUND_PATH, "/nowhere.html", "/news/?x=1"])
def test_unknown_paths_give_a_404_html_page(server, target):
    response = fetch(server.url, target)
    assert response.status == 404
    assert response.getheader("Content-Type").startswith("text/html")
    assert b"404" in response.body


def test_redirect_is_a_301_with_a_relative_location(server):
    old, new = next(iter(REDIRECTS.items()))
    response = fetch(server.url, old)
    assert response.status == 301
    assert response.getheader("Location") == new


def test_head_sends_headers_without_a_body(server, site):
    path = MANIFEST[0]["path"]
    response = fetch(server.url, path, method="HEAD")
    assert response.status == 200
    assert response.getheader("Content-Length") == str(len(site[path].body))
    assert response.body == b""


def test_request_log_records_method_target_and_status(server):
    fetch(server.url, "/")
    fetch(server.url, "/en/?page=2", method="HEAD")
    fetch(server.url, "/missing")
    assert server.requests == [("GET", "/", 200), ("HEAD", "/en/?page=2", 200), ("GET", "/missing", 404)]


def test_stop_releases_the_server_and_is_idempotent(site):
    running = SampleSiteServer(site)
    base = running.start()
    running.stop()
    running.stop()
    with pytest.raises(ConnectionRefusedError):
        fetch(base, "/")
    with pytest.raises(RuntimeError):
        _ = running.url


def test_module_entry_prints_the_url_and_exits_on_sigterm():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler.demo.server", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        base = proc.stdout.readline().strip()
        assert base.startswith("http://127.0.0.1:")
        assert fetch(base, "/").status == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
        proc.stdout.close()
