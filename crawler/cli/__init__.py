"""Command line: ``newsarchive crawl | runs | extract | stats | search | export | similar | serve | demo``.

Exit codes: 0 success; 1 the crawl failed (storage error) or an unexpected error; 2 usage or configuration
error (bad arguments, bad site profile, missing archive); the crawl's job codes 3, 4, 5 and 75. See README
§ Command line. One module per command group: ``crawling`` (crawl, runs, extract), ``query`` (stats,
search, export, similar, serve) and ``demo``; ``common`` holds the shared options and helpers.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from crawler.cli import crawling, demo, query
from crawler.cli.common import DEFAULT_DB, CliError
from crawler.jobs import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from crawler.storage import StorageError

Handler = Callable[[argparse.Namespace], int]
HANDLERS: dict[str, Handler] = {}


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one sub-command per action."""
    parser = argparse.ArgumentParser(prog="newsarchive", description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (crawling, query, demo):
        HANDLERS.update(group.add_parsers(sub))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    handler = HANDLERS[args.command]
    try:
        return int(handler(args))
    except CliError as exc:
        print(f"newsarchive {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StorageError as exc:
        print(f"newsarchive {args.command}: storage error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK


__all__ = [
    "DEFAULT_DB",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "HANDLERS",
    "CliError",
    "build_parser",
    "main",
]
