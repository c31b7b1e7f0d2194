"""ArchiveStore.link_redirects: redirect hops to an archived article become its URLs, whatever the order."""

from __future__ import annotations

from crawler.storage import ArchiveStore

TARGET = "https://news.example.com/news/2024/0315/102.shtml"
OLD = "https://news.example.com/old/2023/zhanshi.html"


def _article(url: str = TARGET) -> dict:
    return {"url": url, "title": "装备展示", "body": "正文" * 40, "site": "example"}


def _urls(store: ArchiveStore) -> list[tuple]:
    return store.db.execute("SELECT url, article_id, match FROM article_urls ORDER BY url").fetchall()


def test_a_hop_to_an_archived_article_is_recorded_as_a_redirect():
    with ArchiveStore(":memory:") as store:
        saved = store.save(_article())
        assert store.link_redirects(TARGET, [OLD]) is True
        assert (OLD, saved.article_id, "redirect") in _urls(store)


def test_the_hop_leads_to_the_same_row_as_a_save_that_followed_the_redirect():
    with ArchiveStore(":memory:") as followed, ArchiveStore(":memory:") as direct_first:
        followed.save({**_article(), "redirect_urls": [OLD]})
        direct_first.save(_article())
        direct_first.link_redirects(TARGET, [OLD])
        assert [(url, match) for url, _, match in _urls(followed)] == [
            (url, match) for url, _, match in _urls(direct_first)
        ]


def test_nothing_is_written_without_an_archived_target():
    with ArchiveStore(":memory:") as store:
        assert store.link_redirects(TARGET, [OLD]) is False
        store.save(_article())
        assert store.link_redirects(TARGET, []) is False
        assert store.link_redirects(TARGET, [TARGET]) is False
        assert [url for url, _, _ in _urls(store)] == [TARGET]


def test_a_hop_never_weakens_a_url_fetched_for_the_same_article():
    with ArchiveStore(":memory:") as store:
        saved = store.save(_article())
        store.link_redirects(TARGET, [TARGET + "?from=old", OLD])
        store.link_redirects(TARGET, [OLD])
        rows = _urls(store)
        assert (TARGET, saved.article_id, "fetched") in rows
        assert len(rows) == 3
