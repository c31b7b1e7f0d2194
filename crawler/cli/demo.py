"""The ``demo`` command: serve the bundled sample site on 127.0.0.1 and crawl it. See README § Quick start."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from crawler.cli import runner
from crawler.cli.common import add_db, crawl_settings, finish, open_archive, preflight
from crawler.storage import queries

DEMO_PORT = 8765


def add_parsers(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add ``demo`` to the sub-command parsers; return its handler."""
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
    add_db(demo)
    return {"demo": run_demo}


def run_demo(args: argparse.Namespace) -> int:
    """``newsarchive demo``."""
    from crawler.demo import DEMO_SITE_DIR

    overrides = crawl_settings([], args.db, False)
    preflight(args.db)
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
    code = finish(outcome, args.db)
    print(f"\nArchive: {args.db}")
    for row in queries.recent(open_archive(args.db), site="sample_site", limit=3):
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
