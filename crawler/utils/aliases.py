"""Hosts that are aliases of a crawled origin: a site copy or static export linking to its original host.

Pure bookkeeping, no I/O and no HTML: the spider reports the links it sees and asks for rewrites. See README
§ Crawling (scope).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.urls import origin as origin_of

#: Most foreign hosts watched at a time, and most distinct paths remembered per host (links to a host seen
#: before it is recognised are followed once it is, up to this many).
MAX_HOSTS = 256
MAX_PATHS = 256
#: A host with this many of its paths found on the origin has more of them requested there: each that
#: the origin serves counts too. At most ``MAX_PROBES`` per host (``MAX_SHAPES`` of them of shapes the
#: origin has shown no page of) and ``MAX_PROBES_TOTAL`` per crawl.
PROBE_AFTER = 2
MAX_PROBES = 8
MAX_SHAPES = 3
MAX_PROBES_TOTAL = 64
#: ``request.meta`` key of a request the page that yields it does not link to (links to an alias host seen
#: on earlier pages, probes): depth and trap guards do not take that page for the request's source.
NOT_LINKED = "archive_not_linked"
_DIGITS = re.compile(r"\d+")
_HOME = re.compile(r"^/(?:[^/]+/)*(?:(?:index|default|home)\.[a-z0-9]+)?$", re.IGNORECASE)


def host_and_path(url: str) -> tuple[str, str] | None:
    """``(host[:port], path?query)`` of an absolute http(s) URL (as ``crawler.urls.origin`` writes the
    host), else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return origin_of(url).split("://", 1)[1], path


def shape(path: str) -> str:
    """A path with its digit runs as ``N`` and its query values dropped: ``/info/iList_N.htm``."""
    head, _, query = path.partition("?")
    keys = "&".join(sorted(pair.split("=", 1)[0] for pair in query.split("&") if pair))
    return _DIGITS.sub("N", head) + (f"?{keys}" if keys else "")


def telling(path: str) -> bool:
    """A path that can tell one site from another: not ``/``, nor a folder or its index page."""
    return not _HOME.match(path.split("?", 1)[0]) or "?" in path


@dataclass
class _Candidate:
    """What is known about one foreign host: its linked paths (True once the origin has the same path)."""

    paths: dict[str, bool] = field(default_factory=dict)
    matched: dict[str, int] = field(default_factory=dict)  # origin -> telling paths it has too
    probed: set[str] = field(default_factory=set)
    tried: set[str] = field(default_factory=set)  # shapes of the paths probed


