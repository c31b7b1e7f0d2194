"""Commands that crawl or extract: ``crawl``, ``runs`` and ``extract``. See README § Command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crawler import jobs
from crawler.cli import jobs as jobcli
from crawler.cli import runner
from crawler.cli.common import CliError, add_db, crawl_settings, finish, open_archive, preflight
from crawler.jobs import EXIT_OK
from crawler.pages import extract, page_class
from crawler.pages.verdict import kind_reason
from crawler.sites import ProfileError, load_profile
from crawler.spiders.article import SpiderArgs, SpiderArgumentError


def add_parsers(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add ``crawl``, ``runs`` and ``extract`` to the sub-command parsers; return their handlers."""
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
    add_db(crawl)

    jobcli.add_runs_parser(sub, add_db)

    ext = sub.add_parser(
        "extract",
        help="extract one saved page and print its fields as JSON",
        description="Run the same extraction the spider uses on a saved HTML file. The JSON also holds the "
        'crawl\'s verdict on the page: "kind" (article or hub) and "kind_reason" (the evidence that '
        "decided: profile, teasers, links, declared, byline, dated, brief, long or thin).",
    )
    ext.add_argument("file", type=Path, help="HTML file (raw bytes as downloaded)")
    ext.add_argument("--url", required=True, help="the URL the page was fetched from")
    ext.add_argument("--site", help="site profile name to apply")
    ext.add_argument("--encoding", help="charset declared by the server, if known")
    return {"crawl": run_crawl, "runs": run_runs, "extract": run_extract}


def _check_spider_args(kwargs: dict[str, Any], overrides: dict[str, Any]) -> None:
    """Validate arguments and the profile before starting Scrapy, so errors are one clear line."""
    try:
        parsed = SpiderArgs.from_kwargs(kwargs)
        profile = (
            load_profile(parsed.site, overrides.get("ARCHIVE_SITE_DIRS") or None) if parsed.site else None
        )
        page_class(profile)  # a profile's page class that cannot be loaded: one line, before Scrapy starts
    except (SpiderArgumentError, ProfileError) as exc:
        raise CliError(str(exc)) from None
    if not parsed.start_urls and not (profile and profile.start_urls):
        raise CliError("give start URLs or --site NAME (see newsarchive crawl --help)")


def run_crawl(args: argparse.Namespace) -> int:
    """``newsarchive crawl``."""
    overrides = crawl_settings(args.set, args.db, args.verbose)
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
    preflight(args.db)
    if locked := jobs.probe_lock(args.db, jobcli.site_of(args)):
        print(f"newsarchive crawl: {locked}", file=sys.stderr)
        return jobs.EXIT_LOCKED
    outcome = runner.run_crawl(kwargs, overrides)
    return jobcli.verdict(finish(outcome, args.db), outcome.stats)


def run_runs(args: argparse.Namespace) -> int:
    """``newsarchive runs``."""
    return jobcli.run_runs(args, open_archive(args.db))


def run_extract(args: argparse.Namespace) -> int:
    """``newsarchive extract``."""
    try:
        html = args.file.read_bytes()
        profile = load_profile(args.site) if args.site else None
        page_class(profile)
    except (OSError, ProfileError) as exc:
        raise CliError(str(exc)) from None
    fields = extract(html, args.url, profile, declared_encoding=args.encoding)
    fields["kind"], fields["kind_reason"] = kind_reason(args.url, profile, fields["signals"])
    print(json.dumps(fields, ensure_ascii=False, indent=2, default=str))
    return EXIT_OK
