"""Behaviour tests for crawler.pages.extract beyond the saved fixtures."""

import gc
import json
from pathlib import Path

import pytest

from crawler.pages import article, extract
from crawler.sites import ProfileError, load_profile

PARA = "<p>这是一段用于测试的正文内容，包含足够多的文字和标点，以便正文检测能够选中它。我们再补充一句话。</p>"


def _page(extra_head: str = "", after_body: str = "") -> str:
    return (
        f"<html><head><title>测试标题一号_某站</title>{extra_head}</head><body><h1>测试标题一号</h1>"
        f"<div class='content'>{PARA * 4}</div>{after_body}</body></html>"
    )


def test_comment_after_body_container_does_not_crash():
    result = extract(
        _page(after_body="<!-- end --><p>（责任编辑：周小雁）</p>"), "http://a.example.cn/2020/0101/1.html"
    )
    assert result["editors"] == ["周小雁"]


def test_canonical_is_returned_as_declared_made_absolute():
    # Trust (same site, not home/section) is the normalize pipeline's decision, which counts it.
    head = '<link rel="canonical" href="http://b.example.org/x/1.html">'
    assert extract(_page(head), "http://a.example.cn/2020/0101/1.html")["canonical_url"] == (
        "http://b.example.org/x/1.html"
    )
    head = '<link rel="canonical" href="/2020/0101/1.html?from=home">'
    assert extract(_page(head), "http://a.example.cn/2020/0101/1.html")["canonical_url"] == (
        "http://a.example.cn/2020/0101/1.html?from=home"
    )


def test_non_http_canonical_is_not_returned():
    head = '<link rel="canonical" href="javascript:void(0)">'
    assert extract(_page(head), "http://a.example.cn/2020/0101/1.html")["canonical_url"] is None


def test_url_date_used_when_page_has_none():
    result = extract(_page(), "http://a.example.cn/2020/0101/1.html")
    assert result["published_at"] == "2020-01-01"
    assert result["date_source"] == "url"


@pytest.fixture
def collector():
    """Leave the cyclic collector as the test found it."""
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_collector_paused_during_extraction_and_restored(monkeypatch, collector):
    seen = []
    to_dict = article.ArticlePage.to_dict
    monkeypatch.setattr(
        article.ArticlePage, "to_dict", lambda self: seen.append(gc.isenabled()) or to_dict(self)
    )
    gc.enable()
    assert extract(_page(), "http://a.example.cn/2020/0101/1.html")["title"] == "测试标题一号"
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()  # a caller that runs without the collector keeps it off
    extract(_page(), "http://a.example.cn/2020/0101/1.html")
    assert seen == [False, False]
    assert not gc.isenabled()


def test_collector_resumed_when_extraction_fails(monkeypatch, collector):
    def fail(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(article.ArticlePage, "to_dict", fail)
    gc.enable()
    with pytest.raises(RuntimeError, match="boom"):
        extract(_page(), "http://a.example.cn/2020/0101/1.html")
    assert gc.isenabled()


FIXTURES = sorted(
    (Path(__file__).resolve().parents[2] / "fixtures" / "pages").glob("*/*/page.html"),
    key=str,
)
FIELD_ORDERS = [
    ("_canonical_url", "_published", "_authors", "_title"),
    ("_source", "_body", "_related", "_editors"),
    ("_view_count", "_published", "_source"),
]


@pytest.mark.parametrize("order", FIELD_ORDERS, ids=["-".join(o) for o in FIELD_ORDERS])
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fields_read_in_any_order_give_the_same_page(path, order):
    """The phases run by data dependence: no hook needs another read first (and none changes the tree)."""
    meta = json.loads((path.parent / "meta.json").read_text(encoding="utf-8"))
    html, url, fetched_at = path.read_bytes(), meta["url"], meta["fetched_at"]
    try:
        profile = load_profile(path.parent.parent.name)
    except ProfileError:
        profile = None
    expected = article.ArticlePage(url, html, profile, fetched_at=fetched_at).to_dict()
    page = article.ArticlePage(url, html, profile, fetched_at=fetched_at)
    for hook in order:
        getattr(page, hook)()
    assert page.to_dict() == expected
