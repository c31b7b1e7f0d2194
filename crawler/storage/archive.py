"""ArchiveStore: the only writer of the archive; saves articles with URL and exact-duplicate deduplication.

See README § Deduplication and reliability-checklist §5: every read-then-write runs in one
``BEGIN IMMEDIATE`` transaction, so concurrent writers wait (busy_timeout) instead of failing. Which stored
article an item is: ``crawler.storage.identity``; two URLs of one story in one run: ``crawler.storage.siblings``.
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
from crawler.storage.identity import Known, adopt_earlier_copy, find_by_urls, find_exact
from crawler.storage.pending import defer_index, flush_pending, prepare_deferred
from crawler.storage.rows import article_row, title_key, to_json
from crawler.storage.siblings import claim, classify, merge_sibling, prepare_claims, touch
from crawler.storage.urlmatch import RANK_SQL, Match, item_urls, url_matches
from crawler.storage.versions import content_key, record_version
from crawler.urls import url_key as canonicalize

Outcome = Literal["new", "updated", "unchanged", "duplicate_content"]
_UPSERT_URL = f"""
    INSERT INTO article_urls (url, url_key, article_id, match, fetched_at, content_key) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (url) DO UPDATE SET
        match = CASE WHEN article_urls.article_id = excluded.article_id
                      AND {RANK_SQL.format("article_urls.match")} <= {RANK_SQL.format("excluded.match")}
                 THEN article_urls.match ELSE excluded.match END,
        article_id = excluded.article_id,
        url_key = excluded.url_key,
        fetched_at = excluded.fetched_at,
        content_key = coalesce(excluded.content_key, article_urls.content_key)
"""
_UPSERT_RELATED = """
    INSERT INTO related_links (article_id, url, title, snippet, source, date) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (article_id, url) DO UPDATE SET
        title = excluded.title, snippet = excluded.snippet, source = excluded.source, date = excluded.date
