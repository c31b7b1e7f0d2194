"""The hostile site server on 127.0.0.1 (free port): good articles plus one route per checklist case."""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from tests.hostile import payloads
from tests.hostile.pages import (
    GOOD,
    GOOD_BY_KEY,
    Good,
    article_html,
    hub_html,
    not_article_html,
    refresh_html,
)

BAD_LINKS = [
    "/bomb/gzip",
    "/bomb/deflate",
    "/bomb/br",
    "/bomb/zstd",
    "/bomb/gzip-medium",
    "/corrupt-gzip",
    "/truncated-gzip",
    "/huge/declared",
    "/huge/chunked",
    "/slow/headers",
    "/slow/drip",
    "/truncated/cl",
    "/truncated/chunked",
    "/reset",
    "/empty-reply",
    "/error/500",
    "/error/404",
    "/redirect/loop-a",
    "/redirect/self",
    "/chain/0",
    "/redirect/file",
    "/redirect/data",
    "/redirect/none",
    "/redirect/offsite",
    "/redirect/otherport",
    "/redirect/otherscheme",
    "/refresh/same",
    "/refresh/chain/0",
    "/refresh/loop-a",
    "/refresh/self",
    "/refresh/file",
    "/refresh/offsite",
    "/calendar/2024-01-15",
    "/list?page=1",
    "/session/start",
    "/loop/",
    "/deep",
    "/many-links",
    "/private/secret-harbour-plans.html",
    "/files/report",
    "/files/photo",
    "/files/archive",
    "/api/data",
    "/fake.html",
    "/binary.html",
    "/empty.html",
    "/head-only.html",
    "/no-content",
    "/news/2024/03/23/removed-story-notice.html",
    "/news/2024/03/23/boilerplate-only-notice.html",
    "file:///etc/passwd",
    "data:text/html,hello",
    "/redirect/same",
    "/burst/",
    "/x" + "y" * 3000,
]
SITEMAPS = (
    "sitemap.xml",
    "sitemap-news.xml.gz",
    "sitemap-laughs.xml",
    "sitemap-xxe.xml",
    "sitemap-bomb.xml.gz",
)
DUP_SUFFIXES = ["?utm_source=feed", "?from=timeline", "?spm=1.2.3", "#comments", ";jsessionid=ABC123"]


