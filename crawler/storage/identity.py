"""Which stored article an item is: the same URL identity, else an exact duplicate (same title and body).

See README § Storage (deduplication). Only these two collapse an item into a stored article; a near-duplicate
(a body almost the same, or the same body under another title) is an article of its own, grouped with its
twins in a syndication cluster (``crawler.storage.clusters``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from crawler.storage.urlmatch import RANK_SQL
from crawler.urls import url_key as canonicalize


@dataclass(frozen=True)
class Known:
    """A stored article an item's URLs lead to, with what the store compares an item against."""

    id: int
    url_key: str
    content_hash: str | None
    title: str | None


@dataclass(frozen=True)
class Twin:
    """A stored exact duplicate of an item (same content hash and title key)."""

    id: int
    published_at: str | None


def find_by_urls(db: Database, url_key: str, urls: list[str]) -> Known | None:
    """The article stored under ``url_key``, else the one any of ``urls`` led to (fetched, canonical or
    redirect: a URL linked only as a copy of its content does not count), strongest relation first."""
    found = db.conn.execute(
        "SELECT id, url_key, content_hash, title FROM articles WHERE url_key = ?", [url_key]
    ).fetchone()
    if found is None and urls:
        keys = [canonicalize(u) for u in urls]
        marks = ", ".join("?" * len(urls))
        found = db.conn.execute(
            f"""SELECT a.id, a.url_key, a.content_hash, a.title FROM article_urls u
                JOIN articles a ON a.id = u.article_id
                WHERE u.match != 'content_hash' AND (u.url IN ({marks}) OR u.url_key IN ({marks}))
                ORDER BY {RANK_SQL.format("u.match")}, a.id LIMIT 1""",
            [*urls, *keys],
        ).fetchone()
    return None if found is None else Known(*found)


def find_exact(db: Database, content_hash: str | None, title_key: str) -> Twin | None:
    """The first stored article with the same content hash and the same normalised title."""
    if not content_hash:
        return None
    found = db.conn.execute(
        "SELECT id, published_at FROM articles WHERE content_hash = ? AND title_key = ? ORDER BY id LIMIT 1",
        [content_hash, title_key],
    ).fetchone()
    return None if found is None else Twin(int(found[0]), found[1])


def _earlier(candidate: str | None, stored: str | None) -> bool:
    """True when both publish times are known and ``candidate`` is strictly earlier.

    Two times both with an offset (or both naive) compare as times; a date alone (``2019-05-17``), or a naive
    time against one with an offset, compares by calendar day only (each in its own offset): a later day is
    later, the same day is not earlier.
    """
    if not candidate or not stored:
        return False
    try:
        first, second = datetime.fromisoformat(candidate), datetime.fromisoformat(stored)
    except ValueError:  # not ISO 8601
        return False
    if "T" in candidate and "T" in stored and (first.tzinfo is None) == (second.tzinfo is None):
        return first < second
    return first.date() < second.date()


def adopt_earlier_copy(db: Database, twin: Twin, row: Mapping[str, Any]) -> bool:
    """Make a copy published earlier than the stored one the article's face (the original of a reprint).

    The row takes the copy's URL, identity and fields; the URLs that led to the later copy stay linked
    with match ``content_hash``. Returns True when the copy was adopted.
    """
    if not _earlier(row.get("published_at"), twin.published_at):
        return False
    values = {k: v for k, v in row.items() if k != "related"}
    assignments = ", ".join(f"{name} = ?" for name in values)
    db.conn.execute(
        "UPDATE article_urls SET match = 'content_hash' WHERE article_id = ? AND match != 'content_hash'",
        [twin.id],
    )
    db.conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", [*values.values(), twin.id])
    return True
