"""--refresh: conditional GET (304 costs nothing), exactly one version for an edited article, view counts in place."""

from __future__ import annotations

import pytest

from crawler.demo.site import MANIFEST

from .editable_site import EditableSite
from .jobs_helpers import crawl_command, query, run

pytestmark = pytest.mark.integration

REFRESH = ("-s", "ARCHIVE_REFRESH=True", "-s", "ARCHIVE_REFRESH_SCHEDULE=0s,0s,0s")
EDITED = "/news/20240313205.shtml"  # zh_smart: one paragraph corrected
VIEWED = "/news/20240312101.shtml"  # zh_lab: only its view count changes
ARTICLES = {e["path"] for e in MANIFEST}


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    db = tmp_path_factory.mktemp("refresh") / "archive.db"
    with EditableSite() as site:
        first = run(crawl_command(db, site.url, "-s", "ARCHIVE_REFRESH_SCHEDULE=0s,0s,0s"))
        assert first.returncode == 0, first.stderr[-3000:]
        site.edit(EDITED, "方案提出", "方案明确提出")
        site.edit(VIEWED, "围观412次", "围观999次")
        start = len(site.requests)
        second = run(crawl_command(db, site.url, *REFRESH))
        assert second.returncode == 0, second.stderr[-3000:]
        middle = len(site.requests)
        third = run(crawl_command(db, site.url, *REFRESH))
        assert third.returncode == 0, third.stderr[-3000:]
        yield db, site.url, site.log_since(start)[: middle - start], site.log_since(middle)


def statuses(log, path):
    return [status for requested, status in log if requested.split("?", 1)[0] == path]


def test_an_edited_article_gets_exactly_one_version(refreshed):
    db, base, _, _ = refreshed
    versions = query(
        db,
        "select a.url_key, v.version, v.prev_body, v.diff, a.body from article_versions v "
        "join articles a on a.id = v.article_id",
    )
    assert len(versions) == 1
    url_key, version, prev_body, diff, body = versions[0]
    assert url_key == base + EDITED
    assert version == 2
    assert "方案提出" in prev_body
    assert "方案明确提出" in body
    assert "body: -1 +1 paragraphs" in diff


def test_unchanged_articles_answer_304_and_cost_nothing(refreshed):
    _, _, second, third = refreshed
    unchanged = ARTICLES - {EDITED, VIEWED}
    assert all(statuses(second, path) == [304] for path in unchanged), second
    assert statuses(second, EDITED) == [200]
    assert all(statuses(third, path) in ([304], []) for path in ARTICLES), third
    assert sum(status == 304 for _, status in third) >= len(ARTICLES) - 2


def test_a_view_count_change_updates_in_place_without_a_version(refreshed):
    db, base, second, _ = refreshed
    assert statuses(second, VIEWED) == [200]
    assert query(db, "select view_count from articles where url_key = ?", base + VIEWED) == [(999,)]
    assert query(
        db,
        "select count(*) from article_versions v join articles a on a.id = v.article_id where a.url_key = ?",
        base + VIEWED,
    ) == [(0,)]
