"""Score crawler.pages.extract and the anchor extractors side by side on the shared corpora.

Usage: python -m bench.extraction [CORPUS_DIR ...] [--extractors newsarchive,trafilatura,...]
       [--limit N] [--json PATH] [--worst] [--pin] [--sitegen N]. Corpora default to every folder under
../shared/corpora. ``--sitegen N`` only times ours on N articles of the generated benchmark
site (from the bytes, and from the text and tree as the spider hands them over).
``--pin`` raises the figures in bench/extraction_baseline.json (never lowers them): the quality gate
(tests/unit/bench/test_extraction_gate.py) fails when ours falls more than 0.01 below a pinned F1 or field.
The metric is exactly the one in ../shared/corpora/README.md (see bench/metric.py), fields included:
``published`` (to the minute), ``source``, ``editors`` and ``authors`` (name sets) are scored on every corpus
whose gold holds them (zh-news), for each extractor that gives the field ("-" otherwise). ``author`` and
``date`` score the raw byline and date strings of readability-tests and zh-cwced, which that README leaves
open: a gold author is its first line without a leading "By"/"Par"/"作者："; a gold date is compared at its
own precision (day, month or year) and a gold that holds no date (UNKNOWN) is not scored.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.extractors import GIVES, Prediction, available
from bench.metric import FIELDS, author_match, date_match, field_hits, gold_date, prf, title_match

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
BASELINE = ROOT / "bench" / "extraction_baseline.json"
#: The Prediction attribute holding each README field.
ATTRIBUTE = {"published": "date", "source": "source", "editors": "editors", "authors": "authors"}
#: Pinned figures that may only fall (counts); every other pinned figure may only rise.
COUNTS = ("empty", "leftover_lines")
LEFTOVER = re.compile(
    r"^\s*[(（【\[]?\s*(?:来源|稿件来源|文章来源|信息来源|责任编辑|责编|编辑)\s*[:：]"
    r"|版权与免责声明|版权声明|免责声明|版权所有|相关阅读|相关新闻|推荐阅读|延伸阅读|分享到|扫一扫"
    r"|打印本页|关闭窗口|【纠错】|我要投稿|返回搜狐|特别声明：以上内容",
)


def pages(corpus: Path, limit: int | None) -> list[tuple[str, bytes, dict[str, Any]]]:
    """Return (id, html bytes, gold) for each page of a corpus folder."""
    out = []
    for html_path in sorted(corpus.glob("*.html"))[:limit]:
        gold_path = html_path.with_suffix(".json")
        gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.exists() else {}
        out.append((html_path.stem, html_path.read_bytes(), gold))
    return out


def run_one(fn: Callable[[bytes, str], Prediction], html: bytes, url: str) -> tuple[Prediction, float, str]:
    """Run one extractor on one page; a crash scores as an empty prediction."""
    started = time.perf_counter()
    error = ""
    try:
        prediction = fn(html, url)
    except Exception as exc:  # noqa: BLE001 - the benchmark must survive any extractor failure
        prediction, error = Prediction(), f"{type(exc).__name__}: {exc}"[:200]
    return prediction, time.perf_counter() - started, error


def score_corpus(
    corpus: Path, extractors: dict[str, Callable[[bytes, str], Prediction]], limit: int | None
) -> dict[str, dict[str, Any]]:
    """Score every extractor on one corpus; return {extractor: summary}."""
    results: dict[str, dict[str, Any]] = {}
    corpus_pages = pages(corpus, limit)
    per: dict[str, list[dict[str, Any]]] = {name: [] for name in extractors}
    for page_id, html, gold in corpus_pages:
        url = gold.get("url") or ""
        for name, fn in extractors.items():
            prediction, seconds, error = run_one(fn, html, url)
            row: dict[str, Any] = {
                "id": page_id,
                "seconds": seconds,
                "error": error,
                "body_chars": len(prediction.body.strip()),
            }
            if gold.get("body"):
                row["p"], row["r"], row["f1"] = prf(prediction.body, gold["body"])
            row.update(score_fields(prediction, gold, GIVES.get(name)))
            leftovers = [ln for ln in prediction.body.splitlines() if LEFTOVER.search(ln)]
            row["leftover_lines"] = leftovers[:5]
            row["leftover_count"] = len(leftovers)
            per[name].append(row)
    for name, rows in per.items():
        results[name] = summarize(rows)
    return results


def score_fields(
    prediction: Prediction, gold: dict[str, Any], gives: frozenset[str] | None
) -> dict[str, Any]:
    """Row entries ``<field>_ok`` for title, author, date and the README fields, each where the gold holds
    the field and the extractor gives it (``gives``: Prediction attributes; None: all), and ``misses``:
    {field: [gold, predicted]} for the title and README fields it got wrong."""
    given = {f: getattr(prediction, a) for f, a in ATTRIBUTE.items() if gives is None or a in gives}
    row: dict[str, Any] = {}
    if gold.get("title"):
        row["title_ok"] = title_match(prediction.title, gold["title"])
    if gold.get("author") and "authors" in given:
        row["author_ok"] = author_match(prediction.authors, gold["author"])
    if gold.get("date") and gold_date(gold["date"]) and "published" in given:
        row["date_ok"] = date_match(prediction.date, gold["date"])
    hits = field_hits(given, gold)
    row.update({f"{name}_ok": ok for name, ok in hits.items()})
    row["misses"] = {name: [gold[name], given[name]] for name, ok in hits.items() if not ok}
    if not row.get("title_ok", True):
        row["misses"]["title"] = [gold["title"], prediction.title]
    return row


def _mean(rows: list[dict[str, Any]], key: str) -> float | None:
    values = [float(r[key]) for r in rows if key in r]
    return round(statistics.fmean(values), 4) if values else None


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Condense per-page rows into corpus figures plus the 10 worst pages."""
    times = sorted(r["seconds"] for r in rows)
    scored = [r for r in rows if "f1" in r]
    return {
        "pages": len(rows),
        "scored": len(scored),
        "p": _mean(rows, "p"),
        "r": _mean(rows, "r"),
        "f1": _mean(rows, "f1"),
        "min_f1": round(min(r["f1"] for r in scored), 4) if scored else None,
        "title": _mean(rows, "title_ok"),
        "author": _mean(rows, "author_ok"),
        "date": _mean(rows, "date_ok"),
        **{name: _mean(rows, f"{name}_ok") for name in FIELDS},
        "empty": sum(1 for r in rows if r["body_chars"] == 0),
        "short": sum(1 for r in rows if r["body_chars"] < 100),
        "leftover_lines": sum(r["leftover_count"] for r in rows),
        "errors": sum(1 for r in rows if r["error"]),
        "pages_per_s": round(len(rows) / sum(times), 2) if sum(times) else None,
        "ms_median": round(statistics.median(times) * 1000, 2) if times else None,
        "ms_p95": round(times[int(0.95 * (len(times) - 1))] * 1000, 2) if times else None,
        "worst": [
            {k: r[k] for k in ("id", "f1", "p", "r") if k in r}
            for r in sorted(scored, key=lambda r: r["f1"])[:10]
        ],
        "leftover_examples": [ln for r in rows for ln in r["leftover_lines"]][:10],
        "field_misses": {r["id"]: r["misses"] for r in rows if r["misses"]},
    }


