"""A local HTTP server for the sample site, in a daemon thread; also ``python -m crawler.demo.server``.

See README § Demo. Binds 127.0.0.1 by default; every request is logged in ``SampleSiteServer.requests``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType, TracebackType
from typing import Any, Self

from crawler.demo.site import Page, Site, build_site


class _Handler(BaseHTTPRequestHandler):
    """Serves pages of ``server.site``; quiet; GET and HEAD only."""

    server: _SiteHTTPServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._serve(with_body=True)

    def do_HEAD(self) -> None:
        self._serve(with_body=False)

    def _serve(self, with_body: bool) -> None:
        host = self.headers.get("Host") or self.server.authority
        page: Page = self.server.site.resolve(self.path, base_url=f"http://{host}")
        self.server.log_request_line(self.command, self.path, page.status)
        self.send_response(page.status)
        for name, value in page.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        if with_body:
            self.wfile.write(page.body)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: tests and the demo read ``requests`` instead of stderr."""


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: Site) -> None:
        super().__init__(address, _Handler)
        self.site = site
        self.log: list[tuple[str, str, int]] = []
        self.lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that hang up mid-response (crawlers cancelling); report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def authority(self) -> str:
        """``host:port`` this server is bound to."""
        host, port = self.server_address[:2]
        return f"{host!s}:{port}"

    def log_request_line(self, method: str, target: str, status: int) -> None:
        with self.lock:
            self.log.append((method, target, status))


class SampleSiteServer:
    """Serve a ``Site`` on ``host:port`` (port 0 picks a free one) until ``stop()``.

    Use as a context manager: ``with SampleSiteServer() as server: fetch(server.url + "/")``.
    ``requests`` is a snapshot list of ``(method, path_with_query, status)`` in arrival order.
    """

    def __init__(self, site: Site | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.site = site if site is not None else build_site()
        self.host = host
        self.port = port
        self._httpd: _SiteHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL without a trailing slash, such as ``http://127.0.0.1:8123``."""
        if self._httpd is None:
            raise RuntimeError("the sample site server is not running; call start() first")
        return f"http://{self._httpd.authority}"

    @property
    def requests(self) -> list[tuple[str, str, int]]:
        """The request log so far: (method, path with query, status)."""
        if self._httpd is None:
            return []
        with self._httpd.lock:
            return list(self._httpd.log)

    def start(self) -> str:
        """Bind, start serving in a daemon thread and return the base URL."""
        if self._httpd is None:
            self._httpd = _SiteHTTPServer((self.host, self.port), self.site)
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, args=(0.05,), name="sample-site", daemon=True
            )
            self._thread.start()
        return self.url

    def stop(self) -> None:
        """Stop serving and release the port; safe to call twice."""
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd, self._thread = None, None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """Serve the sample site until SIGTERM/SIGINT; print the base URL on stdout first."""
    parser = argparse.ArgumentParser(prog="python -m crawler.demo.server", description=main.__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind (default: a free port)")
    args = parser.parse_args(argv)
    done = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        done.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    with SampleSiteServer(host=args.host, port=args.port) as server:
        print(server.url, flush=True)
        while not done.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
