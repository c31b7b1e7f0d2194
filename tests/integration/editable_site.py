"""A sample-site server for job tests: ETag/Last-Modified with 304s, pages that can be edited or made to fail."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from crawler.demo.site import Page, build_site

LAST_MODIFIED = "Fri, 01 Mar 2024 08:00:00 GMT"


class _Handler(BaseHTTPRequestHandler):
    server: EditableSite
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        status, headers, body = self.server.answer(self.path, self.headers, f"http://{self.headers['Host']}")
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


class EditableSite(ThreadingHTTPServer):
    """The sample site on 127.0.0.1:<free port>; ``requests`` logs (path, status) in arrival order."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = build_site()
        self.edits: dict[str, list[tuple[bytes, bytes]]] = {}
        self.failing: dict[str, int] = {}
        self.requests: list[tuple[str, int]] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=5)

    def edit(self, path: str, old: str, new: str) -> None:
        """Serve ``path`` with ``old`` replaced by ``new`` (UTF-8) from now on."""
        assert old.encode() in self.site.resolve(path).body, f"{old!r} not on {path}"
        self.edits.setdefault(path, []).append((old.encode(), new.encode()))

    def answer(self, path: str, headers: Any, base_url: str) -> tuple[int, dict[str, str], bytes]:
        status = self.failing.get(path)
        if status is None:
            page = self._page(path, base_url)
            tag = f'"{hashlib.sha1(page.body).hexdigest()[:16]}"'
            if page.status == 200 and headers.get("If-None-Match") == tag:
                status, out = 304, ({"ETag": tag}, b"")
            else:
                status, out = (
                    page.status,
                    ({**page.headers, "ETag": tag, "Last-Modified": LAST_MODIFIED}, page.body),
                )
        else:
            out = ({"Content-Type": "text/plain"}, b"unavailable")
        with self.lock:
            self.requests.append((path, status))
        return status, out[0], out[1]

    def _page(self, path: str, base_url: str) -> Page:
        page = self.site.resolve(path, base_url=base_url)
        body = page.body
        for old, new in self.edits.get(path.split("?", 1)[0], []):
            body = body.replace(old, new)
        return Page(page.status, dict(page.headers), body)

    def log_since(self, start: int) -> list[tuple[str, int]]:
        with self.lock:
            return list(self.requests[start:])
