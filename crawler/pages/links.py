"""Link discovery and page kinds: which links a page offers and whether it is an article or a hub.

Pure functions over (url, html, profile); the spider only routes on their answers. See README § Crawling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from crawler.pages.dom import clean_space
from crawler.pages.listdates import MIN_TITLE
from crawler.pages.verdict import may_be_article, path_and_query
from crawler.sites import SiteProfile
from crawler.urls import origin

#: Extensions that are never pages worth fetching.
BINARY_EXT = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|bmp|tiff?|pdf|zip|rar|7z|gz|tgz|bz2|xz|exe|msi|dmg|apk|"
    r"docx?|xlsx?|pptx?|mp[34]|m4a|avi|mov|wmv|flv|wav|ogg|webm|css|js|woff2?|ttf|eot)$",
    re.IGNORECASE,
)
#: Link schemes that are never fetched and are worth a count (javascript:, mailto: and tel: are not).
BAD_LINK_SCHEMES = frozenset({"file", "data", "ftp", "ftps", "s3", "sftp", "smb", "gopher"})
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "text/xml")


@dataclass(frozen=True)
class Scope:
    """Where a crawl may go: origins (``crawler.urls.origin``) of the start URLs, plus profile domains."""

    origins: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    def allows(self, url: str) -> bool:
        """Return True when ``url`` is http(s) and inside one of the origins or domains."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        if origin(url) in self.origins:
            return True
        host = parts.hostname.lower()
        if parts.port not in (None, 80, 443):
            return False
        return any(host == d or host.endswith("." + d) for d in self.domains)


def make_scope(start_urls: Iterable[str], profile: SiteProfile | None) -> Scope:
    """Build the crawl scope from the start URLs' origins and the profile's allowed domains."""
    origins = frozenset(origin(u) for u in start_urls)
    domains = frozenset(d.lower().lstrip(".") for d in (profile.allowed_domains if profile else ()))
    return Scope(origins=origins, domains=domains)


def is_denied(url: str, profile: SiteProfile | None) -> bool:
    """Return True for binary files and URLs matching the profile's deny patterns."""
    path = path_and_query(url)
    if BINARY_EXT.search(urlsplit(url).path):
        return True
    return bool(profile and any(p.search(path) for p in profile.deny_patterns))


#: Hrefs that are never links to a page.
_NOT_LINKS = ("#", "javascript:", "mailto:", "tel:")
#: Resolved hrefs remembered by ``Resolver`` (portal chrome repeats the same hrefs on every page).
RESOLVED_CACHE = 1 << 14


def _root(doc: Selector | etree._Element) -> etree._Element:
    return doc.root if isinstance(doc, Selector) else doc


def base_of(url: str, doc: Selector | etree._Element) -> str:
    """The URL relative links resolve against: ``<base href>`` or the page URL."""
    base = next((b.get("href") for b in _root(doc).iter("base") if b.get("href")), None)
    return urljoin(url, base.strip()) if base else url


class Resolver:
    """Resolve hrefs to followable absolute URLs (``None``: out of scope, denied or not a page link).

    Root-relative and absolute hrefs resolve the same on every page of an origin, so their answers are
    kept (bounded, cleared when full): the nav, footer and sidebar links of a portal cost a dict lookup.
    """

    def __init__(self, scope: Scope, profile: SiteProfile | None) -> None:
        self.scope, self.profile = scope, profile
        self._cache: dict[tuple[str, str], str | None] = {}
        self._scoped: dict[str, bool] = {}
        #: URLs known to be requested by the crawl already (a request stays requested; bounded).
        self.requested: set[str] = set()

    def remember_requested(self, url: str) -> None:
        """Remember that the crawl requested ``url`` (bounded: forgotten in bulk when full)."""
        if len(self.requested) >= RESOLVED_CACHE:
            self.requested.clear()
        self.requested.add(url)

    def in_scope(self, absolute: str) -> bool:
        """``Scope.allows`` for an absolute http(s) href, remembered."""
        answer = self._scoped.get(absolute)
        if answer is None:
            if len(self._scoped) >= RESOLVED_CACHE:
                self._scoped.clear()
            answer = self._scoped[absolute] = self.scope.allows(absolute)
        return answer

    def resolve(self, base: str, href: str) -> str | None:
        """The absolute URL (without fragment) to follow for ``href`` on a page whose base is ``base``."""
        if href.startswith("/") and not href.startswith("//"):
            key = (base[: base.find("/", base.find("//") + 2)] if base.count("/") > 2 else base, href)
        elif href.startswith(("http://", "https://")):
            key = ("", href)
        else:
            return self._check(urljoin(base, href).split("#", 1)[0])
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) >= RESOLVED_CACHE:
            self._cache.clear()
        answer = self._cache[key] = self._check(urljoin(base, href).split("#", 1)[0])
        return answer

    def _check(self, absolute: str) -> str | None:
        return absolute if self.scope.allows(absolute) and not is_denied(absolute, self.profile) else None


