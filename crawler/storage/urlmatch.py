"""How each URL of a saved item leads to its article: the ``article_urls.match`` kinds and their strength.

See README § Storage (``article_urls``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from crawler.urls import url_key as canonicalize

Match = Literal["fetched", "canonical", "redirect", "content_hash"]
#: Lower is stronger: a URL keeps its strongest known relation to the same article.
MATCH_RANK: Mapping[str, int] = {"fetched": 0, "canonical": 1, "redirect": 2, "content_hash": 3}
#: MATCH_RANK as SQL, ``{}`` standing for the match column.
RANK_SQL = "CASE {} WHEN 'fetched' THEN 0 WHEN 'canonical' THEN 1 WHEN 'redirect' THEN 2 ELSE 3 END"


def item_urls(item: Mapping[str, Any]) -> list[str]:
    """The item's URL, redirect hops and canonical URL, each once, in that order."""
    urls = [item.get("url"), *(item.get("redirect_urls") or []), item.get("canonical_url")]
    return list(dict.fromkeys(str(u) for u in urls if u))


def url_matches(item: Mapping[str, Any], duplicate: bool, identity: str) -> dict[str, Match]:
    """Map each URL of the item to how it leads to the article whose URL key is ``identity`` (strongest
    relation per URL); ``duplicate``: the item is another copy of that article's content."""
    url, canonical = str(item["url"]), item.get("canonical_url")
    redirects = [str(u) for u in item.get("redirect_urls") or [] if u]
    if duplicate:
        own: Match = "content_hash"
    elif canonicalize(url) == identity:
        own = "fetched"
    elif canonical and canonicalize(str(canonical)) == identity:
        own = "canonical"
    elif any(canonicalize(u) == identity for u in redirects):
        own = "redirect"
    else:
        own = "fetched"
    candidates: list[tuple[str, Match]] = [(url, own), *((u, "redirect") for u in redirects)]
    if canonical:
        candidates.append((str(canonical), "content_hash" if duplicate else "canonical"))
    matches: dict[str, Match] = {}
    for candidate, match in candidates:
        if candidate not in matches or MATCH_RANK[match] < MATCH_RANK[matches[candidate]]:
            matches[candidate] = match
    return matches
