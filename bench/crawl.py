"""Crawl benchmark: a bare Scrapy spider vs ``newsarchive crawl`` (full pipeline) on a generated local site.

Usage: python -m bench.crawl [--articles 5000] [--pairs 3] [--concurrency 16] [--layout portal|lean]
       [--profile FILE] [--full-only]
The site's ``portal`` layout (default) carries the chrome of real portals, so its article pages have the size
and link count of the real pages in ../shared/corpora (the header prints both); ``lean`` is the bare sample
templates (about 5 KB and 11 links a page). See bench/sitegen.py.
Runs A B A B ... (bare, full) on the same site served from this process, politeness off, same concurrency;
prints pages/s, CPU ms/page, peak RSS and the server's CPU share per run, the full/bare ratio per pair and
its median, then checks the last archive: unique articles against the manifest and mean body F1.
``--profile FILE`` instead runs the full pipeline once under cProfile, saves the stats in FILE and prints
the top functions by own and cumulative time. ``--full-only`` runs the full pipeline once (no bare spider,
no ratio): the peak-RSS check on a 50,000-article site without the bare spider's half hour.
"""

from __future__ import annotations

import argparse
import os
import pstats
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from bench.metric import prf
from bench.sitegen import LAYOUTS, Generated, generate
from bench.store import remove_archive
from crawler.demo.server import SampleSiteServer
from crawler.urls import canonicalize

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
COMMON = {
    "CONCURRENT_REQUESTS": None,  # filled from --concurrency
    "CONCURRENT_REQUESTS_PER_DOMAIN": None,
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "ROBOTSTXT_OBEY": "False",
    "DEPTH_LIMIT": "0",
    "LOG_LEVEL": "WARNING",
    "TELNETCONSOLE_ENABLED": "False",
}


@dataclass(frozen=True)
class Run:
    """One measured crawl."""

    kind: str
    pages: int
    wall: float
    cpu: float
    rss_mb: float
    server_cpu: float

    @property
    def pages_per_s(self) -> float:
        """Pages fetched per wall-clock second."""
        return self.pages / self.wall if self.wall else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        """Crawler CPU (user + system) per page."""
        return 1000 * self.cpu / self.pages if self.pages else 0.0


def _settings(concurrency: int) -> list[str]:
    values = dict(
        COMMON, CONCURRENT_REQUESTS=str(concurrency), CONCURRENT_REQUESTS_PER_DOMAIN=str(concurrency)
    )
    return [arg for name, value in values.items() for arg in ("-s", f"{name}={value}")]


class _PeakRss:
    """Poll a child's VmHWM (its own peak RSS) until stopped.

    ``ru_maxrss`` from wait4 is no use here: Linux carries the forking parent's resident size (the generated
    site) into the child's figure across exec.
    """

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.path = Path(f"/proc/{pid}/status")
        self.interval = interval
        self.mb = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            for line in self.path.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.mb = max(self.mb, int(line.split()[1]) / 1024)
        except (OSError, ValueError):
            pass

    def _poll(self) -> None:
        while not self._done.wait(self.interval):
            self._read()

    def stop(self) -> None:
        """Take a last reading (the child has closed its stderr, so it is about to exit) and stop."""
        self._read()
        self._done.set()
        self._thread.join()


def measure(kind: str, command: list[str], server: SampleSiteServer, cwd: Path = ROOT) -> Run:
    """Run one crawl subprocess; measure its wall time, CPU, peak RSS and the server's CPU meanwhile.

    The bare spider runs outside the project folder (``cwd``), so Scrapy's defaults apply, not the project's
    settings (middlewares, pipelines, extensions and the default archive).
    """
    before_requests = len(server.requests)
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCRAPY_", "ARCHIVE_"))}
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = _PeakRss(proc.pid)
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    peak.stop()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(stderr.decode(errors="replace")[-3000:])
        raise SystemExit(f"{kind} crawl failed with exit code {proc.returncode}")
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    server_cpu = (self_after.ru_utime + self_after.ru_stime) - (self_before.ru_utime + self_before.ru_stime)
    return Run(kind, len(server.requests) - before_requests, wall, usage.ru_utime + usage.ru_stime,
               peak.mb, server_cpu)  # fmt: skip


def bare_command(url: str, concurrency: int) -> list[str]:
    """The bare spider's command line."""
    spider = str(ROOT / "bench" / "bare_spider.py")
    return [
        sys.executable,
        "-m",
        "scrapy",
        "runspider",
        spider,
        "-a",
        f"start={url}/",
        *_settings(concurrency),
    ]


def full_command(url: str, db: Path, concurrency: int) -> list[str]:
    """``newsarchive crawl`` with the full pipeline into a fresh archive."""
    return [sys.executable, "-m", "crawler", "crawl", f"{url}/", "--db", str(db), *_settings(concurrency)]


def profile(url: str, db: Path, concurrency: int, out: Path, server: SampleSiteServer) -> Run:
    """Run the full pipeline once under cProfile into ``out``; print the top functions."""
    command = full_command(url, db, concurrency)
    run = measure("full (profiled)", [command[0], "-m", "cProfile", "-o", str(out), *command[1:]], server)
    stats = pstats.Stats(str(out))
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(45)
    return run


