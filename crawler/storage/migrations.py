"""Schema of the archive, built only through these migrations (append new ones; never edit applied ones).

See README § Archive schema. Applied migrations are recorded in ``_sqlite_migrations``.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("archive")


@migrations()
def create_articles(db: Database) -> None:
    """One row per article identity (``url_key``); list/dict fields are JSON text."""
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url_key TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL,
            canonical_url TEXT,
            site TEXT,
            title TEXT,
            published_at TEXT,
            published_raw TEXT,
            date_source TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            source TEXT,
            editors TEXT NOT NULL DEFAULT '[]',
            view_count INTEGER,
            lang TEXT,
            body TEXT NOT NULL DEFAULT '',
            related TEXT NOT NULL DEFAULT '[]',
            removed TEXT NOT NULL DEFAULT '{}',
            encoding TEXT,
            content_hash TEXT,
            fetched_at TEXT,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        )
        """
    )
    for column in ("site", "published_at", "content_hash"):
        db.execute(f"CREATE INDEX idx_articles_{column} ON articles ({column})")


@migrations()
def create_article_urls(db: Database) -> None:
    """Every raw URL that led to an article, and how (fetched, redirect, canonical, content_hash)."""
    db.execute(
        """
        CREATE TABLE article_urls (
            url TEXT PRIMARY KEY,
            url_key TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles (id),
            match TEXT NOT NULL,
            fetched_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX idx_article_urls_url_key ON article_urls (url_key)")
    db.execute("CREATE INDEX idx_article_urls_article_id ON article_urls (article_id)")


@migrations()
def create_related_links(db: Database) -> None:
    """Related-reading links found on an article page."""
    db.execute(
        """
        CREATE TABLE related_links (
            article_id INTEGER NOT NULL REFERENCES articles (id),
            url TEXT NOT NULL,
            title TEXT,
            snippet TEXT,
            source TEXT,
            date TEXT,
            PRIMARY KEY (article_id, url)
        )
        """
    )
    db.execute("CREATE INDEX idx_related_links_url ON related_links (url)")


@migrations()
def create_crawl_runs(db: Database) -> None:
    """One row per crawl: status is ``running``, ``finished`` or the close reason; args/stats are JSON."""
    db.execute(
        """
        CREATE TABLE crawl_runs (
            id INTEGER PRIMARY KEY,
            site TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            args TEXT NOT NULL DEFAULT '{}',
            stats TEXT
        )
        """
    )


def apply_migrations(db: Database) -> list[str]:
    """Apply pending migrations under one write lock (BEGIN IMMEDIATE); return the names applied."""
    pending = [m.name for m in migrations.pending(db)]
    if not pending:
        return []
    db.execute("BEGIN IMMEDIATE")
    try:
        pending = [m.name for m in migrations.pending(db)]
        migrations.apply(db)
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
    return pending