"""
#: Columns an update keeps from the first save (``url_key`` and ``url`` always; all three when the
#: update reached the article through another URL).
_IDENTITY_COLUMNS = ("url_key", "url", "canonical_url")
#: Stored fields a re-elected cluster original depends on.
_CLUSTER_FIELDS = frozenset({"site", "source", "published_at"})


@dataclass(frozen=True)
class SaveResult:
    """What ``ArchiveStore.save`` did: ``outcome``, the id of the article the item belongs to, the version
    recorded for a changed title or body (``article_versions``) and whether a new title was applied to an
    otherwise unchanged article."""

    outcome: Outcome
    article_id: int
    version: int | None = None
    title_changed: bool = False


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
            prepare_claims(self.db)
        self._session.before_commit["search"] = self._flush_search

    def _flush_search(self) -> None:
        flush_pending(self.db)

    # --- articles -------------------------------------------------------------------------------

    def save(self, item: Mapping[str, Any]) -> SaveResult:
        """Store one Article item (a mapping of its fields); see README § Deduplication for the rules.

        Outcomes: ``new``; ``updated`` (known URL, new content); ``unchanged`` (known URL, same content: only
        last_seen and view_count change; or a URL delivering the poorer copy it delivered last time);
        ``duplicate_content`` (same content_hash and normalised title under an unknown URL: only its URLs are
        linked; or another URL of an article this run already saved: no version, the richer extraction
        kept). An item with related links replaces the article's. A changed title or body of a known
        article is kept as a version (``article_versions``) in the same transaction.
        """
        row = article_row(item)
        now = self.now()
        with self._transaction(f"save {row['url']}"):
            known = find_by_urls(self.db, row["url_key"], item_urls(item))
            if known is None:
                return self._save_unknown(item, row, now)
            kind = classify(self.db, known, item, row["url"])
            if kind == "own":
                return self._save_own(known, item, row, now)
            if kind == "stale":
                touch(self.db, known, row, now)
                outcome: Outcome = "unchanged"
            else:
                self._merge(known, row, now, item)
                outcome = "duplicate_content"
            self._link(known.id, item, row, now, identity=known.url_key)
            if kind == "stale" and item.get("related"):
                self._replace_related(known.id, item["related"])
        return SaveResult(outcome, known.id)

    def _save_unknown(self, item: Mapping[str, Any], row: Mapping[str, Any], now: str) -> SaveResult:
        """A new article, or an exact duplicate of a stored one (adopted as its face when published earlier)."""
        twin = find_exact(self.db, row["content_hash"], row["title_key"])
        adopted = False
        if twin is None:
            outcome: Outcome = "new"
            article_id = self._insert(row, now)
            defer_index(self.db, article_id)
            cluster_article(self.db, article_id, row["body"])
            claim(self.db, article_id, row["url"], wrote=True)
        else:
            outcome, article_id = "duplicate_content", twin.id
            if adopted := adopt_earlier_copy(self.db, twin, row):
                defer_index(self.db, article_id)
                refresh_cluster(self.db, article_id)
        duplicate = twin is not None and not adopted
        self._link(article_id, item, row, now, identity=row["url_key"], duplicate=duplicate)
        if not duplicate and item.get("related"):
            self._replace_related(article_id, item["related"], fresh=outcome == "new")
        return SaveResult(outcome, article_id)

    def _save_own(
        self, known: Known, item: Mapping[str, Any], row: Mapping[str, Any], now: str
    ) -> SaveResult:
        """The item is its URL's own content for a stored article: unchanged, or an edit kept as a version."""
        version = record_version(self.db, known.id, item, now)
        outcome = self._refresh(known, row, now)
        title_changed = outcome == "unchanged" and self._retitle(known, row["title"])
        if outcome == "updated":
            defer_index(self.db, known.id)
            detach(self.db, known.id)
            cluster_article(self.db, known.id, row["body"])
        claim(self.db, known.id, row["url"], wrote=outcome == "updated" or title_changed)
        self._link(known.id, item, row, now, identity=known.url_key)
        if item.get("related"):
            self._replace_related(known.id, item["related"])
        return SaveResult(outcome, known.id, version, title_changed)

    def _merge(self, known: Known, row: Mapping[str, Any], now: str, item: Mapping[str, Any]) -> None:
        """Keep the richer of two extractions of one story (``siblings.merge_sibling``), index and cluster it."""
        changed = merge_sibling(self.db, known, row, now).changed
        if "body" in changed:
            defer_index(self.db, known.id)
            detach(self.db, known.id)
            cluster_article(self.db, known.id, row["body"])
        else:
            if "title" in changed:
                defer_index(self.db, known.id)
            if changed & _CLUSTER_FIELDS:
                refresh_cluster(self.db, known.id)
        if "related" in changed and item.get("related"):
            self._replace_related(known.id, item["related"])

    def _link(
        self,
        article_id: int,
        item: Mapping[str, Any],
        row: Mapping[str, Any],
        now: str,
        *,
        identity: str,
        duplicate: bool = False,
    ) -> None:
        """Link the item's URLs to the article; the fetched URL and its redirect hops remember the content
        they delivered (``article_urls.content_key``)."""
        key = content_key(row["title"], row["content_hash"]) if row["content_hash"] else None
        delivered = dict.fromkeys([row["url"], *(str(u) for u in item.get("redirect_urls") or [] if u)], key)
        matches = url_matches(item, duplicate, identity)
        self._link_urls(article_id, matches, row["fetched_at"] or now, delivered)

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
            found = find_by_urls(self.db, canonicalize(target), [target])
            if found is None:
                return False
            matches: dict[str, Match] = dict.fromkeys(urls, "redirect")
            self._link_urls(found.id, matches, self.now())
        return True

    def _retitle(self, existing: Known, title: str | None) -> bool:
        """Apply a new title to an article whose body did not change (and re-index it); True when changed."""
        if title is None or title == existing.title:
            return False
        self.db.conn.execute(
            "UPDATE articles SET title = ?, title_key = ? WHERE id = ?",
            [title, title_key(title), existing.id],
        )
        defer_index(self.db, existing.id)
        return True

    def _refresh(self, existing: Known, row: Mapping[str, Any], now: str) -> Outcome:
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

    def _link_urls(
        self,
        article_id: int,
        matches: Mapping[str, Match],
        fetched_at: str,
        delivered: Mapping[str, str | None] | None = None,
    ) -> None:
        """Upsert one ``article_urls`` row per URL; ``delivered``: the content key each fetched URL gave."""
        keys = delivered or {}
        for url, match in matches.items():
            self.db.conn.execute(
                _UPSERT_URL, [url, canonicalize(url), article_id, match, fetched_at, keys.get(url)]
            )

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
