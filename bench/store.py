"""Store benchmark: ArchiveStore rows/s for new, duplicate and updated articles, full-text index and clusters on.

Usage: python -m bench.store [--articles 5000] [--db FILE] [--repeat N] [--growth PARTS]
Bodies, titles and URLs come from bench/sitegen.py's generated site (the crawl benchmark's articles), shaped
as the pipelines hand them to the store. Each workload runs on a file archive in WAL mode, one save per
transaction ("per row") and batched (``ArchiveStore(batch_seconds=1)``, as in a crawl with the default
ARCHIVE_COMMIT_INTERVAL: one transaction committed every second and on close). The "components" rows show what
the full-text index and the clusters cost. The index is brought up to date in bulk just before each commit
(``crawler.storage.pending``), so the timings include the final ``flush``: every saved row is searchable when
its workload's rate is taken. A last line times the index alone, saving excluded (``index_alone``: two more
archives beside the first, ``*-index-0.db`` and ``*-index-1.db``): the ceiling of a batched save with the
index on. ``--growth PARTS`` instead saves the articles as new in PARTS equal parts into one archive and
prints each part's rate: how saves slow down as the archive grows.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import crawler.storage.archive as archive_module
from bench.sitegen import generate
from crawler.cleaning.fingerprint import content_hash
from crawler.storage import ArchiveStore
from crawler.storage.search import index_text
from crawler.urls import canonicalize

BASE = "http://news.bench.example"
Item = dict[str, Any]


def make_items(articles: int) -> list[Item]:
    """One Article-shaped item per generated article (url_key and content_hash filled as the pipelines do)."""
    site = generate(articles)
    items = []
    for n, (path, body) in enumerate(site.gold.items()):
        url = BASE + path
        items.append(
            {
                "url": url, "url_key": canonicalize(url), "canonical_url": url, "site": "bench",
                "title": f"第{n}篇 Article {n}", "published_at": f"2024-03-{1 + n % 28:02d}T08:00:00+08:00",
                "published_raw": None, "date_source": "meta", "authors": ["张三"], "source": "示例日报",
                "editors": [], "view_count": n, "lang": "zh", "body": body, "content_hash": content_hash(body),
                "related": [{"url": f"{BASE}/r/{n}/{k}", "title": f"相关{k}"} for k in range(4)],
                "removed": {}, "encoding": "utf-8", "fetched_at": "2024-03-02T00:00:00+00:00",
                "redirect_urls": [],
            }
        )  # fmt: skip
    return items


def duplicates(items: list[Item]) -> list[Item]:
    """The same articles under other URLs (syndicated copies: ``duplicate_content``)."""
    return [
        {**i, "url": i["url"] + "?copy=1", "url_key": i["url_key"] + "?copy=1", "canonical_url": None}
        for i in items
    ]


def updates(items: list[Item]) -> list[Item]:
    """The same URLs with an edited body (``updated``: re-indexed and re-clustered)."""
    out = []
    for i in items:
        body = i["body"] + "\n更正：本文第二段数字有误，已修改。"
        out.append({**i, "body": body, "content_hash": content_hash(body)})
    return out


@contextmanager
def components(fts: bool, clusters: bool) -> Iterator[None]:
    """Switch the full-text index (the queueing of saved articles for indexing) and/or the clusters off for a
    component measurement."""
    saved = archive_module.defer_index, archive_module.cluster_article
    if not fts:
        archive_module.defer_index = lambda *args, **kwargs: None  # type: ignore[assignment]
    if not clusters:
        archive_module.cluster_article = lambda *args, **kwargs: 0  # type: ignore[assignment]
    try:
        yield
    finally:
        archive_module.defer_index, archive_module.cluster_article = saved


def remove_archive(path: Path) -> None:
    """Delete an archive file with its WAL and shared-memory files (a fresh start for the next run)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def timed(
    path: Path, batch: float | None, workloads: list[tuple[str, list[Item]]]
) -> list[tuple[str, float]]:
    """Save each workload in order into a fresh archive at ``path``; return (name, rows/s) per workload."""
    remove_archive(path)
    out = []
    kwargs: dict[str, Any] = {} if batch is None else {"batch_seconds": batch}
    with ArchiveStore(path, **kwargs) as store:
        for name, items in workloads:
            started = time.perf_counter()
            outcomes = {store.save(item).outcome for item in items}
            store.flush()
            elapsed = time.perf_counter() - started
            out.append((f"{name} ({'/'.join(sorted(outcomes))})", len(items) / elapsed))
    return out


