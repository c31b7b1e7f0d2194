"""ArchiveConnection: one open, migrated archive connection shared by the writers (ArchiveStore, CrawlState).

It owns the connection lifecycle, the clock and ``BEGIN IMMEDIATE`` transactions; see reliability-checklist §5.
With ``batch_seconds`` > 0 writes are batched (README § Performance): one transaction stays open and is
committed once it is that old (at the next write or ``flush_if_due``), on ``flush`` and on ``close``; each
write is a savepoint in it, so a failed write rolls back only its own changes. Writers sharing one
connection (``share=``) share its batch, so what they commit is always a prefix of what they wrote.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlite_utils import Database

from crawler.storage.connection import WRITER_CACHE_KIB, connect, is_memory, quick_check
from crawler.storage.errors import StorageError, storage_errors
from crawler.storage.migrations import apply_migrations


def utc_now() -> datetime:
    """The default clock."""
    return datetime.now(UTC)


class _Session:
    """One connection and its write batch, shared by the ArchiveConnections opened on it."""

    def __init__(self, db: Database, batch_seconds: float) -> None:
        self.db = db
        self.batch_seconds = batch_seconds
        self.opened_at: float | None = None  # monotonic time the open batch began; None: no batch open
        self.users = 1
        #: Work a writer deferred to the end of the transaction (the search index), run just before COMMIT.
        self.before_commit: dict[str, Callable[[], None]] = {}

    def commit(self) -> None:
        self.opened_at = None
        if self.db.conn.in_transaction:
            for hook in self.before_commit.values():
                hook()
            self.db.execute("COMMIT")

    def age(self) -> float:
        return 0.0 if self.opened_at is None else time.monotonic() - self.opened_at


class ArchiveConnection:
    """Open ``path`` (creating and migrating it), optionally after ``PRAGMA quick_check``; a context manager.

    Subclasses set ``what`` (used in error messages) and write inside ``self._transaction(action)``.
    ``batch_seconds`` > 0 batches writes (see the module docstring); ``share`` reuses another open
    connection and its batch instead of opening the file again (``path`` is then ignored).
    """

    what = "the archive"
    path: str
    db: Database
    _session: _Session

    def __init__(
        self,
        path: str | Path,
        *,
        check: bool = False,
        clock: Callable[[], datetime] = utc_now,
        batch_seconds: float = 0.0,
        share: ArchiveConnection | None = None,
    ) -> None:
        self._clock = clock
        self._closed = False
        if share is not None:
            if not share.shared_open:
                raise StorageError(f"archive {share.path}: cannot share a closed connection")
            self.path = share.path
            self.db = share.db
            self._session = share._session
            self._session.users += 1
            return
        self.path = str(path)
        with storage_errors(self.path, f"open {self.what}"):
            existing = not is_memory(path) and Path(path).is_file() and Path(path).stat().st_size > 0
            self.db = connect(path, cache_kib=WRITER_CACHE_KIB)
            try:
                if check and existing and (problems := quick_check(self.db)):
                    raise StorageError(
                        f"archive {self.path}: integrity check failed: {'; '.join(problems[:5])}"
                    )
                apply_migrations(self.db)
            except BaseException:
                self.db.close()
                raise
        self._session = _Session(self.db, batch_seconds)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Commit the open batch; close the connection when no other writer shares it (idempotent)."""
        if self._closed:
            return
        self._closed = True
        session = self._session
        session.users -= 1
        try:
            with storage_errors(self.path, f"commit the writes to {self.what}"):
                session.commit()
        finally:
            if session.users <= 0:
                with storage_errors(self.path, f"close {self.what}"):
                    self.db.close()

    @property
    def shared_open(self) -> bool:
        """True while any writer sharing this connection (this one included) has not closed it."""
        return self._session.users > 0

    def flush(self) -> None:
        """Commit the open batch now (a no-op without one)."""
        with storage_errors(self.path, f"commit the writes to {self.what}"):
            self._session.commit()

    def flush_if_due(self) -> None:
        """Commit the open batch when it is ``batch_seconds`` old or older (call it from a timer)."""
        if self._session.opened_at is not None and self._session.age() >= self._session.batch_seconds:
            self.flush()

    def now(self) -> str:
        """The current time as stored (UTC ISO 8601, seconds)."""
        return self._clock().astimezone(UTC).isoformat(timespec="seconds")

    @contextmanager
    def _transaction(self, action: str) -> Iterator[None]:
        """Run the block in one BEGIN IMMEDIATE transaction (or a savepoint of the open batch); roll back on
        any error."""
        session = self._session
        if session.batch_seconds <= 0:
            with storage_errors(self.path, action):
                self.db.execute("BEGIN IMMEDIATE")
                try:
                    yield
                    session.commit()
                except BaseException:
                    with suppress(sqlite3.Error):
                        self.db.rollback()
                    raise
            return
        with storage_errors(self.path, action):
            if not self.db.conn.in_transaction:
                self.db.execute("BEGIN IMMEDIATE")
                session.opened_at = time.monotonic()
            self.db.execute("SAVEPOINT archive_write")
            try:
                yield
                self.db.execute("RELEASE archive_write")
            except BaseException:
                self._undo_write()
                raise
            if session.age() >= session.batch_seconds:
                session.commit()

    def _undo_write(self) -> None:
        """Roll back the failed write only; if SQLite already rolled the whole batch back, start afresh."""
        try:
            self.db.execute("ROLLBACK TO archive_write")
            self.db.execute("RELEASE archive_write")
        except sqlite3.Error:
            with suppress(sqlite3.Error):
                self.db.rollback()
            self._session.opened_at = None