@dataclass
class PageLinks:
    """What one pass over a page's links found (``discover``)."""

    #: In-scope, non-denied links not requested yet, in page order.
    follow: list[str] = field(default_factory=list)
    #: Listed dates (``crawler.pages.listdates``) of followed links that may be articles.
    dates: dict[str, str] = field(default_factory=dict)
    #: Every in-scope link of the page, followed or already requested (at most ``limit`` + 1).
    unique: set[str] = field(default_factory=set)
    #: Links dropped because the crawl already requested them.
    seen: int = 0
    #: True when the page had more than ``limit`` in-scope links (the rest are not followed).
    capped: bool = False
    #: Hrefs with a scheme that is never fetched (``file:``, ``ftp:`` ...), and the count of absolute
    #: http(s) hrefs outside the scope: the trap guard counts them.
    bad_schemes: list[str] = field(default_factory=list)
    offsite: int = 0


def discover(
    url: str,
    root: etree._Element,
    resolver: Resolver,
    limit: int,
    requested: Callable[[str], bool],
    dated: Callable[[etree._Element], str | None] | None = None,
) -> PageLinks:
    """One pass over a page's ``<a>`` and ``<area>`` links: what to follow, their listed dates, the audit.

    A link the crawl already ``requested`` is counted and dropped here, before any request, date or
    crawl-state work is done for it; ``dated(anchor)`` is asked only for followed links that may be
    articles (at most twice per URL, first date wins), as ``listdates.list_dates`` would answer.
    """
    base = base_of(url, root)
    out = PageLinks()
    tries: dict[str, int] = {}
    follow: dict[str, None] = {}
    for node in root.iter("a", "area"):
        href = (node.get("href") or "").strip()
        if not href or href.startswith(_NOT_LINKS):
            continue
        if ":" in href[:10]:
            scheme = href.split(":", 1)[0].lower()
            if scheme in BAD_LINK_SCHEMES:
                out.bad_schemes.append(href[:80])
                continue
            if scheme in ("http", "https") and not resolver.in_scope(href):
                out.offsite += 1
                continue
        absolute = resolver.resolve(base, href)
        if absolute is None:
            continue
        if absolute not in out.unique:
            if out.capped or len(out.unique) >= limit:
                out.capped = True
                continue
            out.unique.add(absolute)
            if absolute in resolver.requested or requested(absolute):
                resolver.remember_requested(absolute)
                out.seen += 1
                continue
            follow[absolute] = None
            if dated is not None and may_be_article(absolute, resolver.profile):
                tries[absolute] = 0
        if absolute in tries and absolute not in out.dates and tries[absolute] < 2 and node.tag == "a":
            if len(clean_space("".join(node.itertext()))) < MIN_TITLE:
                continue
            tries[absolute] += 1
            found = dated(node) if dated is not None else None
            if found:
                out.dates[absolute] = found
    out.follow = list(follow)
    return out


def feed_links(url: str, doc: Selector | etree._Element) -> list[str]:
    """Return the RSS/Atom feeds a page declares with ``<link rel="alternate">``."""
    out = []
    for node in _root(doc).iter("link"):
        href = node.get("href")
        if href and "alternate" in (node.get("rel") or "") and (node.get("type") or "").lower() in FEED_TYPES:
            out.append(urljoin(url, href.strip()))
    return out