def index_alone(path: Path, items: list[Item]) -> tuple[float, float]:
    """Articles/s of the full-text index alone, saving excluded: (index text + FTS5, FTS5 with the text made).

    The articles are saved with the index off into two fresh archives, then indexed in one statement, as
    ``flush_pending`` does at a commit: the ceiling of a batched save with the index on, however fast the rest
    of a save is.
    """
    rates = []
    for precomputed in (False, True):
        db = path.with_name(f"{path.stem}-index-{int(precomputed)}.db")
        remove_archive(db)
        with components(False, False), ArchiveStore(db, batch_seconds=1) as store:
            for item in items:
                store.save(item)
            store.flush()
            conn = store.db.conn
            if precomputed:  # the index text made beforehand, in a TEMP table, not timed
                stored = conn.execute("SELECT id, title, body FROM articles").fetchall()
                conn.execute("CREATE TEMP TABLE made (id INTEGER PRIMARY KEY, title_bi TEXT, body_bi TEXT)")
                conn.executemany(
                    "INSERT INTO temp.made VALUES (?, ?, ?)",
                    [(i, index_text(title), index_text(body)) for i, title, body in stored],
                )
                conn.execute("COMMIT")
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            if precomputed:
                conn.execute("INSERT INTO article_search (id, title_bi, body_bi) SELECT * FROM temp.made")
            else:
                conn.execute(
                    "INSERT INTO article_search (id, title_bi, body_bi)"
                    " SELECT id, archive_index_text(title), archive_index_text(body) FROM articles"
                )
            conn.execute("COMMIT")
            rates.append(len(items) / (time.perf_counter() - started))
    return rates[0], rates[1]


def growth(path: Path, items: list[Item], chunks: int) -> list[tuple[int, float, float]]:
    """Save ``items`` as new articles (batched, index and clusters on) into a fresh archive in ``chunks``
    equal parts; return (articles stored after the part, its rows/s, file size in MB) per part."""
    remove_archive(path)
    size = max(1, len(items) // chunks)
    out = []
    with ArchiveStore(path, batch_seconds=1) as store:
        for start in range(0, len(items), size):
            part = items[start : start + size]
            started = time.perf_counter()
            for item in part:
                store.save(item)
            store.flush()
            rate = len(part) / (time.perf_counter() - started)
            out.append((start + len(part), rate, path.stat().st_size / 1e6))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the workloads and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--db", type=Path, help="archive file to use (default: a temporary folder)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per configuration; the best rate of each is kept (shared machines)",
    )
    parser.add_argument(
        "--growth",
        type=int,
        metavar="PARTS",
        help="instead: save the articles as new (batched, index and clusters on) in PARTS equal parts and"
        " print rows/s per part, to see how saves slow down as the archive grows",
    )
    args = parser.parse_args(argv)
    items = make_items(args.articles)
    if args.growth:
        with tempfile.TemporaryDirectory() as tmp:
            parts = growth(args.db or Path(tmp) / "archive.db", items, args.growth)
        print(
            f"{args.articles} new articles from bench/sitegen.py, batched, FTS + clusters, {args.growth} parts\n"
        )
        print("| articles stored | rows/s of the part | archive MB |")
        print("|---:|---:|---:|")
        for stored, rate, megabytes in parts:
            print(f"| {stored:,} | {rate:,.0f} | {megabytes:,.0f} |")
        return 0
    workloads = [("new", items), ("duplicate", duplicates(items)), ("updated", updates(items))]
    rows: list[tuple[str, str, str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "archive.db"
        runs: list[tuple[str, bool, bool, float | None]] = [
            ("per row", True, True, None),
            ("batched", True, True, 1.0),
            ("per row", True, False, None),
            ("batched", True, False, 1.0),
            ("per row", False, False, None),
            ("batched", False, False, 1.0),
        ]
        for commit, fts, clusters, batch in runs:
            label = "FTS + clusters" if clusters else ("FTS only" if fts else "neither")
            best: dict[str, float] = {}
            for _ in range(max(1, args.repeat)):
                with components(fts, clusters):
                    for name, rate in timed(path, batch, workloads):
                        best[name] = max(rate, best.get(name, 0.0))
            rows += [(commit, label, name, rate) for name, rate in best.items()]
        ceiling = max((index_alone(path, items) for _ in range(max(1, args.repeat))), key=lambda r: r[0])
    repeat = f", best of {args.repeat} runs" if args.repeat > 1 else ""
    print(f"{args.articles} articles from bench/sitegen.py, file archive (WAL, synchronous=NORMAL){repeat}\n")
    print("| commits | index | workload (outcomes) | rows/s |")
    print("|---|---|---|---|")
    for commit, label, name, rate in rows:
        print(f"| {commit} | {label} | {name} | {rate:,.0f} |")
    print(
        f"\nthe full-text index alone, saving excluded (one statement, as at a commit): {ceiling[0]:,.0f} articles/s;"
        f" FTS5 alone, index text already made: {ceiling[1]:,.0f} articles/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
