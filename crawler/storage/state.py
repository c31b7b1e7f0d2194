"""Crawl state kept in the archive: the frontier, failures retried next run, refresh times, ETag/Last-Modified.

See README § Scheduled jobs. One row per canonical URL (``url_key``) in ``crawl_state``; every write is one
``BEGIN IMMEDIATE`` transaction, so a ``kill -9`` leaves either the old or the new state, never half of one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from crawler.storage.base import ArchiveConnection
from crawler.storage.errors import storage_errors
from crawler.urls import url_key as canonicalize

#: Kinds of page: ``start`` pages, ``hub`` (list/section) pages, ``feed`` (sitemap, RSS), ``article``,
#: ``dropped`` (an article page the pipelines refused), ``rejected`` (a response the response gate refused:
#: empty, binary, not HTML...) and ``unknown`` (discovered, not fetched yet).
KINDS = ("start", "hub", "feed", "article", "dropped", "rejected", "unknown")
#: Kinds a later run never fetches again (unless refreshing articles).
FINAL_KINDS = ("article", "dropped", "rejected")
#: Kinds every run fetches again (new links appear on them): a rejected answer does not make them final.
REVISITED_KINDS = ("start", "hub", "feed")
_COLUMNS = (
    "url_key, url, site, kind, status, depth, attempts, next_try, refresh_step, http_status, etag, "
    "last_modified, listed_date"
)
_DISCOVER = """
    INSERT INTO crawl_state (url_key, url, site, kind, depth, listed_date, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (url_key) DO UPDATE SET
        listed_date = coalesce(crawl_state.listed_date, excluded.listed_date),
        depth = min(crawl_state.depth, excluded.depth)
"""
_UPSERT_STATUS = """
    INSERT INTO crawl_state (url_key, url, site, kind, status, attempts, next_try, refresh_step,
                             http_status, updated_at)
    VALUES (:url_key, :url, :site, :kind, :status, :attempts, :next_try, :refresh_step, :http_status, :now)
    ON CONFLICT (url_key) DO UPDATE SET
        kind = excluded.kind, status = excluded.status, attempts = excluded.attempts,
        next_try = excluded.next_try, refresh_step = excluded.refresh_step,
        http_status = coalesce(excluded.http_status, crawl_state.http_status), updated_at = excluded.updated_at
"""


@dataclass(frozen=True)
class Discovered:
    """A URL found on a page (or given as a start URL), before it is fetched."""

    url: str
    kind: str = "unknown"
    depth: int = 0
    listed_date: str | None = None


@dataclass(frozen=True)
class UrlState:
    """One ``crawl_state`` row."""

    url_key: str
    url: str
    site: str | None
    kind: str
    status: str
    depth: int
    attempts: int
    next_try: str | None
    refresh_step: int
    http_status: int | None
    etag: str | None
    last_modified: str | None
    listed_date: str | None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class CrawlState(ArchiveConnection):
    """Read and write ``crawl_state`` of one archive; use as a context manager.

    Statuses: ``pending`` (discovered, not done), ``done``, ``failed`` (retried by the next runs until
    ``attempts`` reaches the caller's limit) and ``gone`` (404/410: never fetched again).
    """

    what = "the crawl state"

    # --- writes ---------------------------------------------------------------------------------

    def discover(
        self, site: str | None, found: Iterable[Discovered], done: Iterable[tuple[str, str]] = ()
    ) -> None:
        """Record ``found`` URLs as pending (known ones keep their status) and mark ``done`` (url, kind)
        pairs, all in one transaction: a page is done only once its links are safely recorded."""
        now = self.now()
        with self._transaction("record discovered URLs"):
            for item in found:
                key = canonicalize(item.url)
                self.db.execute(
                    _DISCOVER, [key, item.url, site, item.kind, item.depth, item.listed_date, now]
                )
            for url, kind in done:
                self._set(url, site, kind, "done", now)

    def mark_done(self, urls: Iterable[str], site: str | None, kind: str) -> None:
        """Mark every URL of a page (fetched URL, redirects) done as ``kind``; articles keep their schedule."""
        now = self.now()
        with self._transaction("mark URLs done"):
            for url in dict.fromkeys(urls):
                self._set(url, site, kind, "done", now)

    def mark_rejected(self, urls: Iterable[str], site: str | None, kind: str = "unknown") -> None:
        """Mark the URLs of a response the gate refused done: as ``rejected`` (never fetched again), except
        start pages, hubs and feeds (``kind``, or the kind known already), which keep their kind and are
        revisited by the next run, and archived articles and dropped pages, which stay as they are."""
        now = self.now()
        with self._transaction("mark rejected URLs done"):
            for url in dict.fromkeys(urls):
                current = self.get(url)
                if current and current.status == "done" and current.kind in FINAL_KINDS:
                    continue
                known = (kind, current.kind if current else kind)
                revisited = next((k for k in known if k in REVISITED_KINDS), None)
                self._set(url, site, revisited or "rejected", "done", now)

    def article_saved(
        self, urls: Iterable[str], site: str | None, schedule: Sequence[timedelta], *, refreshed: bool
    ) -> None:
        """Mark an article's URLs done; first save starts the refresh schedule, a refresh advances it."""
        now = self._clock()
        with self._transaction("mark an article saved"):
            for url in dict.fromkeys(urls):
                current = self.get(url)
                step = (current.refresh_step + 1) if refreshed and current else 0
                self._set(
                    url, site, "article", "done", _iso(now), step=step, next_try=_next(now, schedule, step)
                )

    def not_modified(self, url: str, schedule: Sequence[timedelta]) -> None:
        """A refresh answered 304: advance the article's refresh schedule, nothing else changes."""
        now = self._clock()
        with self._transaction(f"record 304 for {url}"):
            current = self.get(url)
            step = (current.refresh_step + 1) if current else 1
            self.db.execute(
                "UPDATE crawl_state SET refresh_step = ?, next_try = ?, http_status = 304, updated_at = ?"
                " WHERE url_key = ?",
                [step, _next(now, schedule, step), _iso(now), canonicalize(url)],
            )

    def mark_failed(self, url: str, site: str | None, http_status: int | None = None) -> int:
        """Count one failed attempt (retried by the next run); return the attempts so far."""
        now = self.now()
        with self._transaction(f"record a failure of {url}"):
            current = self.get(url)
            attempts = (current.attempts if current else 0) + 1
            kind = current.kind if current else "unknown"
            if current and current.status == "done" and kind in FINAL_KINDS:
                return current.attempts  # an archived article whose refresh failed stays archived
            self._set(url, site, kind, "failed", now, attempts=attempts, http_status=http_status)
        return attempts

    def mark_gone(self, url: str, site: str | None, http_status: int) -> None:
        """Record a 404/410: the URL is never requested again (except as a start page)."""
        now = self.now()
        with self._transaction(f"record {url} as gone"):
            current = self.get(url)
            if current and current.status == "done" and current.kind in FINAL_KINDS:
                return
            self._set(url, site, current.kind if current else "unknown", "gone", now, http_status=http_status)

    def set_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember a response's ETag and Last-Modified for later conditional requests."""
        if not etag and not last_modified:
            return
        with self._transaction(f"record validators of {url}"):
            self.db.execute(
                "UPDATE crawl_state SET etag = ?, last_modified = ? WHERE url_key = ?",
                [etag, last_modified, canonicalize(url)],
            )

    def _set(
        self,
        url: str,
        site: str | None,
        kind: str,
        status: str,
        now: str,
        *,
        attempts: int = 0,
        step: int | None = None,
        next_try: str | None = None,
        http_status: int | None = None,
    ) -> None:
        current = self.get(url)
        if step is None:
            step = current.refresh_step if current else 0
            next_try = current.next_try if current and status == "done" and kind == current.kind else next_try
        values: dict[str, Any] = {
            "url_key": canonicalize(url),
            "url": url,
            "site": site,
            "kind": kind,
            "status": status,
            "attempts": attempts,
            "next_try": next_try,
            "refresh_step": step,
            "http_status": http_status,
            "now": now,
        }
        self.db.execute(_UPSERT_STATUS, values)

    # --- reads ----------------------------------------------------------------------------------

    def get(self, url: str) -> UrlState | None:
        """The state of ``url`` (any URL with the same url_key), or None."""
        with storage_errors(self.path, f"read the state of {url}"):
            row = self.db.execute(
                f"SELECT {_COLUMNS} FROM crawl_state WHERE url_key = ?", [canonicalize(url)]
            ).fetchone()
        return None if row is None else UrlState(*row)

    def skip_reason(self, url: str, max_attempts: int) -> str | None:
        """Why ``url`` must not be fetched again: ``archived``, ``dropped``, ``rejected``, ``gone``, ``failed``;
        else None."""
        key = canonicalize(url)
        with storage_errors(self.path, f"check {url}"):
            archived = self.db.execute(
                "SELECT 1 FROM article_urls WHERE url_key = ? OR url = ? LIMIT 1", [key, url]
            ).fetchone()
        if archived:
            return "archived"
        state = self.get(url)
        if state is None:
            return None
        if state.status == "done" and state.kind in FINAL_KINDS:
            return "archived" if state.kind == "article" else state.kind
        if state.status == "gone":
            return "gone"
        if state.status == "failed" and state.attempts >= max_attempts:
            return "failed"
        return None

    def resume(self, site: str | None, max_attempts: int) -> list[UrlState]:
        """URLs a previous run discovered but did not finish, plus failures still under the attempt limit."""
        with storage_errors(self.path, "read the crawl frontier"):
            rows = self.db.execute(
                f"""SELECT {_COLUMNS} FROM crawl_state
                    WHERE site IS ? AND (status = 'pending' OR (status = 'failed' AND attempts < ?))
                    ORDER BY listed_date IS NULL, listed_date DESC, depth, url_key""",
                [site, max_attempts],
            ).fetchall()
        return [UrlState(*row) for row in rows]

    def due_for_refresh(self, site: str | None) -> list[UrlState]:
        """Archived articles of ``site`` whose next refresh time has come, oldest due first."""
        with storage_errors(self.path, "read articles due for refresh"):
            rows = self.db.execute(
                f"""SELECT {_COLUMNS} FROM crawl_state
                    WHERE site IS ? AND kind = 'article' AND status = 'done' AND next_try IS NOT NULL
                      AND next_try <= ? ORDER BY next_try, url_key""",
                [site, self.now()],
            ).fetchall()
        return [UrlState(*row) for row in rows]

    def counts(self, site: str | None = None) -> dict[str, int]:
        """Rows per ``kind/status`` (for one site, or all)."""
        with storage_errors(self.path, "count the crawl state"):
            rows = self.db.execute(
                "SELECT kind || '/' || status, count(*) FROM crawl_state WHERE ? IS NULL OR site = ? GROUP BY 1",
                [site, site],
            ).fetchall()
        return {str(name): int(n) for name, n in rows}


def _next(now: datetime, schedule: Sequence[timedelta], step: int) -> str | None:
    """When refresh number ``step`` is due (None: never again)."""
    return _iso(now + schedule[step]) if 0 <= step < len(schedule) else None