def check_archive(db: Path, site: Generated, base: str) -> tuple[int, int, float]:
    """Return (stored articles, manifest size, mean body F1 against the generated gold)."""
    conn = sqlite3.connect(db)
    try:
        stored = conn.execute("select count(*) from articles").fetchone()[0]
        bodies = dict(conn.execute("select url_key, body from articles"))
    finally:
        conn.close()
    scores = [prf(bodies.get(canonicalize(base + path)), gold)[2] for path, gold in site.gold.items()]
    return stored, len(site.gold), statistics.fmean(scores)


def page_shape(pages: list[bytes]) -> tuple[float, float]:
    """Median bytes and median ``<a href>`` count of some pages."""
    links = [len(etree.HTML(body).xpath("//a[@href]")) for body in pages]
    return statistics.median(len(body) for body in pages), statistics.median(links)


def site_shape(site: Generated, base: str, sample: int = 200) -> tuple[float, float]:
    """Median bytes and links of (a sample of) the generated article pages, as served."""
    paths = list(site.gold)
    step = max(1, len(paths) // sample)
    return page_shape([site.site.resolve(path, base).body for path in paths[::step]])


def corpus_shapes() -> dict[str, tuple[float, float]]:
    """Median bytes and links of the real pages of the news corpora, when ../shared/corpora is there."""
    out = {}
    for name in ("gne-testpages", "scrapinghub-aeb", "zh-cwced"):
        files = sorted((CORPORA / name).glob("*.html"))
        if files:
            out[name] = page_shape([f.read_bytes() for f in files])
    return out


def _shape_line(site: Generated, base: str) -> str:
    size, links = site_shape(site, base)
    real = "; ".join(f"{n} {s / 1000:.0f} KB, {k:.0f} links" for n, (s, k) in corpus_shapes().items())
    return f"article pages ({site.layout} layout): median {size / 1000:.1f} KB, {links:.0f} links" + (
        f" (real pages, median: {real})" if real else ""
    )


def main(argv: list[str] | None = None) -> int:
    """Run the pairs and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--layout", choices=LAYOUTS, default="portal", help="portal chrome (default) or lean pages"
    )
    parser.add_argument("--profile", type=Path, metavar="FILE", help="profile one full run into FILE")
    parser.add_argument(
        "--full-only",
        action="store_true",
        help="run the full pipeline once, no bare spider (peak RSS checks)",
    )
    args = parser.parse_args(argv)
    site = generate(args.articles, layout=args.layout)
    runs: list[tuple[Run, Run]] = []
    with SampleSiteServer(site=site.site) as server, tempfile.TemporaryDirectory() as tmp:
        print(f"site: {args.articles} articles, {len(site.site)} pages at {server.url}", file=sys.stderr)
        print(_shape_line(site, server.url))
        db = Path(tmp) / "archive.db"
        if args.profile:
            run = profile(server.url, db, args.concurrency, args.profile, server)
            print(
                f"profiled: {run.pages} pages, {run.pages_per_s:.0f} pages/s, {run.cpu_ms_per_page:.2f} CPU ms/page"
            )
            return 0
        if args.full_only:
            run = measure("full", full_command(server.url, db, args.concurrency), server)
            stored, expected, f1 = check_archive(db, site, server.url)
            print(f"full: {run.pages} pages, {run.wall:.1f} s, {run.pages_per_s:.0f} pages/s, "
                  f"{run.cpu_ms_per_page:.2f} CPU ms/page, peak RSS {run.rss_mb:.0f} MB")  # fmt: skip
            print(f"archive: {stored} unique articles stored, manifest {expected}; mean body F1 {f1:.3f}")
            return 0
        for pair in range(args.pairs):
            bare = measure("bare", bare_command(server.url, args.concurrency), server, cwd=Path(tmp))
            remove_archive(db)
            full = measure("full", full_command(server.url, db, args.concurrency), server)
            runs.append((bare, full))
            print(f"pair {pair + 1}: bare {bare.pages_per_s:.0f} pages/s, full {full.pages_per_s:.0f} pages/s",
                  file=sys.stderr, flush=True)  # fmt: skip
        stored, expected, f1 = check_archive(db, site, server.url)
    print(
        "| pair | run | pages | wall s | pages/s | CPU ms/page | peak RSS MB | server CPU share | full/bare |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    ratios = []
    for n, (bare, full) in enumerate(runs, 1):
        ratio = full.pages_per_s / bare.pages_per_s if bare.pages_per_s else 0.0
        ratios.append(ratio)
        for run in (bare, full):
            share = run.server_cpu / run.wall
            cell = f"{ratio:.2f}" if run is full else ""
            print(f"| {n} | {run.kind} | {run.pages} | {run.wall:.1f} | {run.pages_per_s:.0f} | "
                  f"{run.cpu_ms_per_page:.2f} | {run.rss_mb:.0f} | {share:.0%} | {cell} |")  # fmt: skip
    print(f"\nmedian full/bare pages/s ratio: {statistics.median(ratios):.2f}")
    print(f"archive: {stored} unique articles stored, manifest {expected}; mean body F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
