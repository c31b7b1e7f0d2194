"""The one generic spider: routes start pages, hubs, feeds and articles; extraction lives in crawler.pages.

See README § Crawling.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Collection, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse

from crawler.dupefilters import url_requested
from crawler.items import Article
from crawler.pages import dom, extract, page_class
from crawler.pages.feeds import looks_like_feed, parse_feed, robots_sitemaps
from crawler.pages.links import (
    PageLinks,
    Resolver,
    Scope,
    discover,
    feed_links,
    make_scope,
)
from crawler.pages.listdates import anchor_date
from crawler.pages.verdict import kind_reason, not_article_reason, page_kind
from crawler.sites import ProfileError, SiteProfile, load_profile
from crawler.urls import origin
from crawler.utils.aliases import NOT_LINKED, HostAliases, foreign_links

_URL_RE = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_ARTICLE_FIELDS = frozenset(Article.__dataclass_fields__)
#: ``request.meta`` key of a request made to check whether a foreign host is an alias (its host).
ALIAS_PROBE = "archive_alias_probe"


class SpiderArgumentError(ValueError):
    """A spider argument (``-a NAME=VALUE``) is missing or malformed."""


def parse_start_urls(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """Split ``-a start_urls=a,b`` (or a list) into validated absolute http(s) URLs."""
    if value is None:
        return ()
    items = re.split(r"[,\s]+", value) if isinstance(value, str) else list(value)
    urls = tuple(u.strip() for u in items if u and u.strip())
    for url in urls:
        if not _URL_RE.match(url):
            raise SpiderArgumentError(
                f"start_urls: {url!r} is not an absolute http(s) URL; "
                "give full URLs separated by commas, e.g. -a start_urls=https://a.example/,https://b.example/"
            )
    return urls


@dataclass(frozen=True)
class SpiderArgs:
    """All spider arguments, parsed and validated in one place."""

    site: str | None = None
    start_urls: tuple[str, ...] = ()
    max_depth: int | None = None
    follow_feeds: bool = True
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_kwargs(cls, kwargs: Mapping[str, Any]) -> SpiderArgs:
        """Parse ``-a`` arguments (always strings on the command line, lists when called from Python)."""
        known = {"site", "start_urls", "max_depth", "follow_feeds"}
        site = kwargs.get("site") or None
        depth_raw = kwargs.get("max_depth")
        max_depth = None
        if depth_raw not in (None, ""):
            try:
                max_depth = int(str(depth_raw))
            except ValueError:
                raise SpiderArgumentError(f"max_depth: {depth_raw!r} is not an integer") from None
            if max_depth < 0:
                raise SpiderArgumentError("max_depth: must be 0 (unlimited) or more")
        follow = str(kwargs.get("follow_feeds", "1")).lower() not in ("0", "false", "no", "off")
        return cls(
            site=site,
            start_urls=parse_start_urls(kwargs.get("start_urls")),
            max_depth=max_depth,
            follow_feeds=follow,
            extra={k: str(v) for k, v in kwargs.items() if k not in known},
        )


class ArticleSpider(scrapy.Spider):
    """Crawl a news site breadth-first and yield one Article per article page.

    Arguments (``-a NAME=VALUE`` or keyword arguments):
      site         name of a site profile (``crawler/sites/NAME.toml`` or a folder in ARCHIVE_SITE_DIRS).
      start_urls   comma-separated absolute URLs; replace the profile's start URLs. Without a profile the
                   crawl stays on the start URLs' origins (scheme, host and port).
      max_depth    link depth limit (sets DEPTH_LIMIT; 0 = unlimited).
      follow_feeds 0 to skip robots.txt sitemaps and RSS/Atom feeds (default: ARCHIVE_FOLLOW_FEEDS).

    Routing: every HTML page is offered to link discovery; a page is an article when the profile's
    ``links.article`` patterns say so, or, without patterns, when the extraction signals say so
    (``crawler.pages.verdict.page_kind``). Hubs are followed, never stored. Sitemaps and feeds found in
    robots.txt or ``<link rel="alternate">`` are parsed and their entries followed. Dates listed next to
    links (sitemaps, feeds, list pages: ``crawler.pages.listdates``) ride on the requests as
    ``meta["listed_date"]`` for the incremental middleware (newest first, ``--since``, ``published_at``).
    """

    name = "article"

    profile: SiteProfile | None
    scope: Scope
    args: SpiderArgs

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArticleSpider:
        """Parse arguments, load the profile and apply its Scrapy settings before they freeze."""
        parsed = SpiderArgs.from_kwargs(kwargs)
        if "follow_feeds" not in kwargs:
            parsed = replace(parsed, follow_feeds=crawler.settings.getbool("ARCHIVE_FOLLOW_FEEDS", True))
        profile = None
        if parsed.site:
            profile = load_profile(parsed.site, crawler.settings.get("ARCHIVE_SITE_DIRS") or None)
            page_class(profile)  # its page class loads now, or the crawl stops before any request
            for key, value in profile.settings.items():
                crawler.settings.set(key, value, priority="spider")
        if parsed.max_depth is not None:
            crawler.settings.set("DEPTH_LIMIT", parsed.max_depth, priority="spider")
        start_urls = parsed.start_urls or (profile.start_urls if profile else ())
        if not start_urls:
            raise SpiderArgumentError("no start URLs: give -a start_urls=URL[,URL] or -a site=NAME")
        spider = super().from_crawler(crawler, *args, start_urls=list(start_urls))
        spider.args = parsed
        spider.profile = profile
        spider.scope = make_scope(start_urls, profile)
        spider.logger.info(
            "Arguments: site=%s start_urls=%s max_depth=%s follow_feeds=%s",
            parsed.site,
            list(start_urls),
            parsed.max_depth,
            parsed.follow_feeds,
        )
        return spider

    @property
    def site_name(self) -> str:
        """The ``site`` value stored with each article."""
        return self.profile.name if self.profile else urlsplit(self.start_urls[0]).hostname or "unknown"

    def _count(self, event: str) -> None:
        if self.crawler.stats:
            self.crawler.stats.inc_value(f"archive/spider/{event}")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Start pages first; then each origin's robots.txt for declared sitemaps."""
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, meta={"kind": "start"})
        if self.args.follow_feeds:
            for base in dict.fromkeys(origin(u) for u in self.start_urls):
                # robots.txt is fetched once, quickly: RobotsPolicyMiddleware already decided about the origin.
                timeout = self.settings.getfloat("ARCHIVE_ROBOTS_TIMEOUT", 10.0)
                yield scrapy.Request(
                    f"{base}/robots.txt",
                    callback=self.parse_robots,
                    errback=self._ignore,
                    priority=-1,
                    meta={"dont_retry": True, "download_timeout": timeout},
                )

    def _ignore(self, failure: Any) -> None:
        self._count("robots_unavailable")

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow the sitemaps a robots.txt declares."""
        if response.status != 200 or not isinstance(response, TextResponse):
            return
        for url in robots_sitemaps(response.url, response.text):
            if self.scope.allows(url):
                yield scrapy.Request(url, callback=self.parse_feed)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow every in-scope entry of a sitemap, sitemap index or feed."""
        document = parse_feed(response.url, response.body)
        self._count(f"feed/{document.kind}")
        for entry in document.entries:
            if not self.scope.allows(entry.url):
                continue
            callback = self.parse_feed if document.kind == "sitemapindex" else self.parse
            yield scrapy.Request(entry.url, callback=callback, meta={"listed_date": entry.date})

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Route one fetched page: follow its links; yield an Article when it is an article.

        The page is parsed once (``crawler.pages.dom.parse``): link discovery, listed dates and the link
        audit read the tree first, then extraction takes it over (and prunes it). Links to pages the crawl
        already requested are dropped before any request is built (``archive/incremental/links_seen``).
        """
        if not isinstance(response, TextResponse) or "html" not in self._content_type(response):
            if looks_like_feed(response.body):
                yield from self.parse_feed(response)
            else:
                self._count("skipped/not_html")
            return
        root = dom.parse(response.text)
        found = self._discover(response, root)
        for url in found.follow:
            listed = found.dates.get(url)
            yield scrapy.Request(url, callback=self.parse, meta={"listed_date": listed} if listed else None)
        yield from self._follow_aliases(found.unique)
        if self.args.follow_feeds:
            for url in feed_links(response.url, root):
                if self.scope.allows(url):
                    yield scrapy.Request(url, callback=self.parse_feed)
        article = self.extract_article(response, root)
        if article is not None:
            yield from self._follow_related(response, article, found.unique)
            yield article

    def _discover(self, response: TextResponse, root: Any) -> PageLinks:
        """The page's links (``crawler.pages.links.discover``), links to alias hosts pointed at the origin
        first (``crawler.utils.aliases``)."""
        aliases = self._aliases
        if aliases is not None and response.request is not None and (probe := response.meta.get(ALIAS_PROBE)):
            aliases.probed(probe, response.url)
        foreign, rewritten = foreign_links(
            root, response.url, self._resolver.in_scope, aliases, self._requested
        )
        if rewritten:
            self._inc("scope/alias_link", rewritten)
        limit = self.settings.getint("ARCHIVE_MAX_LINKS_PER_PAGE", 500)
        found = discover(response.url, root, self._resolver, limit, self._requested, self._dater())
        self._note_links(response, found, limit, foreign)
        return found

    def _note_links(self, response: Response, found: PageLinks, limit: int, foreign: list[str]) -> None:
        """Hand the link audit and the page's links (in scope or not) to the trap guard, without a second
        parse, and count what discovery found."""
        if response.request is not None:
            response.meta["archive_link_audit"] = (found.bad_schemes, found.offsite)
            response.meta["archive_links"] = [*found.unique, *foreign]
        if found.capped:
            self._count("links_capped")
            self.logger.info("Links capped at %d (ARCHIVE_MAX_LINKS_PER_PAGE) on %s", limit, response.url)
        if found.seen:
            self._inc("incremental/links_seen", found.seen)
        if found.dates:
            self._inc("spider/list_dated", len(found.dates))

    def _follow_related(
        self, response: Response, article: Article, followed: Container[str]
    ) -> Iterator[scrapy.Request]:
        """Requests for the article's related links in scope that the page's own links did not cover."""
        for link in article.related:
            related_url = link.get("url")
            if not related_url or related_url in followed or not self.scope.allows(related_url):
                continue
            if self._requested(related_url):
                self._inc("incremental/links_seen")
                continue
            yield response.follow(related_url, callback=self.parse)

    @cached_property
    def _resolver(self) -> Resolver:
        return Resolver(self.scope, self.profile)

    @cached_property
    def _aliases(self) -> HostAliases | None:
        """Foreign hosts recognised as aliases of the crawl's origins (None: ARCHIVE_ALIAS_MIN_PATHS is 0)."""
        min_paths = self.settings.getint("ARCHIVE_ALIAS_MIN_PATHS", 5)
        return HostAliases(sorted(self.scope.origins), min_paths) if min_paths > 0 else None

    def _follow_aliases(self, followed: Collection[str]) -> Iterator[scrapy.Request]:
        """After a page's links (``followed``): log each newly recognised alias host and follow the links to
        it seen so far, on the origin; then request a few paths of likely alias hosts on the origin
        (``HostAliases.probes``)."""
        aliases = self._aliases
        if aliases is None:
            return
        aliases.confirm(followed)
        for host, base, matching, links in aliases.recognised():
            self._inc("scope/alias_host")
            self.logger.info(
                "Host %s is an alias of %s: %d of the paths linked on it are pages of %s too (%s); its links "
                "are followed there (ARCHIVE_ALIAS_MIN_PATHS; 0 turns this off)",
                host,
                base,
                len(matching),
                base,
                ", ".join(matching[:5]),
            )
            for url in links:
                if url in followed or not self._wanted(url):
                    continue
                self._inc("scope/alias_link")
                yield scrapy.Request(url, callback=self.parse, meta={NOT_LINKED: True})
        for host, url in aliases.probes(self._wanted):
            self._inc("scope/alias_probe")
            yield scrapy.Request(url, callback=self.parse, meta={ALIAS_PROBE: host, NOT_LINKED: True})

    def _requested(self, url: str) -> bool:
        return url_requested(self.crawler, url)

    def _wanted(self, url: str) -> bool:
        """An absolute URL the crawl would follow (in scope, not denied) and has not requested yet."""
        return self._resolver.resolve(url, url) is not None and not self._requested(url)

    def _dater(self) -> Callable[[Any], str | None]:
        """Listed dates of links (``crawler.pages.listdates.anchor_date``) in the site's time zone (unknown
        without a profile's: listed times stay naive), today."""
        tz = self.profile.timezone if self.profile else None
        today = datetime.now(ZoneInfo(tz or "UTC")).date()
        return lambda anchor: anchor_date(anchor, tz, today)

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats:
            self.crawler.stats.inc_value(f"archive/{key}", count)

    def _not_article(self, url: str, fields: Mapping[str, Any]) -> bool:
        """Count and log a would-be article that is a soft 404 or boilerplate only; True when it was one.

        Counter ``archive/validate/dropped/<reason>`` (the validate pipeline's), one INFO line.
        """
        reason = not_article_reason(url, fields, self.crawler.settings.getint("ARCHIVE_MIN_BODY_CHARS", 80))
        if reason is None:
            return False
        self._inc(f"validate/dropped/{reason}")
        self.logger.info("Not an article (%s), not stored: %s", reason, url)
        return True

    def extract_article(self, response: TextResponse, root: Any = None) -> Article | None:
        """Extract the page (its parsed ``root`` when given) and return an Article, or None (a hub)."""
        profile = self.profile
        if profile and profile.article_patterns and page_kind(response.url, profile) == "hub":
            self._count("hub")
            return None
        fields = extract(
            response.text,
            response.url,
            profile,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            root=root,
        )
        kind, reason = kind_reason(response.url, profile, fields.get("signals"))
        self._count(f"kind/{reason}")
        if kind == "hub":
            if not self._not_article(response.url, fields):  # soft 404, boilerplate only
                self._count("hub")
            return None
        self._count("article")
        data = {k: v for k, v in fields.items() if k in _ARTICLE_FIELDS}
        data["site"] = self.site_name
        data["encoding"] = response.encoding
        data["redirect_urls"] = list(response.meta.get("redirect_urls", []))
        return Article(**data)

    @staticmethod
    def _content_type(response: Response) -> str:
        value = response.headers.get(b"Content-Type") or b"text/html"
        return value.decode("latin-1").lower()


__all__ = ["ArticleSpider", "ProfileError", "SpiderArgs", "SpiderArgumentError", "parse_start_urls"]
