"""Page metadata: <meta> tags, JSON-LD Article objects, title, canonical URL and language."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler.pages.dom import clean_space

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "blogposting",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "report",
        "scholarlyarticle",
        "techarticle",
        "liveblogposting",
        "webpage",
    }
)
DATE_KEYS = (
    "article:published_time",
    "publishdate",
    "firstpublishedtime",
    "pubdate",
    "og:release_date",
    "datepublished",
    "publish_date",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "weibo: article:create_at",
    "sailthru.date",
    "parsely-pub-date",
    "date",
    "og:published_time",
)

#: <meta> update times: never the publish date, but evidence of the page's year (``UPDATE_KEYS``).
UPDATE_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "dateupdate",
    "datemodified",
    "lastmodifiedtime",
    "last-modified",
)


def metas(root: etree._Element) -> dict[str, str]:
    """<meta name|property|itemprop|http-equiv> -> content (first occurrence, keys lower-cased)."""
    out: dict[str, str] = {}
    for node in root.iter("meta"):
        key = node.get("name") or node.get("property") or node.get("itemprop") or node.get("http-equiv")
        value = node.get("content")
        if key and value and value.strip():
            out.setdefault(key.strip().lower(), value.strip())
    return out


def _flatten(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for entry in data for item in _flatten(entry)]
    if isinstance(data, dict):
        return [data, *_flatten(data.get("@graph", []))]
    return []


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type", [])
    return [str(k) for k in (kind if isinstance(kind, list) else [kind])]


def _unwrap(text: str) -> str:
    """Script text without the CDATA / HTML-comment wrappers some CMSs put around JSON-LD."""
    text = text.strip()
    text = re.sub(r"^(?://\s*)?(?:<!\[CDATA\[|<!--)", "", text).strip()
    return re.sub(r"(?://\s*)?(?:\]\]>|-->)$", "", text).strip()


def jsonld(root: etree._Element) -> dict[str, Any]:
    """The first JSON-LD object of an article type (else the first object), or {}."""
    objects: list[dict[str, Any]] = []
    for node in root.iter("script"):
        if (node.get("type") or "").lower() != "application/ld+json" or not node.text:
            continue
        try:
            objects.extend(_flatten(json.loads(_unwrap(node.text), strict=False)))
        except (ValueError, RecursionError):
            continue
    for obj in objects:
        if any(t.lower() in ARTICLE_TYPES - {"webpage"} for t in _types(obj)):
            return obj
    return objects[0] if objects else {}


def jsonld_type(obj: dict[str, Any]) -> str | None:
    kinds = _types(obj)
    return kinds[0] if kinds else None


_ITEMTYPES = etree.XPath("//@itemtype")


def microdata_types(root: etree._Element) -> tuple[str, ...]:
    """The schema.org types the page's microdata declares (``itemtype`` of ``itemscope`` elements: the last
    path segment of each URL), in document order, each once."""
    found: dict[str, None] = {}
    for declared in _ITEMTYPES(root):
        for value in str(declared).split():
            name = value.rstrip("/").rsplit("/", 1)[-1]
            if name:
                found[name] = None
    return tuple(found)


def jsonld_names(value: Any) -> list[str]:
    """Author names from a JSON-LD author value (string, object or list)."""
    if isinstance(value, list):
        return [name for item in value for name in jsonld_names(item)]
    if isinstance(value, dict):
        value = value.get("name")
    return [clean_space(value)] if isinstance(value, str) and value.strip() else []


def canonical(root: etree._Element, meta: dict[str, str], url: str) -> str | None:
    """rel=canonical (else og:url) as the page declares it, made absolute; None unless http(s).

    Whether it may stand for the page's identity (same site, not a home or section page) is decided by
    the normalize pipeline (``crawler.urls.trusted_canonical``), which counts and logs an untrusted one.
    """
    href = next(
        (n.get("href") for n in root.iter("link") if "canonical" in (n.get("rel") or "").lower()), None
    )
    href = href or meta.get("og:url")
    if not href or not href.strip():
        return None
    absolute = urljoin(url, href.strip())
    target = urlsplit(absolute)
    if target.scheme not in ("http", "https") or not target.hostname:
        return None
    return str(absolute)


_LANG_SUBTAG = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_]|$)")


def declared_lang(root: etree._Element, meta: dict[str, str]) -> str | None:
    """Primary language subtag from <html lang>, content-language or og:locale."""
    value = root.get("lang") or root.get("xml:lang") or meta.get("content-language") or meta.get("language")
    value = value or meta.get("og:locale")
    match = _LANG_SUBTAG.match(value or "")
    return str(match.group(1)).lower() if match else None
