"""Shared pieces of the command line: exit codes, the usage error, common options and archive helpers."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from crawler.cli import runner
from crawler.extensions.runs import format_summary
from crawler.jobs import DEFAULT_ARCHIVE, EXIT_FAILED, EXIT_OK
from crawler.storage import ArchiveStore, StorageError, queries
from crawler.storage.filters import ArticleFilter

DEFAULT_DB = os.environ.get("ARCHIVE_DB", DEFAULT_ARCHIVE)


class CliError(Exception):
    """A usage or configuration error reported as one line on stderr with exit code 2."""


def add_db(parser: argparse.ArgumentParser) -> None:
    """Add ``--db PATH`` (default: ``ARCHIVE_DB`` or output/archive.db)."""
    parser.add_argument("--db", default=DEFAULT_DB, help="archive database (default: %(default)s)")


def add_filters(parser: argparse.ArgumentParser) -> None:
    """Add the article filters shared by search and export."""
    parser.add_argument("--site", help="only this site")
    parser.add_argument("--source", help="only articles whose source (来源) is exactly this")
    parser.add_argument("--author", help="only articles with this author")
    parser.add_argument(
        "--since", metavar="DATE", help="published on or after (2024, 2024-03, 2024-03-01 ...)"
    )
    parser.add_argument("--until", metavar="DATE", help="published on or before (same forms, inclusive)")


def filters(args: argparse.Namespace) -> ArticleFilter:
    """The ArticleFilter the parsed filter options describe."""
    return ArticleFilter(args.site, args.source, args.author, args.since, args.until)


def print_json(value: Any) -> None:
    """Print a value as UTF-8 JSON."""
    print(json.dumps(value, ensure_ascii=False, default=str))


def open_archive(db: str) -> Any:
    """Open an existing archive for reading; a missing or unusable one is a usage error."""
    try:
        return queries.open_archive(db)
    except StorageError as exc:
        raise CliError(str(exc)) from None


def crawl_settings(pairs: Sequence[str], db: str, verbose: bool) -> dict[str, Any]:
    """Scrapy settings from ``-s NAME=VALUE`` pairs, the archive path and the log level."""
    try:
        overrides: dict[str, Any] = runner.parse_setting_pairs(pairs)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    overrides.setdefault("ARCHIVE_DB", db)
    overrides.setdefault("LOG_LEVEL", "INFO" if verbose else "WARNING")
    return overrides


def preflight(db: str) -> None:
    """Open (create or migrate) the archive before crawling, so an unusable path fails in one line."""
    with ArchiveStore(db):
        pass


def finish(outcome: runner.CrawlOutcome, db: str) -> int:
    """Print the crawl summary; return 1 when the crawl failed, else 0."""
    print(format_summary(outcome.summary), file=sys.stderr)
    if outcome.failed:
        print(
            f"newsarchive crawl: the crawl failed ({outcome.summary.get('finish_reason')}); "
            f"see the log above. Articles committed before the failure are kept in {db}.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK
