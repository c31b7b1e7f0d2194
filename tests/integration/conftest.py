"""Integration fixtures: the sample site on a free 127.0.0.1 port and a real ``scrapy crawl`` subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.demo import DEMO_SITE_DIR
from crawler.demo.server import SampleSiteServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample_site() -> Iterator[SampleSiteServer]:
    with SampleSiteServer() as server:
        yield server


def scrapy_crawl(db: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run ``scrapy crawl article`` the way a scheduled job does, fast politeness settings for loopback."""
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "article",
        *args,
        "-s",
        f"ARCHIVE_DB={db}",
        "-s",
        f"ARCHIVE_SITE_DIRS={DEMO_SITE_DIR}",
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s",
        "LOG_LEVEL=INFO",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCRAPY_", "ARCHIVE_"))}
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
