"""Crawl state at the downloader: skip what is archived, gone, rejected or out of attempts; refresh with 304s.

See README § Scheduled jobs. Outcomes of each fetch (gone, failed, rejected by the response gate, validators) go
to ``crawler.storage.state``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.downloadermiddlewares.gate import RETRIED_REASONS, response_rejected
from crawler.extensions.session import ArchiveSession
from crawler.storage import StorageError
from crawler.urls import url_key
from crawler.utils.response import request_kind

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class IncrementalDownloaderMiddleware:
    """Order 540 (inside the retry middleware, so it sees final outcomes).

    Requests: archived article URLs, dropped and rejected pages, 404/410s and URLs out of attempts are skipped
    before fetching (``archive/incremental/skipped/<reason>``); start pages and redirect hops never are.
    Refresh requests get ``If-None-Match`` / ``If-Modified-Since``. Responses: a 304 to a refresh advances its
    schedule and stops there; 404/410 mark the URL gone; 5xx and download errors count a failed attempt.
    Responses the gate refuses (signal ``response_rejected``): a truncated or corrupt body counts a failed
    attempt, any other reason marks the page done as ``rejected`` (start pages, hubs and feeds stay revisited).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.session = ArchiveSession.of(crawler)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(self.response_rejected, signal=response_rejected)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if request.meta.get("kind") == "start" or request.url.endswith("/robots.txt"):
            return
        if request.meta.get("archive_refresh"):
            self._add_validators(request)
            return
        if not self.session.incremental:
            return
        try:
            reason = self.session.state.skip_reason(request.url, self.session.max_attempts)
            if reason is None or (request.meta.get("redirect_urls") and reason != "archived"):
                return
            if reason == "archived":
                self._settle_archived(request.url, request.meta.get("redirect_urls", []))
        except StorageError as exc:
            self.session.fail(exc)
            raise IgnoreRequest(f"archive unavailable: {request.url}") from exc
        self.session.inc(f"incremental/skipped/{reason}")
        raise IgnoreRequest(f"already {reason}: {request.url}")

    def _settle_archived(self, url: str, hops: list[str]) -> None:
        """Mark an archived article done if a run killed before marking it left it pending (its refresh
        schedule starts now); record redirect hops to it as its URLs and mark them done (never refreshed
        themselves)."""
        current = self.session.state.get(url)
        if current is None or current.status != "done":
            self.session.state.article_saved([url], self.session.site, self.session.schedule, refreshed=False)
        if hops:
            self.session.store.link_redirects(url, hops)
        unsettled = [
            u for u in hops if (known := self.session.state.get(u)) is None or known.status != "done"
        ]
        if unsettled:
            self.session.state.mark_done(unsettled, self.session.site, "article")

    def request_dropped(self, request: Request) -> None:
        """A redirect the dupefilter stopped because its target was seen: record the hops now if the target
        is archived, else when it is saved (a hop whose target is never saved stays pending)."""
        hops = request.meta.get("redirect_urls")
        if not hops or self.session.locked_out():
            return
        try:
            if self.session.state.skip_reason(request.url, self.session.max_attempts) == "archived":
                self._settle_archived(request.url, hops)
                return
        except StorageError as exc:
            self.session.fail(exc)
            return
        self.session.waiting_hops.setdefault(url_key(request.url), []).extend(hops)

    def _add_validators(self, request: Request) -> None:
        current = self.session.state.get(request.url)
        if current and current.etag:
            request.headers.setdefault(b"If-None-Match", current.etag.encode("latin-1"))
        if current and current.last_modified:
            request.headers.setdefault(b"If-Modified-Since", current.last_modified.encode("latin-1"))

    def process_response(self, request: Request, response: Response) -> Response:
        if self.session.locked_out():
            return response
        try:
            return self._record_response(request, response)
        except StorageError as exc:
            self.session.fail(exc)
            raise IgnoreRequest(f"archive unavailable: {request.url}") from exc

    def _record_response(self, request: Request, response: Response) -> Response:
        status = response.status
        if status == 304 and request.meta.get("archive_refresh"):
            self.session.state.not_modified(request.url, self.session.schedule)
            self.session.inc("refresh/not_modified")
            raise IgnoreRequest(f"not modified: {request.url}")
        if 200 <= status < 300:
            etag, modified = response.headers.get(b"ETag"), response.headers.get(b"Last-Modified")
            self.session.state.set_validators(
                response.url,
                etag.decode("latin-1") if etag else None,
                modified.decode("latin-1") if modified else None,
            )
        else:
            self._record_status(request.url, status)
        return response

    def _record_status(self, url: str, status: int) -> None:
        if status in (404, 410):
            self.session.state.mark_gone(url, self.session.site, status)
            self.session.inc("state/gone")
        elif status >= 500 or status == 429:
            self.session.state.mark_failed(url, self.session.site, status)
            self.session.inc("state/failed")

    def response_rejected(self, request: Request, response: Response, reason: str) -> None:
        """Record a response the gate refused (its IgnoreRequest, raised in ``process_response`` above this
        middleware, reaches no ``process_exception``): an error status as usual, a damaged transfer as a
        failed attempt, any other reason as done, so the page is not fetched on every run (issue 15)."""
        if self.session.locked_out():
            return
        try:
            if not 200 <= response.status < 300:
                self._record_status(request.url, response.status)
            elif reason in RETRIED_REASONS:
                self.session.state.mark_failed(request.url, self.session.site, response.status)
                self.session.inc("state/failed")
                self.session.inc(f"state/failed/{reason}")
            else:
                urls = [*request.meta.get("redirect_urls", []), request.url]
                self.session.state.mark_rejected(urls, self.session.site, request_kind(request))
                self.session.inc("state/rejected")
                self.session.inc(f"state/rejected/{reason}")
        except StorageError as exc:
            self.session.fail(exc)

    def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, IgnoreRequest) or self.session.locked_out():
            return
        try:
            self.session.state.mark_failed(request.url, self.session.site)
        except StorageError as exc:
            self.session.fail(exc)
            return
        self.session.inc("state/failed")
        self.session.inc(f"state/failed/{type(exception).__name__}")
        logger.info("Failed %s: %r (retried by the next run)", request.url, exception)
