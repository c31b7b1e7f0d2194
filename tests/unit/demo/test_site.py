"""The sample site: pages, manifest consistency, aliases, the GBK page and the machine-readable files."""

from __future__ import annotations

import json
import re

import pytest
from parsel import Selector

from crawler.demo.content import ZH_STORIES
from crawler.demo.site import (
    BOILERPLATE_MARKERS,
    FEED_PATH,
    HUB_PATHS,
    MANIFEST,
    NOT_FOUND_PATH,
    PRINT_PATH,
    REDIRECTS,
    RELATED_ONLY_PATH,
    REPRINT_PATH,
    SITEMAP_PATH,
    TRACKING_PATH,
    build_site,
)

BY_PATH = {a["path"]: a for a in MANIFEST}


@pytest.fixture(scope="module")
def site():
    return build_site()


def html_of(site, target):
    page = site.resolve(target)
    charset = re.search(r"charset=([\w-]+)", page.headers["Content-Type"]).group(1)
    return page.body.decode("gb18030" if charset.startswith("gb") else charset)


def paragraphs(site, target):
    sel = Selector(html_of(site, target))
    return [p.strip() for p in sel.css("div.content > p::text").getall() if p.startswith("\u3000\u3000")]


def test_build_site_is_deterministic(site):
    again = build_site()
    assert list(again) == list(site)
    assert all(again[k] == site[k] for k in site)


def test_manifest_has_unique_paths_and_both_languages():
    assert 12 <= len(MANIFEST) <= 16
    assert len(BY_PATH) == len(MANIFEST)
    assert {a["lang"] for a in MANIFEST} == {"zh", "en"}


@pytest.mark.parametrize("article", MANIFEST, ids=[a["path"] for a in MANIFEST])
def test_every_manifest_path_and_alias_serves_the_story(site, article):
    for target in [article["path"], *article["aliases"]]:
        assert site.resolve(target).status == 200, target
        text = html_of(site, target)
        assert article["title"] in text, target
        for snippet in article["body_snippets"]:
            assert snippet in text, (target, snippet)


@pytest.mark.parametrize("article", MANIFEST, ids=[a["path"] for a in MANIFEST])
def test_manifest_metadata_is_what_the_page_shows(site, article):
    text = html_of(site, article["path"])
    if article["lang"] == "zh":
        shown = article["published_at"][:16].replace("T", " ")
        assert f"{shown} 围观{article['view_count']}次" in text
        assert f"来源:{article['source']}" in text
        assert f"责任编辑:{article['editors'][0]}" in text
    else:
        assert f'"{article["published_at"]}"' in text
        assert f"Edited by {article['editors'][0]}" in text
        assert "By " + " and ".join(article["authors"]) in text


def test_anonymous_author_is_recorded_as_the_item_marker():
    anonymous = [a for a in MANIFEST if a["authors"] == ["anonymous"]]
    assert anonymous, "at least one article credits 佚名"


def test_story_text_contains_no_boilerplate_marker():
    for article in MANIFEST:
        for text in [article["title"], *article["body_snippets"]]:
            assert not [m for m in BOILERPLATE_MARKERS if m in text], text
    for story in ZH_STORIES:
        assert not [m for m in BOILERPLATE_MARKERS if m in "".join(story.paragraphs)], story.key


def test_every_boilerplate_marker_occurs_on_some_article_page(site):
    pages = [html_of(site, a["path"]) for a in MANIFEST] + [html_of(site, REPRINT_PATH)]
    missing = [m for m in BOILERPLATE_MARKERS if not any(m in p for p in pages)]
    assert missing == []


def test_print_page_is_canonical_to_the_article_and_free_of_boilerplate(site):
    sel = Selector(html_of(site, PRINT_PATH))
    assert sel.css('link[rel="canonical"]::attr(href)').get() == TRACKING_PATH.split("?")[0]
    assert [m for m in BOILERPLATE_MARKERS if m in sel.get()] == []


def test_reprint_differs_from_the_original_only_in_dateline_and_boilerplate(site):
    original = next(a for a in MANIFEST if REPRINT_PATH in a["aliases"])
    ours, theirs = paragraphs(site, original["path"]), paragraphs(site, REPRINT_PATH)
    assert ours[0].startswith(original["dateline"])
    assert theirs[0].startswith("本网讯")
    assert ours[0].removeprefix(original["dateline"]) == theirs[0].removeprefix("本网讯")
    assert ours[1:] == theirs[1:]
    reprint = html_of(site, REPRINT_PATH)
    assert "canonical" not in reprint
    assert "相关新闻" in reprint
    assert "相关阅读" not in reprint


