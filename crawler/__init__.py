"""newsarchive: crawl news sites into a clean, deduplicated, searchable SQLite archive."""

__version__ = "0.1.0"
