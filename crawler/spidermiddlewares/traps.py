"""Trap guards: repeated path segments, deep paths, per-pattern hub budgets and pagination that adds nothing;
counters for links never followed (other schemes, other origins, beyond the depth limit).

Spider middlewares over every request the spider yields. See README § Limits and safety and
reliability-checklist §4.1 (non-http links), §4.2 (offsite links) and §4.3 (calendar, pagination,
session-id and repeated-path traps).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from scrapy import Request
from scrapy.http import Response, TextResponse

from crawler.dupefilters import request_fingerprint
from crawler.pages.links import BAD_LINK_SCHEMES
from crawler.utils.response import is_feed_response

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

_PAGE_RE = re.compile(
    r"(?:[?&](?:page|p|pg|pn|pageno|page_no)=(\d+))|(?:/page/(\d+)/?$)|(?:_(\d+)\.s?html?$)", re.IGNORECASE
)
_SESSION_RE = re.compile(r"[;?&](?:jsessionid|phpsessid|sid|sessionid|session_id)=", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def page_number(url: str) -> int | None:
    """The page number of a pagination URL (``?page=3``, ``/page/3/``, ``index_3.shtml``), else None."""
    match = _PAGE_RE.search(url.split("#", 1)[0])
    if match is None:
        return None
    return int(next(group for group in match.groups() if group is not None))


def series_key(url: str) -> str:
    """The pagination series a URL belongs to: the URL with its page number replaced by ``N``."""
    url = url.split("#", 1)[0]
    match = _PAGE_RE.search(url)
    if match is None:
        return url
    group = next(i for i, g in enumerate(match.groups(), start=1) if g is not None)
    return url[: match.start(group)] + "N" + url[match.end(group) :]


def url_pattern(url: str) -> str:
    """The shape of a URL: host, path with digit runs as ``N``, sorted query keys without values."""
    parts = urlsplit(url)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{parts.netloc}{_DIGITS.sub('N', parts.path)}?{'&'.join(keys)}"


def path_problem(url: str, max_segments: int, max_repeats: int) -> str | None:
    """``path_depth`` or ``repeated_path`` when the URL's path looks like a trap, else None."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) > max_segments:
        return "path_depth"
    if segments and Counter(segments).most_common(1)[0][1] > max_repeats:
        return "repeated_path"
    return None


