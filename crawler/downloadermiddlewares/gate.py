"""Downloader middleware that lets only responses that can become pages pass: content type, magic bytes,
emptiness and completeness (the compressed stream is checked first by ``decompression``). Each rejection
is sent as the ``response_rejected`` signal, so the crawl state can record it (``fetchstate``).

See README § Limits and safety and reliability-checklist §4.1 (truncated gzip, huge bodies) and §4.4
(empty, non-HTML).
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.utils.inflate import trial_inflate

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Content types that can be a page or a feed; everything else is skipped.
ALLOWED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
    }
)
MAGIC = (
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"BZh", "bzip2"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
    (b"RIFF", "riff"),
    (b"\x00\x00\x01\x00", "ico"),
)
#: Bytes that never occur in text (C0 controls except tab, LF, FF, CR, ESC).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_HTML_END = re.compile(rb"</(?:html|body)\s*>", re.IGNORECASE)
_HEAD = re.compile(rb"<head[\s>].*?</head\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(rb"<[^>]*>")
_LOOKS_XML = re.compile(rb"^\s*(?:<\?xml|<urlset|<sitemapindex|<rss|<feed|<rdf)", re.IGNORECASE)
#: A DTD comes before the root element: entity declarations are looked for in the first 64 KiB.
ENTITY_WINDOW = 64 * 1024
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
GZIP_TYPES = frozenset({b"application/gzip", b"application/x-gzip", b"application/octet-stream"})
_LOOKS_HTML = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<meta|<title|<!--)", re.IGNORECASE)
#: Reasons that look like a damaged transfer rather than the server's answer: counted as a failed attempt
#: (tried again by later runs, like a 5xx). Every other reason is the page's answer and final.
RETRIED_REASONS = frozenset({"incomplete", "corrupt"})

#: Signal sent for every rejected response, before IgnoreRequest is raised (an exception raised in
#: ``process_response`` reaches no middleware's ``process_exception``). Arguments: ``request``,
#: ``response``, ``reason``.
response_rejected = object()


class GateMiddleware:
    """Base of the response checks: the crawler, DOWNLOAD_MAXSIZE and one way to reject."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def reject(self, request: Request, response: Response, reason: str, detail: str) -> IgnoreRequest:
        """Count ``archive/gate/<reason>``, log one line, send ``response_rejected`` and return the
        exception to raise."""
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archive/gate/{reason}")
        logger.warning("Skipped %s (%s): %s", response.url, reason, detail)
        self.crawler.signals.send_catch_log(
            response_rejected, request=request, response=response, reason=reason
        )
        return IgnoreRequest(f"{reason}: {response.url}")


