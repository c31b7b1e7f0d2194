"""Open an archive database with the connection settings every reader and writer uses."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

#: How long a connection waits for another writer's lock before "database is locked" (milliseconds).
BUSY_TIMEOUT_MS = 30_000
#: Page cache of a writer's connection (KiB; SQLite's default is 2,000). Saves look up and insert LSH band
#: keys at random places in the archive's largest index; with 2 MB most of those pages are read again from
#: the file on each save once the archive holds some 10,000 articles (README § Performance).
WRITER_CACHE_KIB = 16_384


def is_memory(path: str | Path) -> bool:
    """True for the in-memory database name ``:memory:``."""
    return str(path) == ":memory:"


def connect(path: str | Path, *, cache_kib: int | None = None) -> Database:
    """Open (or create) ``path``: WAL, busy_timeout, synchronous=NORMAL, foreign keys on.

    ``cache_kib``: the page cache size (writers pass WRITER_CACHE_KIB; None keeps SQLite's default).
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
        if cache_kib is not None:
            db.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
    except BaseException:
        db.close()
        raise
    return db


def quick_check(db: Database) -> list[str]:
    """Run ``PRAGMA quick_check``; return the problems found (empty when the file is sound)."""
    rows = [str(row[0]) for row in db.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows
