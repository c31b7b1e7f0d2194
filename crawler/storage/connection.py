"""Open an archive database with the connection settings every reader and writer uses."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

#: How long a connection waits for another writer's lock before "database is locked" (milliseconds).
BUSY_TIMEOUT_MS = 30_000


def is_memory(path: str | Path) -> bool:
    """True for the in-memory database name ``:memory:``."""
    return str(path) == ":memory:"


def connect(path: str | Path) -> Database:
    """Open (or create) ``path``: WAL, busy_timeout, synchronous=NORMAL, foreign keys on.

    The caller converts sqlite3 errors (see ``errors.storage_errors``).
    """
    if is_memory(path):
        db = Database(memory=True, execute_plugins=False)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = Database(Path(path), execute_plugins=False)
    try:
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not is_memory(path):
            db.enable_wal()
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        db.close()
        raise
    return db


def quick_check(db: Database) -> list[str]:
    """Run ``PRAGMA quick_check``; return the problems found (empty when the file is sound)."""
    rows = [str(row[0]) for row in db.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows
