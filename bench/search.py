"""Benchmark search: build a generated archive, then time ranked top-20 queries by kind.

Usage: python -m bench.search [--n 100000] [--db PATH] [--queries 200] [--json PATH] [--no-fold].
Articles are saved one by one through ArchiveStore.save (search index and MinHash clusters included); 5 %
are reprints of an earlier article, Chinese sentences sometimes carry ASCII (5G网络, A股, 2024年) and one
Chinese article in ten is written in traditional characters. Reports the save rate, the size of the
archive and of its search and cluster tables, the cost of the index text (with and without the
traditional->simplified fold), and p50/p95 latency of ranked top-20 queries: 1-, 2- and 4-character
Chinese, 4 characters typed in traditional, mixed ASCII/CJK runs and English words.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crawler.storage import ArchiveStore, queries, search
from crawler.storage.hanfold import _PAIRS

CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
    "队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单"
    "风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土"
    "许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省"
    "列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置"
    "派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严扶贫"
)
WORDS = [
    "school",
    "teacher",
    "village",
    "market",
    "river",
    "budget",
    "harbor",
    "farmer",
    "bridge",
    "railway",
    "museum",
    "forest",
    "doctor",
    "factory",
    "garden",
    "winter",
    "summer",
    "orange",
    "silver",
    "policy",
    "energy",
    "health",
    "report",
    "council",
    "water",
    "road",
    "price",
    "trade",
    "export",
    "student",
    "science",
    "office",
    "county",
    "police",
    "court",
    "housing",
    "transport",
    "weather",
    "festival",
]


#: Zipf weights (1/rank), as character frequencies in real Chinese text roughly are.
CHAR_WEIGHTS = [1 / rank for rank in range(1, len(CHARS) + 1)]


#: ASCII that Chinese news glues to Chinese words (5G网络, A股, iPhone手机, COVID-19疫情, 2024年).
MIXED = ["5G", "A", "H", "iPhone", "COVID-19", "GDP", "AI", "2024", "3", "12", "CPI", "APP"]
#: One traditional form per simplified character (the search fold table read backwards).
TO_TRADITIONAL = str.maketrans(
    {simple: trad for trad, simple in zip(_PAIRS[0::2], _PAIRS[1::2], strict=True)}
)
CJK_QUERY = re.compile("[\u4e00-\u9fff]+")
MIXED_RUN = re.compile(
    "[0-9A-Za-z\u4e00-\u9fff]*(?:[0-9A-Za-z][\u4e00-\u9fff]|[\u4e00-\u9fff][0-9A-Za-z])[0-9A-Za-z\u4e00-\u9fff]*"
)


def chinese(rng: random.Random, length: int) -> str:
    """Sentences of common characters drawn by Zipf frequency, in paragraphs; one in five carries ASCII."""
    sentences, size = [], 0
    while size < length:
        sentence = "".join(rng.choices(CHARS, CHAR_WEIGHTS, k=rng.randint(10, 30))) + rng.choice("，。。；")
        if rng.random() < 0.2:
            cut = rng.randrange(len(sentence) - 1)
            sentence = sentence[:cut] + rng.choice(MIXED) + sentence[cut:]
        sentences.append(sentence)
        size += len(sentence)
    return "\n\n".join("".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))


def _vocabulary(size: int = 20_000, seed: int = 5) -> list[str]:
    """Made-up words (consonant-vowel syllables) plus the query words: a broad vocabulary like real text."""
    rng = random.Random(seed)
    made = {"".join(rng.choice("bcdfghklmnprstvw") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))
            for _ in range(size)}  # fmt: skip
    return [*WORDS, *sorted(made)]


VOCABULARY = _vocabulary()


def english(rng: random.Random, length: int) -> str:
    """Sentences of random words; the query words are about one word in ten."""
    words = [rng.choice(WORDS) if rng.random() < 0.1 else rng.choice(VOCABULARY) for _ in range(length // 7)]
    return ". ".join(" ".join(words[i : i + 12]).capitalize() for i in range(0, len(words), 12)) + "."


def articles(n: int, seed: int = 6) -> Iterator[dict[str, Any]]:
    """``n`` generated Article items: 80 % Chinese, 20 % English, 5 % reprints with a new header."""
    rng = random.Random(seed)
    bodies: list[str] = []
    for i in range(n):
        if bodies and rng.random() < 0.05:
            body = f"本报讯（记者 王五）\n\n{rng.choice(bodies)}\n\n（责任编辑：赵六）"
        elif rng.random() < 0.8:
            body = chinese(rng, rng.randint(400, 1600))
            if rng.random() < 0.1:
                body = body.translate(TO_TRADITIONAL)
        else:
            body = english(rng, rng.randint(600, 2400))
        if len(bodies) < 2000:
            bodies.append(body)
        else:
            bodies[rng.randrange(2000)] = body
        title = body.split("\n")[0][: rng.randint(8, 24)]
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T08:00:00+08:00"
        yield {"url": f"http://site{i % 50}.example/{i}.html", "site": f"site{i % 50}", "title": title,
               "body": body, "published_at": day, "content_hash": f"h{i}"}  # fmt: skip


def build(path: Path, n: int) -> dict[str, float]:
    """Save ``n`` articles into a new archive; return the rate and sizes."""
    started = time.perf_counter()
    with ArchiveStore(path) as store:
        for item in articles(n):
            store.save(item)
        elapsed = time.perf_counter() - started
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        sizes = _table_sizes(store)
    return {"articles": n, "seconds": round(elapsed, 1), "articles_per_s": round(n / elapsed, 1),
            "file_mb": round(path.stat().st_size / 2**20, 1), **sizes}  # fmt: skip


def _table_sizes(store: ArchiveStore) -> dict[str, float]:
    """MiB per group of tables, from dbstat when SQLite has it."""
    try:
        rows = store.db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except Exception:  # noqa: BLE001 (dbstat is optional in SQLite builds)
        return {}
    groups = {
        "search_mb": ("article_search",),
        "clusters_mb": ("minhash_bands", "idx_minhash", "idx_articles_cl"),
    }
    out = {}
    for label, prefixes in groups.items():
        out[label] = round(sum(s for name, s in rows if name.startswith(prefixes)) / 2**20, 1)
    return out


def sample_queries(path: Path, count: int, seed: int = 7) -> dict[str, list[str]]:
    """Random substrings of stored Chinese bodies: 1, 2 and 4 Chinese characters, 4 characters turned to
    traditional, mixed ASCII/CJK runs of 3-6 characters; and English words."""
    rng = random.Random(seed)
    db = queries.open_archive(path)
    top = db.execute("SELECT max(id) FROM articles").fetchone()[0]
    kinds: dict[str, list[str]] = {"zh-1": [], "zh-2": [], "zh-4": [], "zh-4-trad": [], "mixed": [],
                                   "en-word": rng.choices(WORDS, k=count)}  # fmt: skip
    while any(len(v) < count for v in kinds.values()):
        body = db.execute("SELECT body FROM articles WHERE id = ?", [rng.randint(1, top)]).fetchone()
        text = body[0] if body else ""
        runs = [run for run in CJK_QUERY.findall(text) if len(run) >= 5]
        if not runs:
            continue
        run = rng.choice(runs)
        for length in (1, 2, 4):
            start = rng.randrange(len(run) - length)
            if len(kinds[f"zh-{length}"]) < count:
                kinds[f"zh-{length}"].append(run[start : start + length])
        if len(kinds["zh-4-trad"]) < count:
            start = rng.randrange(len(run) - 4)
            kinds["zh-4-trad"].append(run[start : start + 4].translate(TO_TRADITIONAL))
        mixed = [m.group() for m in MIXED_RUN.finditer(text) if len(m.group()) >= 3]
        if mixed and len(kinds["mixed"]) < count:
            run = rng.choice(mixed)
            length = rng.randint(3, min(6, len(run)))
            start = rng.randrange(len(run) - length + 1)
            piece = run[start : start + length]
            if CJK_QUERY.search(piece) and re.search("[0-9A-Za-z]", piece):
                kinds["mixed"].append(piece)
    db.close()
    return kinds


def index_text_cost(n: int = 2000) -> dict[str, float]:
    """Microseconds per generated article to build its index text, with and without the fold."""
    items = list(articles(n, seed=9))
    out = {}
    for label, table in (("index_text_us", search._TEXT_FOLD), ("index_text_no_fold_us", {})):
        saved, search._TEXT_FOLD = search._TEXT_FOLD, table
        try:
            started = time.perf_counter()
            for item in items:
                search.index_text(item["title"])
                search.index_text(item["body"])
            out[label] = round((time.perf_counter() - started) / n * 1e6, 1)
        finally:
            search._TEXT_FOLD = saved
    return out


def time_queries(path: Path, kinds: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """p50/p95 milliseconds and mean hits of ranked top-20 searches, per query kind."""
    db = queries.open_archive(path)
    out = {}
    for kind, texts in kinds.items():
        times, hits = [], []
        for text in texts:
            started = time.perf_counter()
            hits.append(len(queries.search(db, text, limit=20)))
            times.append((time.perf_counter() - started) * 1000)
        cuts = statistics.quantiles(times, n=20)
        out[kind] = {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(cuts[18], 2),
                     "mean_results": round(statistics.mean(hits), 1)}  # fmt: skip
    db.close()
    return out


def main() -> None:
    """Run the benchmark and print (or save) a JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles to generate (default: %(default)s)")
    parser.add_argument("--db", type=Path, help="archive to build (default: a temporary file)")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind (default: %(default)s)")
    parser.add_argument("--json", type=Path, help="also write the report here")
    parser.add_argument("--reuse", action="store_true", help="time queries on an existing --db, no build")
    parser.add_argument("--no-fold", action="store_true", help="build without the traditional fold (cost)")
    args = parser.parse_args()
    if args.no_fold:
        search._TEXT_FOLD = {ord(search.BARRIER): " "}
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "bench.db"
        reuse = args.reuse and args.db is not None and args.db.exists()
        report: dict[str, Any] = {} if reuse else {"build": build(path, args.n)}
        report["index_text"] = index_text_cost()
        report["queries"] = time_queries(path, sample_queries(path, args.queries))
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