class TrapGuardMiddleware:
    """Drop trap requests before they are scheduled; each drop counts ``archive/guard/<reason>``.

    Reasons: ``path_depth`` (more than ARCHIVE_MAX_PATH_SEGMENTS segments), ``repeated_path`` (a segment more
    than ARCHIVE_MAX_SEGMENT_REPEATS times), ``max_page`` (page number above ARCHIVE_MAX_PAGE_NUMBER),
    ``pagination_exhausted`` (the next page of a series after ARCHIVE_PAGINATION_PATIENCE pages that linked
    nothing unseen) and ``pattern_budget`` (a URL shape that already gave ARCHIVE_MAX_HUBS_PER_PATTERN pages
    without an article). Session ids are only counted (``archive/guard/session_id``): the canonical request
    fingerprint makes such variants one request.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_segments = settings.getint("ARCHIVE_MAX_PATH_SEGMENTS", 20)
        self.max_repeats = settings.getint("ARCHIVE_MAX_SEGMENT_REPEATS", 2)
        self.max_page = settings.getint("ARCHIVE_MAX_PAGE_NUMBER", 200)
        self.patience = settings.getint("ARCHIVE_PAGINATION_PATIENCE", 1)
        self.max_hubs = settings.getint("ARCHIVE_MAX_HUBS_PER_PATTERN", 100)
        self.seen: set[bytes] = set()
        self.hubs: Counter[str] = Counter()
        self.barren: Counter[str] = Counter()
        self._logged: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware for a crawler."""
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """Start requests are only recorded as seen."""
        async for output in start:
            if isinstance(output, Request):
                self.seen.add(request_fingerprint(output))
            yield output

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        """Filter one page's output (materialised: the pagination check needs all of it; a sitemap or
        feed, which is no pagination page, streams)."""
        if not _streamed(response):
            yield from self.filter_output(response, list(result))
            return
        only_requests = True
        for output in result:
            only_requests = only_requests and isinstance(output, Request)
            if self._passes(output, None):
                yield output
        self._count_hub(response, only_requests)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        """Async twin of ``process_spider_output``."""
        if not _streamed(response):
            outputs = [output async for output in result]
            for output in self.filter_output(response, outputs):
                yield output
            return
        only_requests = True
        async for output in result:
            only_requests = only_requests and isinstance(output, Request)
            if self._passes(output, None):
                yield output
        self._count_hub(response, only_requests)

    def filter_output(self, response: Response, outputs: list[Any]) -> Iterator[Any]:
        """Yield the items and the requests that pass the guards."""
        self.audit_links(response)
        requests = [o for o in outputs if isinstance(o, Request)]
        self._count_hub(response, len(requests) == len(outputs))
        stopped = self._exhausted_series(response.url, requests)
        for output in outputs:
            if self._passes(output, stopped):
                yield output

    def _count_hub(self, response: Response, only_requests: bool) -> None:
        if only_requests:
            self.hubs[url_pattern(response.url)] += 1

    def _passes(self, output: Any, stopped: str | None) -> bool:
        """True for an item, or a request no guard rejects (a rejected one is counted and logged)."""
        if not isinstance(output, Request):
            return True
        reason = self.problem(output.url, stopped)
        if reason is not None:
            self._drop(output.url, reason)
            return False
        if _SESSION_RE.search(output.url):
            self._inc("session_id")
        self.seen.add(request_fingerprint(output))
        return True

    def _exhausted_series(self, url: str, requests: list[Request]) -> str | None:
        """The page's own series when it is a pagination page that linked nothing unseen too often."""
        if page_number(url) is None:
            return None
        series = series_key(url)
        fresh = [
            r for r in requests if series_key(r.url) != series and request_fingerprint(r) not in self.seen
        ]
        if fresh:
            return None
        self.barren[series] += 1
        return series if self.barren[series] >= self.patience else None

    def problem(self, url: str, stopped_series: str | None = None) -> str | None:
        """The guard that rejects ``url``, or None."""
        reason = path_problem(url, self.max_segments, self.max_repeats)
        if reason is not None:
            return reason
        number = page_number(url)
        if number is not None and number > self.max_page:
            return "max_page"
        if stopped_series is not None and number is not None and series_key(url) == stopped_series:
            return "pagination_exhausted"
        if self.max_hubs and self.hubs[url_pattern(url)] >= self.max_hubs:
            return "pattern_budget"
        return None

    def audit_links(self, response: Response) -> None:
        """Count the page's links that are never followed: ``bad_scheme_link`` (``file:``, ``data:``,
        ``ftp:``...; one INFO line per page) and ``offsite_link`` (http(s) outside the spider's scope:
        other hosts, ports or schemes; DEBUG). The spider's link discovery leaves its own count in
        ``response.meta["archive_link_audit"]`` (the page is not parsed again)."""
        if not isinstance(response, TextResponse) or "html" not in _content_type(response):
            return
        audit = response.meta.get("archive_link_audit") if response.request is not None else None
        bad, offsite = audit if audit is not None else self._audit(response)
        if bad:
            self._inc("bad_scheme_link", len(bad))
            logger.info("Never followed: %d non-http link(s) on %s: %s", len(bad), response.url, bad[:5])
        if offsite:
            self._inc("offsite_link", offsite)
            logger.debug("Out of scope, not followed: %d link(s) on %s", offsite, response.url)

    def _audit(self, response: TextResponse) -> tuple[list[str], int]:
        scope = getattr(self.crawler.spider, "scope", None)
        bad: list[str] = []
        offsite = 0
        for href in response.xpath("//a/@href | //area/@href").getall():
            href = href.strip()
            scheme = href.split(":", 1)[0].lower() if ":" in href[:10] else ""
            if scheme in BAD_LINK_SCHEMES:
                bad.append(href[:80])
            elif scheme in ("http", "https") and scope is not None and not scope.allows(href):
                offsite += 1
        return bad, offsite

    def _inc(self, event: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archive/guard/{event}", count)

    def _drop(self, url: str, reason: str) -> None:
        self._inc(reason)
        key = (reason, url_pattern(url))
        if key not in self._logged:
            self._logged.add(key)
            logger.info("Trap guard (%s) dropped %s and will drop its like silently", reason, url)


def _streamed(response: Response) -> bool:
    """A sitemap or feed without a page number: its output needs no pagination check."""
    return is_feed_response(response) and page_number(response.url) is None


def _content_type(response: Response) -> str:
    return (response.headers.get(b"Content-Type") or b"text/html").decode("latin-1").lower()


class DepthLimitCounter:
    """Count the links Scrapy's DepthMiddleware will drop (order 950, before it): ``archive/guard/depth_limit``.

    DepthMiddleware drops requests deeper than DEPTH_LIMIT with a DEBUG line only; this one logs the
    first such page at INFO and counts every dropped link. It drops nothing itself.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_depth = crawler.settings.getint("DEPTH_LIMIT")
        self.logged = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        """Pass everything on, counting the requests past the depth limit."""
        for output in result:
            self._check(response, output)
            yield output

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        """Async twin of ``process_spider_output``."""
        async for output in result:
            self._check(response, output)
            yield output

    def _check(self, response: Response, output: Any) -> None:
        if not self.max_depth or not isinstance(output, Request):
            return
        if response.meta.get("depth", 0) + 1 <= self.max_depth:
            return
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("archive/guard/depth_limit")
        if not self.logged:
            self.logged = True
            logger.info(
                "Depth limit %d (DEPTH_LIMIT) reached at %s: deeper links are not followed and are counted "
                "as archive/guard/depth_limit",
                self.max_depth,
                response.url,
            )
