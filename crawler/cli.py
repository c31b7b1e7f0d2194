"""Command line: ``newsarchive crawl | extract | stats | search | export | similar | serve | demo``.

Exit codes: 0 success; 1 the crawl failed (storage error) or an unexpected error; 2 usage or configuration
error (bad arguments, bad site profile, missing archive). See README § Command line.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crawler import jobcli, jobs, runner
from crawler.extensions import format_summary
from crawler.pages import extract
from crawler.sites import ProfileError, load_profile
from crawler.spiders.article import SpiderArgs, SpiderArgumentError
from crawler.storage import ArchiveStore, StorageError, queries
from crawler.storage.exports import FORMATS, write_export
from crawler.storage.filters import ArticleFilter

DEFAULT_DB = os.environ.get("ARCHIVE_DB", "output/archive.db")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEMO_PORT = 8765


class CliError(Exception):
    """A usage or configuration error reported as one line on stderr with exit code 2."""


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help="archive database (default: %(default)s)")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", help="only this site")
    parser.add_argument("--source", help="only articles whose source (来源) is exactly this")
    parser.add_argument("--author", help="only articles with this author")
    parser.add_argument(
        "--since", metavar="DATE", help="published on or after (2024, 2024-03, 2024-03-01 ...)"
    )
    parser.add_argument("--until", metavar="DATE", help="published on or before (same forms, inclusive)")


def _filters(args: argparse.Namespace) -> ArticleFilter:
    return ArticleFilter(args.site, args.source, args.author, args.since, args.until)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one sub-command per action."""
    parser = argparse.ArgumentParser(prog="newsarchive", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    crawl = sub.add_parser(
        "crawl",
        help="crawl a site into the archive",
        description=(
            "Crawl one site breadth-first and archive its articles. Give start URLs (no configuration "
            "needed: the crawl stays on their origins), a site profile with --site, or both."
        ),
    )
    crawl.add_argument("urls", nargs="*", metavar="URL", help="start URLs (absolute http/https)")
    crawl.add_argument("--site", help="site profile name (crawler/sites/NAME.toml or ARCHIVE_SITE_DIRS)")
    crawl.add_argument("--max-depth", type=int, help="link depth limit (DEPTH_LIMIT; 0 = unlimited)")
    crawl.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy or ARCHIVE_* setting (repeatable)",
    )
    crawl.add_argument("-v", "--verbose", action="store_true", help="log at INFO level (default WARNING)")
    jobcli.add_crawl_options(crawl)
    _add_db(crawl)

    jobcli.add_runs_parser(sub, _add_db)

    ext = sub.add_parser(
        "extract",
        help="extract one saved page and print its fields as JSON",
        description="Run the same extraction the spider uses on a saved HTML file.",
    )
    ext.add_argument("file", type=Path, help="HTML file (raw bytes as downloaded)")
    ext.add_argument("--url", required=True, help="the URL the page was fetched from")
    ext.add_argument("--site", help="site profile name to apply")
    ext.add_argument("--encoding", help="charset declared by the server, if known")

    stats = sub.add_parser(
        "stats",
        help="show what the archive holds",
        description=("Counts of articles, URLs and runs, per-site figures and the latest crawl runs."),
    )
    stats.add_argument("--json", action="store_true", help="print JSON")
    _add_db(stats)

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
    _add_filters(search)
    search.add_argument("--limit", type=int, default=20, help="maximum results (default: %(default)s)")
    search.add_argument("--all-copies", action="store_true", help="list every reprint, not one per cluster")
    search.add_argument("--json", action="store_true", help="print JSON lines")
    _add_db(search)

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
    _add_filters(export)
    export.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    _add_db(export)

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
    _add_db(similar)

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
    _add_db(serve)

    demo = sub.add_parser(
        "demo",
        help="serve the bundled sample site locally and crawl it",
        description=(
            "Serve the bundled sample news site on 127.0.0.1, crawl it into the archive, "
            "print the summary and three archived articles."
        ),
    )
    demo.add_argument(
        "--port", type=int, help=f"port to serve on (default: {DEMO_PORT} when free, else any free port)"
    )
    _add_db(demo)
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


def print_json(value: Any) -> None:
    """Print a value as UTF-8 JSON."""
    print(json.dumps(value, ensure_ascii=False, default=str))


def _settings(pairs: Sequence[str], db: str, verbose: bool) -> dict[str, Any]:
    try:
        overrides: dict[str, Any] = runner.parse_setting_pairs(pairs)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    overrides.setdefault("ARCHIVE_DB", db)
    overrides.setdefault("LOG_LEVEL", "INFO" if verbose else "WARNING")
    return overrides


def _check_spider_args(kwargs: dict[str, Any], overrides: dict[str, Any]) -> None:
    """Validate arguments and the profile before starting Scrapy, so errors are one clear line."""
    try:
        parsed = SpiderArgs.from_kwargs(kwargs)
        profile = (
            load_profile(parsed.site, overrides.get("ARCHIVE_SITE_DIRS") or None) if parsed.site else None
        )
    except (SpiderArgumentError, ProfileError) as exc:
        raise CliError(str(exc)) from None
    if not parsed.start_urls and not (profile and profile.start_urls):
        raise CliError("give start URLs or --site NAME (see newsarchive crawl --help)")