class _Handler(BaseHTTPRequestHandler):
    server: HostileHTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet; see ``HostileServer.requests``."""

    def do_GET(self) -> None:
        credentials = tuple(n for n in ("Authorization", "Cookie") if self.headers.get(n) is not None)
        self.server.record(self.path, self.headers.get("Host", ""), credentials)
        try:
            self.server.site.route(self)
        except OSError:
            self.close_connection = True

    def send(
        self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str | None, status: int = 302) -> None:
        self.send_response(status)
        if location is not None:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class HostileSite:
    """Routes; ``robots`` is normal, 503, hang or missing; times are short so tests stay fast."""

    def __init__(self, robots: str = "normal", slow: float = 4.0, burst: float = 2.0, bomb_mib: int = 1100):
        self.robots, self.slow, self.burst, self.bomb_mib = robots, slow, burst, bomb_mib
        self.first_hit: dict[str, float] = {}
        self.hits: dict[str, int] = {}
        self.other_port = 9
        self.lock = threading.Lock()

    def _since(self, key: str) -> float:
        with self.lock:
            self.first_hit.setdefault(key, time.monotonic())
            self.hits[key] = self.hits.get(key, 0) + 1
            return time.monotonic() - self.first_hit[key]

    def route(self, h: _Handler) -> None:
        path = h.path
        bare = path.split("?", 1)[0].split(";", 1)[0]
        if path == "/robots.txt":
            return self._robots(h)
        if bare.lstrip("/") in SITEMAPS:
            return self._sitemap(h, bare.lstrip("/"))
        if path == "/":
            links = [g.path for g in GOOD if g.key.startswith("g")] + BAD_LINKS
            links += [GOOD_BY_KEY["dup"].path + s for s in DUP_SUFFIXES] + ["/m" + GOOD_BY_KEY["dup"].path]
            links += [
                GOOD_BY_KEY[k].path
                for k in ("utf8_lie", "nul", "malicious", "invalid", "home_a", "home_b", "dup")
            ]
            links += [GOOD_BY_KEY[k].path for k in ("canon_offsite", "ratelimit", "burst_url")]
            links += [f"http://localhost:{h.server.server_address[1]}/news/offsite.html"]
            links += [f"http://127.0.0.1:{self.other_port}/news/otherport.html", "ftp://127.0.0.1/x"]
            return h.send(200, hub_html("Hostile news", links).encode())
        handler = getattr(
            self, "_case_" + bare.strip("/").split("/", 1)[0].replace("-", "_").replace(".", "_"), None
        )
        if handler is not None:
            return handler(h, path)
        good = next((g for g in GOOD if g.path == bare or "/m" + g.path == bare), None)
        if good is not None:
            return self._good(h, good, path)
        return h.send(404, hub_html("Not found", []).encode())

    def _robots(self, h: _Handler) -> None:
        if self.robots == "503":
            return h.send(503, b"busy", "text/plain")
        if self.robots == "hang":
            time.sleep(self.slow)
            return h.send(200, b"User-agent: *\nDisallow:\n", "text/plain")
        if self.robots == "missing":
            return h.send(404, b"no", "text/plain")
        sitemaps = "".join(f"Sitemap: /{name}\n" for name in SITEMAPS)
        return h.send(200, f"User-agent: *\nDisallow: /private/\n{sitemaps}".encode(), "text/plain")

    def _good(self, h: _Handler, good: Good, path: str) -> None:
        key = good.key
        if key == "ratelimit" and self._since(key) < 1.0:
            return h.send(429, b"slow down", "text/plain", Retry_After="1")
        if key == "burst_url" and self._since(key) >= 0 and self.hits[key] <= 3:
            return h.send(503, b"busy", "text/plain")
        if key.startswith("burst_") and key != "burst_url" and self._since("burst") < self.burst:
            return h.send(503, b"busy", "text/plain")
        canonical = {"home_a": "/", "home_b": "/", "canon_offsite": "http://example.org/elsewhere.html"}.get(
            key
        )
        if path.startswith("/m/"):
            canonical = good.path
        title = None
        if key == "malicious":
            title = (
                "'; DROP TABLE articles; -- <script>alert(1)</script>\x07\x08\x1b\u202e\u200b" + "长" * 10000
            )
        charset = {"gbk": "gbk", "gb18030": "gb2312", "gbk_lie": "gbk", "utf8_lie": "gbk"}.get(key, "utf-8")
        html = article_html(good, title=title, canonical=canonical, charset=charset)
        if key == "nul":
            html = html.replace("Officials", "Offi\x00cials")
        body = html.encode(good.encoding)
        if key == "invalid":
            body = body.replace(b"Residents", b"Resi\xffdents")
        header_charset = {"gbk": "gbk", "gb18030": "gb2312", "gbk_lie": "utf-8", "utf8_lie": "gbk"}.get(
            key, "utf-8"
        )
        if key == "gzip":
            return h.send(200, gzip.compress(body), Content_Encoding="gzip")
        if key == "g6" and "zstd" in (h.headers.get("Accept-Encoding") or ""):
            self._since("zstd")
            return h.send(200, payloads.zstd_compress(body), Content_Encoding="zstd")
        return h.send(200, body, f"text/html; charset={header_charset}")

    # --- transport and bombs ---------------------------------------------------------------------------
    def _case_bomb(self, h: _Handler, path: str) -> None:
        kind = path.rsplit("/", 1)[1]
        makers = {
            "gzip": payloads.gzip_bomb,
            "deflate": payloads.deflate_bomb,
            "br": payloads.brotli_bomb,
            "zstd": payloads.zstd_bomb,
            "gzip-medium": payloads.gzip_bomb,
        }
        mib = 128 if kind == "gzip-medium" else self.bomb_mib
        coding = kind.split("-")[0]
        h.send(200, makers[kind](mib), Content_Encoding=coding)

    def _case_corrupt_gzip(self, h: _Handler, path: str) -> None:
        h.send(200, hub_html("not gzip", []).encode(), Content_Encoding="gzip")

    def _case_truncated_gzip(self, h: _Handler, path: str) -> None:
        h.send(200, payloads.truncated_gzip(article_html(GOOD[0]).encode()), Content_Encoding="gzip")

    def _case_huge(self, h: _Handler, path: str) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if path.endswith("declared"):
            h.send_header("Content-Length", str(64 * payloads.MIB))
        h.end_headers()
        chunk = b"<p>" + b"a" * 65530 + b"</p>"
        for _ in range(64 * 16):
            h.wfile.write(chunk)
        h.close_connection = True

    def _case_slow(self, h: _Handler, path: str) -> None:
        if path.endswith("headers"):
            time.sleep(self.slow)
            return h.send(200, hub_html("late", []).encode())
        h.send_response(200)
        h.send_header("Content-Length", "1000")
        h.end_headers()
        for _ in range(int(self.slow * 2)):
            h.wfile.write(b" ")
            h.wfile.flush()
            time.sleep(0.5)
        h.close_connection = True
        return None

    def _case_truncated(self, h: _Handler, path: str) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if path.endswith("cl"):
            h.send_header("Content-Length", "20000")
            h.end_headers()
            h.wfile.write(b"<html><body>" + b"x" * 5000)
        else:
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            h.wfile.write(b"400\r\n" + b"x" * 1024 + b"\r\n")
        h.wfile.flush()
        h.connection.shutdown(socket.SHUT_RDWR)
        h.close_connection = True

    def _case_reset(self, h: _Handler, path: str) -> None:
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()
        h.close_connection = True

    def _case_empty_reply(self, h: _Handler, path: str) -> None:
        h.connection.shutdown(socket.SHUT_RDWR)
        h.close_connection = True

    def _case_error(self, h: _Handler, path: str) -> None:
        h.send(int(path.rsplit("/", 1)[1]), hub_html("Error", [], "Something went wrong").encode())

    # --- redirects -----------------------------------------------------------------------------------------
    def _case_redirect(self, h: _Handler, path: str) -> None:
        port = h.server.server_address[1]
        target = {
            "/redirect/same": "/redirect/step",
            "/redirect/step": GOOD_BY_KEY["redirected"].path,
            "/redirect/loop-a": "/redirect/loop-b",
            "/redirect/loop-b": "/redirect/loop-a",
            "/redirect/self": "/redirect/self",
            "/redirect/file": "file:///etc/passwd",
            "/redirect/data": "data:text/html,hi",
            "/redirect/none": None,
            "/redirect/offsite": f"http://localhost:{port}/news/offsite.html",
            "/redirect/otherport": f"http://127.0.0.1:{self.other_port}/news/otherport.html",
            "/redirect/otherscheme": f"https://127.0.0.1:{self.other_port}/news/otherscheme.html",
            "/redirect/otherhost": f"http://localhost:{port}/news/otherhost.html",
        }[path]
        h.redirect(target, 301 if path == "/redirect/same" else 302)

    def _case_chain(self, h: _Handler, path: str) -> None:
        h.redirect(f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")

    def _case_refresh(self, h: _Handler, path: str) -> None:
        """Meta refresh (delay 0): to an article, an endless chain, a loop, itself, file: and offsite."""
        port = h.server.server_address[1]
        if path.startswith("/refresh/chain/"):
            target = f"/refresh/chain/{int(path.rsplit('/', 1)[1]) + 1}"
        else:
            target = {
                "/refresh/same": GOOD_BY_KEY["redirected"].path,
                "/refresh/loop-a": "/refresh/loop-b",
                "/refresh/loop-b": "/refresh/loop-a",
                "/refresh/self": "/refresh/self",
                "/refresh/file": "file:///etc/passwd",
                "/refresh/offsite": f"http://localhost:{port}/news/refreshed-offsite.html",
            }[path]
        h.send(200, refresh_html(target).encode())

    def _case_creds(self, h: _Handler, path: str) -> None:
        """Start page of the credentials test: redirects to another host, port and scheme, and one home."""
        links = ["/redirect/otherhost", "/redirect/otherport", "/redirect/otherscheme", "/redirect/same"]
        h.send(200, hub_html("Credentials", links).encode())

    # --- sitemaps --------------------------------------------------------------------------------------------
    def _sitemap(self, h: _Handler, name: str) -> None:
        base = f"http://127.0.0.1:{h.server.server_address[1]}"
        if name == "sitemap.xml":
            return h.send(200, payloads.sitemap([base + GOOD_BY_KEY["g1"].path]), "application/xml")
        if name == "sitemap-news.xml.gz":
            body = gzip.compress(payloads.sitemap([base + GOOD_BY_KEY["g2"].path]))
            return h.send(200, body, "application/x-gzip")
        if name == "sitemap-laughs.xml":
            return h.send(200, payloads.billion_laughs(base + "/laughs/"), "application/xml")
        if name == "sitemap-xxe.xml":
            probe = f"http://127.0.0.1:{self.other_port}/xxe-probe"
            return h.send(200, payloads.xxe(base + "/xxe/", probe), "application/xml")
        return h.send(200, payloads.gzip_bomb(self.bomb_mib), "application/octet-stream")

    # --- traps ---------------------------------------------------------------------------------------------
    def _case_calendar(self, h: _Handler, path: str) -> None:
        day = int(path[-2:])
        links = [f"/calendar/2024-01-{(day + d) % 28 + 1:02d}" for d in (-2, 0)]
        h.send(200, hub_html("Calendar", links).encode())

    def _case_list(self, h: _Handler, path: str) -> None:
        n = int(path.rsplit("=", 1)[1])
        paged = {1: "paged_1", 2: "paged_2", 3: "paged_3"}
        links = [f"/list?page={n + 1}", GOOD[0].path] + ([GOOD_BY_KEY[paged[n]].path] if n in paged else [])
        h.send(200, hub_html(f"List page {n}", links).encode())

    def _case_session(self, h: _Handler, path: str) -> None:
        sid = f"{time.monotonic_ns():x}"
        links = [
            f"/session/start;jsessionid={sid}",
            f"/session/start?PHPSESSID={sid}",
            f"/session/start?sid={sid}",
            GOOD_BY_KEY["session"].path + f"?sid={sid}",
        ]
        h.send(200, hub_html("Session", links).encode())

    def _case_loop(self, h: _Handler, path: str) -> None:
        h.send(200, hub_html("Loop", ["x/"]).encode())

    def _case_deep(self, h: _Handler, path: str) -> None:
        h.send(200, hub_html("Deep", ["/" + "/".join(f"d{i}" for i in range(25))]).encode())

    def _case_many_links(self, h: _Handler, path: str) -> None:
        h.send(200, hub_html("Many", [f"/many/{i}" for i in range(5000)]).encode())

    def _case_many(self, h: _Handler, path: str) -> None:
        h.send(200, hub_html("One of many", ["/"]).encode())

    def _case_burst(self, h: _Handler, path: str) -> None:
        if path != "/burst/":
            return self._case_news(h, path)
        if self._since("burst") < self.burst:
            return h.send(503, b"busy", "text/plain")
        h.send(200, hub_html("Burst", [GOOD_BY_KEY[f"burst_{i}"].path for i in (1, 2, 3)]).encode())
        return None

    # --- content -------------------------------------------------------------------------------------------
    def _case_files(self, h: _Handler, path: str) -> None:
        kind = path.rsplit("/", 1)[1]
        body, ctype = {
            "report": (payloads.PDF, "application/pdf"),
            "photo": (payloads.JPEG, "image/jpeg"),
            "archive": (payloads.ZIP, "application/zip"),
        }[kind]
        h.send(200, body, ctype)

    def _case_api(self, h: _Handler, path: str) -> None:
        h.send(200, b'{"articles": []}', "application/json")

    def _case_fake_html(self, h: _Handler, path: str) -> None:
        h.send(200, payloads.PNG, "image/png")

    def _case_binary_html(self, h: _Handler, path: str) -> None:
        h.send(200, payloads.random_bytes(4000), "text/html")

    def _case_empty_html(self, h: _Handler, path: str) -> None:
        h.send(200, b"")

    def _case_head_only_html(self, h: _Handler, path: str) -> None:
        h.send(200, b"<html><head><title>Nothing</title></head></html>")

    def _case_no_content(self, h: _Handler, path: str) -> None:
        h.send_response(204)
        h.end_headers()

    def _case_news(self, h: _Handler, path: str) -> None:
        if "removed-story" in path or "boilerplate-only" in path:
            kind = "soft404" if "removed" in path else "boilerplate"
            return h.send(200, not_article_html(kind).encode())
        good = next((g for g in GOOD if g.path == path.split("?", 1)[0].split(";", 1)[0]), None)
        if good is None:
            return h.send(404, hub_html("Not found", []).encode())
        return self._good(h, good, path)


class HostileHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: HostileSite) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site
        self.log: list[tuple[str, str]] = []
        self.credentials: list[tuple[str, str, tuple[str, ...]]] = []
        self.connections = 0
        self.lock = threading.Lock()

    def record(self, path: str, host: str, credentials: tuple[str, ...] = ()) -> None:
        with self.lock:
            self.log.append((path, host))
            self.credentials.append((path, host, credentials))

    def verify_request(self, request: Any, client_address: Any) -> bool:
        """Count every connection, even one that never sends a valid request (TLS to this HTTP port)."""
        with self.lock:
            self.connections += 1
        return True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients cancelling downloads are expected here."""


class HostileServer:
    """``with HostileServer() as server: server.url``; ``requests`` lists (path, Host header)."""

    def __init__(self, site: HostileSite | None = None) -> None:
        self.site = site or HostileSite()
        self.httpd = HostileHTTPServer(self.site)
        self.spy = HostileHTTPServer(HostileSite())
        self.site.other_port = self.spy.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def requests(self, prefix: str = "") -> list[str]:
        with self.httpd.lock:
            return [path for path, _ in self.httpd.log if path.startswith(prefix)]

    def __enter__(self) -> Self:
        for server in (self.httpd, self.spy):
            threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        for server in (self.httpd, self.spy):
            server.shutdown()
            server.server_close()
