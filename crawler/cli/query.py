"""Commands that read the archive: ``stats``, ``search``, ``export``, ``similar`` and ``serve``.

See README § Command line, § Search, § Exports and § Datasette.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crawler.cli.common import CliError, add_db, add_filters, filters, open_archive, print_json
from crawler.jobs import EXIT_OK
from crawler.storage import queries
from crawler.storage.exports import FORMATS, write_export


def add_parsers(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add the archive-reading commands to the sub-command parsers; return their handlers."""
    for add in (_add_stats, _add_search, _add_export, _add_similar, _add_serve):
        add(sub)
    return {
        "stats": run_stats,
        "search": run_search,
        "export": run_export,
        "similar": run_similar,
        "serve": run_serve,
    }


def _add_stats(sub: Any) -> None:
    """``newsarchive stats`` and its options."""
    stats = sub.add_parser(
        "stats",
        help="show what the archive holds",
        description=("Counts of articles, URLs and runs, per-site figures and the latest crawl runs."),
    )
    stats.add_argument("--json", action="store_true", help="print JSON")
    add_db(stats)


def _add_search(sub: Any) -> None:
    """``newsarchive search`` and its options."""
    search = sub.add_parser(
        "search",
        help="full-text search (Chinese and English), best matches first",
        description=(
            "Ranked full-text search over titles and bodies: any Chinese substring of 1 or more characters, "
            "English words with stemming; whitespace-separated terms must all match. One row per "
            "syndication cluster (with its reprint count) and a snippet with the hits in [brackets]."
        ),
    )
    search.add_argument("query", help="text to find (Chinese or English)")
    add_filters(search)
    search.add_argument("--limit", type=int, default=20, help="maximum results (default: %(default)s)")
    search.add_argument("--all-copies", action="store_true", help="list every reprint, not one per cluster")
    search.add_argument("--json", action="store_true", help="print JSON lines")
    add_db(search)


def _add_export(sub: Any) -> None:
    """``newsarchive export`` and its options."""
    export = sub.add_parser(
        "export",
        help="stream articles as JSON lines, CSV or Zyte Article records",
        description=(
            "Stream every article matching the filters (by id) to stdout or a file in constant memory. "
            "zyte: the Zyte Article schema (headline, datePublished, authors, articleBody, canonicalUrl ...) "
            "with our other fields under their own names."
        ),
    )
    export.add_argument("--format", choices=FORMATS, default="jsonl", help="default: %(default)s")
    add_filters(export)
    export.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    add_db(export)


def _add_similar(sub: Any) -> None:
    """``newsarchive similar`` and its options."""
    similar = sub.add_parser(
        "similar",
        help="list the syndication cluster of an article",
        description=(
            "List every copy of an article found in the archive (reprints under other URLs or sites), the "
            "cluster's original first, with Jaccard and containment of the normalised bodies."
        ),
    )
    similar.add_argument("article", help="article id or any URL that led to it")
    similar.add_argument("--json", action="store_true", help="print JSON lines")
    add_db(similar)


def _add_serve(sub: Any) -> None:
    """``newsarchive serve`` and its options."""
    serve = sub.add_parser(
        "serve",
        help="explore the archive in Datasette (needs the datasette extra)",
        description=(
            "Start Datasette on the archive with newsarchive's metadata: full-text search wired to the "
            "bigram index, facets on site, source, author and month, and a canned Chinese search query. "
            "Install with: pip install 'newsarchive[datasette]'."
        ),
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8001, help="port (default: %(default)s)")
    add_db(serve)


def run_stats(args: argparse.Namespace) -> int:
    """``newsarchive stats``."""
    database = open_archive(args.db)
    counts = queries.counts(database)
    sites = queries.site_stats(database)
    runs = queries.run_history(database, limit=5)
    if args.json:
        print_json({"counts": counts, "sites": sites, "runs": runs})
        return EXIT_OK
    for name, value in counts.items():
        print(f"{name:>14}: {value}")
    for site in sites:
        print(f"site {site.get('site')}: {json.dumps(site, ensure_ascii=False, default=str)}")
    for run in runs:
        print(f"run {run.get('id')}: {run.get('site')} {run.get('started_at')} -> {run.get('status')}")
    return EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    """``newsarchive search``."""
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    bold = sys.stdout.isatty() and not args.json
    rows = queries.search(
        open_archive(args.db),
        args.query,
        filters=filters(args),
        limit=args.limit,
        collapse=not args.all_copies,
        marks=("\x1b[1m", "\x1b[0m") if bold else ("[", "]"),
    )
    for number, row in enumerate(rows, 1):
        if args.json:
            print_json(row)
            continue
        reprints = f"  (+{row['reprints']} reprint{'s' * (row['reprints'] != 1)})" if row["reprints"] else ""
        facts = " · ".join(str(v) for v in (row["published_at"], row["source"], row["site"]) if v)
        print(f"{number}. {row['title'] or '(untitled)'}{reprints}\n   {facts}\n   {row['url']}")
        print(f"   {row['snippet']}\n")
    if not args.json:
        print(f"{len(rows)} result(s)", file=sys.stderr)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """``newsarchive export``."""
    database = open_archive(args.db)
    out = args.output.open("w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        count = write_export(queries.iter_articles(database, filters=filters(args)), out, args.format)
    finally:
        if args.output:
            out.close()
    if args.output:
        print(f"{count} article(s) written to {args.output}", file=sys.stderr)
    return EXIT_OK


def run_similar(args: argparse.Namespace) -> int:
    """``newsarchive similar``."""
    database = open_archive(args.db)
    found = queries.article(database, args.article)
    if found is None:
        raise CliError(f"no article {args.article!r} in {args.db} (give an id or a URL)")
    copies = queries.cluster(database, found["id"])
    for row in copies:
        if args.json:
            print_json(row)
            continue
        role = "original" if row["original"] else f"J={row['jaccard']:.2f} C={row['containment']:.2f}"
        print(f"{row['id']:>8}  {role:<17} {row['published_at'] or '-':25}  {row['site']}  {row['title']}")
        print(f"{'':>8}  {row['url']}")
    if not args.json:
        print(f"{len(copies)} cop{'ies' if len(copies) != 1 else 'y'} in the cluster", file=sys.stderr)
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    """``newsarchive serve``."""
    if importlib.util.find_spec("datasette") is None:
        raise CliError("Datasette is not installed: pip install 'newsarchive[datasette]'")
    open_archive(args.db).close()
    from datasette.cli import cli as datasette_cli

    from crawler.datasette import serve_arguments

    with serve_arguments(args.db, host=args.host, port=args.port) as arguments:
        datasette_cli.main(arguments, prog_name="datasette", standalone_mode=False)
    return EXIT_OK
