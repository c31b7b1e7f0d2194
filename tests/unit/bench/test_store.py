"""bench.store --growth: one archive filled in equal parts, a rate per part, every article stored once."""

from __future__ import annotations

from bench import store as bench_store
from crawler.storage import queries


def test_growth_saves_every_article_once_in_equal_parts(tmp_path) -> None:
    items = bench_store.make_items(30)
    parts = bench_store.growth(tmp_path / "archive.db", items, 3)
    assert [stored for stored, _, _ in parts] == [10, 20, 30]
    assert all(rate > 0 and megabytes > 0 for _, rate, megabytes in parts)
    db = queries.open_archive(tmp_path / "archive.db")
    try:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 30
        assert db.execute("SELECT count(*) FROM article_search").fetchone()[0] == 30
    finally:
        db.close()


def test_growth_prints_a_row_per_part(capsys) -> None:
    assert bench_store.main(["--articles", "20", "--growth", "2"]) == 0
    cells = [
        line.split("|")[1].strip() for line in capsys.readouterr().out.splitlines() if line.startswith("| ")
    ]
    assert cells == ["articles stored", "10", "20"]
