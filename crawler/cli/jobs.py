"""Command-line parts of scheduled jobs: crawl options (budgets, refresh, since, --all) and ``newsarchive runs``.

See README § Scheduled jobs. ``crawler.cli`` wires these into its parser and handlers.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from crawler import jobs
from crawler.cli.common import print_json
from crawler.sites import ProfileError, iter_profiles
from crawler.storage import queries
from crawler.utils.listing import parse_listed

#: Exit codes of ``--all`` children, most severe first: the parent exits with the most severe one seen.
SEVERITY = (
    jobs.EXIT_FAILED,
    jobs.EXIT_USAGE,
    jobs.EXIT_EMPTY,
    jobs.EXIT_PARTIAL,
    jobs.EXIT_DRIFT,
    jobs.EXIT_LOCKED,
    jobs.EXIT_OK,
)


def add_crawl_options(crawl: argparse.ArgumentParser) -> None:
    """Budgets, refresh, --since and --all on ``newsarchive crawl``."""
    crawl.add_argument("--max-pages", type=int, metavar="N", help="stop cleanly after N responses")
    crawl.add_argument(
        "--max-time", type=float, metavar="SECONDS", help="stop cleanly after this many seconds"
    )
    crawl.add_argument(
        "--refresh", action="store_true", help="re-check archived articles that are due (conditional GET)"
    )
    crawl.add_argument(
        "--since", metavar="DATE", help="skip articles listed (sitemap/feed) before YYYY-MM-DD"
    )
    crawl.add_argument("--all", action="store_true", help="crawl every site profile, one job per site")
    crawl.add_argument(
        "--exclude", action="append", default=[], metavar="NAME", help="with --all: skip this profile"
    )
    crawl.add_argument(
        "--concurrency",
        type=int,
        default=2,
        metavar="N",
        help="with --all: sites crawled at once (default: 2)",
    )


def crawl_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """Settings for the job options; ValueError names a bad value."""
    out: dict[str, Any] = {}
    if args.max_pages is not None:
        if args.max_pages < 1:
            raise ValueError("--max-pages must be at least 1")
        out["CLOSESPIDER_PAGECOUNT"] = args.max_pages
    if args.max_time is not None:
        if args.max_time <= 0:
            raise ValueError("--max-time must be positive")
        out["CLOSESPIDER_TIMEOUT"] = args.max_time
    if args.refresh:
        out["ARCHIVE_REFRESH"] = True
    if args.since:
        if parse_listed(args.since) is None:
            raise ValueError(f"--since: {args.since!r} is not a date (give YYYY-MM-DD)")
        out["ARCHIVE_SINCE"] = args.since
    return out


def site_of(args: argparse.Namespace) -> str:
    """The site name the spider will use (profile name, else the first start URL's host)."""
    return str(args.site or urlsplit(args.urls[0]).hostname or "unknown")


def verdict(code: int, stats: Mapping[str, Any]) -> int:
    """The crawl's exit code: a failure found by the CLI, else the job verdict from the stats."""
    if code != jobs.EXIT_OK:
        return code
    final = int(stats.get("archive/job/exit_code") or jobs.EXIT_OK)
    if final != jobs.EXIT_OK:
        print(f"newsarchive crawl: exit {final}: {jobs.EXIT_MEANINGS[final]}", file=sys.stderr)
    return final


# --- --all --------------------------------------------------------------------------------------------


def child_argv(args: argparse.Namespace, site: str) -> list[str]:
    """The ``newsarchive crawl`` command line of one site's job."""
    argv = [sys.executable, "-m", "crawler", "crawl", "--site", site, "--db", args.db]
    options: dict[str, Any] = {
        "--max-depth": args.max_depth,
        "--max-pages": args.max_pages,
        "--max-time": args.max_time,
        "--since": args.since,
    }
    for flag, value in options.items():
        if value is not None:
            argv += [flag, str(value)]
    argv += ["--refresh"] * bool(args.refresh) + ["-v"] * bool(args.verbose)
    for pair in args.set:
        argv += ["-s", pair]
    return argv


def all_sites(site_dirs: str | None, exclude: Sequence[str]) -> list[str]:
    """Every profile with start URLs, except the excluded ones."""
    return [p.name for p in iter_profiles(site_dirs) if p.name not in exclude and p.start_urls]


def worst(codes: Sequence[int]) -> int:
    """The most severe exit code (unknown codes count as failures)."""
    return min(codes, key=lambda c: SEVERITY.index(c) if c in SEVERITY else -1, default=jobs.EXIT_OK)


def run_all(
    args: argparse.Namespace, site_dirs: str | None, runner: Callable[[list[str]], int] | None = None
) -> int:
    """Run one job per site profile, ``args.concurrency`` at a time; return the most severe exit code."""
    if args.urls or args.site:
        raise ValueError("--all takes no URL and no --site")
    try:
        sites = all_sites(site_dirs, args.exclude)
    except ProfileError as exc:
        raise ValueError(str(exc)) from None
    if not sites:
        raise ValueError("--all: no site profile with start URLs")
    run = runner or (lambda argv: subprocess.run(argv, check=False).returncode)
    with ThreadPoolExecutor(max_workers=max(1, args.concurrency)) as pool:
        codes = list(pool.map(lambda site: run(child_argv(args, site)), sites))
    for site, code in zip(sites, codes, strict=True):
        print(
            f"site {site}: exit {code} ({jobs.EXIT_MEANINGS.get(code, 'unexpected error')})", file=sys.stderr
        )
    return worst(codes)


# --- runs ---------------------------------------------------------------------------------------------


def add_runs_parser(sub: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """``newsarchive runs``."""
    runs = sub.add_parser(
        "runs",
        help="show the crawl run history with verdicts and drift",
        description=(
            "List crawl runs from the archive's crawl_runs table, newest first: status, duration, pages, "
            "articles new/updated/unchanged, archived URLs skipped, failed URLs, the exit code the run "
            "ended with and any drift reported against the site's own history. With --json: one JSON "
            "array, one object per run with these fields plus its counters (every numeric archive/* "
            "stat, the archive/ prefix dropped, keys sorted)."
        ),
    )
    runs.add_argument("--site", help="only runs of this site")
    runs.add_argument("--limit", type=int, default=20, help="runs to show (default: %(default)s)")
    runs.add_argument(
        "--json", action="store_true", help="print one JSON array of runs, each with its counters"
    )
    add_db(runs)


def run_row(run: Mapping[str, Any]) -> dict[str, Any]:
    """The figures shown for one run."""
    stats = run.get("stats") or {}
    return {
        "id": run.get("id"),
        "site": run.get("site"),
        "started_at": run.get("started_at"),
        "seconds": _seconds(run.get("started_at"), run.get("finished_at")),
        "status": run.get("status"),
        "exit_code": stats.get("archive/job/exit_code"),
        "pages": int(stats.get("response_received_count") or 0),
        "new": int(stats.get("archive/store/new") or 0),
        "updated": int(stats.get("archive/store/updated") or 0),
        "unchanged": int(stats.get("archive/store/unchanged") or 0),
        "skipped": int(stats.get("archive/incremental/skipped/archived") or 0),
        "failed": int(stats.get("archive/state/failed") or 0),
        "drift": {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("archive/drift/")},
    }


def run_counters(run: Mapping[str, Any]) -> dict[str, int | float]:
    """Every numeric ``archive/*`` stat of one run, ``archive/`` dropped, keys sorted.

    ``{"guard/max_page": 3, "spider/article": 12, "store/new": 10, "validate/dropped/body_too_short": 1}``;
    drift messages (text) are in ``run_row``'s ``drift`` instead.
    """
    stats = run.get("stats") or {}
    return {
        key.removeprefix("archive/"): value
        for key, value in sorted(stats.items())
        if key.startswith("archive/") and isinstance(value, int | float) and not isinstance(value, bool)
    }


def _seconds(start: Any, end: Any) -> float | None:
    try:
        return round(
            (datetime.fromisoformat(str(end)) - datetime.fromisoformat(str(start))).total_seconds(), 1
        )
    except ValueError:
        return None


def run_runs(args: argparse.Namespace, database: Any) -> int:
    """Print the run history."""
    runs = [
        r
        for r in queries.run_history(database, limit=max(args.limit, 1) * 20)
        if args.site in (None, r.get("site"))
    ]
    if args.json:
        print_json([{**run_row(run), "counters": run_counters(run)} for run in runs[: args.limit]])
        return jobs.EXIT_OK
    for run in runs[: args.limit]:
        row = run_row(run)
        exit_code = "-" if row["exit_code"] is None else row["exit_code"]
        print(
            f"{row['id']:>5}  {row['site'] or '-':<14} {row['started_at']}  {row['seconds'] or 0:>7.1f}s  "
            f"{row['status']:<22} exit {exit_code:<3} pages {row['pages']:<5} new {row['new']:<4} "
            f"updated {row['updated']:<3} unchanged {row['unchanged']:<4} skipped {row['skipped']:<4} "
            f"failed {row['failed']}"
        )
        for name, message in row["drift"].items():
            if name != "level":
                print(f"       drift ({row['drift'].get('level')}): {message}")
    return jobs.EXIT_OK
