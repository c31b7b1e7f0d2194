"""Article version history: ``article_versions`` rows for changes of the cleaned title or body, with a diff.

See README § Scheduled jobs (refresh). Called before an article is saved: when the stored title or body
differ from the item's, the stored text is kept as the superseded version. Idempotent per change, so a
crash between recording and saving never records the same edit twice.
"""

from __future__ import annotations

import difflib
import hashlib
import sqlite3
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from sqlite_utils import Database

from crawler.storage.errors import storage_errors
from crawler.storage.rows import url_key_of
from crawler.storage.search import index_article


def content_key(title: str | None, content_hash: str | None) -> str:
    """Identity of an article's text: its cleaned title plus the body's content hash."""
    return hashlib.sha1(f"{title or ''}\x1f{content_hash or ''}".encode()).hexdigest()


def diff_summary(old_title: str | None, old_body: str, new_title: str | None, new_body: str) -> str:
    """A one-line summary of a change: title change and paragraphs added/removed/changed."""
    parts = [f"title: {old_title!r} -> {new_title!r}"] if (old_title or "") != (new_title or "") else []
    old_paras = [p for p in old_body.split("\n") if p.strip()]
    new_paras = [p for p in new_body.split("\n") if p.strip()]
    added = removed = 0
    matcher = difflib.SequenceMatcher(a=old_paras, b=new_paras, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    if added or removed:
        parts.append(f"body: -{removed} +{added} paragraphs ({len(old_body)} -> {len(new_body)} chars)")
    return "; ".join(parts) or "whitespace only"


def _find(db: Database, item: Mapping[str, Any]) -> tuple[Any, ...] | None:
    key = url_key_of(item)
    row = db.execute(
        "SELECT id, title, body, content_hash, fetched_at FROM articles WHERE url_key = ?", [key]
    ).fetchone()
    if row is None:
        row = db.execute(
            """SELECT a.id, a.title, a.body, a.content_hash, a.fetched_at FROM article_urls u
               JOIN articles a ON a.id = u.article_id
               WHERE (u.url = ? OR u.url_key = ?) AND u.match != 'content_hash' LIMIT 1""",
            [str(item.get("url")), key],
        ).fetchone()
    return None if row is None else tuple(row)


def record_change(db: Database, path: str, item: Mapping[str, Any], now: str) -> int | None:
    """Keep the stored text as a version when ``item`` changes the title or body; return the new version."""
    with storage_errors(path, f"record a version of {item.get('url')}"):
        db.execute("BEGIN IMMEDIATE")
        try:
            version = _record(db, item, now)
            db.execute("COMMIT")
        except BaseException:
            with suppress(sqlite3.Error):
                db.rollback()
            raise
    return version


def _record(db: Database, item: Mapping[str, Any], now: str) -> int | None:
    found = _find(db, item)
    if found is None or not item.get("content_hash"):
        return None
    article_id, title, body, stored_hash, fetched_at = found
    old_key, new_key = content_key(title, stored_hash), content_key(item.get("title"), item["content_hash"])
    if old_key == new_key:
        return None
    done = db.execute(
        "SELECT version FROM article_versions WHERE article_id = ? AND prev_key = ? AND new_key = ?",
        [article_id, old_key, new_key],
    ).fetchone()
    if done:
        return int(done[0])
    last = db.execute(
        "SELECT max(version) FROM article_versions WHERE article_id = ?", [article_id]
    ).fetchone()
    version = int(last[0] or 1) + 1
    diff = diff_summary(title, body or "", item.get("title"), str(item.get("body") or ""))
    db.execute(
        """INSERT INTO article_versions (article_id, version, prev_title, prev_body, prev_key, new_key, diff,
                                         prev_fetched_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [article_id, version, title, body, old_key, new_key, diff, fetched_at, now],
    )
    return version


def sync_title(db: Database, path: str, item: Mapping[str, Any]) -> bool:
    """After a save that kept the body (same content hash), apply a changed title; True when it changed."""
    title = item.get("title")
    with storage_errors(path, f"update the title of {item.get('url')}"):
        db.execute("BEGIN IMMEDIATE")
        try:
            found = _find(db, item)
            changed = found is not None and title is not None and found[1] != title
            if found is not None and changed:
                db.execute("UPDATE articles SET title = ? WHERE id = ?", [title, found[0]])
                index_article(db, found[0], title, found[2])
            db.execute("COMMIT")
        except BaseException:
            with suppress(sqlite3.Error):
                db.rollback()
            raise
    return changed


def versions(db: Database, article_id: int) -> list[dict[str, Any]]:
    """The recorded changes of one article, oldest first."""
    rows = db.execute(
        "SELECT version, prev_title, diff, prev_fetched_at, changed_at FROM article_versions"
        " WHERE article_id = ? ORDER BY version",
        [article_id],
    ).fetchall()
    names = ("version", "prev_title", "diff", "prev_fetched_at", "changed_at")
    return [dict(zip(names, row, strict=True)) for row in rows]