class ResponseGateMiddleware(GateMiddleware):
    """After decompression (order 587): only non-empty, complete HTML or XML reaches the spider.

    A gzip file (``sitemap.xml.gz``) is first unpacked within DOWNLOAD_MAXSIZE (``bomb``, ``incomplete``,
    ``corrupt`` otherwise). Then checked on 2xx responses in this order: ``empty``, ``binary`` (magic
    bytes or control characters), ``not_html`` (Content-Type outside the allow-list), ``xml_entities``
    (a sitemap or feed declaring entities: billion laughs, XXE) and ``incomplete`` (HTML without
    ``</body>`` or ``</html>``, when ARCHIVE_REQUIRE_HTML_END). robots.txt is exempt. A page that
    passes with a few NUL bytes is counted (``archive/gate/nul_bytes``); its text never keeps them.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.require_end = crawler.settings.getbool("ARCHIVE_REQUIRE_HTML_END", True)

    def process_response(self, request: Request, response: Response) -> Response:
        """Return the response unchanged or raise IgnoreRequest."""
        if not 200 <= response.status < 300 or request.meta.get("dont_obey_robotstxt"):
            return response
        if response.url.split("?", 1)[0].endswith("/robots.txt"):
            return response
        if is_gzip_file(response):
            response = self.gunzip_file(request, response)
        problem = gate_problem(response, self.require_end)
        if problem is not None:
            raise self.reject(request, response, *problem)
        nuls = response.body.count(b"\x00")
        if nuls:
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("archive/gate/nul_bytes")
            logger.info("%d NUL byte(s) in %s: dropped from its text", nuls, response.url)
        return response

    def gunzip_file(self, request: Request, response: Response) -> Response:
        """Unpack a gzip file (``sitemap.xml.gz``; not a Content-Encoding) within DOWNLOAD_MAXSIZE.

        Bombs, truncated and corrupt files are rejected like compressed responses; what is left must be
        a sitemap or feed.
        """
        max_size = request.meta.get("download_maxsize", self.max_size) or 2**62
        result = trial_inflate(response.body, 31, max_size)
        if result.problem == "bomb":
            detail = f"gzip file of {len(response.body)} B expands beyond {max_size} B"
            raise self.reject(request, response, "bomb", detail)
        if result.problem is not None:
            reason = "incomplete" if result.problem == "truncated" else "corrupt"
            raise self.reject(request, response, reason, f"gzip file ({len(response.body)} B)")
        try:
            body = gzip.decompress(response.body)
        except (OSError, EOFError, zlib.error):
            raise self.reject(request, response, "corrupt", f"gzip file ({len(response.body)} B)") from None
        if not _LOOKS_XML.match(body[:1024]):
            raise self.reject(request, response, "not_html", "gzip file that is not a sitemap or feed")
        headers = response.headers.copy()
        headers[b"Content-Type"] = b"application/xml"
        return response.replace(body=body, headers=headers)

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Count downloads cancelled for size (DOWNLOAD_MAXSIZE) as ``archive/gate/too_large``."""
        if type(exception).__name__ == "DownloadCancelledError" and self.crawler.stats is not None:
            self.crawler.stats.inc_value("archive/gate/too_large")
            logger.warning("Skipped %s (too_large): %s", request.url, exception)


def is_gzip_file(response: Response) -> bool:
    """True for a gzip file served as such (``.gz`` or a gzip Content-Type), e.g. ``sitemap.xml.gz``."""
    if not response.body.startswith(b"\x1f\x8b"):
        return False
    mime = (response.headers.get(b"Content-Type") or b"").split(b";", 1)[0].strip().lower()
    return mime in GZIP_TYPES or urlsplit(response.url).path.lower().endswith(".gz")


def gate_problem(response: Response, require_end: bool = True) -> tuple[str, str] | None:
    """The (reason, detail) for which ``response`` is not a page or feed, or None."""
    body = response.body
    if not body.strip():
        return "empty", f"HTTP {response.status} with {len(body)} B"
    head = body[:4096]
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return "binary", f"{kind} content"
    controls = sum(head.count(bytes([b])) for b in _BINARY_BYTES)
    if controls > max(8, len(head) // 50):
        return "binary", f"{controls} control bytes in the first {len(head)} B"
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime and mime not in ALLOWED_TYPES:
        return "not_html", f"Content-Type {mime}"
    is_html = "html" in mime or (not mime and _LOOKS_HTML.match(head) is not None)
    if not mime and not is_html and not head.lstrip().startswith(b"<"):
        return "not_html", "no Content-Type and no markup"
    if not is_html and _ENTITY.search(body[:ENTITY_WINDOW]):
        return "xml_entities", "XML that declares entities (entity expansion or external entity)"
    if require_end and is_html and _HTML_END.search(body) is None:
        return "incomplete", "HTML without </body> or </html>"
    if is_html and not _text_outside_head(body):
        return "empty", "HTML without any text outside <head>"
    return None


def _text_outside_head(body: bytes) -> bool:
    """True when some non-space text lies outside ``<head>`` and outside tags (stops at the first)."""
    start = 0
    for head in _HEAD.finditer(body):
        if _text_between(body, start, head.start()):
            return True
        start = head.end()
    return _text_between(body, start, len(body))


def _text_between(body: bytes, start: int, end: int) -> bool:
    for tag in _TAG.finditer(body, start, end):
        if body[start : tag.start()].strip():
            return True
        start = tag.end()
    return bool(body[start:end].strip())
