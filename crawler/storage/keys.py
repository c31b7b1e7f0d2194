"""``url_key``: ``crawler.urls.canonicalize`` behind a bounded cache, for the crawl's hot paths.

A crawl canonicalises the same URLs many times (fingerprints, crawl state, saves); the cache keeps the
last URL_KEY_CACHE results (a few MB), so memory stays bounded whatever the size of the site.
"""

from __future__ import annotations

from functools import lru_cache

from crawler.urls import canonicalize

#: URLs whose key is remembered (least recently used first out).
URL_KEY_CACHE = 1 << 14


@lru_cache(maxsize=URL_KEY_CACHE)
def url_key(url: str) -> str:
    """The canonical key of ``url`` (``crawler.urls.canonicalize``), cached."""
    return canonicalize(url)
