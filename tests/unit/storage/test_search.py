"""Tests for crawler.storage.search and queries.search: bigram index, query rewrite, ranking, snippets."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.storage import ArchiveStore, hits, queries
from crawler.storage.filters import ArticleFilter
from crawler.storage.hanfold import FOLD_TABLE
from crawler.storage.search import index_text, match_expression, normal, snippet
from tests.unit.storage.conftest import ItemFactory

ALPHABET = "教育精准扶贫青岛学校农村医疗改革发展经济城市人民政府工作会议"
WORDS = [
    "river", "market", "budget", "harbor", "school", "farmer", "bridge", "grain", "railway", "teacher",
    "museum", "forest", "doctor", "factory", "village", "garden", "winter", "summer", "orange", "silver",
]  # fmt: skip


def test_index_text_turns_cjk_runs_into_bigrams_plus_the_last_character() -> None:
    assert index_text("精准扶贫") == " 精准 准扶 扶贫 贫 "
    assert index_text("Poverty relief") == "Poverty relief"
    assert index_text("經濟") == " 经济 济 "


def test_index_text_bigrams_mixed_runs_in_full_width_and_keeps_their_words() -> None:
    assert index_text("2024年ＡＢＣ") == " 2024 ２０ ０２ ２４ ４年 年ａ ａｂ ｂｃ ｃ ABC "
    assert index_text("用iPhone拍") == " 用ｉ ｉｐ ｐｈ ｈｏ ｏｎ ｎｅ ｅ拍 拍  \ue000 iPhone"
    assert index_text("A股\ue000") == " A ａ股 股  "


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("扶贫", '"扶贫"'),
        ("青", '"青"*'),
        ("精准扶贫", '"精准 准扶 扶贫"'),
        ("年3月", '"年３ ３月"'),
        ("5G网络", '"５ｇ ｇ网 网络"'),
        ("COVID-19疫情", '"COVID- 19 １９ ９疫 疫情"'),
        ("手机-iPhone", '"手机 机 -iPhone"'),
        ("經濟 教育部門", '"经济" AND "教育 育部 部门"'),
        ("教育 poverty", '"教育" AND "poverty"'),
        ('say "hi"', '"say" AND """hi"""'),
        ("  ", None),
        ("!!! ？", None),
    ],
)
def test_match_expression_rewrites_queries_like_the_index(query: str, expression: str | None) -> None:
    assert match_expression(query) == expression


def test_snippet_is_cut_from_the_original_text_around_the_hit() -> None:
    text = "开头。" * 30 + "这里讲精准扶贫的成效。" + "结尾。" * 30
    cut = snippet(text, "扶贫", width=30)
    assert "[扶贫]" in cut
    assert cut.startswith("…")
    assert cut.endswith("…")
    assert snippet("Villages scraped funds.", "scrape") == "Villages [scraped] funds."


def _chinese_text(rng: random.Random, length: int) -> str:
    parts = []
    while sum(map(len, parts)) < length:
        parts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))))
        parts.append(rng.choice(["，", "。", " ", "12", "A股", "\n\n"]))
    return "".join(parts)


@pytest.fixture(scope="module")
def corpus() -> Iterator[tuple[ArchiveStore, list[dict[str, str]]]]:
    rng = random.Random(6)
    docs = []
    with ArchiveStore(":memory:") as store:
        for n in range(80):
            if n % 2:
                title = _chinese_text(rng, 10)
                body = _chinese_text(rng, 150)
            else:
                title = " ".join(rng.sample(WORDS, 3)).capitalize()
                body = ". ".join(" ".join(rng.choices(WORDS, k=8)) for _ in range(3))
            store.save({"url": f"http://h.example/{n}", "title": title, "body": body, "content_hash": str(n)})
            docs.append({"url": f"http://h.example/{n}", "title": title, "body": body})
        yield store, docs


def _found(store: ArchiveStore, query: str) -> set[str]:
    return {row["url"] for row in queries.search(store.db, query, limit=1000, collapse=False)}


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_chinese_queries_find_exactly_the_documents_containing_them(corpus, length: int) -> None:
    store, docs = corpus
    rng = random.Random(length)
    runs = [run for doc in docs for run in re.findall(f"[{ALPHABET}]{{{length},}}", doc["body"])]
    for _ in range(60):
        run = rng.choice(runs)
        start = rng.randrange(len(run) - length + 1)
        query = run[start : start + length]
        truth = {d["url"] for d in docs if query in d["title"] or query in d["body"]}
        assert _found(store, query) == truth, query


def test_english_words_find_exactly_the_documents_using_them(corpus) -> None:
    store, docs = corpus
    for word in WORDS:
        truth = {
            d["url"] for d in docs if re.search(rf"\b{word}\b", f"{d['title']} {d['body']}", re.IGNORECASE)
        }
        assert truth, word
        assert _found(store, word) == truth, word


def test_title_hits_rank_first(store: ArchiveStore, make_item: ItemFactory) -> None:
    filler = "各地继续推进各项工作，群众生活水平稳步提高。"
    for n in range(8):
        store.save(make_item(f"http://h.example/{n}", title=f"新闻{n}", body=f"{filler * 3}扶贫{filler * n}"))
    store.save(make_item("http://h.example/t", title="扶贫工作见成效", body=f"{filler * 6}扶贫"))
    store.save(make_item("http://h.example/e", title="Poverty", body="rural " * 20))
    rows = queries.search(store.db, "扶贫")
    assert rows[0]["url"] == "http://h.example/t"
    assert len(rows) == 9
    assert queries.search(store.db, "poverty")[0]["url"] == "http://h.example/e"


def test_search_filters_by_site_source_author_and_dates(store: ArchiveStore, make_item: ItemFactory) -> None:
    store.save(make_item("http://a.example/1", site="a", source="甲报", authors=["张三"], body="扶贫一"))
    store.save(
        make_item("http://b.example/1", site="b", source="乙报", authors=["李四"], body="扶贫二",
                  published_at="2024-05-02T08:00:00+08:00")
    )  # fmt: skip

    def urls(**conditions: str) -> list[str]:
        return [r["url"] for r in queries.search(store.db, "扶贫", filters=ArticleFilter(**conditions))]

    assert urls(site="a") == ["http://a.example/1"]
    assert urls(source="乙报") == ["http://b.example/1"]
    assert urls(author="张三") == ["http://a.example/1"]
    assert urls(since="2024-04") == ["http://b.example/1"]
    assert urls(until="2024-03") == ["http://a.example/1"]
    assert len(urls(until="2024-05-02")) == 2


def test_updating_an_article_updates_its_index(store: ArchiveStore, make_item: ItemFactory) -> None:
    store.save(make_item(body="原来的正文讲扶贫。"))
    store.save(make_item(body="新的正文讲教育。", content_hash="changed"))
    assert queries.search(store.db, "扶贫") == []
    assert len(queries.search(store.db, "教育")) == 1


def test_very_common_queries_rank_only_the_newest_matches(
    store: ArchiveStore, make_item: ItemFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hits, "RANK_WINDOW", 5)
    store.save(make_item("http://h.example/old", title="扶贫扶贫", body="扶贫的老文章。"))
    for n in range(10):
        store.save(make_item(f"http://h.example/{n}", title=f"新闻{n}", body=f"第{n}篇讲扶贫。"))
    urls = [r["url"] for r in queries.search(store.db, "扶贫", limit=1)]
    assert urls != ["http://h.example/old"]
    assert len(urls) == 1
    assert len(queries.search(store.db, "扶贫", limit=20)) == 11
    monkeypatch.setattr(hits, "RANK_WINDOW", 50)
    assert [r["url"] for r in queries.search(store.db, "扶贫", limit=1)] == ["http://h.example/old"]


def _reference_index_text(text: str | None) -> str:
    """The index form written the plain way, one run at a time (the fast ``index_text`` must equal it)."""
    if not text:
        return ""
    inner: list[str] = []

    def run_tokens(run: str) -> str:
        marked = "".join(chr(ord(c) + 0xFEE0) if c.isascii() else c for c in run.lower())
        words = [(m.start(), m.end(), m.group()) for m in re.finditer("[0-9A-Za-z]+", run)]
        tokens = [words.pop(0)[2]] if words and words[0][0] == 0 else []
        trail = words.pop()[2] if words and words[-1][1] == len(run) else None
        inner.extend(word for _, _, word in words)
        tokens += [marked[i : i + 2] for i in range(len(marked) - 1)] + [marked[-1]]
        return " ".join([*tokens, *([trail] if trail else [])])

    cjk = re.compile(
        "[\u3005\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
    )
    folded = unicodedata.normalize("NFKC", text).translate({**FOLD_TABLE, 0xE000: " "})
    out = re.sub(
        f"[{cjk.pattern[1:-1]}0-9A-Za-z]+",
        lambda m: f" {run_tokens(m.group())} " if cjk.search(m.group()) else m.group(),
        folded,
    )
    return f"{out} \ue000 {' '.join(inner)}" if inner else out


MIXED_ALPHABET = "经濟a Ab1９Ｚ中，。：（\u3000iPhone5G網Ωé\u0301ﬁ①㍿가あ\ue000x-_𠀾𫝈\x00"


@given(st.text(alphabet=MIXED_ALPHABET, max_size=40))
@settings(max_examples=400, deadline=None)
def test_index_text_equals_the_run_by_run_reference(text: str) -> None:
    assert index_text(text) == _reference_index_text(text)
    assert normal(text) == unicodedata.normalize("NFKC", text).translate({**FOLD_TABLE, 0xE000: " "})


def test_index_text_equals_the_reference_on_long_mixed_text() -> None:
    rng = random.Random(5)
    for _ in range(200):
        text = "".join(rng.choice(MIXED_ALPHABET + ALPHABET) for _ in range(rng.randint(0, 400)))
        assert index_text(text) == _reference_index_text(text)