class HostAliases:
    """Recognise foreign hosts whose linked paths are the crawled origin's own paths, and rewrite their links.

    A host becomes an alias of an origin once ``min_paths`` distinct telling paths (``telling``) linked
    on it are pages of that origin: a copy of a site keeps absolute links to its original host, and
    those links name the copy's own pages. A path counts when the crawl found the same path on the
    origin, or, once ``PROBE_AFTER`` paths did, when the origin serves it (``probes``: a few of the
    host's other paths are requested on the origin). A genuinely different site shares a path or two by
    chance at most, and even then its links would only lead to the origin's own pages: the foreign host
    is never fetched. Links to a host seen before it is recognised are kept (at most ``MAX_PATHS`` per
    host, ``MAX_HOSTS`` hosts) and handed back when it is.
    """

    def __init__(self, origins: Iterable[str], min_paths: int) -> None:
        self.origins = tuple(dict.fromkeys(o.rstrip("/") for o in origins))
        self.min_paths = min_paths
        self.aliases: dict[str, str] = {}  # host -> origin
        self._candidates: dict[str, _Candidate] = {}
        self._waiting: dict[tuple[str, str], set[str]] = {}  # (origin, path) -> hosts that linked it
        self._probes_left = MAX_PROBES_TOTAL
        #: Foreign links already noted (a portal repeats its partner links on every page; bounded).
        self._noted: set[str] = set()

    def rewrite(self, url: str) -> str | None:
        """``url`` on the origin its host is an alias of, or None (not an alias)."""
        if not self.aliases:
            return None
        found = host_and_path(url)
        if found is None or found[0] not in self.aliases:
            return None
        return self.aliases[found[0]] + found[1]

    def observe(self, url: str, known: Callable[[str], bool]) -> None:
        """Note a link to ``url`` on a host outside the crawl; ``known(url)``: the crawl has that page."""
        if url in self._noted:
            return
        if len(self._noted) >= MAX_HOSTS * MAX_PATHS:
            self._noted.clear()
        self._noted.add(url)
        found = host_and_path(url.split("#", 1)[0])
        if found is None or found[0] in self.aliases:
            return
        host, path = found
        candidate = self._candidates.get(host)
        if candidate is None:
            if len(self._candidates) >= MAX_HOSTS:
                return
            candidate = self._candidates[host] = _Candidate()
        if path in candidate.paths or len(candidate.paths) >= MAX_PATHS:
            return
        candidate.paths[path] = False
        if not telling(path):
            return
        for origin in self.origins:
            if known(origin + path):
                self._match(host, origin, path)
                return
            self._waiting.setdefault((origin, path), set()).add(host)

    def confirm(self, links: Iterable[str]) -> None:
        """Note in-scope links of a page: paths foreign hosts linked become matches when the origin has them."""
        if not self._waiting:
            return
        for link in links:
            for origin in self.origins:
                if link.startswith(origin) and (
                    hosts := self._waiting.pop((origin, link[len(origin) :]), None)
                ):
                    for host in hosts:
                        self._match(host, origin, link[len(origin) :])

    def probes(self, wanted: Callable[[str], bool]) -> list[tuple[str, str]]:
        """``(host, URL on the origin)`` to request now (``wanted(url)``: a page the crawl would fetch and has
        not): unmatched telling paths of hosts with some evidence, shaped like the paths the origin has
        (``shape``), or one of each of a few other shapes."""
        out = []
        for host, candidate in self._candidates.items():
            if not candidate.matched or max(candidate.matched.values()) < PROBE_AFTER:
                continue
            origin = max(candidate.matched.items(), key=lambda item: item[1])[0]
            good = {shape(path) for path, matched in candidate.paths.items() if matched}
            unmatched = [
                p for p, matched in candidate.paths.items() if not matched and p not in candidate.probed
            ]
            ordered = sorted(unmatched, key=lambda path: shape(path) not in good)  # stable: page order kept
            for path in ordered:
                if len(candidate.probed) >= MAX_PROBES or self._probes_left <= 0:
                    break
                form = shape(path)
                if not telling(path) or (
                    form not in good and (form in candidate.tried or len(candidate.tried) >= MAX_SHAPES)
                ):
                    continue
                if not wanted(origin + path):
                    continue
                candidate.probed.add(path)
                if form not in good:
                    candidate.tried.add(form)
                self._probes_left -= 1
                out.append((host, origin + path))
        return out

    def probed(self, host: str, url: str) -> None:
        """The origin served ``url``, requested by ``probes`` for ``host``."""
        for origin in self.origins:
            if url.startswith(origin):
                self._match(host, origin, url[len(origin) :])

    def _match(self, host: str, origin: str, path: str) -> None:
        candidate = self._candidates.get(host)
        if candidate is None or candidate.paths.get(path):
            return
        candidate.paths[path] = True
        candidate.matched[origin] = candidate.matched.get(origin, 0) + 1

    def recognised(self) -> list[tuple[str, str, list[str], list[str]]]:
        """Hosts that have become aliases since the last call: ``(host, origin, matching paths, links to
        follow now)``, the links being every remembered link to the host, rewritten to the origin."""
        out = []
        for host, candidate in list(self._candidates.items()):
            if not self.min_paths or not candidate.matched:
                continue
            origin, count = max(candidate.matched.items(), key=lambda item: item[1])
            if count < self.min_paths:
                continue
            self.aliases[host] = origin
            del self._candidates[host]
            matching = [path for path, seen in candidate.paths.items() if seen]
            out.append((host, origin, matching, [origin + path for path in candidate.paths]))
        if out:
            self._waiting = {
                key: left for key, hosts in self._waiting.items() if (left := hosts - self.aliases.keys())
            }
        return out


def foreign_links(
    root: Any,
    base: str,
    in_scope: Callable[[str], bool],
    aliases: HostAliases | None = None,
    known: Callable[[str], bool] = lambda url: False,
) -> tuple[list[str], int]:
    """The absolute links of a parsed page to hosts outside the crawl, and how many links to alias hosts
    were pointed at their origin (in place, so that link discovery follows them); the other foreign links
    are noted as evidence (``HostAliases.observe``)."""
    foreign: list[str] = []
    rewritten = 0
    for node in root.iter("a", "area"):
        href = node.get("href")
        if not href or "//" not in href[:10]:  # relative links, fast
            continue
        href = href.strip()
        if not href[:8].lower().startswith(("http://", "https://", "//")):
            continue
        absolute = urljoin(base, href) if href.startswith("//") else href
        if in_scope(absolute):
            continue
        target = aliases.rewrite(absolute) if aliases is not None else None
        if target is not None:
            node.set("href", target)
            rewritten += 1
            continue
        foreign.append(absolute)
        if aliases is not None:
            aliases.observe(absolute, known)
    return foreign, rewritten
