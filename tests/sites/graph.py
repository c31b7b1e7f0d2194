"""Links between a fixture site's pages: relative hrefs, out-links, and breadth-first depth from the start."""

from __future__ import annotations

import posixpath
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import html as lxml_html

from crawler.demo.site import Site
from tests.sites import is_html

_BASE = "http://fixture.test"


def relative(from_path: str, to_path: str) -> str:
    """The href a page at ``from_path`` writes for ``to_path`` (as site copiers rewrite links)."""
    target = posixpath.relpath(to_path.rstrip("/") or "/", posixpath.dirname(from_path) or "/")
    return target + "/" if to_path.endswith("/") and to_path != "/" else target


def outlinks(site: Site, path: str) -> list[str]:
    """Paths (with query) of the in-site ``<a href>`` targets of one page, in document order."""
    page = site[path]
    if not is_html(page) or not page.body.strip():
        return []
    base = _BASE + path
    found = []
    for href in lxml_html.fromstring(page.body).xpath("//a/@href"):
        url = urldefrag(urljoin(base, href.strip())).url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == _BASE:
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def depths(site: Site, start: str) -> dict[str, int]:
    """Breadth-first link depth of every page reachable from ``start`` (the start page is 0)."""
    seen = {start: 0}
    queue = deque([start])
    while queue:
        path = queue.popleft()
        for target in outlinks(site, path):
            if target in site and target not in seen:
                seen[target] = seen[path] + 1
                queue.append(target)
    return seen