def _finish(outcome: runner.CrawlOutcome, db: str) -> int:
    print(format_summary(outcome.summary), file=sys.stderr)
    if outcome.failed:
        print(
            f"newsarchive crawl: the crawl failed ({outcome.summary.get('finish_reason')}); "
            f"see the log above. Articles committed before the failure are kept in {db}.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK


def run_crawl(args: argparse.Namespace) -> int:
    """``newsarchive crawl``."""
    overrides = _settings(args.set, args.db, args.verbose)
    try:
        overrides.update(jobcli.crawl_overrides(args))
        if args.all:
            return jobcli.run_all(args, overrides.get("ARCHIVE_SITE_DIRS") or None)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    kwargs: dict[str, Any] = {"start_urls": ",".join(args.urls)} if args.urls else {}
    if args.site:
        kwargs["site"] = args.site
    if args.max_depth is not None:
        kwargs["max_depth"] = str(args.max_depth)
    _check_spider_args(kwargs, overrides)
    _preflight(args.db)
    if locked := jobs.probe_lock(args.db, jobcli.site_of(args)):
        print(f"newsarchive crawl: {locked}", file=sys.stderr)
        return jobs.EXIT_LOCKED
    outcome = runner.run_crawl(kwargs, overrides)
    return jobcli.verdict(_finish(outcome, args.db), outcome.stats)


def _preflight(db: str) -> None:
    """Open (create or migrate) the archive before crawling, so an unusable path fails in one line."""
    with ArchiveStore(db):
        pass


def run_runs(args: argparse.Namespace) -> int:
    """``newsarchive runs``."""
    return jobcli.run_runs(args, _open(args.db))


def run_extract(args: argparse.Namespace) -> int:
    """``newsarchive extract``."""
    try:
        html = args.file.read_bytes()
        profile = load_profile(args.site) if args.site else None
    except (OSError, ProfileError) as exc:
        raise CliError(str(exc)) from None
    fields = extract(html, args.url, profile, declared_encoding=args.encoding)
    print(json.dumps(fields, ensure_ascii=False, indent=2, default=str))
    return EXIT_OK


def _open(db: str) -> Any:
    try:
        return queries.open_archive(db)
    except StorageError as exc:
        raise CliError(str(exc)) from None


def run_stats(args: argparse.Namespace) -> int:
    """``newsarchive stats``."""
    database = _open(args.db)
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
        _open(args.db),
        args.query,
        filters=_filters(args),
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
    database = _open(args.db)
    out = args.output.open("w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        count = write_export(queries.iter_articles(database, filters=_filters(args)), out, args.format)
    finally:
        if args.output:
            out.close()
    if args.output:
        print(f"{count} article(s) written to {args.output}", file=sys.stderr)
    return EXIT_OK


def run_similar(args: argparse.Namespace) -> int:
    """``newsarchive similar``."""
    database = _open(args.db)
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
    _open(args.db).close()
    from datasette.cli import cli as datasette_cli

    from crawler.datasette import serve_arguments

    with serve_arguments(args.db, host=args.host, port=args.port) as arguments:
        datasette_cli.main(arguments, prog_name="datasette", standalone_mode=False)
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    """``newsarchive demo``."""
    from crawler.demo import DEMO_SITE_DIR

    overrides = _settings([], args.db, False)
    _preflight(args.db)
    overrides.update(
        {
            "ARCHIVE_SITE_DIRS": str(DEMO_SITE_DIR),
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        }
    )
    with _demo_server(args.port) as server:
        print(f"Serving the sample site at {server.url}/", file=sys.stderr)
        outcome = runner.run_crawl({"site": "sample_site", "start_urls": f"{server.url}/"}, overrides)
    code = _finish(outcome, args.db)
    print(f"\nArchive: {args.db}")
    for row in queries.recent(_open(args.db), site="sample_site", limit=3):
        body = " ".join((row.get("body") or "").split())[:120]
        print(
            f"\n* {row.get('title')}\n  {row.get('published_at')}  source: {row.get('source') or '-'}  "
            f"authors: {', '.join(row.get('authors') or []) or '-'}\n  {row.get('url')}\n  {body}..."
        )
    return code


def _demo_server(port: int | None) -> Any:
    """Serve the sample site on ``port``; by default on DEMO_PORT when free (so re-runs see the same URLs
    and change nothing in the archive), else on any free port."""
    from crawler.demo.server import SampleSiteServer

    if port is not None:
        return SampleSiteServer(port=port)
    try:
        server = SampleSiteServer(port=DEMO_PORT)
        server.start()
    except OSError:
        print(
            f"port {DEMO_PORT} is busy; serving on a free port (URLs differ from earlier demo runs)",
            file=sys.stderr,
        )
        return SampleSiteServer(port=0)
    return server


HANDLERS = {
    "crawl": run_crawl,
    "extract": run_extract,
    "stats": run_stats,
    "search": run_search,
    "export": run_export,
    "similar": run_similar,
    "serve": run_serve,
    "demo": run_demo,
    "runs": run_runs,
}

__all__ = ["CliError", "build_parser", "main"]
