"""Datasette plugin: ``newsarchive_match(q)`` rewrites any query into the bigram index's FTS5 expression."""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from crawler.storage.search import match_expression


def _prepare_connection(conn: sqlite3.Connection) -> None:
    """Register ``newsarchive_match`` on every connection Datasette opens."""
    conn.create_function(
        "newsarchive_match", 1, lambda q: match_expression(q or "") or '""', deterministic=True
    )


prepare_connection = hookimpl(_prepare_connection, specname="prepare_connection")