def fmt(value: Any) -> str:
    """Format one table cell."""
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def print_table(report: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Print one table: a row per (corpus, extractor)."""
    cols = ["f1", "p", "r", "min_f1", "title", "author", "date", *FIELDS]
    cols += ["empty", "short", "leftover_lines", "errors", "pages_per_s", "ms_median", "ms_p95"]
    print(f"| corpus | extractor | {' | '.join(cols)} |")
    print("|" + "---|" * (len(cols) + 2))
    for corpus, by_name in report.items():
        for name, s in by_name.items():
            print(f"| {corpus} | {name} | " + " | ".join(fmt(s[c]) for c in cols) + " |")


def overall(report: dict[str, dict[str, dict[str, Any]]]) -> dict[str, float]:
    """Pages per second of each extractor over every page of every corpus (total pages / total time)."""
    pages: dict[str, int] = {}
    seconds: dict[str, float] = {}
    for by_name in report.values():
        for name, s in by_name.items():
            if s["pages_per_s"]:
                pages[name] = pages.get(name, 0) + s["pages"]
                seconds[name] = seconds.get(name, 0.0) + s["pages"] / s["pages_per_s"]
    return {name: round(pages[name] / seconds[name], 1) for name in pages if seconds[name]}


def print_overall(report: dict[str, dict[str, dict[str, Any]]], reference: str = "trafilatura") -> None:
    """One line: overall pages/s per extractor, and each one's ratio to the reference extractor's."""
    speeds = overall(report)
    base = speeds.get(reference)
    cells = [
        f"{name} {speed}" + (f" ({speed / base:.1f}x {reference})" if base and name != reference else "")
        for name, speed in speeds.items()
    ]
    print("\noverall pages/s: " + ", ".join(cells))


#: The accuracies the gate holds wherever a corpus scores them, next to body F1.
PINNED_FIELDS = ("title", "author", "date", *FIELDS)


def pinned_figures(summary: dict[str, Any]) -> dict[str, Any]:
    """The figures the gate holds for one corpus: mean F1 and each field accuracy it scores when its body
    is scored, else the empty and leftover counts."""
    if summary["f1"] is not None:
        fields = {key: summary[key] for key in PINNED_FIELDS if summary.get(key) is not None}
        return {"f1": summary["f1"], **fields}
    return {"empty": summary["empty"], "leftover_lines": summary["leftover_lines"]}


def raise_pins(old: dict[str, Any], report: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """New baseline: each F1 and field accuracy only goes up, each count only goes down, other corpora are
    kept."""
    out = {name: dict(figures) for name, figures in old.items()}
    for corpus, by_name in report.items():
        ours = by_name.get("newsarchive")
        if ours is None:
            continue
        pinned = out.setdefault(corpus, {})
        for key, value in pinned_figures(ours).items():
            better = min if key in COUNTS else max
            pinned[key] = better(pinned[key], value) if key in pinned else value
    return out


def time_sitegen(articles: int) -> dict[str, Any]:
    """ms/page of crawler.pages.extract over the article pages of a generated site: from the page's bytes
    (decoding and parsing included) on every other page, and from the page's text and tree as the spider
    hands them over (the crawl parses each page once, for link discovery and extraction: ``ms_median_tree``)
    on the pages between, so that no page is extracted twice."""
    from bench.sitegen import generate
    from crawler.pages import dom, extract

    site = generate(articles)
    times, tree_times = [], []
    for n, path in enumerate(site.gold):
        page = site.site.resolve(path)  # as served: the portal layout's chrome spliced in
        url = f"http://127.0.0.1{path}"
        if n % 2 == 0:
            started = time.perf_counter()
            extract(page.body, url, fetched_at="2024-03-20T00:00:00+00:00")
            times.append(time.perf_counter() - started)
            continue
        text = page.body.decode("utf-8")
        root = dom.parse(text)
        started = time.perf_counter()
        extract(text, url, fetched_at="2024-03-20T00:00:00+00:00", root=root)
        tree_times.append(time.perf_counter() - started)
    times.sort()
    return {
        "pages": len(times) + len(tree_times),
        "pages_per_s": round(len(times) / sum(times), 1),
        "ms_median": round(statistics.median(times) * 1000, 2),
        "ms_p95": round(times[int(0.95 * (len(times) - 1))] * 1000, 2),
        "ms_median_tree": round(statistics.median(tree_times) * 1000, 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; write JSON when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="corpus folders (default: all shared corpora)")
    parser.add_argument("--extractors", default="newsarchive,trafilatura,readability,newspaper4k,gne")
    parser.add_argument("--limit", type=int, help="at most N pages per corpus")
    parser.add_argument("--json", type=Path, default=ROOT / "output" / "bench" / "extraction.json")
    parser.add_argument("--worst", action="store_true", help="print the 10 worst pages per corpus")
    parser.add_argument("--pin", action="store_true", help="raise the pins in bench/extraction_baseline.json")
    parser.add_argument(
        "--sitegen", type=int, metavar="N", help="only time ours on N generated articles (bench/sitegen.py)"
    )
    args = parser.parse_args(argv)
    if args.sitegen:
        print(json.dumps(time_sitegen(args.sitegen)))
        return 0
    folders = args.corpora or sorted(p for p in DEFAULT_CORPORA.iterdir() if p.is_dir())
    if not folders:
        print(f"no corpora found under {DEFAULT_CORPORA}", file=sys.stderr)
        return 2
    extractors = available(args.extractors.split(","))
    report = {}
    for folder in folders:
        print(f"scoring {folder.name} ...", file=sys.stderr, flush=True)
        report[folder.name] = score_corpus(folder, extractors, args.limit)
    print_table(report)
    print_overall(report)
    if args.worst:
        for corpus, by_name in report.items():
            ours = by_name.get("newsarchive")
            if ours and ours["worst"]:
                print(
                    f"\nworst newsarchive pages in {corpus}: "
                    + ", ".join(f"{w['id']} ({w['f1']:.2f})" for w in ours["worst"])
                )
            if ours and ours["leftover_examples"]:
                print(f"leftover boilerplate lines in {corpus}: {ours['leftover_examples']}")
            if ours and ours["field_misses"]:
                misses = json.dumps(ours["field_misses"], ensure_ascii=False)
                print(f"newsarchive field misses in {corpus} (gold, ours): {misses}")
    if args.pin and not args.limit:
        old = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
        BASELINE.write_text(json.dumps(raise_pins(old, report), indent=1) + "\n", encoding="utf-8")
        print(f"pinned {BASELINE}", file=sys.stderr)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
