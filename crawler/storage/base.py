"""ArchiveConnection: one open, migrated archive connection shared by the writers (ArchiveStore, CrawlState).

It owns the connection lifecycle, the clock and ``BEGIN IMMEDIATE`` transactions; see reliability-checklist §5.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlite_utils import Database

from crawler.storage.connection import connect, is_memory, quick_check
from crawler.storage.errors import StorageError, storage_errors
from crawler.storage.migrations import apply_migrations


def utc_now() -> datetime:
    """The default clock."""
    return datetime.now(UTC)


class ArchiveConnection:
    """Open ``path`` (creating and migrating it), optionally after ``PRAGMA quick_check``; a context manager.

    Subclasses set ``what`` (used in error messages) and write inside ``self._transaction(action)``.
    """

    what = "the archive"

    def __init__(
        self, path: str | Path, *, check: bool = False, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self.path = str(path)
        self._clock = clock
        with storage_errors(self.path, f"open {self.what}"):
            existing = not is_memory(path) and Path(path).is_file() and Path(path).stat().st_size > 0
            self.db: Database = connect(path)
            try:
                if check and existing and (problems := quick_check(self.db)):
                    raise StorageError(
                        f"archive {self.path}: integrity check failed: {'; '.join(problems[:5])}"
                    )
                apply_migrations(self.db)
            except BaseException:
                self.db.close()
                raise

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with storage_errors(self.path, f"close {self.what}"):
            self.db.close()

    def now(self) -> str:
        """The current time as stored (UTC ISO 8601, seconds)."""
        return self._clock().astimezone(UTC).isoformat(timespec="seconds")

    @contextmanager
    def _transaction(self, action: str) -> Iterator[None]:
        """Run the block in one BEGIN IMMEDIATE transaction; roll back on any error."""
        with storage_errors(self.path, action):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.db.execute("COMMIT")
            except BaseException:
                with suppress(sqlite3.Error):
                    self.db.rollback()
                raise
