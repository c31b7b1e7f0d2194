"""Read API over the archive: counts, recent articles, ranked search, clusters, lookups and exports.

See README § Querying. Functions take a ``sqlite_utils.Database`` from ``open_archive`` and return
plain dicts with JSON columns decoded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from crawler.storage.connection import connect, is_memory
from crawler.storage.errors import StorageError, storage_errors
from crawler.storage.filters import ArticleFilter
from crawler.storage.hits import search
from crawler.storage.migrations import apply_migrations
from crawler.storage.rows import RUN_JSON_COLUMNS, decode_row
from crawler.storage.similar import normalised, resemblance, shingles
from crawler.urls import canonicalize

__all__ = [
    "article", "by_url", "cluster", "counts", "iter_articles", "open_archive", "recent", "run_history",
    "search", "site_stats",
]  # fmt: skip

_NEWEST_FIRST = "ORDER BY published_at IS NULL, published_at DESC, id DESC"


def open_archive(path: str | Path, *, must_exist: bool = True) -> Database:
    """Open an archive for reading; StorageError if ``must_exist`` and the file is missing.

    Pending migrations are applied (none normally; a missing file with ``must_exist=False`` becomes an
    empty archive).
    """
    if must_exist and not is_memory(path) and not Path(path).is_file():
        raise StorageError(f"archive {path}: no such file (run a crawl first, or check --db / ARCHIVE_DB)")
    with storage_errors(path, "open the archive"):
        db = connect(path)
        try:
            tables = db.table_names()
            if tables and "articles" not in tables:
                raise StorageError(f"archive {path}: not a newsarchive database (no articles table)")
            apply_migrations(db)
        except BaseException:
            db.close()
            raise
    return db


def _rows(db: Database, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    return [decode_row(row) for row in db.query(sql, params or [])]


def _site_filter(site: str | None, params: list[Any], *, prefix: str = "WHERE") -> str:
    if site is None:
        return ""
    params.append(site)
    return f"{prefix} site = ?"


def counts(db: Database) -> dict[str, int]:
    """Row counts of each table, plus the number of distinct sites."""
    out = {name: db[name].count for name in ("articles", "article_urls", "related_links", "crawl_runs")}
    out["sites"] = db.execute("SELECT count(DISTINCT site) FROM articles").fetchone()[0]
    return out


def recent(db: Database, *, site: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """The ``limit`` most recently published articles (undated last), optionally of one site."""
    params: list[Any] = []
    where = _site_filter(site, params)
    return _rows(db, f"SELECT * FROM articles {where} {_NEWEST_FIRST} LIMIT ?", [*params, limit])


def article(db: Database, ref: str | int) -> dict[str, Any] | None:
    """The article with id ``ref`` (an int or a string of digits), else the one any URL ``ref`` led to."""
    if isinstance(ref, int) or str(ref).isdigit():
        rows = _rows(db, "SELECT * FROM articles WHERE id = ?", [int(ref)])
        return rows[0] if rows else None
    return by_url(db, str(ref))


def cluster(db: Database, article_id: int) -> list[dict[str, Any]]:
    """Every copy in the article's syndication cluster, original first, then by publish time.

    Each row is the article (without body) plus ``original`` (bool) and ``jaccard`` / ``containment`` of its
    normalised body against the given article's.
    """
    rows = _rows(
        db,
        """SELECT * FROM articles WHERE cluster_id = (SELECT cluster_id FROM articles WHERE id = ?)
            ORDER BY id = cluster_id DESC, published_at IS NULL, published_at, id""",
        [article_id],
    )
    mine = next((r for r in rows if r["id"] == article_id), None)
    own = shingles(normalised(mine["body"])) if mine else frozenset()
    for row in rows:
        measure = resemblance(own, shingles(normalised(row.pop("body"))))
        row["original"] = row["id"] == row["cluster_id"]
        row["jaccard"], row["containment"] = round(measure.jaccard, 3), round(measure.containment, 3)
    return rows


def by_url(db: Database, url: str) -> dict[str, Any] | None:
    """The article any URL led to (fetched, redirect, canonical or duplicate copy), matched via its url_key."""
    key = canonicalize(url)
    rows = _rows(
        db,
        """SELECT * FROM articles WHERE url_key = ?
           OR id = (SELECT article_id FROM article_urls WHERE url = ? OR url_key = ? ORDER BY url = ? DESC LIMIT 1)
           ORDER BY url_key = ? DESC LIMIT 1""",
        [key, url, key, url, key],
    )
    return rows[0] if rows else None


def iter_articles(
    db: Database, *, site: str | None = None, filters: ArticleFilter | None = None
) -> Iterator[dict[str, Any]]:
    """Stream every article (by id) matching the filters, JSON columns decoded; constant memory."""
    where, params = (filters or ArticleFilter(site=site)).sql()
    for row in db.query(f"SELECT * FROM articles WHERE {where} ORDER BY id", params):
        yield decode_row(row)


def run_history(db: Database, *, limit: int = 20) -> list[dict[str, Any]]:
    """The ``limit`` most recent crawl runs, newest first, with args and stats decoded."""
    rows = db.query("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT ?", [limit])
    return [decode_row(row, RUN_JSON_COLUMNS) for row in rows]


def site_stats(db: Database) -> list[dict[str, Any]]:
    """Per site: articles, URLs that led to them, first and last published_at."""
    return list(
        db.query(
            """SELECT a.site, count(DISTINCT a.id) AS articles, count(u.url) AS urls,
                      min(a.published_at) AS first_published, max(a.published_at) AS last_published
               FROM articles a LEFT JOIN article_urls u ON u.article_id = a.id
               GROUP BY a.site ORDER BY articles DESC, a.site"""
        )
    )
