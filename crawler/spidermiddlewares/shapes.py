"""URL shapes read by the depth bookkeeping and the trap guards: page numbers, list continuation, URL patterns.

Pure functions, no I/O. See README § Limits and safety.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

#: Page numbers. Groups 1-2 are unambiguous (``?page=3``, ``/page/3/``, a static export's
#: ``/page/3/index.html``); groups 3-4 may be ids too
#: (WordPress ``?p=123``, ``list_3.html`` but also ``content_4521.html``): they make a list series but are
#: never capped by ARCHIVE_MAX_PAGE_NUMBER. ``t20240301_672610.htm`` (digits before ``_``) is no page number.
_PAGE_RE = re.compile(
    r"(?:[?&](?:page|pg|pn|pageno|page_no)=(\d+))|(?:/page/(\d+)(?:/|/(?:index|default)\.s?html?)?$)"
    r"|(?:[?&]p=(\d+))|(?:(?<=[a-z])_(\d+)\.s?html?$)",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_HOME_DOC = re.compile(r"/(?:index|default|home)\.[a-z]+$", re.IGNORECASE)


def _match(url: str) -> tuple[re.Match[str], int] | None:
    match = _PAGE_RE.search(url.split("#", 1)[0])
    if match is None:
        return None
    return match, next(i for i, g in enumerate(match.groups(), start=1) if g is not None)


def page_number(url: str) -> int | None:
    """The page number of a pagination URL (``?page=3``, ``/page/3/``, ``index_3.shtml``), else None."""
    found = _match(url)
    return int(found[0].group(found[1])) if found else None


def capped_page_number(url: str) -> int | None:
    """The page number when it cannot be an id (``?page=3``, ``/page/3/``), else None."""
    found = _match(url)
    return int(found[0].group(found[1])) if found and found[1] <= 2 else None


def series_key(url: str) -> str:
    """The pagination series a URL belongs to: the URL with its page number replaced by ``N``."""
    url = url.split("#", 1)[0]
    found = _match(url)
    if found is None:
        return url
    match, group = found
    return url[: match.start(group)] + "N" + url[match.end(group) :]


def first_page(url: str) -> str:
    """The URL of the list page a numbered page continues: ``list_3.html`` -> ``list.html``,
    ``/news/page/3/`` -> ``/news/``, ``?page=3&x=1`` -> ``?x=1``; unnumbered URLs unchanged."""
    url = url.split("#", 1)[0]
    found = _match(url)
    if found is None:
        return url
    match, group = found
    if group == 2:
        return url[: match.start()] + "/"
    if group == 4:
        return url[: match.start()] + url[match.end(group) :]
    head, sep, query = url.partition("?")
    pairs = [p for p in query.split("&") if p and p != match.group(0).lstrip("?&")]
    return head + (sep + "&".join(pairs) if pairs else "")


def _same_page(a: str, b: str) -> bool:
    """``/news/``, ``/news`` and ``/news/index.html`` name one list page."""
    return _HOME_DOC.sub("/", a).rstrip("/") == _HOME_DOC.sub("/", b).rstrip("/")


def continues(page: str, link: str, max_page: int = 0) -> bool:
    """True when ``link`` is another page of ``page``'s own list: the same URL but for the page number
    (``list_2.html`` -> ``list_3.html``, ``/news/`` -> ``/news/index_2.html``). ``max_page`` (0: none):
    a higher page number does not count as the same list."""
    number = page_number(link)
    if number is None or link == page or (max_page and number > max_page):
        return False
    if page_number(page) is not None:
        return series_key(page) == series_key(link)
    return _same_page(first_page(link), page.split("#", 1)[0])


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
