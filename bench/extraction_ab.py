"""Extraction speed of two source trees measured in lockstep, page by page, on the generated benchmark site.

Usage: ``python -m bench.extraction_ab BASE_TREE [OTHER_TREE] [--articles N] [--rounds R]``. OTHER_TREE
defaults to this checkout; a tree is any checkout of newsarchive (``git worktree add --detach DIR REV``).

One worker process per tree (each imports ``crawler`` from its own tree) generates the same site
(``bench/sitegen.py``) and waits; the driver then asks both workers for the same page in turn, alternating
which goes first, so that the machine's drift (other jobs, CPU frequency) falls on both alike. Separate
timed runs of ``bench.extraction --sitegen`` on a shared 2-core machine swing by 20-30 % from run to run;
the lockstep ratio moves by a few percent. Prints ms/page of each tree and their ratios.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

_WORKER = """
import sys, time
sys.path.insert(0, ".")
from bench.sitegen import generate
from crawler.pages import extract
site = generate(int(sys.argv[1]))
pages = [(site.site.resolve(path).body, f"http://127.0.0.1{path}") for path in site.gold]
for body, url in pages[:10]:
    extract(body, url, fetched_at="2024-03-20T00:00:00+00:00")
print(len(pages), flush=True)
for line in sys.stdin:
    body, url = pages[int(line)]
    started = time.perf_counter()
    extract(body, url, fetched_at="2024-03-20T00:00:00+00:00")
    print(time.perf_counter() - started, flush=True)
"""


def _worker(tree: Path, articles: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WORKER, str(articles)],
        cwd=tree,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _ask(worker: subprocess.Popen[str], index: int) -> float:
    assert worker.stdin is not None
    assert worker.stdout is not None
    worker.stdin.write(f"{index}\n")
    worker.stdin.flush()
    return float(worker.stdout.readline())


def lockstep(base: Path, other: Path, articles: int, rounds: int) -> dict[str, float]:
    """ms/page of each tree and the ratios other/base (of the totals, and the median of per-page ratios)."""
    workers = [_worker(base, articles), _worker(other, articles)]
    try:
        counts = {int(w.stdout.readline()) for w in workers if w.stdout is not None}
        if len(counts) != 1:
            raise SystemExit(f"the two trees generate different sites: {sorted(counts)} pages")
        pages = counts.pop()
        totals, ratios = [0.0, 0.0], []
        for r in range(rounds):
            for index in range(pages):
                times = [0.0, 0.0]
                for k in (0, 1) if (index + r) % 2 == 0 else (1, 0):
                    times[k] = _ask(workers[k], index)
                totals[0] += times[0]
                totals[1] += times[1]
                ratios.append(times[1] / times[0])
    finally:
        for w in workers:
            if w.stdin is not None:
                w.stdin.close()
            w.wait(timeout=60)
            if w.stdout is not None:
                w.stdout.close()
    done = pages * rounds
    return {
        "pages": pages,
        "rounds": rounds,
        "base_ms": round(totals[0] * 1000 / done, 2),
        "other_ms": round(totals[1] * 1000 / done, 2),
        "ratio_total": round(totals[1] / totals[0], 3),
        "ratio_median": round(statistics.median(ratios), 3),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the lockstep comparison and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="the tree to compare against")
    parser.add_argument("other", type=Path, nargs="?", default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--articles", type=int, default=300, help="articles of the generated site")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the site")
    args = parser.parse_args(argv)
    for tree in (args.base, args.other):
        if not (tree / "crawler" / "pages").is_dir() or not (tree / "bench" / "sitegen.py").is_file():
            parser.error(f"{tree} is not a newsarchive checkout (no crawler/pages or bench/sitegen.py)")
    found = lockstep(args.base, args.other, args.articles, args.rounds)
    print(
        f"{found['pages']} pages x {found['rounds']} rounds: base {found['base_ms']} ms/page, "
        f"other {found['other_ms']} ms/page; other/base {found['ratio_total']} (totals), "
        f"{found['ratio_median']} (median of per-page ratios)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
