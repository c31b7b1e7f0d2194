"""Author names from markup: rel=author, itemprop=author and author/byline class names, and meta tags.

Used after JSON-LD and Chinese credit lines (see ArticlePage.credits). Comment areas are never read, and a
value that is a URL, a CMS id, a handle or the site's own name is not a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from lxml import etree

from crawler.cleaning.credits import normalize_names
from crawler.cleaning.names import is_organisation
from crawler.items import ANONYMOUS
from crawler.pages import dom, textlines
from crawler.pages.census import Marked, never, survey
from crawler.pages.tags import SKIP

META_KEYS = (
    "author",
    "article:author",
    "article:author_name",
    "og:article:author",
    "dc.creator",
    "byl",
    "parsely-author",
    "sailthru.author",
    "citation_author",
)
#: Matched on folded markers (``dom.fold``), hence no IGNORECASE (several times slower per search).
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NAME_PUNCT = re.compile(r"[:：()（）]")
_CLASS = re.compile(r"(?:^|[-_\s])(?:author|byline|by-line|writer|byl)(?:name|s)?(?:$|[-_\s])")
_NOT_NAME_CLASS = re.compile(
    r"bio|photo|avatar|image|img|follow|social|twitter|date|time|desc|about|more|list|comment|label|title"
)
_COMMENTS = re.compile(r"comment|reply|respond|discuss|disqus", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:(?:written|posted|words|story|text|reporting)\s+)?(?:by|par|por|von|door|di|da|av|af)\b[:\s]*",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"\s*(?:[|•·—–]|\s-\s|\bon\s+\w+\s+\d|(?:\blast\s+)?\bupdated\b|\bpublished\b|\d{1,2}:\d{2}|\d{4}|\d+\s*(?:h|hours?|min)\b).*$",
    re.IGNORECASE,
)
_CMS_ID = re.compile(
    r"^[A-Za-z]{0,4}[_-]?\d{3,}$|^https?://|^www\.|\.(?:com|cn|net|org)\b|@|\d", re.IGNORECASE
)
_PARTICLES = frozenset(
    {"de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "bin", "al", "y", "e"}
)
_MAX_CANDIDATES = 40
#: Words of widget labels that sit in byline markup ("About the Author", "A note from ...", "Follow").
_NOT_NAME_WORDS = frozenset(
    {"about", "author", "authors", "follow", "share", "note", "from", "posted", "written", "view", "profile"}
)


def plausible_name(name: str, site_names: tuple[str, ...] = ()) -> bool:
    """A person's (or a desk's) name: short, no URL/id/handle, not the site itself.

    ``site_names`` are the site's own names; a name that only forms part of one ("网易" in "网易新闻") is the
    brand, while a name equal to a <title> segment may be a blogger's or columnist's (callers pass both).
    """
    if not name or len(name) > 40 or _CMS_ID.search(name):
        return False
    lowered = name.casefold()
    brands = [_LEAD.sub("", s).casefold() for s in site_names]
    if any(len(s) >= 2 and lowered in s and lowered != s for s in brands):
        return False
    if _HAN.search(name):
        return 2 <= len(name) <= 12 and not is_organisation(name) and not _NAME_PUNCT.search(name)
    words = name.replace(".", ". ").split()
    if not 1 <= len(words) <= 5 or not words[0][0].isupper():
        return False
    if any(w.casefold().strip(".:") in _NOT_NAME_WORDS for w in words):
        return False
    capitalised = [w for w in words if w[0].isupper() or w.lower() in _PARTICLES or not w[0].isalpha()]
    return 2 * len(capitalised) >= len(words)


def clean_byline(text: str) -> tuple[str, ...]:
    """Names in a byline text: "By Jane Doe and John Roe - May 2, 2024" -> ("Jane Doe", "John Roe")."""
    text = dom.clean_space(text)
    text = _LEAD.sub("", text)
    text = _TAIL.sub("", text).strip(" ,;:")
    return normalize_names(text) if text else ()


def _in_comments(node: etree._Element) -> bool:
    for ancestor in node.iterancestors():
        marker = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if _COMMENTS.search(marker) or dom.tag_of(ancestor) in ("footer", "nav"):
            return True
    return False


def _candidates(
    root: etree._Element, after: etree._Element | None = None, marked: Iterable[Marked] | None = None
) -> Iterator[tuple[etree._Element, bool]]:
    """Elements marked as an author by rel/itemprop, or by a class/id name (a substring test first), each
    with whether it comes after ``after`` in document order.

    ``marked``: ``Census.marked`` of this tree as it is, with at least the elements ``byline_names`` names;
    made here when not given.
    """
    if marked is None:
        marked = survey(root, never, frozenset(), byline_names).marked
    for node, tag, names, ident, rel, prop in marked:
        if not (names or ident or rel or prop) or node is root:
            continue
        if tag in SKIP and tag != "meta":
            continue
        if rel or prop:
            rels, props = (rel or "").lower().split(), (prop or "").lower().split()
            if "author" in rels or "author" in props or "creator" in props:
                yield node, _follows(node, after, root)
                continue
        if byline_names(names, ident):
            yield node, _follows(node, after, root)


def _follows(node: etree._Element, after: etree._Element | None, root: etree._Element) -> bool:
    """True when ``after``, inside ``root`` but not ``root`` itself, comes before ``node`` (a descendant of
    ``root``) in document order: it is an ancestor of ``node`` or its branch comes first."""
    if after is None or after is root or after is node:
        return False
    path = [node, *node.iterancestors()]
    where = {element: index for index, element in enumerate(path)}
    top = where[root]
    child: etree._Element = after
    probe: etree._Element | None = after
    while probe is not None:
        index = where.get(probe)
        if index is not None:
            if index > top or index == 0:  # ``after`` is outside ``root``, or inside ``node``
                return False
            if probe is after:  # an ancestor of ``node``
                return True
            return bool(probe.index(child) < probe.index(path[index - 1]))
        child, probe = probe, probe.getparent()
    return False


@lru_cache(maxsize=4096)
def byline_names(names: str | None, ident: str | None) -> bool:
    """A class/id pair that names a byline (a substring test first); pages repeat names: remembered."""
    marker = dom.fold(f"{names or ''} {ident or ''}")
    if "author" not in marker and "byl" not in marker and "by-line" not in marker and "writer" not in marker:
        return False
    return bool(_CLASS.search(marker)) and not _NOT_NAME_CLASS.search(marker)


def _names_of(node: etree._Element, site_names: tuple[str, ...]) -> tuple[str, ...]:
    named = node.xpath(".//*[@itemprop='name']")
    value = named[0].get("content") or textlines.text_of(named[:1]) if named else None
    value = value or node.get("content") or next((line.text for line in textlines.lines(node)), "")
    if not value or len(value) > 120 or _in_teaser(node, value):
        return ()
    return tuple(n for n in clean_byline(value) if plausible_name(n, site_names))


#: Characters besides the name that make a link a teaser (its headline), not a byline.
_TEASER_EXTRA = 4
_NOT_WORD = re.compile(r"[\W_]+")


def _in_teaser(node: etree._Element, value: str) -> bool:
    """True for an author inside a link that says more than the name: a teaser of another page, its writer
    shown before its headline ("王一：某某新年大礼")."""
    link = next((a for a in node.iterancestors("a")), None)
    if link is None:
        return False
    extra = _LEAD.sub("", dom.clean_space("".join(link.itertext())).replace(value.strip(), " ", 1))
    return len(_NOT_WORD.sub("", extra)) >= _TEASER_EXTRA


def dom_authors(
    root: etree._Element,
    site_names: tuple[str, ...] = (),
    after: etree._Element | None = None,
    marked: Iterable[Marked] | None = None,
) -> tuple[str, ...]:
    """Author names that markup declares outside comment areas: the first byline after ``after`` (the
    headline element) when there is one, else the first in the page; sibling bylines add co-authors.

    The scan stops at the first byline past that chain of siblings (nothing later can change the answer).
    ``marked``: ``Census.marked`` of this tree as it is, which spares reading every element's attributes.
    """
    found: list[tuple[etree._Element, tuple[str, ...]]] = []
    start = None  # index in ``found`` of the byline chosen
    for count, (node, following) in enumerate(_candidates(root, after, marked)):
        if count >= _MAX_CANDIDATES:
            break
        names = () if _in_comments(node) else _names_of(node, site_names)
        if not names:
            continue
        if start is not None and not _co_byline(found[start][0], node):
            break
        found.append((node, names))
        if start is None and (after is None or (following and not _inside_later_sibling(node, after))):
            start = len(found) - 1
    if not found:
        return ()
    start = start or 0  # no byline after the headline: the first in the page
    node, names = found[start]
    out = list(names)
    for other, more in found[start + 1 :]:
        if not _co_byline(node, other):
            break
        out.extend(n for n in more if n not in out)
    return tuple(out)


def _inside_later_sibling(node: etree._Element, after: etree._Element) -> bool:
    """True for an element inside (not at) one of ``after``'s later siblings: those are not looked at as
    bylines after the headline (the headline's own siblings and wider neighbours are)."""
    parent = after.getparent()
    if parent is None:
        return False
    for ancestor in node.iterancestors():
        if ancestor.getparent() is parent:
            return ancestor is not after
    return False


def _co_byline(first: etree._Element, other: etree._Element) -> bool:
    """A later byline that adds co-authors to ``first``: a sibling, not inside it."""
    return other.getparent() is first.getparent() and first not in other.iterancestors()


#: A pen name in Latin letters on a Chinese page (kingname, ChenYu): a single word, no digits.
_HANDLE = re.compile(r"^[A-Za-z][A-Za-z_.-]{2,19}$")


def meta_authors(
    meta: dict[str, str], site_names: tuple[str, ...] = (), handles: bool = False
) -> tuple[str, ...]:
    """Author names from <meta> tags, skipping URLs, CMS ids, handles and the site's own name.

    ``handles``: a Chinese page, whose writers often sign with a Latin pen name in lower case (kingname).
    """
    for key in META_KEYS:
        value = meta.get(key)
        if not value or ("," in value.rstrip(",") and not re.search(r"\band\b", value) and len(value) > 40):
            continue
        names = tuple(
            n
            for n in clean_byline(value)
            if plausible_name(n, site_names) or (handles and _handle(n, site_names))
        )
        if names:
            return names
    return ()


def _handle(name: str, site_names: tuple[str, ...]) -> bool:
    """A Latin pen name that is not a placeholder nor one of the site's names."""
    folded = name.casefold()
    return (
        _HANDLE.match(name) is not None
        and folded != ANONYMOUS
        and not any(folded in s.casefold() for s in site_names if s)
    )
