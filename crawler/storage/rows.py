"""Conversion between Article items and ``articles`` rows (JSON columns encoded and decoded)."""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from crawler.urls import canonicalize

#: Article columns written from the item (``id``, ``first_seen`` and ``last_seen`` are the store's).
ARTICLE_FIELDS = (
    "url_key", "url", "canonical_url", "site", "title", "published_at", "published_raw", "date_source",
    "authors", "source", "editors", "view_count", "lang", "body", "related", "removed", "encoding",
    "content_hash", "fetched_at",
)  # fmt: skip
#: Columns holding JSON text, with the value used when the item has none.
JSON_COLUMNS: Mapping[str, Any] = {"authors": [], "editors": [], "related": [], "removed": {}}
#: JSON columns of crawl_runs.
RUN_JSON_COLUMNS: Mapping[str, Any] = {"args": {}, "stats": None}
_NOT_ALNUM = re.compile(r"[\W_]+")


def to_json(value: Any) -> str:
    """Serialise for a JSON column: UTF-8 kept readable, unknown types (datetimes) as strings."""
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def title_key(title: str | None) -> str:
    """A title as exact duplicates compare it: NFKC, case-folded, letters and digits only (``""`` for none)."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", title or "").casefold())


def url_key_of(item: Mapping[str, Any]) -> str:
    """The item's ``url_key``, or the key of its canonical URL (else its URL) when the pipeline left none."""
    key = item.get("url_key")
    if key:
        return str(key)
    return canonicalize(str(item.get("canonical_url") or item["url"]))


def article_row(item: Mapping[str, Any]) -> dict[str, Any]:
    """Build the ``articles`` column values (without id/first_seen/last_seen) from an Article item, with
    the derived ``title_key``."""
    row: dict[str, Any] = {name: item.get(name) for name in ARTICLE_FIELDS}
    row["url_key"] = url_key_of(item)
    row["body"] = row["body"] or ""
    row["title_key"] = title_key(row["title"])
    for name, empty in JSON_COLUMNS.items():
        row[name] = to_json(row[name] if row[name] is not None else empty)
    if row["view_count"] is not None:
        row["view_count"] = int(row["view_count"])
    return row


def decode_row(row: Mapping[str, Any], columns: Mapping[str, Any] = JSON_COLUMNS) -> dict[str, Any]:
    """Return a copy of a database row with its JSON columns decoded to Python values."""
    out = dict(row)
    for name, empty in columns.items():
        if name in out:
            out[name] = json.loads(out[name]) if out[name] else copy.copy(empty)
    return out
