"""Trap guards: repeated path segments, deep paths, page numbers, lists that repeat themselves and URL shapes
that lead nowhere; counters for links never followed (other schemes, other origins).

Spider middleware over every request the spider yields. See README § Limits and safety and
reliability-checklist §4.1 (non-http links), §4.2 (offsite links) and §4.3 (calendar, pagination,
session-id and repeated-path traps). Depth is ``crawler.spidermiddlewares.depth``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.http import Response, TextResponse

from crawler.pages.links import BAD_LINK_SCHEMES
from crawler.spidermiddlewares.shapes import (
    capped_page_number,
    continues,
    page_number,
    path_problem,
    series_key,
    url_pattern,
)
from crawler.utils.aliases import NOT_LINKED
from crawler.utils.response import is_feed_response

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

_SESSION_RE = re.compile(r"[;?&](?:jsessionid|phpsessid|sid|sessionid|session_id)=", re.IGNORECASE)
#: ``request.meta`` keys: the links of the page that linked to the request (``link_key``), how many pages
#: of a list were followed page to page up to the request, and how many of them in a row added nothing.
LINKED_FROM = "archive_linked_from"
NEXT_PAGE = "archive_next_page"
BARREN_RUN = "archive_barren_run"

__all__ = ["TrapGuardMiddleware", "page_number", "path_problem", "series_key", "url_pattern"]


@dataclass(frozen=True)
class _Trace:
    """What a page hands its requests: its links (``link_key``), its barren run, whether its list stops here,
    the links of the page that led to it (its next pages linked there too are not cut) and how many pages
    of its list were followed page to page before it."""

    links: frozenset[int]
    run: int
    stopped: bool
    before: frozenset[int] = frozenset()
    pages: int = 0


class TrapGuardMiddleware:
    """Drop trap requests before they are scheduled; each drop counts ``archive/guard/<reason>``.

    Reasons: ``path_depth`` (more than ARCHIVE_MAX_PATH_SEGMENTS segments), ``repeated_path`` (a segment more
    than ARCHIVE_MAX_SEGMENT_REPEATS times), ``max_page`` (``?page=`` or ``/page/N/`` above
    ARCHIVE_MAX_PAGE_NUMBER), ``pagination_exhausted`` (the next pages of a list followed page to page,
    from its third page on, after ARCHIVE_PAGINATION_PATIENCE pages in a row of it that added nothing)
    and ``pattern_budget`` (a URL
    shape that already gave ARCHIVE_MAX_HUBS_PER_PATTERN pages that added nothing but more of its shape).
    A page *adds nothing* when it is not an article and every link it has, besides pages of its own shape
    or list, was also a link of the page that led to it: a page past the end of a list, an empty calendar
    day, a list page reached under a second URL (a twin: nothing new at all, so it never counts against a
    budget and its next pages, linked by its twin too, are not cut). That depends on the two pages only,
    never on what else the crawl saw first, so the guards fire the same way in every run; an ordinary
    list page lists something its neighbour does not. Session ids are only
    counted (``archive/guard/session_id``): the canonical request fingerprint makes such variants one
    request.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_segments = settings.getint("ARCHIVE_MAX_PATH_SEGMENTS", 20)
        self.max_repeats = settings.getint("ARCHIVE_MAX_SEGMENT_REPEATS", 2)
        self.max_page = settings.getint("ARCHIVE_MAX_PAGE_NUMBER", 200)
        self.patience = settings.getint("ARCHIVE_PAGINATION_PATIENCE", 1)
        self.max_hubs = settings.getint("ARCHIVE_MAX_HUBS_PER_PATTERN", 100)
        #: Pages that added nothing, per URL shape, and the shapes out of budget.
        self.barren: Counter[str] = Counter()
        self.closed: set[str] = set()
        self._logged: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware for a crawler."""
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        """Filter one page's output (materialised: whether the page added anything needs all of it; a
        sitemap or feed, which is no list page, streams)."""
        if not _streamed(response):
            yield from self.filter_output(response, list(result))
            return
        for output in result:
            if self._passes(output, None):
                yield output

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        """Async twin of ``process_spider_output``."""
        if not _streamed(response):
            outputs = [output async for output in result]
            for output in self.filter_output(response, outputs):
                yield output
            return
        async for output in result:
            if self._passes(output, None):
                yield output

    def filter_output(self, response: Response, outputs: list[Any]) -> Iterator[Any]:
        """Yield the items and the requests that pass the guards; note on each request where it came from."""
        self.audit_links(response)
        requests = [o for o in outputs if isinstance(o, Request)]
        meta = response.meta if response.request is not None else {}
        links: Iterable[str] = meta.get("archive_links") or [r.url for r in requests]
        verdict = (
            self._adds_nothing(response.url, meta.get(LINKED_FROM), links)
            if len(requests) == len(outputs)
            else None
        )
        barren = verdict is not None
        if verdict == "grows":
            self._note_barren(url_pattern(response.url))
        run = meta.get(BARREN_RUN, 0) + 1 if barren and meta.get(NEXT_PAGE) else 0
        stopped = bool(self.patience) and run >= self.patience and meta.get(NEXT_PAGE, 0) >= 2
        trace = _Trace(
            frozenset(map(link_key, links)),
            run,
            stopped,
            meta.get(LINKED_FROM) or frozenset(),
            meta.get(NEXT_PAGE, 0),
        )
        for output in outputs:
            if self._passes(output, (response.url, trace)):
                yield output

    def _adds_nothing(self, url: str, before: frozenset[int] | None, links: Iterable[str]) -> str | None:
        """``grows`` when every link of the page at ``url``, but more pages of its own shape or list, was a
        link of the page that led to it (``before``), ``twin`` when every link was, else None (also when
        ``before`` is unknown: start pages, resumed requests, sitemap entries)."""
        if before is None:
            return None
        shape, grows = url_pattern(url), False
        for link in links:
            if link_key(link) in before:
                continue
            if not continues(url, link, self.max_page) and url_pattern(link) != shape:
                return None
            grows = True
        return "grows" if grows else "twin"

    def _note_barren(self, shape: str) -> None:
        self.barren[shape] += 1
        if self.max_hubs and self.barren[shape] >= self.max_hubs and shape not in self.closed:
            self.closed.add(shape)
            logger.info(
                "Trap guard (pattern_budget): %d pages shaped %s added nothing; no more requests of that shape",
                self.barren[shape],
                shape,
            )

    def _passes(self, output: Any, source: tuple[str, _Trace] | None) -> bool:
        """True for an item, or a request no guard rejects (a rejected one is counted and logged)."""
        if not isinstance(output, Request):
            return True
        linked = source is not None and not output.meta.get(NOT_LINKED)
        next_page = linked and source is not None and continues(source[0], output.url, self.max_page)
        reason = self.problem(output.url)
        if reason is None and next_page and source is not None and source[1].stopped:
            reason = None if link_key(output.url) in source[1].before else "pagination_exhausted"
        if reason is not None:
            self._drop(output.url, reason)
            return False
        if _SESSION_RE.search(output.url):
            self._inc("session_id")
        if linked and source is not None:
            output.meta[LINKED_FROM] = source[1].links
            if next_page:
                output.meta[NEXT_PAGE] = source[1].pages + 1
                output.meta[BARREN_RUN] = source[1].run
        return True

    def problem(self, url: str) -> str | None:
        """The guard that rejects ``url`` whatever page links to it, or None."""
        reason = path_problem(url, self.max_segments, self.max_repeats)
        if reason is not None:
            return reason
        number = capped_page_number(url)
        if number is not None and number > self.max_page:
            return "max_page"
        if self.closed and url_pattern(url) in self.closed:
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


def link_key(url: str) -> int:
    """What a link is compared by: its path and query (``http://a/x?y`` and ``https://b/x?y`` are one
    link, so a link to a host recognised as an alias later still matches its rewritten form)."""
    start = url.find("//")
    path = url.find("/", start + 2) if start >= 0 else 0
    return hash(url[path:] if path >= 0 else "/")


def _streamed(response: Response) -> bool:
    """A sitemap or feed without a page number: its output needs no pagination check."""
    return is_feed_response(response) and page_number(response.url) is None


def _content_type(response: Response) -> str:
    return (response.headers.get(b"Content-Type") or b"text/html").decode("latin-1").lower()
