"""The archive: SQLite storage (ArchiveStore, the only writer) and its read API (``queries``).

See README § Archive schema.
"""

from crawler.storage.archive import ArchiveStore, SaveResult
from crawler.storage.errors import StorageError

__all__ = ["ArchiveStore", "SaveResult", "StorageError"]
