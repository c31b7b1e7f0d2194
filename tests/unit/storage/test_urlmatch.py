"""How each URL of a saved item leads to its article: fetched, canonical, redirect, content_hash."""

from __future__ import annotations

from crawler.storage.urlmatch import item_urls, url_matches
from crawler.urls import url_key

URL = "http://news.example.cn/2024/0301/1.html"
CANONICAL = "http://news.example.cn/a/1.html"
HOP = "http://news.example.cn/old/1"


def test_item_urls_lists_each_url_once_fetched_first() -> None:
    item = {"url": URL, "redirect_urls": [HOP, URL], "canonical_url": CANONICAL}
    assert item_urls(item) == [URL, HOP, CANONICAL]


def test_a_fetched_url_with_its_hops_and_canonical() -> None:
    item = {"url": URL, "redirect_urls": [HOP], "canonical_url": CANONICAL}
    assert url_matches(item, False, url_key(URL)) == {URL: "fetched", HOP: "redirect", CANONICAL: "canonical"}


def test_an_item_reaching_the_article_by_its_canonical_keeps_the_strongest_relation() -> None:
    item = {"url": URL, "canonical_url": URL}
    assert url_matches(item, False, url_key(CANONICAL)) == {URL: "fetched"}
    via_canonical = {"url": URL + "?from=rss", "canonical_url": CANONICAL}
    assert url_matches(via_canonical, False, url_key(CANONICAL))[URL + "?from=rss"] == "canonical"


def test_another_copy_of_the_content_links_its_urls_as_content_hash() -> None:
    item = {"url": URL, "canonical_url": CANONICAL}
    assert url_matches(item, True, url_key("http://other.example/x")) == {
        URL: "content_hash",
        CANONICAL: "content_hash",
    }
