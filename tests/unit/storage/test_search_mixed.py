"""Tests for search on mixed ASCII/CJK runs, traditional/simplified folding, the reindex migration and the plan."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator

import pytest
from sqlite_utils import Database

from crawler.storage import ArchiveStore, hits, queries
from crawler.storage.filters import ArticleFilter
from crawler.storage.hanfold import _PAIRS, fold
from crawler.storage.migrations import apply_migrations, migrations
from crawler.storage.search import snippet
from tests.unit.storage.conftest import ItemFactory

HAN = "经济教育部门发展国家学习网络手机疫情股市场问题时间关系环境农业银行"
ASCII_TOKENS = ["5G", "A", "iPhone", "COVID-19", "2024", "GDP", "x86", "H股", "Wi-Fi", "AI"]
#: One traditional form per simplified character (the fold table read backwards).
TO_TRADITIONAL = {simple: trad for trad, simple in zip(_PAIRS[0::2], _PAIRS[1::2], strict=True)}
MIXED_RUN = re.compile("[0-9A-Za-z\u4e00-\u9fff]+")


def traditional(text: str) -> str:
    return "".join(TO_TRADITIONAL.get(char, char) for char in text)


def _mixed_text(rng: random.Random, length: int) -> str:
    """Chinese with ASCII tokens glued on (no spaces), the way Chinese news writes 5G网络 or A股."""
    parts: list[str] = []
    while sum(map(len, parts)) < length:
        parts.append("".join(rng.choice(HAN) for _ in range(rng.randint(1, 8))))
        parts.append(rng.choice([*ASCII_TOKENS, "，", "。", " "]))
    return "".join(parts)


def _truth_text(doc: dict[str, str]) -> str:
    return fold(unicodedata.normalize("NFKC", f"{doc['title']}\n{doc['body']}")).lower()


@pytest.fixture(scope="module")
def corpus() -> Iterator[tuple[ArchiveStore, list[dict[str, str]]]]:
    rng = random.Random(11)
    docs = []
    with ArchiveStore(":memory:") as store:
        for n in range(90):
            title, body = _mixed_text(rng, 12), _mixed_text(rng, 160)
            if n % 3 == 0:  # a third written in traditional characters
                title, body = traditional(title), traditional(body)
            url = f"http://m.example/{n}"
            store.save({"url": url, "title": title, "body": body, "content_hash": str(n)})
            docs.append({"url": url, "title": title, "body": body})
        yield store, docs


def _found(store: ArchiveStore, query: str) -> set[str]:
    return {row["url"] for row in queries.search(store.db, query, limit=1000, collapse=False)}


def _mixed_runs(docs: list[dict[str, str]]) -> list[str]:
    runs = [run for d in docs for run in MIXED_RUN.findall(f"{d['title']} {d['body']}")]
    return [run for run in runs if re.search("[0-9A-Za-z]", run) and re.search("[\u4e00-\u9fff]", run)]


@pytest.mark.parametrize("length", [2, 3, 4, 6])
def test_mixed_queries_find_exactly_the_documents_containing_them(corpus, length: int) -> None:
    store, docs = corpus
    rng = random.Random(length)
    runs = [run for run in _mixed_runs(docs) if len(run) >= length]
    checked = 0
    while checked < 50:
        run = rng.choice(runs)
        start = rng.randrange(len(run) - length + 1)
        query = run[start : start + length]
        if not (re.search("[0-9A-Za-z]", query) and re.search("[\u4e00-\u9fff]", query)):
            continue
        checked += 1
        truth = {d["url"] for d in docs if fold(query).lower() in _truth_text(d)}
        assert truth
        assert _found(store, query) == truth, query


@pytest.mark.parametrize("query", ["5G网络", "iPhone手机", "COVID-19疫情", "A股", "H股市场", "经济x86"])
def test_named_mixed_queries_match_inside_longer_runs(
    store: ArchiveStore, make_item: ItemFactory, query: str
) -> None:
    texts = {
        "inside": f"报道称新5G网络和用iPhone手机的人在COVID-19疫情中炒A股与H股市场，经济x86架构。{query}",
        "longer": f"前缀{query}后缀",
        "spaced": " ".join(query),
        "other": "完全无关的一篇文章，讲的是农业。",
    }
    for name, body in texts.items():
        store.save(make_item(f"http://x.example/{name}", body=body, title=name))
    found = {row["title"] for row in queries.search(store.db, query, limit=50, collapse=False)}
    assert found == {"inside", "longer"}


def test_ascii_words_inside_chinese_runs_stay_words(corpus) -> None:
    store, docs = corpus
    for word in ["iPhone", "GDP", "5G", "AI", "x86", "2024"]:
        pattern = re.compile(rf"(?<![0-9a-z]){re.escape(word.lower())}(?![0-9a-z])")
        truth = {d["url"] for d in docs if pattern.search(_truth_text(d))}
        assert truth, word
        assert _found(store, word) == truth, word
    # A bigram of a mixed run is never an English word: "19" is only found where it stands alone.
    assert (
        _found(store, "19")
        == _found(store, "COVID-19")
        == {d["url"] for d in docs if "covid-19" in _truth_text(d)}
    )


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_traditional_and_simplified_queries_find_each_other(corpus, length: int) -> None:
    store, docs = corpus
    rng = random.Random(100 + length)
    runs = [run for d in docs for run in re.findall(f"[\u4e00-\u9fff]{{{length},}}", d["body"])]
    for n in range(40):
        run = rng.choice(runs)
        start = rng.randrange(len(run) - length + 1)
        query = run[start : start + length]
        query = traditional(query) if n % 2 else fold(query)
        truth = {d["url"] for d in docs if fold(query) in _truth_text(d)}
        assert _found(store, query) == truth, query


def test_named_traditional_queries(store: ArchiveStore, make_item: ItemFactory) -> None:
    store.save(make_item("http://t.example/s", title="简体", body="国家经济稳定，教育部门发布通知。"))
    store.save(make_item("http://t.example/t", title="繁體", body="國家經濟穩定，教育部門發佈通知。"))
    store.save(make_item("http://t.example/o", title="其他", body="经历济南部分门店。"))
    for query in ["經濟", "经济", "教育部門", "教育部门", "部門"]:
        assert {row["title"] for row in queries.search(store.db, query)} == {"简体", "繁體"}, query
    row = next(r for r in queries.search(store.db, "经济") if r["title"] == "繁體")
    assert row["snippet"] == "國家[經濟]穩定，教育部門發佈通知。"


def test_snippets_find_folded_hits_in_the_original_text() -> None:
    assert snippet("他們討論５Ｇ網絡與經濟。", "5G网络") == "他們討論[５Ｇ網絡]與經濟。"
    assert snippet("用IPHONE手機", "iphone手机") == "用[IPHONE手機]"


def test_the_reindex_migration_rebuilds_an_existing_archive() -> None:
    db = Database(memory=True)
    migrations.apply(db, stop_before="reindex_search_mixed_runs_and_folding")
    db.execute(
        """INSERT INTO articles (id, url_key, url, title, body, first_seen, last_seen)
           VALUES (1, 'k1', 'http://a/1', '繁體', '用5G網絡看A股', 'now', 'now')"""
    )
    # The old index form of that article: a run of CJK only, ASCII words apart, no folding.
    db.execute(
        "INSERT INTO article_search (id, title_bi, body_bi) VALUES (1, ' 繁體 體 ', ' 用 5G 網絡 絡 看 A 股 ')"
    )
    assert queries.search(db, "G网") == []
    # Later migrations may follow; this one runs first.
    assert apply_migrations(db)[0] == "reindex_search_mixed_runs_and_folding"
    for query in ["G网", "网络", "A股", "5G", "繁体"]:
        assert [row["id"] for row in queries.search(db, query)] == [1], query
    # The sync triggers are back: a new row is indexed, an update replaces the old text.
    db.execute(
        """INSERT INTO articles (id, url_key, url, title, body, first_seen, last_seen)
           VALUES (2, 'k2', 'http://a/2', 't', 'iPhone手机', 'now', 'now')"""
    )
    db.execute("INSERT INTO article_search (id, title_bi, body_bi) VALUES (2, '', '')")
    db.execute("UPDATE article_search SET body_bi = ? WHERE id = 2", ["ｈｏ ｏｎ ｎｅ ｅ手 手机"])
    assert [row["id"] for row in queries.search(db, "one手")] == [2]
    # FTS5 raises "database disk image is malformed" when its index is inconsistent.
    db.execute("INSERT INTO article_search_fts (article_search_fts) VALUES ('integrity-check')")


def test_phrase_queries_rank_title_hits_first(store: ArchiveStore, make_item: ItemFactory) -> None:
    filler = "各地继续推进各项工作，群众生活水平稳步提高。"
    for n in range(6):
        store.save(
            make_item(f"http://h.example/{n}", title=f"新闻{n}", body=f"{filler * (n + 1)}精准扶贫{filler}")
        )
    store.save(make_item("http://h.example/t", title="精准扶贫见成效", body=f"{filler * 2}精准扶贫"))
    store.save(make_item("http://h.example/twice", title="新闻", body=f"精准扶贫{filler * 2}精准扶贫"))
    urls = [row["url"] for row in queries.search(store.db, "精准扶贫")]
    assert urls[:2] == ["http://h.example/t", "http://h.example/twice"]
    assert urls[2] == "http://h.example/0"  # one hit in the shortest body
    assert len(urls) == 8


def test_very_common_phrases_score_only_the_newest_matches(
    store: ArchiveStore, make_item: ItemFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hits, "PHRASE_WINDOW", 5)
    store.save(make_item("http://h.example/old", title="精准扶贫", body="精准扶贫的老文章。"))
    for n in range(10):
        store.save(make_item(f"http://h.example/{n}", title=f"新闻{n}", body=f"第{n}篇讲精准扶贫。"))
    assert [r["url"] for r in queries.search(store.db, "精准扶贫", limit=1)] != ["http://h.example/old"]
    assert len(queries.search(store.db, "精准扶贫", limit=20)) == 11  # the window grows to limit x 3
    monkeypatch.setattr(hits, "PHRASE_WINDOW", 50)
    assert [r["url"] for r in queries.search(store.db, "精准扶贫", limit=1)] == ["http://h.example/old"]


@pytest.mark.parametrize("query", ["扶贫", "精准扶贫"])
def test_collapse_fetches_more_when_one_cluster_fills_the_first_page(
    store: ArchiveStore, make_item: ItemFactory, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    monkeypatch.setattr(hits, "OVERFETCH", 1)
    story = "".join(
        f"第{n}段讲精准扶贫工作在各地推进的情况和群众的反应，记者走访了多个村庄。" for n in range(8)
    )
    for n in range(6):  # six reprints of one story rank first (title hits)
        store.save(make_item(f"http://r{n}.example/1", title="精准扶贫", body=story, content_hash=f"r{n}",
                             published_at=f"2024-03-0{n + 1}T08:00:00+08:00"))  # fmt: skip
    for n in range(3):
        store.save(make_item(f"http://o.example/{n}", title=f"其他{n}", body=f"另一篇{n}也提到精准扶贫。"))
    rows = queries.search(store.db, query, limit=3)
    assert len(rows) == 3
    assert rows[0]["url"] == "http://r0.example/1"  # the cluster's original (earliest)
    assert rows[0]["reprints"] == 5
    assert {row["cluster_id"] for row in rows[1:]} == {row["id"] for row in rows[1:]}
    assert len(queries.search(store.db, query, limit=3, collapse=False)) == 3


@pytest.mark.parametrize("query", ["扶贫", "poverty", "精准扶贫"])
def test_filtered_queries_rank_title_hits_first_within_the_filter(
    store: ArchiveStore, make_item: ItemFactory, query: str
) -> None:
    filler = "各地继续推进各项工作，群众生活水平稳步提高。"
    for n in range(4):
        for site in ("a", "b"):
            store.save(make_item(f"http://{site}.example/{n}", site=site, title=f"新闻{n}",
                                 body=f"{filler * (n + 2)}精准扶贫 poverty {filler}"))  # fmt: skip
    store.save(
        make_item(
            "http://a.example/t", site="a", title="精准扶贫 poverty", body=f"{filler * 3}精准扶贫 poverty"
        )
    )
    store.save(
        make_item("http://b.example/t", site="b", title="精准扶贫 poverty", body=f"{filler}精准扶贫 poverty")
    )
    rows = queries.search(store.db, query, filters=ArticleFilter(site="a"))
    assert [row["url"] for row in rows[:2]] == ["http://a.example/t", "http://a.example/0"]
    assert {row["site"] for row in rows} == {"a"}
    assert len(rows) == 5
