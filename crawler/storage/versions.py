"""Article version history: ``article_versions`` rows for changes of the cleaned title or body, with a diff.

See README § Scheduled jobs (refresh). Called by ArchiveStore.save in its transaction, before the article
is updated: when the stored title or body differ from the item's, the stored text is kept as the superseded
version, so the version row and the edit it describes (a title-only edit included) commit together.
Idempotent per change.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database


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


def record_version(db: Database, article_id: int, item: Mapping[str, Any], now: str) -> int | None:
    """Keep article ``article_id``'s stored text as a version when ``item`` changes its title or body.

    Runs in the caller's transaction (ArchiveStore.save, before it updates the article); returns the new
    version number, the existing one when this change is already recorded, or None when nothing changed.
    """
    if not item.get("content_hash"):
        return None
    found = db.execute(
        "SELECT title, body, content_hash, fetched_at FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if found is None:
        return None
    title, body, stored_hash, fetched_at = found
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


def versions(db: Database, article_id: int) -> list[dict[str, Any]]:
    """The recorded changes of one article, oldest first."""
    rows = db.execute(
        "SELECT version, prev_title, diff, prev_fetched_at, changed_at FROM article_versions"
        " WHERE article_id = ? ORDER BY version",
        [article_id],
    ).fetchall()
    names = ("version", "prev_title", "diff", "prev_fetched_at", "changed_at")
    return [dict(zip(names, row, strict=True)) for row in rows]