def test_related_only_article_is_linked_only_from_related_blocks(site):
    anywhere, in_related = 0, 0
    for target, page in site.items():
        if not page.headers["Content-Type"].startswith("text/html"):
            assert RELATED_ONLY_PATH.encode() not in page.body, target
            continue
        sel = Selector(html_of(site, target))
        anywhere += len(sel.css(f'a[href="{RELATED_ONLY_PATH}"]'))
        in_related += len(sel.css(f'div.xgyd a[href="{RELATED_ONLY_PATH}"]'))
    assert anywhere >= 1
    assert anywhere == in_related


def test_related_summaries_outweigh_the_shortest_body(site):
    shortest = min(
        (a for a in MANIFEST if a["lang"] == "zh"), key=lambda a: len("".join(paragraphs(site, a["path"])))
    )
    sel = Selector(html_of(site, shortest["path"]))
    related = "".join(sel.css("div.xgyd p::text").getall())
    assert len(related) > len("".join(paragraphs(site, shortest["path"])))


def test_chinese_layouts_put_boilerplate_both_inside_and_beside_the_body(site):
    inside = [a["path"] for a in MANIFEST if Selector(html_of(site, a["path"])).css("div.content div.bqsm")]
    beside = [a["path"] for a in MANIFEST if a["lang"] == "zh" and a["path"] not in inside]
    assert inside
    assert beside


def test_english_pages_use_both_json_ld_and_opengraph(site):
    english = [html_of(site, a["path"]) for a in MANIFEST if a["lang"] == "en"]
    with_ld = [p for p in english if "application/ld+json" in p]
    assert with_ld
    assert [p for p in english if 'property="og:title"' in p]
    data = json.loads(Selector(with_ld[0]).css('script[type="application/ld+json"]::text').get())
    assert data["@type"] == "NewsArticle"


def test_hubs_link_every_article_except_the_related_only_one(site):
    linked = set()
    for hub in HUB_PATHS:
        assert site.resolve(hub).status == 200
        linked.update(Selector(html_of(site, hub)).css("a::attr(href)").getall())
    expected = {a["path"] for a in MANIFEST} - {RELATED_ONLY_PATH}
    assert expected <= linked
    assert RELATED_ONLY_PATH not in linked
    assert {"/news/index_2.shtml", "/news/index_3.shtml", "/en/?page=2"} <= linked


def test_home_links_the_tracking_url_the_redirect_and_the_missing_page(site):
    links = Selector(html_of(site, "/")).css("a::attr(href)").getall()
    assert TRACKING_PATH in links
    assert set(REDIRECTS) <= set(links)
    assert NOT_FOUND_PATH in links
    assert site.resolve(NOT_FOUND_PATH).status == 404


def test_redirects_are_relative_and_lead_to_articles(site):
    for old, new in REDIRECTS.items():
        page = site[old]
        assert page.status == 301
        assert page.headers["Location"] == new
        assert new in BY_PATH


def test_gbk_page_needs_gb18030_and_declares_gb2312(site):
    article = next(a for a in MANIFEST if "陈喆" in a["authors"])
    page = site[article["path"]]
    assert page.headers["Content-Type"] == "text/html; charset=gb2312"
    with pytest.raises(UnicodeDecodeError):
        page.body.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        page.body.decode("gb2312")
    text = page.body.decode("gb18030")
    assert 'content="text/html; charset=gb2312"' in text
    assert all(c in text for c in "镕喆堃")


def test_sitemap_lists_some_articles_with_lastmod_but_not_the_related_only_one(site):
    xml = site.resolve(SITEMAP_PATH, "http://127.0.0.1:9").body.decode()
    locs = re.findall(r"<loc>http://127\.0\.0\.1:9(.*?)</loc>", xml)
    assert set(locs) < set(BY_PATH)
    assert RELATED_ONLY_PATH not in locs
    assert xml.count("<lastmod>") == len(locs)
    assert (
        "Sitemap: http://127.0.0.1:9/sitemap.xml"
        in site.resolve("/robots.txt", "http://127.0.0.1:9").body.decode()
    )


def test_feed_lists_every_english_article_and_is_declared_on_the_section(site):
    rss = site.resolve(FEED_PATH, "http://h:1").body.decode()
    links = re.findall(r"<link>http://h:1(/en/2024/.*?)</link>", rss)
    assert sorted(links) == sorted(a["path"] for a in MANIFEST if a["lang"] == "en")
    declared = Selector(html_of(site, "/en/")).css('link[rel="alternate"]::attr(href)').get()
    assert declared == FEED_PATH


def test_resolve_ignores_tracking_only_queries_and_returns_404_for_unknown_paths(site):
    article = MANIFEST[0]["path"]
    assert site.resolve(f"{article}?utm_campaign=x&spm=4.5").body == site[article].body
    assert site.resolve(f"{article}?page=2").status == 404
    assert site.resolve("/no/such/page.html").status == 404
    assert b"html" in site.resolve("/no/such/page.html").body
