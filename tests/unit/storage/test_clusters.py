"""Tests for syndication clusters: reprints cluster together, template-sharing stories do not."""

from __future__ import annotations

import random

import pytest
from sqlite_utils import Database

import crawler.storage.clusters as clusters_module
from crawler.storage import ArchiveStore, queries
from crawler.storage.clusters import elect_original
from crawler.storage.migrations import migrations
from crawler.storage.similar import band_keys, normalised, resemblance, shingles, signature
from tests.unit.storage.conftest import ItemFactory

POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def story(seed: int, length: int = 800) -> str:
    rng = random.Random(seed)
    sentences = []
    while sum(map(len, sentences)) < length:
        sentences.append("".join(rng.choice(POOL) for _ in range(rng.randint(12, 30))) + "。")
    paragraphs = ["".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs)


def reprint_with_new_header(body: str) -> str:
    return f"新华网北京3月2日电（记者 王五）\n\n原标题：另一个标题\n\n{body}\n\n（责任编辑：赵六）"


def truncated(body: str, share: float = 0.6) -> str:
    return body[: int(len(body) * share)] + "\n\n点击阅读全文"


def test_reprints_with_changed_headers_and_truncation_join_the_original(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    body = story(1)
    first = store.save(
        make_item("http://a.example/1", site="a", body=body, published_at="2024-03-01T08:00:00+08:00")
    )
    header = store.save(
        make_item(
            "http://b.example/9",
            site="b",
            title="转载",
            body=reprint_with_new_header(body),
            published_at="2024-03-02T08:00:00+08:00",
        )
    )
    cut = store.save(
        make_item(
            "http://c.example/5", site="c", body=truncated(body), published_at="2024-03-03T08:00:00+08:00"
        )
    )
    ids = [first.article_id, header.article_id, cut.article_id]
    clusters = {row[0] for row in store.db.execute("SELECT cluster_id FROM articles")}
    assert len(set(ids)) == 3
    assert clusters == {first.article_id}


def test_different_stories_sharing_a_site_template_stay_apart(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    head = "本网讯 为深入贯彻落实全市工作会议精神，进一步推动各项任务落地见效，近日我市召开专题会议。"
    tail = "会议要求，各部门要提高认识、压实责任，确保各项工作取得实效。欢迎关注本网官方账号获取更多资讯。"
    for n in range(5):
        store.save(make_item(f"http://a.example/{n}", body=f"{head}\n\n{story(100 + n, 500)}\n\n{tail}"))
    clusters = [row[0] for row in store.db.execute("SELECT cluster_id FROM articles ORDER BY id")]
    ids = [row[0] for row in store.db.execute("SELECT id FROM articles ORDER BY id")]
    assert clusters == ids


def test_short_bodies_are_never_clustered(store: ArchiveStore, make_item: ItemFactory) -> None:
    body = story(2, 120)
    store.save(make_item("http://a.example/1", body=body))
    store.save(make_item("http://b.example/1", body=body + "。另有补充。"))
    assert store.db.execute("SELECT count(DISTINCT cluster_id) FROM articles").fetchone()[0] == 2


def test_the_copy_whose_site_others_name_as_source_is_the_original(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    body = story(3)
    reprint = store.save(
        make_item(
            "http://b.example/1",
            site="b",
            source="qilu",
            body=reprint_with_new_header(body),
            published_at="2024-03-01T08:00:00+08:00",
        )
    )
    original = store.save(
        make_item(
            "http://qilu.example/1",
            site="qilu",
            source=None,
            body=body,
            published_at="2024-03-02T08:00:00+08:00",
        )
    )
    rows = dict(store.db.execute("SELECT id, cluster_id FROM articles").fetchall())
    assert rows == {reprint.article_id: original.article_id, original.article_id: original.article_id}


def test_elect_original_prefers_named_then_earliest_then_first() -> None:
    assert (
        elect_original(
            [(1, "a", None, "2024-03-02T00:00:00+08:00"), (2, "b", None, "2024-03-01T20:00:00+00:00")]
        )
        == 1
    )
    assert elect_original([(1, "a", None, None), (2, "b", None, "2024-03-05")]) == 2
    assert elect_original([(3, "a", None, None), (2, "b", None, None)]) == 2
    assert elect_original([(1, "a", "b", "2024-01-01"), (2, "b", "b", "2024-02-01")]) == 2


def test_an_updated_body_leaves_its_old_cluster(store: ArchiveStore, make_item: ItemFactory) -> None:
    body = story(4)
    first = store.save(make_item("http://a.example/1", body=body))
    second = store.save(
        make_item(
            "http://b.example/1", body=reprint_with_new_header(body), published_at="2024-03-05T00:00:00+08:00"
        )
    )
    store.save(make_item("http://a.example/1", body=story(5), content_hash="new"))
    rows = dict(store.db.execute("SELECT id, cluster_id FROM articles").fetchall())
    assert rows == {first.article_id: first.article_id, second.article_id: second.article_id}


def test_cluster_lists_copies_original_first_with_resemblance(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    body = story(6)
    first = store.save(make_item("http://a.example/1", body=body))
    cut = store.save(
        make_item("http://c.example/1", body=truncated(body), published_at="2024-03-09T00:00:00+08:00")
    )
    rows = queries.cluster(store.db, cut.article_id)
    assert [r["id"] for r in rows] == [first.article_id, cut.article_id]
    assert rows[0]["original"] is True
    assert rows[0]["containment"] >= 0.8
    assert rows[1]["jaccard"] == 1.0
    hits = queries.search(store.db, body[:4])
    assert [(h["id"], h["reprints"]) for h in hits] == [(first.article_id, 1)]
    assert len(queries.search(store.db, body[:4], collapse=False)) == 2


def test_resemblance_measures() -> None:
    a, b = shingles("abcdefgh"), shingles("abcdefghij")
    assert resemblance(a, b).containment == 1.0
    assert resemblance(a, b).jaccard == 4 / 6
    assert not resemblance(frozenset(), b).near_duplicate


def test_migration_backfills_index_and_clusters_of_an_older_archive(tmp_path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="create_search_index")
    body = story(7)
    for n, text in enumerate([body, reprint_with_new_header(body), story(8)], 1):
        db.execute(
            "INSERT INTO articles (url_key, url, title, body, first_seen, last_seen) VALUES (?, ?, ?, ?, 'x', 'x')",
            [f"http://h.example/{n}", f"http://h.example/{n}", f"标题{n}", text],
        )
    db.conn.commit()
    db.close()
    with ArchiveStore(path) as store:
        clusters = [row[0] for row in store.db.execute("SELECT cluster_id FROM articles ORDER BY id")]
        assert clusters == [1, 1, 3]
        signed = store.db.execute("SELECT article_id FROM minhash_signatures ORDER BY 1").fetchall()
        assert [row[0] for row in signed] == [1, 2, 3]
        assert [r["id"] for r in queries.search(store.db, "标题", collapse=False, limit=5)] != []
        assert len(queries.search(store.db, body[10:13], collapse=False)) == 2


def test_an_exact_copy_published_earlier_becomes_the_face_and_stays_original(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    body = story(9)
    later = store.save(make_item("http://b.example/1", site="b", body=body, content_hash="same",
                                 published_at="2024-03-05T00:00:00+08:00"))  # fmt: skip
    near = store.save(make_item("http://c.example/1", site="c", body=reprint_with_new_header(body),
                                published_at="2024-03-04T00:00:00+08:00"))  # fmt: skip
    store.save(make_item("http://a.example/1", site="a", body=body, content_hash="same",
                         published_at="2024-03-01T00:00:00+08:00"))  # fmt: skip
    rows = dict(store.db.execute("SELECT id, cluster_id FROM articles").fetchall())
    assert rows == {later.article_id: later.article_id, near.article_id: later.article_id}
    assert store.db.execute("SELECT site FROM articles WHERE id = ?", [later.article_id]).fetchone()[0] == "a"


def _count_normalisations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = clusters_module.normalised

    def counting(body: str | None) -> str:
        calls.append(1)
        return real(body)

    monkeypatch.setattr(clusters_module, "normalised", counting)
    return calls


def test_a_sure_signature_estimate_confirms_without_re_reading_the_candidate(
    store: ArchiveStore, make_item: ItemFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_normalisations(monkeypatch)
    body = story(21)
    first = store.save(make_item("http://a.example/1", site="a", body=body))
    store.save(make_item("http://b.example/1", site="b", body=reprint_with_new_header(body)))
    store.save(make_item("http://c.example/1", site="c", body=story(22)))
    assert len(calls) == 3  # each save normalises its own body only
    clusters = [row[0] for row in store.db.execute("SELECT cluster_id FROM articles ORDER BY id")]
    assert clusters == [first.article_id, first.article_id, first.article_id + 2]


def test_an_unsure_estimate_falls_back_to_the_exact_comparison(
    store: ArchiveStore, make_item: ItemFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_normalisations(monkeypatch)
    monkeypatch.setattr(clusters_module, "near_duplicate_estimate", lambda *args: None)
    body = story(23)
    first = store.save(make_item("http://a.example/1", site="a", body=body))
    store.save(make_item("http://b.example/1", site="b", body=truncated(body, 0.7)))
    assert len(calls) == 3  # the candidate's body was normalised again
    clusters = {row[0] for row in store.db.execute("SELECT cluster_id FROM articles")}
    assert clusters == {first.article_id}


def test_a_re_bodied_article_keeps_exactly_its_new_signature_bands(
    store: ArchiveStore, make_item: ItemFactory
) -> None:
    body = story(21)
    saved = store.save(make_item("http://a.example/1", body=body))
    edited = body + "更正：本文第二段数字有误，已修改。"
    store.save(make_item("http://a.example/1", body=edited))
    stored = {
        row[0]
        for row in store.db.execute("SELECT key FROM minhash_bands WHERE article_id = ?", [saved.article_id])
    }
    assert stored == set(band_keys(signature(shingles(normalised(edited)))))
    store.save(make_item("http://a.example/1", body="太短了"))
    assert store.db.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM minhash_signatures").fetchone()[0] == 0


def test_a_band_key_common_to_many_articles_reads_only_its_newest_postings() -> None:
    db = Database(memory=True)
    db.execute(
        "CREATE TABLE minhash_bands (key INTEGER NOT NULL, article_id INTEGER NOT NULL,"
        " PRIMARY KEY (key, article_id)) WITHOUT ROWID"
    )
    common, rare, many = 7, 8, 3 * clusters_module.KEY_POSTINGS
    db.conn.executemany("INSERT INTO minhash_bands VALUES (?, ?)", [(common, n) for n in range(1, many + 1)])
    db.conn.execute("INSERT INTO minhash_bands VALUES (?, ?)", [rare, 5])  # an old article with a rare band
    found = clusters_module._candidates(db, many + 1, [common, rare])
    assert 5 in found  # found by its rare band
    newest = range(many - clusters_module.KEY_POSTINGS, many + 1)
    assert [n for n in found if n != 5] == list(newest)[: clusters_module.MAX_CANDIDATES - 1]
