"""StorageError and the helper that turns sqlite3 errors into it, naming the database path."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StorageError(RuntimeError):
    """The archive database could not be opened, read or written; the message names the file."""


@contextmanager
def storage_errors(path: str | Path, action: str) -> Iterator[None]:
    """Re-raise any ``sqlite3.Error`` or ``OSError`` inside the block as StorageError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StorageError(f"archive {path}: cannot {action}: {exc}") from exc
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(path) else ""
        raise StorageError(f"archive {path}: cannot {action}: {exc.strerror or exc}{where}") from exc
