"""Schema of the archive, built only through these migrations (append new ones; never edit applied ones).

See README § Archive schema. Applied migrations are recorded in ``_sqlite_migrations``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from crawler.storage.clusters import cluster_article, store_signature
from crawler.storage.rows import title_key
from crawler.storage.search import BODY_WEIGHT, TITLE_WEIGHT, index_article
from crawler.storage.similar import comparable, normalised, pack, shingles, signature

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


@migrations()
def create_search_index(db: Database) -> None:
    """CJK-bigram search text (``article_search``), its external-content FTS5 index and sync triggers.

    Backfills the rows already stored. Ranking: bm25 with the title weighted x5 (the table's ``rank``).
    """
    db.execute(
        "CREATE TABLE article_search (id INTEGER PRIMARY KEY REFERENCES articles (id), title_bi TEXT, body_bi TEXT)"
    )
    db.execute(
        """CREATE VIRTUAL TABLE article_search_fts USING fts5 (
               title_bi, body_bi, content='article_search', content_rowid='id',
               tokenize='porter unicode61 remove_diacritics 2')"""
    )
    db.execute(
        f"INSERT INTO article_search_fts (article_search_fts, rank) VALUES ('rank', 'bm25({TITLE_WEIGHT}, {BODY_WEIGHT})')"
    )
    old, new = "old.id, old.title_bi, old.body_bi", "new.id, new.title_bi, new.body_bi"
    delete = f"INSERT INTO article_search_fts (article_search_fts, rowid, title_bi, body_bi) VALUES ('delete', {old});"
    insert = f"INSERT INTO article_search_fts (rowid, title_bi, body_bi) VALUES ({new});"
    for event, action in (("INSERT", insert), ("DELETE", delete), ("UPDATE", delete + insert)):
        db.execute(
            f"CREATE TRIGGER article_search_{event.lower()} AFTER {event} ON article_search BEGIN {action} END"
        )
    for article_id, title, body in _articles(db, "title, body"):
        index_article(db, article_id, title, body)


@migrations()
def create_clusters(db: Database) -> None:
    """Syndication clusters: ``articles.cluster_id`` and the MinHash LSH band keys; backfilled in id order."""
    db.execute("ALTER TABLE articles ADD COLUMN cluster_id INTEGER")
    db.execute("CREATE INDEX idx_articles_cluster_id ON articles (cluster_id)")
    db.execute(
        """CREATE TABLE minhash_bands (
               key INTEGER NOT NULL, article_id INTEGER NOT NULL REFERENCES articles (id),
               PRIMARY KEY (key, article_id)) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX idx_minhash_bands_article_id ON minhash_bands (article_id)")
    for article_id, body in _articles(db, "body"):
        cluster_article(db, article_id, body)


@migrations()
def add_published_month(db: Database) -> None:
    """``articles.published_month`` (``2024-03``): a virtual generated column for month facets."""
    db.execute(
        "ALTER TABLE articles ADD COLUMN published_month TEXT GENERATED ALWAYS AS (substr(published_at, 1, 7)) VIRTUAL"
    )


@migrations()
def add_search_prefix_index(db: Database) -> None:
    """Rebuild ``article_search_fts`` with a one-character prefix index (fast single-character queries).

    The sync triggers on ``article_search`` name the FTS table, so they keep working on the new one.
    """
    db.execute("DROP TABLE article_search_fts")
    db.execute(
        """CREATE VIRTUAL TABLE article_search_fts USING fts5 (
               title_bi, body_bi, content='article_search', content_rowid='id',
               tokenize='porter unicode61 remove_diacritics 2', prefix='1')"""
    )
    db.execute(
        "INSERT INTO article_search_fts (article_search_fts, rank)"
        f" VALUES ('rank', 'bm25({TITLE_WEIGHT}, {BODY_WEIGHT})')"
    )
    db.execute("INSERT INTO article_search_fts (article_search_fts) VALUES ('rebuild')")


@migrations()
def create_crawl_state(db: Database) -> None:
    """Crawl state per URL (see crawler.storage.state): the frontier, failures to retry and refresh times."""
    db.execute(
        """
        CREATE TABLE crawl_state (
            url_key TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            site TEXT,
            kind TEXT NOT NULL DEFAULT 'unknown',
            status TEXT NOT NULL DEFAULT 'pending',
            depth INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try TEXT,
            refresh_step INTEGER NOT NULL DEFAULT 0,
            http_status INTEGER,
            etag TEXT,
            last_modified TEXT,
            listed_date TEXT,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_crawl_state_site_status ON crawl_state (site, status, next_try)")


@migrations()
def create_article_versions(db: Database) -> None:
    """One row per change of an article's cleaned title or body: the superseded text, a diff summary."""
    db.execute(
        """
        CREATE TABLE article_versions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id),
            version INTEGER NOT NULL,
            prev_title TEXT,
            prev_body TEXT,
            prev_key TEXT NOT NULL,
            new_key TEXT NOT NULL,
            diff TEXT NOT NULL,
            prev_fetched_at TEXT,
            changed_at TEXT NOT NULL,
            UNIQUE (article_id, prev_key, new_key)
        )
        """
    )
    db.execute("CREATE INDEX idx_article_versions_article_id ON article_versions (article_id, version)")


@migrations()
def create_minhash_signatures(db: Database) -> None:
    """Each clustered article's shingle count and packed MinHash signature, so cluster candidates are
    confirmed without re-normalising their bodies; backfilled from the bodies."""
    db.execute(
        """CREATE TABLE minhash_signatures (
               article_id INTEGER PRIMARY KEY REFERENCES articles (id),
               shingles INTEGER NOT NULL,
               signature BLOB NOT NULL)"""
    )
    for article_id, body in _articles(db, "body"):
        text = normalised(body)
        if comparable(text):
            own = shingles(text)
            store_signature(db, article_id, len(own), pack(signature(own)))


@migrations()
def reindex_search_mixed_runs_and_folding(db: Database) -> None:
    """Re-derive ``article_search`` in the current index form (mixed ASCII/CJK runs bigrammed so ``5G网络``
    and ``A股`` match inside longer runs; traditional Chinese folded to simplified), then rebuild
    ``article_search_fts`` from it in one pass. The sync triggers are dropped meanwhile and recreated."""
    for event in ("insert", "delete", "update"):
        db.execute(f"DROP TRIGGER IF EXISTS article_search_{event}")
    for article_id, title, body in _articles(db, "title, body"):
        index_article(db, article_id, title, body)
    old, new = "old.id, old.title_bi, old.body_bi", "new.id, new.title_bi, new.body_bi"
    delete = f"INSERT INTO article_search_fts (article_search_fts, rowid, title_bi, body_bi) VALUES ('delete', {old});"
    insert = f"INSERT INTO article_search_fts (rowid, title_bi, body_bi) VALUES ({new});"
    for event, action in (("INSERT", insert), ("DELETE", delete), ("UPDATE", delete + insert)):
        db.execute(
            f"CREATE TRIGGER article_search_{event.lower()} AFTER {event} ON article_search BEGIN {action} END"
        )
    db.execute("INSERT INTO article_search_fts (article_search_fts) VALUES ('rebuild')")


@migrations()
def add_source_index(db: Database) -> None:
    """An index on ``articles.source``: the source filter of search, export and listings, and Datasette's
    source facet, read it instead of every article row."""
    db.execute("CREATE INDEX idx_articles_source ON articles (source)")


@migrations()
def add_exact_duplicate_keys(db: Database) -> None:
    """``articles.title_key`` (the normalised title; backfilled) indexed with ``content_hash``: an exact
    duplicate has both the same; ``article_urls.content_key``: what each fetched URL delivered last."""
    db.execute("ALTER TABLE articles ADD COLUMN title_key TEXT NOT NULL DEFAULT ''")
    db.conn.create_function("archive_title_key", 1, title_key, deterministic=True)
    db.execute("UPDATE articles SET title_key = archive_title_key(title)")
    db.execute("DROP INDEX IF EXISTS idx_articles_content_hash")
    db.execute("CREATE INDEX idx_articles_content_hash_title ON articles (content_hash, title_key)")
    db.execute("ALTER TABLE article_urls ADD COLUMN content_key TEXT")


def _articles(db: Database, columns: str, batch: int = 500) -> Iterator[tuple[Any, ...]]:
    """Yield ``(id, *columns)`` of every article in id order, a batch at a time (constant memory)."""
    last = 0
    while rows := db.execute(
        f"SELECT id, {columns} FROM articles WHERE id > ? ORDER BY id LIMIT ?", [last, batch]
    ).fetchall():
        yield from rows
        last = rows[-1][0]


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
