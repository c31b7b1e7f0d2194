"""ArchiveStore: the only writer of the archive; saves articles with URL and content deduplication.

See README § Deduplication and reliability-checklist §5: every read-then-write runs in one
``BEGIN IMMEDIATE`` transaction, so concurrent writers wait (busy_timeout) instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from crawler.storage.base import ArchiveConnection, utc_now
from crawler.storage.clusters import cluster_article, detach, refresh_cluster
from crawler.storage.errors import StorageError, storage_errors
from crawler.storage.pending import defer_index, flush_pending, prepare_deferred
from crawler.storage.rows import article_row, to_json
from crawler.storage.urlmatch import RANK_SQL, Match, item_urls, url_matches
from crawler.storage.versions import record_version
from crawler.urls import url_key as canonicalize

Outcome = Literal["new", "updated", "unchanged", "duplicate_content"]
_UPSERT_URL = f"""
    INSERT INTO article_urls (url, url_key, article_id, match, fetched_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (url) DO UPDATE SET
        match = CASE WHEN article_urls.article_id = excluded.article_id
                      AND {RANK_SQL.format("article_urls.match")} <= {RANK_SQL.format("excluded.match")}
                 THEN article_urls.match ELSE excluded.match END,
        article_id = excluded.article_id,
        url_key = excluded.url_key,
        fetched_at = excluded.fetched_at
"""
_UPSERT_RELATED = """
    INSERT INTO related_links (article_id, url, title, snippet, source, date) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (article_id, url) DO UPDATE SET
        title = excluded.title, snippet = excluded.snippet, source = excluded.source, date = excluded.date
"""
#: Columns an update keeps from the first save (``url_key`` and ``url`` always; all three when the
#: update reached the article through another URL).
_IDENTITY_COLUMNS = ("url_key", "url", "canonical_url")


@dataclass(frozen=True)
class SaveResult:
    """What ``ArchiveStore.save`` did: ``outcome``, the id of the article the item belongs to, the version
    recorded for a changed title or body (``article_versions``) and whether a new title was applied to an
    otherwise unchanged article."""

    outcome: Outcome
    article_id: int
    version: int | None = None
    title_changed: bool = False


@dataclass(frozen=True)
class _Existing:
    id: int
    url_key: str
    content_hash: str | None
    title: str | None


@dataclass(frozen=True)
class _Twin:
    id: int
    published_at: str | None


def _earlier(candidate: str | None, stored: str | None) -> bool:
    """True when both ISO 8601 times are known and ``candidate`` is strictly earlier."""
    if not candidate or not stored:
        return False
    try:
        first, second = datetime.fromisoformat(candidate), datetime.fromisoformat(stored)
        return first < second
    except (TypeError, ValueError):  # naive vs aware, or not ISO 8601
        return False


class ArchiveStore(ArchiveConnection):
    """Read-write access to one archive file (or ``":memory:"``); use as a context manager.

    Opening creates the parent folder, sets WAL/busy_timeout/foreign keys, runs ``PRAGMA quick_check``
    on an existing file (``check=False`` skips it) and applies pending migrations. Every sqlite3
    error is raised as StorageError naming the file; a failed call rolls back only its own changes.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        check: bool = True,
        clock: Callable[[], datetime] = utc_now,
        batch_seconds: float = 0.0,
        share: ArchiveConnection | None = None,
    ) -> None:
        super().__init__(path, check=check, clock=clock, batch_seconds=batch_seconds, share=share)
        # The search index is brought up to date in bulk just before each commit (README § Performance).
        with storage_errors(self.path, "prepare the search index"):
            prepare_deferred(self.db)
        self._session.before_commit["search"] = self._flush_search

    def _flush_search(self) -> None:
        flush_pending(self.db)

    # --- articles -------------------------------------------------------------------------------

    def save(self, item: Mapping[str, Any]) -> SaveResult:
        """Store one Article item (a mapping of its fields); see the module docstring for the rules.

        Outcomes: ``new``; ``updated`` (known URL, new content); ``unchanged`` (known URL, same
        content_hash: only last_seen and view_count change); ``duplicate_content`` (unknown URL whose
        content_hash is already stored: only its URLs are linked to that article). The article's
        related_links are replaced by the item's when it has any (a print or mobile copy without the
        related box leaves them alone). A changed title or body of a known article is kept as a version
        (``article_versions``) in the same transaction; a changed title alone is applied too.
        """
        row = article_row(item)
        now = self.now()
        adopted = title_changed = False
        version = None
        with self._transaction(f"save {row['url']}"):
            existing = self._find_by_urls(row["url_key"], item_urls(item))
            if existing is not None:
                version = record_version(self.db, existing.id, item, now)
                outcome = self._refresh(existing, row, now)
                article_id = existing.id
                title_changed = outcome == "unchanged" and self._retitle(existing, row["title"])
            elif (twin := self._find_by_hash(row["content_hash"])) is not None:
                outcome, article_id = "duplicate_content", twin.id
                adopted = self._adopt_earlier_copy(twin, row)
            else:
                outcome, article_id = "new", self._insert(row, now)
            self._maintain_search(outcome, article_id, row, adopted)
            identity = existing.url_key if existing else row["url_key"]
            link_as = "new" if adopted else outcome
            self._link_urls(
                article_id,
                url_matches(item, link_as == "duplicate_content", identity),
                row["fetched_at"] or now,
            )
            if link_as != "duplicate_content" and item.get("related"):
                self._replace_related(article_id, item["related"], fresh=outcome == "new")
        return SaveResult(outcome, article_id, version, title_changed)

    def link_redirects(self, target: str, hops: Iterable[str]) -> bool:
        """Record redirect ``hops`` as URLs of the article stored under ``target`` (match ``redirect``).

        For a redirect whose target was archived before the redirect was followed (an earlier run, or a
        direct link fetched first): every URL that leads to an article is recorded, whatever the order.
        Returns False (and writes nothing) when no article is stored under ``target``.
        """
        urls = [hop for hop in dict.fromkeys(hops) if hop and hop != target]
        if not urls:
            return False
        with self._transaction(f"link redirects to {target}"):
            found = self._find_by_urls(canonicalize(target), [target])
            if found is None:
                return False
            matches: dict[str, Match] = dict.fromkeys(urls, "redirect")
            self._link_urls(found.id, matches, self.now())
        return True

    def _retitle(self, existing: _Existing, title: str | None) -> bool:
        """Apply a new title to an article whose body did not change (and re-index it); True when changed."""
        if title is None or title == existing.title:
            return False
        self.db.conn.execute("UPDATE articles SET title = ? WHERE id = ?", [title, existing.id])
        defer_index(self.db, existing.id)
        return True

    def _maintain_search(
        self, outcome: Outcome, article_id: int, row: Mapping[str, Any], adopted: bool
    ) -> None:
        """Keep the search index and the syndication clusters in step with what the save changed."""
        if outcome in ("new", "updated") or adopted:
            defer_index(self.db, article_id)
        if outcome == "updated":
            detach(self.db, article_id)
        if outcome in ("new", "updated"):
            cluster_article(self.db, article_id, row["body"])
        elif adopted:
            refresh_cluster(self.db, article_id)

    def _find_by_urls(self, url_key: str, urls: list[str]) -> _Existing | None:
        found = self.db.conn.execute(
            "SELECT id, url_key, content_hash, title FROM articles WHERE url_key = ?", [url_key]
        ).fetchone()
        if found is None and urls:
            keys = [canonicalize(u) for u in urls]
            marks = ", ".join("?" * len(urls))
            found = self.db.conn.execute(
                f"""SELECT a.id, a.url_key, a.content_hash, a.title FROM article_urls u JOIN articles a ON a.id = u.article_id
                    WHERE u.match != 'content_hash' AND (u.url IN ({marks}) OR u.url_key IN ({marks}))
                    ORDER BY {RANK_SQL.format("u.match")}, a.id LIMIT 1""",
                [*urls, *keys],
            ).fetchone()
        return None if found is None else _Existing(*found)

    def _find_by_hash(self, content_hash: str | None) -> _Twin | None:
        if not content_hash:
            return None
        found = self.db.conn.execute(
            "SELECT id, published_at FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [content_hash]
        ).fetchone()
        return None if found is None else _Twin(int(found[0]), found[1])

    def _adopt_earlier_copy(self, twin: _Twin, row: Mapping[str, Any]) -> bool:
        """Make a copy published earlier than the stored one the article's face (the original of a reprint).

        The row takes the copy's URL, identity and fields; the URLs that led to the later copy stay linked
        with match ``content_hash``. Returns True when the copy was adopted.
        """
        if not _earlier(row.get("published_at"), twin.published_at):
            return False
        values = {k: v for k, v in row.items() if k != "related"}
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.db.conn.execute(
            "UPDATE article_urls SET match = 'content_hash' WHERE article_id = ? AND match != 'content_hash'",
            [twin.id],
        )
        self.db.conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?", [*values.values(), twin.id])
        return True

    def _refresh(self, existing: _Existing, row: Mapping[str, Any], now: str) -> Outcome:
        if row["content_hash"] is not None and row["content_hash"] == existing.content_hash:
            # The clean URL (equal to the identity key) replaces a tracking-parameter URL seen first.
            clean_url = row["url"] if row["url"] == existing.url_key else None
            self.db.conn.execute(
                "UPDATE articles SET last_seen = ?, view_count = coalesce(?, view_count), url = coalesce(?, url)"
                " WHERE id = ?",
                [now, row["view_count"], clean_url, existing.id],
            )
            return "unchanged"
        skip = _IDENTITY_COLUMNS if row["url_key"] != existing.url_key else ("url_key", "url")
        values = {k: v for k, v in row.items() if k not in skip} | {"last_seen": now}
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.db.conn.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?", [*values.values(), existing.id]
        )
        return "updated"

    def _insert(self, row: Mapping[str, Any], now: str) -> int:
        values = {**row, "first_seen": now, "last_seen": now}
        cursor = self.db.conn.execute(
            f"INSERT INTO articles ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            list(values.values()),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _link_urls(self, article_id: int, matches: Mapping[str, Match], fetched_at: str) -> None:
        for url, match in matches.items():
            self.db.conn.execute(_UPSERT_URL, [url, canonicalize(url), article_id, match, fetched_at])

    def _replace_related(
        self, article_id: int, related: Iterable[Mapping[str, Any]], *, fresh: bool = False
    ) -> None:
        """Replace the article's related links (``fresh``: a new article, it has none to delete)."""
        if not fresh:
            self.db.conn.execute("DELETE FROM related_links WHERE article_id = ?", [article_id])
        rows = [
            [article_id, *(_text(link.get(name)) for name in ("url", "title", "snippet", "source", "date"))]
            for link in related
            if link.get("url")
        ]
        self.db.conn.executemany(_UPSERT_RELATED, rows)

    # --- crawl runs -----------------------------------------------------------------------------

    def start_run(self, site: str | None, args: Mapping[str, Any]) -> int:
        """Insert a ``crawl_runs`` row with status ``running``; return its id."""
        with self._transaction("start a crawl run"):
            cursor = self.db.conn.execute(
                "INSERT INTO crawl_runs (site, started_at, status, args) VALUES (?, ?, 'running', ?)",
                [site, self.now(), to_json(dict(args))],
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, *, status: str, stats: Mapping[str, Any]) -> None:
        """Close crawl run ``run_id`` with its final status (``finished`` or the close reason) and stats."""
        with self._transaction(f"finish crawl run {run_id}"):
            cursor = self.db.conn.execute(
                "UPDATE crawl_runs SET finished_at = ?, status = ?, stats = ? WHERE id = ?",
                [self.now(), status, to_json(dict(stats)), run_id],
            )
            if cursor.rowcount == 0:
                raise StorageError(f"archive {self.path}: no crawl run with id {run_id}")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
