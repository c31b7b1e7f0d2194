"""Deferred search indexing: a writer queues the articles it changed and indexes them in bulk before commit.

See README § Performance. ``ArchiveStore`` queues an article (``defer_index``) when a save changes its
title or body; ``flush_pending`` runs in the same transaction just before it commits, so what is committed
is always indexed and a crash or rolled-back write leaves nothing half-indexed.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress

from sqlite_utils import Database

from crawler.storage.search import index_article, index_text

#: The writer connection's queue of articles to (re-)index before commit (see ``prepare_deferred``).
PENDING = "temp.archive_search_pending"
_CREATE = "CREATE TEMP TABLE IF NOT EXISTS archive_search_pending (article_id INTEGER PRIMARY KEY)"
_QUEUE = f"INSERT OR IGNORE INTO {PENDING} (article_id) VALUES (?)"
#: The queued articles' index rows, in id order (the queue drives the join: no scan of ``articles``).
INDEX_QUEUED = f"""SELECT a.id, archive_index_text(a.title), archive_index_text(a.body)
    FROM {PENDING} p CROSS JOIN articles a ON a.id = p.article_id ORDER BY p.article_id"""


def prepare_deferred(db: Database) -> None:
    """Set up deferred indexing on a writer's connection: the per-connection ``TEMP`` queue and the
    ``archive_index_text`` SQL function ``flush_pending`` uses.

    The queue is a temporary table, so it shares the writer's transaction: a write rolled back (to its
    savepoint) or lost in a crash takes its queue entry with it.
    """
    db.conn.create_function("archive_index_text", 1, index_text, deterministic=True)
    db.execute(_CREATE)


def defer_index(db: Database, article_id: int) -> None:
    """Queue an article for (re-)indexing from its stored title and body by the next ``flush_pending``."""
    db.conn.execute(_QUEUE, [article_id])


def flush_pending(db: Database) -> None:
    """Index the queued articles in bulk, in the open transaction (called just before it commits).

    Three statements whatever the batch size: the queued rows of ``article_search`` are deleted (their
    FTS5 entries follow by trigger), then re-inserted from ``articles`` in id order. FTS5 buffers a
    statement's changes in memory and writes them out as one segment; a statement per article (or a delete
    and insert of the same row in one statement) would write a segment per article and merge them later.
    A lone queued article (commits per write) takes the single upsert instead.
    """
    queued = db.conn.execute(f"SELECT article_id FROM {PENDING} LIMIT 2").fetchall()
    if not queued:
        return
    db.conn.execute("SAVEPOINT archive_index")
    try:
        if len(queued) == 1:
            found = db.conn.execute("SELECT title, body FROM articles WHERE id = ?", queued[0]).fetchone()
            if found is not None:
                index_article(db, queued[0][0], *found)
        else:
            db.conn.execute(f"DELETE FROM article_search WHERE id IN (SELECT article_id FROM {PENDING})")
            db.conn.execute(f"INSERT INTO article_search (id, title_bi, body_bi) {INDEX_QUEUED}")
        db.conn.execute(f"DELETE FROM {PENDING}")
    except BaseException:
        with suppress(sqlite3.Error):
            db.conn.execute("ROLLBACK TO archive_index")
            db.conn.execute("RELEASE archive_index")
        raise
    db.conn.execute("RELEASE archive_index")
